import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactError, redactJson } from '../helpers/redact';
import type { HeroItem } from '../transport/request';
import { heroSecrets } from '../transport/request';
import { checkRequestsInFlight, readRequestsInFlight } from './fields';

/** What the router needs of an operation; each operation file declares it beside its fields. */
export interface RoutedOperation {
	/** Declared at the top of the operation file, beside its entry in the Operation dropdown. */
	about: {
		/**
		 * True when no item can affect another's outcome (reads, and writes that make a new record per item),
		 * so the router may work on several at once: such operations offer Requests in Flight among their Options.
		 */
		independentItems: boolean;
	};
	/** What the operation does for one input item. */
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

type NodeFailure = Error & { context?: IDataObject; description?: string | null; httpCode?: string | null };
type PairedItems = IPairedItemData | IPairedItemData[];

function labelWithItem(error: NodeFailure, itemIndex: number) {
	if (!/\[item \d+\]/.test(error.message)) error.message = `${error.message} [item ${itemIndex}]`;
	error.context = { ...(error.context ?? {}), itemIndex };
	return error;
}

/**
 * Under "Continue on Fail" a failure becomes an error item paired to its input; otherwise it is thrown,
 * stopping the run. `itemIndex` is undefined for an aggregated request, which belongs to no single item.
 */
function errorItemOrThrow(
	this: IExecuteFunctions,
	error: NodeFailure,
	itemIndex: number | undefined,
	pairedItem: PairedItems,
): INodeExecutionData {
	const labelled = itemIndex === undefined ? error : labelWithItem(error, itemIndex);
	if (this.continueOnFail()) {
		const json: IDataObject = { error: labelled.message };
		// "Continue (using error output)": n8n sends an item there only when its json holds nothing but error,
		// message and details (or it carries an error object, whose message n8n then makes the whole json).
		// The message already names the HTTP status.
		if (this.getNode().onError === 'continueErrorOutput') {
			if (labelled.description) json.details = labelled.description;
			return { json, pairedItem };
		}
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
			output.push(errorItemOrThrow.call(this, error, itemIndex, { item: itemIndex }));
		}
	}
	if (!parts.length) return output;
	const pairedItem = itemIndexes.map((item) => ({ item }));
	// One request on behalf of every contributing item; nothing has failed that could stop it.
	const first: HeroItem = { index: itemIndexes[0], tryStartSending: () => true };
	try {
		output.push({ json: await aggregate.execute.call(this, parts, first), pairedItem });
	} catch (error) {
		output.push(errorItemOrThrow.call(this, error, undefined, pairedItem));
	}
	return output;
}

/** Runs `operation` over the input items; what comes out (items or the error that stops the run) never holds the API key. */
export async function router(this: IExecuteFunctions, operation: RoutedOperation): Promise<INodeExecutionData[][]> {
	const secrets = await heroSecrets.call(this);
	try {
		const output = await runItems.call(this, operation);
		return [output.map((item) => ({ ...item, json: redactJson(item.json, secrets) }))];
	} catch (error) {
		throw redactError(error, secrets);
	}
}

/**
 * The only item loop: one result per input item, paired to it, in input order, or an error item
 * under "Continue on Fail". Operations whose items are independent have up to "Requests in Flight"
 * items worked on at once; items start in input order and the transport's limiter paces their requests.
 *
 * Without "Continue on Fail" a failure stops the run as if items ran one by one: no further item starts,
 * later items' requests still waiting for their turn are not sent (each item's `tryStartSending` says no to
 * the transport), items already talking to Hero (a booking between reserve and confirm) and earlier items
 * finish, then the lowest failing item's error is thrown.
 */
async function runItems(this: IExecuteFunctions, operation: RoutedOperation): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	if (operation.aggregate?.applies.call(this)) return await runAggregated.call(this, operation.aggregate, items.length);

	const results: INodeExecutionData[][] = [];
	const continueOnFail = this.continueOnFail();
	let failedAt = Infinity;
	let failure = undefined as NodeFailure | undefined;
	const sending = new Set<number>();
	const itemAt = (index: number): HeroItem => ({
		index,
		tryStartSending() {
			if (index > failedAt && !sending.has(index)) return false;
			sending.add(index);
			return true;
		},
	});
	let next = 0;

	const worker = async () => {
		while (next < items.length && failedAt === Infinity) {
			const itemIndex = next++;
			try {
				if (operation.about.independentItems) checkRequestsInFlight.call(this, itemIndex);
				const result = await operation.execute.call(this, itemAt(itemIndex));
				const records = Array.isArray(result) ? result : [result];
				results[itemIndex] = records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (continueOnFail) {
					results[itemIndex] = [errorItemOrThrow.call(this, error, itemIndex, { item: itemIndex })];
				} else if (itemIndex < failedAt) {
					// An item stopped from sending has a higher index than the failure that stopped it.
					failedAt = itemIndex;
					failure = error;
				}
			}
		}
	};
	const inFlight = operation.about.independentItems ? readRequestsInFlight.call(this, items.length) : 1;
	await Promise.all(Array.from({ length: inFlight }, worker));

	// Without "Continue on Fail" this throws.
	if (failure) errorItemOrThrow.call(this, failure, failedAt, { item: failedAt });
	return results.flat();
}
