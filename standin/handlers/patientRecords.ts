// A patient's links to other records: candidates in the clinical system (EHR) and connecting one, a
// duplicate merged in (preview with a single-use merge_token, then merge), and what happens to the patient
// outside the API (control routes), each raising its webhook event.

import type { EhrRecord, Emit, HandlerContext, MergeToken, Patient, Prescription, StandinState } from '../model';
import { apiError, conflict, iso, issue, paginate, requireById, validationError } from '../util';
import { PATIENT_FIELDS, patientView, sameText, type PatientField } from './patients';

const MERGE_TOKEN_TTL_MS = 15 * 60 * 1000;

function requirePatient(state: StandinState, id: string): Patient {
	return requireById(state.patients, id, 'Patient');
}

function ehrSummary(r: EhrRecord) {
	const identifiers = [{ source: 'ehr_partner', type: 'ehr_partner_id', value: r.ehr_partner_id }];
	if (r.nhs_number) identifiers.push({ source: 'nhs', type: 'nhs_number', value: r.nhs_number });
	return {
		ehr_partner_id: r.ehr_partner_id,
		emis_id: r.ehr_partner_id,
		ods_code: 'X99001',
		deceased_at: null,
		dob: r.dob,
		title: null,
		first_name: r.first_name,
		last_name: r.last_name,
		sex: r.sex,
		nhs_number: r.nhs_number,
		email: null,
		mobile: null,
		last_sync_at: null,
		data_source: 'emis',
		restricted: false,
		line_1: null,
		line_2: null,
		line_3: null,
		town: null,
		county: null,
		postcode: r.postcode,
		hero_id: r.linked_patient_id,
		hero_uid: null,
		identifiers,
	};
}

// a merge fills the kept record's empty fields from the duplicate's
function fillGap<K extends PatientField>(target: Patient, source: Patient, f: K): void {
	if (target[f] === null || target[f] === undefined) target[f] = source[f];
}

export function listPatientEhrCandidates({ state, params, query }: HandlerContext) {
	const p = requirePatient(state, params.id);
	const items = state.ehrRecords.filter(
		(r) => (p.nhs_number && r.nhs_number === p.nhs_number) || (r.dob === p.dob && sameText(r.last_name, p.last_name)),
	);
	const page = paginate(items, query);
	return { data: page.data.map(ehrSummary), count: page.count };
}

export function connectPatientEhr({ state, params, body, now }: HandlerContext<{ ehr_partner_id: string }>) {
	const p = requirePatient(state, params.id);
	const record = state.ehrRecords.find((r) => r.ehr_partner_id === body.ehr_partner_id);
	if (!record) throw apiError(404, 'not_found', `No EHR record ${body.ehr_partner_id} found`);
	if (record.linked_patient_id && record.linked_patient_id !== p.id) {
		throw conflict(
			'ehr_record_linked',
			`EHR record ${record.ehr_partner_id} is already connected to patient ${record.linked_patient_id}`,
		);
	}
	for (const r of state.ehrRecords) if (r.linked_patient_id === p.id) r.linked_patient_id = null;
	record.linked_patient_id = p.id;
	Object.assign(p, {
		ehr_partner_id: record.ehr_partner_id,
		emis_id: record.ehr_partner_id,
		data_source: 'emis',
		last_sync_at: iso(now),
	});
	return { patient_id: p.id, ehr_partner_id: record.ehr_partner_id, status: 'connected' };
}

// path patient = the one kept; body patient_id = the duplicate merged into it
export function previewPatientMerge({ state, params, body, now }: HandlerContext<{ patient_id: string }>) {
	const target = requirePatient(state, params.id);
	const source = requirePatient(state, body.patient_id);
	if (target.id === source.id)
		throw validationError([issue('patient_id', 'custom', 'a different patient', 'Cannot merge a patient with itself')]);
	for (const p of [target, source])
		if (p.status === 'archived') throw conflict('patient_archived', `Patient ${p.id} is archived (already merged?)`);
	const merged = { ...target };
	for (const f of PATIENT_FIELDS) fillGap(merged, source, f);
	const token: MergeToken = {
		merge_token: `mt_${state.rng.hex(32)}`,
		target_patient_id: target.id,
		source_patient_id: source.id,
		created_at: iso(now),
		expires_at: iso(now + MERGE_TOKEN_TTL_MS),
		used_at: null,
	};
	state.mergeTokens.push(token);
	return {
		merge_token: token.merge_token,
		expires_at: token.expires_at,
		patient: patientView(merged),
		target_patient_id: target.id,
		source_patient_id: source.id,
		appointments_to_move: state.appointments.filter((a) => a.patient_id === source.id).length,
		messages_to_move: state.messages.filter((m) => m.patient_id === source.id).length,
	};
}

export function mergePatient({ state, params, body, now }: HandlerContext<{ merge_token: string; patient_id: string }>) {
	const token = state.mergeTokens.find((t) => t.merge_token === body.merge_token);
	if (!token)
		throw apiError(400, 'invalid_merge_token', 'Merge token is unknown; call POST /v1/patients/{id}/merge/preview first');
	if (token.target_patient_id !== params.id) {
		throw apiError(
			400,
			'merge_token_mismatch',
			`Merge token was issued for patient ${token.target_patient_id}, not ${params.id}`,
		);
	}
	if (token.source_patient_id !== body.patient_id) {
		throw apiError(
			400,
			'merge_token_mismatch',
			`Merge token was issued for merging patient ${token.source_patient_id}, not ${body.patient_id}`,
		);
	}
	if (token.used_at) throw conflict('merge_token_used', `Merge token was already used at ${token.used_at}`);
	if (Date.parse(token.expires_at) <= now)
		throw apiError(400, 'merge_token_expired', `Merge token expired at ${token.expires_at}`);
	const target = requirePatient(state, token.target_patient_id);
	const source = requirePatient(state, token.source_patient_id);
	for (const p of [target, source])
		if (p.status === 'archived') throw conflict('patient_archived', `Patient ${p.id} is archived (already merged?)`);
	for (const f of PATIENT_FIELDS) fillGap(target, source, f);
	target.restrictions = [...new Set([...(target.restrictions || []), ...(source.restrictions || [])])];
	target.restricted = target.restrictions.length > 0;
	source.status = 'archived';
	source.merged_into = target.id;
	for (const a of state.appointments) if (a.patient_id === source.id) a.patient_id = target.id;
	for (const m of state.messages) if (m.patient_id === source.id) m.patient_id = target.id;
	token.used_at = iso(now);
	return { patient_id: target.id, merged_patient_id: source.id, status: 'merged' };
}

// ---- what happens to a patient outside the API (control routes): each raises its webhook event

export function issuePrescription(state: StandinState, patientId: string, now: number, emit: Emit): Prescription {
	requirePatient(state, patientId);
	const prescription = { id: String(state.nextId.prescription++), patient_id: patientId, issued_at: iso(now) };
	state.prescriptions.push(prescription);
	emit('prescription.issued', prescription.id);
	return prescription;
}

/** The patient's clinical record changed (it was synced again). */
export function updateMedicalRecord(state: StandinState, patientId: string, now: number, emit: Emit) {
	const patient = requirePatient(state, patientId);
	patient.last_sync_at = iso(now);
	emit('patient.medical-record-updated', patient.id);
	return patientView(patient);
}

/** The patient was added to one of the practice's message sequences (set up in Hero's own app). */
export function addToSequence(state: StandinState, patientId: string, emit: Emit) {
	const patient = requirePatient(state, patientId);
	emit('patient.added-to-sequence', patient.id);
	return patientView(patient);
}
