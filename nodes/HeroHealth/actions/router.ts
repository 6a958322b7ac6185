import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { heroResources } from './node.description';
import type { HeroOperation } from './types';

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

function labelWithItem(error: NodeFailure, itemIndex: number) {
	if (!/\[item \d+\]/.test(error.message)) error.message = `${error.message} [item ${itemIndex}]`;
	error.context = { ...(error.context ?? {}), itemIndex };
	return error;
}

/** The only item loop: one result per input item, paired to it, or an error item under "Continue on Fail". */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = operationFor.call(this);
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(this, itemIndex);
			const records = Array.isArray(result) ? result : [result];
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const labelled = labelWithItem(error, itemIndex);
			if (this.continueOnFail()) {
				const json: IDataObject = { error: labelled.message };
				if (labelled.description) json.description = labelled.description;
				if (labelled.httpCode) json.httpCode = labelled.httpCode;
				output.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			if (labelled instanceof NodeOperationError || 'httpCode' in labelled) throw labelled;
			throw new NodeOperationError(this.getNode(), labelled as Error, { itemIndex });
		}
	}
	return [output];
}
