import type { IDataObject } from 'n8n-workflow';

import { simplifyField } from '../common.descriptions';

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
