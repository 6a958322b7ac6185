import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, patientLocator, readPatientId, readRequiredText, requestsInFlightOption } from '../fields';
import { checkedLinkLimits, expiryDateOption, maximumUsesOption } from './shared';

export const about = {
	name: 'Create Attachment Link',
	action: 'Create an attachment link',
	description: 'Create a link through which a patient downloads a file, from their record or uploaded',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['link'], operation: ['createAttachmentLink'] } }, [
	{ ...patientLocator, description: 'The patient the file is shared with' },
	{
		displayName: 'File Source',
		name: 'fileSource',
		type: 'options',
		default: 'ehrFile',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'Upload a file from this item’s binary data',
			},
			{
				name: 'File in Patient Record',
				value: 'ehrFile',
				description: 'A file already in the patient’s record (see the patient’s attachments)',
			},
		],
	},
	{
		displayName: 'EHR File ID',
		name: 'ehrFileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. EHRF-800001',
		displayOptions: { show: { fileSource: ['ehrFile'] } },
		description: 'The ehr_file_id of the file, from the patient’s attachments',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		displayOptions: { show: { fileSource: ['binary'] } },
		description: 'The name of the input binary field holding the file',
	},
	optionsCollection([
		expiryDateOption,
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'Name the patient sees; defaults to the binary file’s own name',
		},
		maximumUsesOption,
		requestsInFlightOption,
	]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const body: IDataObject = { patient_id: readPatientId.call(this, item.index) };
	const options = this.getNodeParameter('options', item.index, {}) as {
		expiryDate?: string;
		fileName?: string;
		maximumUses?: number;
	};
	Object.assign(body, checkedLinkLimits.call(this, item.index, options));
	if (this.getNodeParameter('fileSource', item.index) === 'ehrFile') {
		body.ehr_file_id = readRequiredText.call(this, item.index, 'ehrFileId', 'EHR File ID');
		if (options.fileName?.trim()) body.file_name = options.fileName.trim();
	} else {
		const binaryPropertyName = this.getNodeParameter('binaryPropertyName', item.index) as string;
		const binary = this.helpers.assertBinaryData(item.index, binaryPropertyName);
		const buffer = await this.helpers.getBinaryDataBuffer(item.index, binaryPropertyName);
		body.file_data = buffer.toString('base64');
		body.file_name = options.fileName?.trim() || binary.fileName || 'attachment';
	}
	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.attachmentLinks, body, subject: 'patient or file' },
		item,
	);
}
