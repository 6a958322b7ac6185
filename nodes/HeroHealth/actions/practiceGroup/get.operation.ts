import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Get',
	action: 'Get the practice group',
	description: 'Get the practice group that the API key acts for',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['practiceGroup'], operation: ['get'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [optionsCollection([requestsInFlightOption])]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.me }, item);
}
