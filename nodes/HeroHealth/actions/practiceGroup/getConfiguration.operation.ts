import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Get Configuration',
	action: 'Get the practice group configuration',
	description: "Get the practice group's Hero configuration",
};

export const independentItems = true;

const displayOptions = { show: { resource: ['practiceGroup'], operation: ['getConfiguration'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [optionsCollection([requestsInFlightOption])]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.meConfiguration }, item);
}
