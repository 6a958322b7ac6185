// Secret scan: every operation, and the trigger's whole life cycle, run with a recognisable API key
// and recognisable webhook signing keys, succeeding and failing in every way the stand-in can fail
// (Hero echoing the secrets back in a 500 or 400 body, dropped connections, a refused key, bad
// input), with and without Continue on Fail. Neither secret may appear in any output item, error
// (message, description or anything else it carries), n8n run data or log line.
import type { INodeParameters } from 'n8n-workflow';

// GETs answered 5xx or cut off are retried after real backoffs (seconds per request); this suite
// fails hundreds of them on purpose, so n8n's sleep returns at once here. Nothing else changes.
jest.mock('n8n-workflow', () => ({ ...jest.requireActual('n8n-workflow'), sleep: async () => undefined }));

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealthTrigger } from '../nodes/HeroHealth/HeroHealthTrigger.node';
import { heroResources } from '../nodes/HeroHealth/HeroHealth.node';
import * as signature from '../nodes/HeroHealth/trigger/signature';
import { signWebhook } from '../standin';
import type { Standin } from './helpers';
import { aYearAhead, byId, items, runHero, startTestStandin } from './helpers';
import { londonDate } from './standin/helpers';
import { TriggerHarness } from './harness';

const API_KEY = 'SECRET-API-KEY-7f3a9c1e55d04b8e-do-not-show';
const SIGNING_KEY = 'SECRET-SIGNING-KEY-2b7e151628aed2a6';
const SECRETS = [API_KEY, SIGNING_KEY];
// The forms a secret could leak in besides itself: base64 (an Authorization header) and URL-encoded.
const LEAK_FORMS = SECRETS.flatMap((secret) => [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]);

let standin: Standin;
const seen: Array<{ what: string; text: string }> = [];

beforeAll(async () => {
	standin = await startTestStandin({ extraKeys: { scan: { apiKey: API_KEY } } });
});

beforeEach(() => standin.reset());

afterAll(async () => {
	await standin.close();
});

/** JSON of anything, errors included with every own property (message, description, stack, cause, context …). */
function everything(value: unknown): string {
	const visited = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'bigint') return v.toString();
		if (v && typeof v === 'object') {
			if (visited.has(v)) return '[seen]';
			visited.add(v);
			if (v instanceof Error) {
				return Object.fromEntries(Object.getOwnPropertyNames(v).map((name) => [name, (v as never)[name]]));
			}
		}
		return v;
	});
}

function record(what: string, ...values: unknown[]) {
	seen.push({ what, text: values.map(everything).join('\n') });
}

const patient = { patientId: byId('1001') };
const FUTURE = aYearAhead();
/** A slot given by its details (Edit, Reschedule); a new appointment adds its type, location and patient (Book, Reserve). */
const slotDetails = { slotSelection: 'details', practitionerId: byId('11'), startTime: FUTURE, duration: 15 };
const newAppointment = { ...slotDetails, appointmentTypeId: byId('1'), locationId: byId('1'), ...patient };

/** A plausible parameter set per operation; some fail at Hero (unknown IDs), which is fine here. */
const PARAMETERS: Record<string, INodeParameters> = {
	'appointment.book': newAppointment,
	'appointment.cancel': { appointmentId: '5001' },
	'appointment.confirm': { appointmentId: '5001' },
	'appointment.edit': { appointmentId: '5001', ...slotDetails },
	'appointment.get': { appointmentId: '5001' },
	'appointment.getStatus': { appointmentId: '5001' },
	'appointment.reschedule': { appointmentId: '5002', ...slotDetails },
	'appointment.reserve': newAppointment,
	'appointmentType.getAll': { returnAll: true },
	'batchMessage.create': {
		name: 'Flu clinic',
		channel: 'sms',
		message: 'Book your flu jab',
		recipientSource: 'list',
		recipientList: { recipient: [{ nhsNumber: '943 476 5919', dateOfBirth: '1986-01-15' }] },
	},
	'batchMessage.get': { batchMessageId: '1' },
	'batchMessage.getAll': { returnAll: true },
	'batchMessage.getMessages': { batchMessageId: '1', returnAll: true },
	'batchMessage.getRecipients': { batchMessageId: '1', returnAll: true },
	'batchMessage.send': { batchMessageId: '1' },
	'formResponse.get': { formResponseId: '600001' },
	'link.createAttachmentLink': { ...patient, fileSource: 'ehrFile', ehrFileId: 'ehr-file-1' },
	'link.createBookingLink': { appointmentTypeId: byId('1'), locationId: byId('1'), ...patient },
	'link.createFormLink': { formId: 'form-1', ...patient },
	'link.createVideoLink': { ...patient },
	'link.get': { linkId: '1' },
	'link.getAll': { returnAll: true },
	'link.getStatus': { lookupBy: 'url', url: 'https://example.com/s/abc' },
	'link.update': { linkId: '1', updateFields: { fromDate: londonDate(365) } },
	'location.getAll': { returnAll: true },
	'message.get': { messageId: '70001' },
	'message.send': { ...patient, channel: 'sms', message: 'Your results are ready' },
	'patient.connectEhr': { ...patient, ehrPartnerId: byId('ehr-1') },
	'patient.createOrUpdate': { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10', mobile: '07700 900123' },
	'patient.get': { ...patient },
	'patient.getAttachments': { ...patient, returnAll: true },
	'patient.getEhrCandidates': { ...patient, returnAll: true },
	'patient.merge': { ...patient, tokenSource: 'preview', duplicatePatientId: byId('1030') },
	'patient.previewMerge': { ...patient, duplicatePatientId: byId('1030') },
	'patient.registerFromPds': { findBy: 'nhsNumber', nhsNumber: '943 476 5919', dateOfBirth: '1986-01-15' },
	'patient.search': { searchFields: { lastName: 'Smith' }, returnAll: true },
	'practiceGroup.createAccessToken': {},
	'practiceGroup.get': {},
	'practiceGroup.getCapabilities': {},
	'practiceGroup.getConfiguration': {},
	'practiceGroup.getElements': {},
	'practitioner.get': { practitionerId: byId('11') },
	'practitioner.getAll': { returnAll: true },
	'slot.count': { appointmentTypeId: byId('1'), locationId: byId('1') },
	'slot.get': { slotId: '100001' },
	'slot.getAll': { appointmentTypeId: byId('1'), locationId: byId('1'), returnAll: false, limit: 5 },
};

const OPERATIONS = Object.entries(heroResources).flatMap(([resource, { operations }]) =>
	Object.keys(operations).map((operation) => `${resource}.${operation}`),
);

// Hero's error bodies may repeat back what they were sent. The node only ever holds the API key;
// the trigger holds both.
const ECHO_KEY = `key ${API_KEY} was rejected`;
const ECHO = `key ${API_KEY} and signing key ${SIGNING_KEY} were rejected`;
const FAILURES: Record<string, (() => void) | undefined> = {
	succeeding: undefined,
	'Hero 500 echoing the key': () => standin.failNext({ status: 500, times: 99, body: { message: ECHO_KEY } }),
	'Hero 400 echoing the key': () =>
		standin.failNext({
			status: 400,
			times: 99,
			body: {
				message: [{ code: 'invalid_type', path: ['x-api-key'], expected: 'string', received: API_KEY, message: ECHO_KEY }],
			},
		}),
	'dropped connections': () => standin.failNext({ drop: true, times: 99 }),
};

describe('every operation of the Hero Health node', () => {
	it('has a parameter set here', () => {
		expect(OPERATIONS.filter((operation) => !PARAMETERS[operation])).toEqual([]);
	});

	it.each(OPERATIONS)('%s shows neither secret, succeeding or failing, with or without Continue on Fail', async (operation) => {
		const [resource, name] = operation.split('.');
		const parameters = { resource, operation: name, ...PARAMETERS[operation] };
		const runs: Array<[string, () => void, Record<string, unknown>]> = [];
		for (const [failure, arrange] of Object.entries(FAILURES)) {
			for (const continueOnFail of [true, false]) runs.push([failure, arrange ?? (() => undefined), { continueOnFail }]);
		}
		runs.push(['a key Hero refuses', () => undefined, { continueOnFail: true, credentials: { apiKey: `${API_KEY}-revoked` } }]);
		runs.push(['bad input', () => undefined, { continueOnFail: true, bad: true }]);
		for (const continueOnFail of [true, false]) {
			runs.push(['the key typed into a parameter', () => undefined, { continueOnFail, typedKey: true }]);
		}

		let reachedHero = false;
		for (const [failure, arrange, options] of runs) {
			standin.reset();
			arrange();
			const result = await runHero(
				standin,
				options.bad || options.typedKey
					? { ...parameters, ...badInput(parameters, options.typedKey ? API_KEY : undefined) }
					: parameters,
				{
					items: items(2),
					continueOnFail: options.continueOnFail as boolean,
					credentials: { apiKey: API_KEY, rateLimitPerMinute: 100_000, ...(options.credentials as object) },
				},
			);
			const what = `${operation}, ${failure}, continueOnFail ${String(options.continueOnFail)}`;
			if (options.typedKey) {
				// The workflow's own parameters hold what the user typed, and the error's node, the run data
				// and n8n's debug line for a failed run point at them; what the node says must not repeat it.
				const { message, description, stack, context, cause } = (result.error ?? {}) as Record<string, unknown>;
				const logs = result.logs.filter((line) => !line.startsWith('debug: '));
				record(what, result.items, { message, description, stack, context, cause }, logs);
			} else {
				record(what, result.items, result.error, result.logs, result.run);
			}
			reachedHero ||= standin.log.some((entry) => entry.headers['x-api-key'] === API_KEY);
		}
		// The key did reach Hero, so its absence from everything recorded means something.
		expect(reachedHero).toBe(true);
	});
});

/**
 * One parameter made invalid through an expression (refused before any request); a bad Limit when
 * there is none. With `typed`, that text is what the parameter holds (a first name takes it as is).
 */
function badInput(parameters: INodeParameters, typed?: string): INodeParameters {
	for (const name of [
		'patientId',
		'appointmentId',
		'appointmentTypeId',
		'batchMessageId',
		'linkId',
		'messageId',
		'slotId',
		'firstName',
		'nhsNumber',
		'url',
	]) {
		if (name in parameters) {
			const value = `={{ ${JSON.stringify(typed ?? ((parameters[name] as { __rl?: boolean })?.__rl ? 'not-an-id' : ''))} }}`;
			return { [name]: (parameters[name] as { __rl?: boolean })?.__rl ? byId(value) : value };
		}
	}
	return { returnAll: false, limit: `={{ ${typed ? JSON.stringify(typed) : -1} }}` };
}

describe('the Hero Health Trigger', () => {
	const credentials = () => ({
		heroHealthApi: {
			apiKey: API_KEY,
			practiceGroupId: standin.keys.full.practiceGroupId,
			environment: 'custom',
			baseUrl: standin.url,
			rateLimitPerMinute: 100_000,
		},
	});
	const events = ['appointment.confirmed', 'prescription.issued'];

	beforeEach(() => {
		jest.spyOn(signature, 'newSigningKey').mockReturnValue(SIGNING_KEY);
	});

	afterEach(() => jest.restoreAllMocks());

	async function start(): Promise<TriggerHarness> {
		return await TriggerHarness.start({
			nodeType: new HeroHealthTrigger(),
			parameters: { events, options: { includeHeaders: true, includeRawBody: true } },
			credentials: credentials(),
			credentialTypes: [new HeroHealthApi()],
		});
	}

	async function attempt(what: string, step: () => Promise<unknown>) {
		try {
			record(what, await step());
		} catch (error) {
			record(`${what} (threw)`, error);
		}
	}

	it('shows neither secret while activating, receiving, refusing and deactivating', async () => {
		const trigger = await start();
		try {
			await attempt('activate', async () => await trigger.activate());
			expect(standin.state.webhooks.map((webhook) => webhook.signing_key)).toEqual([SIGNING_KEY, SIGNING_KEY]);
			await attempt('checkExists', async () => await trigger.checkExists());
			await attempt('genuine delivery', async () => await standin.deliverWebhook({ event_type: events[0] }));
			await attempt(
				'forged delivery',
				async () => await standin.deliverWebhook({ event_type: events[1], tamper: { signingKey: 'wrong' } }),
			);
			// A delivery carrying the signing key in its own body is the sender's doing; the signature header never shows.
			const body = JSON.stringify({ event_type: events[0] });
			const timestamp = String(Math.floor(Date.now() / 1000));
			await attempt('hand-signed delivery', async () =>
				trigger.send(body, {
					headers: {
						'content-type': 'application/json',
						'x-herohealth-event': events[0],
						'x-herohealth-timestamp': timestamp,
						'x-herohealth-signature': signWebhook(SIGNING_KEY, timestamp, body),
					},
				}),
			);
			standin.failNext({ method: 'DELETE', status: 500, times: 99, body: { message: ECHO } });
			await attempt('deactivate, Hero failing', async () => await trigger.deactivate());
			await attempt('deactivate', async () => await trigger.deactivate());
			record('trigger', trigger.calls, trigger.logs);
			expect(trigger.calls.length).toBeGreaterThanOrEqual(3);
		} finally {
			await trigger.close();
		}
	});

	it.each([
		['Hero 500 echoing the secrets', { status: 500, body: { message: ECHO } }],
		[
			'Hero 400 echoing the secrets',
			{
				status: 400,
				body: {
					message: [{ path: ['signing_key'], expected: 'string', received: SIGNING_KEY, code: 'invalid_type', message: ECHO }],
				},
			},
		],
		['a dropped connection', { drop: true }],
	])('shows neither secret when registering fails: %s', async (_failure, fault) => {
		const trigger = await start();
		try {
			standin.failNext({ method: 'POST', path: '/v1/webhooks', after: 1, ...fault });
			await attempt('activate, second registration failing', async () => await trigger.activate());
			record('trigger', trigger.calls, trigger.logs);
			// the first registration was removed again, with its signing key
			expect(standin.state.webhooks).toEqual([]);
		} finally {
			await trigger.close();
		}
	});
});

describe('the scan', () => {
	it('finds neither secret, in any form, anywhere it looked', () => {
		// every operation ran 12 ways, and the trigger's life cycle was recorded
		expect(seen.length).toBeGreaterThanOrEqual(OPERATIONS.length * 12 + 10);
		const leaks = seen.flatMap(({ what, text }) =>
			LEAK_FORMS.filter((form) => text.includes(form)).map((form) => `${what}: ${form.slice(0, 24)}…`),
		);
		expect(leaks).toEqual([]);
	});
});
