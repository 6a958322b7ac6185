import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Get Configuration',
	action: 'Get the practice group configuration',
	description: "Get the practice group's Hero configuration",
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['practiceGroup'], operation: ['getConfiguration'] } }, [
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroGet.call(this, item, heroPaths.meConfiguration);
}
