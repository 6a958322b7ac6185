/**
 * Shared plumbing for the harness: node-type registry, workflow nodes, additionalData.
 * See index.ts for the public API.
 */
import './env';

import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	ICredentialsHelper,
	IExecuteFunctions,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import { installCapturingLogger } from './logging';

/** Node type names get this package prefix, as n8n does for a community package. */
const PACKAGE_NAME = 'n8n-nodes-hero-health';

/** The base URL n8n would run at; only used to build URLs nodes may ask for. */
const DEFAULT_INSTANCE_BASE_URL = 'http://127.0.0.1:5678/';

/** The package's nodes, and n8n's versioned HTTP Request node that the throughput bench compares them with. */
export type AnyNodeType = INodeType | IVersionedNodeType;

/** What n8n-core does when a node reaches for something these tests never give it. */
export function notUsed(what: string): never {
	throw new UnexpectedError(`${what} is not used by this package's tests`);
}

function nodeTypeName(nodeType: AnyNodeType): string {
	const { name } = nodeType.description;
	return name.includes('.') ? name : `${PACKAGE_NAME}.${name}`;
}

/** The version n8n gives a new node: the default version, or the highest listed one. */
export function latestVersion(nodeType: AnyNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** Minimal `INodeTypes` like n8n's NodeTypes service. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	add(nodeType: AnyNodeType): string {
		const name = nodeTypeName(nodeType);
		this.types.set(name, nodeType);
		return name;
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new UnexpectedError(`Unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * The node runNode puts before the node under test: it stands in for the trigger/previous node of a
 * workflow and passes on the items the harness puts on its input, unchanged.
 */
export class HarnessInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Input',
		name: 'n8n-nodes-hero-health-harness.input',
		group: ['input'],
		version: 1,
		description: 'Emits the items given to the test harness',
		defaults: { name: 'Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** `node.credentials` referencing every credential type the caller supplied data for. */
export function nodeCredentials(
	credentials: Record<string, ICredentialDataDecryptedObject> | undefined,
): INodeCredentials | undefined {
	if (!credentials || Object.keys(credentials).length === 0) return undefined;
	const result: INodeCredentials = {};
	for (const type of Object.keys(credentials)) {
		result[type] = { id: `harness-${type}`, name: `${type} (harness)` };
	}
	return result;
}

export function workflowBase(id: string, nodes: INode[], connections: IWorkflowBase['connections']): IWorkflowBase {
	const now = new Date();
	return {
		id,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	/** n8n's WEBHOOK_URL, with trailing slash: production webhook URLs start with it. */
	instanceBaseUrl?: string;
}

/**
 * The `IWorkflowExecuteAdditionalData` n8n's CLI builds for a run, with what the package's nodes reach
 * (credentials, webhook URLs, logging hooks) and the rest throwing a clear error.
 */
export function buildAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	installCapturingLogger();
	const instanceBaseUrl = options.instanceBaseUrl ?? DEFAULT_INSTANCE_BASE_URL;
	const executionId = randomUUID();
	return {
		credentialsHelper: options.credentialsHelper,
		executeWorkflow: async () => notUsed('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${instanceBaseUrl}rest`,
		instanceBaseUrl,
		formBaseUrl: `${instanceBaseUrl}form`,
		formWaitingBaseUrl: `${instanceBaseUrl}form-waiting`,
		formTestBaseUrl: `${instanceBaseUrl}form-test`,
		webhookBaseUrl: `${instanceBaseUrl}webhook`,
		webhookWaitingBaseUrl: `${instanceBaseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${instanceBaseUrl}webhook-test`,
		mcpBaseUrl: `${instanceBaseUrl}mcp`,
		mcpTestBaseUrl: `${instanceBaseUrl}mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => notUsed('Running a task runner (Code node)'),
		hooks: new ExecutionLifecycleHooks(options.mode, executionId, options.workflowData),
		externalSecretsProxy: new ExternalSecretsProxy(),
		userId: 'harness-user',
		workflowId: options.workflowData.id,
		workflowSettings: options.workflowData.settings,
	};
}
