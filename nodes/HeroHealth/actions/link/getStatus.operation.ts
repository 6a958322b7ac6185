import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { refuseInvalid } from '../../validation';
import { readRequiredText, requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Get Status',
	action: 'Get the status of a link',
	description: 'Get whether any Hero link (by URL or ID) is unused, used or expired, and what it points at',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['getStatus'] } }, [
	{
		displayName: 'Find Link By',
		name: 'lookupBy',
		type: 'options',
		default: 'url',
		options: [
			{ name: 'ID', value: 'id', description: 'The link’s Hero ID' },
			{ name: 'URL', value: 'url', description: 'The short link sent to the patient' },
		],
	},
	{
		displayName: 'Link URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://bookings.herohealth.net/s/abc123',
		displayOptions: { show: { lookupBy: ['url'] } },
		description: 'The short link as the patient received it',
	},
	{
		displayName: 'Link ID',
		name: 'linkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2001',
		displayOptions: { show: { lookupBy: ['id'] } },
		description: 'The ID Hero gave the link when it was created',
	},
	requestsInFlightOptions,
]);

/** Whether a booking, form, attachment or video link has been used, and what it points at. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const qs: IDataObject = {};
	if (this.getNodeParameter('lookupBy', item.index) === 'id') {
		// Any kind of link: Hero does not say that form or video link IDs are numeric.
		qs.id = readRequiredText.call(this, item.index, 'linkId', 'Link ID');
	} else {
		const url = String(this.getNodeParameter('url', item.index, '')).trim();
		refuseInvalid.call(
			this,
			item.index,
			'Link URL',
			/^https?:\/\/\S+$/.test(url) ? undefined : `"${url}" is not a web address (https://…)`,
		);
		qs.url = url;
	}
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.linkStatus, qs, subject: 'link' }, item);
}
