import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths } from '../../transport/request';
import { fetchPages, patientLocator, readPatientId, requestsInFlightOptions, returnAllOrLimit } from '../fields';

export const about = {
	name: 'Get Attachments',
	action: 'Get the attachments of a patient',
	description: "List the files attached to a patient's medical record",
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['getAttachments'] } }, [
	patientLocator,
	...returnAllOrLimit,
	requestsInFlightOptions,
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const id = readPatientId.call(this, item.index);
	return await fetchPages.call(this, item, { method: 'GET', path: heroPaths.patientAttachments(id), subject: `patient ${id}` });
}
