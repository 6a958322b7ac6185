// Shared by the practice automations' e2e files: what they need beyond test/e2e/helpers.ts (a clock for
// scheduled runs, n8n data tables, the staff forms and the local mailbox that catches staff email).
import { readMailbox } from '../../../scripts/lib/mailbox';
import { DEMO_FORM_CREDENTIAL } from '../../../scripts/lib/n8n/credentials';
import type { ExecutionJson, PageJson, WorkflowJson } from '../../../scripts/lib/n8n/json';
import { restOk } from '../../../scripts/lib/n8n/rest';
import { e2e, example, finishedRuns, lastSeq, logSince, publicApi, publish, standinState, unpublish, waitFor } from '../helpers';

/** A valid NHS number (modulus 11 check digit) that neither PDS nor Hero knows, as a patient list may hold. */
export async function unknownNhsNumber(): Promise<string> {
	const state = await standinState();
	const known = new Set([...state.pds.map((r) => r.nhs_number), ...state.patients.map((p) => p.nhs_number)]);
	for (let base = 943476500; ; base++) {
		const digits = String(base).split('').map(Number);
		const check = (11 - (digits.reduce((sum, d, i) => sum + d * (10 - i), 0) % 11)) % 11;
		const nhs = `${base}${check}`;
		if (check !== 10 && !known.has(nhs)) return nhs;
	}
}

/**
 * Runs a workflow in the n8n server from its Schedule Trigger as if the schedule had fired at `at`: a copy of the
 * workflow (not published, deleted afterwards) with the trigger's output pinned to what a Schedule Trigger gives,
 * `timestamp` = `at`, run manually through the editor's own route. Only that output is virtual: the server's clock
 * stays real, so a workflow that acts on what has come due must take its time from the trigger's `timestamp`
 * (falling back to $now for Run now). This serves workflows that use n8n data tables: `n8n execute` cannot reach
 * them (the CLI does not load n8n's data-table module), even under libfaketime. Resolves to the finished execution.
 */
export async function runScheduleAt(workflowId: string, at: Date, trigger: string): Promise<ExecutionJson> {
	const { n8nUrl, cookie } = e2e();
	const { name, nodes, connections, settings } = await publicApi<WorkflowJson & { connections: unknown; settings: unknown }>(
		'GET',
		`/workflows/${workflowId}`,
	);
	const when = at.toISOString();
	const copy = await publicApi<{ id: string }>('POST', '/workflows', {
		name: `${name} (schedule at ${when})`,
		nodes,
		connections,
		settings,
		pinData: { [trigger]: [{ json: { timestamp: when } }] },
	});
	try {
		const started = await restOk<{ data: { executionId?: string } }>(n8nUrl, 'POST', `/rest/workflows/${copy.id}/run`, {
			cookie,
			body: { triggerToStartFrom: { name: trigger } },
		});
		const executionId = started.json.data.executionId;
		if (!executionId) throw new Error(`n8n did not run ${workflowId} from "${trigger}": ${JSON.stringify(started.json)}`);
		return await waitFor(
			`the run of ${workflowId} scheduled at ${when}`,
			async () => {
				const execution = await publicApi<ExecutionJson>('GET', `/executions/${executionId}?includeData=true`);
				return ['new', 'running', 'waiting'].includes(execution.status) ? undefined : execution;
			},
			120_000,
		);
	} finally {
		await publicApi('DELETE', `/workflows/${copy.id}`);
	}
}

/** Every email n8n has sent since the suite started, oldest first. */
export const mails = () => readMailbox(e2e().mailFile);

/**
 * What staff do in the browser: submit a published workflow's n8n form (its Form Trigger) at the production URL,
 * one value per form field in order (a file as [content, file name]), with the demo Basic Auth login the local
 * instances attach, or without a login.
 */
export async function submitStaffForm(workflow: WorkflowJson, fields: Array<string | [Blob, string]>, { login = true } = {}) {
	const form = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.formTrigger')!;
	const body = new FormData();
	fields.forEach((value, i) =>
		typeof value === 'string' ? body.append(`field-${i}`, value) : body.append(`field-${i}`, value[0], value[1]),
	);
	const { user, password } = DEMO_FORM_CREDENTIAL.data as { user: string; password: string };
	const headers: Record<string, string> = login
		? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
		: {};
	return await fetch(`${e2e().n8nUrl}/form/${(form.parameters.options as { path: string }).path}`, {
		method: 'POST',
		body,
		headers,
	});
}

/**
 * Staff submit the workflow's form (`fields` as for submitStaffForm); resolves once the run it started has succeeded,
 * with the requests Hero received and the emails sent meanwhile.
 */
export async function runThroughStaffForm(workflow: WorkflowJson, fields: Array<string | [Blob, string]>, timeoutMs?: number) {
	const [runsBefore, mailsBefore, before] = [(await finishedRuns(workflow.id, 0)).length, mails().length, await lastSeq()];
	const res = await submitStaffForm(workflow, fields);
	expect(res.status).toBe(200);
	const [run] = await finishedRuns(workflow.id, runsBefore + 1, timeoutMs);
	expect(run.status).toBe('success');
	return { log: await logSince(before), mail: mails().slice(mailsBefore) };
}

/** Where the examples email the practice team: a placeholder address, caught by the local mailbox. */
export const PRACTICE_TEAM = 'practice-team@your-practice.example';

/**
 * For a test file about one example that must be published (a trigger, a form): publishes it before the file's
 * tests and unpublishes it after. `since()` is the stand-in log's last seq before publishing, for the file's
 * contract check.
 */
export function publishedExample(file: string) {
	const workflow = example(file);
	let seq = 0;
	beforeAll(async () => {
		seq = await lastSeq();
		await publish(workflow.id);
	});
	afterAll(async () => await unpublish(workflow.id));
	return { workflow, since: () => seq };
}

/** A row of an n8n data table as the public API answers it: its columns, and n8n's own id, createdAt and updatedAt. */
export type DataTableRow = Record<string, unknown> & { id: number };

/** The ID of the data table with exactly this name (the workflows find theirs by name), or undefined. */
export async function dataTableId(name: string): Promise<string | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ name }));
	const tables = await publicApi<PageJson<{ id: string; name: string }>>('GET', `/data-tables?filter=${filter}`);
	return tables.data.find((table) => table.name === name)?.id;
}

/** Every row of the named data table ([] while it does not exist), oldest first. */
export async function dataTableRows<T extends DataTableRow = DataTableRow>(name: string): Promise<T[]> {
	const id = await dataTableId(name);
	if (!id) return [];
	const rows: T[] = [];
	let cursor: string | null | undefined;
	do {
		const page = await publicApi<PageJson<T>>(
			'GET',
			`/data-tables/${id}/rows?limit=250&sortBy=${encodeURIComponent('id:asc')}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		rows.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return rows;
}
