import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { linkIdField, readLinkId } from './shared';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get a booking link',
	description: 'Get a booking link with its short link, expiry and how often it was opened and used',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['link'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	linkIdField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const linkId = readLinkId.call(this, item.index);
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.bookingLink(linkId), subject: `booking link ${linkId}` },
		item,
	);
}
