import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { patientLocator, readPatientId, simplifyField } from '../fields';

export const simplifyPatientField = simplifyField(
	'ID, NHS number, name, date of birth, contact details, postcode, EHR link, data source, status',
);

/**
 * The fields most workflows need from a Hero patient. Hero returns two shapes: the full record
 * (`id`) and the search/EHR-candidate summary (`hero_id`); both simplify to the same keys.
 */
export function simplifyPatient(patient: IDataObject): IDataObject {
	const field = (name: string) => patient[name] ?? null;
	return {
		id: patient.id ?? patient.hero_id ?? null,
		nhs_number: field('nhs_number'),
		first_name: field('first_name'),
		last_name: field('last_name'),
		dob: field('dob'),
		mobile: field('mobile'),
		email: field('email'),
		postcode: field('postcode'),
		ehr_partner_id: field('ehr_partner_id'),
		data_source: field('data_source'),
		status: field('status'),
	};
}

// Preview Merge and Merge: the two patients, and the preview that gives Merge its token.

export const keptPatientField: INodeProperties = {
	...patientLocator,
	displayName: 'Patient to Keep',
	description: 'The record that stays, usually the one linked to the GP clinical system. ' + patientLocator.description,
};

export const duplicatePatientField: INodeProperties = {
	...patientLocator,
	displayName: 'Duplicate Patient',
	name: 'duplicatePatientId',
	description:
		'The duplicate record that is merged into the patient to keep and then archived. Details held only on it may be lost.',
};

/** Hero's preview of the merged record, with the merge_token that Merge needs. */
export async function previewMerge(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index, 'patientId', 'Patient to Keep');
	const duplicateId = readPatientId.call(this, item.index, 'duplicatePatientId', 'Duplicate Patient');
	const subject = `patient ${patientId} or ${duplicateId}`;
	const body = { patient_id: duplicateId };
	return await heroRequest.call(this, { method: 'POST', path: heroPaths.patientMergePreview(patientId), body, subject }, item);
}
