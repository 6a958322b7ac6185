/**
 * In-process n8n harness on n8n-core's real `WorkflowExecute`.
 *
 * `runNode` builds the two-node workflow `Input → <node under test>`, puts `items` on the input
 * node's execution stack and lets `WorkflowExecute.processRunExecutionData` run it, like
 * `n8n execute` does (minus the database). The node finds its credentials through
 * `this.getCredentials(type)`, and `this.helpers.httpRequestWithAuthentication` sends real HTTP
 * through n8n-core's request helper, which calls our `credentialsHelper.authenticate` to apply
 * the credential type's own `authenticate` block (see credentials-helper.ts).
 *
 * `testCredential` runs a credential type's own `test.request` the way n8n's CredentialsTester does:
 * a NoOp-shaped temporary node whose only property routes to the test request, executed through
 * n8n-core's `RoutingNode` (so `={{ }}` in baseURL/url resolve against `$credentials`, and the
 * `authenticate` block is applied), with the failure turned into n8n's message.
 *
 * Everything n8n logs while a run is in progress is returned in `logs` (see logging.ts), so the
 * secret scan reads what a real instance would write. Runs must not overlap (the log capture is
 * process-wide); jest runs a file's tests serially.
 *
 * Environment: importing this module sets N8N_USER_FOLDER to a temp folder (unless set) and
 * N8N_ENCRYPTION_KEY (see env.ts). Trigger nodes: see trigger.ts; list searches: loadOptions.ts.
 */
import './env';

import { randomUUID } from 'node:crypto';

import { ExecuteContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
} from 'n8n-workflow';
import { Workflow, createEmptyRunExecutionData, createRunExecutionData } from 'n8n-workflow';

import type { AnyNodeType } from './core';
import {
	HarnessInput,
	HarnessNodeTypes,
	buildAdditionalData,
	latestVersion,
	nodeCredentials,
	notUsed,
	workflowBase,
} from './core';
import { HarnessCredentialsHelper } from './credentials-helper';
import { openLogSink } from './logging';

export * from './trigger';

const INPUT_NODE_NAME = 'Input';

export type NodeError = Error & { description?: string | null; httpCode?: string | null; [key: string]: unknown };

export interface RunNodeOptions {
	/** An instance of the node type, e.g. `new HeroHealth()`. */
	nodeType: AnyNodeType;
	parameters: INodeParameters;
	/** Items the input node emits; default `[{ json: {} }]`. */
	items?: INodeExecutionData[];
	/** Plaintext credential data by credential type name, e.g. `{ heroHealthApi: { apiKey: '…' } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Every credential type the node may use. */
	credentialTypes: ICredentialType[];
	/** The node's "On Error" setting: Continue (true), or Continue (using error output). */
	continueOnFail?: boolean | 'errorOutput';
	/** Extra node settings (retryOnFail, maxTries, …). */
	node?: Partial<Omit<INode, 'parameters' | 'type' | 'typeVersion' | 'credentials'>>;
}

export interface RunNodeResult {
	/** The node's main output 0. */
	items: INodeExecutionData[];
	/** Its error output, under "Continue (using error output)". */
	errorItems: INodeExecutionData[];
	/** The node's execution error (the NodeApiError/NodeOperationError instance) when it failed. */
	error?: NodeError;
	/** Every line n8n logged during the run. */
	logs: string[];
	/** The complete run, as WorkflowExecute returned it. */
	run: IRun;
}

/** Runs the node in a manual (editor) execution after an input node that emits `items`. */
export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const sink = openLogSink();
	try {
		const nodeTypes = new HarnessNodeTypes();
		const inputNode: INode = {
			id: randomUUID(),
			name: INPUT_NODE_NAME,
			type: nodeTypes.add(new HarnessInput()),
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const node: INode = {
			id: randomUUID(),
			name: 'Node Under Test',
			position: [220, 0],
			...opts.node,
			type: nodeTypes.add(opts.nodeType),
			typeVersion: latestVersion(opts.nodeType),
			parameters: structuredClone(opts.parameters),
			credentials: nodeCredentials(opts.credentials),
		};
		if (opts.continueOnFail)
			node.onError = opts.continueOnFail === 'errorOutput' ? 'continueErrorOutput' : 'continueRegularOutput';
		const connections = { [INPUT_NODE_NAME]: { main: [[{ node: node.name, type: 'main' as const, index: 0 }]] } };
		const workflowData = workflowBase('harness-workflow', [inputNode, node], connections);
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections,
			nodeTypes,
			active: false,
			settings: workflowData.settings,
		});

		const credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
		const additionalData = buildAdditionalData({ credentialsHelper, mode: 'manual', workflowData });
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: workflow.getNode(INPUT_NODE_NAME)!,
						data: { main: [(opts.items ?? [{ json: {} }]).map((item) => structuredClone(item))] },
						source: null,
					},
				],
			},
		});
		const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);

		const taskData = run.data.resultData.runData[node.name]?.[0];
		const error = (taskData?.error ?? run.data.resultData.error) as NodeError | undefined;
		const main = taskData?.data?.main ?? [];
		return { items: main[0] ?? [], errorItems: main[1] ?? [], error, logs: sink.lines, run };
	} finally {
		sink.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Credential test

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** n8n's NoOp node, which the credentials tester uses when a credential type brings its own test. */
const testNodeType = (credentialType: ICredentialType): INodeType => ({
	description: {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: credentialType.name, required: true }],
		properties: [
			{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test!.request }, default: '' },
		],
	},
});

/**
 * Tests a credential like the editor's "Test" button (n8n's CredentialsTester.testCredentials).
 * Returns `{ status: 'OK', message: 'Connection successful!' }` or n8n's error message: the HTTP status
 * text ("Unauthorized") for a non-2xx answer, or the error code (ECONNREFUSED).
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	if (!credentialType.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	if (credentialType.test.rules?.length) notUsed('Rules on a credential test');

	const credentialsHelper = new HarnessCredentialsHelper([credentialType], { [credentialType.name]: data });
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: `${credentialType.displayName} (harness)`,
		type: credentialType.name,
		data: { ...data },
	};
	const nodeType = testNodeType(credentialType);
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflowData = workflowBase('harness-credential-test', [node], {});
	const additionalData = buildAdditionalData({ credentialsHelper, mode: 'internal', workflowData });

	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			data,
			credentialType.name,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(nodeType);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (caught) {
		const error = caught as Error & { cause?: { response?: { status: number; statusText?: string }; code?: string } };
		const response = error.cause?.response;
		if (response && (response.status < 199 || response.status > 299)) {
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
		return { status: 'Error', message: String((!response && error.cause?.code) || error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
