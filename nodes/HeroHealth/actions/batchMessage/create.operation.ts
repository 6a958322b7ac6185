import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { messageLengthProblem, refuseInvalid } from '../../validation';
import {
	channelOptions,
	checkedDateOfBirth,
	checkedNhsNumber,
	dateOfBirthField,
	messageTextField,
	nhsNumberField,
	readRequiredText,
	requestsInFlightOptions,
} from '../fields';
import type { HeroAggregate } from '../router';

export const about = {
	name: 'Create',
	action: 'Create a batch message',
	description:
		'Create one message for many patients, each identified by NHS number and date of birth. Nothing is sent until the batch message is sent.',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['batchMessage'], operation: ['create'] } }, [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Flu clinic invitations',
		description: 'A name for the batch, shown in Hero',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [channelOptions.email, channelOptions.nhsApp, channelOptions.sms],
		default: 'sms',
		description: 'How the message reaches every recipient',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		displayOptions: { show: { channel: ['email'] } },
		default: '',
		description: 'The email subject line',
	},
	messageTextField('The text every recipient receives'),
	{
		displayName: 'Recipients',
		name: 'recipientSource',
		type: 'options',
		options: [
			{
				name: 'From Input Items',
				value: 'inputItems',
				description: "One recipient per input item: map each item's NHS number and date of birth",
			},
			{
				name: 'Fixed List',
				value: 'list',
				description: 'A list of NHS numbers and dates of birth typed here',
			},
		],
		default: 'inputItems',
		description: 'Where the recipients come from. Hero finds each one in PDS by NHS number and date of birth.',
	},
	{
		displayName: 'Recipient List',
		name: 'recipientList',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { recipientSource: ['list'] } },
		placeholder: 'Add Recipient',
		default: {},
		options: [{ displayName: 'Recipient', name: 'recipient', values: [nhsNumberField, dateOfBirthField] }],
	},
	{ ...nhsNumberField, displayOptions: { show: { recipientSource: ['inputItems'] } } },
	{ ...dateOfBirthField, displayOptions: { show: { recipientSource: ['inputItems'] } } },
	{
		displayName: 'One Batch for All Items',
		name: 'oneBatch',
		type: 'boolean',
		displayOptions: { show: { recipientSource: ['inputItems'] } },
		default: true,
		description:
			'Whether to put the recipients of all input items into one batch (one request; name, channel and message come from the first item) instead of creating one batch per item',
	},
	requestsInFlightOptions,
]);

function recipient(this: IExecuteFunctions, itemIndex: number, nhsNumber: unknown, dob: unknown, label = '') {
	return {
		nhs_number: checkedNhsNumber.call(this, itemIndex, nhsNumber, `${label}NHS Number`),
		dob: checkedDateOfBirth.call(this, itemIndex, dob, `${label}Date of Birth`),
	};
}

function itemRecipient(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return recipient.call(
		this,
		itemIndex,
		this.getNodeParameter('nhsNumber', itemIndex),
		this.getNodeParameter('dateOfBirth', itemIndex),
	);
}

function listedRecipients(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const rows = (this.getNodeParameter('recipientList.recipient', itemIndex, []) as IDataObject[]) ?? [];
	refuseInvalid.call(this, itemIndex, 'Recipient List', rows.length ? undefined : 'add at least one recipient');
	return rows.map((row, n) => recipient.call(this, itemIndex, row.nhsNumber, row.dateOfBirth, `Recipient ${n + 1} `));
}

async function createBatch(this: IExecuteFunctions, item: HeroItem, recipients: IDataObject[]): Promise<IDataObject> {
	const channel = this.getNodeParameter('channel', item.index) as string;
	const content = readRequiredText.call(this, item.index, 'message', 'Message');
	refuseInvalid.call(this, item.index, 'Message', messageLengthProblem(content, [channel]));
	const body: IDataObject = {
		name: readRequiredText.call(this, item.index, 'name', 'Name'),
		channel: channel.toUpperCase(),
		content,
		recipients,
	};
	if (channel === 'email') body.subject = readRequiredText.call(this, item.index, 'subject', 'Subject');
	return await heroRequest.call(this, { method: 'POST', path: heroPaths.batchMessages, body }, item);
}

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const source = this.getNodeParameter('recipientSource', item.index) as string;
	const recipients = source === 'list' ? listedRecipients.call(this, item.index) : [itemRecipient.call(this, item.index)];
	return await createBatch.call(this, item, recipients);
}

export const aggregate: HeroAggregate = {
	applies() {
		return (
			this.getNodeParameter('recipientSource', 0) === 'inputItems' && (this.getNodeParameter('oneBatch', 0, true) as boolean)
		);
	},
	async part(itemIndex) {
		return itemRecipient.call(this, itemIndex);
	},
	async execute(recipients, item) {
		return await createBatch.call(this, item, recipients);
	},
};
