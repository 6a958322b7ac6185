import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequestAllPages } from '../../transport/request';
import {
	optionsCollection,
	patientLocator,
	readPageOptions,
	readPatientId,
	requestsInFlightOption,
	returnAllOrLimit,
} from '../fields';
import { simplifyPatient, simplifyPatientField } from './shared';

export const dropdownEntry = {
	name: 'Get EHR Candidates',
	action: 'Get the GP record candidates of a patient',
	description:
		'List the records in the GP clinical system (EHR) that could be this patient, to choose the one to connect the patient to',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['patient'], operation: ['getEhrCandidates'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	patientLocator,
	...returnAllOrLimit,
	simplifyPatientField,
	optionsCollection([requestsInFlightOption]),
]);

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
