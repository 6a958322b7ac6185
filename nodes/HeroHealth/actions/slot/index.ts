import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import { operationFields } from '../operationFields';

export const operations = { count, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['slot'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				action: 'Count free slots',
				description: 'Count the free slots for an appointment type at a location in a date range',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a slot',
				description: 'Get one free slot by ID; fails if it has been reserved or booked meanwhile',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many slots',
				description:
					'List free slots for an appointment type at a location in a date range, one item per slot, with start_time in UTC and start_time_london for patients',
			},
		],
		default: 'getAll',
	},
	...operationFields('slot', operations),
];
