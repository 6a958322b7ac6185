// For the appointment automations' e2e files (examples 06 to 08): what patients and staff do in Hero (book, cancel
// and move appointments at the stand-in, as Hero's own apps would, which raises Hero's events), and how the
// workflows are set up and run.
import type { ExecutionJson, WorkflowJson } from '../../../scripts/lib/n8n/json';
import type { LogEntry, Slot } from '../../../standin';
import {
	bookSlot,
	contractViolationsSince,
	example,
	executionsOf,
	finishedRuns,
	heroApi,
	lastSeq,
	logSince,
	publicApi,
	standinState,
} from '../helpers';
import { publishedExample, runScheduleAt } from './helpers';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The name of the data table the workflow creates (its Data table node's Table → Create). */
export const tableOf = (workflow: WorkflowJson) =>
	String(workflow.nodes.find((node) => node.parameters.resource === 'table')!.parameters.tableName);

export interface Booked {
	appointmentId: string;
	patientId: string;
	slot: Slot;
}

const londonDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(iso));

/** Free slots of appointment type 1 at location 1, soonest first. */
async function freeSlots(): Promise<Slot[]> {
	const { slots } = await standinState();
	return slots
		.filter((s) => s.appointment_id === null && s.appointment_type_id === '1' && s.location_id === '1')
		.sort((a, b) => Date.parse(a.start_time) - Date.parse(b.start_time));
}

/**
 * `count` free slots on one London day, the first day starting at least `after` (two days ahead unless given)
 * that has that many, at distinct times: one day's appointments, a few hours apart at most, whatever today is.
 */
export async function slotsOneDay(count: number, after = new Date(Date.now() + 48 * HOUR)): Promise<Slot[]> {
	const byDay = new Map<string, Slot[]>();
	for (const slot of await freeSlots()) {
		if (Date.parse(slot.start_time) < after.getTime()) continue;
		const day = byDay.get(londonDay(slot.start_time)) ?? [];
		if (!day.some((s) => s.start_time === slot.start_time)) day.push(slot);
		byDay.set(londonDay(slot.start_time), day);
	}
	const day = [...byDay.values()].find((slots) => slots.length >= count);
	if (!day) throw new Error(`the stand-in has no day after ${after.toISOString()} with ${count} free slots`);
	return day.slice(0, count);
}

/** The first free slot of the same type and location starting at or after `after`. */
export async function slotFrom(after: Date): Promise<Slot> {
	const slot = (await freeSlots()).find((s) => Date.parse(s.start_time) >= after.getTime());
	if (!slot) throw new Error(`the stand-in has no free slot after ${after.toISOString()}`);
	return slot;
}

/** The patient reserves the slot and confirms it (Hero raises appointment.confirmed). */
export async function book(patientId: string, slot: Slot): Promise<Booked> {
	return { appointmentId: await bookSlot(patientId, slot), patientId, slot };
}

/** Cancels the appointment (Hero raises appointment.cancelled); `body` as Hero's cancel takes it, e.g. suppress_mail. */
export async function cancel(appointmentId: string, body: Record<string, unknown> = {}): Promise<void> {
	const r = await heroApi('PATCH', `/v1/appointments/${appointmentId}/cancel`, body);
	if (r.status !== 200)
		throw new Error(`cancelling appointment ${appointmentId} answered ${r.status}: ${JSON.stringify(r.json)}`);
}

/** Moves the appointment to the slot (Hero raises appointment.rescheduled). */
export async function reschedule(appointmentId: string, slot: Slot): Promise<void> {
	const r = await heroApi('PATCH', `/v1/appointments/${appointmentId}/reschedule`, { slot_id: slot.id });
	if (r.status !== 200) throw new Error(`moving appointment ${appointmentId} answered ${r.status}: ${JSON.stringify(r.json)}`);
}

/** `iso` in UK time as the workflows write it, e.g. "Wednesday 9 December at 09:30" or "09:30". */
export function ukTime(iso: string, withDay = true): string {
	const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
		new Date(iso),
	);
	if (!withDay) return time;
	const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long' });
	return `${day.format(new Date(iso))} at ${time}`;
}

/** What a practice does in the editor before publishing: sets fields of the workflow's Set node named Settings. */
export async function changeSettings(workflowId: string, values: Record<string, unknown>): Promise<void> {
	const stored = await publicApi<WorkflowJson & { connections: unknown; settings: unknown }>('GET', `/workflows/${workflowId}`);
	const nodes = stored.nodes.map((node) => {
		if (node.name !== 'Settings') return node;
		const { assignments } = node.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> };
		const changed = assignments.map((field) => (field.name in values ? { ...field, value: values[field.name] } : field));
		return { ...node, parameters: { ...node.parameters, assignments: { assignments: changed } } };
	});
	await publicApi('PUT', `/workflows/${workflowId}`, {
		name: stored.name,
		nodes,
		connections: stored.connections,
		settings: stored.settings,
	});
}

/**
 * publishedExample for an appointment automation's file: the practice's `settings` first, if any; after each test,
 * every request Hero received and answer it gave must have kept the contract. Returns the workflow and
 * `eventRuns(n)`, which waits for n more finished runs (Hero's events) and checks each succeeded.
 */
export function publishedForTheseTests(file: string, settings?: Record<string, unknown>) {
	const { id } = example(file);
	if (settings) beforeAll(async () => await changeSettings(id, settings));
	const { workflow, since } = publishedExample(file);
	let seen = 0;
	beforeAll(async () => {
		seen = (await executionsOf(id)).length;
	});
	afterEach(async () => expect(await contractViolationsSince(since())).toEqual([]));
	const eventRuns = async (count: number) => {
		const done = await finishedRuns(id, seen + count);
		expect(done.slice(0, done.length - seen).map((run) => run.status)).toEqual(Array(count).fill('success'));
		seen = done.length;
	};
	return { workflow, eventRuns };
}

/** The workflow's schedule run at `when` (runScheduleAt), and the requests Hero received meanwhile. */
export async function scheduledRun(
	workflowId: string,
	when: Date,
	trigger = 'Every 15 minutes',
): Promise<{ run: ExecutionJson; log: LogEntry[] }> {
	const before = await lastSeq();
	const run = await runScheduleAt(workflowId, when, trigger);
	return { run, log: await logSince(before) };
}

export interface SendBody {
	patient_id: string;
	message_type: string;
	fallback_message_type?: string;
	message_string: string;
}

/** The messages in a request log: [patient, channel (e.g. 'nhs_app, else sms'), text, Hero's status] each. */
export const messagesIn = (log: LogEntry[]) =>
	log
		.filter((entry) => entry.operationId === 'sendMessage')
		.map((entry) => {
			const body = entry.body as SendBody;
			const channel = [body.message_type, body.fallback_message_type].filter(Boolean).join(', else ');
			return [body.patient_id, channel, body.message_string, String(entry.status)];
		});
