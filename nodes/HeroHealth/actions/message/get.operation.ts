import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../common.parameters';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 70001',
		description: 'The message_id that Send returned',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageId = readRequiredText.call(this, itemIndex, 'messageId', 'Message ID');
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.message(messageId), subject: `message ${messageId}` },
		itemIndex,
	);
}
