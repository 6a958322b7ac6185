import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { addDays, londonToday } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { refuseInvalid } from '../../validation';
import {
	appointmentTypeLocator,
	checkedDateRange,
	dateRangeFields,
	locationLocator,
	practitionerLocator,
	readNumericId,
	readOptionalNumericId,
} from '../fields';

/** A free slot's ID, for Slot > Get and for booking by slot; fetch the slot with `fetchFreeSlot`. */
export const slotIdField: INodeProperties = {
	displayName: 'Slot ID',
	name: 'slotId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 100231',
	description: 'The ID of a free slot, as returned by Slot > Get Many',
};

/** The free slot named by Slot ID, fetched from Hero, which answers 404 once it is reserved, booked or past. */
export async function fetchFreeSlot(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const slotId = readNumericId.call(this, item.index, 'slotId', 'Slot ID');
	return await heroGet.call(this, item, heroPaths.slot(slotId), `free slot ${slotId}`);
}

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
	...dateRangeFields(
		'First day to search (London calendar day). Leave empty for today.',
		`Last day to search, inclusive. Leave empty for ${DEFAULT_WINDOW_DAYS} days after From Date.`,
	),
];

/** The slot query Hero expects; dates are sent as plain London calendar days. */
export function readSlotSearch(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const qs: IDataObject = {
		appointment_type_id: readNumericId.call(this, itemIndex, 'appointmentTypeId', 'Appointment Type'),
		location_id: readNumericId.call(this, itemIndex, 'locationId', 'Location'),
	};
	const practitionerId = readOptionalNumericId.call(this, itemIndex, 'practitionerId', 'Practitioner');
	if (practitionerId) qs.practitioner_id = practitionerId;

	const range = checkedDateRange.call(this, itemIndex, {
		fromDate: this.getNodeParameter('fromDate', itemIndex, ''),
		toDate: this.getNodeParameter('toDate', itemIndex, ''),
	});
	qs.start_date = range.from ?? londonToday();
	qs.end_date = range.to ?? addDays(qs.start_date as string, DEFAULT_WINDOW_DAYS);
	refuseInvalid.call(
		this,
		itemIndex,
		'To Date',
		qs.end_date < qs.start_date ? `${String(qs.end_date)} is before From Date ${String(qs.start_date)}` : undefined,
	);
	return qs;
}
