import type { INodeProperties } from 'n8n-workflow';

import * as createAccessToken from './createAccessToken.operation';
import * as get from './get.operation';
import * as getCapabilities from './getCapabilities.operation';
import * as getConfiguration from './getConfiguration.operation';
import * as getElements from './getElements.operation';
import { operationFields } from '../operationFields';

export const operations = { createAccessToken, get, getCapabilities, getConfiguration, getElements };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['practiceGroup'] } },
		options: [
			{
				name: 'Create Access Token',
				value: 'createAccessToken',
				action: 'Create an access token',
				description: 'Mint a short-lived JWT (30 minutes) that a web page passes to Hero Elements',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the practice group',
				description: 'Get the practice group that the API key acts for',
			},
			{
				name: 'Get Capabilities',
				value: 'getCapabilities',
				action: 'Get the practice group capabilities',
				description: 'Get which Hero features the practice group can use',
			},
			{
				name: 'Get Configuration',
				value: 'getConfiguration',
				action: 'Get the practice group configuration',
				description: "Get the practice group's Hero configuration",
			},
			{
				name: 'Get Elements',
				value: 'getElements',
				action: 'Get the practice group elements',
				description: 'Get the Hero Elements assigned to the practice group, one item per element',
			},
		],
		default: 'get',
	},
	...operationFields('practiceGroup', operations),
];
