// One step of the probe: a node operation (or the trigger's activation) with its parameters, the Hero calls it
// makes, and the values it keeps for later steps; and the helpers the list of steps (steps.ts) is written with.

import type { IDataObject, INodeParameters } from 'n8n-workflow';

export type ProbeCalls = 'read' | 'reservation' | 'all';

export type Known = Record<string, string>;

export interface Step {
	/** the node's operation (resource.operation), or 'trigger' for the trigger's activation and deactivation */
	operation: string;
	calls: ProbeCalls;
	/** the Hero operations it calls */
	operationIds: string[];
	/** the records it reads or changes, by their names in Known: a 404 for a guessed one may mean the record, not the path */
	needs?: string[];
	parameters?: (known: Known) => INodeParameters;
	/** values for later steps, from the node's output */
	keep?: (output: IDataObject[], known: Known) => void;
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const numeric = (value: unknown) => (/^\d+$/.test(String(value ?? '')) ? String(value) : undefined);
/** Keeps `name` from the first output item's `field`, when it is a numeric ID. */
export const keepId =
	(name: string, field = 'id') =>
	(output: IDataObject[], known: Known) => {
		const value = numeric(output[0]?.[field]);
		if (value) known[name] = value;
	};
/** Keeps `name` from the first output item's `field`, when it is non-empty text. */
export const keepText = (name: string, field: string) => (output: IDataObject[], known: Known) => {
	const value = output[0]?.[field];
	if (typeof value === 'string' && value) known[name] = value;
};
export const limited = { returnAll: false, limit: 1 };

/**
 * Where and when a new or moved appointment goes: a listed slot's details when it lies ahead, otherwise tomorrow
 * at 10:00 UTC (a mock's made-up slot lies in the past), for 15 minutes. Hero emails the patient about none of them.
 */
export function appointmentDetails(known: Known, slot: string): INodeParameters {
	const start = known[`${slot}Start`];
	const ahead = start !== undefined && Date.parse(start) > Date.now();
	const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
	return {
		slotSelection: 'details',
		appointmentTypeId: byId(known.appointmentTypeId),
		locationId: byId(known.locationId),
		practitionerId: byId(ahead ? known[`${slot}Practitioner`] : known.practitionerId),
		startTime: ahead ? start : `${tomorrow}T10:00:00Z`,
		duration: ahead ? Number(known[`${slot}Minutes`]) : 15,
		options: { suppressMail: true },
	};
}

/** A list, read for its first record's ID, kept as `name`. */
export const firstOf = (operation: string, operationId: string, name: string): Step => ({
	operation,
	calls: 'read',
	operationIds: [operationId],
	parameters: () => limited,
	keep: keepId(name),
});

/** A step on one record: the value named `name` in Known goes to the node's `parameter`, besides any `more`. */
export const onRecord = (
	operation: string,
	calls: Step['calls'],
	operationId: string,
	[name, parameter]: [string, string],
	more: (known: Known) => INodeParameters = () => ({}),
): Step => ({
	operation,
	calls,
	operationIds: [operationId],
	needs: [name],
	parameters: (known) => ({ ...more(known), [parameter]: known[name] }),
});
