import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { patientLocator, readPatientId, requestsInFlightOptions } from '../fields';
import { simplifyPatient, simplifyPatientField } from './shared';

export const about = {
	name: 'Get',
	action: 'Get a patient',
	description: "Get a patient's record by their Hero patient ID",
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['get'] } }, [
	patientLocator,
	simplifyPatientField,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readPatientId.call(this, item.index);
	const patient = await heroGet.call(this, item, heroPaths.patient(id), `patient ${id}`);
	return this.getNodeParameter('simplify', item.index, true) ? simplifyPatient(patient) : patient;
}
