import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import type { HeroItem } from '../types';

export const independentItems = true;

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroRequest.call(this, { method: 'GET', path: heroPaths.meCapabilities }, item);
}
