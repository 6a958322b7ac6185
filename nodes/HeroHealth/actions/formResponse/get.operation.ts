import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readNumericId } from '../common.parameters';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [
	{
		displayName: 'Form Response ID',
		name: 'formResponseId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 600001',
		description: 'The ID of the form response, e.g. the "id" of a Form Submission Created event',
	},
];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const formResponseId = readNumericId.call(this, item.index, 'formResponseId', 'Form Response ID');
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.formResponse(formResponseId), subject: `form response ${formResponseId}` },
		item,
	);
}
