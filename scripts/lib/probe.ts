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

import * as http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import { dateOfBirthProblem, nhsNumberProblem } from '../../nodes/HeroHealth/validation';
import { loadContract } from '../../standin/contract';
import type { Contract, Operation } from '../../standin/contract';
import { TriggerHarness, runNode } from '../../test/harness';

export type ProbeCalls = 'read' | 'reservation' | 'all';

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

/** One Hero call as it went through the proxy. */
interface Exchange {
	method: string;
	path: string;
	/** null when no answer came (the reason in `failure`) */
	status: number | null;
	body: unknown;
	text: string;
	failure?: string;
}

export interface ProbeLine {
	method: string;
	/** the contract's path template, or the path sent when the contract has none */
	path: string;
	operationId: string;
	inferred: boolean;
	verdict: 'as documented' | 'differs' | 'not found' | 'not called';
	/** the details after the verdict, in words */
	detail: string;
}

type Known = Record<string, string>;

interface Step {
	/** the node's operation (resource.operation), or 'trigger' for the trigger's activation and deactivation */
	operation: string;
	calls: ProbeCalls;
	/** the Hero operations it calls */
	operationIds: string[];
	/** the records it reads or changes, by their names in Known: a 404 for a guessed one may mean the record, not the path */
	needs?: string[];
	parameters?: (known: Known) => INodeParameters;
	/** values for later steps, from the node's output */
	keep?: (output: IDataObject[], known: Known) => void;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const numeric = (value: unknown) => (/^\d+$/.test(String(value ?? '')) ? String(value) : undefined);
/** Keeps `name` from the first output item's `field`, when it is a numeric ID. */
const keepId =
	(name: string, field = 'id') =>
	(output: IDataObject[], known: Known) => {
		const value = numeric(output[0]?.[field]);
		if (value) known[name] = value;
	};
/** Keeps `name` from the first output item's `field`, when it is non-empty text. */
const keepText = (name: string, field: string) => (output: IDataObject[], known: Known) => {
	const value = output[0]?.[field];
	if (typeof value === 'string' && value) known[name] = value;
};
const limited = { returnAll: false, limit: 1 };

/**
 * Where and when a new or moved appointment goes: a listed slot's details when it lies ahead, otherwise tomorrow
 * at 10:00 UTC (a mock's made-up slot lies in the past), for 15 minutes. Hero emails the patient about none of them.
 */
function appointmentDetails(known: Known, slot: string): INodeParameters {
	const start = known[`${slot}Start`];
	const ahead = start !== undefined && Date.parse(start) > Date.now();
	const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
	return {
		slotSelection: 'details',
		appointmentTypeId: byId(known.appointmentTypeId),
		locationId: byId(known.locationId),
		practitionerId: byId(ahead ? known[`${slot}Practitioner`] : known.practitionerId),
		startTime: ahead ? start : `${tomorrow}T10:00:00Z`,
		duration: ahead ? Number(known[`${slot}Minutes`]) : 15,
		options: { suppressMail: true },
	};
}

/** A list, read for its first record's ID, kept as `name`. */
const firstOf = (operation: string, operationId: string, name: string): Step => ({
	operation,
	calls: 'read',
	operationIds: [operationId],
	parameters: () => limited,
	keep: keepId(name),
});

/** A step on one record: the value named `name` in Known goes to the node's `parameter`, besides any `more`. */
const onRecord = (
	operation: string,
	calls: Step['calls'],
	operationId: string,
	[name, parameter]: [string, string],
	more: (known: Known) => INodeParameters = () => ({}),
): Step => ({
	operation,
	calls,
	operationIds: [operationId],
	needs: [name],
	parameters: (known) => ({ ...more(known), [parameter]: known[name] }),
});

const SLOTS = ['slotA', 'slotB', 'slotC', 'slotD'];
const [BATCH, LINK, APPOINTMENT]: Array<[string, string]> = [
	['batchId', 'batchMessageId'],
	['linkId', 'linkId'],
	['appointmentId', 'appointmentId'],
];

/** Every Hero call the node makes, in an order where each step finds the records it needs. */
const STEPS: Step[] = [
	{ operation: 'practiceGroup.get', calls: 'read', operationIds: ['getPracticeGroupById'] },
	{ operation: 'practiceGroup.getCapabilities', calls: 'read', operationIds: ['getCapabilities'] },
	{ operation: 'practiceGroup.getConfiguration', calls: 'read', operationIds: ['getConfiguration'] },
	{ operation: 'practiceGroup.getElements', calls: 'read', operationIds: ['listPracticeGroupElements'] },
	firstOf('location.getAll', 'listLocations', 'locationId'),
	firstOf('appointmentType.getAll', 'listAppointmentTypes', 'appointmentTypeId'),
	firstOf('practitioner.getAll', 'listPractitioners', 'practitionerId'),
	{
		operation: 'practitioner.get',
		calls: 'read',
		operationIds: ['getPractitioner'],
		needs: ['practitionerId'],
		parameters: (known) => ({ practitionerId: byId(known.practitionerId) }),
	},
	{
		operation: 'slot.getAll',
		calls: 'read',
		operationIds: ['listSlots'],
		parameters: (known) => ({
			appointmentTypeId: byId(known.appointmentTypeId),
			locationId: byId(known.locationId),
			returnAll: false,
			limit: SLOTS.length,
		}),
		keep: (output, known) => {
			output.slice(0, SLOTS.length).forEach((slot, index) => {
				const minutes = (Date.parse(String(slot.finish_time)) - Date.parse(String(slot.start_time))) / 60_000;
				const [id, practitioner] = [numeric(slot.id), numeric(slot.practitioner_id)];
				if (!id || !practitioner || !(minutes > 0)) return;
				Object.assign(known, {
					[SLOTS[index]]: id,
					[`${SLOTS[index]}Start`]: String(slot.start_time),
					[`${SLOTS[index]}Practitioner`]: practitioner,
					[`${SLOTS[index]}Minutes`]: String(minutes),
				});
			});
		},
	},
	{
		operation: 'slot.count',
		calls: 'read',
		operationIds: ['countSlots'],
		parameters: (known) => ({ appointmentTypeId: byId(known.appointmentTypeId), locationId: byId(known.locationId) }),
	},
	onRecord('slot.get', 'read', 'getSlot', ['slotA', 'slotId']),
	{
		operation: 'patient.get',
		calls: 'read',
		operationIds: ['getPatientById'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), simplify: false }),
		keep: (output, known) => {
			const [patient] = output;
			keepText('lastName', 'last_name')(output, known);
			keepText('emisId', 'emis_id')(output, known);
			// for the PDS registration and the batch, when the node would take them
			if (nhsNumberProblem(patient?.nhs_number) === undefined) known.nhsNumber = String(patient.nhs_number);
			if (dateOfBirthProblem(patient?.dob) === undefined) known.dob = String(patient.dob);
		},
	},
	{
		operation: 'patient.search',
		calls: 'read',
		operationIds: ['listPatientsV3'],
		parameters: (known) => ({ searchFields: { lastName: known.lastName ?? 'Smith' }, ...limited }),
	},
	{
		operation: 'patient.search',
		calls: 'read',
		operationIds: ['listPatients'],
		parameters: (known) => ({ searchFields: { emisId: known.emisId ?? '1' }, ...limited }),
	},
	{
		operation: 'patient.getAttachments',
		calls: 'read',
		operationIds: ['listPatientAttachments'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), ...limited }),
		keep: keepText('ehrFileId', 'ehr_file_id'),
	},
	{
		operation: 'patient.getEhrCandidates',
		calls: 'read',
		operationIds: ['listPatientEhrCandidates'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), ...limited }),
		keep: keepText('ehrPartnerId', 'ehr_partner_id'),
	},
	// on a mock, records are made first, so that the reads after them find one
	{
		operation: 'batchMessage.create',
		calls: 'all',
		operationIds: ['createBatchMessage'],
		parameters: (known) => ({
			name: 'Hero probe',
			channel: 'sms',
			message: 'A batch from the Hero probe',
			recipientSource: 'list',
			recipientList: { recipient: [{ nhsNumber: known.nhsNumber ?? '943 476 5919', dateOfBirth: known.dob ?? '1986-01-15' }] },
		}),
		keep: keepId('batchId'),
	},
	onRecord('batchMessage.send', 'all', 'sendBatchMessage', BATCH),
	firstOf('batchMessage.getAll', 'listBatchMessages', 'batchId'),
	onRecord('batchMessage.get', 'read', 'getBatchMessage', BATCH),
	onRecord('batchMessage.getRecipients', 'read', 'listBatchMessageSends', BATCH, () => limited),
	{
		...onRecord('batchMessage.getMessages', 'read', 'listSentMessages', BATCH, () => limited),
		keep: keepId('messageId', 'message_id'),
	},
	{
		operation: 'message.send',
		calls: 'all',
		operationIds: ['sendMessage'],
		needs: ['patientId'],
		parameters: (known) => ({ patientId: byId(known.patientId), channel: 'sms', message: 'A message from the Hero probe' }),
		keep: keepId('messageId', 'message_id'),
	},
	onRecord('message.get', 'read', 'getMessage', ['messageId', 'messageId']),
	onRecord('formResponse.get', 'read', 'getFormResponse', ['formResponseId', 'formResponseId']),
	{
		operation: 'link.createBookingLink',
		calls: 'all',
		operationIds: ['createBookingLink'],
		parameters: (known) => ({ appointmentTypeId: byId(known.appointmentTypeId), locationId: byId(known.locationId) }),
		keep: keepId('linkId'),
	},
	firstOf('link.getAll', 'listBookingLinks', 'linkId'),
	onRecord('link.get', 'read', 'getBookingLink', LINK),
	onRecord('link.getStatus', 'read', 'getLinkStatus', LINK, () => ({ lookupBy: 'id' })),
	onRecord('link.update', 'all', 'updateBookingLink', LINK, () => ({
		updateFields: { fromDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) },
	})),
	{
		operation: 'link.createFormLink',
		calls: 'all',
		operationIds: ['createFormLink'],
		needs: ['patientId'],
		parameters: (known) => ({ formId: 'hero-probe-form', patientId: byId(known.patientId) }),
	},
	{
		operation: 'link.createAttachmentLink',
		calls: 'all',
		operationIds: ['createAttachmentLink'],
		needs: ['patientId', 'ehrFileId'],
		parameters: (known) => ({ patientId: byId(known.patientId), fileSource: 'ehrFile', ehrFileId: known.ehrFileId }),
	},
	{ operation: 'link.createVideoLink', calls: 'all', operationIds: ['createVideoLink'] },
	// a reservation, read back, then (on a mock) edited, confirmed and moved; cancelled in the end
	{
		operation: 'appointment.reserve',
		calls: 'reservation',
		operationIds: ['createAppointment'],
		needs: ['patientId'],
		parameters: (known) => ({ ...appointmentDetails(known, 'slotA'), patientId: byId(known.patientId) }),
		keep: keepId('appointmentId'),
	},
	onRecord('appointment.get', 'read', 'getAppointment', APPOINTMENT),
	onRecord('appointment.getStatus', 'read', 'getAppointmentStatus', APPOINTMENT),
	onRecord('appointment.edit', 'all', 'editAppointment', APPOINTMENT, (known) => appointmentDetails(known, 'slotB')),
	onRecord('appointment.confirm', 'all', 'bookAppointment', APPOINTMENT),
	onRecord('appointment.reschedule', 'all', 'rescheduleAppointment', APPOINTMENT, (known) => appointmentDetails(known, 'slotC')),
	// the probe's own appointment goes, even when it starts within the practice's cancellation window
	onRecord('appointment.cancel', 'reservation', 'cancelAppointment', APPOINTMENT, () => ({
		options: { suppressCancellationPolicy: true, suppressMail: true },
	})),
	{
		operation: 'appointment.book',
		calls: 'all',
		operationIds: ['createAppointment', 'bookAppointment'],
		needs: ['patientId'],
		parameters: (known) => ({ ...appointmentDetails(known, 'slotD'), patientId: byId(known.patientId) }),
	},
	{ operation: 'practiceGroup.createAccessToken', calls: 'all', operationIds: ['createAccessToken'] },
	{
		operation: 'patient.registerFromPds',
		calls: 'all',
		operationIds: ['registerPatientPds'],
		parameters: (known) => ({
			findBy: 'nhsNumber',
			nhsNumber: known.nhsNumber ?? '943 476 5919',
			dateOfBirth: known.dob ?? '1986-01-15',
		}),
	},
	{
		operation: 'patient.createOrUpdate',
		calls: 'all',
		operationIds: ['registerPatient'],
		parameters: () => ({ firstName: 'Hero', lastName: 'Probe', dateOfBirth: '1985-12-10', mobile: '07700 900123' }),
	},
	{
		operation: 'patient.connectEhr',
		calls: 'all',
		operationIds: ['connectPatientEhr'],
		needs: ['patientId', 'ehrPartnerId'],
		parameters: (known) => ({ patientId: byId(known.patientId), ehrPartnerId: byId(known.ehrPartnerId) }),
	},
	{
		operation: 'patient.merge',
		calls: 'all',
		operationIds: ['previewPatientMerge', 'mergePatient'],
		needs: ['patientId', 'duplicatePatientId'],
		parameters: (known) => ({
			patientId: byId(known.patientId),
			tokenSource: 'preview',
			duplicatePatientId: byId(known.duplicatePatientId),
		}),
	},
	{ operation: 'trigger', calls: 'all', operationIds: ['createWebhook', 'listWebhooks', 'deleteWebhook'] },
];

/** The Hero operations the node uses: every operation some step calls. */
export const PROBED_OPERATIONS = [...new Set(STEPS.flatMap((step) => step.operationIds))];

const CALLS_OF: Record<ProbeCalls, Array<Step['calls']>> = {
	read: ['read'],
	reservation: ['read', 'reservation'],
	all: ['read', 'reservation', 'all'],
};

// ---- the recording proxy

interface Proxy {
	url: string;
	exchanges: Exchange[];
	close(): Promise<void>;
}

const parse = (text: string): unknown => {
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
};

/** Passes every request on to `target` (its path appended to target's), keeps it and the answer. */
async function startProxy(target: string): Promise<Proxy> {
	const exchanges: Exchange[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://proxy');
			const requestText = Buffer.concat(chunks).toString('utf8');
			const exchange: Exchange = {
				method: req.method ?? 'GET',
				path: url.pathname,
				status: null,
				body: undefined,
				text: '',
			};
			exchanges.push(exchange);
			const headers: Record<string, string> = {};
			for (const name of ['x-api-key', 'x-practice-group-id', 'content-type', 'accept'])
				if (typeof req.headers[name] === 'string') headers[name] = req.headers[name] as string;
			fetch(`${target}${url.pathname}${url.search}`, {
				method: exchange.method,
				headers,
				body: requestText && exchange.method !== 'GET' ? requestText : undefined,
				signal: AbortSignal.timeout(60_000),
			})
				.then(async (answer) => {
					exchange.status = answer.status;
					exchange.text = await answer.text();
					exchange.body = parse(exchange.text);
					const passed: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
					for (const name of ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'])
						if (answer.headers.has(name)) passed[name] = answer.headers.get(name)!;
					res.writeHead(answer.status, passed).end(exchange.text);
				})
				.catch((error: Error & { cause?: { code?: string } }) => {
					exchange.failure = error.cause?.code ?? error.message;
					res.destroy();
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		exchanges,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

// ---- checking a call against the contract

/** The contract's own words for an operation: its documented answers by status, and whether it is inferred. */
function documented(contract: Contract, op: Operation) {
	const operation = (contract.spec.paths?.[op.template] as Record<string, { responses?: object; 'x-inferred'?: unknown }>)[
		op.method.toLowerCase()
	];
	return { statuses: Object.keys(operation.responses ?? {}), inferred: operation['x-inferred'] !== undefined };
}

const shorten = (text: string, length = 120) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** What an exchange says about its operation: found or not, and whether the answer is the documented one. */
function judge(contract: Contract, exchange: Exchange, op: Operation): Pick<ProbeLine, 'verdict' | 'detail'> {
	if (exchange.status === null) return { verdict: 'not found', detail: `no answer (${exchange.failure ?? 'connection closed'})` };
	const { status } = exchange;
	const said = shorten(typeof exchange.body === 'string' ? exchange.body : JSON.stringify(exchange.body ?? ''));
	if (status === 404) return { verdict: 'not found', detail: `404 ${said}` };
	if (status === 405) return { verdict: 'not found', detail: `405, the path is there but not this method: ${said}` };
	const { statuses } = documented(contract, op);
	const family = `${String(status)[0]}XX`;
	if (![String(status), family, 'default'].some((key) => statuses.includes(key)))
		return { verdict: 'differs', detail: `${status}, a status the contract does not document: ${said}` };
	const issues = contract.validateResponse(op, status, exchange.body);
	if (issues.length)
		return {
			verdict: 'differs',
			detail: `${status}, answer differs: ${shorten(issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '), 300)}`,
		};
	return { verdict: 'as documented', detail: status < 300 ? `${status}` : `${status} ${said}` };
}

// ---- running it

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

/** One line per operation: method, path, operationId, inferred or documented, verdict and details. */
export function formatLine(line: ProbeLine): string {
	const verdict = { 'as documented': 'ok', differs: 'DIFFERS', 'not found': 'NOT FOUND', 'not called': 'not called' }[
		line.verdict
	];
	return `${line.method.padEnd(6)} ${line.path.padEnd(34)} ${line.operationId.padEnd(26)} ${(line.inferred ? 'inferred' : 'documented').padEnd(10)} ${verdict.padEnd(10)} ${line.detail}`;
}

export function summary(lines: ProbeLine[]): string {
	const count = (verdict: ProbeLine['verdict']) => lines.filter((line) => line.verdict === verdict).length;
	return `${lines.length} operations: ${count('as documented')} found and as documented, ${count('differs')} differ, ${count('not found')} not found, ${count('not called')} not called`;
}
