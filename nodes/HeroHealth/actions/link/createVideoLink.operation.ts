import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { patientLocator } from '../common.descriptions';
import { readOptionalNumericId } from '../common.parameters';

// Hero documents only the path of this call; the two fields are the stand-in's reading of it.
export const description: INodeProperties[] = [
	{ ...patientLocator, required: false, description: 'The patient joining the video consultation. Optional.' },
	{
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5001',
		description: 'The video appointment the link is for. Optional.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body: IDataObject = {};
	const patientId = readOptionalNumericId.call(this, itemIndex, 'patientId', 'Patient');
	if (patientId) body.patient_id = patientId;
	const appointmentId = readOptionalNumericId.call(this, itemIndex, 'appointmentId', 'Appointment ID');
	if (appointmentId) body.appointment_id = appointmentId;
	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.videoLinks, body, subject: 'patient or appointment' },
		itemIndex,
	);
}
