import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { patientLocator, readOptionalNumericId, requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Create Video Link',
	action: 'Create a video link',
	description: 'Create a link to join a video consultation',
	independentItems: true,
};

// Hero documents only the path of this call; the two fields are the stand-in's reading of it.
export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['createVideoLink'] } }, [
	{ ...patientLocator, required: false, description: 'The patient joining the video consultation. Optional.' },
	{
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5001',
		description: 'The video appointment the link is for. Optional.',
	},
	requestsInFlightOptions,
]);

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
