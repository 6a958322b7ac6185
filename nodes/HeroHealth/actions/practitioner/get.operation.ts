import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, practitionerLocator, readNumericId, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get a practitioner',
	description: 'Get one clinician who can be booked, by their Hero practitioner ID',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['practitioner'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	practitionerLocator,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const practitionerId = readNumericId.call(this, item.index, 'practitionerId', 'Practitioner');
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.practitioner(practitionerId), subject: `practitioner ${practitionerId}` },
		item,
	);
}
