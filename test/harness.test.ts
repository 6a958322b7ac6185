// The harness's own promises that the package's suites rely on without checking them themselves: that a
// run's logs hold what n8n logs (else the secret scan's "not in any log line" would hold of nothing), and that
// the trigger harness serves the production URL n8n would give the node, and nothing else (else the
// lifecycle suite's "registered at the node URL" would compare the harness with itself).
import { HeroHealthTrigger } from '../nodes/HeroHealth/HeroHealthTrigger.node';
import type { Standin } from './helpers';
import { runHero, setUpTestStandin } from './helpers';
import { triggerFactory } from './trigger-helpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

it("runNode returns the lines n8n's engine logs while the node runs and fails", async () => {
	const result = await runHero(
		standin,
		{ resource: 'practiceGroup', operation: 'getCapabilities' },
		{ credentials: { apiKey: 'not-a-key' } },
	);
	expect(result.error).toBeDefined();
	const logs = result.logs.join('\n');
	expect(logs).toContain('Workflow execution started');
	expect(logs).toContain('Start executing node "Node Under Test"');
	expect(logs).toContain('finished with error');
	expect(logs).not.toContain('not-a-key');
});

describe('TriggerHarness', () => {
	const triggers = triggerFactory(() => standin);
	afterEach(async () => await triggers.closeAll());

	it('gives the node the production webhook URL n8n would: <WEBHOOK_URL>webhook/<webhookId>/<path>', async () => {
		const trigger = await triggers.start(['appointment.confirmed'], { webhookId: '5d2c0f5e-0000-4000-8000-000000000001' });
		const { path } = new HeroHealthTrigger().description.webhooks![0];
		expect(trigger.webhookUrl()).toBe(`${trigger.serverUrl}webhook/5d2c0f5e-0000-4000-8000-000000000001/${path}`);
	});

	it("answers n8n's 404 to another path or method", async () => {
		const trigger = await triggers.start(['appointment.confirmed']);
		const unknown = await fetch(`${trigger.serverUrl}webhook/unknown/webhook`, { method: 'POST' });
		const wrongMethod = await fetch(trigger.webhookUrl(), { method: 'GET' });
		expect([unknown.status, wrongMethod.status]).toEqual([404, 404]);
		expect(await unknown.json()).toMatchObject({ message: 'The requested webhook "POST unknown/webhook" is not registered.' });
	});
});
