import type { Standin } from './helpers';
import { byId, inputFrom, runHero, setUpTestStandin } from './helpers';
import { answeredRequestsKeptContract, freeSlots, pairing } from './bookingHelpers';
import { londonDate } from './standin/helpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

it('List slots → book the first free one for a patient → create a follow-up booking link → send it by SMS', async () => {
	const patient = standin.state.fixtures.patient.id;
	const firstFree = freeSlots(standin, { type: '1', location: '1' })[0];

	// 1. the free GP slots at the main surgery
	const slots = await runHero(standin, {
		resource: 'slot',
		operation: 'getAll',
		appointmentTypeId: byId('1'),
		locationId: byId('1'),
		limit: 5,
	});
	expect(slots.error).toBeUndefined();
	expect(slots.items).toHaveLength(5);
	expect(slots.items[0].json.id).toBe(firstFree.id);

	// 2. book the first (a Limit node would pass just that item on)
	const booked = await runHero(
		standin,
		{
			resource: 'appointment',
			operation: 'book',
			slotSelection: 'slot',
			slotId: '={{ $json.id }}',
			patientId: byId(patient),
			options: { reason: 'Blood pressure review' },
		},
		{ items: inputFrom(slots.items.slice(0, 1)) },
	);
	expect(booked.error).toBeUndefined();
	const appointment = booked.items[0].json;
	expect(appointment).toMatchObject({ patient_id: patient, start_time: firstFree.start_time });
	expect(appointment.booking_confirmed_at).toEqual(expect.any(String));
	expect(freeSlots(standin, { type: '1', location: '1' }).map((slot) => slot.id)).not.toContain(firstFree.id);

	// 3. a patient invite to book the nurse follow-up at the same surgery
	const link = await runHero(
		standin,
		{
			resource: 'link',
			operation: 'createBookingLink',
			appointmentTypeId: byId('3'),
			locationId: byId('={{ $json.location_id }}'),
			patientId: byId('={{ $json.patient_id }}'),
			options: { expiryDate: londonDate(14), maximumUses: 1 },
		},
		{ items: inputFrom(booked.items) },
	);
	expect(link.error).toBeUndefined();
	expect(pairing(link.items)).toEqual([0]);
	expect(link.items[0].json).toMatchObject({
		short_link: expect.stringMatching(/^http/),
		meta: { appointment_type_id: ['3'], location_id: ['1'], patient_id: patient },
	});

	// 4. text the patient their time (London) and the link (a Set node would merge the two)
	const sms = await runHero(
		standin,
		{
			resource: 'message',
			operation: 'send',
			patientId: byId('={{ $json.meta.patient_id }}'),
			channel: 'sms',
			message:
				'=Your GP appointment is booked for {{ $json.appointment_start_london }}. Please book your nurse follow-up here: {{ $json.short_link }}',
		},
		{ items: [{ json: { ...link.items[0].json, appointment_start_london: appointment.start_time_london } }] },
	);
	expect(sms.error).toBeUndefined();
	expect(pairing(sms.items)).toEqual([0]);

	const sent = answeredRequestsKeptContract(standin).find((entry) => entry.operationId === 'sendMessage');
	expect(sent?.body).toMatchObject({
		patient_id: patient,
		message_type: 'sms',
		message_string: `Your GP appointment is booked for ${String(appointment.start_time_london)}. Please book your nurse follow-up here: ${String(link.items[0].json.short_link)}`,
	});
	expect(standin.state.messages).toHaveLength(1);

	// each step made exactly its own calls, once, all as the contract describes them
	expect(answeredRequestsKeptContract(standin).map((entry) => entry.operationId)).toEqual([
		'listSlots',
		'getSlot',
		'createAppointment',
		'bookAppointment',
		'createBookingLink',
		'sendMessage',
	]);
});
