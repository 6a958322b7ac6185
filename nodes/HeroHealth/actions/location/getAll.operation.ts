import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequestAllPages } from '../../transport/request';
import { optionsCollection, readPageOptions, requestsInFlightOption, returnAllOrLimit } from '../fields';

export const dropdownEntry = {
	name: 'Get Many',
	action: 'Get many locations',
	description: 'List the surgeries and sites where the practice offers online booking',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['location'], operation: ['getAll'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	...returnAllOrLimit,
	optionsCollection([requestsInFlightOption]),
]);

// Hero filters this list by nothing.
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	return await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.locations },
		readPageOptions.call(this, item.index),
		item,
	);
}
