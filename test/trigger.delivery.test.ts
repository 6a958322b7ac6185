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
const PAYLOAD = { id: 'evt_1', event_type: 'appointment.confirmed', data: { appointment_id: '5001', note: 'caf\u00e9' } };
const SIX_MINUTES = 6 * 60 * 1000;

/** An activated trigger in a workflow of its own (this process remembers accepted deliveries per workflow). */
async function activeTrigger(triggerOptions: INodeParameters = {}, workflowId = randomUUID()): Promise<TriggerHarness> {
	const trigger = await triggers.start(EVENTS, { triggerOptions, workflowId });
	await trigger.activate();
	return trigger;
}

/** Has the stand-in deliver one event and returns what came back and what the trigger did with it. */
async function deliver(trigger: TriggerHarness, eventType: string, tamper?: WebhookTamper) {
	const results = await standin.deliverWebhook({ event_type: eventType, payload: { ...PAYLOAD, event_type: eventType }, tamper });
	expect(results).toHaveLength(1);
	const call = trigger.calls[trigger.calls.length - 1];
	const sent = standin.deliveries[standin.deliveries.length - 1];
	return { status: results[0].status, responseBody: results[0].responseBody ?? '', call, sent };
}

const itemsOf = (call: WebhookCall): INodeExecutionData[] => (call.result?.workflowData ?? []).flat();
const signingKeys = (trigger: TriggerHarness) => Object.values(registrationsOf(trigger)).map((r) => r.signingKey);

function expectRefused(outcome: { status: number | null; call: WebhookCall }) {
	expect(outcome.status).toBe(401);
	expect(outcome.call.response.statusCode).toBe(401);
	expect(outcome.call.result).toEqual({ noWebhookResponse: true });
	expect(itemsOf(outcome.call)).toEqual([]);
}

test('a genuine delivery emits one item labelled with its event', async () => {
	const trigger = await activeTrigger();
	const before = Date.now();

	const { status, responseBody, call, sent } = await deliver(trigger, 'prescription.issued');

	expect(status).toBe(200);
	// the node answers Hero itself: only then does n8n save the record of accepted deliveries before the run
	expect(call.result?.noWebhookResponse).toBe(true);
	expect(JSON.parse(responseBody)).toEqual({ message: 'Received' });
	const items = itemsOf(call);
	expect(items).toHaveLength(1);
	const { json } = items[0];
	expect(json.eventType).toBe('prescription.issued');
	expect(json.body).toEqual({ ...PAYLOAD, event_type: 'prescription.issued' });
	expect(Date.parse(json.receivedAt as string)).toBeGreaterThanOrEqual(before - 1000);
	const headers = json.headers as IDataObject;
	expect(headers['x-herohealth-timestamp']).toBe(sent.headers['X-Herohealth-Timestamp']);
	expect(headers[EVENT_HEADER]).toBe('prescription.issued');
	expect(headers).not.toHaveProperty('x-herohealth-signature');
	expect(json).not.toHaveProperty('rawBody');
});

test('each event arrives with its own label', async () => {
	const trigger = await activeTrigger();
	const labels: unknown[] = [];
	for (const event of EVENTS) labels.push(itemsOf((await deliver(trigger, event)).call)[0]?.json.eventType);
	expect(labels).toEqual(EVENTS);
});

test('Include Raw Body keeps the exact bytes sent; Include Headers off leaves the headers out', async () => {
	const trigger = await activeTrigger({ includeRawBody: true, includeHeaders: false });

	const { call, sent } = await deliver(trigger, 'appointment.confirmed');

	const { json } = itemsOf(call)[0];
	expect(json.rawBody).toBe(sent.body);
	expect(json).not.toHaveProperty('headers');
});

describe('a delivery that fails the signature check gets 401 and starts nothing', () => {
	const wrongKey = 'f'.repeat(64);
	const cases: Array<[string, WebhookTamper | (() => WebhookTamper)]> = [
		['tampered body', { body: JSON.stringify({ ...PAYLOAD, data: { appointment_id: '6666' } }) }],
		['signed with the wrong key', { signingKey: wrongKey }],
		['no signature header', { omitHeaders: ['X-Herohealth-Signature'] }],
		['no timestamp header', { omitHeaders: ['X-Herohealth-Timestamp'] }],
		['neither signature header', { omitHeaders: ['X-Herohealth-Signature', 'X-Herohealth-Timestamp'] }],
		['no event header', { omitHeaders: [EVENT_HEADER] }],
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
	const body = JSON.stringify({ ...PAYLOAD, id, event_type: event });
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
		expect(itemsOf((await sendSigned(other, 'prescription.issued', 'evt_2')).call)).toHaveLength(1);
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
		expect(itemsOf((await sendSigned(other, 'appointment.confirmed', 'evt_other')).call)).toHaveLength(1);
		expect(Object.keys(other.nodeStaticData.acceptedDeliveries as IDataObject)).toHaveLength(1);

		// this process's next delivery writes its first one back
		const again = await triggers.start(EVENTS, { staticData: other.staticData, workflowId });
		expect(itemsOf((await sendSigned(again, 'prescription.issued', 'evt_next')).call)).toHaveLength(1);
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
