import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { duplicatePatientField, keptPatientField, previewMerge } from './shared';
import { readPatientId, readRequiredText } from '../common.parameters';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

export const description: INodeProperties[] = [
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
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const patientId = readPatientId.call(this, itemIndex, 'patientId', 'Patient to Keep');
	const duplicateId = readPatientId.call(this, itemIndex, 'duplicatePatientId', 'Duplicate Patient');
	const mergeToken =
		this.getNodeParameter('tokenSource', itemIndex) === 'given'
			? readRequiredText.call(this, itemIndex, 'mergeToken', 'Merge Token')
			: String((await previewMerge.call(this, itemIndex)).merge_token ?? '');
	if (!mergeToken) {
		throw new NodeOperationError(this.getNode(), 'Hero returned no merge_token from the merge preview, so nothing was merged', {
			itemIndex,
		});
	}
	return await heroRequest.call(
		this,
		{
			method: 'POST',
			path: heroPaths.patientMerge(patientId),
			body: { merge_token: mergeToken, patient_id: duplicateId },
			subject: `patient ${patientId}`,
		},
		itemIndex,
	);
}
