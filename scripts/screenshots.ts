// npm run screenshots  (= npm run build && node -r ts-node/register/transpile-only scripts/screenshots.ts)
//
// Screenshots from the real n8n editor in headless Chromium (Debian's `chromium` package: apt-get install -y
// chromium; playwright-core drives it and never downloads a browser):
//   npm run screenshots                          the README's (docs/screenshots/*.png) and every automation's canvas
//   npm run screenshots -- --automations         every canvas docs/automations.md marks with <!-- screenshot: <file> -->
//   npm run screenshots -- 13-staff-capacity-assistant.json [examples/...]   only these examples' canvases
// A canvas goes to docs/screenshots/automations/<file name without .json>.png; a marker in docs/automations.md
// gets the image line under it if it has none yet.
// Starts its own stand-in and n8n exactly like `npm run dev` (fresh instance in .n8n-e2e/screenshots/). The
// browser may only reach 127.0.0.1: every other request is aborted.
// Env: CHROMIUM_PATH (default /usr/bin/chromium).

import * as fs from 'fs';
import * as path from 'path';

import type { Locator, Page } from 'playwright-core';

import { startDev } from './dev';
import { EXAMPLES_DIR, readExample } from './lib/n8n/examples';
import { freePort } from './lib/n8n/process';
import { N8N_VERSION, PROJECT_ROOT } from './lib/n8n/project';

const OUT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const WORK_DIR = path.join(PROJECT_ROOT, '.n8n-e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };

const AUTOMATIONS_DOC = path.join(PROJECT_ROOT, 'docs', 'automations.md');
const CANVAS_DIR = path.join(OUT_DIR, 'automations');
const MARKER = /^<!-- screenshot: (\S+) -->$/;

const example = readExample;

/** The example files docs/automations.md marks for a canvas screenshot, in its order. */
function markedExamples(): string[] {
	if (!fs.existsSync(AUTOMATIONS_DOC)) return [];
	return fs
		.readFileSync(AUTOMATIONS_DOC, 'utf8')
		.split('\n')
		.map((line) => MARKER.exec(line.trim())?.[1])
		.filter((file): file is string => Boolean(file));
}

const canvasFile = (file: string) => path.join(CANVAS_DIR, `${path.basename(file, '.json')}.png`);

/** Puts the image line under each marker that has none yet (the screenshot file it names now exists). */
function linkCanvases(files: string[]): void {
	if (!fs.existsSync(AUTOMATIONS_DOC)) return;
	const lines = fs.readFileSync(AUTOMATIONS_DOC, 'utf8').split('\n');
	const out: string[] = [];
	lines.forEach((line, i) => {
		out.push(line);
		const file = MARKER.exec(line.trim())?.[1];
		if (!file || !files.includes(file)) return;
		const image = path.relative(path.dirname(AUTOMATIONS_DOC), canvasFile(file));
		if (!(lines[i + 1] ?? '').includes(`](${image})`))
			out.push(`![The workflow "${example(file).name}" in the n8n editor](${image})`);
	});
	fs.writeFileSync(AUTOMATIONS_DOC, out.join('\n'));
}

async function openWorkflow(page: Page, baseUrl: string, id: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(800); // let the canvas fit the view
}

async function openNode(page: Page, name: string): Promise<void> {
	await page.locator('[data-test-id="canvas-node"]', { hasText: name }).first().dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 30_000 });
	await page.waitForTimeout(800);
}

async function shot(page: Page, name: string, done: string[], element?: Locator): Promise<void> {
	const file = path.join(OUT_DIR, name);
	await page.mouse.move(2, VIEWPORT.height / 2); // no hover toolbars in the picture
	await page.waitForTimeout(300);
	if (element) await element.screenshot({ path: file });
	else await page.screenshot({ path: file });
	done.push(path.relative(PROJECT_ROOT, file));
}

/** The README's pictures: the node panel, two node panels of examples, a run of example 04. */
async function readmeShots(page: Page, base: string, done: string[]): Promise<void> {
	// 1. The node's operations, as the node panel lists them
	await openWorkflow(page, base, example('04-book-first-free-slot-confirm-sms.json').id);
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	await page.keyboard.type('Hero Health', { delay: 20 });
	await page.waitForTimeout(800);
	await page
		.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]', {
			hasText: /^Hero Health$|Hero Health(?! Trigger)/,
		})
		.first()
		.click();
	await page.waitForTimeout(1200);
	// a tall window so the list shows most of the actions; only the node panel is kept
	await page.setViewportSize({ width: VIEWPORT.width, height: 2400 });
	await page.waitForTimeout(800);
	await shot(page, 'operations.png', done, page.locator('[data-test-id="node-creator"]').first());
	await page.setViewportSize(VIEWPORT);
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');

	// 2. Send Message: NHS App with SMS fallback (example 10)
	const welcome = example('10-new-patient-welcome.json');
	await openWorkflow(page, base, welcome.id);
	await openNode(page, 'Welcome message (NHS App, SMS fallback)');
	await shot(page, 'send-message.png', done);
	await page.keyboard.press('Escape');

	// 3. The trigger panel (example 01)
	const trigger = example('01-appointment-confirmed-pre-visit-sms.json');
	await openWorkflow(page, base, trigger.id);
	await openNode(page, trigger.nodes.find((node) => node.type.endsWith('.heroHealthTrigger'))!.name);
	await shot(page, 'trigger.png', done);
	await page.keyboard.press('Escape');

	// 4. A run of an example workflow, executed from the editor (example 04)
	const booking = example('04-book-first-free-slot-confirm-sms.json');
	await openWorkflow(page, base, booking.id);
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await page
		.getByText('Workflow executed successfully')
		.first()
		.waitFor({ timeout: 60_000 })
		.catch(async () => {
			await page.screenshot({ path: path.join(WORK_DIR, 'run-failed.png') });
			throw new Error(`the example run did not succeed in the editor; see ${path.join(WORK_DIR, 'run-failed.png')}`);
		});
	await page.waitForTimeout(1500);
	await openNode(page, 'Confirm by SMS');
	await shot(page, 'example-run-output.png', done);
	await page.keyboard.press('Escape');
	await page.waitForTimeout(500);
	await shot(page, 'example-run.png', done);
}

/** An example's canvas, fitted to the window, as a user sees it after importing it. */
async function canvasShot(page: Page, base: string, file: string, done: string[]): Promise<void> {
	await openWorkflow(page, base, example(file).id);
	await page.keyboard.press('Shift+1'); // n8n's "zoom to fit"
	await page.waitForTimeout(800);
	await shot(page, path.relative(OUT_DIR, canvasFile(file)), done);
}

/** What to take: the README's pictures, and which examples' canvases (file names in examples/). */
function parseArgs(args: string[]): { readme: boolean; canvases: string[] } {
	const files = args.filter((arg) => arg !== '--automations').map((arg) => path.basename(arg));
	const unknown = files.filter((file) => !fs.existsSync(path.join(EXAMPLES_DIR, file)));
	if (unknown.length) throw new Error(`no such example in examples/: ${unknown.join(', ')}`);
	if (files.length) return { readme: false, canvases: files };
	return { readme: !args.includes('--automations'), canvases: markedExamples() };
}

async function main() {
	const { readme, canvases } = parseArgs(process.argv.slice(2));
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} not found: install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH`,
		);
	}
	const { chromium } = await import('playwright-core').catch(() => {
		throw new Error('playwright-core is missing: run npm ci');
	});
	fs.mkdirSync(CANVAS_DIR, { recursive: true });
	const dev = await startDev({
		userFolder: path.join(WORK_DIR, 'home'),
		fresh: true,
		standinPort: await freePort(),
		n8nPort: await freePort(),
		logFile: path.join(WORK_DIR, 'n8n.log'),
	});
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
		],
	});
	const done: string[] = [];
	const blocked = new Set<string>();
	try {
		const context = await browser.newContext({
			viewport: VIEWPORT,
			deviceScaleFactor: 1,
			colorScheme: 'light',
			locale: 'en-GB',
			timezoneId: 'Europe/London',
		});
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
			blocked.add(url.origin);
			return route.abort();
		});
		const [cookieName, ...rest] = dev.cookie.split(';')[0].split('=');
		await context.addCookies([{ name: cookieName, value: rest.join('='), url: dev.server.url }]);
		const page = await context.newPage();
		const base = dev.server.url;

		if (readme) await readmeShots(page, base, done);
		for (const file of canvases) await canvasShot(page, base, file, done);
		linkCanvases(canvases);
	} finally {
		await browser.close();
		await dev.stop();
	}
	console.log(`Screenshots from n8n ${N8N_VERSION} in headless Chromium:\n  ${done.join('\n  ')}`);
	if (blocked.size) console.log(`(the editor tried to reach ${[...blocked].join(', ')}; blocked)`);
}

main().catch((error) => {
	console.error(`[screenshots] ${error.stack || error.message}`);
	process.exit(1);
});
