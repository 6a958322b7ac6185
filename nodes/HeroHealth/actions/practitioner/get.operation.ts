import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { heroRequest } from '../../transport/request';
import { heroPaths } from '../../transport/paths';
import { practitionerLocator } from '../common.descriptions';
import { readNumericId } from '../common.parameters';

export const description: INodeProperties[] = [practitionerLocator];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const practitionerId = readNumericId.call(this, itemIndex, 'practitionerId', 'Practitioner');
	return await heroRequest.call(
		this,
		{ method: 'GET', path: heroPaths.practitioner(practitionerId), subject: `practitioner ${practitionerId}` },
		itemIndex,
	);
}
