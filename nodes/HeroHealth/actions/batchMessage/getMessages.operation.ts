import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { batchMessageIdField, listFields, listRecords, readBatchMessageId, sendStatuses } from './shared';

export const about = {
	name: 'Get Messages',
	action: 'Get the messages sent for a batch message',
	description: 'List the individual messages that a sent batch message produced, one per patient',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['batchMessage'], operation: ['getMessages'] } }, [
	batchMessageIdField,
	...listFields(sendStatuses),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const id = readBatchMessageId.call(this, item.index);
	return await listRecords.call(this, item, heroPaths.batchMessageMessages(id), `batch message ${id}`);
}
