import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as send from './send.operation';
import { operationFields } from '../operationFields';

export const operations = { get, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a message',
				description: 'Get one message sent through Hero, by its message ID, with the patient it went to',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description:
					'Send one message to a patient by SMS, email, NHS App or the Hero inbox, optionally scheduled or written to the medical record',
			},
		],
		default: 'send',
	},
	...operationFields('message', operations),
];
