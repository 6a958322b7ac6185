import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroGet, heroPaths } from '../../transport/request';
import { practitionerLocator, readNumericId, requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Get',
	action: 'Get a practitioner',
	description: 'Get one clinician who can be booked, by their Hero practitioner ID',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['practitioner'], operation: ['get'] } }, [
	practitionerLocator,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const id = readNumericId.call(this, item.index, 'practitionerId', 'Practitioner');
	return await heroGet.call(this, item, heroPaths.practitioner(id), `practitioner ${id}`);
}
