// Bad input across every operation: generated bad values for each parameter, fed through
// expressions (`={{ $json.v }}`, one bad value per input item) so n8n passes them to the node as a
// workflow would. For every one: no crash (an error item under Continue on Fail), no request sent
// to Hero, and an error that names the parameter as the editor shows it and the item.
// Free text that merely looks hostile (JSON, quotes, unicode, very long) is not bad input: it must
// reach Hero exactly as written, once, without disturbing the other fields.
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { heroResources } from '../nodes/HeroHealth/HeroHealth.node';
import type { Standin } from './helpers';
import { aYearAhead, byId, items, answeredRequestsTo, runHero, startTestStandin } from './helpers';
import { londonDate } from './standin/helpers';

let standin: Standin;

beforeAll(async () => {
	standin = await startTestStandin();
});

beforeEach(() => standin.reset());

afterAll(async () => {
	await standin.close();
});

const BAD = '={{ $json.v }}';
const HUGE = 'x'.repeat(100_000);
const FUTURE = aYearAhead();
const ANY_TYPE_WRONG = [{ a: 1 }, [1, 2], true];

// Bad values by the kind of parameter. Optional parameters leave out the "not given" values.
const KINDS = {
	numericId: [
		'',
		'   ',
		null,
		'abc',
		'12a',
		'１２３',
		'-1',
		'1.5',
		'1e3',
		'0x1F',
		HUGE,
		'1", "patient_id": "1002',
		...ANY_TYPE_WRONG,
	],
	optionalNumericId: ['abc', '12a', '１２３', '-1', '1.5', HUGE, '1"}', ...ANY_TYPE_WRONG],
	text: ['', '   ', '\n\t', null, ...ANY_TYPE_WRONG],
	nhsNumber: [
		'',
		'943 476 5918',
		'943 476 591',
		'94347659190',
		'ABC 476 5919',
		'９４３ ４７６ ５９１９',
		'943-476-591X',
		HUGE,
		'9434765919", "dob": "1990-01-01',
		...ANY_TYPE_WRONG,
	],
	optionalNhsNumber: ['943 476 5918', '943 476 591', 'ABC 476 5919', '９４３４７６５９１９', HUGE, ...ANY_TYPE_WRONG],
	dateOfBirth: [
		'',
		'31/12/1980',
		'1980-02-30',
		'1980-13-01',
		'2999-01-01',
		'yesterday',
		'１９８０-01-01',
		HUGE,
		'1980-01-01"}',
		...ANY_TYPE_WRONG,
	],
	optionalDateOfBirth: ['31/12/1980', '1980-02-30', '2999-01-01', 'yesterday', HUGE, ...ANY_TYPE_WRONG],
	dateTime: [
		'',
		'not a date',
		'2031-02-30T10:00:00',
		'2031-01-01 10:00',
		'2001-01-01T10:00:00Z',
		'２０３１-01-01T10:00:00Z',
		HUGE,
		...ANY_TYPE_WRONG,
	],
	optionalDateTime: ['not a date', '2031-02-30T10:00:00', '2001-01-01T10:00:00Z', HUGE, ...ANY_TYPE_WRONG],
	optionalDate: ['31/12/2031', '2031-02-30', 'soon', '２０３１-01-01', HUGE, ...ANY_TYPE_WRONG],
	wholeNumber: [0, -1, 1.5, 'abc', '', '１', ...ANY_TYPE_WRONG],
	mobile: ['', '12345', '+1 555 0100', '07700 90012', '０７７００ ９００１２３', HUGE, ...ANY_TYPE_WRONG],
	optionalMobile: ['12345', '+1 555 0100', '07700 90012', HUGE, ...ANY_TYPE_WRONG],
	optionalEmail: ['not-an-email', 'a@b', 'a b@example.com', HUGE, ...ANY_TYPE_WRONG],
	url: ['', 'not a url', 'ftp://example.com/x', 'javascript:alert(1)', 'https://', ...ANY_TYPE_WRONG],
	requestsInFlight: [0, -3, 51, 1.5, 'abc', '', null, '１', ...ANY_TYPE_WRONG],
};
type Kind = keyof typeof KINDS;

interface Case {
	operation: string; // resource.operation
	base: INodeParameters;
	/** the parameter under test, as a path into the parameters ("options.sendAt") */
	path: string;
	kind: Kind;
	/** the name the editor shows; default: the property's displayName */
	label?: string;
}

const patient = { patientId: byId('1001') };
const details = { slotSelection: 'details', practitionerId: byId('11'), startTime: FUTURE, duration: 15 };
const newAppointment = { ...details, appointmentTypeId: byId('1'), locationId: byId('1'), ...patient };
const slotSearch = { appointmentTypeId: byId('1'), locationId: byId('1') };
const limited = { returnAll: false, limit: 5 };
const batch = {
	name: 'Flu clinic',
	channel: 'sms',
	message: 'Book your flu jab',
	recipientSource: 'list',
	recipientList: { recipient: [{ nhsNumber: '943 476 5919', dateOfBirth: '1986-01-15' }] },
};
const newPatient = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10', mobile: '07700 900123' };

/** What a parameter is: its kind, with the label the editor shows when that is not the property's displayName. */
type KindOf = Kind | { kind: Kind; label: string };

/** One case per parameter of `operation`, each from the same `base` parameters: `kinds` maps the parameter's path to its kind. */
const casesOf = (operation: string, base: INodeParameters, kinds: Record<string, KindOf>): Case[] =>
	Object.entries(kinds).map(([path, kind]) => ({ operation, base, path, ...(typeof kind === 'string' ? { kind } : kind) }));

const CASES: Case[] = [
	...['book', 'reserve'].flatMap((op) => [
		...casesOf(`appointment.${op}`, newAppointment, {
			patientId: 'numericId',
			appointmentTypeId: 'numericId',
			locationId: 'numericId',
			practitionerId: 'numericId',
			startTime: 'dateTime',
			duration: 'wholeNumber',
		}),
		...casesOf(`appointment.${op}`, { ...patient, slotSelection: 'slot' }, { slotId: 'numericId' }),
	]),
	...['cancel', 'confirm', 'get', 'getStatus'].flatMap((op) => casesOf(`appointment.${op}`, {}, { appointmentId: 'numericId' })),
	...['edit', 'reschedule'].flatMap((op) =>
		casesOf(
			`appointment.${op}`,
			{ ...details, appointmentId: '5001' },
			{ appointmentId: 'numericId', practitionerId: 'numericId', startTime: 'dateTime', duration: 'wholeNumber' },
		),
	),
	...casesOf('appointmentType.getAll', limited, { limit: 'wholeNumber' }),
	...casesOf(
		'appointmentType.getAll',
		{ ...limited, filters: { locations: { location: [{ locationId: byId('1') }] } } },
		{ 'filters.locations.location.0.locationId': { kind: 'numericId', label: 'Location' } },
	),
	...casesOf('batchMessage.create', batch, {
		name: 'text',
		message: 'text',
		'recipientList.recipient.0.nhsNumber': { kind: 'nhsNumber', label: 'NHS Number' },
		'recipientList.recipient.0.dateOfBirth': { kind: 'dateOfBirth', label: 'Date of Birth' },
	}),
	...casesOf('batchMessage.create', { ...batch, channel: 'email', subject: 'Flu' }, { subject: 'text' }),
	...casesOf(
		'batchMessage.create',
		// one batch for all items: refused items drop out, and with none left nothing is sent
		{ ...batch, recipientSource: 'inputItems', oneBatch: true, nhsNumber: '943 476 5919', dateOfBirth: '1986-01-15' },
		{ nhsNumber: 'nhsNumber', dateOfBirth: 'dateOfBirth' },
	),
	...['get', 'send', 'getMessages', 'getRecipients'].flatMap((op) =>
		casesOf(`batchMessage.${op}`, limited, { batchMessageId: 'numericId' }),
	),
	...['getAll', 'getMessages', 'getRecipients'].flatMap((op) =>
		casesOf(`batchMessage.${op}`, { ...limited, batchMessageId: '1' }, { limit: 'wholeNumber' }),
	),
	...casesOf(
		'link.createAttachmentLink',
		{ ...patient, fileSource: 'ehrFile', ehrFileId: 'ehr-file-1', options: { expiryDate: londonDate(365), maximumUses: 1 } },
		{ patientId: 'numericId', ehrFileId: 'text', 'options.expiryDate': 'optionalDate', 'options.maximumUses': 'wholeNumber' },
	),
	...casesOf(
		'link.createBookingLink',
		{
			...slotSearch,
			options: {
				fromDate: londonDate(365),
				toDate: londonDate(395),
				expiryDate: londonDate(396),
				maximumUses: 1,
				practitionerId: byId('11'),
			},
		},
		{
			appointmentTypeId: 'numericId',
			locationId: 'numericId',
			patientId: 'optionalNumericId',
			'options.practitionerId': 'optionalNumericId',
			'options.fromDate': 'optionalDate',
			'options.toDate': 'optionalDate',
			'options.expiryDate': 'optionalDate',
			'options.maximumUses': 'wholeNumber',
		},
	),
	...casesOf('link.createFormLink', { ...patient, formId: 'form-1' }, { formId: 'text', patientId: 'numericId' }),
	...casesOf('link.createVideoLink', {}, { patientId: 'optionalNumericId', appointmentId: 'optionalNumericId' }),
	...casesOf('link.get', {}, { linkId: 'numericId' }),
	...casesOf('link.getAll', limited, { limit: 'wholeNumber' }),
	...casesOf('link.getStatus', { lookupBy: 'url' }, { url: 'url' }),
	...casesOf('link.getStatus', { lookupBy: 'id' }, { linkId: 'text' }),
	...casesOf('link.update', { updateFields: { fromDate: londonDate(365) } }, { linkId: 'numericId' }),
	...casesOf(
		'link.update',
		{ linkId: '3001', updateFields: {} },
		{
			'updateFields.appointmentTypeId': 'optionalNumericId',
			'updateFields.locationId': 'optionalNumericId',
			'updateFields.practitionerId': 'optionalNumericId',
			'updateFields.fromDate': 'optionalDate',
			'updateFields.toDate': 'optionalDate',
		},
	),
	...casesOf('location.getAll', limited, { limit: 'wholeNumber' }),
	...casesOf('message.get', {}, { messageId: 'numericId' }),
	...casesOf(
		'message.send',
		{ ...patient, channel: 'sms', message: 'Hello' },
		{
			patientId: 'numericId',
			message: 'text',
			'options.contactDetail': 'optionalMobile',
			'options.sendAt': 'optionalDateTime',
			'options.requestsInFlight': { kind: 'requestsInFlight', label: 'Requests in Flight' },
		},
	),
	...casesOf(
		'message.send',
		{ ...patient, channel: 'sms', message: 'Hello', options: { assignee: { assignee: { id: '21', type: 'Admin' } } } },
		{ 'options.assignee.assignee.id': { kind: 'numericId', label: 'Assignee ID' } },
	),
	...casesOf('patient.connectEhr', { ehrPartnerId: byId('ehr-1') }, { patientId: 'numericId' }),
	...casesOf('patient.connectEhr', patient, { ehrPartnerId: 'text' }),
	...casesOf('patient.createOrUpdate', newPatient, {
		firstName: 'text',
		lastName: 'text',
		dateOfBirth: 'dateOfBirth',
		mobile: 'mobile',
		'additionalFields.nhsNumber': 'optionalNhsNumber',
		'additionalFields.email': 'optionalEmail',
	}),
	...['get', 'getAttachments', 'getEhrCandidates'].flatMap((op) => casesOf(`patient.${op}`, limited, { patientId: 'numericId' })),
	...['getAttachments', 'getEhrCandidates'].flatMap((op) =>
		casesOf(`patient.${op}`, { ...limited, ...patient }, { limit: 'wholeNumber' }),
	),
	...casesOf(
		'patient.previewMerge',
		{ ...patient, duplicatePatientId: byId('1030') },
		{ patientId: 'numericId', duplicatePatientId: 'numericId' },
	),
	...casesOf(
		'patient.merge',
		{ ...patient, tokenSource: 'preview', duplicatePatientId: byId('1030') },
		{ patientId: 'numericId', duplicatePatientId: 'numericId' },
	),
	...casesOf('patient.merge', { ...patient, tokenSource: 'given', duplicatePatientId: byId('1030') }, { mergeToken: 'text' }),
	...casesOf(
		'patient.registerFromPds',
		{ findBy: 'nhsNumber', nhsNumber: '943 476 5919', dateOfBirth: '1986-01-15' },
		{ nhsNumber: 'nhsNumber', dateOfBirth: 'dateOfBirth' },
	),
	...casesOf(
		'patient.registerFromPds',
		{ findBy: 'demographics', firstName: 'Ada', lastName: 'Lovelace', postcode: 'LS1 4AP', dateOfBirth: '1985-12-10' },
		{ firstName: 'text', lastName: 'text', postcode: 'text' },
	),
	...casesOf(
		'patient.search',
		{ ...limited, searchFields: { lastName: 'Smith' } },
		{ 'searchFields.nhsNumber': 'optionalNhsNumber', 'searchFields.dateOfBirth': 'optionalDateOfBirth', limit: 'wholeNumber' },
	),
	...['count', 'getAll'].flatMap((op) =>
		casesOf(
			`slot.${op}`,
			{ ...slotSearch, ...limited },
			{
				appointmentTypeId: 'numericId',
				locationId: 'numericId',
				practitionerId: 'optionalNumericId',
				fromDate: 'optionalDate',
				toDate: 'optionalDate',
			},
		),
	),
	...casesOf('slot.getAll', { ...slotSearch, ...limited }, { limit: 'wholeNumber' }),
	...casesOf('slot.get', {}, { slotId: 'numericId' }),
	...casesOf('formResponse.get', {}, { formResponseId: 'numericId' }),
	...casesOf('practitioner.get', {}, { practitionerId: 'numericId' }),
	...casesOf('practitioner.getAll', limited, { limit: 'wholeNumber' }),
	...casesOf(
		'practitioner.getAll',
		{
			...limited,
			filters: {
				locations: { location: [{ locationId: byId('1') }] },
				appointmentTypes: { appointmentType: [{ appointmentTypeId: byId('1') }] },
			},
		},
		{
			'filters.locations.location.0.locationId': { kind: 'numericId', label: 'Location' },
			'filters.appointmentTypes.appointmentType.0.appointmentTypeId': { kind: 'numericId', label: 'Appointment Type' },
		},
	),
];

/** Sets `path` in a copy of `parameters` to the expression; a picker keeps its "By ID" shape. */
function withExpression(parameters: INodeParameters, path: string): INodeParameters {
	const copy = structuredClone(parameters) as Record<string, unknown>;
	const keys = path.split('.');
	let at = copy;
	for (const key of keys.slice(0, -1)) {
		at[key] = at[key] ?? (/^\d+$/.test(keys[keys.indexOf(key) + 1]) ? [] : {});
		at = at[key] as Record<string, unknown>;
	}
	const last = keys[keys.length - 1];
	const current = at[last] as { __rl?: boolean } | undefined;
	const isPicker =
		current?.__rl || /(patientId|appointmentTypeId|locationId|practitionerId|ehrPartnerId|duplicatePatientId)$/.test(last);
	at[last] = isPicker ? byId(BAD) : BAD;
	return copy as INodeParameters;
}

/** The displayName of the property at `path` (collections and fixed collections walked through). */
function displayNameOf(operation: string, path: string): string | undefined {
	const [resource, name] = operation.split('.');
	let properties = heroResources[resource].operations[name].description as INodeProperties[];
	let found: INodeProperties | undefined;
	for (const key of path.split('.').filter((part) => !/^\d+$/.test(part))) {
		found = properties.find((property) => property.name === key);
		if (!found) return undefined;
		const options = (found.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>;
		properties = options.flatMap((option) => option.values ?? (option.displayName ? [option] : []));
	}
	return found?.displayName;
}

const onlyRequestsInFlight = (property: INodeProperties) =>
	property.name === 'options' && (property.options as INodeProperties[]).every((option) => option.name === 'requestsInFlight');

describe('bad parameter values', () => {
	const total = CASES.reduce((sum, { kind }) => sum + KINDS[kind].length, 0);

	it('cover every operation that takes parameters, with at least 200 bad parameter sets', () => {
		const covered = new Set(CASES.map((c) => c.operation));
		const withParameters = Object.entries(heroResources).flatMap(([resource, { operations }]) =>
			Object.entries(operations)
				// Requests in Flight alone is the router's, not the operation's own parameter.
				.filter(([, operation]) =>
					operation.description.some((property) => property.type !== 'notice' && !onlyRequestsInFlight(property)),
				)
				.map(([operation]) => `${resource}.${operation}`),
		);
		expect(withParameters.filter((operation) => !covered.has(operation))).toEqual([]);
		expect(total).toBeGreaterThanOrEqual(200);
	});

	it.each(CASES.map((c) => [c.operation, c.path, c.kind, c] as const))(
		'%s %s (%s): refused per item, naming the parameter and the item, with nothing sent',
		async (operation, path, kind, { base, label }) => {
			const [resource, name] = operation.split('.');
			const bad = KINDS[kind];
			const expected = label ?? displayNameOf(operation, path);
			expect(expected).toBeDefined();

			const result = await runHero(
				standin,
				{ resource, operation: name, ...withExpression(base, path) },
				{ items: items(bad.map((v) => ({ v }))), continueOnFail: true },
			);

			expect(result.error).toBeUndefined();
			expect(standin.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([]);
			expect(result.items.map((item) => item.pairedItem)).toEqual(bad.map((_, item) => ({ item })));
			const errors = result.items.map(({ json }) => String(json.error ?? `accepted: ${JSON.stringify(json).slice(0, 80)}`));
			const field = String(expected).replace(/[()]/g, '\\$&');
			expect(errors).toEqual(
				bad.map((_, i) => expect.stringMatching(new RegExp(`^Invalid (Recipient \\d+ )?${field} \\[item ${i}\\]: `))),
			);
		},
	);
});

describe('credential values a request header cannot carry', () => {
	// Outside printable Latin-1, as pasted from a document or a chat: n8n's HTTP client would drop them silently.
	const VALUES = [
		['a zero-width space', 'hero-test-\u200bkey', 'U+200B'],
		['typographic double quotes', '\u201chero-test-key\u201d', 'U+201C'],
		['typographic single quotes', '\u2018hero-test-key\u2019', 'U+2018'],
		['a byte order mark', '\ufeffhero-test-key', 'U+FEFF'],
		['a non-breaking hyphen', 'hero\u2011test-key', 'U+2011'],
		['a C1 control character', 'hero-test-key\u0085', 'U+0085'],
		['an emoji', 'hero-test-key🔑', 'U+1F511'],
	];
	const FIELDS = [
		['apiKey', 'API Key'],
		['practiceGroupId', 'Practice Group ID'],
	];

	it.each(FIELDS.flatMap(([name, label]) => VALUES.map(([what, value, code]) => [label, what, name, value, code])))(
		'%s with %s: refused per item, naming the field and the character, with nothing sent',
		async (label, _, name, value, code) => {
			const result = await runHero(
				standin,
				{ resource: 'practiceGroup', operation: 'get' },
				{ credentials: { [name]: value }, items: items(2), continueOnFail: true },
			);
			expect(result.items.map(({ json }) => String(json.error))).toEqual(
				[0, 1].map((item) =>
					expect.stringMatching(
						new RegExp(
							`^Invalid ${label} in the Hero Health API credential \\[item ${item}\\]: it holds U\\+${code.slice(2)}, a character`,
						),
					),
				),
			);
			expect(JSON.stringify(result.items)).not.toContain(value);
			expect(standin.log).toEqual([]);
		},
	);
});

describe('hostile-looking free text is sent exactly as written', () => {
	const TEXTS = [
		'", "patient_id": "1002", "message_type": "email',
		'{"message_string": "overridden"}',
		"'; DROP TABLE patients; --",
		'<script>alert(1)</script>',
		'Zoë Siân Łukasz Ådne 日本語 مرحبا 👩🏽‍⚕️💉',
		'line one\nline two\ttabbed \u200b zero-width \u202e reversed',
		'{{ $json.secret }} ${process.env.HOME}',
		'\\"escaped\\" backslashes \\\\',
		'x'.repeat(918),
	];

	it('Message > Send: one request per item, message_string byte for byte, other fields untouched', async () => {
		const result = await runHero(
			standin,
			{ resource: 'message', operation: 'send', patientId: byId('1001'), channel: 'sms', message: BAD },
			{ items: items(TEXTS.map((v) => ({ v }))), continueOnFail: true },
		);

		expect(result.items.map(({ json }) => json.error)).toEqual(TEXTS.map(() => undefined));
		// Several are in flight at once, so they may reach Hero in any order.
		const sends = answeredRequestsTo(standin, 'POST', '/v1/messages/send');
		const byText = (a: { message_string: string }, b: { message_string: string }) =>
			a.message_string.localeCompare(b.message_string);
		expect(sends.map((entry) => entry.body as { message_string: string }).sort(byText)).toEqual(
			TEXTS.map((message_string) => ({ patient_id: '1001', message_type: 'sms', message_string })).sort(byText),
		);
		expect(sends.every((entry) => entry.valid)).toBe(true);
	});

	it('Patient > Create or Update: names with quotes, accents and scripts reach Hero unchanged', async () => {
		const names = ["O'Brien-Łukasz", 'Zoë "Zee"', '李 小龍', 'Ngā Kōrero'];
		const result = await runHero(
			standin,
			{ resource: 'patient', operation: 'createOrUpdate', ...newPatient, lastName: BAD },
			{ items: items(names.map((v) => ({ v }))), continueOnFail: true },
		);

		expect(result.items.map(({ json }) => json.error)).toEqual(names.map(() => undefined));
		expect(
			answeredRequestsTo(standin, 'POST', '/v1/patients/register').map(
				(entry) => (entry.body as { last_name: string }).last_name,
			),
		).toEqual(names);
	});
});
