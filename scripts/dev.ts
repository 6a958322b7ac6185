// npm run dev  (= npm run build && node -r ts-node/register/transpile-only scripts/dev.ts)
//
// The local Hero stand-in and a real n8n (installed into the cache on first use) with this package loaded as
// a community package, a ready "Hero Health (local stand-in)" credential (Environment: Custom → the stand-in),
// the demo Header Auth credential example 05's Webhook node asks callers for, a demo Basic Auth login for the staff
// forms, a local mailbox that catches (and prints here) the email the examples send staff, an OpenAI credential
// pointing at a scripted chat model on 127.0.0.1 for example 13's assistant (scripts/lib/scripted-model.ts; no
// real model or key), and every workflow from examples/ imported with those credentials. Prints the editor URL
// and login. Ctrl-C stops them all.
//
// Options: --fresh (wipe the dev instance first), --check (start, verify, stop: exit 0 when it all works).
// Env: HERO_STANDIN_PORT (default 4010), HERO_N8N_PORT (default 5678); a taken port is replaced by a free one.

import * as path from 'path';
import * as readline from 'readline';

import { startStandin } from '../standin';
import type { DeliveryLogEntry, Standin } from '../standin';
import { startMailbox } from './lib/mailbox';
import type { Mailbox } from './lib/mailbox';
import { runCliOk } from './lib/n8n/cli';
import {
	DEMO_CALLER_CREDENTIAL,
	DEMO_FORM_CREDENTIAL,
	SCRIPTED_MODEL_CREDENTIAL,
	STANDIN_CREDENTIAL_ID,
	STANDIN_CREDENTIAL_NAME,
	mailboxCredential,
} from './lib/n8n/credentials';
import { exampleFiles, readExample } from './lib/n8n/examples';
import { ensureN8n } from './lib/n8n/install';
import { prepareInstance } from './lib/n8n/instance';
import type { N8nEnv } from './lib/n8n/npm';
import type { InstallPaths } from './lib/n8n/paths';
import { freePort, portOr, startN8n } from './lib/n8n/process';
import type { RunningN8n } from './lib/n8n/process';
import { PACKAGE_NAME, PROJECT_ROOT } from './lib/n8n/project';
import { DEMO_OWNER, registeredTypes, restOk, setupOwner } from './lib/n8n/rest';
import { startScriptedModel } from './lib/scripted-model';
import type { ScriptedModel } from './lib/scripted-model';

export const DEV_DIR = path.join(PROJECT_ROOT, '.n8n-e2e', 'dev');

/** What a patient confirming in Hero looks like: reserve a free slot for patient 1001 and confirm it. */
export async function confirmAppointment(
	standin: Standin,
): Promise<{ appointment: { id: string; start_time: string }; deliveries: DeliveryLogEntry[] }> {
	const key = standin.keys.full;
	const headers = { 'x-api-key': key.apiKey, 'x-practice-group-id': key.practiceGroupId, 'content-type': 'application/json' };
	const now = Date.now();
	const slot = standin.state.slots.find((s) => s.appointment_id === null && Date.parse(s.start_time) > now + 86_400_000);
	if (!slot) throw new Error('no free slot left in the stand-in');
	const reserved = await fetch(`${standin.url}/v1/appointments`, {
		method: 'POST',
		headers,
		body: JSON.stringify({
			appointment_type_id: slot.appointment_type_id,
			location_id: slot.location_id,
			practitioner_id: slot.practitioner_id,
			duration: 15,
			start_time: slot.start_time,
			patient_id: '1001',
		}),
	});
	const appointment = (await reserved.json()) as { id: string; start_time: string };
	const booked = await fetch(`${standin.url}/v1/appointments/${appointment.id}/book`, { method: 'PATCH', headers, body: '{}' });
	if (!booked.ok) throw new Error(`book answered ${booked.status}`);
	await standin.waitForDeliveries();
	return { appointment, deliveries: standin.deliveries.filter((d) => d.event_type === 'appointment.confirmed').slice(-5) };
}

export interface DevOptions {
	userFolder?: string;
	fresh?: boolean;
	standinPort?: number;
	n8nPort?: number;
	logFile?: string;
}

export interface Dev {
	standin: Standin;
	model: ScriptedModel;
	server: RunningN8n;
	mailbox: Mailbox;
	/** the owner's auth cookie; '' when logging in failed */
	cookie: string;
	paths: InstallPaths;
	env: N8nEnv;
	stop(): Promise<void>;
}

/** Starts the stand-in, the scripted chat model and n8n. */
export async function startDev({
	userFolder = path.join(DEV_DIR, 'home'),
	fresh = false,
	standinPort = 4010,
	n8nPort = 5678,
	logFile,
}: DevOptions = {}): Promise<Dev> {
	const paths = ensureN8n();
	const standin = await startStandin({ port: await portOr(standinPort) });
	// a free port each time: the credential is imported afresh at every start
	const model = await startScriptedModel();
	let server: RunningN8n | undefined;
	let mailbox: Mailbox | undefined;
	try {
		mailbox = await startMailbox(path.join(path.dirname(userFolder), 'mail.jsonl'), (mail) =>
			console.log(`  [mail] ${mail.receivedAt} to ${mail.to.join(', ')}: ${mail.subject}`),
		);
		const port = await portOr(n8nPort);
		const brokerPort = await freePort();
		const env = await prepareInstance(paths, {
			userFolder,
			port,
			brokerPort,
			standinUrl: standin.url,
			modelUrl: model.url,
			mailPort: mailbox.port,
			fresh,
		});
		// The stand-in starts empty each time, so webhook registrations from a previous session are gone;
		// n8n would not register them again for workflows left active. Start with none active.
		await runCliOk(paths, env, ['unpublish:workflow', '--all']);
		server = await startN8n(paths, env, { logFile: logFile || path.join(path.dirname(userFolder), 'n8n.log') });
		const cookie = await setupOwner(server.url).catch((error) => {
			console.error(
				`[dev] could not log in as ${DEMO_OWNER.email} (${error.message}); log in with your own account, or run with --fresh`,
			);
			return '';
		});
		const [running, mail] = [server, mailbox];
		const stop = async () => {
			await running.stop();
			await mail.close();
			await model.close();
			await standin.close();
		};
		return { standin, model, server: running, mailbox: mail, cookie, paths, env, stop };
	} catch (error) {
		if (server) await server.stop();
		if (mailbox) await mailbox.close();
		await model.close();
		await standin.close();
		throw error;
	}
}

/** Checks what a user should see: the nodes in the node panel, the credential, the examples. Returns problems. */
export async function verify({ server, cookie }: Pick<Dev, 'server' | 'cookie'>): Promise<string[]> {
	const problems: string[] = [];
	if (!cookie) return ['not logged in'];
	const types = await registeredTypes(server.url, cookie);
	const names = types.nodes.map((type) => type.name);
	for (const name of ['heroHealth', 'heroHealthTrigger']) {
		if (!names.includes(`${PACKAGE_NAME}.${name}`)) problems.push(`node type ${PACKAGE_NAME}.${name} is not registered`);
	}
	if (!types.credentials.some((type) => type.name === 'heroHealthApi'))
		problems.push('credential type heroHealthApi is not registered');
	const workflows = (
		await restOk<{ data: Array<{ id: string }> }>(server.url, 'GET', '/rest/workflows', { cookie })
	).json.data.map((w) => w.id);
	for (const file of exampleFiles()) {
		const { id, name } = readExample(file);
		if (!workflows.includes(id)) problems.push(`example "${name}" is not imported`);
	}
	const credentials = (
		await restOk<{ data: Array<{ id: string }> }>(server.url, 'GET', '/rest/credentials', { cookie })
	).json.data.map((c) => c.id);
	if (!credentials.includes(STANDIN_CREDENTIAL_ID)) problems.push('the stand-in credential is not imported');
	if (!credentials.includes(DEMO_CALLER_CREDENTIAL.id)) problems.push('the demo Header Auth credential is not imported');
	if (!credentials.includes(SCRIPTED_MODEL_CREDENTIAL.id)) problems.push('the scripted model credential is not imported');
	if (!credentials.includes(DEMO_FORM_CREDENTIAL.id)) problems.push('the demo Basic Auth credential is not imported');
	if (!credentials.includes(mailboxCredential(0).id)) problems.push('the local mailbox SMTP credential is not imported');
	return problems;
}

function banner({ standin, model, server }: Pick<Dev, 'standin' | 'model' | 'server'>): void {
	const examples = exampleFiles().map(readExample);
	const elements = examples.flatMap((w) => w.nodes).find((node) => node.parameters.authentication === 'headerAuth');
	const caller = DEMO_CALLER_CREDENTIAL.data as { name: string; value: string };
	const formLogin = DEMO_FORM_CREDENTIAL.data;
	const lines = [
		'',
		'  Hero Health nodes are running in n8n',
		'',
		`  Editor      ${server.url}`,
		`  Log in      ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`,
		`  Credential  "${STANDIN_CREDENTIAL_NAME}": Environment Custom, Base URL ${standin.url}`,
		`  Stand-in    ${standin.url}  (API key ${standin.keys.full.apiKey}, practice group ${standin.keys.full.practiceGroupId};`,
		`              what it received: ${standin.url}/_standin/log)`,
		'  Examples    (Overview → Workflows; re-imported at every start: duplicate one to keep your changes)',
		...examples.map((w) => `              ${server.url}/workflow/${w.id}  ${w.name}`),
		'',
		'  Try the trigger: open the first example, press Publish (that activates it), then type  confirm  and Enter here:',
		'  Hero (the stand-in) confirms an appointment for patient 1001 and the workflow sends the pre-visit SMS.',
		'',
		"  Try the Elements token: publish example 05, then, as a web page's server would (demo header value, local only):",
		`    curl -H '${caller.name}: ${caller.value}' ${server.url}/webhook/${String(elements?.parameters.path)}`,
		'',
		'  Try the capacity assistant: open example 13 and press Open chat, e.g. "next free GP Appointment at Riverside Branch',
		`  Surgery?". The chat model is scripted (${model.url}; no real model): it looks things up and answers as a model would.`,
		'',
		'  Staff forms and email (examples 09 and 10 have forms, 09 to 12 email staff): publish the example, open its form',
		`    at ${server.url}/form/<path> and log in as ${String(formLogin.user)} / ${String(formLogin.password)} (demo, local only); each`,
		'    email is caught by a local mailbox and shown here as a [mail] line.',
		'',
		`  n8n's log: ${server.logFile}`,
		'  Ctrl-C stops n8n and the stand-in.',
		'',
	];
	console.log(lines.join('\n'));
}

async function main() {
	const args = process.argv.slice(2);
	const unknown = args.filter((a) => !['--fresh', '--check'].includes(a));
	if (unknown.length) {
		console.error(`Unknown option ${unknown.join(' ')}. Usage: npm run dev -- [--fresh] [--check]`);
		process.exit(2);
	}
	const started = Date.now();
	const dev = await startDev({
		fresh: args.includes('--fresh'),
		standinPort: Number(process.env.HERO_STANDIN_PORT || 4010),
		n8nPort: Number(process.env.HERO_N8N_PORT || 5678),
	});
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\n[dev] stopping n8n and the stand-in ...');
		await dev.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));
	dev.server.child.on('exit', (code, signal) => {
		if (stopping) return;
		console.error(
			`[dev] n8n stopped unexpectedly (${code ?? signal}). Last lines of ${dev.server.logFile}:\n${dev.server.logTail(30)}`,
		);
		stop(1);
	});

	const problems = await verify(dev);
	if (problems.length) console.error(`[dev] PROBLEM: ${problems.join('; ')}`);
	if (args.includes('--check')) {
		console.log(
			problems.length
				? `[dev] check failed after ${((Date.now() - started) / 1000).toFixed(1)} s`
				: `[dev] check passed: editor ${dev.server.url} up with the Hero Health nodes and ${exampleFiles().length} examples after ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		await stop(problems.length ? 1 : 0);
		return;
	}
	banner(dev);
	console.log(`  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);

	if (process.stdin.isTTY || process.env.HERO_DEV_STDIN) {
		const rl = readline.createInterface({ input: process.stdin });
		rl.on('line', async (line) => {
			if (line.trim() !== 'confirm') {
				if (line.trim()) console.log('  (type  confirm  to have Hero confirm an appointment; Ctrl-C to stop)');
				return;
			}
			try {
				const { appointment, deliveries } = await confirmAppointment(dev.standin);
				const last = deliveries.filter((d) => d.seq > 0).slice(-1)[0];
				console.log(
					`  Hero confirmed appointment ${appointment.id} (patient 1001, ${appointment.start_time}). ` +
						(last && Date.parse(last.time) > Date.now() - 10_000
							? `Webhook delivered to ${last.url}: HTTP ${last.status ?? last.error}.`
							: 'No webhook registered for appointment.confirmed: is the trigger example published (active)?'),
				);
			} catch (error) {
				console.error(`  confirm failed: ${error.message}`);
			}
		});
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`[dev] ${error.stack || error.message}`);
		process.exit(1);
	});
}
