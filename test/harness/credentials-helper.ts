/**
 * An in-memory `ICredentialsHelper` that behaves like n8n's CLI `CredentialsHelper` for the credential types
 * these tests use (Hero Health's, and n8n's Header Auth in the throughput bench), minus the database:
 *
 *  - `getDecrypted` returns the plaintext data with the credential type's defaults applied
 *    (NodeHelpers.getNodeParameters) and `={{ }}` expressions in the data resolved;
 *  - `authenticate` resolves a *generic* block (`headers`, `qs`, `body`, `auth`) key by key and value by
 *    value with `workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials })`.
 *
 * Neither credential type extends another, restricts the nodes it serves, or has a token to refresh, so
 * what n8n does for those (parent types, OAuth, preAuthentication) is left out.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UnexpectedError, Workflow, isExpression } from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

import { notUsed } from './core';

const mockNode: INode = {
	id: 'harness-credential-mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	/** Plaintext credential data by credential type name. */
	private readonly store = new Map<string, ICredentialDataDecryptedObject>();

	constructor(credentialTypes: ICredentialType[], data: Record<string, ICredentialDataDecryptedObject> = {}) {
		super();
		for (const type of credentialTypes) {
			if (type.extends?.length) notUsed(`A credential type that extends another (${type.name})`);
			this.types.set(type.name, type);
		}
		for (const [name, value] of Object.entries(data)) this.store.set(name, { ...value });
	}

	getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) throw new UnexpectedError(`Unknown credential type "${typeName}" (pass it in credentialTypes)`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.getType(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function' || authenticate.type !== 'generic')
			notUsed('Authentication other than a generic block');
		if (!workflow || !node) throw new UnexpectedError('Workflow and node are required for declarative credential authentication');

		requestOptions.headers ??= {};
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		const resolve = (value: string) => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? resolved.toString() : '';
		};
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
				target[outerKey] ??= {};
				target[outerKey][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	/** n8n-core asks before every authenticated request; neither credential type has a token to fetch first. */
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<never> {
		notUsed('OAuth pre-authentication');
	}

	async getCredentials(): Promise<never> {
		notUsed('Reading a stored credential entity');
	}

	async updateCredentials(): Promise<never> {
		notUsed('Saving credentials');
	}

	async updateCredentialsOauthTokenData(): Promise<never> {
		notUsed('OAuth token updates');
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		_raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(type);
		// Same wording as n8n's CredentialNotFoundError.
		if (!data) throw new UnexpectedError(`Credential with ID "${nodeCredentials.id ?? ''}" does not exist for type "${type}".`);
		return await this.applyDefaultsAndOverwrites(additionalData, { ...data }, type, mode, executeData, expressionResolveValues);
	}

	/** Defaults + expression resolution, as the CLI's method of the same name (without overwrites). */
	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const properties = this.getCredentialsProperties(type);
		const decryptedData = NodeHelpers.getNodeParameters(
			properties,
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as INodeParameters;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		// While a node runs, expressions see its items; elsewhere (activation, list searches, the credential test) a mock node.
		if (expressionResolveValues) {
			try {
				return expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		}
		const workflow = new Workflow({ nodes: [{ ...mockNode }], connections: {}, active: false, nodeTypes: mockNodeTypes });
		return workflow.expression.getComplexParameterValue(
			mockNode,
			decryptedData,
			mode,
			additionalKeys,
			undefined,
			undefined,
			decryptedData,
		) as ICredentialDataDecryptedObject;
	}
}
