// The seeded, synthetic practice: keys, practice group, locations, appointment types,
// practitioners (admins), ~30 patients, a PDS "spine", EHR records, attachments and 28 days of slots.
// Everything is made up: NHS numbers are in the 999 test range (plus the NHS's published example),
// mobiles are in Ofcom's 07700 900xxx drama range, emails are @example.com.

import type { StandinKey } from './auth';
import type { Appointment } from './handlers/booking';
import type { Link } from './handlers/links';
import type { AutomatedMessage, BatchMessage, Message } from './handlers/messages';
import type { FormResponse } from './handlers/forms';
import type { MergeToken, Prescription } from './handlers/patients';
import type { AccessToken } from './handlers/practice';
import type { Webhook } from './handlers/webhooks';
import { londonWallTime, wallClock } from '../nodes/HeroHealth/helpers/londonTime';
import { createRng, iso, nhsCheckDigit, type Rng } from './util';

export const PRACTICE_GROUP_ID = 'pg_standin_1';

export interface StandinKeys {
	full: StandinKey;
	messagingOnly: StandinKey;
	bookingOnly: StandinKey;
	bookingLinksOnly: StandinKey;
}

export const KEYS: StandinKeys = {
	full: { apiKey: 'hero-test-key', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['messaging', 'booking', 'booking_links'] },
	messagingOnly: { apiKey: 'hero-test-key-messaging', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['messaging'] },
	bookingOnly: { apiKey: 'hero-test-key-booking', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['booking'] },
	bookingLinksOnly: { apiKey: 'hero-test-key-links', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['booking_links'] },
};

// prettier-ignore
const FIRST_NAMES: Array<[string, string]> = [
	['Olivia', 'Female'], ['Noah', 'Male'], ['Amelia', 'Female'], ['Oliver', 'Male'], ['Isla', 'Female'],
	['George', 'Male'], ['Ava', 'Female'], ['Arthur', 'Male'], ['Priya', 'Female'], ['Tomasz', 'Male'],
	['Niamh', 'Female'], ['Rhys', 'Male'], ['Seren', 'Female'], ['Kwame', 'Male'], ['Fatima', 'Female'],
	['Leo', 'Male'], ['Freya', 'Female'], ['Harry', 'Male'], ['Grace', 'Female'], ['Oscar', 'Male'],
	['Aisha', 'Female'], ['Henry', 'Male'], ['Eilidh', 'Female'], ['Archie', 'Male'], ['Mia', 'Female'],
	['Jun', 'Male'], ['Ivy', 'Female'], ['Alex', 'Not specified'], ['Lily', 'Female'],
];
// prettier-ignore
const LAST_NAMES = [
	'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
	'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
	'Clarke', 'Khan', 'Lewis', 'Hughes', 'Edwards', 'Turner', 'Hill', 'Moore', 'Cooper',
];
const STREETS = ['Example Street', 'Sample Road', 'Test Lane', 'Demo Avenue', 'Placeholder Close', 'Fixture Way'];
const POSTCODES = ['LS1 4AP', 'LS6 2QF', 'LS7 3JB', 'LS8 1DT', 'LS11 5PR', 'LS12 6HN', 'LS16 7RS'];

// 999 000 0xxN test numbers with a valid modulus-11 check digit
export function testNhsNumbers(count: number, from = 1): string[] {
	const out: string[] = [];
	for (let stem = 999000000 + from; out.length < count; stem++) {
		const check = nhsCheckDigit(String(stem));
		if (check !== null) out.push(`${stem}${check}`);
	}
	return out;
}

export interface PracticeGroup {
	id: string;
	name: string;
	sector: string;
	ods_code: string;
	email: string;
	phone: string;
	timezone: string;
	address: Partial<Record<'line_1' | 'line_2' | 'line_3' | 'town' | 'county' | 'postcode' | 'country', string>>;
	// PATCH /v1/me merges whatever fields its body carries
	[field: string]: unknown;
}

export interface Location {
	id: string;
	name: string;
	address_line_1: string;
	town: string;
	postcode: string;
	ods_code: string;
	online_booking: boolean;
}

export interface AppointmentType {
	id: string;
	name: string;
	partner_slot_name: string;
	duration: number;
	price: number;
	assignee_id: string | null;
	assignee_type: string | null;
	sector: string;
	video: boolean;
	in_person: boolean;
	telephone: boolean;
	use_partner_bookable_slots: boolean;
	admin_booking_invoice_required: boolean;
	form_id: string | null;
	practitioner_type: string;
}

export interface Admin {
	id: string;
	first_name: string;
	last_name: string;
	email: string;
	/** GP and Nurse have sessions (SESSIONS), so slots: they are the practitioners */
	role: string;
	/** weekday (1 = Monday .. 5 = Friday) -> location id */
	locations: Record<number, string>;
	external_prescriber_id: string | null;
	prescriber_details?: { name: string; email: string; registration_code: string } | null;
}

function seedPractice() {
	const practiceGroup: PracticeGroup = {
		id: PRACTICE_GROUP_ID,
		name: 'Standin Health Centre (synthetic)',
		sector: 'nhs',
		ods_code: 'X99001',
		email: 'reception@example.com',
		phone: '0113 496 0000',
		timezone: 'Europe/London',
		address: {
			line_1: '1 Example Street',
			town: 'Leeds',
			county: 'West Yorkshire',
			postcode: 'LS1 4AP',
			country: 'United Kingdom',
		},
	};
	// prettier-ignore
	const locations: Location[] = [
		{ id: '1', name: 'Main Surgery', address_line_1: '1 Example Street', town: 'Leeds', postcode: 'LS1 4AP', ods_code: 'X99001', online_booking: true },
		{ id: '2', name: 'Riverside Branch Surgery', address_line_1: '22 Sample Road', town: 'Leeds', postcode: 'LS11 5PR', ods_code: 'X99001', online_booking: true },
		{ id: '3', name: 'PCN Extended Access Hub', address_line_1: '5 Demo Avenue', town: 'Leeds', postcode: 'LS7 3JB', ods_code: 'X99002', online_booking: true },
	];
	// prettier-ignore
	const base = { partner_slot_name: '', price: 0, assignee_id: null, assignee_type: null, sector: 'nhs', video: false, in_person: false, telephone: false, use_partner_bookable_slots: true, admin_booking_invoice_required: false, form_id: null };
	// prettier-ignore
	const appointmentTypes: AppointmentType[] = [
		{ ...base, id: '1', name: 'GP Appointment', partner_slot_name: 'GP Routine', duration: 15, in_person: true, practitioner_type: 'GP' },
		{ ...base, id: '2', name: 'GP Telephone Consultation', partner_slot_name: 'GP Phone', duration: 10, telephone: true, practitioner_type: 'GP' },
		{ ...base, id: '3', name: 'Practice Nurse Appointment', partner_slot_name: 'Nurse Routine', duration: 15, in_person: true, practitioner_type: 'Nurse' },
		{ ...base, id: '4', name: 'Blood Test', partner_slot_name: 'Phlebotomy', duration: 10, in_person: true, practitioner_type: 'Nurse', assignee_id: '21', assignee_type: 'Admin' },
		{ ...base, id: '5', name: 'GP Video Consultation', partner_slot_name: 'GP Video', duration: 15, video: true, practitioner_type: 'GP' },
	];
	// practitioners are admins (GET /v1/admins); weekday (1=Mon..5=Fri) -> location
	// prettier-ignore
	const admins: Admin[] = [
		{ id: '11', first_name: 'Anna', last_name: 'Okafor', email: 'anna.okafor@example.com', role: 'GP', locations: { 1: '1', 2: '1', 3: '1', 4: '1', 5: '1' }, external_prescriber_id: 'G9990011', prescriber_details: { name: 'Dr Anna Okafor', email: 'anna.okafor@example.com', registration_code: 'GMC0000011' } },
		{ id: '12', first_name: 'Ben', last_name: 'Lindqvist', email: 'ben.lindqvist@example.com', role: 'GP', locations: { 1: '1', 2: '1', 3: '1', 4: '2', 5: '2' }, external_prescriber_id: 'G9990012', prescriber_details: { name: 'Dr Ben Lindqvist', email: 'ben.lindqvist@example.com', registration_code: 'GMC0000012' } },
		{ id: '13', first_name: 'Chloe', last_name: 'Mensah', email: 'chloe.mensah@example.com', role: 'GP', locations: { 1: '2', 2: '2', 3: '3', 4: '3', 5: '3' }, external_prescriber_id: 'G9990013', prescriber_details: { name: 'Dr Chloe Mensah', email: 'chloe.mensah@example.com', registration_code: 'GMC0000013' } },
		{ id: '14', first_name: 'Dylan', last_name: 'Price', email: 'dylan.price@example.com', role: 'Nurse', locations: { 1: '1', 2: '1', 3: '1', 4: '1', 5: '1' }, external_prescriber_id: null, prescriber_details: null },
		{ id: '15', first_name: 'Erin', last_name: 'Shah', email: 'erin.shah@example.com', role: 'Nurse', locations: { 1: '2', 2: '3', 3: '2', 4: '3', 5: '2' }, external_prescriber_id: null, prescriber_details: null },
		{ id: '21', first_name: 'Fiona', last_name: 'Reid', email: 'fiona.reid@example.com', role: 'Receptionist', locations: {}, external_prescriber_id: null, prescriber_details: null },
		{ id: '22', first_name: 'Gareth', last_name: 'Ellis', email: 'gareth.ellis@example.com', role: 'Practice Manager', locations: {}, external_prescriber_id: null, prescriber_details: null },
	];
	return { practiceGroup, locations, appointmentTypes, admins };
}

// Sessions per role: [start hh:mm, end hh:mm, appointment type]
export const SESSIONS: Partial<Record<string, Array<[string, string, string]>>> = {
	GP: [
		['09:00', '12:00', '1'],
		['14:00', '15:30', '2'],
		['15:30', '17:00', '5'],
	],
	Nurse: [
		['09:00', '12:00', '3'],
		['14:00', '17:00', '4'],
	],
};

export interface Slot {
	id: string;
	practitioner_id: string;
	appointment_type_id: string;
	location_id: string;
	start_time: string;
	finish_time: string;
	/** holder (reserved or booked appointment) or null when free */
	appointment_id: string | null;
}

function seedSlots(
	rng: Rng,
	nowMs: number,
	{ admins, appointmentTypes }: { admins: Admin[]; appointmentTypes: AppointmentType[] },
): Slot[] {
	const slots: Slot[] = [];
	let nextId = 100001;
	const today = wallClock(nowMs);
	for (let d = 1; d <= 28; d++) {
		const day = wallClock(Date.UTC(today.year, today.month - 1, today.day + d, 12));
		const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].indexOf(day.weekday) + 1;
		if (!weekday) continue;
		for (const admin of admins) {
			const sessions = SESSIONS[admin.role];
			const location = admin.locations[weekday];
			if (!sessions || !location) continue;
			for (const [from, to, typeId] of sessions) {
				const duration = appointmentTypes.find((t) => t.id === typeId)!.duration;
				const [fh, fm] = from.split(':').map(Number);
				const [th, tm] = to.split(':').map(Number);
				const end = londonWallTime(day.year, day.month, day.day, th, tm);
				for (let t = londonWallTime(day.year, day.month, day.day, fh, fm); t + duration * 60000 <= end; t += duration * 60000) {
					if (rng() < 0.15) continue; // already taken in the clinical system
					slots.push({
						id: String(nextId++),
						practitioner_id: admin.id,
						appointment_type_id: typeId,
						location_id: location,
						start_time: iso(t),
						finish_time: iso(t + duration * 60000),
						appointment_id: null,
					});
				}
			}
		}
	}
	return slots;
}

export const DATA_SOURCES = ['hero', 'emis', 'pds', 'gha', 'systm_one'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export interface Patient {
	id: string;
	uid: string;
	emis_id: string | null;
	ehr_partner_id: string | null;
	dob: string | null;
	deceased_at: string | null;
	title: string | null;
	first_name: string | null;
	last_name: string | null;
	sex: string | null;
	nhs_number: string | null;
	email: string | null;
	emails: string[] | null;
	mobile: string | null;
	landline?: string | null;
	last_sync_at: string | null;
	address_line_1: string | null;
	address_line_2: string | null;
	address_line_3: string | null;
	country: string | null;
	postcode: string | null;
	town: string | null;
	county: string | null;
	notes: string | null;
	verification_credentials: unknown;
	data_source: DataSource;
	restricted: boolean;
	/** channels the patient withheld consent for ('sms', 'email', ...) */
	restrictions: string[];
	sex_changed_at: string | null;
	status: 'unarchived' | 'archived';
	ods_code: string | null;
	created_at: string;
	/** set on the duplicate when it is merged into another record */
	merged_into?: string;
}

/** A person on the Spine (PDS), whether or not Hero knows them yet. */
export interface PdsRecord {
	nhs_number: string;
	forename: string;
	surname: string;
	dob: string;
	postcode: string;
	sex: string;
	mobile: string;
	requiresVerification: boolean;
	/** handed out once in a login_url; GET /_standin/verify/{token} clears requiresVerification */
	verifyToken?: string;
}

export interface EhrRecord {
	ehr_partner_id: string;
	nhs_number: string;
	first_name: string;
	last_name: string;
	dob: string;
	sex: string;
	postcode: string;
	linked_patient_id: string | null;
}

export interface Attachment {
	id: string;
	patient_id: string;
	ehr_file_id: string;
	file_name: string;
	content_type: string;
	size_bytes: number;
	created_at: string;
}

function seedPatients(rng: Rng) {
	const nhs = testNhsNumbers(40);
	const patients: Patient[] = [];
	const pds: PdsRecord[] = [];
	const ehrRecords: EhrRecord[] = [];
	const attachments: Attachment[] = [];
	let ehrSeq = 50001;
	let fileSeq = 800001;
	for (let i = 0; i < 29; i++) {
		const [first, sex] = FIRST_NAMES[i];
		const last = LAST_NAMES[i];
		const id = String(1001 + i);
		const nhsNumber = i === 0 ? '9434765919' : nhs[i - 1];
		const year = rng.int(1938, 2014);
		const dob = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
		const source = i % 7 === 5 ? 'hero' : i % 9 === 8 ? 'systm_one' : 'emis';
		const inEhr = source !== 'hero';
		const ehrId = inEhr ? `EHR-${ehrSeq++}` : null;
		const title = sex === 'Male' ? 'Mr' : sex === 'Female' ? rng.pick(['Mrs', 'Ms', 'Miss']) : 'Mx';
		const postcode = POSTCODES[i % POSTCODES.length];
		const mobile = `07700 900${String(100 + i * 7).padStart(3, '0')}`;
		const patient: Patient = {
			id,
			uid: `pat_${id}_${rng.hex(8)}`,
			emis_id: source === 'emis' ? ehrId : null,
			ehr_partner_id: ehrId,
			dob,
			deceased_at: null,
			title,
			first_name: first,
			last_name: last,
			sex,
			nhs_number: nhsNumber,
			email: `${first}.${last}@example.com`.toLowerCase(),
			emails: [`${first}.${last}@example.com`.toLowerCase()],
			mobile,
			last_sync_at: inEhr ? '2025-01-06T08:00:00Z' : null,
			address_line_1: `${10 + i} ${STREETS[i % STREETS.length]}`,
			address_line_2: null,
			address_line_3: null,
			country: 'United Kingdom',
			postcode,
			town: 'Leeds',
			county: 'West Yorkshire',
			notes: null,
			verification_credentials: null,
			data_source: source,
			restricted: false,
			restrictions: [],
			sex_changed_at: null,
			status: 'unarchived',
			ods_code: 'X99001',
			created_at: '2024-06-01T09:00:00Z',
		};
		if (i === 3) patient.restrictions = ['sms'];
		if (i === 4) patient.restrictions = ['sms', 'email'];
		patient.restricted = patient.restrictions.length > 0;
		patients.push(patient);
		pds.push({ nhs_number: nhsNumber, forename: first, surname: last, dob, postcode, sex, mobile, requiresVerification: false });
		// a Hero-only patient's clinical record exists but is not linked yet (EHR candidates + connect)
		ehrRecords.push({
			ehr_partner_id: ehrId || `EHR-${ehrSeq++}`,
			nhs_number: nhsNumber,
			first_name: first,
			last_name: last,
			dob,
			sex,
			postcode,
			linked_patient_id: ehrId ? id : null,
		});
		for (let a = 0; a < i % 3; a++) {
			attachments.push({
				id: String(fileSeq),
				patient_id: id,
				ehr_file_id: `EHRF-${fileSeq++}`,
				file_name: a === 0 ? 'Blood test results.pdf' : 'Discharge summary.pdf',
				content_type: 'application/pdf',
				size_bytes: rng.int(20000, 400000),
				created_at: `2025-0${a + 1}-1${a}T10:30:00Z`,
			});
		}
	}
	// a duplicate record (no NHS number, Hero-only) of patient 1002, for the merge flow
	const dup: Patient = {
		...patients[1],
		id: '1030',
		uid: `pat_1030_${rng.hex(8)}`,
		nhs_number: null,
		emis_id: null,
		ehr_partner_id: null,
		data_source: 'hero',
		mobile: '07700 900999',
		email: null,
		emails: null,
		last_sync_at: null,
		restrictions: [],
		restricted: false,
	};
	patients.push(dup);

	// people on the Spine who are not (yet) Hero patients
	const extras: Array<[string, string, string, string, string]> = [
		['Ruth', 'Ashworth', 'Female', '1961-05-14', 'LS6 2QF'],
		['Idris', 'Morgan', 'Male', '1987-11-02', 'LS8 1DT'],
		['Sana', 'Qureshi', 'Female', '1999-02-27', 'LS12 6HN'],
	];
	const extraNhs = testNhsNumbers(3, 301);
	extras.forEach(([forename, surname, sex, dob, postcode], k) => {
		pds.push({
			nhs_number: extraNhs[k],
			forename,
			surname,
			dob,
			postcode,
			sex,
			mobile: `07700 900${800 + k}`,
			requiresVerification: k === 2,
		});
	});
	return { patients, pds, ehrRecords, attachments };
}

export interface StandinFixtures {
	practiceGroupId: string;
	patient: { id: string; nhs_number: string; dob: string };
	restrictedSms: { id: string; restrictions: string[] };
	restrictedSmsEmail: { id: string; restrictions: string[] };
	duplicatePair: { keep: string; duplicate: string };
	unlinkedEhrPatient: string;
	pdsNew: { nhs_number: string; dob: string; forename: string; surname: string; postcode: string };
	pdsVerification: { nhs_number: string; dob: string };
	unknownNhs: string;
	locations: string[];
	appointmentTypes: string[];
	practitioners: string[];
}

// the seeded records the fixtures name have every field set; a missing one is a broken seed
function seeded<T>(value: T | null | undefined, what: string): T {
	if (value === null || value === undefined) throw new Error(`Seed has no ${what}`);
	return value;
}

function buildFixtures(state: Omit<StandinState, 'fixtures'>): StandinFixtures {
	const byIndex = (i: number) => seeded(state.patients[i], `patient #${i}`);
	const spineOnly = state.pds.filter((p) => !state.patients.some((x) => x.nhs_number === p.nhs_number));
	return {
		practiceGroupId: PRACTICE_GROUP_ID,
		patient: { id: byIndex(0).id, nhs_number: seeded(byIndex(0).nhs_number, 'NHS number'), dob: seeded(byIndex(0).dob, 'dob') },
		restrictedSms: { id: byIndex(3).id, restrictions: byIndex(3).restrictions },
		restrictedSmsEmail: { id: byIndex(4).id, restrictions: byIndex(4).restrictions },
		duplicatePair: { keep: '1002', duplicate: '1030' },
		unlinkedEhrPatient: seeded(
			state.patients.find((p) => p.data_source === 'hero' && p.nhs_number),
			'Hero-only patient',
		).id,
		pdsNew: {
			nhs_number: spineOnly[0].nhs_number,
			dob: spineOnly[0].dob,
			forename: spineOnly[0].forename,
			surname: spineOnly[0].surname,
			postcode: spineOnly[0].postcode,
		},
		pdsVerification: { nhs_number: spineOnly[2].nhs_number, dob: spineOnly[2].dob },
		unknownNhs: testNhsNumbers(1, 777)[0],
		locations: state.locations.map((l) => l.id),
		appointmentTypes: state.appointmentTypes.map((t) => t.id),
		practitioners: state.admins.filter((a) => SESSIONS[a.role]).map((a) => a.id),
	};
}

export interface StandinState {
	practiceGroup: PracticeGroup;
	locations: Location[];
	appointmentTypes: AppointmentType[];
	admins: Admin[];
	patients: Patient[];
	pds: PdsRecord[];
	ehrRecords: EhrRecord[];
	attachments: Attachment[];
	slots: Slot[];
	appointments: Appointment[];
	messages: Message[];
	batchMessages: BatchMessage[];
	/** reminders Hero sends by itself: none unless a test adds some */
	automatedMessages?: AutomatedMessage[];
	webhooks: Webhook[];
	links: Link[];
	mergeTokens: MergeToken[];
	accessTokens: AccessToken[];
	formResponses: FormResponse[];
	prescriptions: Prescription[];
	nextId: Record<
		'patient' | 'appointment' | 'message' | 'batch' | 'recipient' | 'webhook' | 'link' | 'formResponse' | 'prescription',
		number
	>;
	fixtures: StandinFixtures;
	/** not enumerable (left out of GET /_standin/state) */
	slotById: Map<string, Slot>;
	/** not enumerable; ids, tokens and codes the handlers make up */
	rng: Rng;
}

export function createSeedState({ seed = 1, now = Date.now() }: { seed?: number; now?: number } = {}): StandinState {
	const rng = createRng(seed);
	const practice = seedPractice();
	const people = seedPatients(rng);
	const slots = seedSlots(rng, now, practice);
	const state: Omit<StandinState, 'fixtures'> = {
		...practice,
		...people,
		slots,
		appointments: [],
		messages: [],
		batchMessages: [],
		webhooks: [],
		links: [],
		mergeTokens: [],
		accessTokens: [],
		formResponses: [],
		prescriptions: [],
		nextId: {
			patient: 1101,
			appointment: 5001,
			message: 70001,
			batch: 301,
			recipient: 40001,
			webhook: 901,
			link: 2001,
			formResponse: 600001,
			prescription: 880001,
		},
		slotById: new Map(slots.map((s) => [s.id, s])),
		rng: createRng(seed * 7919 + 17),
	};
	// two confirmed appointments that already exist
	for (const [k, patientId] of [
		[3, '1001'],
		[40, '1002'],
	] as const) {
		const slot = state.slots[k];
		if (!slot) continue;
		const id = String(state.nextId.appointment++);
		slot.appointment_id = id;
		state.appointments.push({
			id,
			patient_id: patientId,
			practitioner_id: slot.practitioner_id,
			location_id: slot.location_id,
			appointment_type_id: slot.appointment_type_id,
			slot_id: slot.id,
			duration: (Date.parse(slot.finish_time) - Date.parse(slot.start_time)) / 60000,
			start_time: slot.start_time,
			status: 'booked',
			reserved_until: null,
			booking_confirmed_at: iso(now - 86400000),
			cancelled_at: null,
			created_at: iso(now - 86400000),
			reason: null,
			billpayer_id: null,
			suppress_mail: false,
			link_id: null,
		});
	}
	// the slot index and the RNG stay out of JSON (GET /_standin/state)
	Object.defineProperty(state, 'slotById', { value: state.slotById, enumerable: false, writable: true });
	Object.defineProperty(state, 'rng', { value: state.rng, enumerable: false, writable: true });
	return Object.assign(state, { fixtures: buildFixtures(state) });
}
