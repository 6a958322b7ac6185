import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyPatient, simplifyPatientField } from './shared';
import { patientLocator } from '../common.descriptions';
import { readPatientId } from '../common.parameters';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [patientLocator, simplifyPatientField];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index);
	const patient = await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.patient(patientId), subject: `patient ${patientId}` },
		item,
	);
	return this.getNodeParameter('simplify', item.index, true) ? simplifyPatient(patient) : patient;
}
