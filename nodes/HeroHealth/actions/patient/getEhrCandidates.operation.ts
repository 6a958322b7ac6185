import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { fetchPages, patientLocator, readPatientId, requestsInFlightOptions, returnAllOrLimit } from '../fields';
import { simplifyPatient, simplifyPatientField } from './shared';

export const about = {
	name: 'Get EHR Candidates',
	action: 'Get the GP record candidates of a patient',
	description:
		'List the records in the GP clinical system (EHR) that could be this patient, to choose the one to connect the patient to',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['getEhrCandidates'] } }, [
	patientLocator,
	...returnAllOrLimit,
	simplifyPatientField,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const id = readPatientId.call(this, item.index);
	const candidates = await fetchPages.call(this, item, {
		method: 'GET',
		path: heroPaths.patientEhrCandidates(id),
		subject: `patient ${id}`,
	});
	return this.getNodeParameter('simplify', item.index, true) ? candidates.map(simplifyPatient) : candidates;
}
