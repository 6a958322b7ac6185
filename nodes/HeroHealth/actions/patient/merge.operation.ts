import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { readPatientId, readRequiredText } from '../fields';
import { duplicatePatientField, keptPatientField, previewMerge } from './shared';

export const about = {
	name: 'Merge',
	action: 'Merge two patient records',
	description:
		'Merge a duplicate patient record into the record to keep, with the token from a preview of the same merge (previewed on the spot unless a token is given). The duplicate is archived.',
	// Two items may touch the same patient records: they run one at a time, in input order.
	independentItems: false,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['merge'] } }, [
	keptPatientField,
	{
		displayName: 'Token Source',
		name: 'tokenSource',
		type: 'options',
		options: [
			{
				name: 'Preview Now',
				value: 'preview',
				description: 'Preview the merge and merge straight away with the token the preview returns',
			},
			{
				name: 'From Preview Merge',
				value: 'given',
				description: 'Use the token an earlier Preview Merge returned, e.g. once someone has approved the preview',
			},
		],
		default: 'preview',
		description: 'Hero merges only with a token from a preview of the same merge',
	},
	duplicatePatientField,
	{
		displayName: 'Merge Token',
		name: 'mergeToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		displayOptions: { show: { tokenSource: ['given'] } },
		default: '',
		description: 'The merge_token from Preview Merge of these two patients',
	},
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index, 'patientId', 'Patient to Keep');
	const duplicateId = readPatientId.call(this, item.index, 'duplicatePatientId', 'Duplicate Patient');
	const mergeToken =
		this.getNodeParameter('tokenSource', item.index) === 'given'
			? readRequiredText.call(this, item.index, 'mergeToken', 'Merge Token')
			: String((await previewMerge.call(this, item)).merge_token ?? '');
	if (!mergeToken) {
		throw new NodeOperationError(this.getNode(), 'Hero returned no merge_token from the merge preview, so nothing was merged', {
			itemIndex: item.index,
		});
	}
	const body = { merge_token: mergeToken, patient_id: duplicateId };
	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.patientMerge(patientId), body, subject: `patient ${patientId}` },
		item,
	);
}
