// Before the e2e files: real n8n (installed once into the cache), a fresh private instance with this
// package's `npm pack` in its community-nodes folder, the stand-in credential and every example imported,
// the local Hero stand-in, the scripted chat model example 13's OpenAI credential points at, a local mailbox for
// the email examples send staff, `n8n start`, an owner account and a public-API key.
// Everything the tests need goes to process.env.HERO_E2E (the tests run in this process: maxWorkers 1).
import * as fs from 'fs';
import * as path from 'path';

import { startMailbox } from '../../scripts/lib/mailbox';
import type { Mailbox } from '../../scripts/lib/mailbox';
import { ensureN8n } from '../../scripts/lib/n8n/install';
import { prepareInstance } from '../../scripts/lib/n8n/instance';
import type { InstallPaths } from '../../scripts/lib/n8n/paths';
import { freePort, startN8n } from '../../scripts/lib/n8n/process';
import type { RunningN8n } from '../../scripts/lib/n8n/process';
import { PROJECT_ROOT } from '../../scripts/lib/n8n/project';
import { createApiKey, setupOwner } from '../../scripts/lib/n8n/rest';
import { startScriptedModel } from '../../scripts/lib/scripted-model';
import type { ScriptedModel } from '../../scripts/lib/scripted-model';
import { startStandin } from '../../standin';
import type { Standin } from '../../standin';
import type { E2EConfig } from './helpers';

/** What globalTeardown stops; jest runs both hooks in its own process, so a global carries them over. */
export interface E2EHandles {
	standin: Standin;
	model?: ScriptedModel;
	server?: RunningN8n;
	mailbox?: Mailbox;
}

declare global {
	var __HERO_E2E__: E2EHandles | undefined;
}

interface Timings {
	installMs?: number;
	prepareMs?: number;
	startMs?: number;
}

async function startAll(
	paths: InstallPaths,
	standin: Standin,
	model: ScriptedModel,
	timings: Timings,
): Promise<E2EConfig & { timings: Timings }> {
	const runDir = path.join(PROJECT_ROOT, '.n8n-e2e', 'e2e');
	fs.rmSync(runDir, { recursive: true, force: true });
	fs.mkdirSync(runDir, { recursive: true });
	const userFolder = path.join(runDir, 'home');
	const mailbox = await startMailbox(path.join(runDir, 'mail.jsonl'));
	globalThis.__HERO_E2E__ = { standin, model, mailbox };
	const [port, serverBrokerPort, cliBrokerPort] = [await freePort(), await freePort(), await freePort()];

	let t = Date.now();
	const serverEnv = await prepareInstance(paths, {
		userFolder,
		port,
		brokerPort: serverBrokerPort,
		standinUrl: standin.url,
		modelUrl: model.url,
		mailPort: mailbox.port,
		fresh: true,
	});
	timings.prepareMs = Date.now() - t;

	t = Date.now();
	const server = await startN8n(paths, serverEnv, { logFile: path.join(runDir, 'n8n.log') });
	timings.startMs = Date.now() - t;
	globalThis.__HERO_E2E__ = { standin, model, server, mailbox };

	const cookie = await setupOwner(server.url);
	const apiKey = await createApiKey(server.url, cookie, 'e2e');
	// CLI commands (n8n execute) run next to the server: same database, their own task-runner broker port.
	const cliEnv = { ...serverEnv, N8N_RUNNERS_BROKER_PORT: String(cliBrokerPort) };
	return {
		paths,
		n8nUrl: server.url,
		standinUrl: standin.url,
		modelUrl: model.url,
		cookie,
		apiKey,
		cliEnv,
		runDir,
		userFolder,
		logFile: server.logFile,
		mailFile: mailbox.file,
		timings,
	};
}

export default async function globalSetup(): Promise<void> {
	const timings: Timings = {};
	const t = Date.now();
	const paths = ensureN8n();
	timings.installMs = Date.now() - t;

	// The stand-in enforces Hero's 300 requests per minute per key, like the real API.
	const standin = await startStandin({ port: 0 });
	const model = await startScriptedModel();
	globalThis.__HERO_E2E__ = { standin, model };
	let config;
	try {
		config = await startAll(paths, standin, model, timings);
	} catch (error) {
		const { server, mailbox } = globalThis.__HERO_E2E__;
		if (server) await server.stop();
		await model.close();
		if (mailbox) await mailbox.close();
		await standin.close();
		globalThis.__HERO_E2E__ = undefined;
		throw error;
	}
	process.env.HERO_E2E = JSON.stringify(config);
	console.log(
		`\n[e2e] n8n ${paths.n8nVersion} on Node ${paths.nodeVersion} at ${config.n8nUrl} (install check ${timings.installMs} ms, ` +
			`prepare ${timings.prepareMs} ms, start ${timings.startMs} ms); stand-in ${standin.url}; logs in ${config.runDir}`,
	);
}
