import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequestAllPages } from '../../transport/request';
import {
	optionsCollection,
	patientLocator,
	readPageOptions,
	readPatientId,
	requestsInFlightOption,
	returnAllOrLimit,
} from '../fields';

export const dropdownEntry = {
	name: 'Get Attachments',
	action: 'Get the attachments of a patient',
	description: "List the files attached to a patient's medical record",
};

export const independentItems = true;

const displayOptions = { show: { resource: ['patient'], operation: ['getAttachments'] } };

export const description: INodeProperties[] = updateDisplayOptions(displayOptions, [
	patientLocator,
	...returnAllOrLimit,
	optionsCollection([requestsInFlightOption]),
]);

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject[]> {
	const patientId = readPatientId.call(this, item.index);
	return await heroRequestAllPages.call(
		this,
		{ method: 'GET', path: heroPaths.patientAttachments(patientId), subject: `patient ${patientId}` },
		readPageOptions.call(this, item.index),
		item,
	);
}
