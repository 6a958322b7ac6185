import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Standin, Webhook } from '../../standin';
import { client, londonDate, reservationBody, setUpStandin } from './helpers';
import type { Call, HeroValidationError, Page, SlotAnswer } from './helpers';

interface Received {
	headers: IncomingHttpHeaders;
	raw: string;
}

const SIGNING_KEY = 'whsec_standin_test_key';

/** What a subscriber does: HMAC-SHA256(signing_key, `${timestamp}.${raw body}`), lowercase hex, constant-time compare. */
function verify(r: Received, key = SIGNING_KEY): boolean {
	const ts = r.headers['x-herohealth-timestamp'];
	const sig = r.headers['x-herohealth-signature'];
	if (typeof ts !== 'string' || typeof sig !== 'string') return false;
	if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
	const expected = Buffer.from(createHmac('sha256', key).update(`${ts}.${r.raw}`).digest('hex'));
	const given = Buffer.from(sig);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('stand-in: webhooks', () => {
	let s: Standin;
	let api: Call;
	let receiver: Server;
	let receiverUrl: string;
	let received: Received[];

	setUpStandin((started) => (s = started), { rateLimitPerMinute: 0 });
	beforeAll(() => (api = client(s)));
	beforeAll(async () => {
		receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
				res.writeHead(204).end();
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/hero`;
	});
	afterAll(async () => await new Promise((r) => receiver.close(r)));
	beforeEach(() => {
		received = [];
	});

	async function register(eventType: string, extra: Record<string, unknown> = {}) {
		const res = await api<Webhook>('POST', '/v1/webhooks', {
			event_type: eventType,
			url: receiverUrl,
			signing_key: SIGNING_KEY,
			description: 'test',
			headers: { 'x-event-label': eventType },
			...extra,
		});
		expect(res.status).toBe(200);
		return res.body;
	}

	it('registers, lists (without the signing key) and deletes webhooks', async () => {
		const created = await register('appointment.confirmed');
		expect(created).toMatchObject({
			id: expect.any(String),
			event_type: 'appointment.confirmed',
			url: receiverUrl,
			signing_key: SIGNING_KEY,
			headers: { 'x-event-label': 'appointment.confirmed' },
		});
		await register('appointment.cancelled');
		const list = await api<Page<Omit<Webhook, 'signing_key'>>>('GET', '/v1/webhooks?event_type=appointment.confirmed');
		expect(list.body.count).toBe(1);
		expect(list.body.data[0].id).toBe(created.id);
		expect(list.body.data[0]).not.toHaveProperty('signing_key');
		expect((await api<Page<Omit<Webhook, 'signing_key'>>>('GET', '/v1/webhooks')).body.count).toBe(2);
		expect((await api('DELETE', `/v1/webhooks/${created.id}`)).status).toBe(200);
		expect((await api('DELETE', `/v1/webhooks/${created.id}`)).status).toBe(404);
		const badType = await api<HeroValidationError>('POST', '/v1/webhooks', {
			event_type: 'appointment.created',
			url: receiverUrl,
		});
		expect(badType.status).toBe(400);
		expect(badType.body.message[0]).toMatchObject({ code: 'invalid_enum_value', path: ['event_type'] });
	});

	it('delivers a signed event that the subscriber can verify with HMAC-SHA256', async () => {
		const hook = await register('prescription.issued');
		const payload = { event_type: 'prescription.issued', data: { patient_id: '1001', items: 2 } };
		const results = await s.deliverWebhook({ event_type: 'prescription.issued', payload });
		expect(results).toEqual([{ webhookId: hook.id, url: receiverUrl, status: 204, responseBody: '', error: null }]);
		expect(received).toHaveLength(1);
		const [r] = received;
		expect(r.raw).toBe(JSON.stringify(payload));
		expect(r.headers['content-type']).toBe('application/json');
		expect(r.headers['x-event-label']).toBe('prescription.issued');
		expect(r.headers['x-herohealth-timestamp']).toMatch(/^\d{10}$/);
		expect(r.headers['x-herohealth-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(verify(r)).toBe(true);
		expect(s.deliveries[s.deliveries.length - 1]).toMatchObject({
			webhookId: hook.id,
			event_type: 'prescription.issued',
			status: 204,
			auto: false,
		});
	});

	it('can tamper with deliveries so verification fails', async () => {
		await register('patient.added-to-sequence');
		const deliver = (tamper: object) => s.deliverWebhook({ event_type: 'patient.added-to-sequence', payload: { n: 1 }, tamper });
		await deliver({ signingKey: 'wrong-key' });
		await deliver({ body: '{"n":2}' });
		await deliver({ timestamp: Math.floor(Date.now() / 1000) - 3600 });
		await deliver({ omitHeaders: ['X-Herohealth-Signature'] });
		await deliver({ signatureEncoding: 'sha256=base64' });
		expect(received.map((r) => verify(r))).toEqual([false, false, false, false, false]);
		expect(received[3].headers['x-herohealth-signature']).toBeUndefined();
		expect(received[4].headers['x-herohealth-signature']).toMatch(/^sha256=/);
		// still a correct HMAC, just another encoding
		const ts = received[4].headers['x-herohealth-timestamp'] as string;
		expect(received[4].headers['x-herohealth-signature']).toBe(
			'sha256=' + createHmac('sha256', SIGNING_KEY).update(`${ts}.${received[4].raw}`).digest('base64'),
		);
	});

	it('sends unsigned deliveries when no signing key was set', async () => {
		await api('POST', '/v1/webhooks', { event_type: 'write-to-record.failed', url: receiverUrl });
		await s.deliverWebhook({ event_type: 'write-to-record.failed', payload: { ok: false } });
		expect(received[0].headers['x-herohealth-signature']).toBeUndefined();
		expect(received[0].headers['x-herohealth-timestamp']).toBeUndefined();
	});

	it('raises appointment.confirmed / .rescheduled / .cancelled when the booking changes', async () => {
		await register('appointment.confirmed');
		await register('appointment.rescheduled');
		await register('appointment.cancelled');
		const [slot, other] = (
			await api<Page<SlotAnswer>>('GET', `/v1/slots?appointment_type_id=1&location_id=1&start_date=${londonDate(5)}&page_size=2`)
		).body.data;
		const { body: r } = await api<{ id: string }>('POST', '/v1/appointments', reservationBody(slot, '1001'));
		await api('PATCH', `/v1/appointments/${r.id}/book`, {});
		await api('PATCH', `/v1/appointments/${r.id}/reschedule`, {
			start_time: other.start_time,
			practitioner_id: other.practitioner_id,
		});
		await api('PATCH', `/v1/appointments/${r.id}/cancel`, {});
		await s.waitForDeliveries();
		// deliveries are asynchronous, so their arrival order is not guaranteed
		expect(received.map((x) => x.headers['x-event-label']).sort()).toEqual([
			'appointment.cancelled',
			'appointment.confirmed',
			'appointment.rescheduled',
		]);
		for (const x of received) {
			expect(verify(x)).toBe(true);
			const event = JSON.parse(x.raw);
			expect(event).toMatchObject({ event_type: x.headers['x-event-label'], data: { id: r.id, patient_id: '1001' } });
		}
	});

	it('can be triggered over HTTP', async () => {
		const hook = await register('patient.medical-record-updated');
		const res = await fetch(`${s.url}/_standin/webhooks/deliver`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ webhookId: hook.id, payload: { patient_id: '1001' } }),
		});
		expect(await res.json()).toEqual([expect.objectContaining({ webhookId: hook.id, status: 204 })]);
		expect(verify(received[0])).toBe(true);
	});
});
