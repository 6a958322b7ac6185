import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { listFields, listRecords, recipientStatuses } from './shared';

export const about = {
	name: 'Get Many',
	action: 'Get many batch messages',
	description: 'List the batch messages of the practice group',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['batchMessage'], operation: ['getAll'] } }, [
	...listFields(recipientStatuses),
	requestsInFlightOptions,
]);

// Hero's reference shows this list answering one batch message, where every other list answers {data, count}.
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	return await listRecords.call(this, item, heroPaths.batchMessages, undefined, true);
}
