/** One answer Hero gave: when, and whether it was a 429. */
export interface Answer {
	at: number;
	refused: boolean;
	/** accepted, but the message had been accepted before: it counts against the key, not towards the rate */
	repeat?: boolean;
}

/**
 * The bench's figures from Hero's answers: requests, 429s and their share over the run and over the
 * worst 60-second window of it (Hero's window), and the delivered rate: messages accepted for the
 * first time per whole window of the run over L, i.e. the share of Hero's allowance put to use. A run shorter than one window is measured
 * over its requests' span instead (n evenly spaced requests span n-1 gaps).
 */
export function answerFigures(answers: Answer[], perMinute: number, windowMs = 60_000) {
	const sorted = [...answers].sort((a, b) => a.at - b.at);
	const first = sorted[0].at;
	const last = sorted[sorted.length - 1].at;
	const refused = sorted.filter((answer) => answer.refused).length;
	let worstShare = refused / sorted.length;
	if (last - first >= windowMs) {
		worstShare = 0;
		for (let start = 0, end = 0, inWindow = 0; start < sorted.length && sorted[start].at + windowMs <= last; start++) {
			while (end < sorted.length && sorted[end].at < sorted[start].at + windowMs) inWindow += Number(sorted[end++].refused);
			worstShare = Math.max(worstShare, inWindow / (end - start));
			inWindow -= Number(sorted[start].refused);
		}
	}
	const accepted = sorted.filter((answer) => !answer.refused && !answer.repeat).map((answer) => answer.at);
	const windows = Math.floor((last - first) / windowMs);
	const allowance = (perMinute * windowMs) / 60_000;
	const perWindow = Array.from(
		{ length: windows },
		(_, i) => accepted.filter((at) => at >= first + i * windowMs && at < first + (i + 1) * windowMs).length,
	);
	const rate =
		windows > 0
			? perWindow.reduce((sum, count) => sum + count, 0) / windows / allowance
			: ((accepted.length - 1) / (accepted[accepted.length - 1] - accepted[0])) * (60_000 / perMinute);
	// the emptiest whole window of the run over L; none when the run is shorter than a window
	const lowest = windows > 0 ? Math.min(...perWindow) / allowance : undefined;
	return {
		requests: sorted.length,
		refused,
		share: refused / sorted.length,
		worstShare,
		rate,
		lowest,
		spanMs: last - first,
		perWindow,
	};
}

/** One request Hero received, as the benches keep them: when, Hero's status, the message text; `other` when another client sent it. */
export interface RowRequest {
	time: string;
	status: number | null;
	text?: string;
	other?: boolean;
}

/**
 * Another client's requests while the package's ran (from the package's first request to its last):
 * how many, and how many Hero refused. None when no other client used the key.
 */
export function otherClientFigures(requests: RowRequest[]): { requests: number; refused: number } | undefined {
	const times = requests.filter((request) => !request.other).map((request) => Date.parse(request.time));
	const first = Math.min(...times);
	const last = Math.max(...times);
	const other = requests.filter((request) => {
		const at = Date.parse(request.time);
		return request.other && at >= first && at <= last;
	});
	if (other.length === 0) return undefined;
	return { requests: other.length, refused: other.filter((request) => request.status === 429).length };
}

/** What a bench keeps of one run (row) of its table, for a closer look and for bench:plot. */
export interface RowFile {
	label: string;
	/** L: the key's limit per minute */
	perMinute: number;
	requests: RowRequest[];
}

/** A file name for a row's requests, from its label. */
export const rowFileName = (label: string) => `${label.replace(/[^\w]+/g, '-')}.json`;

export interface TableRow {
	label: string;
	figures: ReturnType<typeof answerFigures>;
	failed: number;
	executions: number;
	delivered: number;
	duplicates: number;
	misses: number;
	other?: { requests: number; refused: number };
	/** the machine's load average over the last minute when the run ended */
	load?: number;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The benches' Markdown table (bench:queue, bench:simulate). */
export function tableOf(rows: TableRow[]): string {
	const header = [
		'run',
		'requests',
		'answered 429',
		'worst 60 s window: 429',
		'executions failed',
		'delivered',
		'duplicates',
		'misses',
		'delivered rate / L (lowest window)',
		'other client: refused',
	];
	const lines = rows.map((row) => [
		row.label,
		String(row.figures.requests),
		`${row.figures.refused} (${percent(row.figures.share)})`,
		percent(row.figures.worstShare),
		`${row.failed} of ${row.executions}`,
		String(row.delivered),
		String(row.duplicates),
		String(row.misses),
		`${row.figures.rate.toFixed(3)} (${row.figures.lowest === undefined ? '–' : row.figures.lowest.toFixed(3)})`,
		row.other ? `${row.other.refused} of ${row.other.requests} (${percent(row.other.refused / row.other.requests)})` : '–',
	]);
	return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
