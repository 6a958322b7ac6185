import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withRequestsInFlight } from './requestsInFlight';
import type { HeroOperation } from './types';

/**
 * A resource's operations' own fields, each shown only when that resource and operation are selected,
 * with Requests in Flight among the Options of those whose items are independent.
 */
export function operationFields(resource: string, operations: Record<string, HeroOperation>): INodeProperties[] {
	return Object.entries(operations).flatMap(([operation, { description, independentItems }]) =>
		updateDisplayOptions(
			{ show: { resource: [resource], operation: [operation] } },
			independentItems ? withRequestsInFlight(description) : description,
		),
	);
}
