// Shared by the e2e files: the running n8n and stand-in set up by globalSetup.ts, over HTTP and the n8n CLI.
import * as fs from 'fs';
import * as path from 'path';

import type { DeliveryLogEntry, DeliveryResult, DeliverWebhookSpec, LogEntry, Standin, StandinState } from '../../standin';
import { contractViolations } from '../../standin';
import * as n8n from '../../scripts/lib/n8n';
import type { ExecutionJson, InstallPaths, N8nEnv, PageJson, RunExecutionJson, WorkflowJson } from '../../scripts/lib/n8n';

export interface E2EConfig {
	paths: InstallPaths;
	n8nUrl: string;
	standinUrl: string;
	cookie: string;
	apiKey: string;
	cliEnv: N8nEnv;
	runDir: string;
	userFolder: string;
	logFile: string;
}

export function e2e(): E2EConfig {
	if (!process.env.HERO_E2E) throw new Error('HERO_E2E is not set: run the e2e suite with jest -c jest.e2e.config.js');
	return JSON.parse(process.env.HERO_E2E) as E2EConfig;
}

export const HERO_NODE = `${n8n.PACKAGE_NAME}.heroHealth`;
export const HERO_TRIGGER = `${n8n.PACKAGE_NAME}.heroHealthTrigger`;
export const STANDIN_KEY = { apiKey: 'hero-test-key', practiceGroupId: 'pg_standin_1' };

/**
 * n8n's own words where the n8n lines the suite runs on (HERO_N8N_LINE) differ; the package's words are the same
 * on both. A wrong key in the credential test: 2.x gives the status text of Hero's 401, 1.x its generic 401 text.
 */
export const N8N_WORDING = {
	'2.x': { wrongKey: 'Unauthorized' },
	'1.x': { wrongKey: 'Authorization failed - please check your credentials' },
}[n8n.N8N_LINE];

// ---- stand-in

/**
 * For the global teardowns: closes the stand-in once its webhook deliveries are done, then fails the run if any
 * request it received, or answer it gave, broke the contract (listing at most `listed` of them); resolves to
 * how many requests it received.
 */
export async function closeStandinCheckingContract(standin: Standin, listed = Infinity): Promise<number> {
	await standin.waitForDeliveries();
	const lines = contractViolations(standin.log);
	const total = standin.log.length;
	await standin.close();
	if (lines.length)
		throw new Error(
			`${lines.length} contract violations in ${total} requests to the Hero stand-in:\n${lines.slice(0, listed).join('\n')}`,
		);
	return total;
}

async function standinJson<T>(method: string, route: string, body?: unknown): Promise<T> {
	const res = await fetch(`${e2e().standinUrl}${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`stand-in ${method} ${route} answered ${res.status}: ${await res.text()}`);
	return (await res.json()) as T;
}

export const standinLog = async () => await standinJson<LogEntry[]>('GET', '/_standin/log');
export const standinState = async () => await standinJson<StandinState>('GET', '/_standin/state');
export const standinDeliveries = async () => await standinJson<DeliveryLogEntry[]>('GET', '/_standin/deliveries');
export const deliverWebhook = async (spec: DeliverWebhookSpec) =>
	await standinJson<DeliveryResult[]>('POST', '/_standin/webhooks/deliver', spec);
export const standinIdle = async () => await standinJson<{ idle: true }>('GET', '/_standin/idle');

/** The seq of the newest stand-in log entry (0 when empty): entries after it belong to what comes next. */
export async function lastSeq(): Promise<number> {
	const log = await standinLog();
	return log.length ? log[log.length - 1].seq : 0;
}

export async function logSince(seq: number): Promise<LogEntry[]> {
	return (await standinLog()).filter((entry) => entry.seq > seq);
}

/** Calls the stand-in's Hero API directly, as Hero's own apps would change state (e.g. a patient confirming). */
export async function heroApi<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> {
	const res = await fetch(`${e2e().standinUrl}${route}`, {
		method,
		headers: {
			'x-api-key': STANDIN_KEY.apiKey,
			'x-practice-group-id': STANDIN_KEY.practiceGroupId,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
}

/**
 * The contract check: every request the stand-in received after `seq` matched an operation of
 * api/hero-health.openapi.yaml and passed its schemas, and so did its answer. Returns one line per violation.
 */
export async function contractViolationsSince(seq: number): Promise<string[]> {
	return contractViolations(await logSince(seq));
}

// ---- n8n

/** `n8n execute --id=<id>` next to the running server; the run's JSON (IRun) is parsed from its output. */
export async function execute(id: string) {
	const { paths, cliEnv } = e2e();
	return await n8n.executeWorkflow(paths, cliEnv, id, { timeoutMs: 120_000 });
}

/**
 * Output items of a node in a run (its last run of the node), as JSON objects; T names the fields the caller
 * reads of them.
 */
export function outputOf<T = Record<string, unknown>>(
	run: { data?: RunExecutionJson } | null | undefined,
	nodeName: string,
	outputIndex = 0,
): T[] {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs)
		throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(run?.data?.resultData?.runData ?? {}).join(', ')}`);
	return (runs[runs.length - 1].data?.main?.[outputIndex] ?? []).map((item) => item.json as T);
}

export async function publicApi<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
	const { n8nUrl, apiKey } = e2e();
	return (await n8n.restOk<T>(n8nUrl, method, `/api/v1${route}`, { apiKey, body })).json;
}

export async function executionsOf(workflowId: string): Promise<ExecutionJson[]> {
	const page = await publicApi<PageJson<ExecutionJson>>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100`);
	return page.data;
}

export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | null | false>,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

export const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

/** An example workflow as committed in examples/. */
export function example(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(n8n.EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

export function n8nLog(): string {
	return fs.readFileSync(e2e().logFile, 'utf8');
}

export { n8n };
