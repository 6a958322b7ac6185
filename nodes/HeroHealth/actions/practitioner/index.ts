import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { operationFields } from '../operationFields';

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['practitioner'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a practitioner',
				description: 'Get one clinician who can be booked, by their Hero practitioner ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many practitioners',
				description:
					'List the clinicians who can be booked, optionally only at some locations, for some appointment types, or with free slots',
			},
		],
		default: 'getAll',
	},
	...operationFields('practitioner', operations),
];
