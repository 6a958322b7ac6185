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
	return { requests: sorted.length, refused, share: refused / sorted.length, worstShare, rate, spanMs: last - first, perWindow };
}
