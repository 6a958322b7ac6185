import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { patientLocator, readPatientId, readRequiredText } from '../fields';

export const about = {
	name: 'Connect to EHR',
	action: 'Connect a patient to their GP record',
	description: "Link a Hero patient to their record in the GP clinical system (EHR), chosen from the patient's EHR candidates",
	// Two items may change the same patient: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['connectEhr'] } }, [
	patientLocator,
	{
		displayName: 'EHR Candidate',
		name: 'ehrPartnerId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The GP clinical system record to link the patient to: pick one of the patient's EHR candidates, or give its EHR partner ID (ehr_partner_id from Get EHR Candidates)",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchEhrCandidates' },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. EHR-50001' },
		],
	},
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index);
	const ehrPartnerId = readRequiredText.call(this, item.index, 'ehrPartnerId', 'EHR Candidate');
	const subject = `patient ${patientId} or EHR record ${ehrPartnerId}`;
	const body = { ehr_partner_id: ehrPartnerId };
	return await heroRequest.call(this, { method: 'POST', path: heroPaths.patientEhrConnect(patientId), body, subject }, item);
}
