// Shared by the queue-mode files: the stand-in, n8n in queue mode and the control server set up by
// globalSetup.ts, over HTTP.
import type { DeliveryLogEntry, DeliveryResult, DeliverWebhookSpec, LogEntry, StandinState } from '../../standin';
import { contractViolations, deliveryViolations } from '../../standin';
import type { BalancerEntry } from '../../scripts/lib/cluster/balancer';
import type { ExecutionJson } from '../../scripts/lib/n8n/json';
import { allExecutions, restOk } from '../../scripts/lib/n8n/rest';
import type { Workflow } from '../../scripts/lib/queue-workflows';

export { sleep, waitFor } from '../e2e/helpers';

export interface QueueConfig {
	standinUrl: string;
	limitPerMinute: number;
	rateWindowMs: number;
	workers: number;
	mainUrl: string;
	balancerUrl: string;
	/** every n8n process's own URL by name: main, webhook-1, worker-1, ... */
	urls: Record<string, string>;
	apiKey: string;
	controlUrl: string;
	logsDir: string;
	workflows: { bulk: Workflow; trigger: Workflow };
}

export function queue(): QueueConfig {
	if (!process.env.HERO_QUEUE)
		throw new Error('HERO_QUEUE is not set: run the queue-mode suite with jest -c jest.queue.config.js');
	return JSON.parse(process.env.HERO_QUEUE) as QueueConfig;
}

async function json<T>(base: string, method: string, route: string, body?: unknown): Promise<T> {
	const res = await fetch(`${base}${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!res.ok) throw new Error(`${method} ${base}${route} answered ${res.status}: ${await res.text()}`);
	return (await res.json()) as T;
}

// ---- stand-in

export const standinLog = async () => await json<LogEntry[]>(queue().standinUrl, 'GET', '/_standin/log');
export const standinState = async () => await json<StandinState>(queue().standinUrl, 'GET', '/_standin/state');
export const standinDeliveries = async () => await json<DeliveryLogEntry[]>(queue().standinUrl, 'GET', '/_standin/deliveries');
export const deliverWebhook = async (spec: DeliverWebhookSpec) =>
	await json<DeliveryResult[]>(queue().standinUrl, 'POST', '/_standin/webhooks/deliver', spec);

export async function lastSeq(): Promise<number> {
	const log = await standinLog();
	return log.length ? log[log.length - 1].seq : 0;
}

export async function logSince(seq: number): Promise<LogEntry[]> {
	return (await standinLog()).filter((entry) => entry.seq > seq);
}

export async function contractViolationsSince(seq: number): Promise<string[]> {
	return [...contractViolations(await logSince(seq)), ...deliveryViolations(await standinDeliveries())];
}

// ---- n8n

export async function publicApi<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
	const { mainUrl, apiKey } = queue();
	return (await restOk<T>(mainUrl, method, `/api/v1${route}`, { apiKey, body })).json;
}

/** Every execution of the workflow the public API lists (finished ones), all pages. */
export async function listedExecutions(workflowId: string): Promise<ExecutionJson[]> {
	return await allExecutions(publicApi, workflowId, { includeData: 'false', limit: '100' });
}

export const control = async <T = unknown>(method: string, route: string, body?: unknown) =>
	await json<T>(queue().controlUrl, method, route, body);

export async function sql(query: string): Promise<string[][]> {
	return (await control<{ rows: string[][] }>('POST', '/sql', { query })).rows;
}

/**
 * The workflow's executions in n8n's database, whatever their status (the public API leaves running ones
 * out): n8n writes the row when it hands a run over to the queue.
 */
export async function executionRows(workflowId: string): Promise<Array<{ id: string; status: string }>> {
	if (!/^\w+$/.test(workflowId)) throw new Error(`unexpected workflow id ${workflowId}`);
	const rows = await sql(`SELECT id, status FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`);
	return rows.map(([id, status]) => ({ id, status }));
}

export const isFinished = (status: string) => !['new', 'running', 'waiting', 'unknown'].includes(status);

export async function workersOf(executionIds: string[]): Promise<Array<string | null>> {
	return (await control<{ workers: Array<string | null> }>('POST', '/worker-of', { executionIds })).workers;
}

export async function balancerLog(): Promise<BalancerEntry[]> {
	return (await control<{ log: BalancerEntry[] }>('GET', '/balancer')).log;
}

/** Stops the named n8n processes, then starts them again (together). */
export async function restart(names: string[]): Promise<void> {
	await control('POST', '/restart', { names });
}
