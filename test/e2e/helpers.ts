// Shared by the e2e files: the running n8n and stand-in set up by globalSetup.ts, over HTTP and the n8n CLI.
import * as fs from 'fs';

import type {
	DeliveryLogEntry,
	DeliveryResult,
	DeliverWebhookSpec,
	FailNextSpec,
	LogEntry,
	Slot,
	Standin,
	StandinState,
} from '../../standin';
import { contractViolations, deliveryViolations } from '../../standin';
import { executeWorkflow } from '../../scripts/lib/n8n/cli';
import { readExample } from '../../scripts/lib/n8n/examples';
import type { ExecutionJson, PageJson, RunExecutionJson, WorkflowJson } from '../../scripts/lib/n8n/json';
import type { N8nEnv } from '../../scripts/lib/n8n/npm';
import type { InstallPaths } from '../../scripts/lib/n8n/paths';
import { N8N_LINE, PACKAGE_NAME } from '../../scripts/lib/n8n/project';
import { restOk } from '../../scripts/lib/n8n/rest';
import { reservationBody } from '../standin/helpers';

export interface E2EConfig {
	paths: InstallPaths;
	n8nUrl: string;
	standinUrl: string;
	/** the scripted chat model's base URL (…/v1); its requests: GET <origin>/_scripted/requests */
	modelUrl: string;
	cookie: string;
	apiKey: string;
	cliEnv: N8nEnv;
	runDir: string;
	userFolder: string;
	logFile: string;
	/** the local mailbox's file (scripts/lib/mailbox.ts): one JSON line per email n8n sent */
	mailFile: string;
}

export function e2e(): E2EConfig {
	if (!process.env.HERO_E2E) throw new Error('HERO_E2E is not set: run the e2e suite with jest -c jest.e2e.config.js');
	return JSON.parse(process.env.HERO_E2E) as E2EConfig;
}

export const HERO_NODE = `${PACKAGE_NAME}.heroHealth`;
export const HERO_TRIGGER = `${PACKAGE_NAME}.heroHealthTrigger`;
export const STANDIN_KEY = { apiKey: 'hero-test-key', practiceGroupId: 'pg_standin_1' };

/**
 * n8n's own words where the n8n lines the suite runs on (HERO_N8N_LINE) differ; the package's words are the same
 * on both. A wrong key in the credential test: 2.x gives the status text of Hero's 401, 1.x its generic 401 text.
 */
export const N8N_WORDING = {
	'2.x': { wrongKey: 'Unauthorized' },
	'1.x': { wrongKey: 'Authorization failed - please check your credentials' },
}[N8N_LINE];

// ---- stand-in

/**
 * For the global teardowns: closes the stand-in once its webhook deliveries are done, then fails the run if any
 * request it received, answer it gave or delivery it sent broke the contract (listing at most `listed` of them); resolves to
 * how many requests it received.
 */
export async function closeStandinCheckingContract(standin: Standin, listed = Infinity): Promise<number> {
	await standin.waitForDeliveries();
	const lines = [...contractViolations(standin.log), ...deliveryViolations(standin.deliveries)];
	const total = standin.log.length;
	await standin.close();
	if (lines.length)
		throw new Error(
			`${lines.length} contract violations in ${total} requests to the Hero stand-in and ${standin.deliveries.length} deliveries from it:\n${lines.slice(0, listed).join('\n')}`,
		);
	return total;
}

async function standinJson<T>(method: string, route: string, body?: unknown): Promise<T> {
	const ask = () =>
		fetch(`${e2e().standinUrl}${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	// A kept-alive connection can be closed by the stand-in just as it is reused (seen after long, loaded n8n runs):
	// a read is asked again once.
	const res = await ask().catch((error: unknown) => (method === 'GET' ? ask() : Promise.reject(error)));
	if (!res.ok) throw new Error(`stand-in ${method} ${route} answered ${res.status}: ${await res.text()}`);
	return (await res.json()) as T;
}

export const standinLog = async () => await standinJson<LogEntry[]>('GET', '/_standin/log');
export const standinState = async () => await standinJson<StandinState>('GET', '/_standin/state');
export const standinDeliveries = async () => await standinJson<DeliveryLogEntry[]>('GET', '/_standin/deliveries');
export const deliverWebhook = async (spec: DeliverWebhookSpec) =>
	await standinJson<DeliveryResult[]>('POST', '/_standin/webhooks/deliver', spec);
export const standinIdle = async () => await standinJson<{ idle: true }>('GET', '/_standin/idle');
export const standinFailNext = async (spec: FailNextSpec) =>
	await standinJson<{ queued: number }>('POST', '/_standin/fail-next', spec);

/** The seq of the newest stand-in log entry (0 when empty): entries after it belong to what comes next. */
export async function lastSeq(): Promise<number> {
	const log = await standinLog();
	return log.length ? log[log.length - 1].seq : 0;
}

export async function logSince(seq: number): Promise<LogEntry[]> {
	return (await standinLog()).filter((entry) => entry.seq > seq);
}

/** Calls the stand-in's Hero API directly, as Hero's own apps would change state (e.g. a patient confirming). */
export async function heroApi<T = unknown>(
	method: string,
	route: string,
	body?: unknown,
	standinUrl = e2e().standinUrl,
): Promise<{ status: number; json: T }> {
	const res = await fetch(`${standinUrl}${route}`, {
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
 * What a patient does in Hero's booking page: reserves a free slot of the appointment type (1 unless given; at the
 * location, if given) at least two days ahead and confirms it, which raises appointment.confirmed. Returns the
 * appointment and its slot.
 */
export async function confirmAppointment(
	patientId: string,
	standinUrl = e2e().standinUrl,
	{ appointmentTypeId = '1', locationId }: { appointmentTypeId?: string; locationId?: string } = {},
) {
	const state = (await (await fetch(`${standinUrl}/_standin/state`)).json()) as StandinState;
	const slot = state.slots.find(
		(s) =>
			s.appointment_id === null &&
			Date.parse(s.start_time) > Date.now() + 48 * 3600_000 &&
			s.appointment_type_id === appointmentTypeId &&
			(!locationId || s.location_id === locationId),
	);
	if (!slot) throw new Error(`the stand-in has no free slot of type ${appointmentTypeId} two days ahead`);
	const duration = state.appointmentTypes.find((type) => type.id === appointmentTypeId)?.duration ?? 15;
	return { appointmentId: await bookSlot(patientId, slot, { standinUrl, duration }), slot };
}

/** The patient reserves the slot and confirms it (appointment.confirmed); resolves to the appointment's ID. */
export async function bookSlot(
	patientId: string,
	slot: Slot,
	{ standinUrl = e2e().standinUrl, duration = 15 }: { standinUrl?: string; duration?: number } = {},
): Promise<string> {
	const reserved = await heroApi<{ id: string | number }>(
		'POST',
		'/v1/appointments',
		{ ...reservationBody(slot, patientId), duration },
		standinUrl,
	);
	if (reserved.status !== 200) throw new Error(`reserving slot ${slot.id} answered ${reserved.status}`);
	const appointmentId = String(reserved.json.id);
	const booked = await heroApi('PATCH', `/v1/appointments/${appointmentId}/book`, {}, standinUrl);
	if (booked.status !== 200) throw new Error(`confirming appointment ${appointmentId} answered ${booked.status}`);
	return appointmentId;
}

/**
 * The contract check: every request the stand-in received after `seq` matched an operation of
 * api/hero-health.openapi.yaml and passed its schemas, and so did its answer; every delivery it sent is the
 * contract's WebhookDelivery. Returns one line per violation.
 */
export async function contractViolationsSince(seq: number): Promise<string[]> {
	return [...contractViolations(await logSince(seq)), ...deliveryViolations(await standinDeliveries())];
}

/** What the Hero Health Trigger outputs for a delivery (README: "The trigger's output"). */
export interface TriggerItem {
	event: string;
	object: string;
	id: string;
	practiceGroupId: string;
	record: Record<string, unknown> | null;
	recordUnavailable?: string;
	recordError?: { message: string; description: string | null; httpCode: string | null };
	headers: Record<string, string | undefined>;
}

// ---- n8n

/** `n8n execute --id=<id>` next to the running server; the run's JSON (IRun) is parsed from its output. */
export async function execute(id: string) {
	const { paths, cliEnv } = e2e();
	return await executeWorkflow(paths, cliEnv, id, { timeoutMs: 120_000 });
}

/** "HH:mm" in London: how the examples' messages give a slot's time. */
export const londonClockTime = (iso: string) =>
	new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }).format(
		new Date(iso),
	);

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
	return (await restOk<T>(n8nUrl, method, `/api/v1${route}`, { apiKey, body })).json;
}

export async function executionsOf(workflowId: string): Promise<ExecutionJson[]> {
	const page = await publicApi<PageJson<ExecutionJson>>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=100`);
	return page.data;
}

/**
 * Publishes (activates) a workflow; when it has a Hero Health Trigger, resolves once Hero holds one registration per
 * event at the trigger's production URL (n8n answers first and registers in the background) and n8n has saved
 * their signing keys: Hero lists a registration before n8n saves its key, and a delivery in between is refused.
 */
export async function publish(workflowId: string): Promise<void> {
	await publicApi('POST', `/workflows/${workflowId}/activate`);
	await heroRegistrations(workflowId, true);
}

/** Unpublishes (deactivates) a workflow; resolves once Hero holds no registration of its Hero Health Trigger. */
export async function unpublish(workflowId: string): Promise<void> {
	await publicApi('POST', `/workflows/${workflowId}/deactivate`);
	await heroRegistrations(workflowId, false);
}

async function heroRegistrations(workflowId: string, published: boolean): Promise<void> {
	const { nodes } = await publicApi<WorkflowJson>('GET', `/workflows/${workflowId}`);
	const trigger = nodes.find((node) => node.type === HERO_TRIGGER);
	if (!trigger) return;
	const url = `${e2e().n8nUrl}/webhook/${trigger.webhookId}/webhook`;
	const events = trigger.parameters.events as string[];
	const expected = published ? events.length : 0;
	await waitFor(
		`${expected} Hero registrations of ${workflowId}'s trigger`,
		async () => (await standinState()).webhooks.filter((hook) => hook.url === url).length === expected,
	);
	if (!published) return;
	await waitFor(`${workflowId}'s signing keys saved`, async () => {
		const { staticData } = await publicApi<WorkflowJson>('GET', `/workflows/${workflowId}`);
		const saved = staticData?.[`node:${trigger.name}`] as { registrations?: object } | undefined;
		return events.every((event) => saved?.registrations && event in saved.registrations);
	});
}

/** Waits until the workflow has at least `count` finished executions; resolves to them, newest first. */
export async function finishedRuns(workflowId: string, count: number, timeoutMs = 60_000): Promise<ExecutionJson[]> {
	return await waitFor(
		`${count} finished runs of ${workflowId}`,
		async () => {
			const done = (await executionsOf(workflowId)).filter((run) => !['new', 'running', 'waiting'].includes(run.status));
			return done.length >= count ? done : undefined;
		},
		timeoutMs,
	);
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
export const example = readExample;

export function n8nLog(): string {
	return fs.readFileSync(e2e().logFile, 'utf8');
}
