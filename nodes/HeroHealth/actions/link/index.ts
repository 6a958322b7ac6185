import type { INodeProperties } from 'n8n-workflow';

import * as createAttachmentLink from './createAttachmentLink.operation';
import * as createBookingLink from './createBookingLink.operation';
import * as createFormLink from './createFormLink.operation';
import * as createVideoLink from './createVideoLink.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getStatus from './getStatus.operation';
import * as update from './update.operation';
import { operationFields } from '../operationFields';

export const operations = {
	createAttachmentLink,
	createBookingLink,
	createFormLink,
	createVideoLink,
	get,
	getAll,
	getStatus,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		options: [
			{
				name: 'Create Attachment Link',
				value: 'createAttachmentLink',
				action: 'Create an attachment link',
				description: 'Create a link through which a patient downloads a file, from their record or uploaded',
			},
			{
				name: 'Create Booking Link',
				value: 'createBookingLink',
				action: 'Create a booking link',
				description:
					'Create a self-booking link for an appointment type at a location: a patient invite, or a generic link when no patient is given',
			},
			{
				name: 'Create Form Link',
				value: 'createFormLink',
				action: 'Create a form link',
				description: 'Create a link through which a patient fills in a practice form',
			},
			{
				name: 'Create Video Link',
				value: 'createVideoLink',
				action: 'Create a video link',
				description: 'Create a link to join a video consultation',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a booking link',
				description: 'Get a booking link with its short link, expiry and how often it was opened and used',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many booking links',
				description: 'List the practice’s booking links',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a link',
				description: 'Get whether any Hero link (by URL or ID) is unused, used or expired, and what it points at',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a booking link',
				description: 'Change the appointment type, location, practitioner or date window a booking link offers',
			},
		],
		default: 'createBookingLink',
	},
	...operationFields('link', operations),
];
