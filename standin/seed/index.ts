// The seeded, synthetic practice: keys, practice group, locations, appointment types,
// practitioners (admins), ~30 patients, a PDS "spine", EHR records, attachments and 28 days of slots
// (practice.ts, patients.ts), two appointments, and the fixtures tests name. Everything is made up.

import type { StandinFixtures, StandinKeys, StandinState } from '../model';
import { createRng, iso } from '../util';
import { isPractitioner, PRACTICE_GROUP_ID, seedPractice, seedSlots } from './practice';
import { seedPatients, testNhsNumbers } from './patients';

export const KEYS: StandinKeys = {
	full: { apiKey: 'hero-test-key', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['messaging', 'booking', 'booking_links'] },
	messagingOnly: { apiKey: 'hero-test-key-messaging', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['messaging'] },
	bookingOnly: { apiKey: 'hero-test-key-booking', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['booking'] },
	bookingLinksOnly: { apiKey: 'hero-test-key-links', practiceGroupId: PRACTICE_GROUP_ID, scopes: ['booking_links'] },
};

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
		practitioners: state.admins.filter(isPractitioner).map((a) => a.id),
	};
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
