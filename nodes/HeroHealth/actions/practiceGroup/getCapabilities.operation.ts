import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Get Capabilities',
	action: 'Get the practice group capabilities',
	description: 'Get which Hero features the practice group can use',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['practiceGroup'], operation: ['getCapabilities'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [optionsCollection([requestsInFlightOption])]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.meCapabilities }, item);
}
