import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { HeroItem, HeroRequest, PageOptions } from '../transport/request';
import { heroRequestAllPages } from '../transport/request';
import {
	calendarDateProblem,
	dateOfBirthProblem,
	nhsNumberDigits,
	nhsNumberProblem,
	nonEmptyProblem,
	notTextProblem,
	numericIdProblem,
	plainDate,
	positiveWholeNumberProblem,
	refuseInvalid,
} from '../validation';

// The fields several operations share, each beside the function that reads it back for one item.
// A reader refuses a bad value (naming the field and the item) before anything is sent to Hero.

/** The optional settings of an operation, under n8n's usual Options / Add Option collection. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** What a list operation can be narrowed by, under n8n's usual Filters / Add Filter collection. */
export function filtersCollection(filters: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: filters,
	};
}

/** n8n's usual Simplify toggle, on by default; `fields` names what the simplified output keeps. */
export function simplifyField(fields: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return only the most used fields (${fields}) instead of Hero's full answer`,
	};
}

export const DEFAULT_REQUESTS_IN_FLIGHT = 10;
export const MAX_REQUESTS_IN_FLIGHT = 50;

/**
 * Among the Options of every operation whose items are independent (its `about` declares `independentItems`),
 * in its alphabetical place; the router reads it with `readRequestsInFlight`.
 */
export const requestsInFlightOption: INodeProperties = {
	displayName: 'Requests in Flight',
	name: 'requestsInFlight',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_REQUESTS_IN_FLIGHT },
	default: DEFAULT_REQUESTS_IN_FLIGHT,
	description: `How many items are sent to Hero at once (default ${DEFAULT_REQUESTS_IN_FLIGHT}). Requests still leave one by one at the credential's rate limit, so this never raises the rate; it keeps the rate up when Hero is slow to answer.`,
};

/** The Options of an independent operation that has no other options: Requests in Flight alone. */
export const requestsInFlightOptions = optionsCollection([requestsInFlightOption]);

const requestsInFlightFor = (context: IExecuteFunctions, itemIndex: number) =>
	context.getNodeParameter('options.requestsInFlight', itemIndex, DEFAULT_REQUESTS_IN_FLIGHT);

/** Refuses an item whose Requests in Flight (an expression may give each item its own) is not a whole number from 1 to the maximum. */
export function checkRequestsInFlight(this: IExecuteFunctions, itemIndex: number): void {
	refuseInvalid.call(
		this,
		itemIndex,
		'Requests in Flight',
		positiveWholeNumberProblem(requestsInFlightFor(this, itemIndex), MAX_REQUESTS_IN_FLIGHT),
	);
}

/** How many items of an independent operation the router works on at once: the first item's setting (one while it is refused). */
export function readRequestsInFlight(this: IExecuteFunctions, itemCount: number): number {
	const value = requestsInFlightFor(this, 0);
	const wanted = positiveWholeNumberProblem(value, MAX_REQUESTS_IN_FLIGHT) === undefined ? Number(value) : 1;
	return Math.max(1, Math.min(wanted, itemCount));
}

/** Return All / Limit for every list operation; `fetchPages` reads them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The Return All / Limit pair from `returnAllOrLimit`; a Limit that is not a whole number of at least 1 is refused. */
function readPageOptions(this: IExecuteFunctions, itemIndex: number): PageOptions {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll };
	const limit = this.getNodeParameter('limit', itemIndex, 50);
	refuseInvalid.call(this, itemIndex, 'Limit', positiveWholeNumberProblem(limit));
	return { returnAll, limit: Number(limit) };
}

/**
 * The records a list `request` answers, page by page as far as the item's Return All / Limit go.
 * `mayAnswerOneRecord`: see PageOptions.
 */
export async function fetchPages(
	this: IExecuteFunctions,
	item: HeroItem,
	request: HeroRequest,
	mayAnswerOneRecord = false,
): Promise<IDataObject[]> {
	return await heroRequestAllPages.call(this, request, { ...readPageOptions.call(this, item.index), mayAnswerOneRecord }, item);
}

/** Patient picker used by every operation that acts on one patient; the value is Hero's numeric patient ID. */
export const patientLocator: INodeProperties = {
	displayName: 'Patient',
	name: 'patientId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Hero patient: pick from a search by name or NHS number, or give the numeric Hero patient ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search by name or NHS number…',
			typeOptions: { searchListMethod: 'searchPatients', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1042',
			validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A Hero patient ID has digits only' } }],
		},
	],
};

/** A patient picker's value (list, ID or plain expression), refused unless it is a numeric Hero ID. */
export function readPatientId(this: IExecuteFunctions, itemIndex: number, name = 'patientId', field = 'Patient'): string {
	return readNumericId.call(this, itemIndex, name, field);
}

/** A required picker over one Hero list: search by name, or type the numeric ID. */
function numericIdLocator(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	description: string;
	idExample: string;
}): INodeProperties {
	const { displayName, name, searchListMethod, description, idExample } = options;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search by name…',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${idExample}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: `A Hero ${displayName.toLowerCase()} ID has digits only` },
					},
				],
			},
		],
	};
}

export const appointmentTypeLocator = numericIdLocator({
	displayName: 'Appointment Type',
	name: 'appointmentTypeId',
	searchListMethod: 'searchAppointmentTypes',
	description: 'The kind of appointment (e.g. GP appointment, blood test): pick by name, or give the numeric Hero ID',
	idExample: '3',
});

export const locationLocator = numericIdLocator({
	displayName: 'Location',
	name: 'locationId',
	searchListMethod: 'searchLocations',
	description: 'The surgery or site where the appointment takes place: pick by name, or give the numeric Hero ID',
	idExample: '1',
});

export const practitionerLocator = numericIdLocator({
	displayName: 'Practitioner',
	name: 'practitionerId',
	searchListMethod: 'searchPractitioners',
	description:
		'The clinician who sees the patient: pick by name (only those at the chosen location and for the chosen appointment type are listed), or give the numeric Hero ID',
	idExample: '15',
});

function pickerValue(this: IExecuteFunctions, itemIndex: number, name: string): string {
	return String(this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
}

/** Any other numeric Hero ID, from a picker or a plain field (appointment type, location, practitioner, appointment). */
export function readNumericId(this: IExecuteFunctions, itemIndex: number, name: string, field: string): string {
	const value = pickerValue.call(this, itemIndex, name);
	refuseInvalid.call(this, itemIndex, field, numericIdProblem(value));
	return value;
}

/** An optional numeric ID picker: empty means "not given" (undefined); anything else must be digits. */
export function readOptionalNumericId(
	this: IExecuteFunctions,
	itemIndex: number,
	name: string,
	field: string,
): string | undefined {
	return pickerValue.call(this, itemIndex, name) ? readNumericId.call(this, itemIndex, name, field) : undefined;
}

/** The parameter names of `locator`'s any-of filter: `locationId` gives `locations` holding `location` entries. */
function anyOfFilterNames(locator: INodeProperties): { name: string; itemName: string } {
	const itemName = locator.name.replace(/Id$/, '');
	return { name: `${itemName}s`, itemName };
}

/** A filter on several records, each picked with `locator` ("any of these"); read it with `readFilterIds`. */
export function anyOfFilter(locator: INodeProperties, description: string): INodeProperties {
	const { name, itemName } = anyOfFilterNames(locator);
	return {
		displayName: `${locator.displayName}s`,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${locator.displayName}`,
		default: {},
		description,
		options: [{ displayName: locator.displayName, name: itemName, values: [locator] }],
	};
}

/** The IDs picked in the Filters' `anyOfFilter(locator)`, each refused unless numeric. */
function readFilterIds(this: IExecuteFunctions, itemIndex: number, filters: IDataObject, locator: INodeProperties): string[] {
	const { name, itemName } = anyOfFilterNames(locator);
	const picked = ((filters[name] as IDataObject | undefined)?.[itemName] as unknown[] | undefined) ?? [];
	return picked.map((_, index) =>
		readNumericId.call(this, itemIndex, `filters.${name}.${itemName}[${index}].${locator.name}`, locator.displayName),
	);
}

/** The Has Availability filter of the booking lists; `listed` names what the list holds ("practitioners"). */
export function hasAvailabilityFilter(listed: string): INodeProperties {
	return {
		displayName: 'Has Availability',
		name: 'hasAvailability',
		type: 'boolean',
		default: true,
		description: `Whether to return only ${listed} with free slots (true) or only those without (false)`,
	};
}

/**
 * A booking list's query from its Filters: the IDs picked in each `anyOf` filter, under its Hero name
 * (read in the order given, each refused unless numeric), and has_availability when set.
 */
export function readBookingListQuery(
	this: IExecuteFunctions,
	itemIndex: number,
	anyOf: Record<string, INodeProperties>,
): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [heroName, locator] of Object.entries(anyOf)) {
		const ids = readFilterIds.call(this, itemIndex, filters, locator);
		if (ids.length) qs[heroName] = ids;
	}
	if (filters.hasAvailability !== undefined) qs.has_availability = filters.hasAvailability;
	return qs;
}

/** From Date and To Date, calendar days for a slot search or a booking link; check them with `checkedDateRange`. */
export function dateRangeFields(fromDescription: string, toDescription: string): INodeProperties[] {
	return [
		{ displayName: 'From Date', name: 'fromDate', type: 'dateTime', default: '', description: fromDescription },
		{ displayName: 'To Date', name: 'toDate', type: 'dateTime', default: '', description: toDescription },
	];
}

/** An optional calendar day as Hero's plain YYYY-MM-DD, checked first; undefined when not given. */
export function checkedCalendarDay(
	this: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	refuseInvalid.call(this, itemIndex, field, calendarDateProblem(value));
	return plainDate(value);
}

/** From Date and To Date as plain calendar days, each left out when empty; a To Date before the From Date is refused. */
export function checkedDateRange(
	this: IExecuteFunctions,
	itemIndex: number,
	given: { fromDate?: unknown; toDate?: unknown },
): { from?: string; to?: string } {
	const from = checkedCalendarDay.call(this, itemIndex, given.fromDate, 'From Date');
	const to = checkedCalendarDay.call(this, itemIndex, given.toDate, 'To Date');
	if (from && to && to < from) refuseInvalid.call(this, itemIndex, 'To Date', `${to} is before From Date ${from}`);
	return { from, to };
}

/** An NHS number typed or mapped from the input; check it with `checkedNhsNumber`. */
export const nhsNumberField: INodeProperties = {
	displayName: 'NHS Number',
	name: 'nhsNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 943 476 5919',
	description: '10 digits; spaces and hyphens are allowed',
};

/** An NHS number, refused unless it passes the check digit; returns its 10 digits. */
export function checkedNhsNumber(this: IExecuteFunctions, itemIndex: number, raw: unknown, field = 'NHS Number'): string {
	refuseInvalid.call(this, itemIndex, field, nhsNumberProblem(raw));
	return nhsNumberDigits(raw);
}

/** A date of birth as YYYY-MM-DD; check it with `checkedDateOfBirth`. */
export const dateOfBirthField: INodeProperties = {
	displayName: 'Date of Birth',
	name: 'dateOfBirth',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1990-12-31',
	description: 'The date of birth as YYYY-MM-DD',
};

/** A date of birth, refused unless a real date not in the future; returns YYYY-MM-DD. */
export function checkedDateOfBirth(this: IExecuteFunctions, itemIndex: number, raw: unknown, field = 'Date of Birth'): string {
	refuseInvalid.call(this, itemIndex, field, dateOfBirthProblem(raw));
	return plainDate(raw);
}

/**
 * The channels Hero sends a message on, as options of a Channel field: Message > Send offers all four,
 * Batch Message > Create all but Hero's inbox, and a fallback only Email and SMS. List them alphabetically.
 */
export const channelOptions = {
	email: { name: 'Email', value: 'email' },
	hero: { name: 'Hero', value: 'hero', description: "The patient's inbox in the Hero app" },
	nhsApp: { name: 'NHS App', value: 'nhs_app' },
	sms: { name: 'SMS', value: 'sms' },
};

/** The text of a message to patients, for Message > Send and Batch Message > Create; `description` says who receives it. */
export function messageTextField(description: string): INodeProperties {
	return {
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description,
	};
}

/** A required text parameter (or a picker's value), trimmed; refused when empty or not text. */
export function readRequiredText(this: IExecuteFunctions, itemIndex: number, name: string, field: string): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	refuseInvalid.call(this, itemIndex, field, notTextProblem(raw));
	const value = String(raw ?? '').trim();
	refuseInvalid.call(this, itemIndex, field, nonEmptyProblem(value));
	return value;
}

/**
 * Options Hero takes as they are, renamed to Hero's fields (`fields`: option name → Hero field).
 * Text is trimmed; an option left empty is left out.
 */
export function heroFieldsFrom(options: IDataObject, fields: Record<string, string>): IDataObject {
	const body: IDataObject = {};
	for (const [option, heroField] of Object.entries(fields)) {
		const value = typeof options[option] === 'string' ? (options[option] as string).trim() : options[option];
		if (value !== undefined && value !== null && value !== '') body[heroField] = value;
	}
	return body;
}
