// After the queue-mode files: stop every process the cluster started (n8n, Redis, Postgres), the control
// server and the stand-in, whatever happened. Logs stay in .n8n-e2e/queue/logs/ for reading after a failure.
// As in the e2e suite, every request the stand-in received, and its answers, must match the contract.
import { closeStandinCheckingContract } from '../e2e/helpers';

export default async function globalTeardown(): Promise<void> {
	const handles = globalThis.__HERO_QUEUE__;
	if (!handles) return;
	globalThis.__HERO_QUEUE__ = undefined;
	const { control } = handles;
	if (control) await new Promise<void>((resolve) => control.close(() => resolve()));
	if (handles.cluster) await handles.cluster.stop();
	const total = await closeStandinCheckingContract(handles.standin, 50);
	console.log(
		`[queue] every process stopped; contract: all ${total} requests the Hero stand-in received, and its answers, matched api/hero-health.openapi.yaml`,
	);
}
