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
		displayOptions: { show: { resource: ['location'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many locations',
				description: 'List the surgeries and sites where the practice offers online booking',
			},
		],
		default: 'getAll',
	},
	...operationFields('location', operations),
];
