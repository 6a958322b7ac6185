/**
 * Trigger (webhook) node harness: the life cycle n8n gives a webhook-based trigger node, in-process,
 * with real HTTP both ways.
 *
 *   const trigger = await TriggerHarness.start({
 *     nodeType: new HeroHealthTrigger(),
 *     parameters: { events: ['message.delivered'] },
 *     credentials: { heroHealthApi: { apiKey, practiceGroupId, environment: 'custom', baseUrl } },
 *     credentialTypes: [new HeroHealthApi()],
 *   });
 *   trigger.webhookUrl();                 // http://127.0.0.1:<port>/webhook/<webhookId>/<path>
 *   await trigger.activate();              // checkExists(), then create() if it returned false
 *   trigger.nodeStaticData;                // what create() stored via getWorkflowStaticData('node')
 *   const { status, body, call } = await trigger.send({ event: 'x' }, { headers: { 'x-sig': '…' } });
 *   call.result?.workflowData;             // what webhook() returned
 *   await trigger.deactivate();            // delete()
 *   await trigger.close();
 *
 * What it does, and where it follows n8n (packages/cli webhooks + ActiveWorkflowManager):
 *  - `start` listens on 127.0.0.1 (random port). Production webhook URLs are
 *    `<publicBaseUrl>webhook/<webhookId>/<path>`, computed by n8n-core's `HookContext.getNodeWebhookUrl`;
 *    `publicBaseUrl` (n8n's WEBHOOK_URL) defaults to the harness server itself.
 *  - `checkExists` / `create` / `delete` call `webhookMethods[<webhook name>][method]` with n8n-core's
 *    real `HookContext` (mode 'trigger', activation 'activate' by default), so the node has
 *    `getNodeWebhookUrl`, `getWorkflowStaticData`, `getCredentials` and
 *    `helpers.httpRequestWithAuthentication` (credential applied by its `authenticate` block).
 *    `activate()` = n8n's activation: checkExists, create when it is not true, and delete + rethrow
 *    when create throws. `deactivate()` = delete.
 *  - Static data persists between calls the way n8n persists it: after every call it is saved as
 *    JSON (as n8n writes it to the database) and the next call starts from that copy.
 *  - An incoming request to a webhook URL is handled like n8n's webhook server: the raw body is
 *    read (gzip/deflate decoded) into `req.rawBody` (a Buffer), the body is parsed by content type
 *    (application/json, application/x-www-form-urlencoded, text/plain; XML and multipart are not
 *    parsed here), `req.query`/`req.params` are set, and the node's `webhook()` runs with n8n-core's
 *    real `WebhookContext` (mode 'webhook'): `getRequestObject()`, `getResponseObject()`,
 *    `getHeaderData()`, `getBodyData()`, `getQueryData()`, `getNodeParameter()`, `getCredentials()`,
 *    `getWorkflowStaticData('node')`, `helpers.returnJsonArray`, `helpers.httpRequestWithAuthentication`.
 *  - The reply follows n8n's `responseMode: 'onReceived'` rules: `noWebhookResponse` → the node
 *    answered itself; no `workflowData` → `webhookResponse` or `{"message":"Webhook call received"}`;
 *    otherwise the evaluated `responseData` of the webhook description (default `'firstEntryJson'`,
 *    which n8n 2.x sends as that literal string), `''` → `webhookResponse` or
 *    `{"message":"Workflow was started"}`, `'noData'` → empty body. Status: the description's
 *    `responseCode` (default 200). Objects are sent as JSON, strings as text/html (Express `send`).
 *    When `webhook()` throws, the reply is 500 `{"code":0,"message":"Workflow Webhook Error: Workflow
 *    could not be started!"}` (the error is in `call.error`). Unknown paths get 404. The workflow
 *    behind the trigger is not executed; assert on `call.result.workflowData`.
 *  - Everything n8n logs is in `trigger.logs` (all) and `call.logs` (per request).
 */
import './env';

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	WebhookType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import type { AnyNodeType } from './core';
import { HarnessNodeTypes, buildAdditionalData, latestVersion, nodeCredentials, workflowBase } from './core';
import { HarnessCredentialsHelper } from './credentials-helper';
import { openLogSink } from './logging';

export interface TriggerHarnessOptions {
	nodeType: AnyNodeType;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	typeVersion?: number;
	/** The node's `webhookId` (n8n gives every webhook node a UUID). Default: a random UUID. */
	webhookId?: string;
	/** Default 'Trigger'. */
	nodeName?: string;
	/** Workflow static data to start from, as n8n stored it (e.g. `{ 'node:Trigger': { webhookId: '…' } }`). */
	staticData?: IDataObject;
	/** n8n's WEBHOOK_URL, with trailing slash. Default: this harness's server, `http://127.0.0.1:<port>/`. */
	publicBaseUrl?: string;
	workflowId?: string;
}

export interface WebhookCall {
	/** Which webhook description handled the request. */
	webhookName: string;
	request: {
		method: string;
		url: string;
		headers: IncomingHttpHeaders;
		rawBody: Buffer;
		body: unknown;
	};
	/** What `webhook()` returned. */
	result?: IWebhookResponseData;
	/** What `webhook()` threw. */
	error?: Error;
	response: { statusCode: number; headers: OutgoingHttpHeaders; body: string };
	logs: string[];
}

export interface SendOptions {
	method?: string;
	headers?: Record<string, string>;
	/** Query string appended to the webhook URL. */
	query?: Record<string, string>;
	/** Webhook description name. Default 'default'. */
	webhookName?: WebhookType;
}

type WebhookMethod = 'checkExists' | 'create' | 'delete';

/** The Express-like request n8n hands to nodes (only the parts n8n's webhook server sets). */
export type HarnessRequest = IncomingMessage & {
	rawBody: Buffer;
	body: unknown;
	query: Record<string, unknown>;
	params: Record<string, string>;
	path: string;
	contentType?: string;
	encoding: BufferEncoding;
	get(name: string): string | string[] | undefined;
	header(name: string): string | string[] | undefined;
};

export type HarnessResponse = ServerResponse & {
	status(code: number): HarnessResponse;
	json(body: unknown): HarnessResponse;
	send(body?: unknown): HarnessResponse;
	set(name: string, value: string | number | readonly string[]): HarnessResponse;
	header(name: string, value: string | number | readonly string[]): HarnessResponse;
};

function unprocessable(message: string, hint: string): Error & { httpStatus: number; hint: string } {
	return Object.assign(new Error(message), { httpStatus: 422, hint });
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	let stream: Readable = req;
	const encoding = req.headers['content-encoding'];
	if (encoding === 'gzip') stream = req.pipe(createGunzip());
	else if (encoding === 'deflate') stream = req.pipe(createInflate());
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	return Buffer.concat(chunks);
}

function expressify(req: IncomingMessage, rawBody: Buffer): HarnessRequest {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const contentTypeHeader = req.headers['content-type'];
	const [mediaType, ...params] = (contentTypeHeader ?? '').split(';');
	const charset = params
		.map((p) => p.trim().split('='))
		.find(([key]) => key?.toLowerCase() === 'charset')?.[1]
		?.toLowerCase();
	const request = req as HarnessRequest;
	request.rawBody = rawBody;
	request.contentType = mediaType ? mediaType.trim().toLowerCase() : undefined;
	request.encoding = (charset && Buffer.isEncoding(charset) ? charset : 'utf-8') as BufferEncoding;
	request.query = parseQueryString(url.search.replace(/^\?/, '')) as Record<string, unknown>;
	request.params = {};
	request.path = url.pathname;
	request.get = (name: string) => req.headers[name.toLowerCase()];
	request.header = request.get;
	request.body = undefined;
	return request;
}

/** n8n's `parseBody` + `bodyParser` (packages/cli/src/middlewares/body-parser.ts), minus XML. */
function parseBody(req: HarnessRequest): void {
	const { rawBody, contentType, encoding } = req;
	if (rawBody.length && !contentType?.startsWith('multipart/')) {
		try {
			if (contentType === 'application/json') req.body = JSON.parse(rawBody.toString(encoding));
			else if (contentType === 'application/x-www-form-urlencoded') {
				req.body = parseQueryString(rawBody.toString(encoding), undefined, undefined, { maxKeys: 1000 });
			} else if (contentType === 'text/plain') req.body = rawBody.toString(encoding);
		} catch (error) {
			throw unprocessable('Failed to parse request body', (error as Error).message);
		}
	}
	if (!req.body) req.body = {};
}

function expressifyResponse(res: ServerResponse): HarnessResponse {
	const response = res as HarnessResponse;
	response.status = (code: number) => {
		res.statusCode = code;
		return response;
	};
	response.set = (name, value) => {
		res.setHeader(name, value);
		return response;
	};
	response.header = response.set;
	response.json = (body: unknown) => {
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return response;
	};
	response.send = (body?: unknown) => {
		if (body === undefined || body === null) {
			res.end();
		} else if (Buffer.isBuffer(body)) {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
			res.end(body);
		} else if (typeof body === 'object') {
			return response.json(body);
		} else {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(String(body));
		}
		return response;
	};
	return response;
}

/** Records what is written to a response, so the call record can show it. */
function captureResponse(res: ServerResponse): () => { statusCode: number; headers: OutgoingHttpHeaders; body: string } {
	const chunks: Buffer[] = [];
	const write = res.write.bind(res) as (...args: unknown[]) => boolean;
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	const keep = (chunk: unknown) => {
		if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
		chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
	};
	res.write = ((chunk: unknown, ...rest: unknown[]) => {
		keep(chunk);
		return write(chunk, ...rest);
	}) as ServerResponse['write'];
	res.end = ((chunk?: unknown, ...rest: unknown[]) => {
		keep(chunk);
		return end(chunk, ...rest);
	}) as ServerResponse['end'];
	return () => ({ statusCode: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks).toString('utf8') });
}

export class TriggerHarness {
	readonly calls: WebhookCall[] = [];

	/** Every log line since `start`. */
	readonly logs: string[];

	private readonly nodeTypes = new HarnessNodeTypes();

	private readonly node: INode;

	private readonly credentialsHelper: HarnessCredentialsHelper;

	private readonly workflowId: string;

	private savedStaticData: IDataObject;

	private server!: Server;

	private publicBaseUrl!: string;

	private readonly closeLogSink: () => void;

	private readonly waiters: Array<{ index: number; resolve: (call: WebhookCall) => void }> = [];

	private constructor(options: TriggerHarnessOptions) {
		const type = this.nodeTypes.add(options.nodeType);
		this.node = {
			id: randomUUID(),
			name: options.nodeName ?? 'Trigger',
			type,
			typeVersion: options.typeVersion ?? latestVersion(options.nodeType),
			position: [0, 0],
			parameters: structuredClone(options.parameters),
			credentials: nodeCredentials(options.credentials),
			webhookId: options.webhookId ?? randomUUID(),
		};
		this.workflowId = options.workflowId ?? 'harness-trigger-workflow';
		this.credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, options.credentials);
		this.savedStaticData = structuredClone(options.staticData ?? {});
		const sink = openLogSink();
		this.logs = sink.lines;
		this.closeLogSink = sink.close;
	}

	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		const harness = new TriggerHarness(options);
		harness.server = createServer((req, res) => {
			void harness.handle(req, res);
		});
		await new Promise<void>((resolve) => harness.server.listen(0, '127.0.0.1', resolve));
		const { port } = harness.server.address() as AddressInfo;
		harness.publicBaseUrl = options.publicBaseUrl ?? `http://127.0.0.1:${port}/`;
		return harness;
	}

	/** The harness server's own address, `http://127.0.0.1:<port>/`. */
	get serverUrl(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
	}

	/** The workflow static data as n8n last saved it (a copy). */
	get staticData(): IDataObject {
		return structuredClone(this.savedStaticData);
	}

	/** What the node keeps in `getWorkflowStaticData('node')`. */
	get nodeStaticData(): IDataObject {
		return structuredClone((this.savedStaticData[`node:${this.node.name}`] as IDataObject | undefined) ?? {});
	}

	get nodeName(): string {
		return this.node.name;
	}

	/** A fresh Workflow over the saved static data, as n8n builds one per activation/request. */
	private workflow(): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'Harness trigger workflow',
			nodes: [structuredClone(this.node)],
			connections: {},
			nodeTypes: this.nodeTypes,
			active: true,
			settings: { executionOrder: 'v1' },
			staticData: structuredClone(this.savedStaticData),
		});
	}

	/** n8n saves static data to the database as JSON after activation and after each execution. */
	private save(workflow: Workflow): void {
		const data = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete data.__dataChanged;
		this.savedStaticData = data;
	}

	private additionalData(mode: WorkflowExecuteMode, workflow: Workflow) {
		return buildAdditionalData({
			credentialsHelper: this.credentialsHelper,
			mode,
			workflowData: workflowBase(workflow.id, Object.values(workflow.nodes), {}),
			webhookBaseUrl: `${this.publicBaseUrl}webhook`,
			instanceBaseUrl: this.publicBaseUrl,
		});
	}

	private description(name: WebhookType): IWebhookDescription {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const description = nodeType.description.webhooks?.find((w) => w.name === name);
		if (!description) throw new UnexpectedError(`The node has no webhook named "${name}"`);
		return description;
	}

	private resolve<T>(workflow: Workflow, node: INode, value: unknown, mode: WorkflowExecuteMode, fallback: T): T {
		if (value === undefined) return fallback;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value as string,
			mode,
			{},
			undefined,
			fallback as never,
		);
		return (resolved ?? fallback) as T;
	}

	private webhookData(workflow: Workflow, name: WebhookType, mode: WorkflowExecuteMode): IWebhookData {
		const node = workflow.getNode(this.node.name)!;
		const description = this.description(name);
		const additionalData = this.additionalData(mode, workflow);
		return {
			httpMethod: String(this.resolve(workflow, node, description.httpMethod, mode, 'GET')).toUpperCase() as IHttpRequestMethods,
			node: node.name,
			path: String(this.resolve(workflow, node, description.path, mode, '')),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
	}

	/** The production URL n8n shows (and registers) for the webhook `name`. */
	webhookUrl(name: WebhookType = 'default'): string {
		const workflow = this.workflow();
		const webhookData = this.webhookData(workflow, name, 'trigger');
		const context = new HookContext(
			workflow,
			workflow.getNode(this.node.name)!,
			webhookData.workflowExecuteAdditionalData,
			'trigger',
			'activate',
			webhookData,
		);
		const url = context.getNodeWebhookUrl(name);
		if (!url) throw new UnexpectedError(`The webhook "${name}" has no URL`);
		return url;
	}

	/** Run `webhookMethods[name][method]` like n8n's WebhookService.runWebhookMethod. */
	async runWebhookMethod(
		method: WebhookMethod,
		{ name = 'default', activation = 'activate' }: { name?: WebhookType; activation?: WorkflowActivateMode } = {},
	): Promise<boolean | undefined> {
		const workflow = this.workflow();
		const node = workflow.getNode(this.node.name)!;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const methods = nodeType.webhookMethods as
			| Record<string, Record<WebhookMethod, ((this: IHookFunctions) => Promise<boolean>) | undefined> | undefined>
			| undefined;
		const fn = methods?.[name]?.[method];
		if (fn === undefined) return undefined;
		const webhookData = this.webhookData(workflow, name, 'trigger');
		const context = new HookContext(workflow, node, webhookData.workflowExecuteAdditionalData, 'trigger', activation, webhookData);
		try {
			return await fn.call(context);
		} finally {
			this.save(workflow);
		}
	}

	async checkExists(name: WebhookType = 'default'): Promise<boolean | undefined> {
		return await this.runWebhookMethod('checkExists', { name });
	}

	async create(name: WebhookType = 'default'): Promise<boolean | undefined> {
		return await this.runWebhookMethod('create', { name });
	}

	async delete(name: WebhookType = 'default'): Promise<boolean | undefined> {
		return await this.runWebhookMethod('delete', { name });
	}

	private webhookNames(): WebhookType[] {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		return (nodeType.description.webhooks ?? []).map((w) => w.name);
	}

	/** n8n's activation: for each webhook, checkExists and, unless it returned true, create. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		for (const name of this.webhookNames()) {
			const exists = await this.runWebhookMethod('checkExists', { name, activation });
			if (exists === true) continue;
			try {
				await this.runWebhookMethod('create', { name, activation });
			} catch (error) {
				try {
					await this.runWebhookMethod('delete', { name, activation });
				} catch {
					// n8n ignores errors of the clean-up delete
				}
				throw error;
			}
		}
	}

	/** n8n's deactivation: delete for each webhook. */
	async deactivate(): Promise<void> {
		for (const name of this.webhookNames()) {
			await this.runWebhookMethod('delete', { name, activation: 'activate' });
		}
	}

	/** POST (or `method`) `body` to the webhook URL over real HTTP; wait for the call record. */
	async send(
		body: unknown,
		options: SendOptions = {},
	): Promise<{ status: number; headers: Headers; body: string; call: WebhookCall }> {
		const url = new URL(this.webhookUrl(options.webhookName ?? 'default'));
		// Always deliver to this harness, even when publicBaseUrl points elsewhere.
		const target = new URL(url.pathname + url.search, this.serverUrl);
		for (const [key, value] of Object.entries(options.query ?? {})) target.searchParams.set(key, value);
		const headers: Record<string, string> = { ...options.headers };
		let payload: string | Buffer | undefined;
		if (body !== undefined) {
			if (Buffer.isBuffer(body) || typeof body === 'string') payload = body;
			else {
				payload = JSON.stringify(body);
				if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
					headers['content-type'] = 'application/json';
				}
			}
		}
		const index = this.calls.length;
		const callPromise = this.waitForCall(index);
		const response = await fetch(target, { method: options.method ?? 'POST', headers, body: payload });
		const text = await response.text();
		const call = await callPromise;
		return { status: response.status, headers: response.headers, body: text, call };
	}

	/** Resolves with the `index`-th recorded call (0-based; default: the next one). */
	async waitForCall(index = this.calls.length, timeoutMs = 5000): Promise<WebhookCall> {
		if (this.calls[index]) return this.calls[index];
		return await new Promise<WebhookCall>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`No webhook call #${index} within ${timeoutMs} ms`)), timeoutMs);
			this.waiters.push({
				index,
				resolve: (call) => {
					clearTimeout(timer);
					resolve(call);
				},
			});
		});
	}

	private record(call: WebhookCall): void {
		this.calls.push(call);
		const index = this.calls.length - 1;
		for (const waiter of this.waiters.filter((w) => w.index === index)) {
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			waiter.resolve(call);
		}
	}

	private match(req: IncomingMessage): { name: WebhookType; path: string } | undefined {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		for (const name of this.webhookNames()) {
			const webhookPath = new URL(this.webhookUrl(name)).pathname;
			if (webhookPath !== pathname) continue;
			const workflow = this.workflow();
			const method = this.webhookData(workflow, name, 'webhook').httpMethod;
			if (method === req.method) return { name, path: pathname };
		}
		return undefined;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const sink = openLogSink();
		const response = expressifyResponse(res);
		const readResponse = captureResponse(res);
		let rawBody: Buffer = Buffer.alloc(0);
		const call: Partial<WebhookCall> = {};
		const finished = new Promise<void>((resolve) => res.once('finish', resolve).once('close', resolve));
		try {
			rawBody = await readRaw(req);
			const matched = this.match(req);
			if (!matched) {
				const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/webhook\//, '');
				response.status(404).json({
					code: 404,
					message: `The requested webhook "${req.method} ${path}" is not registered.`,
					hint: 'The workflow must be active for a production URL to run successfully.',
				});
				call.webhookName = '';
			} else {
				call.webhookName = matched.name;
				await this.runWebhook(matched.name, expressify(req, rawBody), response, call);
			}
		} catch (error) {
			call.error ??= error as Error;
			if (!res.headersSent) {
				const status = (error as { httpStatus?: number }).httpStatus ?? 500;
				response.status(status).json({ code: status, message: (error as Error).message, hint: (error as { hint?: string }).hint });
			}
		}
		await finished;
		sink.close();
		const request = req as Partial<HarnessRequest>;
		this.record({
			webhookName: call.webhookName ?? '',
			request: {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				rawBody,
				body: request.body,
			},
			result: call.result,
			error: call.error,
			response: readResponse(),
			logs: sink.lines,
		});
	}

	private async runWebhook(
		name: WebhookType,
		req: HarnessRequest,
		res: HarnessResponse,
		call: Partial<WebhookCall>,
	): Promise<void> {
		parseBody(req);
		const mode: WorkflowExecuteMode = 'webhook';
		const workflow = this.workflow();
		const node = workflow.getNode(this.node.name)!;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookData = this.webhookData(workflow, name, mode);
		const additionalData = webhookData.workflowExecuteAdditionalData;
		additionalData.httpRequest = req as never;
		additionalData.httpResponse = res as never;

		const description = webhookData.webhookDescription;
		const responseMode = this.resolve(workflow, node, description.responseMode, mode, 'onReceived');
		const responseCode = Number(this.resolve(workflow, node, description.responseCode, mode, 200));
		if (responseMode !== 'onReceived') {
			throw new UnexpectedError(`The harness only supports responseMode 'onReceived' (got '${String(responseMode)}')`);
		}
		if (nodeType.webhook === undefined) {
			throw new UnexpectedError('Node does not have any webhooks defined');
		}

		let result: IWebhookResponseData;
		try {
			const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
			result = await nodeType.webhook.call(context);
		} catch (error) {
			call.error = error as Error;
			if (!res.headersSent) {
				res.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			}
			return;
		} finally {
			this.save(workflow);
		}
		call.result = result;

		if (result.noWebhookResponse === true) return; // the node answered (or will answer) itself
		if (res.headersSent) return;

		if (result.workflowData === undefined) {
			res.status(responseCode).send(
				result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' },
			);
			return;
		}

		const responseData = this.resolve<string | undefined>(workflow, node, description.responseData, mode, 'firstEntryJson');
		let body: unknown;
		if (responseData === 'noData') body = undefined;
		else if (responseData) body = responseData;
		else if (result.webhookResponse !== undefined) body = result.webhookResponse;
		else body = { message: 'Workflow was started' };
		res.status(responseCode).send(body);
	}

	async close(): Promise<void> {
		this.closeLogSink();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}
