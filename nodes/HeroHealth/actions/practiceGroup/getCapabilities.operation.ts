import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Get Capabilities',
	action: 'Get the practice group capabilities',
	description: 'Get which Hero features the practice group can use',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['practiceGroup'], operation: ['getCapabilities'] } }, [
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	return await heroGet.call(this, item, heroPaths.meCapabilities);
}
