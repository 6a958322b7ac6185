import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { linkIdField, readLinkId } from './shared';

export const about = {
	name: 'Get',
	action: 'Get a booking link',
	description: 'Get a booking link with its short link, expiry and how often it was opened and used',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['get'] } }, [
	linkIdField,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readLinkId.call(this, item.index);
	return await heroGet.call(this, item, heroPaths.bookingLink(id), `booking link ${id}`);
}
