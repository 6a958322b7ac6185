import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { readPatientId } from '../common.parameters';
import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';

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

export const description: INodeProperties[] = [keptPatientField, duplicatePatientField];

/** Hero's preview of the merged record, with the merge_token that Merge needs. */
export async function previewMerge(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const patientId = readPatientId.call(this, itemIndex, 'patientId', 'Patient to Keep');
	const duplicateId = readPatientId.call(this, itemIndex, 'duplicatePatientId', 'Duplicate Patient');
	return await heroRequest.call(
		this,
		{
			method: 'POST',
			path: heroPaths.patientMergePreview(patientId),
			body: { patient_id: duplicateId },
			subject: `patient ${patientId} or ${duplicateId}`,
		},
		itemIndex,
	);
}

export const execute = previewMerge;
