import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { calendarDateProblem, plainDate, refuseInvalid } from '../../validation';
import { appointmentTypeLocator, locationLocator, practitionerLocator } from '../common.descriptions';
import { readNumericId, readOptionalNumericId } from '../common.parameters';
import { addDays, londonToday } from '../londonTime';

const DEFAULT_WINDOW_DAYS = 14;

/** What to search for free slots by; shared by Slot Get Many and Count. */
export const slotSearchFields: INodeProperties[] = [
	appointmentTypeLocator,
	locationLocator,
	{
		...practitionerLocator,
		required: false,
		description: 'Only slots with this clinician. Leave empty for any practitioner.',
	},
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		description: 'First day to search (London calendar day). Leave empty for today.',
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: `Last day to search, inclusive. Leave empty for ${DEFAULT_WINDOW_DAYS} days after From Date.`,
	},
];

/** The slot query Hero expects; dates are sent as plain London calendar days. */
export function readSlotSearch(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const qs: IDataObject = {
		appointment_type_id: readNumericId.call(this, itemIndex, 'appointmentTypeId', 'Appointment Type'),
		location_id: readNumericId.call(this, itemIndex, 'locationId', 'Location'),
	};
	const practitionerId = readOptionalNumericId.call(this, itemIndex, 'practitionerId', 'Practitioner');
	if (practitionerId) qs.practitioner_id = practitionerId;

	const fromRaw = this.getNodeParameter('fromDate', itemIndex, '') as string;
	const toRaw = this.getNodeParameter('toDate', itemIndex, '') as string;
	if (fromRaw) refuseInvalid.call(this, itemIndex, 'From Date', calendarDateProblem(fromRaw));
	if (toRaw) refuseInvalid.call(this, itemIndex, 'To Date', calendarDateProblem(toRaw));
	const from = fromRaw ? plainDate(fromRaw) : londonToday();
	const to = toRaw ? plainDate(toRaw) : addDays(from, DEFAULT_WINDOW_DAYS);
	if (to < from) refuseInvalid.call(this, itemIndex, 'To Date', `${to} is before From Date ${from}`);
	qs.start_date = from;
	qs.end_date = to;
	return qs;
}

export const slotIdField: INodeProperties = {
	displayName: 'Slot ID',
	name: 'slotId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 100231',
	description: 'The ID of a free slot, as returned by Slot > Get Many',
};

/** A free slot; Hero answers 404 once it is reserved, booked or past. */
export async function fetchSlot(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const slotId = readNumericId.call(this, itemIndex, 'slotId', 'Slot ID');
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.slot(slotId), subject: `free slot ${slotId}` },
		itemIndex,
	);
}
