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
 *   const { status, call } = await trigger.send(rawBody, { headers: { 'x-sig': '…' } });
 *   call.result?.workflowData;             // what webhook() returned
 *   await trigger.deactivate();            // delete()
 *   await trigger.close();
 *
 * What it does, and where it follows n8n (packages/cli webhooks + ActiveWorkflowManager):
 *  - `start` listens on 127.0.0.1 (random port). Production webhook URLs are
 *    `<publicBaseUrl>webhook/<webhookId>/<path>`, computed by n8n-core's `HookContext.getNodeWebhookUrl`;
 *    `publicBaseUrl` (n8n's WEBHOOK_URL) defaults to the harness server itself.
 *  - `checkExists` / `create` / `delete` run `webhookMethods[<webhook name>][method]` with n8n-core's
 *    real `HookContext` (mode 'trigger', activation 'activate'), so the node has `getNodeWebhookUrl`,
 *    `getWorkflowStaticData`, `getCredentials` and `helpers.httpRequestWithAuthentication` (credential
 *    applied by its `authenticate` block). `activate()` = n8n's activation: checkExists, create when it
 *    is not true, and delete + rethrow when create throws. `deactivate()` = delete.
 *  - Static data persists between calls the way n8n persists it: after every call it is saved as
 *    JSON (as n8n writes it to the database) and the next call starts from that copy.
 *  - A request to the webhook URL runs the node's `webhook()` with n8n-core's real `WebhookContext`
 *    (mode 'webhook') on the raw body as read (`req.rawBody`, a Buffer, as n8n's webhook server sets it),
 *    and a response with Express's `status().json()`. The Hero Health Trigger answers every delivery
 *    itself (`noWebhookResponse`), which is all this serves; when `webhook()` throws, the reply is n8n's
 *    500 `{"code":0,"message":"Workflow Webhook Error: Workflow could not be started!"}` (the error is in
 *    `call.error`). Another path or method gets n8n's 404. The workflow behind the trigger is not
 *    executed; assert on `call.result.workflowData`.
 *  - Everything n8n logs is in `trigger.logs` (all) and `call.logs` (per request).
 */
import './env';

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
	IWebhookResponseData,
	WebhookType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { UnexpectedError, Workflow } from 'n8n-workflow';

import type { AnyNodeType } from './core';
import { HarnessNodeTypes, buildAdditionalData, latestVersion, nodeCredentials, notUsed, workflowBase } from './core';
import { HarnessCredentialsHelper } from './credentials-helper';
import { openLogSink } from './logging';

export interface TriggerHarnessOptions {
	nodeType: AnyNodeType;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	/** The node's `webhookId` (n8n gives every webhook node a UUID). Default: a random UUID. */
	webhookId?: string;
	/** Workflow static data to start from, as n8n stored it (e.g. `{ 'node:Trigger': { webhookId: '…' } }`). */
	staticData?: IDataObject;
	/** n8n's WEBHOOK_URL, with trailing slash. Default: this harness's server, `http://127.0.0.1:<port>/`. */
	publicBaseUrl?: string;
	workflowId?: string;
}

export interface WebhookCall {
	/** Which webhook description handled the request ('' for none). */
	webhookName: string;
	request: { method: string; url: string; headers: IncomingHttpHeaders; rawBody: Buffer };
	/** What `webhook()` returned. */
	result?: IWebhookResponseData;
	/** What `webhook()` threw. */
	error?: Error;
	response: { statusCode: number; headers: OutgoingHttpHeaders; body: string };
	logs: string[];
}

type WebhookMethod = 'checkExists' | 'create' | 'delete';

/** The parts of Express's response the package's trigger uses. */
type HarnessResponse = ServerResponse & {
	status(code: number): HarnessResponse;
	json(body: unknown): HarnessResponse;
};

async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

function expressifyResponse(res: ServerResponse): HarnessResponse {
	const response = res as HarnessResponse;
	response.status = (code: number) => {
		res.statusCode = code;
		return response;
	};
	response.json = (body: unknown) => {
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return response;
	};
	return response;
}

/** Records what is written to a response, so the call record can show it. */
function captureResponse(res: ServerResponse): () => WebhookCall['response'] {
	const chunks: Buffer[] = [];
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	res.end = ((chunk?: unknown, ...rest: unknown[]) => {
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk));
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
		this.node = {
			id: randomUUID(),
			name: 'Trigger',
			type: this.nodeTypes.add(options.nodeType),
			typeVersion: latestVersion(options.nodeType),
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
		harness.publicBaseUrl = options.publicBaseUrl ?? harness.serverUrl;
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

	private nodeType() {
		return this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
	}

	private webhookNames(): WebhookType[] {
		return (this.nodeType().description.webhooks ?? []).map((w) => w.name);
	}

	private webhookData(workflow: Workflow, name: WebhookType, mode: WorkflowExecuteMode): IWebhookData {
		const node = workflow.getNode(this.node.name)!;
		const description = this.nodeType().description.webhooks?.find((w) => w.name === name);
		if (!description) throw new UnexpectedError(`The node has no webhook named "${name}"`);
		const literal = (value: unknown) => {
			if (typeof value !== 'string' || value.startsWith('=')) notUsed('A webhook method or path set by an expression');
			return value;
		};
		return {
			httpMethod: literal(description.httpMethod).toUpperCase() as IHttpRequestMethods,
			node: node.name,
			path: literal(description.path),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: buildAdditionalData({
				credentialsHelper: this.credentialsHelper,
				mode,
				workflowData: workflowBase(workflow.id, Object.values(workflow.nodes), {}),
				instanceBaseUrl: this.publicBaseUrl,
			}),
			webhookId: node.webhookId,
		};
	}

	/** The context n8n gives the webhook `name`'s methods when it activates the workflow. */
	private hookContext(workflow: Workflow, name: WebhookType): HookContext {
		const webhookData = this.webhookData(workflow, name, 'trigger');
		const node = workflow.getNode(this.node.name)!;
		return new HookContext(workflow, node, webhookData.workflowExecuteAdditionalData, 'trigger', 'activate', webhookData);
	}

	/** The production URL n8n shows (and registers) for the webhook `name`. */
	webhookUrl(name: WebhookType = 'default'): string {
		const url = this.hookContext(this.workflow(), name).getNodeWebhookUrl(name);
		if (!url) throw new UnexpectedError(`The webhook "${name}" has no URL`);
		return url;
	}

	/** Runs `webhookMethods[name][method]` like n8n's WebhookService.runWebhookMethod. */
	private async runWebhookMethod(method: WebhookMethod, name: WebhookType = 'default'): Promise<boolean | undefined> {
		const workflow = this.workflow();
		const methods = this.nodeType().webhookMethods as
			Record<string, Record<WebhookMethod, ((this: IHookFunctions) => Promise<boolean>) | undefined> | undefined> | undefined;
		const fn = methods?.[name]?.[method];
		if (fn === undefined) return undefined;
		const context = this.hookContext(workflow, name);
		try {
			return await fn.call(context);
		} finally {
			this.save(workflow);
		}
	}

	async checkExists(): Promise<boolean | undefined> {
		return await this.runWebhookMethod('checkExists');
	}

	async create(): Promise<boolean | undefined> {
		return await this.runWebhookMethod('create');
	}

	/** n8n's activation: for each webhook, checkExists and, unless it returned true, create. */
	async activate(): Promise<void> {
		for (const name of this.webhookNames()) {
			if ((await this.runWebhookMethod('checkExists', name)) === true) continue;
			try {
				await this.runWebhookMethod('create', name);
			} catch (error) {
				try {
					await this.runWebhookMethod('delete', name);
				} catch {
					// n8n ignores errors of the clean-up delete
				}
				throw error;
			}
		}
	}

	/** n8n's deactivation: delete for each webhook. */
	async deactivate(): Promise<void> {
		for (const name of this.webhookNames()) await this.runWebhookMethod('delete', name);
	}

	/** POSTs `body` to the default webhook URL over real HTTP; waits for the call record. */
	async send(
		body: string,
		{ headers = {} }: { headers?: Record<string, string> } = {},
	): Promise<{ status: number; call: WebhookCall }> {
		const url = new URL(this.webhookUrl());
		// Always deliver to this harness, even when publicBaseUrl points elsewhere.
		const target = new URL(url.pathname, this.serverUrl);
		const callPromise = this.waitForCall(this.calls.length);
		const response = await fetch(target, { method: 'POST', headers, body });
		await response.arrayBuffer();
		return { status: response.status, call: await callPromise };
	}

	/** Resolves with the next call this harness records (the trigger may keep working after it has answered). */
	nextCall(): Promise<WebhookCall> {
		return this.waitForCall(this.calls.length);
	}

	/** Resolves with the `index`-th recorded call (0-based). */
	private async waitForCall(index: number, timeoutMs = 30_000): Promise<WebhookCall> {
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

	/** The webhook whose production URL and method the request matches. */
	private match(req: IncomingMessage): WebhookType | undefined {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		return this.webhookNames().find(
			(name) =>
				new URL(this.webhookUrl(name)).pathname === pathname &&
				this.webhookData(this.workflow(), name, 'webhook').httpMethod === req.method,
		);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const sink = openLogSink();
		const response = expressifyResponse(res);
		const readResponse = captureResponse(res);
		const finished = new Promise<void>((resolve) => res.once('finish', resolve).once('close', resolve));
		const call: Pick<WebhookCall, 'result' | 'error'> = {};
		let rawBody: Buffer = Buffer.alloc(0);
		let name: WebhookType | undefined;
		try {
			rawBody = await readRaw(req);
			name = this.match(req);
			if (name === undefined) {
				const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/webhook\//, '');
				response.status(404).json({
					code: 404,
					message: `The requested webhook "${req.method} ${path}" is not registered.`,
					hint: 'The workflow must be active for a production URL to run successfully.',
				});
			} else {
				await this.runWebhook(name, Object.assign(req, { rawBody }), response, call);
			}
		} catch (error) {
			// the harness's own failure (e.g. something these tests never use): shown, not swallowed
			call.error ??= error as Error;
			if (!res.headersSent) response.status(500).json({ code: 500, message: (error as Error).message });
		}
		await finished;
		sink.close();
		this.record({
			webhookName: name ?? '',
			request: { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody },
			...call,
			response: readResponse(),
			logs: sink.lines,
		});
	}

	private async runWebhook(
		name: WebhookType,
		req: IncomingMessage & { rawBody: Buffer },
		res: HarnessResponse,
		call: Pick<WebhookCall, 'result' | 'error'>,
	): Promise<void> {
		const mode: WorkflowExecuteMode = 'webhook';
		const workflow = this.workflow();
		const node = workflow.getNode(this.node.name)!;
		const { webhook } = this.nodeType();
		if (webhook === undefined) throw new UnexpectedError('Node does not have any webhooks defined');
		const webhookData = this.webhookData(workflow, name, mode);
		const additionalData = webhookData.workflowExecuteAdditionalData;
		additionalData.httpRequest = req as never;
		additionalData.httpResponse = res as never;
		try {
			call.result = await webhook.call(new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null));
		} catch (error) {
			call.error = error as Error;
			if (!res.headersSent) res.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		} finally {
			this.save(workflow);
		}
		if (call.result.noWebhookResponse !== true) notUsed('A webhook that leaves the answer to n8n');
	}

	async close(): Promise<void> {
		this.closeLogSink();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}
