// Shared set-up for the Hero Health Trigger suites: the trigger node in the harness, pointed at the stand-in.
import type { INodeParameters } from 'n8n-workflow';

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealthTrigger } from '../nodes/HeroHealth/HeroHealthTrigger.node';
import type { Registrations } from '../nodes/HeroHealth/trigger/registrations';
import type { Standin } from '../standin';
import type { TriggerHarnessOptions } from './harness';
import { TriggerHarness } from './harness';
import { standinCredentials } from './helpers';

export const heroCredentials = (standin: Standin, environment = 'custom') => ({
	heroHealthApi: standinCredentials(standin, { environment }),
});

/** Starts trigger harnesses and closes every one of them in `closeAll`. */
export function triggerFactory(getStandin: () => Standin) {
	const open: TriggerHarness[] = [];
	return {
		async start(
			events: string[],
			options: Partial<TriggerHarnessOptions> & { triggerOptions?: INodeParameters } = {},
		): Promise<TriggerHarness> {
			const { triggerOptions, ...rest } = options;
			const trigger = await TriggerHarness.start({
				nodeType: new HeroHealthTrigger(),
				parameters: { events, options: triggerOptions ?? {} },
				credentials: heroCredentials(getStandin()),
				credentialTypes: [new HeroHealthApi()],
				...rest,
			});
			open.push(trigger);
			return trigger;
		},
		async closeAll(): Promise<void> {
			await Promise.all(open.splice(0).map(async (trigger) => await trigger.close()));
		},
	};
}

export function registrationsOf(trigger: TriggerHarness): Registrations {
	return (trigger.nodeStaticData.registrations ?? {}) as Registrations;
}
