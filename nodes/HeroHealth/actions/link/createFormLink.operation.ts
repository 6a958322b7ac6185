import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, patientLocator, readPatientId, readRequiredText, requestsInFlightOption } from '../fields';
import { checkedLinkLimits, expiryDateOption, maximumUsesOption } from './shared';

export const about = {
	name: 'Create Form Link',
	action: 'Create a form link',
	description: 'Create a link through which a patient fills in a practice form',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['createFormLink'] } }, [
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
	optionsCollection([expiryDateOption, maximumUsesOption, requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const formId = readRequiredText.call(this, item.index, 'formId', 'Form ID');
	const body: IDataObject = { form_id: formId, patient_id: readPatientId.call(this, item.index) };
	const options = this.getNodeParameter('options', item.index, {}) as { expiryDate?: string; maximumUses?: number };
	Object.assign(body, checkedLinkLimits.call(this, item.index, options));
	return await heroRequest.call(this, { method: 'POST', path: heroPaths.formLinks, body, subject: 'form or patient' }, item);
}
