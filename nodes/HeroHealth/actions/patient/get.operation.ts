import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyPatient, simplifyPatientField } from './shared';
import { patientLocator } from '../common.descriptions';
import { readPatientId } from '../common.parameters';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [patientLocator, simplifyPatientField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const patientId = readPatientId.call(this, itemIndex);
	const patient = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.patient(patientId), subject: `patient ${patientId}` },
		itemIndex,
	);
	return this.getNodeParameter('simplify', itemIndex, true) ? simplifyPatient(patient) : patient;
}
