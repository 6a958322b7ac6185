// Deliveries to an activated Hero Health Trigger: the stand-in signs and POSTs real HTTP requests to
// the URL the trigger registered; the harness serves webhook() through n8n-core's WebhookContext.
import { randomUUID } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import type { DeliveryLogEntry, Standin, WebhookTamper } from '../standin';
import { signWebhook } from '../standin';
import { EVENT_HEADER } from '../nodes/HeroHealth/trigger/events';
import type { TriggerHarness, WebhookCall } from './harness';
import { setUpStandin } from './standin/helpers';
import { registrationsOf, triggerFactory } from './trigger-helpers';

let standin: Standin;
const triggers = triggerFactory(() => standin);

setUpStandin((started) => (standin = started));
afterEach(async () => {
	jest.restoreAllMocks();
	await triggers.closeAll();
});

const EVENTS = ['appointment.confirmed', 'prescription.issued'];
// a confirmed appointment the stand-in is seeded with, for patient 1001
const APPOINTMENT = '5001';
const SIX_MINUTES = 6 * 60 * 1000;

/** Hero's delivery body for `event` about record `id`, as compact JSON. */
function envelope(event: string, id: string, object = event.startsWith('appointment.') ? 'Appointment' : 'Prescription') {
	return { object, id, practice_group_id: standin.fixtures.practiceGroupId, event };
}

/** An activated trigger in a workflow of its own (this process remembers accepted deliveries per workflow). */
async function activeTrigger(triggerOptions: INodeParameters = {}, workflowId = randomUUID()): Promise<TriggerHarness> {
	const trigger = await triggers.start(EVENTS, { triggerOptions, workflowId });
	await trigger.activate();
	return trigger;
}

/** Has the stand-in deliver one event about `id` and returns what came back and what the trigger did with it. */
async function deliver(trigger: TriggerHarness, eventType: string, tamper?: WebhookTamper, id = APPOINTMENT) {
	const next = trigger.nextCall();
	const results = await standin.deliverWebhook({ event_type: eventType, id, tamper });
	expect(results).toHaveLength(1);
	const sent = standin.deliveries[standin.deliveries.length - 1];
	return { status: results[0].status, responseBody: results[0].responseBody ?? '', call: await next, sent };
}

const itemsOf = (call: WebhookCall): INodeExecutionData[] => (call.result?.workflowData ?? []).flat();
const signingKeys = (trigger: TriggerHarness) => Object.values(registrationsOf(trigger)).map((r) => r.signingKey);
const recordReads = () => standin.log.filter((entry) => entry.operationId === 'getAppointment');

function expectRefused(outcome: { status: number | null; call: WebhookCall }) {
	expect(outcome.status).toBe(401);
	expect(outcome.call.response.statusCode).toBe(401);
	expect(outcome.call.result).toEqual({ noWebhookResponse: true });
	expect(itemsOf(outcome.call)).toEqual([]);
}

test('a genuine delivery emits one item: the envelope in plain fields and the appointment it names, read from Hero', async () => {
	const trigger = await activeTrigger();
	const before = Date.now();

	const { status, responseBody, call, sent } = await deliver(trigger, 'appointment.confirmed');

	expect(status).toBe(200);
	// the node answers Hero itself: only then does n8n save the record of accepted deliveries before the run
	expect(call.result?.noWebhookResponse).toBe(true);
	expect(JSON.parse(responseBody)).toEqual({ message: 'Received' });
	const items = itemsOf(call);
	expect(items).toHaveLength(1);
	const { json } = items[0];
	expect(json).toMatchObject({
		event: 'appointment.confirmed',
		object: 'Appointment',
		id: APPOINTMENT,
		practiceGroupId: standin.fixtures.practiceGroupId,
		record: { id: APPOINTMENT, patient_id: '1001' },
	});
	expect(json).not.toHaveProperty('recordError');
	expect(json).not.toHaveProperty('body');
	expect(Date.parse(json.receivedAt as string)).toBeGreaterThanOrEqual(before - 1000);
	expect(recordReads()).toEqual([expect.objectContaining({ path: `/v1/appointments/${APPOINTMENT}`, status: 200 })]);
	const headers = json.headers as IDataObject;
	expect(headers['x-herohealth-timestamp']).toBe(sent.headers['X-Herohealth-Timestamp']);
	expect(headers[EVENT_HEADER]).toBe('appointment.confirmed');
	expect(headers).not.toHaveProperty('x-herohealth-signature');
	expect(json).not.toHaveProperty('rawBody');
});

test('Hero has its answer before the record is read', async () => {
	const trigger = await activeTrigger();
	standin.setConfig({ latencyMs: 1000 });
	try {
		const next = trigger.nextCall();
		const [result] = await standin.deliverWebhook({ event_type: 'appointment.confirmed', id: APPOINTMENT });
		expect(result.status).toBe(200);
		// the read is not answered yet, or not even sent, when Hero's delivery has its 200
		expect(recordReads().map((entry) => entry.status)).not.toContain(200);
		expect(itemsOf(await next)[0].json.record).toMatchObject({ id: APPOINTMENT });
	} finally {
		standin.setConfig({ latencyMs: 0 });
	}
});

test('a Prescription, which Hero documents no way to read, starts the run with the reason in one field and no request', async () => {
	const trigger = await activeTrigger();
	const before = standin.log.length;

	const { call } = await deliver(trigger, 'prescription.issued', undefined, '880001');

	const [{ json }] = itemsOf(call);
	expect(json).toMatchObject({ event: 'prescription.issued', object: 'Prescription', id: '880001', record: null });
	expect(json.recordUnavailable).toMatch(/no way to read a Prescription/);
	expect(standin.log.length).toBe(before);
});

test('Fetch Record off outputs the envelope alone and reads nothing', async () => {
	const trigger = await activeTrigger({ fetchRecord: false });
	const before = standin.log.length;

	const { call } = await deliver(trigger, 'appointment.confirmed');

	const [{ json }] = itemsOf(call);
	expect(json).toMatchObject({ event: 'appointment.confirmed', id: APPOINTMENT });
	expect(json).not.toHaveProperty('record');
	expect(standin.log.length).toBe(before);
});

describe('a read that fails still starts exactly one run, carrying the error', () => {
	test.each([
		['404: the appointment is unknown', '999999', undefined, '404', /appointment 999999/],
		['503 on every try', APPOINTMENT, 503, '503', /503|unavailable/i],
	])('%s', async (_label, id, failWith, httpCode, message) => {
		const trigger = await activeTrigger();
		if (failWith) standin.failNext({ method: 'GET', path: `/v1/appointments/${id}`, status: failWith, times: 10 });

		const { status, call } = await deliver(trigger, 'appointment.confirmed', undefined, id);

		expect(status).toBe(200);
		const items = itemsOf(call);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ event: 'appointment.confirmed', id, record: null, recordError: { httpCode } });
		expect((items[0].json.recordError as IDataObject).message).toMatch(message);
	});
});

test('each event arrives with its own label', async () => {
	const trigger = await activeTrigger();
	const labels: unknown[] = [];
	for (const event of EVENTS) labels.push(itemsOf((await deliver(trigger, event)).call)[0]?.json.event);
	expect(labels).toEqual(EVENTS);
});

test('an event name this node does not know passes through, and its record is still read', async () => {
	const trigger = await activeTrigger();
	const next = trigger.nextCall();
	const payload = { ...envelope('appointment.created', APPOINTMENT), object: 'Appointment' };

	await standin.deliverWebhook({ event_type: 'appointment.confirmed', payload });

	const [{ json }] = itemsOf(await next);
	expect(json).toMatchObject({ event: 'appointment.created', object: 'Appointment', record: { id: APPOINTMENT } });
});

test('Include Raw Body keeps the exact bytes sent; Include Headers off leaves the headers out', async () => {
	const trigger = await activeTrigger({ includeRawBody: true, includeHeaders: false });

	const { call, sent } = await deliver(trigger, 'appointment.confirmed');

	const { json } = itemsOf(call)[0];
	expect(json.rawBody).toBe(sent.body);
	expect(json).not.toHaveProperty('headers');
});

describe('without the event header this node asked Hero to add (a proxy may strip it)', () => {
	test('a genuine delivery is checked against the key of the event it names, and runs once', async () => {
		const trigger = await activeTrigger();
		const outcome = await deliver(trigger, 'appointment.confirmed', { omitHeaders: [EVENT_HEADER] });
		expect(outcome.status).toBe(200);
		expect(itemsOf(outcome.call)).toHaveLength(1);
		expect(itemsOf(outcome.call)[0].json).toMatchObject({ event: 'appointment.confirmed', record: { id: APPOINTMENT } });
	});

	test('one signed with another event’s key, or naming an event this trigger did not register, starts nothing', async () => {
		const trigger = await activeTrigger();
		const keys = registrationsOf(trigger);
		const sendWithout = async (body: object, signingKey: string) => {
			const text = JSON.stringify(body);
			const timestamp = String(Math.floor(Date.now() / 1000));
			const headers = {
				'content-type': 'application/json',
				'X-Herohealth-Timestamp': timestamp,
				'X-Herohealth-Signature': signWebhook(signingKey, timestamp, text),
			};
			return await trigger.send(text, { headers });
		};
		// prescription.issued's genuine key, but the body claims appointment.confirmed
		expectRefused(await sendWithout(envelope('appointment.confirmed', APPOINTMENT), keys['prescription.issued'].signingKey));
		// signed with a registered key, naming an event nobody registered here
		expectRefused(await sendWithout(envelope('appointment.cancelled', APPOINTMENT), keys['appointment.confirmed'].signingKey));
		expect(recordReads()).toEqual([]);
	});
});

describe('a delivery that fails the signature check gets 401 and starts nothing', () => {
	const wrongKey = 'f'.repeat(64);
	const cases: Array<[string, WebhookTamper | (() => WebhookTamper)]> = [
		['tampered body', () => ({ body: JSON.stringify(envelope('appointment.confirmed', '6666')) })],
		['signed with the wrong key', { signingKey: wrongKey }],
		['no signature header', { omitHeaders: ['X-Herohealth-Signature'] }],
		['no timestamp header', { omitHeaders: ['X-Herohealth-Timestamp'] }],
		['neither signature header', { omitHeaders: ['X-Herohealth-Signature', 'X-Herohealth-Timestamp'] }],
		['timestamp 6 minutes old, correctly signed', () => ({ timestamp: Math.floor((Date.now() - SIX_MINUTES) / 1000) })],
		['timestamp 6 minutes ahead, correctly signed', () => ({ timestamp: Math.floor((Date.now() + SIX_MINUTES) / 1000) })],
		['a wrong value in base64', { signingKey: wrongKey, signatureEncoding: 'base64' }],
		['a wrong value as sha256=base64', { signingKey: wrongKey, signatureEncoding: 'sha256=base64' }],
		['a wrong value as sha256=hex', { signingKey: wrongKey, signatureEncoding: 'sha256=hex' }],
		['a signature that is not a digest', { signature: 'not-a-signature' }],
	];

	test.each(cases)('%s', async (_label, tamper) => {
		const trigger = await activeTrigger();
		const outcome = await deliver(trigger, 'appointment.confirmed', typeof tamper === 'function' ? tamper() : tamper);
		expectRefused(outcome);
		expect(outcome.call.logs.join('\n')).toMatch(/refused a delivery: \w/);
		for (const key of signingKeys(trigger)) {
			expect(outcome.responseBody).not.toContain(key);
			expect(outcome.call.logs.join('\n')).not.toContain(key);
		}
	});
});

/** Sends a delivery the stand-in made earlier again, byte for byte, straight to the trigger. */
async function resend(trigger: TriggerHarness, sent: DeliveryLogEntry, headers: Record<string, string> = {}) {
	return await trigger.send(sent.body, { headers: { ...sent.headers, ...headers } });
}

test('a delivery sent again starts no second run: acknowledged within 5 minutes, refused after', async () => {
	const trigger = await activeTrigger();
	const { status, call, sent } = await deliver(trigger, 'appointment.confirmed');
	expect(status).toBe(200);
	expect(itemsOf(call)).toHaveLength(1);
	const sentAt = Date.now();
	const clock = jest.spyOn(Date, 'now');

	// Within the window the same bytes still pass the signature check, so only the memory of
	// accepted deliveries stops them; the same digest re-encoded as base64 is the same delivery.
	clock.mockReturnValue(sentAt + 4 * 60 * 1000);
	const again = await resend(trigger, sent);
	const digest = Buffer.from(sent.headers['X-Herohealth-Signature'].replace(/^sha256=/, ''), 'hex');
	const reencoded = await resend(trigger, sent, { 'X-Herohealth-Signature': digest.toString('base64') });
	for (const repeat of [again, reencoded]) {
		expect(repeat.status).toBe(200);
		expect(repeat.call.result).toEqual({ noWebhookResponse: true });
		expect(itemsOf(repeat.call)).toEqual([]);
	}

	clock.mockReturnValue(sentAt + SIX_MINUTES);
	expectRefused(await resend(trigger, sent));
});

test('the same event signed again (a new timestamp) is a new delivery and runs', async () => {
	const trigger = await activeTrigger();
	const first = await deliver(trigger, 'appointment.confirmed', { timestamp: Math.floor(Date.now() / 1000) - 1 });
	const second = await deliver(trigger, 'appointment.confirmed', { timestamp: Math.floor(Date.now() / 1000) });
	expect(first.sent.body).toBe(second.sent.body);
	expect(itemsOf(first.call)).toHaveLength(1);
	expect(itemsOf(second.call)).toHaveLength(1);
});

test('a delivery relabelled as another event fails that event’s key', async () => {
	const trigger = await activeTrigger();
	const { sent } = await deliver(trigger, 'appointment.confirmed');

	for (const label of ['prescription.issued', 'appointment.cancelled', '__proto__', 'constructor']) {
		expectRefused(await resend(trigger, sent, { [EVENT_HEADER]: label }));
	}
});

test('the signing keys never appear in an emitted item or in anything logged', async () => {
	const trigger = await activeTrigger({ includeRawBody: true });
	const keys = signingKeys(trigger);
	expect(keys).toHaveLength(2);

	const outcomes = [];
	for (const event of EVENTS) outcomes.push(await deliver(trigger, event));

	for (const { call, responseBody } of outcomes) {
		expect(itemsOf(call)).toHaveLength(1);
		const shown = JSON.stringify(call.result) + responseBody;
		for (const key of keys) expect(shown).not.toContain(key);
	}
	for (const key of keys) expect(trigger.logs.join('\n')).not.toContain(key);
});

/**
 * The trigger as another n8n process loads it: a fresh copy of the module, so nothing held in this
 * process's memory is shared with it (a webhook processor beside the main, or n8n after a restart).
 */
function triggerInAnotherProcess(): INodeType {
	let other: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules loads a fresh copy only through a synchronous require
		const loaded = require('../nodes/HeroHealth/HeroHealthTrigger.node') as { HeroHealthTrigger: new () => INodeType };
		other = new loaded.HeroHealthTrigger();
	});
	return other!;
}

/** A new delivery of `event`, signed with the key `trigger` registered, sent straight to it (as if Hero sent it there). */
async function sendSigned(trigger: TriggerHarness, event: string, id: string) {
	const body = JSON.stringify(envelope(event, id));
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = signWebhook(registrationsOf(trigger)[event].signingKey, timestamp, body);
	const headers = {
		'content-type': 'application/json',
		'X-Herohealth-Timestamp': timestamp,
		'X-Herohealth-Signature': signature,
		[EVENT_HEADER]: event,
	};
	return await trigger.send(body, { headers });
}

describe('the record of accepted deliveries is shared through static data', () => {
	test('another process (or n8n after a restart) acknowledges a delivery accepted here, and runs nothing', async () => {
		const workflowId = randomUUID();
		const trigger = await activeTrigger({}, workflowId);
		const { call, sent } = await deliver(trigger, 'appointment.confirmed');
		expect(itemsOf(call)).toHaveLength(1);
		expect(Object.keys(trigger.nodeStaticData.acceptedDeliveries as IDataObject)).toHaveLength(1);

		const other = await triggers.start(EVENTS, {
			nodeType: triggerInAnotherProcess(),
			staticData: trigger.staticData,
			workflowId,
		});
		const repeat = await resend(other, sent);
		expect(repeat.status).toBe(200);
		expect(repeat.call.result).toEqual({ noWebhookResponse: true });
		expect(itemsOf(repeat.call)).toEqual([]);

		// a new delivery there still runs, and is recorded beside the first
		expect(itemsOf((await sendSigned(other, 'prescription.issued', '880002')).call)).toHaveLength(1);
		expect(Object.keys(other.nodeStaticData.acceptedDeliveries as IDataObject)).toHaveLength(2);
	});

	test('without the saved record another process would run it again: the record, not memory, is what it reads', async () => {
		const workflowId = randomUUID();
		const trigger = await activeTrigger({}, workflowId);
		const beforeDelivery = trigger.staticData;
		const { sent } = await deliver(trigger, 'appointment.confirmed');

		const other = await triggers.start(EVENTS, { nodeType: triggerInAnotherProcess(), staticData: beforeDelivery, workflowId });
		expect(itemsOf((await resend(other, sent)).call)).toHaveLength(1);
	});

	test('in the same process, a repeat that arrives before n8n saved the record is acknowledged too', async () => {
		const workflowId = randomUUID();
		const trigger = await activeTrigger({}, workflowId);
		const beforeDelivery = trigger.staticData;
		const { sent } = await deliver(trigger, 'appointment.confirmed');

		// this process, with static data as loaded before the first delivery's save
		const unsaved = await triggers.start(EVENTS, { staticData: beforeDelivery, workflowId });
		const repeat = await resend(unsaved, sent);
		expect(repeat.status).toBe(200);
		expect(itemsOf(repeat.call)).toEqual([]);
	});

	test("a process writes back what it accepted, so an entry another process's save dropped comes back", async () => {
		const workflowId = randomUUID();
		const trigger = await activeTrigger({}, workflowId);
		const beforeDelivery = trigger.staticData;
		const first = await deliver(trigger, 'appointment.confirmed');

		// another process read static data before that save, accepted its own delivery and saved over it
		const other = await triggers.start(EVENTS, { nodeType: triggerInAnotherProcess(), staticData: beforeDelivery, workflowId });
		expect(itemsOf((await sendSigned(other, 'appointment.confirmed', '5002')).call)).toHaveLength(1);
		expect(Object.keys(other.nodeStaticData.acceptedDeliveries as IDataObject)).toHaveLength(1);

		// this process's next delivery writes its first one back
		const again = await triggers.start(EVENTS, { staticData: other.staticData, workflowId });
		expect(itemsOf((await sendSigned(again, 'prescription.issued', '880003')).call)).toHaveLength(1);
		const record = again.nodeStaticData.acceptedDeliveries as IDataObject;
		expect(Object.keys(record)).toHaveLength(3);
		expect(Object.keys(record)).toContain(first.sent.headers['X-Herohealth-Signature'].slice(0, 32));
	});

	test('deactivating forgets the record with the registrations', async () => {
		const trigger = await activeTrigger();
		await deliver(trigger, 'appointment.confirmed');
		expect(trigger.nodeStaticData.acceptedDeliveries).toBeDefined();
		await trigger.deactivate();
		expect(trigger.nodeStaticData).toEqual({});
	});
});
