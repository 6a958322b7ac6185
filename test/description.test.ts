// n8n's linter alphabetises a collection's options, and refuses required ones, only where the
// collection is written out as a literal. The Options and Filters collections built with
// optionsCollection() and filtersCollection() are not, so the same two rules are checked here, on
// the descriptions n8n loads.
import { spawnSync } from 'child_process';
import type { INodeProperties } from 'n8n-workflow';
import { join } from 'path';

import { HeroHealth, heroResources } from '../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../nodes/HeroHealth/HeroHealthTrigger.node';

const builtCollections = [new HeroHealth(), new HeroHealthTrigger()].flatMap((node) =>
	node.description.properties
		.filter((property) => property.type === 'collection' && ['options', 'filters'].includes(property.name))
		.map((collection) => ({
			where: `${node.description.name} ${collection.name} ${JSON.stringify(collection.displayOptions?.show ?? {})}`,
			options: collection.options as INodeProperties[],
		})),
);

it('every Options and Filters collection lists its entries alphabetically and requires none of them', () => {
	expect(builtCollections.length).toBeGreaterThanOrEqual(14);
	for (const { where, options } of builtCollections) {
		const names = options.map((option) => option.displayName);
		expect({ where, names }).toEqual({ where, names: [...names].sort((a, b) => a.localeCompare(b)) });
		expect({ where, required: options.filter((option) => option.required).map((option) => option.name) }).toEqual({
			where,
			required: [],
		});
	}
});

describe('the registry of operations', () => {
	const operations = Object.entries(heroResources).flatMap(([resource, { operations }]) =>
		Object.entries(operations).map(([name, operation]) => ({ resource, name, operation })),
	);
	const ownOptions = (fields: INodeProperties[]) =>
		(fields.find((field) => field.type === 'collection' && field.name === 'options')?.options ?? []) as INodeProperties[];

	it('shows each operation file’s fields only for its own resource and operation', () => {
		// Each file writes its displayOptions itself; this keeps them and the registry's keys in step.
		for (const { resource, name, operation } of operations) {
			for (const field of operation.description) {
				expect({ field: `${resource}.${name} ${field.name}`, show: field.displayOptions?.show }).toMatchObject({
					field: `${resource}.${name} ${field.name}`,
					show: { resource: [resource], operation: [name] },
				});
			}
		}
	});

	it('offers Requests in Flight exactly where the operation declares its items independent', () => {
		const offering = operations.filter(({ operation }) =>
			ownOptions(operation.description).some((option) => option.name === 'requestsInFlight'),
		);
		const independent = operations.filter(({ operation }) => operation.about.independentItems);
		expect(offering.map(({ resource, name }) => `${resource}.${name}`)).toEqual(
			independent.map(({ resource, name }) => `${resource}.${name}`),
		);
		expect(independent.length).toBeGreaterThan(20);
	});

	// n8n's linter checks an Operation dropdown (its order, each entry's action) only where it is written out
	// as a literal. The dropdowns are built from the registry, so they are written out here and linted as if
	// they stood in nodes/.
	it('builds Resource and Operation dropdowns that pass n8n’s lint rules as if written out', () => {
		const dropdowns = new HeroHealth().description.properties.filter((p) => ['resource', 'operation'].includes(p.name));
		expect(dropdowns).toHaveLength(Object.keys(heroResources).length + 1);
		// A dropdown the rules must refuse, so that a linter that checks nothing cannot pass.
		const control = {
			...dropdowns[1],
			options: [{ name: 'Get', value: 'get', action: 'get a control', description: 'Control' }],
			default: 'get',
		};
		const literal = (value: unknown, indent = ''): string => {
			const inner = `${indent}\t`;
			if (Array.isArray(value)) return `[\n${value.map((entry) => inner + literal(entry, inner)).join(',\n')}\n${indent}]`;
			if (value && typeof value === 'object') {
				const keys = Object.entries(value).map(([key, entry]) => `${inner}${key}: ${literal(entry, inner)}`);
				return `{\n${keys.join(',\n')}\n${indent}}`;
			}
			return JSON.stringify(value);
		};
		const source = `import type { INodeProperties } from 'n8n-workflow';\n\nexport const dropdowns: INodeProperties[] = ${literal([...dropdowns, control])};\n`;
		const root = join(__dirname, '..');
		const run = spawnSync(
			process.execPath,
			[
				join(root, 'node_modules/eslint/bin/eslint.js'),
				'--format',
				'json',
				'--stdin',
				'--stdin-filename',
				'nodes/HeroHealth/dropdowns.ts',
			],
			{ cwd: root, input: source, encoding: 'utf8' },
		);
		const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>;
		const controlLine = source.split('\n').findIndex((line) => line.includes('get a control')) + 1;
		expect(result.messages.map(({ ruleId, line }) => ({ ruleId, line }))).toEqual([
			{ ruleId: 'n8n-nodes-base/node-param-operation-option-action-miscased', line: controlLine },
		]);
	});
});
