import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import { operationFields } from '../operationFields';

export const operations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appointmentType'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many appointment types',
				description: 'List the kinds of appointment the practice offers, with duration, next free time and number of free slots',
			},
		],
		default: 'getAll',
	},
	...operationFields('appointmentType', operations),
];
