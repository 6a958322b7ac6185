// The Hero Health Trigger in a running n8n: examples/01 activated through n8n's public API, a real
// (stand-in) Hero state change delivering a signed webhook, forged deliveries, deactivation.
import type { WorkflowJson } from '../../scripts/lib/n8n';
import type { LogEntry } from '../../standin';
import {
	contractViolationsSince,
	deliverWebhook,
	e2e,
	example,
	executionsOf,
	heroApi,
	lastSeq,
	logSince,
	outputOf,
	publicApi,
	sleep,
	standinDeliveries,
	standinIdle,
	standinState,
	waitFor,
} from './helpers';

const workflow = example('01-appointment-confirmed-pre-visit-sms.json');
const WF = workflow.id;
const triggerNode = workflow.nodes.find((node) => node.type.endsWith('.heroHealthTrigger'))!;
const TRIGGER = triggerNode.name;
const SEND = 'Send pre-visit SMS';
const PATIENT = '1001';

let since = 0;
let productionUrl = '';

const ours = async () => (await standinState()).webhooks.filter((hook) => hook.url === productionUrl);

/** What the trigger outputs for a delivery. */
interface TriggerItem {
	eventType: string;
	body: { event_type: string; data: Record<string, unknown> };
	headers: Record<string, string | undefined>;
}

/** Terminal executions of the workflow (a webhook run is saved when it finishes). */
const finishedRuns = async () => (await executionsOf(WF)).filter((run) => run.status !== 'running' && run.status !== 'new');

beforeAll(async () => {
	since = await lastSeq();
	productionUrl = `${e2e().n8nUrl}/webhook/${triggerNode.webhookId}/webhook`;
});

it('activating the workflow registers one signed Hero webhook for Appointment Confirmed at its production URL', async () => {
	const before = await lastSeq();
	await publicApi('POST', `/workflows/${WF}/activate`);
	expect((await publicApi<WorkflowJson>('GET', `/workflows/${WF}`)).active).toBe(true);

	// n8n answers first and activates in the background
	const hooks = await waitFor('the Hero registration', async () => {
		const found = await ours();
		return found.length ? found : undefined;
	});
	await sleep(500);
	expect(await ours()).toHaveLength(1);
	expect(hooks[0]).toMatchObject({ event_type: 'appointment.confirmed', url: productionUrl });
	expect(String(hooks[0].signing_key)).toMatch(/\S{32,}/);
	const creates = (await logSince(before)).filter((entry) => entry.operationId === 'createWebhook');
	const asked = (entry: LogEntry) => entry.body as { event_type: string; url: string };
	expect(creates.map((entry) => [entry.status, asked(entry).event_type, asked(entry).url])).toEqual([
		[200, 'appointment.confirmed', productionUrl],
	]);
});

it('a patient confirming an appointment in Hero runs the workflow once, with that appointment, and the SMS goes out', async () => {
	const state = await standinState();
	const now = Date.now();
	const slot = state.slots.find(
		(s) => s.appointment_id === null && Date.parse(s.start_time) > now + 48 * 3600_000 && s.appointment_type_id === '1',
	);
	expect(slot).toBeDefined();
	const before = await lastSeq();

	// Hero's side: reserve the slot for the patient, then confirm it (PATCH /book raises appointment.confirmed)
	const reserved = await heroApi<{ id: string | number }>('POST', '/v1/appointments', {
		appointment_type_id: slot!.appointment_type_id,
		location_id: slot!.location_id,
		practitioner_id: slot!.practitioner_id,
		duration: 15,
		start_time: slot!.start_time,
		patient_id: PATIENT,
	});
	expect(reserved.status).toBeLessThan(300);
	const appointmentId = String(reserved.json.id);
	const booked = await heroApi('PATCH', `/v1/appointments/${appointmentId}/book`, {});
	expect(booked.status).toBe(200);
	await standinIdle();

	const delivered = (await standinDeliveries()).filter((d) => d.url === productionUrl);
	expect(delivered.map((d) => [d.event_type, d.auto, d.status])).toEqual([['appointment.confirmed', true, 200]]);

	const runs = await waitFor('the execution', async () => {
		const found = await finishedRuns();
		return found.length ? found : undefined;
	});
	await sleep(2000); // a second run would show up by now
	expect((await executionsOf(WF)).length).toBe(1);
	const [run] = runs;
	expect(run.status).toBe('success');

	const triggered = outputOf<TriggerItem>(run, TRIGGER);
	expect(triggered).toHaveLength(1);
	expect(triggered[0]).toMatchObject({
		eventType: 'appointment.confirmed',
		body: { event_type: 'appointment.confirmed', data: { id: appointmentId, patient_id: PATIENT, start_time: slot!.start_time } },
	});
	expect(triggered[0].headers['x-herohealth-signature']).toBeUndefined();

	const sends = (await logSince(before)).filter((entry) => entry.operationId === 'sendMessage');
	expect(sends).toHaveLength(1);
	expect(sends[0].status).toBe(200);
	const londonTime = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
	}).format(new Date(slot!.start_time));
	expect(sends[0].body).toMatchObject({ patient_id: PATIENT, message_type: 'sms' });
	expect(JSON.stringify(sends[0].body)).toContain(`at ${londonTime}`);
	const sent = outputOf(run, SEND);
	expect(sent).toHaveLength(1);
});

it('acknowledges the same delivery sent again (as Hero would after a lost answer) without a second run', async () => {
	const runsBefore = (await executionsOf(WF)).length;
	const [first] = (await standinDeliveries()).filter((d) => d.url === productionUrl && d.status === 200);
	const headers = Object.fromEntries(
		Object.entries(first.headers as Record<string, string>).filter(([name]) => !/^(content-length|host|connection)$/i.test(name)),
	);
	const again = await fetch(productionUrl, { method: 'POST', headers, body: first.body });
	expect(again.status).toBe(200);
	await sleep(2000);
	expect((await executionsOf(WF)).length).toBe(runsBefore);
});

it('refuses forged deliveries (wrong key, unsigned, altered body) without running the workflow', async () => {
	const runsBefore = (await executionsOf(WF)).length;
	const before = await lastSeq();
	const forgedEvent = {
		id: 'evt_forged',
		event_type: 'appointment.confirmed',
		created_at: new Date().toISOString(),
		practice_group_id: 'pg_standin_1',
		data: { id: '5001', patient_id: '1002', start_time: new Date(Date.now() + 86_400_000).toISOString() },
	};
	const attempts = [
		{ tamper: { signingKey: 'not-the-registered-key' } },
		{ tamper: { omitHeaders: ['X-Herohealth-Signature', 'X-Herohealth-Timestamp'] } },
		{ tamper: { body: JSON.stringify({ ...forgedEvent, data: { ...forgedEvent.data, patient_id: '1003' } }) } },
		{ tamper: { timestamp: Math.floor(Date.now() / 1000) - 3600 } },
	];
	for (const attempt of attempts) {
		const results = await deliverWebhook({ event_type: 'appointment.confirmed', payload: forgedEvent, ...attempt });
		expect({ attempt, statuses: results.map((r) => r.status) }).toEqual({ attempt, statuses: [401] });
	}
	await sleep(2000);
	expect((await executionsOf(WF)).length).toBe(runsBefore);
	expect((await logSince(before)).filter((entry) => entry.operationId === 'sendMessage')).toEqual([]);
});

it('deactivating the workflow deletes its registration from Hero', async () => {
	const before = await lastSeq();
	await publicApi('POST', `/workflows/${WF}/deactivate`);
	await waitFor('the registration to go', async () => (await ours()).length === 0);
	expect((await standinState()).webhooks).toEqual([]);
	const deletes = (await logSince(before)).filter((entry) => entry.operationId === 'deleteWebhook');
	expect(deletes.map((entry) => entry.status)).toEqual([expect.any(Number)]);
	expect(deletes[0].status).toBeLessThan(300);
	// nothing left to deliver to
	expect(await deliverWebhook({ event_type: 'appointment.confirmed' })).toEqual([]);
});

it('every request the stand-in received matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
