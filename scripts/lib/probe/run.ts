// The probe of a Hero server (issue 20), for `npm run probe` (scripts/probe.ts) and test/probe.test.ts.
//
// The node itself makes every Hero call: each step runs one of its operations (or the trigger's activation) in
// process through n8n-core (test/harness), so the paths, methods, bodies and transport are the ones users run.
// Its credential points at a recording proxy on 127.0.0.1 that passes each request on to the server probed and
// keeps the answer. Each call is then matched to its operation in api/hero-health.openapi.yaml (standin/contract.ts)
// and its answer validated against the answers documented there: one line per Hero operation the node uses.
//
// Which calls are made: 'read' only the reads (GET); 'reservation' adds a reservation that is cancelled again
// (for staging); 'all' every call, writes included (for mocks, which keep nothing). IDs come from the server's
// own lists where it has them; a patient to read comes from `sample`, else '1'.

import type { IDataObject } from 'n8n-workflow';

import { HeroHealthApi } from '../../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../../nodes/HeroHealth/HeroHealthTrigger.node';
import { loadContract } from '../../../standin/contract';
import type { Operation } from '../../../standin/contract';
import { TriggerHarness, runNode } from '../../../test/harness';
import { documented, judge, shorten } from './judge';
import { startProxy } from './proxy';
import type { ProbeLine } from './report';
import type { Known, ProbeCalls, Step } from './step';
import { CALLS_OF, PROBED_OPERATIONS, STEPS } from './steps';

/** Records the server may not list: a test patient, and a duplicate of it to merge (for 'all'). */
export interface ProbeSample {
	patientId?: string;
	duplicatePatientId?: string;
	formResponseId?: string;
}

export interface ProbeOptions {
	/** the server probed, e.g. https://api.staging.htech.app */
	baseUrl: string;
	apiKey: string;
	practiceGroupId: string;
	calls: ProbeCalls;
	sample?: ProbeSample;
	/** the contract to check against; default api/hero-health.openapi.yaml */
	contractFile?: string;
}

async function runStep(step: Step, known: Known, credentials: IDataObject): Promise<string | undefined> {
	const heroHealthApi = credentials as Record<string, string>;
	if (step.operation === 'trigger') {
		const trigger = await TriggerHarness.start({
			nodeType: new HeroHealthTrigger(),
			parameters: { events: ['appointment.confirmed'] },
			credentials: { heroHealthApi },
			credentialTypes: [new HeroHealthApi()],
		});
		try {
			await trigger.activate(); // registers (POST)
			await trigger.checkExists(); // lists (GET), as n8n does on a later activation
			await trigger.deactivate(); // removes (DELETE)
			return undefined;
		} catch (error) {
			return (error as Error).message;
		} finally {
			await trigger.close();
		}
	}
	const [resource, operation] = step.operation.split('.');
	const result = await runNode({
		nodeType: new HeroHealth(),
		parameters: { resource, operation, ...step.parameters?.(known) },
		credentials: { heroHealthApi },
		credentialTypes: [new HeroHealthApi()],
	});
	if (result.error) return result.error.message;
	step.keep?.(
		result.items.map((item) => item.json),
		known,
	);
	return undefined;
}

/** Probes the server: runs the steps `calls` allows, and judges every Hero operation the node uses. */
export async function probe(options: ProbeOptions): Promise<ProbeLine[]> {
	const contract = loadContract(options.contractFile);
	const proxy = await startProxy(options.baseUrl.replace(/\/+$/, ''));
	const credentials = {
		apiKey: options.apiKey,
		practiceGroupId: options.practiceGroupId,
		environment: 'custom',
		baseUrl: proxy.url,
		rateLimitPerMinute: 300,
	};
	// guesses, for what the server lists none of (a mock answers any ID); `learned` names what the server gave
	const known: Known = {
		...Object.fromEntries(
			['locationId', 'appointmentTypeId', 'practitionerId', 'slotA', 'batchId', 'linkId', 'messageId', 'appointmentId'].map(
				(name) => [name, '1'],
			),
		),
		patientId: '1',
		duplicatePatientId: '1',
		ehrFileId: 'hero-probe-file',
		ehrPartnerId: 'hero-probe-ehr',
		// Hero lists no form responses: only a patient's submission makes one (HERO_PROBE_FORM_RESPONSE_ID names one)
		formResponseId: '1',
	};
	const learned = new Set<string>();
	for (const [name, value] of Object.entries(options.sample ?? {}))
		if (value) {
			known[name] = value;
			learned.add(name);
		}
	/** why an operation was not called, by operationId */
	const skipped = new Map<string, string>();
	const lineOf = (op: Operation) => ({
		method: op.method,
		path: op.template,
		operationId: op.operationId,
		inferred: documented(contract, op).inferred,
	});
	const lines: ProbeLine[] = [];
	const judged = new Set<string>();
	try {
		for (const step of STEPS) {
			if (!CALLS_OF[options.calls].includes(step.calls)) {
				const flag = step.calls === 'reservation' ? '--write' : 'a mock (--environment mock, or --all)';
				for (const id of step.operationIds)
					if (!skipped.has(id)) skipped.set(id, `${step.operation} changes data: only with ${flag}`);
				continue;
			}
			const before = proxy.exchanges.length;
			const knownBefore = { ...known };
			const stopped = await runStep(step, known, credentials);
			for (const name of Object.keys(known)) if (known[name] !== knownBefore[name]) learned.add(name);
			const guessed = (step.needs ?? []).filter((name) => !learned.has(name));
			const exchanges = proxy.exchanges.slice(before);
			for (const exchange of exchanges) {
				const route = contract.match(exchange.method, exchange.path);
				if (!route.op) {
					const key = `${exchange.method} ${exchange.path}`;
					if (judged.has(key)) continue;
					judged.add(key);
					lines.push({
						method: exchange.method,
						path: exchange.path,
						operationId: '-',
						inferred: false,
						verdict: 'differs',
						detail: `${step.operation} sent a call the contract does not have (${exchange.status ?? 'no answer'})`,
					});
					continue;
				}
				const { op } = route;
				const verdict = judge(contract, exchange, op);
				if (exchange.status === 404 && guessed.length)
					verdict.detail += ` (guessed ${guessed.map((name) => `${name} ${known[name]}`).join(', ')}: a missing record answers 404 too)`;
				const earlier = lines.find((line) => line.operationId === op.operationId);
				// one line per operation: its first answer, unless a later one shows a problem the first did not
				if (earlier && (earlier.verdict !== 'as documented' || verdict.verdict === 'as documented')) continue;
				if (earlier) lines.splice(lines.indexOf(earlier), 1);
				lines.push({ ...lineOf(op), ...verdict });
			}
			for (const id of step.operationIds)
				if (!lines.some((line) => line.operationId === id) && !skipped.has(id))
					skipped.set(id, `${step.operation} stopped before it: ${shorten(stopped ?? 'it made no such call')}`);
		}
	} finally {
		await proxy.close();
	}
	for (const operationId of PROBED_OPERATIONS) {
		if (lines.some((line) => line.operationId === operationId)) continue;
		const op = contract.operations.find((o) => o.operationId === operationId)!;
		lines.push({
			...lineOf(op),
			verdict: 'not called',
			detail: skipped.get(operationId) ?? 'no step calls it',
		});
	}
	const order = (line: ProbeLine) => contract.operations.findIndex((o) => o.operationId === line.operationId);
	return lines.sort((a, b) => order(a) - order(b));
}
