// Practice Group > Get Capabilities: Hero's { capabilities: [...] } answer, over real HTTP to the stand-in.
import type { Standin } from './helpers';
import { items, runHero, setUpTestStandin } from './helpers';
import { answeredRequestsKeptContract } from './bookingHelpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

describe('Practice Group > Get Capabilities', () => {
	it('outputs the practice group’s capability list, one item per input item', async () => {
		const result = await runHero(standin, { resource: 'practiceGroup', operation: 'getCapabilities' }, { items: items(2) });
		expect(result.error).toBeUndefined();
		const capabilities = (result.items[0].json.capabilities ?? []) as string[];
		expect(capabilities).toContain('sms_messaging');
		expect(result.items).toEqual([
			{ json: { capabilities }, pairedItem: { item: 0 } },
			{ json: { capabilities }, pairedItem: { item: 1 } },
		]);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.path)).toEqual([
			'/v1/me/capabilities',
			'/v1/me/capabilities',
		]);
	});
});
