// The project's examples (examples/), and the local credentials they get when the local instances import them.

import * as fs from 'fs';
import * as path from 'path';

import {
	DEMO_CALLER_CREDENTIAL,
	DEMO_FORM_CREDENTIAL,
	STANDIN_CREDENTIAL_ID,
	STANDIN_CREDENTIAL_NAME,
	mailboxCredential,
	scriptedModelCredential,
} from './credentials';
import type { CredentialDocument, WorkflowJson } from './json';
import { PACKAGE_NAME, PROJECT_ROOT } from './project';

export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');

/** An example as committed in examples/ (a file name there, or any path). */
export function readExample(file: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.resolve(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
}

/**
 * An example as the local instances import it. Examples ship naming no credential, so that users pick their
 * own; here each Hero node gets the stand-in credential, each Webhook node with Header Auth and each form with
 * Basic Auth the demo one, each Send Email node the local mailbox and each OpenAI chat model the scripted model's.
 */
export function withLocalCredentials(workflow: WorkflowJson): WorkflowJson {
	const ref = (credential: CredentialDocument) => ({ [credential.type]: { id: credential.id, name: credential.name } });
	const nodes = workflow.nodes.map((node) => {
		if (node.type.startsWith(`${PACKAGE_NAME}.`))
			return { ...node, credentials: { heroHealthApi: { id: STANDIN_CREDENTIAL_ID, name: STANDIN_CREDENTIAL_NAME } } };
		if (node.parameters.authentication === 'headerAuth') return { ...node, credentials: ref(DEMO_CALLER_CREDENTIAL) };
		if (node.parameters.authentication === 'basicAuth') return { ...node, credentials: ref(DEMO_FORM_CREDENTIAL) };
		if (node.type === 'n8n-nodes-base.emailSend') return { ...node, credentials: ref(mailboxCredential(0)) };
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') return { ...node, credentials: ref(scriptedModelCredential('')) };
		return node;
	});
	return { ...workflow, nodes };
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(EXAMPLES_DIR, f));
}
