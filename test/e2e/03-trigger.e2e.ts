// The Hero Health Trigger in a running n8n: examples/01 activated through n8n's public API, a real
// (stand-in) Hero state change delivering Hero's signed envelope, reads of the record that fail, deliveries
// without the event header, forged deliveries, deactivation.
import { EVENT_HEADER } from '../../nodes/HeroHealth/trigger/events';
import type { WorkflowJson } from '../../scripts/lib/n8n/json';
import type { LogEntry } from '../../standin';
import {
	type TriggerItem,
	STANDIN_KEY,
	confirmAppointment,
	contractViolationsSince,
	deliverWebhook,
	e2e,
	example,
	executionsOf,
	lastSeq,
	logSince,
	londonClockTime,
	outputOf,
	publicApi,
	sleep,
	standinDeliveries,
	standinFailNext,
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

/** Terminal executions of the workflow (a webhook run is saved when it finishes). */
const finishedRuns = async () => (await executionsOf(WF)).filter((run) => run.status !== 'running' && run.status !== 'new');

/** Waits for `count` runs after the first `before`, then checks no further run follows; returns the new ones. */
async function newRuns(before: number, count: number) {
	await waitFor(`${count} new runs`, async () => (await finishedRuns()).length >= before + count);
	await sleep(2000); // a further run would show up by now
	const runs = await executionsOf(WF);
	expect(runs.length).toBe(before + count);
	// the public API lists the newest first
	return runs.slice(0, count);
}

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

it('a patient confirming an appointment in Hero runs the workflow once, with that appointment read from Hero, and the SMS goes out', async () => {
	const before = await lastSeq();

	// Hero's side: the patient reserves a slot and confirms it (PATCH /book raises appointment.confirmed)
	const { appointmentId, slot } = await confirmAppointment(PATIENT);
	await standinIdle();

	const delivered = (await standinDeliveries()).filter((d) => d.url === productionUrl);
	expect(delivered.map((d) => [d.event_type, d.auto, d.status])).toEqual([['appointment.confirmed', true, 200]]);
	expect(JSON.parse(delivered[0].body)).toEqual({
		object: 'Appointment',
		id: appointmentId,
		practice_group_id: STANDIN_KEY.practiceGroupId,
		event: 'appointment.confirmed',
	});

	const [run] = await newRuns(0, 1);
	expect(run.status).toBe('success');

	const triggered = outputOf<TriggerItem>(run, TRIGGER);
	expect(triggered).toHaveLength(1);
	expect(triggered[0]).toMatchObject({
		event: 'appointment.confirmed',
		object: 'Appointment',
		id: appointmentId,
		practiceGroupId: STANDIN_KEY.practiceGroupId,
		record: { id: appointmentId, patient_id: PATIENT, start_time: slot.start_time },
	});
	expect(triggered[0].headers['x-herohealth-signature']).toBeUndefined();

	const sends = (await logSince(before)).filter((entry) => entry.operationId === 'sendMessage');
	expect(sends).toHaveLength(1);
	expect(sends[0].status).toBe(200);
	const londonTime = londonClockTime(slot.start_time);
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

it('a read of the appointment answered 404 or 503 still starts exactly one run, carrying the error, and sends nothing', async () => {
	const before = await lastSeq();
	const runsBefore = (await executionsOf(WF)).length;
	// every try of the read (the transport tries a GET four times)
	await standinFailNext({ method: 'GET', path: '/v1/appointments/5002', status: 503, times: 4 });

	for (const id of ['999999', '5002']) {
		const results = await deliverWebhook({ event_type: 'appointment.confirmed', id });
		expect(results.map((r) => r.status)).toEqual([200]);
	}

	const runs = await newRuns(runsBefore, 2);
	const errors = runs.map((run) => {
		expect(run.status).toBe('error');
		const [item] = outputOf<TriggerItem>(run, TRIGGER);
		expect(item.record).toBeNull();
		return [item.id, item.recordError?.httpCode];
	});
	expect(errors.sort()).toEqual([
		['5002', '503'],
		['999999', '404'],
	]);
	expect((await logSince(before)).filter((entry) => entry.operationId === 'sendMessage')).toEqual([]);
});

it('a genuine delivery without the event header runs once; one naming an event this trigger did not register runs none', async () => {
	const runsBefore = (await executionsOf(WF)).length;
	const withoutHeader = { omitHeaders: [EVENT_HEADER] };

	const genuine = await deliverWebhook({ event_type: 'appointment.confirmed', id: '5001', tamper: withoutHeader });
	expect(genuine.map((r) => r.status)).toEqual([200]);
	const [run] = await newRuns(runsBefore, 1);
	expect(outputOf<TriggerItem>(run, TRIGGER)[0]).toMatchObject({ event: 'appointment.confirmed', record: { id: '5001' } });

	// signed with this trigger's key for appointment.confirmed, but naming an event it never registered
	const unregistered = {
		object: 'Appointment',
		id: '5001',
		practice_group_id: STANDIN_KEY.practiceGroupId,
		event: 'appointment.cancelled',
	};
	const refused = await deliverWebhook({ event_type: 'appointment.confirmed', payload: unregistered, tamper: withoutHeader });
	expect(refused.map((r) => r.status)).toEqual([401]);
	await sleep(2000);
	expect((await executionsOf(WF)).length).toBe(runsBefore + 1);
});

it('refuses forged deliveries (wrong key, unsigned, altered body, old) without running the workflow', async () => {
	const runsBefore = (await executionsOf(WF)).length;
	const before = await lastSeq();
	const forged = (id: string) => ({
		object: 'Appointment',
		id,
		practice_group_id: STANDIN_KEY.practiceGroupId,
		event: 'appointment.confirmed',
	});
	const attempts = [
		{ tamper: { signingKey: 'not-the-registered-key' } },
		{ tamper: { omitHeaders: ['X-Herohealth-Signature', 'X-Herohealth-Timestamp'] } },
		{ tamper: { body: JSON.stringify(forged('5002')) } },
		{ tamper: { timestamp: Math.floor(Date.now() / 1000) - 3600 } },
	];
	for (const attempt of attempts) {
		const results = await deliverWebhook({ event_type: 'appointment.confirmed', payload: forged('5001'), ...attempt });
		expect({ attempt, statuses: results.map((r) => r.status) }).toEqual({ attempt, statuses: [401] });
	}
	await sleep(2000);
	expect((await executionsOf(WF)).length).toBe(runsBefore);
	expect((await logSince(before)).filter((entry) => ['sendMessage', 'getAppointment'].includes(entry.operationId ?? ''))).toEqual(
		[],
	);
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
