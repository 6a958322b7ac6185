import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { batchMessageIdField, readBatchMessageId } from './shared';

export const about = {
	name: 'Get',
	action: 'Get a batch message',
	description: 'Get one batch message and its status by its ID',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['batchMessage'], operation: ['get'] } }, [
	batchMessageIdField,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readBatchMessageId.call(this, item.index);
	return await heroGet.call(this, item, heroPaths.batchMessage(id), `batch message ${id}`);
}
