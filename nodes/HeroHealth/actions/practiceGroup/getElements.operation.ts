import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { optionsCollection, requestsInFlightOption } from '../fields';

export const dropdownEntry = {
	name: 'Get Elements',
	action: 'Get the practice group elements',
	description: 'Get the Hero Elements assigned to the practice group, one item per element',
};

export const independentItems = true;

const displayOptions = { show: { resource: ['practiceGroup'], operation: ['getElements'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [optionsCollection([requestsInFlightOption])]);

/** One item per element; Hero documents no paging for this list, so it is read in one request. */
export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const list = await heroRequest.call(this, { method: 'GET', path: heroPaths.meElements }, item);
	return Array.isArray(list.data) ? (list.data as IDataObject[]) : [];
}
