import type { IDataObject, IHookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { heroPaths, heroRequest } from '../transport/request';

/** One Hero webhook this node registered. */
export interface Registration {
	id: string;
	signingKey: string;
}

/** Registrations by event type, kept in the node's static data. */
export type Registrations = Record<string, Registration>;

export function registrationsIn(staticData: IDataObject): Registrations {
	return (staticData.registrations ?? {}) as Registrations;
}

export function signingKeysOf(registrations: Registrations): string[] {
	return Object.values(registrations).map((registration) => registration.signingKey);
}

/**
 * Deletes every Hero webhook recorded in static data. One Hero no longer has (404) counts as
 * removed; any other failure stops here with the rest still recorded, so a later attempt can finish.
 */
export async function removeRegistrations(this: IHookFunctions, staticData: IDataObject): Promise<void> {
	const remaining = { ...registrationsIn(staticData) };
	const secrets = signingKeysOf(remaining);
	for (const [event, { id }] of Object.entries(remaining)) {
		try {
			await heroRequest.call(this, { method: 'DELETE', path: heroPaths.webhook(id), subject: `webhook ${id}`, secrets });
		} catch (error) {
			if ((error as NodeApiError).httpCode !== '404') throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		delete remaining[event];
		staticData.registrations = remaining;
	}
	delete staticData.registrations;
}
