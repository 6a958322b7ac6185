import type { INodeProperties } from 'n8n-workflow';

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

/** The parameter names of `locator`'s any-of filter: `locationId` gives `locations` holding `location` entries. */
export function anyOfFilterNames(locator: INodeProperties): { name: string; itemName: string } {
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

/** Return All / Limit for every list operation; read them with `readPageOptions`. */
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

/** A free slot's ID, for Slot > Get and for booking by slot; read it with `fetchFreeSlot`. */
export const slotIdField: INodeProperties = {
	displayName: 'Slot ID',
	name: 'slotId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 100231',
	description: 'The ID of a free slot, as returned by Slot > Get Many',
};

/** From Date and To Date, calendar days for a slot search or a booking link; read them with `readDateRange`. */
export function dateRangeFields(fromDescription: string, toDescription: string): INodeProperties[] {
	return [
		{ displayName: 'From Date', name: 'fromDate', type: 'dateTime', default: '', description: fromDescription },
		{ displayName: 'To Date', name: 'toDate', type: 'dateTime', default: '', description: toDescription },
	];
}

/** An NHS number typed or mapped from the input; read it with `checkedNhsNumber`. */
export const nhsNumberField: INodeProperties = {
	displayName: 'NHS Number',
	name: 'nhsNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 943 476 5919',
	description: '10 digits; spaces and hyphens are allowed',
};

/** A date of birth as YYYY-MM-DD; read it with `checkedDateOfBirth`. */
export const dateOfBirthField: INodeProperties = {
	displayName: 'Date of Birth',
	name: 'dateOfBirth',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1990-12-31',
	description: 'The date of birth as YYYY-MM-DD',
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
