import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMessages from './getMessages.operation';
import * as getRecipients from './getRecipients.operation';
import * as send from './send.operation';
import { operationFields } from '../operationFields';

export const operations = { create, get, getAll, getMessages, getRecipients, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batchMessage'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a batch message',
				description:
					'Create one message for many patients, each identified by NHS number and date of birth. Nothing is sent until the batch message is sent.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a batch message',
				description: 'Get one batch message and its status by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many batch messages',
				description: 'List the batch messages of the practice group',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				action: 'Get the messages sent for a batch message',
				description: 'List the individual messages that a sent batch message produced, one per patient',
			},
			{
				name: 'Get Recipients',
				value: 'getRecipients',
				action: 'Get the recipients of a batch message',
				description: 'List the recipients of a batch message with their status, e.g. whether Hero found them in PDS',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a batch message',
				description: 'Send a created batch message to all of its recipients. A batch message can be sent only once.',
			},
		],
		default: 'create',
	},
	...operationFields('batchMessage', operations),
];
