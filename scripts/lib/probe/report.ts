// The probe's findings: one line per Hero operation the node uses, and how they are printed.

export interface ProbeLine {
	method: string;
	/** the contract's path template, or the path sent when the contract has none */
	path: string;
	operationId: string;
	inferred: boolean;
	verdict: 'as documented' | 'differs' | 'not found' | 'not called';
	/** the details after the verdict, in words */
	detail: string;
}

/** One line per operation: method, path, operationId, inferred or documented, verdict and details. */
export function formatLine(line: ProbeLine): string {
	const verdict = { 'as documented': 'ok', differs: 'DIFFERS', 'not found': 'NOT FOUND', 'not called': 'not called' }[
		line.verdict
	];
	return `${line.method.padEnd(6)} ${line.path.padEnd(34)} ${line.operationId.padEnd(26)} ${(line.inferred ? 'inferred' : 'documented').padEnd(10)} ${verdict.padEnd(10)} ${line.detail}`;
}

export function summary(lines: ProbeLine[]): string {
	const count = (verdict: ProbeLine['verdict']) => lines.filter((line) => line.verdict === verdict).length;
	return `${lines.length} operations: ${count('as documented')} found and as documented, ${count('differs')} differ, ${count('not found')} not found, ${count('not called')} not called`;
}
