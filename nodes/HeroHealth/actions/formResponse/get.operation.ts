import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { readNumericId, requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Get',
	action: 'Get a form response',
	description: "Get a patient's submission of a form sent through a form link: its form, patient, link and filing to the record",
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['formResponse'], operation: ['get'] } }, [
	{
		displayName: 'Form Response ID',
		name: 'formResponseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 600001',
		description: 'The ID of the form response, e.g. the ID a Form Submission Created event names',
	},
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readNumericId.call(this, item.index, 'formResponseId', 'Form Response ID');
	return await heroGet.call(this, item, heroPaths.formResponse(id), `form response ${id}`);
}
