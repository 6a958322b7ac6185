import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withRequestsInFlight } from './requestsInFlight';

/**
 * Every operation's own fields, each shown only when its resource and that operation are selected,
 * with Requests in Flight among the Options of those whose items may run side by side.
 */
export function operationFields(
	resource: string,
	operations: Record<string, { description: INodeProperties[] }>,
): INodeProperties[] {
	return Object.entries(operations).flatMap(([operation, { description }]) =>
		updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, withRequestsInFlight(operation, description)),
	);
}
