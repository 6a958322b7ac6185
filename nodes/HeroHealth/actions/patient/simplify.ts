import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the most used fields (ID, NHS number, name, date of birth, contact details, postcode, EHR link, data source, status) instead of the full record',
};

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
