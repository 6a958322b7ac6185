// The operations added from Hero's reference findings, and the HTTP Request node using the Hero Health
// API credential, run in real n8n (`n8n execute`) against the stand-in. One workflow, one branch each,
// created through n8n's public API; the stand-in's log shows what reached Hero.
import { randomUUID } from 'crypto';

import { byId } from '../helpers';
import type { RunJson, WorkflowJson } from '../../scripts/lib/n8n/json';
import { STANDIN_CREDENTIAL_ID, STANDIN_CREDENTIAL_NAME } from '../../scripts/lib/n8n/credentials';
import {
	HERO_NODE,
	contractViolationsSince,
	e2e,
	execute,
	lastSeq,
	logSince,
	outputOf,
	publicApi,
	standinState,
} from './helpers';

let since = 0;
let run: RunJson;
let log: Awaited<ReturnType<typeof logSince>>;

const credentials = { heroHealthApi: { id: STANDIN_CREDENTIAL_ID, name: STANDIN_CREDENTIAL_NAME } };

function hero(name: string, parameters: Record<string, unknown>) {
	return { id: randomUUID(), name, type: HERO_NODE, typeVersion: 1, position: [400, 0], parameters, credentials };
}

beforeAll(async () => {
	since = await lastSeq();
	const emisId = (await standinState()).patients.find((patient) => patient.id === '1003')?.emis_id;
	const nodes = [
		{ id: randomUUID(), name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		hero('Practitioners at Main Surgery', {
			resource: 'practitioner',
			operation: 'getAll',
			returnAll: true,
			filters: {
				locations: { location: [{ locationId: byId('1') }] },
				appointmentTypes: { appointmentType: [{ appointmentTypeId: byId('1') }] },
			},
		}),
		hero('Practitioner 13', { resource: 'practitioner', operation: 'get', practitionerId: byId('13') }),
		hero('Capabilities', { resource: 'practiceGroup', operation: 'getCapabilities' }),
		hero('Patient by EMIS ID', { resource: 'patient', operation: 'search', searchFields: { emisId } }),
		hero('Batch messages', { resource: 'batchMessage', operation: 'getAll', returnAll: true }),
		hero('Send SMS', {
			resource: 'message',
			operation: 'send',
			patientId: byId('1001'),
			channel: 'sms',
			message: 'Your results are ready',
		}),
		hero('Message status', { resource: 'message', operation: 'get', messageId: '={{ $json.message_id }}' }),
		hero('Merge duplicate', {
			resource: 'patient',
			operation: 'merge',
			patientId: byId('1002'),
			tokenSource: 'preview',
			duplicatePatientId: byId('1030'),
		}),
		{
			id: randomUUID(),
			name: 'HTTP Request with the Hero credential',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [400, 200],
			parameters: {
				method: 'GET',
				url: `${e2e().standinUrl}/v1/me`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'heroHealthApi',
				options: {},
			},
			credentials,
		},
	];
	const fromRun = nodes
		.slice(1)
		.filter((node) => node.name !== 'Message status')
		.map((node) => ({ node: node.name, type: 'main', index: 0 }));
	const workflow = await publicApi<WorkflowJson>('POST', '/workflows', {
		name: 'e2e: operations from Hero reference findings',
		nodes,
		connections: {
			Run: { main: [fromRun] },
			'Send SMS': { main: [[{ node: 'Message status', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	const result = await execute(String(workflow.id));
	if (result.code !== 0 || !result.run)
		throw new Error(`n8n execute failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-2000)}`);
	run = result.run;
	log = await logSince(since);
}, 180_000);

it('runs every branch without an error', () => {
	expect(run.data.resultData.error).toBeUndefined();
	expect(run.status).toBe('success');
});

it('Practitioner: Get Many sends Hero’s filters and lists who works there; Get fetches one', () => {
	expect(outputOf(run, 'Practitioners at Main Surgery').map((json) => json.id)).toEqual(['11', '12']);
	expect(outputOf(run, 'Practitioner 13')).toEqual([expect.objectContaining({ id: '13', last_name: 'Mensah' })]);
	const list = log.find((entry) => entry.operationId === 'listPractitioners');
	expect(list?.query).toMatchObject({ location_ids: '1', appointment_type_ids: '1' });
});

it('Practice Group: Get Capabilities outputs the capability list', () => {
	expect(outputOf(run, 'Capabilities')).toEqual([{ capabilities: expect.arrayContaining(['sms_messaging']) }]);
});

it('Patient: Search by EMIS ID uses Hero’s one-field search', () => {
	expect(outputOf(run, 'Patient by EMIS ID').map((json) => json.id)).toEqual(['1003']);
	expect(log.find((entry) => entry.operationId === 'listPatients')?.query).toMatchObject({ field: 'emis_id' });
});

it('Batch Message: Get Many lists the batches Hero holds', async () => {
	const batches = (await standinState()).batchMessages.map((batch) => batch.id);
	expect(outputOf(run, 'Batch messages').map((json) => json.id)).toEqual(batches);
	expect(log.filter((entry) => entry.operationId === 'listBatchMessages')).toHaveLength(1);
});

it('Message: Get outputs the delivery status, times and write-to-record outcome of the message just sent', () => {
	const [sent] = outputOf(run, 'Send SMS');
	expect(outputOf(run, 'Message status')).toEqual([
		expect.objectContaining({
			id: String(sent.message_id),
			status: 'delivered',
			patient_id: '1001',
			sent_at: expect.any(String),
			write_to_record_status: null,
		}),
	]);
});

it('Patient: Merge sends the preview’s token and the patient merged in', () => {
	const preview = log.find((entry) => entry.operationId === 'previewPatientMerge');
	const merge = log.find((entry) => entry.operationId === 'mergePatient');
	expect(merge?.body).toEqual({
		merge_token: (preview?.responseBody as { merge_token: string }).merge_token,
		patient_id: '1030',
	});
	expect(outputOf(run, 'Merge duplicate')).toEqual([expect.objectContaining({ status: 'merged' })]);
});

it('the HTTP Request node with the Hero Health API credential gets 200 from GET /v1/me, with the credential’s headers', () => {
	expect(outputOf(run, 'HTTP Request with the Hero credential')).toEqual([expect.objectContaining({ id: 'pg_standin_1' })]);
	const me = log.filter((entry) => entry.path === '/v1/me');
	expect(me.map((entry) => [entry.status, entry.headers['x-api-key'], entry.headers['x-practice-group-id']])).toEqual([
		[200, 'hero-test-key', 'pg_standin_1'],
	]);
});

it('every request the stand-in received, and its answers, matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
