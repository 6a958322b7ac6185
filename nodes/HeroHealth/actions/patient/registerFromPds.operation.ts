import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { checkedDateOfBirth, checkedNhsNumber, dateOfBirthField, nhsNumberField, readRequiredText } from '../fields';

export const about = {
	name: 'Register From PDS',
	action: 'Register a patient from the NHS spine',
	description:
		'Find a patient on the NHS Spine (PDS) by NHS number and date of birth, or by name, date of birth and postcode, and return their Hero patient ID, creating the patient if needed. Call this before messaging a patient. The status is identity_verification_required, with a login_url, when the patient must verify themselves first.',
	// Two items may trace the same patient, whom Hero must register once: they run one at a time, in input order.
	independentItems: false,
};

const byDemographics = { show: { findBy: ['demographics'] } };

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['registerFromPds'] } }, [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'NHS Number and Date of Birth', value: 'nhsNumber' },
			{ name: 'Name, Date of Birth and Postcode', value: 'demographics' },
		],
		default: 'nhsNumber',
		description: 'What to trace the patient on the NHS Spine (PDS) by',
	},
	{ ...nhsNumberField, displayOptions: { show: { findBy: ['nhsNumber'] } } },
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		displayOptions: byDemographics,
		default: '',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		displayOptions: byDemographics,
		default: '',
	},
	dateOfBirthField,
	{
		displayName: 'Postcode',
		name: 'postcode',
		type: 'string',
		required: true,
		displayOptions: byDemographics,
		default: '',
		placeholder: 'e.g. LS1 4AP',
	},
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const findBy = this.getNodeParameter('findBy', item.index) as string;
	const body: IDataObject = {};
	if (findBy === 'nhsNumber') {
		body.nhs_number = checkedNhsNumber.call(this, item.index, this.getNodeParameter('nhsNumber', item.index));
	} else {
		body.forename = readRequiredText.call(this, item.index, 'firstName', 'First Name');
		body.surname = readRequiredText.call(this, item.index, 'lastName', 'Last Name');
		body.postcode = readRequiredText.call(this, item.index, 'postcode', 'Postcode');
	}
	body.dob = checkedDateOfBirth.call(this, item.index, this.getNodeParameter('dateOfBirth', item.index));

	const response = await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.patientRegisterPds, body, subject: 'patient matching these details in PDS' },
		item,
	);
	// Hero answers 200 either way; a login_url means nothing was registered yet.
	if (response.login_url) {
		return {
			status: 'identity_verification_required',
			patient_id: null,
			login_url: response.login_url,
			message: response.message ?? 'The patient must verify their identity at login_url, then register again',
		};
	}
	return { status: 'registered', ...response };
}
