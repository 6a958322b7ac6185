import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyPatient, simplifyPatientField } from './shared';
import { patientLocator, returnAllOrLimit } from '../common.descriptions';
import { readPageOptions, readPatientId } from '../common.parameters';
import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [patientLocator, ...returnAllOrLimit, simplifyPatientField];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const patientId = readPatientId.call(this, itemIndex);
	const candidates = await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.patientEhrCandidates(patientId), subject: `patient ${patientId}` },
		readPageOptions.call(this, itemIndex),
		itemIndex,
	);
	return this.getNodeParameter('simplify', itemIndex, true) ? candidates.map(simplifyPatient) : candidates;
}
