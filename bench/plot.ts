/**
 * Draws requests per second over time for the Hero Health node's runs of `npm run bench:queue` (or of
 * `npm run bench:simulate -- --rows <dir>`), from the requests each run kept: one panel per run, the
 * package's accepted requests and its 429s, and the other client's when there was one. Written as SVG,
 * then rendered to PNG in headless Chromium (Debian's `chromium`, driven by playwright-core).
 *
 *   npm run bench:plot -- [rowsDir=.n8n-e2e/bench-queue-rows] [out=docs/pacing.png]
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { RowFile } from './figures';

const ROOT = join(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BIN_S = 5;
const WIDTH = 960;
const PANEL = { height: 170, left: 56, right: 16, top: 30, bottom: 34 };
const SERIES = [
	{ name: 'Hero Health node: accepted', color: '#1f6fd1', other: false, refused: false },
	{ name: 'Hero Health node: answered 429', color: '#d12f1f', other: false, refused: true },
	{ name: 'other client: accepted', color: '#2f9e44', other: true, refused: false },
	{ name: 'other client: refused', color: '#e8890c', other: true, refused: true },
];

/** Requests per second of one series in BIN_S-second bins, from `start` (ms) for `bins` bins. */
function perSecond(row: RowFile, series: (typeof SERIES)[number], start: number, bins: number): number[] {
	const counts = Array<number>(bins).fill(0);
	for (const request of row.requests) {
		if (Boolean(request.other) !== series.other || (request.status === 429) !== series.refused) continue;
		const bin = Math.floor((Date.parse(request.time) - start) / 1000 / BIN_S);
		if (bin >= 0 && bin < bins) counts[bin]++;
	}
	return counts.map((count) => count / BIN_S);
}

function panel(row: RowFile, y0: number, seconds: number, maxPerSecond: number): string {
	const ours = row.requests.filter((request) => !request.other).map((request) => Date.parse(request.time));
	const all = row.requests.map((request) => Date.parse(request.time));
	// Time 0 is the package's first request; another client's lead-in shows before it.
	const zero = Math.min(...ours);
	const start = Math.min(...all);
	const bins = Math.ceil((Math.max(...all) - start) / 1000 / BIN_S) + 1;
	const plotWidth = WIDTH - PANEL.left - PANEL.right;
	const plotHeight = PANEL.height - PANEL.top - PANEL.bottom;
	const firstSecond = Math.floor((start - zero) / 1000 / 10) * 10;
	const x = (second: number) => PANEL.left + ((second - firstSecond) / seconds) * plotWidth;
	const y = (value: number) => y0 + PANEL.top + plotHeight - (value / maxPerSecond) * plotHeight;
	const parts = [`<text x="${PANEL.left}" y="${y0 + 18}" class="title">${row.label}</text>`];
	for (let value = 0; value <= maxPerSecond; value += 10) {
		parts.push(`<line x1="${PANEL.left}" x2="${WIDTH - PANEL.right}" y1="${y(value)}" y2="${y(value)}" class="grid"/>`);
		parts.push(`<text x="${PANEL.left - 6}" y="${y(value) + 4}" class="tick" text-anchor="end">${value}</text>`);
	}
	for (let second = Math.ceil(firstSecond / 30) * 30; second <= firstSecond + seconds; second += 30) {
		parts.push(`<text x="${x(second)}" y="${y0 + PANEL.height - 14}" class="tick" text-anchor="middle">${second} s</text>`);
	}
	const limit = row.perMinute / 60;
	parts.push(`<line x1="${PANEL.left}" x2="${WIDTH - PANEL.right}" y1="${y(limit)}" y2="${y(limit)}" class="limit"/>`);
	parts.push(
		`<text x="${WIDTH - PANEL.right}" y="${y(limit) - 4}" class="tick" text-anchor="end">L = ${row.perMinute}/min</text>`,
	);
	for (const series of SERIES) {
		const values = perSecond(row, series, start, bins);
		if (values.every((value) => value === 0)) continue;
		const offset = (start - zero) / 1000;
		const points = values.map((value, bin) => `${x(offset + (bin + 0.5) * BIN_S).toFixed(1)},${y(value).toFixed(1)}`);
		parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"/>`);
	}
	return parts.join('\n');
}

async function main() {
	const rowsDir = process.argv[2] ?? join(ROOT, '.n8n-e2e', 'bench-queue-rows');
	const out = process.argv[3] ?? join(ROOT, 'docs', 'pacing.png');
	const firstAt = (row: RowFile) => Math.min(...row.requests.map((request) => Date.parse(request.time)));
	// In the order the bench ran them.
	const rows = readdirSync(rowsDir)
		.filter((name) => name.startsWith('Hero-Health-node') && name.endsWith('.json'))
		.map((name) => JSON.parse(readFileSync(join(rowsDir, name), 'utf8')) as RowFile)
		.sort((a, b) => firstAt(a) - firstAt(b));
	if (rows.length === 0) throw new Error(`no Hero Health node runs in ${rowsDir}: run npm run bench:queue first`);
	const spanS = (row: RowFile) => {
		const times = row.requests.map((request) => Date.parse(request.time));
		return (Math.max(...times) - Math.min(...times)) / 1000;
	};
	const seconds = Math.ceil(Math.max(...rows.map(spanS)) / 60 + 0.25) * 60;
	const busiest = (row: RowFile) => {
		const counts = new Map<number, number>();
		for (const request of row.requests) {
			const bin = Math.floor(Date.parse(request.time) / 1000 / BIN_S);
			counts.set(bin, (counts.get(bin) ?? 0) + 1);
		}
		return Math.max(...counts.values()) / BIN_S;
	};
	const maxPerSecond = Math.ceil(Math.max(...rows.map((row) => Math.max(busiest(row), (1.05 * row.perMinute) / 60))) / 10) * 10;
	const legendHeight = 34;
	const height = rows.length * PANEL.height + legendHeight;
	const legend = SERIES.map(
		(series, i) =>
			`<line x1="${PANEL.left + i * 225}" x2="${PANEL.left + i * 225 + 24}" y1="${height - 16}" y2="${height - 16}" stroke="${series.color}" stroke-width="3"/>` +
			`<text x="${PANEL.left + i * 225 + 30}" y="${height - 12}" class="tick">${series.name}</text>`,
	).join('\n');
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">
<style>
	text { font-family: 'DejaVu Sans', sans-serif; fill: #222; }
	.title { font-size: 14px; font-weight: bold; }
	.tick { font-size: 11px; }
	.grid { stroke: #e4e4e4; }
	.limit { stroke: #777; stroke-dasharray: 5 4; }
</style>
<rect width="100%" height="100%" fill="white"/>
<text x="8" y="${PANEL.height / 2}" class="tick" transform="rotate(-90 8 ${PANEL.height / 2})" text-anchor="middle">requests / s (${BIN_S} s bins)</text>
${rows.map((row, i) => panel(row, i * PANEL.height, seconds, maxPerSecond)).join('\n')}
${legend}
</svg>`;
	if (!existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} not found: apt-get update && apt-get install -y chromium, or set CHROMIUM_PATH`);
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
	try {
		const page = await browser.newPage({ viewport: { width: WIDTH, height }, deviceScaleFactor: 1 });
		await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
		await page.locator('svg').screenshot({ path: out });
	} finally {
		await browser.close();
	}
	console.log(`${out} (${rows.length} runs)`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
