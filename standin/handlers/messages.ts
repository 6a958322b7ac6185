// Messages: single sends (with GDPR channel restrictions and write-to-record) and batch messages.

import type { Patient, StandinState } from '../seed';
import type { Emit, HandlerContext } from '../server';
import {
	iso,
	dobDate,
	normaliseNhs,
	isValidNhs,
	ApiError,
	notFound,
	conflict,
	validationError,
	issue,
	paginate,
	type Query,
} from '../util';

// GDPR restriction status: the contract leaves it open (README: "status unknown"). We answer 403,
// the only non-auth 4xx the sendMessage page lists ("403 Unauthorised"); 422 is never mentioned.
const GDPR_STATUS = 403;
const DEFAULT_SNOMED = { code: '999000000000', term: 'Message sent to patient (stand-in default code)' };
const BATCH_CHANNEL = { SMS: 'sms', EMAIL: 'email', NHS_APP: 'nhs_app' } as const;

export type MessageType = 'hero' | 'sms' | 'email' | 'nhs_app';
export type BatchChannel = keyof typeof BATCH_CHANNEL;

/** A message sent on its own (sendMessage) or as one recipient's share of a batch (sendBatchMessage). */
export interface Message {
	id: string;
	patient_id: string | null;
	message_type: MessageType;
	/** the channel it went out on (the fallback when the first had no contact detail) */
	channel_used: MessageType;
	content: string;
	subject?: string;
	recipient_contact_detail: string | null;
	status: 'scheduled' | 'delivered' | 'QUEUED';
	created_at: string;
	send_at: string;
	write_to_record: boolean;
	auto_write_to_record?: boolean;
	write_to_record_status: 'written' | 'awaiting_approval' | 'failed' | null;
	written_at?: string;
	/** why the clinical system refused the write */
	write_to_record_failure_reason?: string | null;
	snomed_code: string | null;
	snomed_term: string | null;
	encrypted?: boolean | string;
	task_id?: string | null;
	attachment_uuid?: string | null;
	short_link_id?: string | null;
	assignee_id?: number | null;
	assignee_type?: string | null;
	batch_message_id: string | null;
	recipient_id?: string;
	/** confirms a write-to-record awaiting approval (the confirm_write_to_record_url) */
	auth_token?: string | null;
}

export interface BatchRecipient {
	id: string;
	nhs_number: string;
	dob: string | null;
	status: 'ENRICHED' | 'INVALID_PAYLOAD' | 'ENRICHMENT_ERROR' | 'QUEUED';
	patient_id: string | null;
	error: string | null;
}

export interface BatchMessage {
	id: string;
	name: string;
	status: 'CREATED' | 'COMPLETED';
	channel: BatchChannel;
	subject?: string;
	content: string;
	recipients: BatchRecipient[];
	created_at: string;
	sent_at: string | null;
}

/** A reminder Hero sends by itself; the stand-in makes none, tests may add some. */
export interface AutomatedMessage {
	recipient_id?: string;
	status?: string;
	[field: string]: unknown;
}

export interface SendMessageBody {
	patient_id: string;
	message_type: MessageType;
	message_string: string;
	recipient_contact_detail?: string;
	fallback_contact_detail?: string;
	fallback_message_type?: 'sms' | 'email';
	write_to_record?: boolean;
	encrypted?: boolean | string;
	snomed_code?: string;
	snomed_term?: string;
	auto_write_to_record?: boolean;
	task_id?: string;
	attachment_uuid?: string;
	short_link_id?: string;
	assignee_id?: number;
	assignee_type?: 'Admin' | 'AdminTeam';
	send_at?: string;
}

export interface CreateBatchMessageBody {
	name: string;
	channel: BatchChannel;
	subject?: string;
	content: string;
	recipients: Array<{ nhs_number: string; dob: string | null }>;
}

type StatusQuery = Query & { status?: string };

function gdprError(patient: Patient) {
	return new ApiError(GDPR_STATUS, {
		error: 'gdpr_restriction',
		message: 'Patient has restricted data sharing',
		restrictions: patient.restrictions,
	});
}

function contactFor(patient: Patient, channel: string): string | null {
	if (channel === 'sms') return patient.mobile;
	if (channel === 'email') return patient.email;
	if (channel === 'nhs_app') return patient.nhs_number;
	return null;
}

// The fields Hero's reference shows for GET /v1/messages/{id}, plus the channel and text the stand-in keeps.
function messageView(state: StandinState, m: Message, now: number) {
	const patient = state.patients.find((p) => p.id === m.patient_id);
	const batch = m.batch_message_id ? state.batchMessages.find((b) => b.id === m.batch_message_id) : null;
	const due = Date.parse(m.send_at) <= now;
	return {
		id: m.id,
		patient: patient
			? { id: patient.id, title: patient.title, first_name: patient.first_name, last_name: patient.last_name }
			: null,
		write_to_record: m.write_to_record
			? {
					write_to_record_at: m.write_to_record_status === 'written' ? m.written_at || m.send_at : null,
					status: m.write_to_record_status,
					failure_reason: m.write_to_record_failure_reason ?? null,
					snomed_code: m.snomed_code,
				}
			: null,
		short_link: m.short_link_id ? { id: m.short_link_id, type: 'booking', name: null, status: 'unused' } : null,
		campaign: batch ? { id: batch.id, name: batch.name } : null,
		created_at: m.created_at,
		sent_at: due ? m.send_at : null,
		scheduled_at: m.status === 'scheduled' ? m.send_at : null,
		status: due && m.status === 'scheduled' ? 'delivered' : m.status,
		sent_by_admin: null,
		message_type: m.channel_used || m.message_type,
		content: m.content,
	};
}

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

function getBatch(state: StandinState, id: string): BatchMessage {
	const b = state.batchMessages.find((x) => x.id === id);
	if (!b) throw notFound('Batch message', id);
	return b;
}

function byStatus<T extends { status: string }>(items: T[], query: StatusQuery): T[] {
	return query.status ? items.filter((i) => i.status === query.status) : items;
}

export function sendMessage({ state, body, now, emit, baseUrl }: HandlerContext<SendMessageBody>) {
	const patient = state.patients.find((p) => p.id === body.patient_id);
	if (!patient) throw notFound('No patient found');
	let channel: MessageType = body.message_type;
	let contact = body.recipient_contact_detail || contactFor(patient, channel);
	if ((patient.restrictions || []).includes(channel)) throw gdprError(patient);
	if (channel !== 'hero' && !contact && body.fallback_message_type) {
		channel = body.fallback_message_type;
		if ((patient.restrictions || []).includes(channel)) throw gdprError(patient);
		contact = body.fallback_contact_detail || contactFor(patient, channel);
	}
	if (channel !== 'hero' && !contact) {
		throw validationError([
			issue(
				'recipient_contact_detail',
				'custom',
				'string',
				`Patient ${patient.id} has no ${channel} contact detail on record; supply recipient_contact_detail`,
			),
		]);
	}
	const id = String(state.nextId.message++);
	const writeToRecord = !!body.write_to_record;
	const scheduled = body.send_at && Date.parse(body.send_at) > now;
	const message: Message = {
		id,
		patient_id: patient.id,
		message_type: body.message_type,
		channel_used: channel,
		content: body.message_string,
		recipient_contact_detail: channel === 'hero' ? null : contact || null,
		status: scheduled ? 'scheduled' : 'delivered',
		created_at: iso(now),
		send_at: body.send_at ? iso(Date.parse(body.send_at)) : iso(now),
		write_to_record: writeToRecord,
		auto_write_to_record: !!body.auto_write_to_record,
		write_to_record_status: writeToRecord ? 'awaiting_approval' : null,
		snomed_code: writeToRecord ? body.snomed_code || DEFAULT_SNOMED.code : body.snomed_code || null,
		snomed_term: writeToRecord ? body.snomed_term || DEFAULT_SNOMED.term : body.snomed_term || null,
		encrypted: body.encrypted === undefined ? false : body.encrypted,
		task_id: body.task_id || null,
		attachment_uuid: body.attachment_uuid || null,
		short_link_id: body.short_link_id || null,
		assignee_id: body.assignee_id === undefined ? null : body.assignee_id,
		assignee_type: body.assignee_type || null,
		batch_message_id: null,
		auth_token: writeToRecord && !body.auto_write_to_record ? state.rng.hex(24) : null,
	};
	state.messages.push(message);
	const response: {
		message_id: string;
		content: string;
		created_at: string;
		write_to_record: boolean;
		submitted_by: string;
		send_at: string;
		snomed_code?: string;
		auth_token?: string;
		confirm_write_to_record_url?: string;
	} = {
		message_id: id,
		content: message.content,
		created_at: message.created_at,
		write_to_record: writeToRecord,
		submitted_by: 'partner_api',
		send_at: message.send_at,
	};
	if (message.snomed_code) response.snomed_code = message.snomed_code;
	if (message.auth_token) {
		response.auth_token = message.auth_token;
		response.confirm_write_to_record_url = `${baseUrl}/_standin/write-to-record/${id}/confirm?auth_token=${message.auth_token}`;
	}
	if (writeToRecord && body.auto_write_to_record) writeToRecordNow(state, message, now, emit);
	return response;
}

export function getMessage({ state, params, now }: HandlerContext) {
	const m = state.messages.find((x) => x.id === params.id);
	if (!m) throw notFound('Message', params.id);
	return messageView(state, m, now);
}

// Reminders Hero sends by itself; the stand-in has none of its own, so the list is empty unless a test adds some.
export function listAutomatedMessages({
	state,
	query,
}: HandlerContext<unknown, Query & { recipient_id?: string; status?: string }>) {
	const items = (state.automatedMessages || []).filter(
		(a) => (!query.recipient_id || a.recipient_id === query.recipient_id) && (!query.status || a.status === query.status),
	);
	return paginate(items, query);
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
	return batchView(getBatch(state, params.id));
}

export function sendBatchMessage({ state, params, now }: HandlerContext) {
	const batch = getBatch(state, params.id);
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
	const batch = getBatch(state, params.id);
	return paginate(byStatus(batch.recipients, query), query);
}

export function listSentMessages({ state, params, query }: HandlerContext<unknown, StatusQuery>) {
	getBatch(state, params.id);
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

const NOT_LINKED = 'The patient is not linked to a clinical record (EMIS Web or SystmOne), so nothing could be written';

// The clinical system takes the write only for a patient linked to a record there; either outcome raises its event.
function writeToRecordNow(state: StandinState, m: Message, now: number, emit: Emit): void {
	const patient = state.patients.find((p) => p.id === m.patient_id);
	if (patient?.ehr_partner_id) {
		m.write_to_record_status = 'written';
		m.written_at = iso(now);
		emit('write-to-record.succeeded', m.id);
	} else {
		m.write_to_record_status = 'failed';
		m.write_to_record_failure_reason = NOT_LINKED;
		emit('write-to-record.failed', m.id);
	}
}

// control-plane helper: the confirm_write_to_record_url lands here
export function confirmWriteToRecord(state: StandinState, messageId: string, authToken: string | null, now: number, emit: Emit) {
	const m = state.messages.find((x) => x.id === messageId);
	if (!m || !m.auth_token || m.auth_token !== authToken)
		return { status: 404, body: { error: 'not_found', statusCode: 404, message: 'Unknown message or auth_token' } };
	if (m.write_to_record_status === 'awaiting_approval') writeToRecordNow(state, m, now, emit);
	return { status: 200, body: { message_id: m.id, write_to_record_status: m.write_to_record_status } };
}
