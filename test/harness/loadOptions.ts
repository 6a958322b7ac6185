/**
 * Calls a node's list-search method (a resource locator's "From List" mode) the way n8n's
 * editor does: a one-node workflow and n8n-core's real `LoadOptionsContext`, so the method's
 * `this.getCredentials` and `this.helpers.httpRequestWithAuthentication` send real HTTP with the
 * credential type's `authenticate` block applied.
 */
import './env';

import { randomUUID } from 'node:crypto';

import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessNodeTypes, buildAdditionalData, latestVersion, nodeCredentials, workflowBase } from './core';
import { HarnessCredentialsHelper } from './credentials-helper';

export interface ListSearchOptions {
	nodeType: INodeType;
	/** the name in `methods.listSearch`, e.g. 'searchPatients' */
	method: string;
	filter?: string;
	paginationToken?: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	/** the node's parameters as currently set in the editor */
	parameters?: INodeParameters;
}

export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const search = options.nodeType.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`The node has no list search "${options.method}"`);

	const nodeTypes = new HarnessNodeTypes();
	const type = nodeTypes.add(options.nodeType);
	const node: INode = {
		id: randomUUID(),
		name: 'Node Under Test',
		type,
		typeVersion: latestVersion(options.nodeType),
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: nodeCredentials(options.credentials),
	};
	const workflowData = workflowBase('harness-list-search', [node], {});
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const additionalData = buildAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(options.credentialTypes, options.credentials),
		mode: 'internal',
		workflowData,
	});
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await search.call(context, options.filter, options.paginationToken);
}
