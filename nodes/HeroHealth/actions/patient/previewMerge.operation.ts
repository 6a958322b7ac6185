import { updateDisplayOptions } from 'n8n-workflow';

import { requestsInFlightOptions } from '../fields';
import { duplicatePatientField, keptPatientField, previewMerge } from './shared';

export const about = {
	name: 'Preview Merge',
	action: 'Preview merging two patient records',
	description:
		'Show what merging a duplicate patient record into the record to keep would produce, with the merge token needed to merge them. Nothing changes yet.',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['previewMerge'] } }, [
	keptPatientField,
	duplicatePatientField,
	requestsInFlightOptions,
]);

export const execute = previewMerge;
