// Checking a call against the contract (api/hero-health.openapi.yaml): found or not, and whether the answer is the
// documented one.

import type { Contract, Operation } from '../../../standin/contract';
import type { Exchange } from './proxy';
import type { ProbeLine } from './report';

/** The contract's own words for an operation: its documented answers by status, and whether it is inferred. */
export function documented(contract: Contract, op: Operation) {
	const operation = (contract.spec.paths?.[op.template] as Record<string, { responses?: object; 'x-inferred'?: unknown }>)[
		op.method.toLowerCase()
	];
	return { statuses: Object.keys(operation.responses ?? {}), inferred: operation['x-inferred'] !== undefined };
}

export const shorten = (text: string, length = 120) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** What an exchange says about its operation: found or not, and whether the answer is the documented one. */
export function judge(contract: Contract, exchange: Exchange, op: Operation): Pick<ProbeLine, 'verdict' | 'detail'> {
	if (exchange.status === null) return { verdict: 'not found', detail: `no answer (${exchange.failure ?? 'connection closed'})` };
	const { status } = exchange;
	const said = shorten(typeof exchange.body === 'string' ? exchange.body : JSON.stringify(exchange.body ?? ''));
	if (status === 404) return { verdict: 'not found', detail: `404 ${said}` };
	if (status === 405) return { verdict: 'not found', detail: `405, the path is there but not this method: ${said}` };
	const { statuses } = documented(contract, op);
	const family = `${String(status)[0]}XX`;
	if (![String(status), family, 'default'].some((key) => statuses.includes(key)))
		return { verdict: 'differs', detail: `${status}, a status the contract does not document: ${said}` };
	const issues = contract.validateResponse(op, status, exchange.body);
	if (issues.length)
		return {
			verdict: 'differs',
			detail: `${status}, answer differs: ${shorten(issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '), 300)}`,
		};
	return { verdict: 'as documented', detail: status < 300 ? `${status}` : `${status} ${said}` };
}
