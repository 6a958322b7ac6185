import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listFields, listRecords, recipientStatuses } from './shared';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = listFields(recipientStatuses);

// Hero's reference shows this list answering one batch message, where every other list answers {data, count}.
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listRecords.call(this, itemIndex, heroPaths.batchMessages, undefined, true);
}
