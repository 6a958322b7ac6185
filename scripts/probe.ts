// npm run probe -- --environment mock|staging|custom [--base-url <url>] [--write] [--all]
//
// Calls every Hero operation the node uses, made by the node itself (scripts/lib/probe/), against Hero's
// hosted mock, staging or any base URL, and prints one line per operation: whether the path and method were
// found, whether the answer is the one api/hero-health.openapi.yaml documents (or which fields differ), and
// whether the contract marks the call inferred. Exits 1 when an operation is not found or differs.
//
// Reads only, unless: --write adds a reservation that is cancelled again (for staging); --all sends every call,
// writes included (the default for --environment mock; refused for staging, where it would message patients).
// Environment: HERO_API_KEY and HERO_PRACTICE_GROUP_ID (required); HERO_PROBE_PATIENT_ID, a test patient to
// read (and, with --all, to message and book for), HERO_PROBE_DUPLICATE_PATIENT_ID, a duplicate of it to merge, and
// HERO_PROBE_FORM_RESPONSE_ID, a form response to read (Hero lists none).
import { HERO_ENVIRONMENT_URLS } from '../nodes/HeroHealth/transport/request';
import { formatLine, summary } from './lib/probe/report';
import { probe } from './lib/probe/run';
import type { ProbeCalls } from './lib/probe/step';

const ENVIRONMENTS = ['mock', 'staging', 'custom'] as const;

function fail(message: string): never {
	console.error(`[probe] ${message}`);
	console.error('usage: npm run probe -- --environment mock|staging|custom [--base-url <url>] [--write] [--all]');
	process.exit(2);
}

const args = process.argv.slice(2);
const valueOf = (flag: string) => {
	const at = args.indexOf(flag);
	return at === -1 ? undefined : args[at + 1];
};
const environment = valueOf('--environment') as (typeof ENVIRONMENTS)[number] | undefined;
if (!environment || !ENVIRONMENTS.includes(environment)) fail('--environment must be mock, staging or custom');
const baseUrl = environment === 'custom' ? valueOf('--base-url') : HERO_ENVIRONMENT_URLS[environment];
if (!baseUrl) fail('--environment custom needs --base-url');
if (environment !== 'custom' && args.includes('--base-url')) fail(`--base-url goes with --environment custom only`);
if (environment === 'staging' && args.includes('--all'))
	fail('--all would message and register patients on staging; use --write');
const calls: ProbeCalls =
	environment === 'mock' || args.includes('--all') ? 'all' : args.includes('--write') ? 'reservation' : 'read';

const apiKey = process.env.HERO_API_KEY ?? '';
const practiceGroupId = process.env.HERO_PRACTICE_GROUP_ID ?? '';
if (!apiKey || !practiceGroupId) fail('set HERO_API_KEY and HERO_PRACTICE_GROUP_ID');

async function main() {
	console.log(
		`[probe] ${baseUrl} (${environment}), ${calls === 'read' ? 'reads only' : calls === 'reservation' ? 'reads and a reservation, cancelled again' : 'every call, writes included'}`,
	);
	const lines = await probe({
		baseUrl: baseUrl!,
		apiKey,
		practiceGroupId,
		calls,
		sample: {
			patientId: process.env.HERO_PROBE_PATIENT_ID || undefined,
			duplicatePatientId: process.env.HERO_PROBE_DUPLICATE_PATIENT_ID || undefined,
			formResponseId: process.env.HERO_PROBE_FORM_RESPONSE_ID || undefined,
		},
	});
	for (const line of lines) console.log(formatLine(line));
	console.log(`[probe] ${summary(lines)}`);
	process.exit(lines.some((line) => line.verdict === 'differs' || line.verdict === 'not found') ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(2);
});
