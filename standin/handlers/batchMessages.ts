// Batch messages: one text to many patients by NHS number + date of birth, each recipient enriched with
// the patient it names when the batch is created, sent as one message each.

import type { BatchChannel, BatchMessage, BatchRecipient, HandlerContext, MessageType } from '../model';
import { conflict, dobDate, iso, isValidNhs, normaliseNhs, notFound, paginate, requireById, type Query } from '../util';
import { contactFor } from './messages';

const BATCH_CHANNEL = { SMS: 'sms', EMAIL: 'email', NHS_APP: 'nhs_app' } as const satisfies Record<BatchChannel, MessageType>;

export interface CreateBatchMessageBody {
	name: string;
	channel: BatchChannel;
	subject?: string;
	content: string;
	recipients: Array<{ nhs_number: string; dob: string | null }>;
}

type StatusQuery = Query & { status?: string };

function batchView(b: BatchMessage) {
	const view = {
		id: b.id,
		name: b.name,
		status: b.status,
		channel: b.channel,
		content: b.content,
		created_at: b.created_at,
		sent_at: b.sent_at,
		recipient_count: b.recipients.length,
	};
	return b.subject !== undefined ? { ...view, subject: b.subject } : view;
}

function byStatus<T extends { status: string }>(items: T[], query: StatusQuery): T[] {
	return query.status ? items.filter((i) => i.status === query.status) : items;
}

export function createBatchMessage({ state, body, now }: HandlerContext<CreateBatchMessageBody>) {
	const channel = BATCH_CHANNEL[body.channel];
	const recipients = body.recipients.map((r): BatchRecipient => {
		const rec: BatchRecipient = {
			id: String(state.nextId.recipient++),
			nhs_number: r.nhs_number,
			dob: r.dob,
			status: 'ENRICHED',
			patient_id: null,
			error: null,
		};
		if (!isValidNhs(r.nhs_number)) return { ...rec, status: 'INVALID_PAYLOAD', error: 'Invalid NHS number' };
		const nhs = normaliseNhs(r.nhs_number);
		const patient = state.patients.find((p) => p.nhs_number === nhs && p.dob === dobDate(r.dob) && p.status !== 'archived');
		if (!patient) return { ...rec, status: 'ENRICHMENT_ERROR', error: 'No patient found' };
		if ((patient.restrictions || []).includes(channel))
			return { ...rec, patient_id: patient.id, status: 'ENRICHMENT_ERROR', error: 'gdpr_restriction' };
		if (!contactFor(patient, channel))
			return { ...rec, patient_id: patient.id, status: 'ENRICHMENT_ERROR', error: `No ${channel} contact detail` };
		return { ...rec, patient_id: patient.id };
	});
	const batch: BatchMessage = {
		id: String(state.nextId.batch++),
		name: body.name,
		status: 'CREATED',
		channel: body.channel,
		subject: body.subject,
		content: body.content,
		recipients,
		created_at: iso(now),
		sent_at: null,
	};
	state.batchMessages.push(batch);
	return batchView(batch);
}

// Hero's reference shows a single BatchMessage; nothing settles it, so the stand-in answers the API-wide
// {data, count} by default and, with config.batchListShape, a bare array or the first batch alone.
export function listBatchMessages({ state, query, config }: HandlerContext<unknown, StatusQuery>) {
	const page = paginate(byStatus(state.batchMessages, query), query);
	const data = page.data.map(batchView);
	if (config.batchListShape === 'array') return data;
	if (config.batchListShape === 'object') {
		if (!data.length) throw notFound('Batch message', 'of this list');
		return data[0];
	}
	return { data, count: page.count };
}

export function getBatchMessage({ state, params }: HandlerContext) {
	return batchView(requireById(state.batchMessages, params.id, 'Batch message'));
}

export function sendBatchMessage({ state, params, now }: HandlerContext) {
	const batch = requireById(state.batchMessages, params.id, 'Batch message');
	if (batch.status !== 'CREATED')
		throw conflict('batch_already_sent', `Batch message ${batch.id} was already sent at ${batch.sent_at}`);
	const channel = BATCH_CHANNEL[batch.channel];
	for (const r of batch.recipients.filter((x) => x.status === 'ENRICHED')) {
		// an ENRICHED recipient always names a patient
		const patient = state.patients.find((p) => p.id === r.patient_id)!;
		r.status = 'QUEUED';
		state.messages.push({
			id: String(state.nextId.message++),
			patient_id: r.patient_id,
			message_type: channel,
			channel_used: channel,
			content: batch.content,
			subject: batch.subject,
			recipient_contact_detail: contactFor(patient, channel),
			status: 'QUEUED',
			created_at: iso(now),
			send_at: iso(now),
			write_to_record: false,
			write_to_record_status: null,
			snomed_code: null,
			snomed_term: null,
			batch_message_id: batch.id,
			recipient_id: r.id,
		});
	}
	batch.status = 'COMPLETED';
	batch.sent_at = iso(now);
	return batchView(batch);
}

export function listBatchMessageSends({ state, params, query }: HandlerContext<unknown, StatusQuery>) {
	const batch = requireById(state.batchMessages, params.id, 'Batch message');
	return paginate(byStatus(batch.recipients, query), query);
}

export function listSentMessages({ state, params, query }: HandlerContext<unknown, StatusQuery>) {
	requireById(state.batchMessages, params.id, 'Batch message');
	const items = state.messages
		.filter((m) => m.batch_message_id === params.id)
		.map((m) => ({
			id: m.id,
			recipient_id: m.recipient_id,
			patient_id: m.patient_id,
			status: m.status,
			channel: m.message_type,
			recipient_contact_detail: m.recipient_contact_detail,
			content: m.content,
			created_at: m.created_at,
		}));
	return paginate(byStatus(items, query), query);
}
