// A ready instance folder for npm run dev and the e2e suite: this package, the local credentials and the examples.

import * as fs from 'fs';

import { importCredentials, importWorkflows } from './cli';
import {
	DEMO_CALLER_CREDENTIAL,
	DEMO_FORM_CREDENTIAL,
	mailboxCredential,
	scriptedModelCredential,
	standinCredential,
} from './credentials';
import { exampleFiles, readExample, withLocalCredentials } from './examples';
import type { N8nEnv } from './npm';
import { installPackage } from './package';
import type { InstallPaths } from './paths';
import { n8nEnv } from './process';

/**
 * A ready instance folder: this package unpacked into it, the local credentials and every example imported.
 * `fresh` wipes the folder first. Returns the env for `n8n start` and CLI commands.
 */
export async function prepareInstance(
	paths: InstallPaths,
	{
		userFolder,
		port,
		brokerPort,
		standinUrl,
		modelUrl,
		mailPort,
		fresh = false,
		examples = exampleFiles(),
	}: {
		userFolder: string;
		port: number;
		brokerPort: number;
		standinUrl: string;
		/** the scripted chat model's base URL, for example 13's OpenAI credential */
		modelUrl: string;
		/** the local mailbox's SMTP port (scripts/lib/mailbox.ts), for the Send Email nodes' credential */
		mailPort: number;
		fresh?: boolean;
		examples?: string[];
	},
): Promise<N8nEnv> {
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installPackage(userFolder);
	const env = n8nEnv(paths, { userFolder, port, brokerPort });
	await importCredentials(paths, env, [
		standinCredential(standinUrl),
		DEMO_CALLER_CREDENTIAL,
		DEMO_FORM_CREDENTIAL,
		mailboxCredential(mailPort),
		scriptedModelCredential(modelUrl),
	]);
	const workflows = examples.map((file) => withLocalCredentials(readExample(file)));
	if (workflows.length) await importWorkflows(paths, env, workflows);
	return env;
}
