import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, requestsInFlightOption } from '../fields';
import { duplicatePatientField, keptPatientField, previewMerge } from './shared';

export const dropdownEntry = {
	name: 'Preview Merge',
	action: 'Preview merging two patient records',
	description:
		'Show what merging a duplicate patient record into the record to keep would produce, with the merge token needed to merge them. Nothing changes yet.',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['patient'], operation: ['previewMerge'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	keptPatientField,
	duplicatePatientField,
	optionsCollection([requestsInFlightOption]),
]);

export const execute = previewMerge;
