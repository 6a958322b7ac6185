import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyPatient, simplifyPatientField } from './shared';
import { patientLocator, returnAllOrLimit } from '../common.descriptions';
import { readPageOptions, readPatientId } from '../common.parameters';
import { heroRequestAllPages } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [patientLocator, ...returnAllOrLimit, simplifyPatientField];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const patientId = readPatientId.call(this, item.index);
	const candidates = await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.patientEhrCandidates(patientId), subject: `patient ${patientId}` },
		readPageOptions.call(this, item.index),
		item,
	);
	return this.getNodeParameter('simplify', item.index, true) ? candidates.map(simplifyPatient) : candidates;
}
