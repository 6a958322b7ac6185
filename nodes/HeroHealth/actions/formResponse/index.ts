import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import { operationFields } from '../operationFields';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['formResponse'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a form response',
				description: "Get a patient's submission of a form sent through a form link: its form, patient, link and filing to the record",
			},
		],
		default: 'get',
	},
	...operationFields('formResponse', operations),
];
