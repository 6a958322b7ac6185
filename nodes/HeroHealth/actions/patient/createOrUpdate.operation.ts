import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { emailProblem, refuseInvalid, ukMobileProblem } from '../../validation';
import {
	checkedDateOfBirth,
	checkedNhsNumber,
	dateOfBirthField,
	heroFieldsFrom,
	nhsNumberField,
	readRequiredText,
} from '../fields';

export const about = {
	name: 'Create or Update',
	action: 'Create or update a patient',
	description:
		'Create a patient from demographics you supply, or update the patient with the same NHS number and date of birth. Returns the patient ID.',
	// Two items may be the same patient (created, then updated): they run one at a time, in input order.
	independentItems: false,
};

const text = (displayName: string, name: string, placeholder = ''): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(placeholder ? { placeholder } : {}),
});

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['createOrUpdate'] } }, [
	{ ...text('First Name', 'firstName'), required: true },
	{ ...text('Last Name', 'lastName'), required: true },
	dateOfBirthField,
	{
		...text('Mobile', 'mobile', 'e.g. 07700 900123'),
		required: true,
		description: 'UK mobile number; Hero uses it for SMS messages',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			text('Address Line 1', 'addressLine1'),
			text('Address Line 2', 'addressLine2'),
			text('Address Line 3', 'addressLine3'),
			text('Country', 'country'),
			text('County', 'county'),
			{
				displayName: 'Data Source',
				name: 'dataSource',
				type: 'options',
				options: [
					{ name: 'EMIS', value: 'emis' },
					{ name: 'GHA', value: 'gha' },
					{ name: 'Hero', value: 'hero' },
					{ name: 'PDS', value: 'pds' },
					{ name: 'SystmOne', value: 'systm_one' },
				],
				default: 'hero',
				description: 'Where these demographics come from',
			},
			text('Email', 'email', 'e.g. name@example.com'),
			{ ...text('EHR Partner ID', 'ehrPartnerId'), description: "The patient's identifier in the GP clinical system" },
			text('Landline', 'landline'),
			{
				...nhsNumberField,
				required: false,
				description: 'With the date of birth, this is how Hero finds an existing patient to update',
			},
			text('Postcode', 'postcode', 'e.g. LS1 4AP'),
			{
				displayName: 'Sex',
				name: 'sex',
				type: 'options',
				options: [
					{ name: 'Female', value: 'Female' },
					{ name: 'Male', value: 'Male' },
					{ name: 'Not Known', value: 'Not known' },
					{ name: 'Not Specified', value: 'Not specified' },
					{ name: 'Other', value: 'Other' },
				],
				default: 'Not known',
			},
			{ ...text('Title', 'title', 'e.g. Ms'), description: "One of Hero's titles, such as Mr, Mrs, Ms, Miss, Mx or Dr" },
		],
	},
]);

// Additional fields Hero takes as they are: n8n name → Hero field.
const PASSED_THROUGH: Record<string, string> = {
	addressLine1: 'address_line_1',
	addressLine2: 'address_line_2',
	addressLine3: 'address_line_3',
	country: 'country',
	county: 'county',
	dataSource: 'data_source',
	ehrPartnerId: 'ehr_partner_id',
	landline: 'landline',
	postcode: 'postcode',
	sex: 'sex',
	title: 'title',
};

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const body: IDataObject = {
		first_name: readRequiredText.call(this, item.index, 'firstName', 'First Name'),
		last_name: readRequiredText.call(this, item.index, 'lastName', 'Last Name'),
	};
	body.dob = checkedDateOfBirth.call(this, item.index, this.getNodeParameter('dateOfBirth', item.index));
	body.mobile = String(this.getNodeParameter('mobile', item.index)).trim();
	refuseInvalid.call(this, item.index, 'Mobile', ukMobileProblem(body.mobile));

	const extra = this.getNodeParameter('additionalFields', item.index, {}) as IDataObject;
	Object.assign(body, heroFieldsFrom(extra, PASSED_THROUGH));
	if (extra.nhsNumber) body.nhs_number = checkedNhsNumber.call(this, item.index, extra.nhsNumber);
	if (extra.email) {
		body.email = String(extra.email).trim();
		refuseInvalid.call(this, item.index, 'Email', emailProblem(body.email));
	}

	return await heroRequest.call(this, { method: 'POST', path: heroPaths.patientRegister, body, subject: 'patient' }, item);
}
