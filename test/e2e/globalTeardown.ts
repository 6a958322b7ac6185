// After the e2e files: stop n8n (its whole process group), the scripted chat model, the mailbox and the stand-in. The instance folder and
// n8n's log stay in .n8n-e2e/e2e/ for reading after a failure; the next run wipes them.
// Last contract check over the whole run (each file also checks its own requests): any request the
// stand-in received, or answer it gave, that does not validate against the OpenAPI contract fails the run.
import { closeStandinCheckingContract } from './helpers';

export default async function globalTeardown(): Promise<void> {
	const handles = globalThis.__HERO_E2E__;
	if (!handles) return;
	globalThis.__HERO_E2E__ = undefined;
	if (handles.server) await handles.server.stop();
	await handles.model?.close();
	if (handles.mailbox) await handles.mailbox.close();
	const total = await closeStandinCheckingContract(handles.standin);
	console.log(
		`[e2e] contract: all ${total} requests the Hero stand-in received, and its answers, matched api/hero-health.openapi.yaml`,
	);
}
