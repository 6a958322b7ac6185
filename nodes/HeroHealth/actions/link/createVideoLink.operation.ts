import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, patientLocator, readOptionalNumericId, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Create Video Link',
	action: 'Create a video link',
	description: 'Create a link to join a video consultation',
};

export const independentItems = true;

// Hero documents only the path of this call; the two fields are the stand-in's reading of it.
const displayOptions = { show: { resource: ['link'], operation: ['createVideoLink'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	{ ...patientLocator, required: false, description: 'The patient joining the video consultation. Optional.' },
	{
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5001',
		description: 'The video appointment the link is for. Optional.',
	},
	optionsCollection([requestsInFlightOption]),
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
