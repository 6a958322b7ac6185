import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from './common.descriptions';

export const DEFAULT_REQUESTS_IN_FLIGHT = 10;
export const MAX_REQUESTS_IN_FLIGHT = 50;

/**
 * Operations (by value, in any resource) whose items cannot affect each other: reads, and writes
 * that make a new record per item (a message, a link, a batch, a token). Every other operation
 * (booking, patient changes, link update) runs one item at a time, since two items may touch the
 * same slot or patient and must reach Hero in input order.
 */
export const INDEPENDENT_OPERATIONS = [
	'count',
	'create',
	'createAccessToken',
	'createAttachmentLink',
	'createBookingLink',
	'createFormLink',
	'createVideoLink',
	'get',
	'getAll',
	'getAttachments',
	'getCapabilities',
	'getConfiguration',
	'getEhrCandidates',
	'getElements',
	'getMessages',
	'getRecipients',
	'getStatus',
	'previewMerge',
	'search',
	'send',
];

const requestsInFlightOption: INodeProperties = {
	displayName: 'Requests in Flight',
	name: 'requestsInFlight',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_REQUESTS_IN_FLIGHT },
	default: DEFAULT_REQUESTS_IN_FLIGHT,
	description: `How many items are sent to Hero at once (default ${DEFAULT_REQUESTS_IN_FLIGHT}). Requests still leave one by one at the credential's rate limit, so this never raises the rate; it keeps the rate up when Hero is slow to answer.`,
};

/** An independent operation's fields with Requests in Flight under its Options (added if it has none). */
export function withRequestsInFlight(operation: string, fields: INodeProperties[]): INodeProperties[] {
	if (!INDEPENDENT_OPERATIONS.includes(operation)) return fields;
	const options = fields.find((field) => field.name === 'options' && field.type === 'collection');
	if (!options) return [...fields, optionsCollection([requestsInFlightOption])];
	const merged = [...(options.options as INodeProperties[]), requestsInFlightOption].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return fields.map((field) => (field === options ? { ...options, options: merged } : field));
}

/** How many items the router works on at once: 1 for operations whose items must reach Hero in order. */
export function requestsInFlight(this: IExecuteFunctions, itemCount: number): number {
	if (!INDEPENDENT_OPERATIONS.includes(this.getNodeParameter('operation', 0) as string)) return 1;
	const value = Number(this.getNodeParameter('options.requestsInFlight', 0, DEFAULT_REQUESTS_IN_FLIGHT));
	const wanted = Number.isInteger(value) && value >= 1 ? Math.min(value, MAX_REQUESTS_IN_FLIGHT) : DEFAULT_REQUESTS_IN_FLIGHT;
	return Math.max(1, Math.min(wanted, itemCount));
}
