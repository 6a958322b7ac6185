import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withLondonStart } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { confirm, fetchReservationBody, reservationFields, reserve } from './shared';

export const about = {
	name: 'Book',
	action: 'Book an appointment',
	description:
		'Reserve a slot for a patient and confirm it in one step; if confirming fails the reservation is cancelled so the slot is not left held',
	// Two items may want the same slot: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['book'] } }, reservationFields);

/**
 * Reserve, then confirm. If confirming fails the reservation is cancelled before the error is
 * reported, so a failed run never leaves the slot held until the reservation lapses.
 */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const reservation = await reserve.call(this, item, await fetchReservationBody.call(this, item));
	const appointmentId = String(reservation.id);
	try {
		return withLondonStart(await confirm.call(this, item, appointmentId));
	} catch (error) {
		throw await releaseReservation.call(this, item, appointmentId, reservation, error as NodeApiError);
	}
}

async function releaseReservation(
	this: IExecuteFunctions,
	item: HeroItem,
	appointmentId: string,
	reservation: IDataObject,
	confirmError: NodeApiError,
): Promise<NodeApiError> {
	const why = confirmError.message;
	try {
		// Quietly: the patient was never told about this booking, and the policy window is ours to waive.
		const body = { suppress_mail: true, suppress_cancellation_policy: true };
		const subject = `appointment ${appointmentId}`;
		await heroRequest.call(this, { method: 'PATCH', path: heroPaths.appointmentCancel(appointmentId), body, subject }, item);
		confirmError.message = `The booking could not be confirmed, so its reservation (appointment ${appointmentId}) was cancelled and the slot is free again. ${why}`;
	} catch (cancelError) {
		confirmError.message = `The booking could not be confirmed, and cancelling its reservation (appointment ${appointmentId}) failed too, so the slot stays held until the reservation lapses at ${String(reservation.reserved_until)}. ${why}`;
		confirmError.description = [confirmError.description, `Cancelling the reservation failed: ${(cancelError as Error).message}`]
			.filter(Boolean)
			.join('\n');
	}
	return confirmError;
}
