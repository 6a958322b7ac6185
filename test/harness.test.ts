import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createHmac } from 'node:crypto';

import { TriggerHarness, runNode, testCredential } from './harness';
import { HarnessEcho } from './harness/fixtures/HarnessEcho.node';
import { HarnessTestApi } from './harness/fixtures/HarnessTestApi.credentials';
import { HarnessWebhookTrigger } from './harness/fixtures/HarnessWebhookTrigger.node';

const GOOD_KEY = 'sk-live-good-0123456789abcdef';
const BAD_KEY = 'sk-live-bad-fedcba9876543210';

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

const subscriptions = new Map<string, { id: string; url: string; event: string; secret: string }>();

let server: Server;
let baseUrl: string;
const received: Received[] = [];

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks).toString('utf8');
		received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (req.headers['x-api-key'] !== GOOD_KEY) {
			send(res, 401, { message: 'Invalid API key' });
			return;
		}
		if (url.pathname === '/subscriptions' && req.method === 'POST') {
			const { url: target, event } = JSON.parse(body) as { url: string; event: string };
			const subscription = { id: `sub-${subscriptions.size + 1}`, url: target, event, secret: `whsec-${subscriptions.size + 1}` };
			subscriptions.set(subscription.id, subscription);
			send(res, 201, subscription);
			return;
		}
		const sub = /^\/subscriptions\/([^/]+)$/.exec(url.pathname);
		if (sub) {
			const subscription = subscriptions.get(sub[1]);
			if (!subscription) send(res, 404, { message: 'No such subscription' });
			else if (req.method === 'DELETE') {
				subscriptions.delete(sub[1]);
				res.writeHead(204).end();
			} else send(res, 200, { id: subscription.id, url: subscription.url, event: subscription.event });
			return;
		}
		if (url.pathname === '/v1/me') {
			send(res, 200, { practiceGroupId: 'pg-1' });
			return;
		}
		const match = /^\/items\/([^/]+)$/.exec(url.pathname);
		if (match && match[1] === 'missing') {
			send(res, 404, { message: 'Item not found' });
			return;
		}
		if (match) {
			send(res, 200, { id: decodeURIComponent(match[1]), tenant: req.headers['x-tenant'], note: url.searchParams.get('note') });
			return;
		}
		send(res, 404, { message: 'No route' });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
});

const credentialTypes = [new HarnessTestApi()];

function credentials(apiKey = GOOD_KEY) {
	return { harnessTestApi: { apiKey, tenant: 'acme', baseUrl } };
}

describe('runNode', () => {
	it('runs the node through WorkflowExecute with the credential applied by its authenticate block', async () => {
		const started = Date.now();
		const result = await runNode({
			nodeType: new HarnessEcho(),
			parameters: { note: 'hello' },
			items: [{ json: { id: 'a' } }, { json: { id: 'b' } }],
			credentials: credentials(),
			credentialTypes,
		});
		const elapsed = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(received).toHaveLength(2);
		for (const request of received) {
			expect(request.headers['x-api-key']).toBe(GOOD_KEY);
			// Resolved from an expression over two credential fields, `region` from its default.
			expect(request.headers['x-tenant']).toBe('acme@eu');
		}
		expect(received.map((r) => r.url)).toEqual(['/items/a?note=hello', '/items/b?note=hello']);
		expect(result.items).toEqual([
			{ json: { id: 'a', tenant: 'acme@eu', note: 'hello' }, pairedItem: { item: 0 } },
			{ json: { id: 'b', tenant: 'acme@eu', note: 'hello' }, pairedItem: { item: 1 } },
		]);
		expect(Object.keys(result.runData)).toEqual(['Input', 'Node Under Test']);
		expect(elapsed).toBeLessThan(2000);
	});

	it('reports the NodeApiError of a failing node', async () => {
		const result = await runNode({
			nodeType: new HarnessEcho(),
			parameters: {},
			items: [{ json: { id: 'a' } }, { json: { id: 'missing' } }],
			credentials: credentials(),
			credentialTypes,
		});
		expect(result.items).toEqual([]);
		expect(result.error).toBeDefined();
		expect(result.error!.name).toBe('NodeApiError');
		expect(result.error!.message).toMatch(/resource you are requesting could not be found/i);
		expect(result.error!.description).toBe('Item not found');
	});

	it('continueOnFail turns the failing item into an error item and keeps the others', async () => {
		const result = await runNode({
			nodeType: new HarnessEcho(),
			parameters: {},
			items: [{ json: { id: 'a' } }, { json: { id: 'missing' } }, { json: { id: 'c' } }],
			credentials: credentials(),
			credentialTypes,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0]).toEqual({ json: { id: 'a', tenant: 'acme@eu', note: '' }, pairedItem: { item: 0 } });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[1].json.error).toMatch(/could not be found/i);
		expect(result.items[2]).toEqual({ json: { id: 'c', tenant: 'acme@eu', note: '' }, pairedItem: { item: 2 } });
	});

	it("continueOnFail 'continueErrorOutput' routes the failing item to the error output", async () => {
		const result = await runNode({
			nodeType: new HarnessEcho(),
			parameters: {},
			items: [{ json: { id: 'a' } }, { json: { id: 'missing' } }],
			credentials: credentials(),
			credentialTypes,
			continueOnFail: 'continueErrorOutput',
		});
		expect(result.outputs[0]).toEqual([{ json: { id: 'a', tenant: 'acme@eu', note: '' }, pairedItem: { item: 0 } }]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json).toMatchObject({ id: 'missing', error: expect.stringMatching(/could not be found/i) });
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
	});

	it('captures what n8n logs, and the API key is not in it', async () => {
		const result = await runNode({
			nodeType: new HarnessEcho(),
			parameters: {},
			items: [{ json: { id: 'missing' } }],
			credentials: credentials(),
			credentialTypes,
		});
		expect(result.error).toBeDefined();
		const logs = result.logs.join('\n');
		expect(logs).toContain('Workflow execution started');
		expect(logs).toContain('Start executing node "Node Under Test"');
		expect(logs).toContain('HarnessEcho starting'); // the node's own this.logger
		expect(logs).toContain('finished with error');
		expect(logs).not.toContain(GOOD_KEY);
	});
});

describe('testCredential', () => {
	it('passes with a good key', async () => {
		const result = await testCredential(new HarnessTestApi(), { apiKey: GOOD_KEY, tenant: 'acme', baseUrl: `${baseUrl}/` });
		expect(result).toMatchObject({ status: 'OK', message: 'Connection successful!' });
		expect(received).toHaveLength(1);
		expect(received[0].url).toBe('/v1/me');
		expect(received[0].headers['x-api-key']).toBe(GOOD_KEY);
		expect(received[0].headers['x-tenant']).toBe('acme@eu');
	});

	it('fails with the message n8n shows when the server answers 401', async () => {
		const result = await testCredential(new HarnessTestApi(), { apiKey: BAD_KEY, tenant: 'acme', baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toBe('Unauthorized');
		// n8n-core's httpRequestWithAuthentication retries a 401 once (after preAuthentication).
		expect(received).toHaveLength(2);
		expect(result.logs.join('\n')).not.toContain(BAD_KEY);
	});

	it('reports a refused connection by its error code', async () => {
		const result = await testCredential(new HarnessTestApi(), { apiKey: GOOD_KEY, tenant: 'acme', baseUrl: 'http://127.0.0.1:1' });
		expect(result).toMatchObject({ status: 'Error', message: 'ECONNREFUSED' });
	});
});

describe('TriggerHarness', () => {
	let trigger: TriggerHarness;

	beforeAll(async () => {
		trigger = await TriggerHarness.start({
			nodeType: new HarnessWebhookTrigger(),
			parameters: { event: 'item.updated' },
			credentials: credentials(),
			credentialTypes,
			webhookId: '5d2c0f5e-0000-4000-8000-000000000001',
		});
	});

	afterAll(async () => {
		await trigger.close();
	});

	function sign(raw: string, secret = trigger.nodeStaticData.secret as string): string {
		return createHmac('sha256', secret).update(raw).digest('hex');
	}

	it('builds the production webhook URL like n8n', () => {
		expect(trigger.webhookUrl()).toBe(`${trigger.serverUrl}webhook/5d2c0f5e-0000-4000-8000-000000000001/webhook`);
	});

	it('activate() runs checkExists then create, which registers the URL with credentials applied', async () => {
		await trigger.activate();
		expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /subscriptions']);
		expect(received[0].headers['x-api-key']).toBe(GOOD_KEY);
		expect(JSON.parse(received[0].body)).toEqual({ url: trigger.webhookUrl(), event: 'item.updated' });
		expect(trigger.nodeStaticData).toEqual({ subscriptionId: 'sub-1', secret: 'whsec-1' });
		expect(trigger.staticData).toEqual({ 'node:Trigger': { subscriptionId: 'sub-1', secret: 'whsec-1' } });
	});

	it('activating again finds the subscription through the persisted static data', async () => {
		await trigger.activate();
		expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /subscriptions/sub-1']);
		expect(subscriptions.size).toBe(1);
	});

	it('delivers a real HTTP request to webhook() with the raw body', async () => {
		const raw = '{ "id": "evt-1",  "status": "delivered" }';
		const { status, body, call } = await trigger.send(raw, {
			headers: { 'content-type': 'application/json', 'x-signature': sign(raw) },
		});
		expect(call.error).toBeUndefined();
		expect(call.request.rawBody.toString('utf8')).toBe(raw);
		expect(call.request.body).toEqual({ id: 'evt-1', status: 'delivered' });
		expect(call.result?.workflowData).toEqual([[{ json: { id: 'evt-1', status: 'delivered', event: 'item.updated' } }]]);
		// n8n 2.x answers an onReceived webhook that started a workflow with the literal responseData default.
		expect(status).toBe(200);
		expect(body).toBe('firstEntryJson');
		expect(trigger.nodeStaticData.lastDelivery).toBe('evt-1');
	});

	it('lets the node answer itself (noWebhookResponse) and replies webhookResponse when no workflow starts', async () => {
		const bad = await trigger.send({ id: 'evt-2' }, { headers: { 'x-signature': 'nope' } });
		expect(bad.status).toBe(401);
		expect(JSON.parse(bad.body)).toEqual({ message: 'Invalid signature' });
		expect(bad.call.result).toEqual({ noWebhookResponse: true });

		const raw = JSON.stringify({ type: 'ping' });
		const ping = await trigger.send(raw, { headers: { 'content-type': 'application/json', 'x-signature': sign(raw) } });
		expect(ping.status).toBe(200);
		expect(ping.body).toBe('pong');
	});

	it('answers 404 for an unknown webhook path and a wrong method', async () => {
		const response = await fetch(`${trigger.serverUrl}webhook/unknown/webhook`, { method: 'POST' });
		expect(response.status).toBe(404);
		const wrongMethod = await fetch(trigger.webhookUrl(), { method: 'GET' });
		expect(wrongMethod.status).toBe(404);
	});

	it('deactivate() runs delete', async () => {
		await trigger.deactivate();
		expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /subscriptions/sub-1']);
		expect(subscriptions.size).toBe(0);
		expect(trigger.nodeStaticData).toEqual({ lastDelivery: 'evt-1' });
		expect(trigger.logs.join('\n')).not.toContain(GOOD_KEY);
	});
});
