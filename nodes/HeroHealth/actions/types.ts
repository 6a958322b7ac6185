import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation module: its own fields and what it does for one input item. */
export interface HeroOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** For operations that can turn all input items into one request (one batch for every item). */
	aggregate?: HeroAggregate;
}

export interface HeroAggregate {
	/** Whether this run aggregates (read from the node's parameters); otherwise `execute` runs per item. */
	applies(this: IExecuteFunctions): boolean;
	/** What one item contributes. Throwing refuses only that item. */
	part(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject>;
	/** One request for every accepted part; its result is paired to each item that contributed. */
	execute(this: IExecuteFunctions, parts: IDataObject[], itemIndexes: number[]): Promise<IDataObject>;
}
