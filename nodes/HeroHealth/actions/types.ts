import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation module: its own fields and what it does for one input item. */
export interface HeroOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}
