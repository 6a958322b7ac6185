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
 * `testCredential` runs a credential type's `test.request` the way n8n's CredentialsTester does:
 * a NoOp-shaped temporary node whose only property routes to the test request, executed through
 * n8n-core's `RoutingNode` (so `={{ }}` in baseURL/url resolve against `$credentials`, and the
 * `authenticate` block is applied), with the failure turned into n8n's message.
 *
 * Everything n8n logs while a run is in progress is returned in `logs` (see logging.ts).
 * Runs must not overlap (the log capture is process-wide); jest runs a file's tests serially.
 *
 * Environment: importing this module sets N8N_USER_FOLDER to a temp folder (unless set) and
 * N8N_ENCRYPTION_KEY (see env.ts). Trigger nodes: see trigger.ts.
 */
import './env';

import { randomUUID } from 'node:crypto';

import { CredentialTestContext, ExecuteContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	IRun,
	IRunData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow, createEmptyRunExecutionData, createRunExecutionData } from 'n8n-workflow';

import type { AnyNodeType } from './core';
import { HarnessNodeTypes, buildAdditionalData, isVersioned, latestVersion, nodeCredentials, workflowBase } from './core';
import { HarnessCredentialsHelper } from './credentials-helper';
import { HarnessInput } from './fixtures/HarnessInput.node';
import { captureLogs, openLogSink } from './logging';

export { HarnessCredentialsHelper } from './credentials-helper';
export { captureLogs } from './logging';
export * from './trigger';

export const INPUT_NODE_NAME = 'Input';
export const DEFAULT_NODE_NAME = 'Node Under Test';

export type NodeError = Error & { description?: string | null; httpCode?: string | null; [key: string]: unknown };

export interface RunNodeOptions {
	/** An instance of the node type, e.g. `new HeroHealth()`. */
	nodeType: AnyNodeType;
	parameters: INodeParameters;
	/** Items the input node emits; default `[{ json: {} }]`. */
	items?: INodeExecutionData[];
	/** Plaintext credential data by credential type name, e.g. `{ heroHealthApi: { apiKey: '…' } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Every credential type the node (or its credentials' `extends`) may use. */
	credentialTypes: ICredentialType[];
	/**
	 * `true` or `'continueRegularOutput'`: the node's "On Error: Continue" setting;
	 * `'continueErrorOutput'`: "Continue (using error output)". Sets `node.onError`.
	 */
	continueOnFail?: boolean | 'continueRegularOutput' | 'continueErrorOutput';
	/** Default: the node type's default/highest version. */
	typeVersion?: number;
	/** Default 'manual' (a run from the editor); 'trigger'/'webhook' for production runs. */
	mode?: WorkflowExecuteMode;
	/** Extra node settings (alwaysOutputData, executeOnce, retryOnFail, name, …). */
	node?: Partial<Omit<INode, 'parameters' | 'type' | 'typeVersion' | 'credentials'>>;
	/** Workflow static data to start from (it is mutated and returned as `staticData`). */
	staticData?: IDataObject;
}

export interface RunNodeResult {
	/** The node's main output 0. */
	items: INodeExecutionData[];
	/** All main outputs of the node (output 1 is the error output with 'continueErrorOutput'). */
	outputs: INodeExecutionData[][];
	/** The node's execution error (the NodeApiError/NodeOperationError instance) when it failed. */
	error?: NodeError;
	runData: IRunData;
	/** Every line n8n logged during the run. */
	logs: string[];
	/** The complete run, as WorkflowExecute returned it. */
	run: IRun;
	staticData: IDataObject;
}

function cloneItems(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => structuredClone(item));
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const sink = openLogSink();
	try {
		const nodeTypes = new HarnessNodeTypes();
		const inputType = nodeTypes.add(new HarnessInput());
		const type = nodeTypes.add(opts.nodeType);
		const mode = opts.mode ?? 'manual';

		const inputNode: INode = {
			id: randomUUID(),
			name: INPUT_NODE_NAME,
			type: inputType,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const node: INode = {
			id: randomUUID(),
			name: DEFAULT_NODE_NAME,
			position: [220, 0],
			...opts.node,
			type,
			typeVersion: opts.typeVersion ?? latestVersion(opts.nodeType),
			parameters: structuredClone(opts.parameters),
			credentials: nodeCredentials(opts.credentials),
		};
		if (opts.continueOnFail) {
			node.onError = opts.continueOnFail === true ? 'continueRegularOutput' : opts.continueOnFail;
		}
		const connections = {
			[INPUT_NODE_NAME]: { main: [[{ node: node.name, type: 'main' as const, index: 0 }]] },
		};
		const workflowData = workflowBase('harness-workflow', [inputNode, node], connections);
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections,
			nodeTypes,
			active: false,
			settings: workflowData.settings,
			staticData: opts.staticData,
		});

		const credentialsHelper = new HarnessCredentialsHelper(opts.credentialTypes, opts.credentials);
		const additionalData = buildAdditionalData({ credentialsHelper, mode, workflowData });

		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: workflow.getNode(INPUT_NODE_NAME)!,
						data: { main: [cloneItems(opts.items ?? [{ json: {} }])] },
						source: null,
					},
				],
			},
		});

		const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
		const run = await workflowExecute.processRunExecutionData(workflow);

		const { runData } = run.data.resultData;
		const taskData = runData[node.name]?.[0];
		const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
		const error = (taskData?.error ?? run.data.resultData.error) as NodeError | undefined;
		return {
			items: outputs[0] ?? [],
			outputs,
			error,
			runData,
			logs: sink.lines,
			run,
			staticData: workflow.staticData,
		};
	} finally {
		sink.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Credential test

export interface TestCredentialOptions {
	/**
	 * Node types whose `credentials[].testedBy` may provide the test when the credential type has
	 * no `test` of its own (a function name in `methods.credentialTest`, or a request).
	 */
	nodeTypes?: AnyNodeType[];
	/** Other credential types (parents in `extends`). */
	credentialTypes?: ICredentialType[];
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
	/** Log lines n8n emitted during the test. */
	logs: string[];
}

/** n8n's NoOp node, which the credentials tester uses when a credential type brings its own test. */
const noOpDescription: INodeTypeDescription = {
	displayName: 'No Operation, do nothing',
	name: 'n8n-nodes-base.noOp',
	icon: 'fa:arrow-right',
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: ['main'],
	outputs: ['main'],
	properties: [],
};

type TestLookup =
	| { kind: 'function'; fn: ICredentialTestFunction }
	| { kind: 'request'; testRequest: ICredentialTestRequest; nodeType?: INodeType }
	| undefined;

function findCredentialTest(credentialType: ICredentialType, nodeTypes: AnyNodeType[]): TestLookup {
	if (credentialType.test) return { kind: 'request', testRequest: credentialType.test };
	for (const nodeType of nodeTypes) {
		const versions: INodeType[] = isVersioned(nodeType)
			? Object.keys(nodeType.nodeVersions)
					.map(Number)
					.sort((a, b) => b - a)
					.map((v) => nodeType.nodeVersions[v])
			: [nodeType];
		for (const version of versions) {
			for (const { name, testedBy } of version.description.credentials ?? []) {
				if (name !== credentialType.name || !testedBy) continue;
				if (typeof testedBy === 'string') {
					const fn = version.methods?.credentialTest?.[testedBy];
					if (fn) return { kind: 'function', fn };
					continue;
				}
				return { kind: 'request', testRequest: testedBy, nodeType: version };
			}
		}
	}
	return undefined;
}

/**
 * Test a credential like the editor's "Test" button (n8n's CredentialsTester.testCredentials).
 * Returns `{ status: 'OK', message: 'Connection successful!' }` or n8n's error message, e.g. the
 * HTTP status text ("Unauthorized") for a non-2xx answer, or the error code (ECONNREFUSED).
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	options: TestCredentialOptions = {},
): Promise<CredentialTestResult> {
	const { result, logs } = await captureLogs(async () =>
		testCredentialInner(credentialType, data, options),
	);
	return { ...result, logs };
}

async function testCredentialInner(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	options: TestCredentialOptions,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const test = findCredentialTest(credentialType, options.nodeTypes ?? []);
	if (test === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new HarnessCredentialsHelper(
		[credentialType, ...(options.credentialTypes ?? [])],
		{ [credentialType.name]: data },
	);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'harness-credential',
		name: `${credentialType.displayName} (harness)`,
		type: credentialType.name,
		data: { ...data },
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: (test.kind === 'request' && test.nodeType?.description.name) || noOpDescription.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [credentialType.name]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const baseDescription = test.kind === 'request' && test.nodeType ? test.nodeType.description : noOpDescription;
	node.typeVersion = Array.isArray(baseDescription.version)
		? baseDescription.version.slice(-1)[0]
		: baseDescription.version;

	const workflowData = workflowBase('harness-credential-test', [node], {});
	const additionalData = buildAdditionalData({ credentialsHelper, mode: 'internal', workflowData });

	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			credentialsDecrypted.data!,
			credentialType.name,
			'internal',
		);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (test.kind === 'function') {
		const context = new CredentialTestContext();
		return await test.fn.call(context, credentialsDecrypted);
	}

	const nodeTypeCopy: INodeType = {
		description: {
			...baseDescription,
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.testRequest.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes = new HarnessNodeTypes();
	nodeTypes.add(nodeTypeCopy);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
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
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			const statusMessage = error.cause.response.statusText;
			for (const rule of test.testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of test.testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json ?? {};
			const value = rule.properties.key.split('.').reduce<unknown>(
				(current, key) => (current as IDataObject | undefined)?.[key],
				body,
			);
			if (value === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
