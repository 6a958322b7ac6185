// n8n's linter alphabetises a collection's options, and refuses required ones, only where the
// collection is written out as a literal. The Options and Filters collections built with
// optionsCollection() and filtersCollection() are not, so the same two rules are checked here, on
// the descriptions n8n loads.
import type { INodeProperties } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
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
