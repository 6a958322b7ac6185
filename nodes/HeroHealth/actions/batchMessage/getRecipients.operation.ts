import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';
import { batchMessageIdField, listFields, listRecords, readBatchMessageId, recipientStatuses } from './shared';

export const about = {
	name: 'Get Recipients',
	action: 'Get the recipients of a batch message',
	description: 'List the recipients of a batch message with their status, e.g. whether Hero found them in PDS',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['batchMessage'], operation: ['getRecipients'] } }, [
	batchMessageIdField,
	...listFields(recipientStatuses),
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const id = readBatchMessageId.call(this, item.index);
	return await listRecords.call(this, item, heroPaths.batchMessageRecipients(id), `batch message ${id}`);
}
