import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, readNumericId, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get a form response',
	description: "Get a patient's submission of a form sent through a form link: its form, patient, link and filing to the record",
};

export const independentItems = true;

const displayOptions = { show: { resource: ['formResponse'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	{
		displayName: 'Form Response ID',
		name: 'formResponseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 600001',
		description: 'The ID of the form response, e.g. the ID a Form Submission Created event names',
	},
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const formResponseId = readNumericId.call(this, item.index, 'formResponseId', 'Form Response ID');
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.formResponse(formResponseId), subject: `form response ${formResponseId}` },
		item,
	);
}
