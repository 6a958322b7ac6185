import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Standin, Webhook } from '../../standin';
import { deliveryViolations } from '../../standin';
import { client, londonDate, request, reservationBody, setUpStandin } from './helpers';
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

	it('delivers Hero’s envelope as compact JSON, signed so that the subscriber can verify it with HMAC-SHA256', async () => {
		const hook = await register('prescription.issued');
		const results = await s.deliverWebhook({ event_type: 'prescription.issued', id: '880001' });
		expect(results).toEqual([{ webhookId: hook.id, url: receiverUrl, status: 204, responseBody: '', error: null }]);
		expect(received).toHaveLength(1);
		const [r] = received;
		expect(r.raw).toBe(
			`{"object":"Prescription","id":"880001","practice_group_id":"${s.fixtures.practiceGroupId}","event":"prescription.issued"}`,
		);
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
			contractErrors: [],
		});
	});

	it('checks every body it signs against the contract’s WebhookDelivery', async () => {
		await register('prescription.issued');
		await s.deliverWebhook({ event_type: 'prescription.issued', payload: { event_type: 'prescription.issued', data: {} } });
		expect(deliveryViolations(s.deliveries)).toEqual([
			expect.stringMatching(/^delivery #\d+ prescription.issued to .*: (object|\(body\)).*/),
		]);
	});

	it('can tamper with deliveries so verification fails', async () => {
		await register('patient.added-to-sequence');
		const deliver = (tamper: object) => s.deliverWebhook({ event_type: 'patient.added-to-sequence', id: '1001', tamper });
		await deliver({ signingKey: 'wrong-key' });
		await deliver({ body: '{"object":"Patient","id":"1002"}' });
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
		await s.deliverWebhook({ event_type: 'write-to-record.failed', id: '70001' });
		expect(received[0].headers['x-herohealth-signature']).toBeUndefined();
		expect(received[0].headers['x-herohealth-timestamp']).toBeUndefined();
	});

	it('raises each of the nine events from what causes it, naming a record that can be read', async () => {
		const events = [
			'appointment.cancelled',
			'appointment.confirmed',
			'appointment.rescheduled',
			'form-submission.created',
			'patient.added-to-sequence',
			'patient.medical-record-updated',
			'prescription.issued',
			'write-to-record.failed',
			'write-to-record.succeeded',
		];
		for (const event of events) await register(event);
		const [slot, other] = (
			await api<Page<SlotAnswer>>('GET', `/v1/slots?appointment_type_id=1&location_id=1&start_date=${londonDate(5)}&page_size=2`)
		).body.data;
		const { body: appointment } = await api<{ id: string }>('POST', '/v1/appointments', reservationBody(slot, '1001'));
		await api('PATCH', `/v1/appointments/${appointment.id}/book`, {});
		await api('PATCH', `/v1/appointments/${appointment.id}/reschedule`, {
			start_time: other.start_time,
			practitioner_id: other.practitioner_id,
		});
		await api('PATCH', `/v1/appointments/${appointment.id}/cancel`, {});
		const { body: link } = await api<{ id: string }>('POST', '/v1/form_links', { form_id: '12', patient_id: '1001' });
		const control = async (route: string): Promise<unknown> =>
			JSON.parse((await request(`${s.url}/_standin${route}`, { method: 'POST' })).text);
		const submitted = (await control(`/form-links/${link.id}/submit`)) as { id: number };
		const send = (patientId: string) => ({
			patient_id: patientId,
			message_type: 'sms',
			message_string: 'Your results are normal',
			write_to_record: true,
			auto_write_to_record: true,
		});
		const { body: written } = await api<{ message_id: string }>('POST', '/v1/messages/send', send('1001'));
		const { body: refused } = await api<{ message_id: string }>('POST', '/v1/messages/send', send(s.fixtures.unlinkedEhrPatient));
		const prescription = (await control('/patients/1002/prescription')) as { id: string };
		await control('/patients/1003/record-update');
		await control('/patients/1004/sequence');
		await s.waitForDeliveries();

		const named = Object.fromEntries(
			received.map((x) => {
				expect(verify(x)).toBe(true);
				const body = JSON.parse(x.raw) as { object: string; id: string; event: string };
				expect(body.event).toBe(x.headers['x-event-label']);
				return [body.event, [body.object, body.id]];
			}),
		);
		expect(named).toEqual({
			'appointment.cancelled': ['Appointment', appointment.id],
			'appointment.confirmed': ['Appointment', appointment.id],
			'appointment.rescheduled': ['Appointment', appointment.id],
			'form-submission.created': ['FormSubmission', String(submitted.id)],
			'patient.added-to-sequence': ['Patient', '1004'],
			'patient.medical-record-updated': ['Patient', '1003'],
			'prescription.issued': ['Prescription', prescription.id],
			'write-to-record.failed': ['Message', refused.message_id],
			'write-to-record.succeeded': ['Message', written.message_id],
		});
		expect(deliveryViolations(s.deliveries)).toEqual([]);

		const form = await api<Record<string, unknown>>('GET', `/v1/form_response/${submitted.id}`);
		expect(form.status).toBe(200);
		expect(form.body).toMatchObject({ id: submitted.id, form_id: 12, client_id: 1001, short_link_id: Number(link.id) });
		const failed = await api<{ write_to_record: { status: string; failure_reason: string } }>(
			'GET',
			`/v1/messages/${refused.message_id}`,
		);
		expect(failed.body.write_to_record).toMatchObject({ status: 'failed', failure_reason: expect.stringMatching(/not linked/) });
		expect(
			(await api<{ write_to_record: { status: string } }>('GET', `/v1/messages/${written.message_id}`)).body.write_to_record
				.status,
		).toBe('written');
		// a form link is used up by its submission
		expect((await request(`${s.url}/_standin/form-links/${link.id}/submit`, { method: 'POST' })).status).toBe(409);
	});

	it('can be triggered over HTTP', async () => {
		const hook = await register('patient.medical-record-updated');
		const res = await request(`${s.url}/_standin/webhooks/deliver`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ webhookId: hook.id, id: '1001' }),
		});
		expect(JSON.parse(res.text)).toEqual([expect.objectContaining({ webhookId: hook.id, status: 204 })]);
		expect(verify(received[0])).toBe(true);
	});
});
