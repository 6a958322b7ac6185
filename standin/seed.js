'use strict';
// The seeded, synthetic practice: keys, practice group, locations, appointment types,
// practitioners (admins), ~30 patients, a PDS "spine", EHR records, attachments and 28 days of slots.
// Everything is made up: NHS numbers are in the 999 test range (plus the NHS's published example),
// mobiles are in Ofcom's 07700 900xxx drama range, emails are @example.com.

const { createRng, londonFields, londonTime, iso, nhsCheckDigit } = require('./util');

const PRACTICE_GROUP_ID = 'pg_standin_1';

const KEYS = {
	full: { apiKey: 'hero-test-key', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['messaging', 'booking', 'booking_links'] },
	messagingOnly: { apiKey: 'hero-test-key-messaging', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['messaging'] },
	bookingOnly: { apiKey: 'hero-test-key-booking', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['booking'] },
	bookingLinksOnly: { apiKey: 'hero-test-key-links', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['booking_links'] },
};

const FIRST_NAMES = [
	['Olivia', 'Female'], ['Noah', 'Male'], ['Amelia', 'Female'], ['Oliver', 'Male'], ['Isla', 'Female'],
	['George', 'Male'], ['Ava', 'Female'], ['Arthur', 'Male'], ['Priya', 'Female'], ['Tomasz', 'Male'],
	['Niamh', 'Female'], ['Rhys', 'Male'], ['Seren', 'Female'], ['Kwame', 'Male'], ['Fatima', 'Female'],
	['Leo', 'Male'], ['Freya', 'Female'], ['Harry', 'Male'], ['Grace', 'Female'], ['Oscar', 'Male'],
	['Aisha', 'Female'], ['Henry', 'Male'], ['Eilidh', 'Female'], ['Archie', 'Male'], ['Mia', 'Female'],
	['Jun', 'Male'], ['Ivy', 'Female'], ['Alex', 'Not specified'], ['Lily', 'Female'],
];
const LAST_NAMES = [
	'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson',
	'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson',
	'Clarke', 'Khan', 'Lewis', 'Hughes', 'Edwards', 'Turner', 'Hill', 'Moore', 'Cooper',
];
const STREETS = ['Example Street', 'Sample Road', 'Test Lane', 'Demo Avenue', 'Placeholder Close', 'Fixture Way'];
const POSTCODES = ['LS1 4AP', 'LS6 2QF', 'LS7 3JB', 'LS8 1DT', 'LS11 5PR', 'LS12 6HN', 'LS16 7RS'];

// 999 000 0xxN test numbers with a valid modulus-11 check digit
function testNhsNumbers(count, from = 1) {
	const out = [];
	for (let stem = 999000000 + from; out.length < count; stem++) {
		const check = nhsCheckDigit(String(stem));
		if (check !== null) out.push(`${stem}${check}`);
	}
	return out;
}

function seedPractice(rng) {
	const practiceGroup = {
		id: PRACTICE_GROUP_ID,
		name: 'Standin Health Centre (synthetic)',
		sector: 'nhs',
		ods_code: 'X99001',
		email: 'reception@example.com',
		phone: '0113 496 0000',
		timezone: 'Europe/London',
		address: { line_1: '1 Example Street', town: 'Leeds', county: 'West Yorkshire', postcode: 'LS1 4AP', country: 'United Kingdom' },
	};
	const locations = [
		{ id: '1', name: 'Main Surgery', address_line_1: '1 Example Street', town: 'Leeds', postcode: 'LS1 4AP', ods_code: 'X99001', online_booking: true },
		{ id: '2', name: 'Riverside Branch Surgery', address_line_1: '22 Sample Road', town: 'Leeds', postcode: 'LS11 5PR', ods_code: 'X99001', online_booking: true },
		{ id: '3', name: 'PCN Extended Access Hub', address_line_1: '5 Demo Avenue', town: 'Leeds', postcode: 'LS7 3JB', ods_code: 'X99002', online_booking: true },
	];
	const base = { partner_slot_name: '', price: 0, assignee_id: null, assignee_type: null, sector: 'nhs', video: false, in_person: false, telephone: false, use_partner_bookable_slots: true, admin_booking_invoice_required: false, form_id: null };
	const appointmentTypes = [
		{ ...base, id: '1', name: 'GP Appointment', partner_slot_name: 'GP Routine', duration: 15, in_person: true, practitioner_type: 'GP' },
		{ ...base, id: '2', name: 'GP Telephone Consultation', partner_slot_name: 'GP Phone', duration: 10, telephone: true, practitioner_type: 'GP' },
		{ ...base, id: '3', name: 'Practice Nurse Appointment', partner_slot_name: 'Nurse Routine', duration: 15, in_person: true, practitioner_type: 'Nurse' },
		{ ...base, id: '4', name: 'Blood Test', partner_slot_name: 'Phlebotomy', duration: 10, in_person: true, practitioner_type: 'Nurse', assignee_id: '21', assignee_type: 'Admin' },
		{ ...base, id: '5', name: 'GP Video Consultation', partner_slot_name: 'GP Video', duration: 15, video: true, practitioner_type: 'GP' },
	];
	// practitioners are admins (GET /v1/admins); weekday (1=Mon..5=Fri) -> location
	const admins = [
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
const SESSIONS = {
	GP: [['09:00', '12:00', '1'], ['14:00', '15:30', '2'], ['15:30', '17:00', '5']],
	Nurse: [['09:00', '12:00', '3'], ['14:00', '17:00', '4']],
};

function seedSlots(rng, nowMs, { admins, appointmentTypes }) {
	const slots = [];
	let nextId = 100001;
	const today = londonFields(nowMs);
	for (let d = 1; d <= 28; d++) {
		const day = londonFields(Date.UTC(today.year, today.month - 1, today.day + d, 12));
		const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'].indexOf(day.weekday) + 1;
		if (!weekday) continue;
		for (const admin of admins) {
			const sessions = SESSIONS[admin.role];
			const location = admin.locations[weekday];
			if (!sessions || !location) continue;
			for (const [from, to, typeId] of sessions) {
				const duration = appointmentTypes.find((t) => t.id === typeId).duration;
				const [fh, fm] = from.split(':').map(Number);
				const [th, tm] = to.split(':').map(Number);
				const end = londonTime(day.year, day.month, day.day, th, tm);
				for (let t = londonTime(day.year, day.month, day.day, fh, fm); t + duration * 60000 <= end; t += duration * 60000) {
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

function seedPatients(rng) {
	const nhs = testNhsNumbers(40);
	const patients = [];
	const pds = [];
	const ehrRecords = [];
	const attachments = [];
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
		const patient = {
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
			mobile: `07700 900${String(100 + i * 7).padStart(3, '0')}`,
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
		pds.push({ nhs_number: nhsNumber, forename: first, surname: last, dob, postcode, sex, mobile: patient.mobile, requiresVerification: false });
		if (inEhr) ehrRecords.push({ ehr_partner_id: ehrId, nhs_number: nhsNumber, first_name: first, last_name: last, dob, sex, postcode, linked_patient_id: id });
		else ehrRecords.push({ ehr_partner_id: `EHR-${ehrSeq++}`, nhs_number: nhsNumber, first_name: first, last_name: last, dob, sex, postcode, linked_patient_id: null });
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
	const dup = { ...patients[1], id: '1030', uid: `pat_1030_${rng.hex(8)}`, nhs_number: null, emis_id: null, ehr_partner_id: null, data_source: 'hero', mobile: '07700 900999', email: null, emails: null, last_sync_at: null, restrictions: [], restricted: false };
	patients.push(dup);

	// people on the Spine who are not (yet) Hero patients
	const extras = [
		['Ruth', 'Ashworth', 'Female', '1961-05-14', 'LS6 2QF'],
		['Idris', 'Morgan', 'Male', '1987-11-02', 'LS8 1DT'],
		['Sana', 'Qureshi', 'Female', '1999-02-27', 'LS12 6HN'],
	];
	const extraNhs = testNhsNumbers(3, 301);
	extras.forEach(([forename, surname, sex, dob, postcode], k) => {
		pds.push({ nhs_number: extraNhs[k], forename, surname, dob, postcode, sex, mobile: `07700 900${800 + k}`, requiresVerification: k === 2 });
	});
	return { patients, pds, ehrRecords, attachments };
}

function buildFixtures(state) {
	const byIndex = (i) => state.patients[i];
	const spineOnly = state.pds.filter((p) => !state.patients.some((x) => x.nhs_number === p.nhs_number));
	return {
		practiceGroupId: PRACTICE_GROUP_ID,
		patient: { id: byIndex(0).id, nhs_number: byIndex(0).nhs_number, dob: byIndex(0).dob },
		restrictedSms: { id: byIndex(3).id, restrictions: byIndex(3).restrictions },
		restrictedSmsEmail: { id: byIndex(4).id, restrictions: byIndex(4).restrictions },
		duplicatePair: { keep: '1002', duplicate: '1030' },
		unlinkedEhrPatient: state.patients.find((p) => p.data_source === 'hero' && p.nhs_number).id,
		pdsNew: { nhs_number: spineOnly[0].nhs_number, dob: spineOnly[0].dob, forename: spineOnly[0].forename, surname: spineOnly[0].surname, postcode: spineOnly[0].postcode },
		pdsVerification: { nhs_number: spineOnly[2].nhs_number, dob: spineOnly[2].dob },
		unknownNhs: testNhsNumbers(1, 777)[0],
		locations: state.locations.map((l) => l.id),
		appointmentTypes: state.appointmentTypes.map((t) => t.id),
		practitioners: state.admins.filter((a) => SESSIONS[a.role]).map((a) => a.id),
	};
}

function createSeedState({ seed = 1, now = Date.now() } = {}) {
	const rng = createRng(seed);
	const practice = seedPractice(rng);
	const people = seedPatients(rng);
	const slots = seedSlots(rng, now, practice);
	const state = {
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
		nextId: { patient: 1101, appointment: 5001, message: 70001, batch: 301, recipient: 40001, webhook: 901, link: 2001 },
		rng: createRng(seed * 7919 + 17),
	};
	// two confirmed appointments that already exist
	for (const [k, patientId] of [[3, '1001'], [40, '1002']]) {
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
	Object.defineProperty(state, 'slotById', { value: new Map(state.slots.map((s) => [s.id, s])), enumerable: false, writable: true });
	Object.defineProperty(state, 'rng', { value: state.rng, enumerable: false, writable: true });
	state.fixtures = buildFixtures(state);
	return state;
}

module.exports = { createSeedState, KEYS, PRACTICE_GROUP_ID, testNhsNumbers, SESSIONS };
