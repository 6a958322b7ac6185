// The probe of Hero (scripts/lib/probe/, `npm run probe`) as CI runs it: against the stand-in every operation the
// node uses is found and answered as documented; against Prism (from the npm registry) mocking the contract with the
// book call's path removed, exactly the calls on that path show as not found. Reads only by default, a reservation
// cancelled again with --write.
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';

import { contractPath, contractViolations, loadContract } from '../standin/contract';
import { freePort } from '../scripts/lib/n8n/process';
import { formatLine } from '../scripts/lib/probe/report';
import type { ProbeLine } from '../scripts/lib/probe/report';
import { probe } from '../scripts/lib/probe/run';
import { PROBED_OPERATIONS } from '../scripts/lib/probe/steps';
import type { Standin } from './helpers';
import { setUpTestStandin } from './helpers';
import { client, request } from './standin/helpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

// What the contract has that the node does not call (the HTTP Request node with the credential reaches them).
const NOT_USED = ['updatePracticeGroup', 'listAdmins', 'listAutomatedMessages', 'listPatientsV2'];

const key = () => ({ apiKey: standin.keys.full.apiKey, practiceGroupId: standin.keys.full.practiceGroupId });
/** A form response at the stand-in: a patient's submission through a form link (its control route), as only Hero's patients make them. */
async function submittedFormResponse(): Promise<string> {
	const link = await client(standin)<{ id: string }>('POST', '/v1/form_links', { form_id: '12', patient_id: '1002' });
	expect(link.status).toBe(200);
	const submitted = await request(`${standin.url}/_standin/form-links/${link.body.id}/submit`, { method: 'POST' });
	expect(submitted.status).toBe(200);
	return String((JSON.parse(submitted.text) as { id: number }).id);
}

const notAsDocumented = (lines: ProbeLine[]) => lines.filter((line) => line.verdict !== 'as documented').map(formatLine);

it('probes every operation of the contract the node uses', () => {
	const contract = loadContract().operations.map((op) => op.operationId);
	expect([...PROBED_OPERATIONS, ...NOT_USED].sort()).toEqual([...contract].sort());
});

describe('against the stand-in', () => {
	it('finds every operation the node uses, each answered as documented (every call, writes included)', async () => {
		const formResponseId = await submittedFormResponse();
		const lines = await probe({
			baseUrl: standin.url,
			...key(),
			calls: 'all',
			sample: { patientId: '1002', duplicatePatientId: '1030', formResponseId },
		});
		expect(lines.map((line) => line.operationId).sort()).toEqual([...PROBED_OPERATIONS].sort());
		expect(notAsDocumented(lines)).toEqual([]);
		expect(contractViolations(standin.log)).toEqual([]);
	});

	it('reads only by default: the writes show as not called, and none reached Hero', async () => {
		const lines = await probe({ baseUrl: standin.url, ...key(), calls: 'read', sample: { patientId: '1002' } });
		expect(standin.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
		const writes = lines.filter((line) => line.method !== 'GET').map((line) => [line.operationId, line.verdict]);
		expect(writes.length).toBeGreaterThan(15);
		expect(writes).toEqual(writes.map(([operationId]) => [operationId, 'not called']));
		// the reads the node makes on records that only writes make are the rest; the appointment is one
		expect(lines.find((line) => line.operationId === 'getAppointment')).toMatchObject({
			verdict: 'not found',
			detail: expect.stringContaining('guessed appointmentId 1: a missing record answers 404 too'),
		});
	});

	it('with --write, makes one reservation, reads it back and cancels it', async () => {
		const lines = await probe({ baseUrl: standin.url, ...key(), calls: 'reservation', sample: { patientId: '1002' } });
		expect(standin.log.filter((entry) => entry.method !== 'GET').map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'POST /v1/appointments',
			`PATCH /v1/appointments/${standin.state.appointments.at(-1)!.id}/cancel`,
		]);
		expect(standin.state.appointments.at(-1)).toMatchObject({ patient_id: '1002', status: 'cancelled' });
		const appointmentCalls = ['createAppointment', 'getAppointment', 'getAppointmentStatus', 'cancelAppointment'];
		expect(lines.filter((line) => appointmentCalls.includes(line.operationId)).map((line) => line.verdict)).toEqual(
			appointmentCalls.map(() => 'as documented'),
		);
	});
});

describe('against Prism mocking the contract without the book call', () => {
	const REMOVED = '/v1/appointments/{id}/book';
	let prism: ChildProcess;
	let url = '';
	let folder = '';

	beforeAll(async () => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-probe-'));
		const contract = parse(fs.readFileSync(contractPath(), 'utf8')) as { paths: Record<string, unknown> };
		expect(contract.paths[REMOVED]).toBeDefined();
		delete contract.paths[REMOVED];
		const file = path.join(folder, 'hero-health.openapi.json');
		fs.writeFileSync(file, JSON.stringify(contract));

		const port = await freePort();
		const cli = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
		// dynamic answers (generated from the schemas, a fixed seed); --errors: a request that breaks the contract gets 422
		prism = spawn(process.execPath, [cli, 'mock', '-d', '--seed', '1', '--errors', '-h', '127.0.0.1', '-p', String(port), file], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		prism.stdout!.on('data', (chunk) => (output += chunk));
		prism.stderr!.on('data', (chunk) => (output += chunk));
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`Prism did not start in 60 s:\n${output}`)), 60_000);
			const check = setInterval(() => {
				if (!output.includes('Prism is listening')) return;
				clearInterval(check);
				clearTimeout(timer);
				resolve();
			}, 100);
			prism.on('exit', (code) => {
				clearInterval(check);
				clearTimeout(timer);
				reject(new Error(`Prism exited (${code}):\n${output}`));
			});
		});
		url = `http://127.0.0.1:${port}`;
	}, 90_000);

	afterAll(() => {
		prism?.removeAllListeners('exit');
		prism?.kill();
		fs.rmSync(folder, { recursive: true, force: true });
	});

	it('shows the calls on the removed path as not found, and every other call found and as documented', async () => {
		const lines = await probe({ baseUrl: url, apiKey: 'hero-mock-key', practiceGroupId: 'pg_mock', calls: 'all' });
		expect(lines.map((line) => line.operationId).sort()).toEqual([...PROBED_OPERATIONS].sort());
		expect(notAsDocumented(lines)).toEqual([
			expect.stringMatching(
				/^PATCH +\/v1\/appointments\/\{id\}\/book +bookAppointment +inferred +NOT FOUND +404 .*NO_PATH_MATCHED/,
			),
		]);
	});
});
