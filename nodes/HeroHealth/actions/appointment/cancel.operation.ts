import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { optionsCollection } from '../common.descriptions';
import { appointmentIdField, readAppointmentId, suppressMailOption } from './shared';

export const description: INodeProperties[] = [
	{ ...appointmentIdField, description: 'The ID of the appointment or reservation to cancel' },
	optionsCollection([
		{
			displayName: 'Suppress Cancellation Policy',
			name: 'suppressCancellationPolicy',
			type: 'boolean',
			default: false,
			description:
				"Whether to cancel even inside the practice's cancellation window (cancellation_policy_hours before the start)",
		},
		suppressMailOption('the cancellation'),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const appointmentId = readAppointmentId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		suppressCancellationPolicy?: boolean;
		suppressMail?: boolean;
	};
	const body: IDataObject = {};
	if (options.suppressMail !== undefined) body.suppress_mail = options.suppressMail;
	if (options.suppressCancellationPolicy !== undefined) {
		body.suppress_cancellation_policy = options.suppressCancellationPolicy;
	}
	const response = await heroRequest.call(
		this,
		{ method: 'PATCH', path: heroPaths.appointmentCancel(appointmentId), body, subject: `appointment ${appointmentId}` },
		itemIndex,
	);
	// Hero's answer to a cancel is not documented; an empty one still means it worked.
	return response && typeof response === 'object' && Object.keys(response).length > 0 ? response : { cancelled: true };
}
