// The people of the seeded state: ~30 patients, the PDS "spine" (with people Hero does not know yet), their
// records in the clinical system and attachments. NHS numbers are in the 999 test range (plus the NHS's
// published example), mobiles in Ofcom's 07700 900xxx drama range, emails @example.com.

import type { Attachment, EhrRecord, Patient, PdsRecord } from '../model';
import { nhsCheckDigit, type Rng } from '../util';

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

export function seedPatients(rng: Rng) {
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
