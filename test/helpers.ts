import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { startStandin } from '../standin';
import type { LogEntry, Standin, StandinOptions } from '../standin';
import type { AnyNodeType } from './harness/core';
import { runNode } from './harness';
import type { RunNodeResult } from './harness';
import { setUpStandin } from './standin/helpers';

export type { Standin };

/** A stand-in for one test file; its rate limit is off unless a test sets one. */
export async function startTestStandin(options: StandinOptions = {}): Promise<Standin> {
	return await startStandin({ port: 0, rateLimitPerMinute: 0, ...options });
}

/** setUpStandin for the node tests: like startTestStandin, its rate limit is off unless a test sets one. */
export function setUpTestStandin(started: (standin: Standin) => void, options: StandinOptions = {}): void {
	setUpStandin(started, { rateLimitPerMinute: 0, ...options });
}

/** Credential data pointing at the stand-in, with the limiter raised so tests are not paced unless they ask. */
export function standinCredentials(
	standin: Standin,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		apiKey: standin.keys.full.apiKey,
		practiceGroupId: standin.keys.full.practiceGroupId,
		environment: 'custom',
		baseUrl: standin.url,
		rateLimitPerMinute: 100_000,
		...overrides,
	};
}

export interface RunHeroOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean | 'errorOutput';
	credentials?: ICredentialDataDecryptedObject;
	nodeType?: AnyNodeType;
}

/** Runs the Hero Health node (or another node type) inside n8n's engine against the stand-in. */
export async function runHero(
	standin: Standin,
	parameters: INodeParameters,
	options: RunHeroOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: options.nodeType ?? new HeroHealth(),
		parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		credentials: { heroHealthApi: standinCredentials(standin, options.credentials) },
		credentialTypes: [new HeroHealthApi()],
	});
}

/**
 * The body of the first of `requests` (entries of the stand-in's log), once the run is known to have ended
 * without an error and that request to have kept the contract.
 */
export function sentBody(result: RunNodeResult, requests: LogEntry[]): unknown {
	expect(result.error).toBeUndefined();
	const [request] = requests;
	expect(request.valid).toBe(true);
	return request.body;
}

/** A whole hour about a year after now, as ISO 8601 UTC: a start time that is in the future whatever the date. */
export function aYearAhead(): string {
	const hour = 3_600_000;
	return new Date(Math.ceil((Date.now() + 365 * 24 * hour) / hour) * hour).toISOString();
}

/** A resource locator value in "By ID" mode, as the editor stores it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/** The parameters of Message > Send: `message` to the patient (by ID) over `channel`, with any other `fields`. */
export function messageSendParameters(patientId: string, channel: string, message: string, fields: INodeParameters = {}) {
	return { resource: 'message', operation: 'send', patientId: byId(patientId), channel, message, ...fields };
}

/** The same, in "From List" mode (what a picked entry stores). */
export function fromList(value: string) {
	return { __rl: true, mode: 'list', value };
}

/** Input items, one per value, e.g. items(3) or items([{a: 1}, {a: 2}]). */
export function items(countOrJson: number | Array<Record<string, unknown>>): INodeExecutionData[] {
	const list = typeof countOrJson === 'number' ? Array.from({ length: countOrJson }, (_, i) => ({ i })) : countOrJson;
	return list.map((json) => ({ json: json as INodeExecutionData['json'] }));
}

/** A node's output as the next node's input items (json only, as the workflow tests chain them). */
export function inputFrom(output: INodeExecutionData[]): INodeExecutionData[] {
	return output.map((item) => ({ json: item.json }));
}

/** The requests to `method` `path` the stand-in answered for real (not a fault it injected). */
export function answeredRequestsTo(standin: Standin, method: string, path: string | RegExp) {
	return standin.log.filter(
		(entry) =>
			entry.method === method && (typeof path === 'string' ? entry.path === path : path.test(entry.path)) && entry.fault === null,
	);
}
