import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, patientLocator, readPatientId, requestsInFlightOption } from '../fields';
import { simplifyPatient, simplifyPatientField } from './shared';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get a patient',
	description: "Get a patient's record by their Hero patient ID",
};

export const independentItems = true;

const displayOptions = { show: { resource: ['patient'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	patientLocator,
	simplifyPatientField,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index);
	const patient = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.patient(patientId), subject: `patient ${patientId}` },
		item,
	);
	return this.getNodeParameter('simplify', item.index, true) ? simplifyPatient(patient) : patient;
}
