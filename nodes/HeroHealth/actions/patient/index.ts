import type { INodeProperties } from 'n8n-workflow';

import * as connectEhr from './connectEhr.operation';
import * as createOrUpdate from './createOrUpdate.operation';
import * as get from './get.operation';
import * as getAttachments from './getAttachments.operation';
import * as getEhrCandidates from './getEhrCandidates.operation';
import * as merge from './merge.operation';
import * as previewMerge from './previewMerge.operation';
import * as registerFromPds from './registerFromPds.operation';
import * as search from './search.operation';
import { operationFields } from '../operationFields';

export const operations = {
	connectEhr,
	createOrUpdate,
	get,
	getAttachments,
	getEhrCandidates,
	merge,
	previewMerge,
	registerFromPds,
	search,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patient'] } },
		options: [
			{
				name: 'Connect to EHR',
				value: 'connectEhr',
				action: 'Connect a patient to their GP record',
				description:
					"Link a Hero patient to their record in the GP clinical system (EHR), chosen from the patient's EHR candidates",
			},
			{
				name: 'Create or Update',
				value: 'createOrUpdate',
				action: 'Create or update a patient',
				description:
					'Create a patient from demographics you supply, or update the patient with the same NHS number and date of birth. Returns the patient ID.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a patient',
				description: "Get a patient's record by their Hero patient ID",
			},
			{
				name: 'Get Attachments',
				value: 'getAttachments',
				action: 'Get the attachments of a patient',
				description: "List the files attached to a patient's medical record",
			},
			{
				name: 'Get EHR Candidates',
				value: 'getEhrCandidates',
				action: 'Get the GP record candidates of a patient',
				description:
					'List the records in the GP clinical system (EHR) that could be this patient, to choose the one to connect the patient to',
			},
			{
				name: 'Merge',
				value: 'merge',
				action: 'Merge two patient records',
				description:
					'Merge a duplicate patient record into the record to keep, with the token from a preview of the same merge (previewed on the spot unless a token is given). The duplicate is archived.',
			},
			{
				name: 'Preview Merge',
				value: 'previewMerge',
				action: 'Preview merging two patient records',
				description:
					'Show what merging a duplicate patient record into the record to keep would produce, with the merge token needed to merge them. Nothing changes yet.',
			},
			{
				name: 'Register From PDS',
				value: 'registerFromPds',
				action: 'Register a patient from the NHS spine',
				description:
					'Find a patient on the NHS Spine (PDS) by NHS number and date of birth, or by name, date of birth and postcode, and return their Hero patient ID, creating the patient if needed. Call this before messaging a patient. The status is identity_verification_required, with a login_url, when the patient must verify themselves first.',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search for patients',
				description: 'Find patients by first name, last name, date of birth, NHS number or EHR partner ID',
			},
		],
		default: 'get',
	},
	...operationFields('patient', operations),
];
