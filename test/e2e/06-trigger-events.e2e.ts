// Each of Hero's nine webhook events, raised by what causes it at the (stand-in) Hero, starts exactly one run of
// a published Hero Health Trigger in real n8n, whose item holds Hero's envelope and the record it names, read
// from Hero (or, for a Prescription, which Hero documents no way to read, the reason).
import { randomUUID } from 'crypto';

import { heroWebhookEvents } from '../../nodes/HeroHealth/trigger/events';
import type { ExecutionJson, WorkflowJson } from '../../scripts/lib/n8n/json';
import { STANDIN_CREDENTIAL_ID, STANDIN_CREDENTIAL_NAME } from '../../scripts/lib/n8n/credentials';
import {
	type TriggerItem,
	HERO_TRIGGER,
	STANDIN_KEY,
	confirmAppointment,
	contractViolationsSince,
	e2e,
	executionsOf,
	heroApi,
	lastSeq,
	outputOf,
	publicApi,
	publish,
	sleep,
	standinState,
	waitFor,
} from './helpers';

const EVENTS = heroWebhookEvents.map((option) => String(option.value));
const TRIGGER = 'Every Hero event';
const PATIENT = '1003';
let since = 0;
let workflowId = '';

async function control<T>(route: string): Promise<T> {
	const res = await fetch(`${e2e().standinUrl}/_standin${route}`, { method: 'POST' });
	if (!res.ok) throw new Error(`stand-in ${route} answered ${res.status}: ${await res.text()}`);
	return (await res.json()) as T;
}

async function ok<T>(method: string, route: string, body?: unknown): Promise<T> {
	const answer = await heroApi<T>(method, route, body);
	if (answer.status !== 200) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
	return answer.json;
}

const finished = (runs: ExecutionJson[]) => runs.filter((run) => run.status !== 'running' && run.status !== 'new');

beforeAll(async () => {
	since = await lastSeq();
	const created = await publicApi<WorkflowJson>('POST', '/workflows', {
		name: 'Every Hero event (e2e)',
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: HERO_TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { events: EVENTS, options: {} },
				credentials: { heroHealthApi: { id: STANDIN_CREDENTIAL_ID, name: STANDIN_CREDENTIAL_NAME } },
			},
		],
		connections: {},
		settings: { saveDataSuccessExecution: 'all' },
	});
	workflowId = String(created.id);
	// the nine registrations at Hero, and their signing keys saved by n8n (deliveries before that are refused)
	await publish(workflowId);
});

afterAll(async () => {
	if (workflowId) await publicApi('POST', `/workflows/${workflowId}/deactivate`);
});

it('the trigger offers nine events, form-submission.created among them', () => {
	expect(EVENTS).toHaveLength(9);
	expect(EVENTS).toContain('form-submission.created');
});

it('each of the nine events, raised by what causes it, starts exactly one run with the envelope and the record it names', async () => {
	// booking: confirm, reschedule, cancel
	const { appointmentId, slot } = await confirmAppointment(PATIENT);
	const other = (await standinState()).slots.find(
		(s) =>
			s.appointment_id === null &&
			s.id !== slot.id &&
			s.appointment_type_id === slot.appointment_type_id &&
			s.location_id === slot.location_id &&
			Date.parse(s.start_time) > Date.parse(slot.start_time),
	)!;
	await ok('PATCH', `/v1/appointments/${appointmentId}/reschedule`, {
		start_time: other.start_time,
		practitioner_id: other.practitioner_id,
	});
	await ok('PATCH', `/v1/appointments/${appointmentId}/cancel`, {});
	// a form sent through a form link, then submitted by the patient
	const link = await ok<{ id: string }>('POST', '/v1/form_links', { form_id: '12', patient_id: PATIENT });
	const formResponse = await control<{ id: number }>(`/form-links/${link.id}/submit`);
	// messages written to the record: a linked patient's succeeds, a Hero-only patient's fails
	const writeToRecord = (patientId: string) => ({
		patient_id: patientId,
		message_type: 'sms',
		message_string: 'Your blood test results are normal.',
		write_to_record: true,
		auto_write_to_record: true,
	});
	const written = await ok<{ message_id: string }>('POST', '/v1/messages/send', writeToRecord(PATIENT));
	const unlinked = (await standinState()).fixtures.unlinkedEhrPatient;
	const refused = await ok<{ message_id: string }>('POST', '/v1/messages/send', writeToRecord(unlinked));
	// what happens in the clinical system and in Hero's own app
	const prescription = await control<{ id: string }>(`/patients/${PATIENT}/prescription`);
	await control(`/patients/${PATIENT}/record-update`);
	await control(`/patients/${PATIENT}/sequence`);

	await waitFor('nine finished runs', async () => finished(await executionsOf(workflowId)).length >= 9, 60_000);
	await sleep(2000); // a tenth would show up by now
	const runs = await executionsOf(workflowId);
	expect(runs).toHaveLength(9);
	expect(runs.map((run) => run.status)).toEqual(Array(9).fill('success'));

	const items = runs.map((run) => {
		const output = outputOf<TriggerItem>(run, TRIGGER);
		expect(output).toHaveLength(1);
		expect(output[0].practiceGroupId).toBe(STANDIN_KEY.practiceGroupId);
		expect(output[0]).not.toHaveProperty('recordError');
		return output[0];
	});
	const byEvent = Object.fromEntries(items.map((item) => [item.event, item]));
	expect(Object.keys(byEvent).sort()).toEqual([...EVENTS].sort());

	const expected: Record<string, [string, string, Record<string, unknown> | null]> = {
		'appointment.confirmed': ['Appointment', appointmentId, { id: appointmentId, patient_id: PATIENT }],
		'appointment.rescheduled': ['Appointment', appointmentId, { id: appointmentId, patient_id: PATIENT }],
		'appointment.cancelled': ['Appointment', appointmentId, { id: appointmentId, patient_id: PATIENT }],
		'form-submission.created': [
			'FormSubmission',
			String(formResponse.id),
			{ id: formResponse.id, form_id: 12, client_id: Number(PATIENT), short_link_id: Number(link.id) },
		],
		'write-to-record.succeeded': [
			'Message',
			written.message_id,
			{ id: written.message_id, write_to_record: { status: 'written' } },
		],
		'write-to-record.failed': [
			'Message',
			refused.message_id,
			{ id: refused.message_id, write_to_record: { status: 'failed', failure_reason: expect.any(String) } },
		],
		'prescription.issued': ['Prescription', prescription.id, null],
		'patient.medical-record-updated': ['Patient', PATIENT, { id: PATIENT }],
		'patient.added-to-sequence': ['Patient', PATIENT, { id: PATIENT }],
	};
	for (const [event, [object, id, record]] of Object.entries(expected)) {
		expect({ event, item: byEvent[event] }).toMatchObject({ event, item: { object, id, record } });
	}
	expect(byEvent['prescription.issued'].recordUnavailable).toMatch(/no way to read a Prescription/);
});

it('every request the stand-in received, and every delivery it sent, matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
