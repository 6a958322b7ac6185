import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { readNumericId, requestsInFlightOptions, simplifyField } from '../fields';

export const about = {
	name: 'Get',
	action: 'Get a message',
	description: 'Get one message sent through Hero, by its message ID, with the patient it went to',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['get'] } }, [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 70001',
		description: 'The message_id that Send returned',
	},
	simplifyField('ID, delivery status, created, scheduled and sent times, patient ID, and the write-to-record outcome'),
	requestsInFlightOptions,
]);

/** Whether the message went out, when, and whether it was written to the patient's record. */
function simplifyMessage(message: IDataObject): IDataObject {
	const record = (message.write_to_record ?? {}) as IDataObject;
	const patient = (message.patient ?? {}) as IDataObject;
	return {
		id: message.id ?? null,
		status: message.status ?? null,
		created_at: message.created_at ?? null,
		scheduled_at: message.scheduled_at ?? null,
		sent_at: message.sent_at ?? null,
		patient_id: patient.id ?? null,
		write_to_record_status: record.status ?? null,
		write_to_record_failure_reason: record.failure_reason ?? null,
		written_to_record_at: record.write_to_record_at ?? null,
	};
}

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readNumericId.call(this, item.index, 'messageId', 'Message ID');
	const message = await heroGet.call(this, item, heroPaths.message(id), `message ${id}`);
	return this.getNodeParameter('simplify', item.index, true) ? simplifyMessage(message) : message;
}
