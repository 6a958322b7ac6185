import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';
import { listFields, listRecords, recipientStatuses } from './shared';

export const dropdownEntry = {
	name: 'Get Many',
	action: 'Get many batch messages',
	description: 'List the batch messages of the practice group',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['batchMessage'], operation: ['getAll'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	...listFields(recipientStatuses),
	optionsCollection([requestsInFlightOption]),
]);

// Hero's reference shows this list answering one batch message, where every other list answers {data, count}.
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	return await listRecords.call(this, item, heroPaths.batchMessages, undefined, true);
}
