import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { optionsCollection, patientLocator } from '../common.descriptions';
import { readPatientId, readRequiredText } from '../common.parameters';
import { expiryDateOption, maximumUsesOption, readLinkLimits } from './shared';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Form ID',
		name: 'formId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 12',
		description: 'The Hero ID of the practice form the patient should fill in',
	},
	{ ...patientLocator, description: 'The patient the form link is for' },
	optionsCollection([expiryDateOption, maximumUsesOption]),
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const formId = readRequiredText.call(this, item.index, 'formId', 'Form ID');
	const body: IDataObject = { form_id: formId, patient_id: readPatientId.call(this, item.index) };
	const options = this.getNodeParameter('options', item.index, {}) as { expiryDate?: string; maximumUses?: number };
	Object.assign(body, readLinkLimits.call(this, item.index, options));
	return await heroRequest.call(this, { method: 'POST', path: heroPaths.formLinks, body, subject: 'form or patient' }, item);
}
