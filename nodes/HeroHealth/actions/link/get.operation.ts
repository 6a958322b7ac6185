import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { linkIdField, readLinkId } from './shared';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [linkIdField];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const linkId = readLinkId.call(this, item.index);
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.bookingLink(linkId), subject: `booking link ${linkId}` },
		item,
	);
}
