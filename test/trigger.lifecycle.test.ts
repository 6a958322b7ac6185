// Activation and deactivation of the Hero Health Trigger against the stand-in, over real HTTP:
// n8n-core's HookContext runs checkExists / create / delete (test/harness/trigger.ts) and the
// stand-in's own state and request log say what Hero now holds.
import type { LogEntry, Standin } from '../standin';
import { EVENT_HEADER } from '../nodes/HeroHealth/trigger/events';
import type { NodeError, TriggerHarness } from './harness';
import { client, setUpStandin } from './standin/helpers';
import { heroCredentials, registrationsOf, triggerFactory } from './trigger-helpers';

let standin: Standin;
const triggers = triggerFactory(() => standin);

setUpStandin((started) => (standin = started));
afterEach(async () => await triggers.closeAll());

const heroWebhooks = () => standin.state.webhooks;
const webhookRequests = (from = 0): LogEntry[] =>
	standin.log.slice(from).filter((entry) => entry.path.startsWith('/v1/webhooks'));
const deleteAtHero = async (id: string) => await client(standin)('DELETE', `/v1/webhooks/${id}`);

const TWO_EVENTS = ['appointment.confirmed', 'prescription.issued'];
const WEBHOOK_ID = '3f0c8e0e-6a4f-4a43-9a43-0c1d2b9f5e11';

/** The same node (same webhook URL, same saved static data) with other parameters, as after an edit. */
const sameNodeAs = (trigger: TriggerHarness) => ({
	staticData: trigger.staticData,
	webhookId: WEBHOOK_ID,
	publicBaseUrl: trigger.serverUrl,
});

/** An active trigger on both events whose registration for `event` Hero has since lost (deleted behind n8n's back). */
async function activeTriggerLosing(event: string) {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();
	const lost = registrationsOf(trigger)[event].id;
	await deleteAtHero(lost);
	return { trigger, lost };
}

test('activating registers exactly one signed webhook per selected event at the node URL', async () => {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();

	const url = trigger.webhookUrl();
	const registered = heroWebhooks();
	expect(registered.map((w) => w.event_type).sort()).toEqual(TWO_EVENTS);
	const stored = registrationsOf(trigger);
	for (const webhook of registered) {
		expect(webhook.url).toBe(url);
		expect(webhook.signing_key).toMatch(/^[0-9a-f]{64}$/);
		expect(webhook.headers).toEqual({ [EVENT_HEADER]: webhook.event_type });
		expect(stored[webhook.event_type]).toEqual({ id: webhook.id, signingKey: webhook.signing_key });
	}
	expect(new Set(registered.map((w) => w.signing_key)).size).toBe(2);

	const posts = webhookRequests().filter((entry) => entry.method === 'POST');
	expect(posts).toHaveLength(2);
	expect(posts.every((entry) => entry.valid && entry.status === 200)).toBe(true);
});

test('checkExists finds the registrations, so activating again registers nothing new', async () => {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();
	const before = standin.log.length;

	expect(await trigger.checkExists()).toBe(true);
	await trigger.activate();

	expect(webhookRequests(before).map((entry) => `${entry.method} ${entry.status}`)).toEqual(
		Array(4).fill('GET 200'), // two events, listed once by checkExists and once by activate
	);
	expect(heroWebhooks()).toHaveLength(2);
});

test('checkExists is false, and deletes nothing, when Hero lost a registration', async () => {
	const { trigger } = await activeTriggerLosing('prescription.issued');
	const before = standin.log.length;

	expect(await trigger.checkExists()).toBe(false);

	expect(webhookRequests(before).every((entry) => entry.method === 'GET')).toBe(true);
	expect(heroWebhooks().map((w) => w.event_type)).toEqual(['appointment.confirmed']);
	expect(Object.keys(registrationsOf(trigger)).sort()).toEqual(TWO_EVENTS);
});

test('checkExists is false when the registration at this URL is not the one it recorded', async () => {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();
	// Replaced behind n8n's back: same event and URL, but an ID (and signing key) this node never saw.
	await deleteAtHero(registrationsOf(trigger)['appointment.confirmed'].id);
	const replacement = await client(standin)('POST', '/v1/webhooks', {
		event_type: 'appointment.confirmed',
		url: trigger.webhookUrl(),
		signing_key: 'e'.repeat(64),
	});
	expect(replacement.status).toBe(200);

	expect(await trigger.checkExists()).toBe(false);
});

test('checkExists is false for registrations at another URL, even with their IDs in static data', async () => {
	const original = await triggers.start(TWO_EVENTS);
	await original.activate();
	// Same static data, another webhook path: a copied workflow, say.
	const copy = await triggers.start(TWO_EVENTS, { staticData: original.staticData });
	expect(copy.webhookUrl()).not.toBe(original.webhookUrl());

	expect(await copy.checkExists()).toBe(false);
	expect(await original.checkExists()).toBe(true);
	expect(heroWebhooks()).toHaveLength(2);
});

test('checkExists is false when an event was added to the selection', async () => {
	const first = await triggers.start(['appointment.confirmed'], { webhookId: WEBHOOK_ID });
	await first.activate();
	const widened = await triggers.start(TWO_EVENTS, sameNodeAs(first));
	expect(widened.webhookUrl()).toBe(first.webhookUrl());

	expect(await widened.checkExists()).toBe(false);
	expect(heroWebhooks()).toHaveLength(1);
});

test('checkExists is false when an event was removed from the selection', async () => {
	const first = await triggers.start(TWO_EVENTS, { webhookId: WEBHOOK_ID });
	await first.activate();
	const narrowed = await triggers.start(['prescription.issued'], sameNodeAs(first));

	expect(await narrowed.checkExists()).toBe(false);
	await narrowed.activate();
	expect(heroWebhooks().map((w) => w.event_type)).toEqual(['prescription.issued']);
});

test('deactivating leaves zero registrations and clears static data', async () => {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();
	const ids = Object.values(registrationsOf(trigger)).map((registration) => registration.id);
	const before = standin.log.length;

	await trigger.deactivate();

	expect(heroWebhooks()).toEqual([]);
	expect(trigger.nodeStaticData).toEqual({});
	const deletes = webhookRequests(before);
	expect(deletes.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).sort()).toEqual(
		ids.map((id) => `DELETE /v1/webhooks/${id} 200`).sort(),
	);
});

test('deactivating succeeds when Hero already lost a registration (404)', async () => {
	const { trigger, lost } = await activeTriggerLosing('appointment.confirmed');
	const before = standin.log.length;

	await expect(trigger.deactivate()).resolves.toBeUndefined();

	expect(webhookRequests(before).map((entry) => `${entry.path} ${entry.status}`)).toContain(`/v1/webhooks/${lost} 404`);
	expect(heroWebhooks()).toEqual([]);
	expect(trigger.nodeStaticData).toEqual({});
});

test('deactivating reports any other failure and keeps what it could not remove', async () => {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();
	standin.failNext({ method: 'DELETE', path: /^\/v1\/webhooks\//, status: 500, times: 1 });

	const failure = (await trigger.deactivate().catch((error: unknown) => error)) as NodeError;

	expect(failure).toBeInstanceOf(Error);
	expect(failure.httpCode).toBe('500');
	expect(heroWebhooks()).toHaveLength(2);
	expect(Object.keys(registrationsOf(trigger)).sort()).toEqual(TWO_EVENTS);

	await trigger.deactivate();
	expect(heroWebhooks()).toEqual([]);
	expect(trigger.nodeStaticData).toEqual({});
});

test('changing the selected events and activating again leaves exactly the new set', async () => {
	const first = await triggers.start(TWO_EVENTS, { webhookId: WEBHOOK_ID });
	await first.activate();
	const changed = await triggers.start(['prescription.issued', 'write-to-record.failed'], sameNodeAs(first));

	await changed.activate();

	expect(
		heroWebhooks()
			.map((w) => w.event_type)
			.sort(),
	).toEqual(['prescription.issued', 'write-to-record.failed']);
	expect(heroWebhooks().every((w) => w.url === first.webhookUrl())).toBe(true);
	const stored = registrationsOf(changed);
	expect(Object.keys(stored).sort()).toEqual(['prescription.issued', 'write-to-record.failed']);
	expect(heroWebhooks().every((w) => stored[w.event_type].id === w.id)).toBe(true);
	expect(await changed.checkExists()).toBe(true);
});

test('a registration that fails half-way is rolled back, leaving nothing at Hero', async () => {
	const trigger = await triggers.start(['appointment.cancelled', 'appointment.confirmed', 'prescription.issued']);
	standin.failNext({ method: 'POST', path: '/v1/webhooks', status: 400, after: 2, body: { error: true, message: 'Rejected' } });

	await expect(trigger.create()).rejects.toThrow(/400/);

	expect(heroWebhooks()).toEqual([]);
	expect(trigger.nodeStaticData).toEqual({});
	expect(webhookRequests().map((entry) => `${entry.method} ${entry.status}`)).toEqual([
		'POST 200',
		'POST 200',
		'POST 400',
		'DELETE 200',
		'DELETE 200',
	]);
});

test('the Production environment refuses a non-HTTPS webhook URL, registering nothing', async () => {
	const trigger = await triggers.start(TWO_EVENTS, { credentials: heroCredentials(standin, 'production') });

	await expect(trigger.activate()).rejects.toThrow(/HTTPS/);
	expect(heroWebhooks()).toEqual([]);
});

test('an error while deactivating never carries a signing key', async () => {
	const trigger = await triggers.start(TWO_EVENTS);
	await trigger.activate();
	const keys = Object.values(registrationsOf(trigger)).map((registration) => registration.signingKey);
	standin.failNext({
		method: 'DELETE',
		path: /^\/v1\/webhooks\//,
		status: 500,
		body: { error: 'internal', message: `could not delete: signing_key=${keys.join(',')}` },
	});

	const failure = (await trigger.deactivate().catch((error: unknown) => error)) as NodeError;

	const shown = JSON.stringify({ ...failure, message: failure.message, description: failure.description });
	expect(shown).toContain('[redacted]');
	for (const key of keys) expect(shown).not.toContain(key);
	for (const key of keys) expect(trigger.logs.join('\n')).not.toContain(key);
});
