import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { utcDateTime } from '../../helpers/londonTime';
import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import {
	dateTimeProblem,
	emailProblem,
	messageLengthProblem,
	numericIdProblem,
	refuseInvalid,
	ukMobileProblem,
} from '../../validation';
import {
	channelOptions,
	heroFieldsFrom,
	messageTextField,
	optionsCollection,
	patientLocator,
	readPatientId,
	readRequiredText,
	requestsInFlightOption,
} from '../fields';

export const about = {
	name: 'Send',
	action: 'Send a message',
	description:
		'Send one message to a patient by SMS, email, NHS App or the Hero inbox, optionally scheduled or written to the medical record',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, [
	{ ...patientLocator, description: 'The patient to message. ' + patientLocator.description },
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [channelOptions.email, channelOptions.hero, channelOptions.nhsApp, channelOptions.sms],
		default: 'sms',
		description: 'How the message reaches the patient',
	},
	messageTextField('The text the patient receives'),
	optionsCollection([
		{
			displayName: 'Assignee',
			name: 'assignee',
			type: 'fixedCollection',
			default: {},
			description: 'The Hero admin or admin team who handles replies to this message',
			options: [
				{
					displayName: 'Assignee',
					name: 'assignee',
					values: [
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							default: '',
							placeholder: 'e.g. 21',
							description: 'The numeric ID of the admin or admin team',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{ name: 'Admin', value: 'Admin' },
								{ name: 'Admin Team', value: 'AdminTeam' },
							],
							default: 'Admin',
						},
					],
				},
			],
		},
		{
			displayName: 'Attachment UUID',
			name: 'attachmentUuid',
			type: 'string',
			default: '',
			description: 'A file already uploaded to Hero to send with the message',
		},
		{
			displayName: 'Auto Write to Record',
			name: 'autoWriteToRecord',
			type: 'boolean',
			default: false,
			description:
				"Whether to write the message to the patient's medical record without a Hero admin approving it first. Hero honours this only if the API key has that permission.",
		},
		{
			displayName: 'Contact Detail',
			name: 'contactDetail',
			type: 'string',
			default: '',
			placeholder: 'e.g. 07700 900123 or name@example.com',
			description: 'The mobile number (SMS) or email address (Email) to send to',
			hint: "Leave empty to use the default on the patient's record for this channel",
		},
		{
			displayName: 'Encrypted',
			name: 'encrypted',
			type: 'boolean',
			default: false,
			description: 'Whether Hero sends the message encrypted',
		},
		{
			displayName: 'Fallback Channel',
			name: 'fallbackChannel',
			type: 'options',
			displayOptions: { show: { '/channel': ['nhs_app'] } },
			options: [channelOptions.email, channelOptions.sms],
			default: 'sms',
			description: 'Where to send the message when the patient cannot be reached on the NHS App',
		},
		{
			displayName: 'Fallback Contact Detail',
			name: 'fallbackContactDetail',
			type: 'string',
			displayOptions: { show: { '/channel': ['nhs_app'] } },
			default: '',
			placeholder: 'e.g. 07700 900123 or name@example.com',
			description: 'The mobile number or email address for the fallback channel',
			hint: "Leave empty to use the default on the patient's record for the fallback channel",
		},
		requestsInFlightOption,
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description:
				"When to send the message, instead of now. A time without an offset is read in the workflow's time zone. It must not be in the past.",
		},
		{
			displayName: 'Short Link ID',
			name: 'shortLinkId',
			type: 'string',
			default: '',
			description: 'A Hero short link (e.g. a booking link) to include in the message',
		},
		{
			displayName: 'SNOMED Code',
			name: 'snomedCode',
			type: 'string',
			default: '',
			description: 'SNOMED CT code for the medical record entry. Hero applies a default when writing to the record without one.',
		},
		{
			displayName: 'SNOMED Term',
			name: 'snomedTerm',
			type: 'string',
			default: '',
			description: 'SNOMED CT term for the medical record entry',
		},
		{
			displayName: 'Task ID',
			name: 'taskId',
			type: 'string',
			default: '',
			description: 'A Hero task to attach the message to',
		},
		{
			displayName: 'Write to Record',
			name: 'writeToRecord',
			type: 'boolean',
			default: false,
			description: "Whether to write the message to the patient's medical record (EHR) once a Hero admin approves it",
		},
	]),
]);

// Options Hero takes as they are: n8n option name → Hero field.
const PASSED_THROUGH: Record<string, string> = {
	attachmentUuid: 'attachment_uuid',
	autoWriteToRecord: 'auto_write_to_record',
	encrypted: 'encrypted',
	shortLinkId: 'short_link_id',
	snomedCode: 'snomed_code',
	snomedTerm: 'snomed_term',
	taskId: 'task_id',
	writeToRecord: 'write_to_record',
};

/** SMS needs a UK mobile and Email an email address; other channels take what Hero accepts. */
function contactDetailProblem(channel: string, value: string): string | undefined {
	if (channel === 'sms') return ukMobileProblem(value);
	if (channel === 'email') return emailProblem(value);
	return undefined;
}

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const patientId = readPatientId.call(this, item.index);
	const channel = this.getNodeParameter('channel', item.index) as string;
	const message = readRequiredText.call(this, item.index, 'message', 'Message');
	const options = this.getNodeParameter('options', item.index, {}) as IDataObject;
	const channels = [channel, String(options.fallbackChannel ?? '')];
	refuseInvalid.call(this, item.index, 'Message', messageLengthProblem(message, channels));

	const body: IDataObject = {
		patient_id: patientId,
		message_type: channel,
		message_string: message,
		...heroFieldsFrom(options, PASSED_THROUGH),
	};

	const contactDetail = String(options.contactDetail ?? '').trim();
	if (contactDetail) {
		refuseInvalid.call(this, item.index, 'Contact Detail', contactDetailProblem(channel, contactDetail));
		body.recipient_contact_detail = contactDetail;
	}

	const fallbackContactDetail = String(options.fallbackContactDetail ?? '').trim();
	if (options.fallbackChannel) body.fallback_message_type = options.fallbackChannel;
	if (fallbackContactDetail) {
		const fallbackChannel = String(options.fallbackChannel ?? '');
		refuseInvalid.call(
			this,
			item.index,
			'Fallback Contact Detail',
			fallbackChannel
				? contactDetailProblem(fallbackChannel, fallbackContactDetail)
				: 'it needs a Fallback Channel (SMS or Email) too',
		);
		body.fallback_contact_detail = fallbackContactDetail;
	}

	if (options.sendAt) {
		refuseInvalid.call(this, item.index, 'Send At', dateTimeProblem(options.sendAt));
		const sendAt = utcDateTime(options.sendAt, this.getTimezone());
		refuseInvalid.call(this, item.index, 'Send At', dateTimeProblem(sendAt, { notPast: true }));
		body.send_at = sendAt;
	}

	const assignee = (options.assignee as IDataObject | undefined)?.assignee as IDataObject | undefined;
	if (assignee) {
		refuseInvalid.call(this, item.index, 'Assignee ID', numericIdProblem(assignee.id));
		body.assignee_id = Number(assignee.id);
		body.assignee_type = assignee.type;
	}

	return await heroRequest.call(
		this,
		{ method: 'POST', path: heroPaths.messageSend, body, subject: `patient ${patientId}` },
		item,
	);
}
