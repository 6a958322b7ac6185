// Messages: single sends (with GDPR channel restrictions and write-to-record), reading one back, and the
// reminders Hero sends by itself. Batch messages are in batchMessages.ts.

import type { Emit, HandlerContext, Message, MessageType, Patient, StandinState } from '../model';
import { iso, ApiError, notFound, requireById, validationError, issue, paginate, type Query } from '../util';

// GDPR restriction status: the contract leaves it open (README: "status unknown"). We answer 403,
// the only non-auth 4xx the sendMessage page lists ("403 Unauthorised"); 422 is never mentioned.
const GDPR_STATUS = 403;
const DEFAULT_SNOMED = { code: '999000000000', term: 'Message sent to patient (stand-in default code)' };

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

function gdprError(patient: Patient) {
	return new ApiError(GDPR_STATUS, {
		error: 'gdpr_restriction',
		message: 'Patient has restricted data sharing',
		restrictions: patient.restrictions,
	});
}

export function contactFor(patient: Patient, channel: string): string | null {
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
	return messageView(state, requireById(state.messages, params.id, 'Message'), now);
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
