import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { HeroItem } from '../transport/request';

export type { HeroItem };

/** One operation module: its own fields and what it does for one input item. */
export interface HeroOperation {
	description: INodeProperties[];
	/**
	 * Set when no item can affect another's outcome (reads, and writes that make a new record per item),
	 * so the router may work on several at once: such operations offer Requests in Flight.
	 */
	independentItems?: boolean;
	execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject | IDataObject[]>;
	/** For operations that can turn all input items into one request (one batch for every item). */
	aggregate?: HeroAggregate;
}

export interface HeroAggregate {
	/** Whether this run aggregates (read from the node's parameters); otherwise `execute` runs per item. */
	applies(this: IExecuteFunctions): boolean;
	/** What one item contributes. Throwing refuses only that item. */
	part(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject>;
	/** One request for every accepted part, sent for the first contributing item; its result is paired to each of them. */
	execute(this: IExecuteFunctions, parts: IDataObject[], item: HeroItem): Promise<IDataObject>;
}
