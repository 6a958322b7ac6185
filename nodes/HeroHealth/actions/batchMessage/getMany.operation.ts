import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFields, listRecords } from './shared';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = listFields;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listRecords.call(this, itemIndex, heroPaths.batchMessages);
}
