// The README matches what users meet in n8n: its operations table lists exactly the resources and
// operations the running editor serves, and every picture and example it links to exists.
import * as fs from 'fs';
import * as path from 'path';

import { exampleFiles } from '../../scripts/lib/n8n/examples';
import { PROJECT_ROOT } from '../../scripts/lib/n8n/project';
import { registeredTypes } from '../../scripts/lib/n8n/rest';
import { HERO_NODE, e2e } from './helpers';

const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

function readmeOperations(): Record<string, string[]> {
	const section = readme.split('### Operations')[1]?.split('\n\n')[1] ?? '';
	const rows = section
		.split('\n')
		.filter((line) => line.startsWith('| ') && !line.startsWith('| Resource') && !line.startsWith('| ---'));
	return Object.fromEntries(
		rows.map((row) => {
			const [resource, operations] = row
				.split('|')
				.slice(1, 3)
				.map((cell) => cell.trim());
			return [resource, [...operations.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]).sort()];
		}),
	);
}

it("lists every resource and operation the editor serves in the README's operations table", async () => {
	const { nodes } = await registeredTypes(e2e().n8nUrl, e2e().cookie);
	const served = nodes.find((type) => type.name === HERO_NODE)!;
	const real = (o: { value?: unknown }) => o.value !== '__CUSTOM_API_CALL__';
	const resources = served.properties.find((p) => p.name === 'resource')!.options!.filter(real);
	const expected = Object.fromEntries(
		resources.map((resource) => {
			const operation = served.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
			);
			return [
				resource.name,
				operation!
					.options!.filter(real)
					.map((o) => o.name)
					.sort(),
			];
		}),
	);
	expect(readmeOperations()).toEqual(expected);
});

it('links only to screenshots and examples that exist, and mentions every example', () => {
	const targets = [...readme.matchAll(/\]\(((?:docs|examples)\/[^)#]+)\)/g)].map((m) => m[1]);
	expect(targets.length).toBeGreaterThan(0);
	for (const target of targets)
		expect({ target, exists: fs.existsSync(path.join(PROJECT_ROOT, target)) }).toEqual({ target, exists: true });
	for (const file of exampleFiles()) expect(readme).toContain(`examples/${path.basename(file)}`);
	for (const shot of ['operations', 'send-message', 'trigger', 'example-run'])
		expect(readme).toContain(`docs/screenshots/${shot}.png`);
});
