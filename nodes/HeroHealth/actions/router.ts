import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { heroResources } from './node.description';
import type { HeroAggregate, HeroOperation } from './types';

function operationFor(this: IExecuteFunctions): HeroOperation {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const found = (heroResources[resource]?.operations as Record<string, HeroOperation> | undefined)?.[operation];
	if (!found) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return found;
}

type NodeFailure = Error & { context?: IDataObject; description?: string | null; httpCode?: string | null };
type PairedItems = IPairedItemData | IPairedItemData[];

function labelWithItem(error: NodeFailure, itemIndex: number) {
	if (!/\[item \d+\]/.test(error.message)) error.message = `${error.message} [item ${itemIndex}]`;
	error.context = { ...(error.context ?? {}), itemIndex };
	return error;
}

/**
 * Under "Continue on Fail" a failure becomes an error item paired to its input; otherwise it stops
 * the run. `itemIndex` is undefined for an aggregated request, which belongs to no single item.
 */
function failureItem(
	this: IExecuteFunctions,
	error: NodeFailure,
	itemIndex: number | undefined,
	pairedItem: PairedItems,
): INodeExecutionData {
	const labelled = itemIndex === undefined ? error : labelWithItem(error, itemIndex);
	if (this.continueOnFail()) {
		const json: IDataObject = { error: labelled.message };
		if (labelled.description) json.description = labelled.description;
		if (labelled.httpCode) json.httpCode = labelled.httpCode;
		return { json, pairedItem };
	}
	if (labelled instanceof NodeOperationError || 'httpCode' in labelled) throw labelled;
	throw new NodeOperationError(this.getNode(), labelled as Error, itemIndex === undefined ? {} : { itemIndex });
}

/** Every item contributes a part (a refused item becomes an error item), then one request carries them all. */
async function runAggregated(
	this: IExecuteFunctions,
	aggregate: HeroAggregate,
	itemCount: number,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const parts: IDataObject[] = [];
	const itemIndexes: number[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			parts.push(await aggregate.part.call(this, itemIndex));
			itemIndexes.push(itemIndex);
		} catch (error) {
			output.push(failureItem.call(this, error, itemIndex, { item: itemIndex }));
		}
	}
	if (!parts.length) return output;
	const pairedItem = itemIndexes.map((item) => ({ item }));
	try {
		output.push({ json: await aggregate.execute.call(this, parts, itemIndexes), pairedItem });
	} catch (error) {
		output.push(failureItem.call(this, error, undefined, pairedItem));
	}
	return output;
}

/** The only item loop: one result per input item, paired to it, or an error item under "Continue on Fail". */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = operationFor.call(this);
	if (operation.aggregate?.applies.call(this)) return [await runAggregated.call(this, operation.aggregate, items.length)];
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(this, itemIndex);
			const records = Array.isArray(result) ? result : [result];
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failureItem.call(this, error, itemIndex, { item: itemIndex }));
		}
	}
	return [output];
}
