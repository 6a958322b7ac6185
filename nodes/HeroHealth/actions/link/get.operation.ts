import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { linkIdField, readLinkId } from './shared';

export const description: INodeProperties[] = [linkIdField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const linkId = readLinkId.call(this, itemIndex);
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.bookingLink(linkId), subject: `booking link ${linkId}` },
		itemIndex,
	);
}
