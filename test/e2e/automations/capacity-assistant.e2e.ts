// Example 13, the staff capacity assistant, in real n8n: its AI Agent with the scripted chat model globalSetup
// serves (scripts/lib/scripted-model.ts) and this package's node as its tools, against the stand-in. Runs the
// example's "Try a question" entry with `n8n execute` (a Chat Trigger cannot be typed into headless).
// Proves: the tools n8n runs send Hero the arguments the model chose, the answer is built from what Hero
// returned, and a model asking for a booking is offered no write tool and gets no write to Hero.
import { formatSlotTime, TOOLS } from '../../../scripts/lib/scripted-model';
import type { Exchange, ToolDefinition } from '../../../scripts/lib/scripted-model';
import { importWorkflows } from '../../../scripts/lib/n8n/cli';
import { withLocalCredentials } from '../../../scripts/lib/n8n/examples';
import { contractViolationsSince, e2e, example, execute, lastSeq, logSince, outputOf, standinState } from '../helpers';

const FILE = '13-staff-capacity-assistant.json';
const READ_TOOLS = [TOOLS.types, TOOLS.locations, TOOLS.practitioners, TOOLS.slots].sort();

/** What the scripted model was asked and answered after the first `skip` exchanges. */
async function exchangesSince(skip: number): Promise<Exchange[]> {
	const res = await fetch(`${new URL(e2e().modelUrl).origin}/_scripted/requests`);
	return ((await res.json()) as Exchange[]).slice(skip);
}

/** Runs a workflow with `n8n execute`, with what Hero and the model saw during the run. */
async function run(workflowId: string) {
	const seq = await lastSeq();
	const seen = (await exchangesSince(0)).length;
	const result = await execute(workflowId);
	// Webhook (un)registrations are left out: earlier files' trigger workflows are still being unpublished in the
	// background, and this workflow has no Hero trigger, so none of them is its own.
	const hero = (await logSince(seq)).filter((entry) => !entry.path.startsWith('/v1/webhooks'));
	return { result, hero, exchanges: await exchangesSince(seen), seq };
}

const toolNames = (tools: ToolDefinition[] = []) => tools.map((tool) => tool.function.name).sort();

it('answers "next free Practice Nurse Appointment at Main Surgery?" from the slots Hero returned, after the tool calls the model chose', async () => {
	const workflow = example(FILE);
	const { result, hero, exchanges, seq } = await run(workflow.id);
	expect({ code: result.code, error: result.run?.data.resultData.error }).toEqual({ code: 0, error: undefined });

	// the model's turns: the three look-ups, then the slot search with the IDs it picked from their results
	const calls = exchanges.flatMap(({ reply }) => ('calls' in reply ? reply.calls : []));
	expect(calls.map((call) => call.name)).toEqual([TOOLS.types, TOOLS.locations, TOOLS.practitioners, TOOLS.slots]);
	const search = calls[3].args as Record<string, string>;
	const { appointmentTypes, locations, admins } = await standinState();
	expect(appointmentTypes.find((type) => type.id === search.appointmentTypeId)?.name).toBe('Practice Nurse Appointment');
	expect(locations.find((location) => location.id === search.locationId)?.name).toBe('Main Surgery');

	// Hero received exactly those reads, the slot search with the model's arguments
	expect(hero.map((entry) => entry.operationId).sort()).toEqual(
		['listAppointmentTypes', 'listLocations', 'listPractitioners', 'listSlots'].sort(),
	);
	expect(hero.every((entry) => entry.method === 'GET' && entry.status === 200)).toBe(true);
	const slotSearch = hero.find((entry) => entry.operationId === 'listSlots')!;
	expect(slotSearch.query).toMatchObject({
		appointment_type_id: search.appointmentTypeId,
		location_id: search.locationId,
		start_date: search.fromDate,
		end_date: search.toDate,
	});
	expect(slotSearch.query.practitioner_id).toBeUndefined(); // '' = anyone

	// the answer names the first slot Hero returned, in UK time, and its clinician
	const [first] = (slotSearch.responseBody as { data: Array<{ start_time: string; practitioner_id: string }> }).data;
	const clinician = admins.find((admin) => admin.id === first.practitioner_id)!;
	const [answer] = outputOf<{ output: string }>(result.run, 'Capacity assistant');
	expect(answer.output).toBe(
		`The next free Practice Nurse Appointment at Main Surgery is ${formatSlotTime(first.start_time)} with ${clinician.first_name} ${clinician.last_name}.`,
	);
	expect(await contractViolationsSince(seq)).toEqual([]);
});

it('is refused a write: no write tool is offered, and a model asking to book gets nothing sent to Hero', async () => {
	// the example with a staff member asking for a booking instead (its Question node changed, nothing else)
	const asked = example(FILE);
	asked.id = 'heroCapacityBookAsk';
	const question = asked.nodes.find((node) => node.name === 'Question')!;
	(question.parameters.assignments as { assignments: Array<{ value: string }> }).assignments[0].value =
		'Please book patient 1001 into the next GP Appointment at Main Surgery.';
	const { paths, cliEnv } = e2e();
	await importWorkflows(paths, cliEnv, [withLocalCredentials(asked)]);
	const appointmentsBefore = (await standinState()).appointments.length;

	const { result, hero, exchanges } = await run(asked.id);

	// the model asked for Book_appointment every turn; n8n dropped the call each time, so the agent stopped at its limit
	expect(exchanges.length).toBeGreaterThan(1);
	expect(exchanges.every(({ reply }) => 'calls' in reply && reply.calls[0].name === TOOLS.book)).toBe(true);
	expect(result.code).not.toBe(0);
	expect(result.run?.data.resultData.error?.message).toMatch(/Max iterations/);
	// every request offered the model the four read-only tools and nothing else, and no tool ever ran
	for (const { request } of exchanges) {
		expect(toolNames(request.tools)).toEqual(READ_TOOLS);
		expect(request.messages.filter((message) => message.role === 'tool')).toEqual([]);
	}
	// Hero received nothing from this run, so no write, and no appointment was made
	expect(hero).toEqual([]);
	expect((await standinState()).appointments.length).toBe(appointmentsBefore);
});
