import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { positiveWholeNumberProblem, refuseInvalid } from '../validation';
import { optionsCollection } from './common.descriptions';

export const DEFAULT_REQUESTS_IN_FLIGHT = 10;
export const MAX_REQUESTS_IN_FLIGHT = 50;

const requestsInFlightOption: INodeProperties = {
	displayName: 'Requests in Flight',
	name: 'requestsInFlight',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_REQUESTS_IN_FLIGHT },
	default: DEFAULT_REQUESTS_IN_FLIGHT,
	description: `How many items are sent to Hero at once (default ${DEFAULT_REQUESTS_IN_FLIGHT}). Requests still leave one by one at the credential's rate limit, so this never raises the rate; it keeps the rate up when Hero is slow to answer.`,
};

/** The fields of an operation whose items are independent, with Requests in Flight under its Options (added if it has none). */
export function withRequestsInFlight(fields: INodeProperties[]): INodeProperties[] {
	const options = fields.find((field) => field.name === 'options' && field.type === 'collection');
	if (!options) return [...fields, optionsCollection([requestsInFlightOption])];
	const merged = [...(options.options as INodeProperties[]), requestsInFlightOption].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
	return fields.map((field) => (field === options ? { ...options, options: merged } : field));
}

const valueFor = (context: IExecuteFunctions, itemIndex: number) =>
	context.getNodeParameter('options.requestsInFlight', itemIndex, DEFAULT_REQUESTS_IN_FLIGHT);

/** Refuses an item whose Requests in Flight (an expression may give each item its own) is not a whole number from 1 to the maximum. */
export function checkRequestsInFlight(this: IExecuteFunctions, itemIndex: number): void {
	refuseInvalid.call(
		this,
		itemIndex,
		'Requests in Flight',
		positiveWholeNumberProblem(valueFor(this, itemIndex), MAX_REQUESTS_IN_FLIGHT),
	);
}

/** How many items of an independent operation the router works on at once: the first item's setting (one while it is refused). */
export function requestsInFlight(this: IExecuteFunctions, itemCount: number): number {
	const value = valueFor(this, 0);
	const wanted = positiveWholeNumberProblem(value, MAX_REQUESTS_IN_FLIGHT) === undefined ? Number(value) : 1;
	return Math.max(1, Math.min(wanted, itemCount));
}
