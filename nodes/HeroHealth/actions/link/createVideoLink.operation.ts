import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { patientLocator } from '../common.descriptions';
import { readOptionalNumericId } from '../common.parameters';
import type { HeroItem } from '../types';

// Hero documents only the path of this call; the two fields are the stand-in's reading of it.
export const independentItems = true;

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

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const body: IDataObject = {};
	const patientId = readOptionalNumericId.call(this, item.index, 'patientId', 'Patient');
	if (patientId) body.patient_id = patientId;
	const appointmentId = readOptionalNumericId.call(this, item.index, 'appointmentId', 'Appointment ID');
	if (appointmentId) body.appointment_id = appointmentId;
	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.videoLinks, body, subject: 'patient or appointment' },
		item,
	);
}
