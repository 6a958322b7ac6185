import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { positiveWholeNumberProblem, refuseInvalid } from '../../validation';
import {
	checkedCalendarDay,
	checkedDateRange,
	dateRangeFields,
	practitionerLocator,
	readNumericId,
	readOptionalNumericId,
} from '../fields';

export const linkIdField: INodeProperties = {
	displayName: 'Booking Link ID',
	name: 'linkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2001',
	description: 'The ID of the booking link (the ID returned by Create Booking Link)',
};

export function readLinkId(this: IExecuteFunctions, itemIndex: number): string {
	return readNumericId.call(this, itemIndex, 'linkId', 'Booking Link ID');
}

export const expiryDateOption: INodeProperties = {
	displayName: 'Expiry Date',
	name: 'expiryDate',
	type: 'dateTime',
	default: '',
	description: 'Last day the link works. Leave empty for Hero’s default.',
};

export const maximumUsesOption: INodeProperties = {
	displayName: 'Maximum Uses',
	name: 'maximumUses',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'How many times the link can be used',
};

/** expiry_date and maximum_use_count, shared by every link that can expire or be used up. */
export function checkedLinkLimits(
	this: IExecuteFunctions,
	itemIndex: number,
	options: { expiryDate?: string; maximumUses?: number },
): IDataObject {
	const limits: IDataObject = {};
	const expiryDate = checkedCalendarDay.call(this, itemIndex, options.expiryDate, 'Expiry Date');
	if (expiryDate) limits.expiry_date = expiryDate;
	if (options.maximumUses !== undefined) {
		refuseInvalid.call(this, itemIndex, 'Maximum Uses', positiveWholeNumberProblem(options.maximumUses));
		limits.maximum_use_count = Number(options.maximumUses);
	}
	return limits;
}

/** Which slots a booking link offers (practitioner and date window), shared by Create and Update. */
export const [fromDateOption, toDateOption] = dateRangeFields(
	'Only offer slots from this day on',
	'Only offer slots up to this day',
);

export const practitionerOption: INodeProperties = {
	...practitionerLocator,
	required: false,
	description: 'Only offer slots with this clinician. Leave out for any practitioner.',
};

/** practitioner_id, from_date and to_date from a collection parameter (`collection` is its name). */
export function readBookingWindow(this: IExecuteFunctions, itemIndex: number, collection: string): IDataObject {
	const options = this.getNodeParameter(collection, itemIndex, {}) as { fromDate?: string; toDate?: string };
	const window: IDataObject = {};
	const practitionerId = readOptionalNumericId.call(this, itemIndex, `${collection}.practitionerId`, 'Practitioner');
	if (practitionerId) window.practitioner_id = practitionerId;
	const { from, to } = checkedDateRange.call(this, itemIndex, options);
	if (from) window.from_date = from;
	if (to) window.to_date = to;
	return window;
}
