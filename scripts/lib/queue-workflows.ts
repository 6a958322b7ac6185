// Workflows for n8n in queue mode (scripts/lib/cluster/), shared by the queue-mode suite (test/queue/)
// and the benchmarks, as n8n import:workflow documents.
//
//   bulkSendWorkflow({ id, path, credential })  Webhook POST /webhook/<path> {messages: [{patient_id, text}]}
//                                               → Split Out → Hero Health Message: Send (channel Hero inbox)
//                                               Called K times at once, it gives K concurrent executions.
//   bulkRequestNodes(workflowId, path)          its Webhook and Split Out, for another sending node (bench/queue.ts)
//   bulkMessages(run, n)                        n messages for one call, each text unique: `<run> message <i>`
//   triggerWorkflow({ id, webhookId, events, credential })
//                                               Hero Health Trigger → Message: Send to the patient of the appointment it read,
//                                               text `event <appointment ID>`: one SMS per run, countable at Hero.

import { STANDIN_CREDENTIAL_ID, STANDIN_CREDENTIAL_NAME } from './n8n/credentials';
import { PACKAGE_NAME } from './n8n/project';

/** A workflow node as n8n import:workflow reads it. */
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: { executionOrder: 'v1' };
	active: boolean;
	pinData: Record<string, unknown>;
}

export interface CredentialRef {
	id?: string;
	name?: string;
}

/** The stand-in's patients 1001–1029 (1030 is a duplicate record); the Hero inbox channel has no restrictions. */
export const PATIENTS = Array.from({ length: 29 }, (_, i) => String(1001 + i));

const credentialRef = (credential: CredentialRef = {}) => ({
	heroHealthApi: { id: credential.id || STANDIN_CREDENTIAL_ID, name: credential.name || STANDIN_CREDENTIAL_NAME },
});

/** The one-after-the-other connections of a chain of nodes, by name. */
const chain = (...names: string[]): Workflow['connections'] =>
	Object.fromEntries(
		names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main' as const, index: 0 }]] }]),
	);

/** A workflow whose nodes run one after the other, in the order given. */
export const workflow = (id: string, name: string, nodes: WorkflowNode[]): Workflow => ({
	id,
	name,
	nodes,
	connections: chain(...nodes.map((node) => node.name)),
	settings: { executionOrder: 'v1' },
	active: false,
	pinData: {},
});

function heroSend(
	name: string,
	position: [number, number],
	{ patient, text, credential }: { patient: string; text: string; credential?: CredentialRef },
): WorkflowNode {
	return {
		id: `${name.replace(/\W+/g, '-').toLowerCase()}-node`,
		name,
		type: `${PACKAGE_NAME}.heroHealth`,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'message',
			operation: 'send',
			patientId: { __rl: true, mode: 'id', value: patient },
			channel: 'hero',
			message: text,
			options: {},
		},
		credentials: credentialRef(credential),
	};
}

/**
 * The head of a bulk-send workflow: a Webhook answering POST /webhook/<path> {messages: [...]} at once, then
 * Split Out, one item per message; the sending node goes next, at [440, 0].
 */
export function bulkRequestNodes(workflowId: string, path: string): WorkflowNode[] {
	return [
		{
			id: 'bulk-webhook',
			name: 'Bulk request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `${workflowId}-webhook`,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			id: 'bulk-split',
			name: 'One item per message',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.messages', include: 'noOtherFields', options: {} },
		},
	];
}

export function bulkSendWorkflow({
	id = 'queueBulkSend',
	name = 'Queue: bulk send',
	path = 'queue-bulk-send',
	credential,
}: { id?: string; name?: string; path?: string; credential?: CredentialRef } = {}): Workflow {
	return workflow(id, name, [
		...bulkRequestNodes(id, path),
		heroSend('Send', [440, 0], { patient: '={{ $json.patient_id }}', text: '={{ $json.text }}', credential }),
	]);
}

export function bulkMessages(run: string, n: number): Array<{ patient_id: string; text: string }> {
	return Array.from({ length: n }, (_, i) => ({ patient_id: PATIENTS[i % PATIENTS.length], text: `${run} message ${i}` }));
}

export function triggerWorkflow({
	id = 'queueTrigger',
	name = 'Queue: Hero trigger',
	webhookId = 'a1b2c3d4-0000-4000-8000-00000000a001',
	events = ['appointment.confirmed'],
	credential,
}: { id?: string; name?: string; webhookId?: string; events?: string[]; credential?: CredentialRef } = {}): Workflow {
	return workflow(id, name, [
		{
			id: 'queue-trigger',
			name: 'Hero event',
			type: `${PACKAGE_NAME}.heroHealthTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters: { events, options: {} },
			credentials: credentialRef(credential),
		},
		heroSend('Send', [260, 0], { patient: '={{ $json.record.patient_id }}', text: '=event {{ $json.id }}', credential }),
	]);
}
