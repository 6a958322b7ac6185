// docs/automations.md holds together: its table lists every automation example (06 onwards) with a link to a
// section of the page and a screenshot marker for `npm run screenshots`. The automations come from several
// branches, so a row whose workflow file is not in examples/ yet is left alone until it arrives.
import * as fs from 'fs';
import * as path from 'path';

import { EXAMPLES_DIR, exampleFiles } from '../scripts/lib/n8n/examples';
import { PROJECT_ROOT } from '../scripts/lib/n8n/project';

const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs', 'automations.md'), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

const anchors = new Set([...doc.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1])));
const markers = [...doc.matchAll(/^<!-- screenshot: (\S+) -->$/gm)].map((m) => m[1]);
// table rows: | n | [name](#anchor) | ... | [`file`](../examples/file) |
const rows = [...doc.matchAll(/^\| \d+ \| \[[^\]]+\]\(#([^)]+)\) \|.*\]\(\.\.\/examples\/([^)]+)\) \|$/gm)].map((m) => ({
	anchor: m[1],
	file: m[2],
}));
const present = (file: string) => fs.existsSync(path.join(EXAMPLES_DIR, file));

it('lists every automation example in its table', () => {
	const automations = exampleFiles()
		.map((file) => path.basename(file))
		.filter((file) => Number(file.slice(0, 2)) >= 6);
	expect(automations.filter((file) => !rows.some((row) => row.file === file))).toEqual([]);
});

it("links each present automation's row to a section of the page, which marks where its screenshot goes", () => {
	expect(rows.length).toBe(8);
	for (const { anchor, file } of rows.filter((row) => present(row.file))) {
		expect({ file, section: anchors.has(anchor) }).toEqual({ file, section: true });
		expect(markers).toContain(file);
	}
});

it('marks only examples that exist', () => {
	expect(markers.filter((file) => !present(file))).toEqual([]);
});
