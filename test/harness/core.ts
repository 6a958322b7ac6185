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
	INode,
	INodeCredentials,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';
import { installCapturingLogger } from './logging';

/** Node type names get this package prefix, as n8n does for a community package. */
export const PACKAGE_NAME = 'n8n-nodes-hero-health';

/** The base URL n8n would run at; only used to build URLs nodes may ask for. */
export const DEFAULT_INSTANCE_BASE_URL = 'http://127.0.0.1:5678/';

export type AnyNodeType = INodeType | IVersionedNodeType;

export function isVersioned(nodeType: AnyNodeType): nodeType is IVersionedNodeType {
	return 'nodeVersions' in nodeType;
}

export function nodeTypeName(nodeType: AnyNodeType): string {
	const { name } = nodeType.description;
	return name.includes('.') ? name : `${PACKAGE_NAME}.${name}`;
}

/** The version n8n gives a new node: the default version, or the highest listed one. */
export function latestVersion(nodeType: AnyNodeType): number {
	if (isVersioned(nodeType)) return nodeType.currentVersion;
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

function unsupported(what: string): never {
	throw new UnexpectedError(`${what} is not supported by the test harness`);
}

export interface AdditionalDataOptions {
	credentialsHelper: HarnessCredentialsHelper;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	executionId?: string;
	/** Base of production webhook URLs, without trailing slash (n8n: `${WEBHOOK_URL}webhook`). */
	webhookBaseUrl?: string;
	instanceBaseUrl?: string;
}

/**
 * The `IWorkflowExecuteAdditionalData` n8n's CLI builds in `WorkflowExecuteAdditionalData.getBase`,
 * with the parts a node can reach implemented and the rest throwing a clear error.
 */
export function buildAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	installCapturingLogger();
	const instanceBaseUrl = options.instanceBaseUrl ?? DEFAULT_INSTANCE_BASE_URL;
	const executionId = options.executionId ?? randomUUID();
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, options.workflowData);
	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: options.credentialsHelper,
		executeWorkflow: async () => unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${instanceBaseUrl}rest`,
		instanceBaseUrl,
		formBaseUrl: `${instanceBaseUrl}form`,
		formWaitingBaseUrl: `${instanceBaseUrl}form-waiting`,
		formTestBaseUrl: `${instanceBaseUrl}form-test`,
		webhookBaseUrl: options.webhookBaseUrl ?? `${instanceBaseUrl}webhook`,
		webhookWaitingBaseUrl: `${instanceBaseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${instanceBaseUrl}webhook-test`,
		mcpBaseUrl: `${instanceBaseUrl}mcp`,
		mcpTestBaseUrl: `${instanceBaseUrl}mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => unsupported('Running a task runner (Code node)'),
		hooks,
		externalSecretsProxy: new ExternalSecretsProxy(),
		userId: 'harness-user',
		workflowId: options.workflowData.id,
		workflowSettings: options.workflowData.settings,
	};
	return additionalData;
}

export type { Workflow };
