import type { INodeProperties } from 'n8n-workflow';

import * as practiceGroup from './practiceGroup';
import type { HeroOperation } from './types';

export const heroResources: Record<string, { description: INodeProperties[]; operations: Record<string, HeroOperation> }> = {
	practiceGroup,
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Practice Group', value: 'practiceGroup' }],
		default: 'practiceGroup',
	},
	...Object.values(heroResources).flatMap((resource) => resource.description),
];
