// The practice of the seeded state: its group, locations, appointment types, admins (the clinical ones are
// the practitioners) and 28 days of slots from the practitioners' sessions. All made up.

import { londonWallTime, wallClock } from '../../nodes/HeroHealth/helpers/londonTime';
import type { Admin, AppointmentType, Location, PracticeGroup, Slot } from '../model';
import { iso, type Rng } from '../util';

export const PRACTICE_GROUP_ID = 'pg_standin_1';

export function seedPractice() {
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
const SESSIONS: Partial<Record<string, Array<[string, string, string]>>> = {
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

/** The admins with sessions in the clinical system, so slots, are the practitioners (GET /v1/practitioners). */
export function isPractitioner(admin: Admin): boolean {
	return !!SESSIONS[admin.role];
}

export function seedSlots(
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
