// Patients: register (own demographics or a PDS trace), get/list/search, attachments. A patient's links to
// other records (EHR, duplicates) are in patientRecords.ts.

import { DATA_SOURCES, type DataSource, type HandlerContext, type Patient, type PdsRecord, type StandinState } from '../model';
import {
	iso,
	dobDate,
	DATE_RE,
	normaliseNhs,
	isValidNhs,
	apiError,
	requireById,
	validationError,
	issue,
	paginate,
	type Query,
	type ValidationIssue,
} from '../util';

// prettier-ignore
export const PATIENT_FIELDS = [
	'id', 'uid', 'emis_id', 'ehr_partner_id', 'dob', 'deceased_at', 'title', 'first_name', 'last_name', 'sex',
	'nhs_number', 'email', 'emails', 'mobile', 'last_sync_at', 'address_line_1', 'address_line_2', 'address_line_3',
	'country', 'postcode', 'town', 'county', 'notes', 'verification_credentials', 'data_source', 'restricted',
	'sex_changed_at', 'status',
] as const satisfies ReadonlyArray<keyof Patient>;
export type PatientField = (typeof PATIENT_FIELDS)[number];

/** anyOf: nhs_number + dob, or forename + surname + dob + postcode */
export interface RegisterPatientPdsBody {
	nhs_number?: string;
	dob: string | null;
	forename?: string;
	surname?: string;
	postcode?: string;
	ehr_partner?: string;
	ehr_partner_id?: string;
}

export interface RegisterPatientBody {
	dob: string;
	first_name: string;
	last_name: string;
	mobile: string;
	ehr_partner_id?: string;
	nhs_number?: string;
	sex?: string;
	title?: string | null;
	landline?: string;
	address_line_1?: string;
	address_line_2?: string;
	address_line_3?: string;
	country?: string;
	postcode?: string;
	county?: string;
	data_source?: string;
	email?: string;
}

// the demographics registerPatient copies as sent
// prettier-ignore
const REGISTER_FIELDS = [
	'ehr_partner_id', 'first_name', 'last_name', 'sex', 'title', 'landline', 'address_line_1', 'address_line_2',
	'address_line_3', 'country', 'postcode', 'county', 'mobile', 'email',
] as const satisfies ReadonlyArray<keyof Patient & keyof RegisterPatientBody>;

export function patientView(p: Patient) {
	return Object.fromEntries(PATIENT_FIELDS.map((f) => [f, p[f] === undefined ? null : p[f]] as const));
}

// v1 and v2 search one field at a time (field=emis_id&search=...); Hero shows only emis_id and
// ehr_partner_id as samples, so the stand-in takes the identifiers a partner would hold, exactly.
const SEARCHABLE_FIELDS = ['ehr_partner_id', 'email', 'emis_id', 'id', 'mobile', 'nhs_number'] as const;
type SearchableField = (typeof SEARCHABLE_FIELDS)[number];
const isSearchable = (field: string): field is SearchableField => (SEARCHABLE_FIELDS as readonly string[]).includes(field);

type SearchQuery = Query & { field?: string; search?: string };

function searchOneField(state: StandinState, query: SearchQuery) {
	const field = query.field;
	const wanted = query.search === undefined ? '' : String(query.search).trim();
	if (field !== undefined && !isSearchable(field)) {
		throw validationError([
			issue('field', 'invalid_enum_value', SEARCHABLE_FIELDS.map((f) => `'${f}'`).join(' | '), `Cannot search by ${field}`),
		]);
	}
	const same = (p: Patient, f: SearchableField) =>
		f === 'nhs_number' ? p.nhs_number === normaliseNhs(wanted) : String(p[f] ?? '') === wanted;
	const items = state.patients.filter((p) => p.status !== 'archived' && (!field || !wanted || same(p, field)));
	const page = paginate(items, query);
	return { data: page.data.map(summaryView), count: page.count };
}

function summaryView(p: Patient) {
	const identifiers = [{ source: 'hero', type: 'hero_id', value: p.id }];
	if (p.nhs_number) identifiers.push({ source: 'nhs', type: 'nhs_number', value: p.nhs_number });
	if (p.ehr_partner_id) identifiers.push({ source: 'ehr_partner', type: 'ehr_partner_id', value: p.ehr_partner_id });
	return {
		ehr_partner_id: p.ehr_partner_id,
		emis_id: p.emis_id,
		ods_code: p.ods_code || null,
		deceased_at: p.deceased_at,
		dob: p.dob,
		title: p.title,
		first_name: p.first_name,
		last_name: p.last_name,
		sex: p.sex,
		nhs_number: p.nhs_number,
		email: p.email,
		mobile: p.mobile,
		last_sync_at: p.last_sync_at,
		data_source: p.data_source,
		restricted: !!p.restricted,
		line_1: p.address_line_1,
		line_2: p.address_line_2,
		line_3: p.address_line_3,
		town: p.town,
		county: p.county,
		postcode: p.postcode,
		hero_id: p.id,
		hero_uid: p.uid,
		identifiers,
	};
}

export const sameText = (a: unknown, b: unknown) =>
	typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
const samePostcode = (a: unknown, b: unknown) =>
	typeof a === 'string' && typeof b === 'string' && a.replace(/\s/g, '').toUpperCase() === b.replace(/\s/g, '').toUpperCase();
const isDataSource = (value: unknown): value is DataSource => (DATA_SOURCES as readonly unknown[]).includes(value);

function checkNhs(value: unknown, path = 'nhs_number'): string {
	if (!isValidNhs(value)) {
		throw validationError([
			issue(path, 'invalid_string', 'valid NHS number', 'Invalid NHS number (10 digits with a valid modulus-11 check digit)', {
				validation: 'nhs_number',
			}),
		]);
	}
	return normaliseNhs(value);
}

function newPatient(state: StandinState, fields: Partial<Patient> & Pick<Patient, 'data_source'>, now: number): Patient {
	const id = String(state.nextId.patient++);
	const p: Patient = {
		...(Object.fromEntries(PATIENT_FIELDS.map((f) => [f, null] as const)) as Record<PatientField, null>),
		uid: `pat_${id}_${state.rng.hex(8)}`,
		restricted: false,
		restrictions: [],
		status: 'unarchived',
		ods_code: state.practiceGroup.ods_code,
		country: 'United Kingdom',
		created_at: iso(now),
		...fields,
		id,
	};
	p.emails = p.email ? [p.email] : null;
	state.patients.push(p);
	return p;
}

export function registerPatientPds({ state, body, now, baseUrl }: HandlerContext<RegisterPatientPdsBody>) {
	let spine: PdsRecord | undefined;
	if (body.nhs_number !== undefined) {
		const nhs = checkNhs(body.nhs_number);
		spine = state.pds.find((r) => r.nhs_number === nhs && r.dob === dobDate(body.dob));
	} else {
		spine = state.pds.find(
			(r) =>
				sameText(r.forename, body.forename) &&
				sameText(r.surname, body.surname) &&
				r.dob === dobDate(body.dob) &&
				samePostcode(r.postcode, body.postcode),
		);
	}
	if (!spine) throw apiError(404, 'not_found', 'No patient found');
	if (spine.requiresVerification) {
		if (!spine.verifyToken) spine.verifyToken = state.rng.hex(12);
		return {
			message: 'Patient must verify their identity before proceeding',
			login_url: `${baseUrl}/_standin/verify/${spine.verifyToken}`,
		};
	}
	let patient = state.patients.find((p) => p.nhs_number === spine.nhs_number && p.status !== 'archived');
	if (!patient) {
		patient = newPatient(
			state,
			{
				nhs_number: spine.nhs_number,
				first_name: spine.forename,
				last_name: spine.surname,
				dob: spine.dob,
				sex: spine.sex,
				postcode: spine.postcode,
				mobile: spine.mobile,
				data_source: 'pds',
				last_sync_at: iso(now),
			},
			now,
		);
	}
	if (body.ehr_partner_id) patient.ehr_partner_id = body.ehr_partner_id;
	return { patient_id: patient.id };
}

// create-or-update, matched on NHS number + DOB
export function registerPatient({ state, body, now }: HandlerContext<RegisterPatientBody>) {
	const issues: ValidationIssue[] = [];
	if (!DATE_RE.test(dobDate(body.dob)) || Number.isNaN(Date.parse(dobDate(body.dob)))) {
		issues.push(issue('dob', 'invalid_string', 'date', 'Invalid date', { validation: 'date' }));
	}
	if (body.nhs_number !== undefined && !isValidNhs(body.nhs_number)) {
		issues.push(issue('nhs_number', 'invalid_string', 'valid NHS number', 'Invalid NHS number', { validation: 'nhs_number' }));
	}
	if (issues.length) throw validationError(issues);
	const fields: Partial<Patient> = {};
	for (const f of REGISTER_FIELDS) {
		if (body[f] !== undefined) fields[f] = body[f];
	}
	fields.dob = dobDate(body.dob);
	if (body.nhs_number !== undefined) fields.nhs_number = normaliseNhs(body.nhs_number);
	const existing =
		fields.nhs_number &&
		state.patients.find((p) => p.nhs_number === fields.nhs_number && p.dob === fields.dob && p.status !== 'archived');
	if (existing) {
		Object.assign(existing, fields);
		if (fields.email) existing.emails = [fields.email];
		return { patient_id: existing.id };
	}
	const source = isDataSource(body.data_source) ? body.data_source : 'hero';
	return { patient_id: newPatient(state, { ...fields, data_source: source }, now).id };
}

export function listPatients({ state, query }: HandlerContext<unknown, SearchQuery>) {
	return searchOneField(state, query);
}

export function listPatientsV2({ state, query }: HandlerContext<unknown, SearchQuery>) {
	return searchOneField(state, query);
}

export function listPatientsV3({ state, query }: HandlerContext) {
	const filters = ['first_name', 'last_name', 'dob', 'nhs_number', 'ehr_partner_id'].filter(
		(f) => query[f] !== undefined && query[f] !== '',
	);
	if (!filters.length) {
		throw validationError([
			issue(
				[],
				'custom',
				'at least one filter',
				'At least one filter (first_name, last_name, dob, nhs_number, ehr_partner_id) must be supplied',
			),
		]);
	}
	const starts = (value: unknown, prefix: unknown) =>
		typeof value === 'string' && value.toLowerCase().startsWith(String(prefix).trim().toLowerCase());
	const items = state.patients.filter(
		(p) =>
			p.status !== 'archived' &&
			(query.first_name === undefined || starts(p.first_name, query.first_name)) &&
			(query.last_name === undefined || starts(p.last_name, query.last_name)) &&
			(query.dob === undefined || p.dob === dobDate(query.dob)) &&
			(query.nhs_number === undefined || p.nhs_number === normaliseNhs(query.nhs_number)) &&
			(query.ehr_partner_id === undefined || p.ehr_partner_id === query.ehr_partner_id),
	);
	const page = paginate(items, query);
	return { data: page.data.map(summaryView), count: page.count };
}

export function getPatientById({ state, params }: HandlerContext) {
	return patientView(requireById(state.patients, params.id, 'Patient'));
}

export function listPatientAttachments({ state, params, query }: HandlerContext) {
	requireById(state.patients, params.id, 'Patient');
	const items = state.attachments.filter((a) => a.patient_id === params.id).map(({ patient_id, ...a }) => a);
	return paginate(items, query);
}
