import type { INodeProperties } from 'n8n-workflow';

import * as book from './book.operation';
import * as cancel from './cancel.operation';
import * as confirm from './confirm.operation';
import * as edit from './edit.operation';
import * as get from './get.operation';
import * as getStatus from './getStatus.operation';
import * as reschedule from './reschedule.operation';
import * as reserve from './reserve.operation';
import { operationFields } from '../operationFields';

export const operations = { book, cancel, confirm, edit, get, getStatus, reschedule, reserve };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appointment'] } },
		options: [
			{
				name: 'Book',
				value: 'book',
				action: 'Book an appointment',
				description:
					'Reserve a slot for a patient and confirm it in one step; if confirming fails the reservation is cancelled so the slot is not left held',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel an appointment',
				description: 'Cancel a confirmed appointment or drop a reservation, freeing its slot',
			},
			{
				name: 'Confirm',
				value: 'confirm',
				action: 'Confirm a reservation',
				description: 'Confirm a reservation made with Reserve, before its reserved_until time',
			},
			{
				name: 'Edit',
				value: 'edit',
				action: 'Edit a reservation',
				description: 'Change the practitioner, time or length of a reservation that is not confirmed yet',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an appointment',
				description: 'Get an appointment: time, practitioner, location, and whether it can still be cancelled or moved',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of an appointment',
				description: 'Get whether an appointment is reserved, confirmed, cancelled or expired',
			},
			{
				name: 'Reschedule',
				value: 'reschedule',
				action: 'Reschedule an appointment',
				description: 'Move a confirmed appointment to another free time of the same type and location',
			},
			{
				name: 'Reserve',
				value: 'reserve',
				action: 'Reserve a slot',
				description:
					'Hold a slot for a patient without confirming it; returns reserved_until, after which Hero releases the slot',
			},
		],
		default: 'book',
	},
	...operationFields('appointment', operations),
];
