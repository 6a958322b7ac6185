import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { refuseInvalid } from '../../validation';
import {
	checkedDateOfBirth,
	checkedNhsNumber,
	dateOfBirthField,
	fetchPages,
	nhsNumberField,
	requestsInFlightOptions,
	returnAllOrLimit,
} from '../fields';
import { simplifyPatient, simplifyPatientField } from './shared';

export const about = {
	name: 'Search',
	action: 'Search for patients',
	description: 'Find patients by first name, last name, date of birth, NHS number or EHR partner ID',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['search'] } }, [
	{
		displayName: 'Search Fields',
		name: 'searchFields',
		type: 'collection',
		placeholder: 'Add Search Field',
		default: {},
		required: true,
		description: 'Patients matching all of these are returned; add at least one',
		options: [
			{ ...dateOfBirthField, required: false },
			{
				displayName: 'EHR Partner ID',
				name: 'ehrPartnerId',
				type: 'string',
				default: '',
				description: "The patient's identifier in the GP clinical system",
			},
			{
				displayName: 'EMIS ID',
				name: 'emisId',
				type: 'string',
				default: '',
				description: "The patient's EMIS Web ID. Hero searches it on its own, so it cannot be combined with other fields.",
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ ...nhsNumberField, required: false },
		],
	},
	...returnAllOrLimit,
	simplifyPatientField,
	requestsInFlightOptions,
]);

/**
 * v3 searches several fields at once; the EMIS ID is searchable only through v1's one-field search
 * (`field` + `search`). v2 is that same one-field search, and its documented field is in v3, so it is not used.
 */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const fields = this.getNodeParameter('searchFields', item.index, {}) as IDataObject;
	const given = (name: string) => String(fields[name] ?? '').trim();
	if (given('emisId')) {
		const others = Object.keys(fields).filter((name) => name !== 'emisId' && given(name));
		refuseInvalid.call(
			this,
			item.index,
			'Search Fields',
			others.length ? 'EMIS ID is searched on its own; remove the other fields' : undefined,
		);
		return await findPatients.call(this, item, heroPaths.patients, { field: 'emis_id', search: given('emisId') });
	}
	const qs: IDataObject = {};
	if (given('firstName')) qs.first_name = given('firstName');
	if (given('lastName')) qs.last_name = given('lastName');
	if (given('ehrPartnerId')) qs.ehr_partner_id = given('ehrPartnerId');
	if (given('nhsNumber')) qs.nhs_number = checkedNhsNumber.call(this, item.index, given('nhsNumber'));
	if (given('dateOfBirth')) qs.dob = checkedDateOfBirth.call(this, item.index, given('dateOfBirth'));
	refuseInvalid.call(this, item.index, 'Search Fields', Object.keys(qs).length ? undefined : 'add at least one');
	return await findPatients.call(this, item, heroPaths.patientsV3, qs);
}

async function findPatients(this: IExecuteFunctions, item: HeroItem, path: string, qs: IDataObject): Promise<IDataObject[]> {
	const patients = await fetchPages.call(this, item, { method: 'GET', path, qs });
	return this.getNodeParameter('simplify', item.index, true) ? patients.map(simplifyPatient) : patients;
}
