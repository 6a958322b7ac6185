'use strict';
// After the e2e files: stop n8n (its whole process group) and the stand-in. The instance folder and
// n8n's log stay in .n8n-e2e/e2e/ for reading after a failure; the next run wipes them.
// Last contract check over the whole run (each file also checks its own requests): any request the
// stand-in received that does not validate against the OpenAPI contract fails the run.

module.exports = async function globalTeardown() {
	const handles = globalThis.__HERO_E2E__;
	if (!handles) return;
	globalThis.__HERO_E2E__ = undefined;
	if (handles.server) await handles.server.stop();
	await handles.standin.waitForDeliveries();
	const invalid = handles.standin.log.filter((entry) => !entry.valid);
	const total = handles.standin.log.length;
	await handles.standin.close();
	if (invalid.length) {
		const lines = invalid.map(
			(entry) =>
				`#${entry.seq} ${entry.method} ${entry.path} (${entry.operationId || 'no contract operation'}): ` +
				(entry.validationErrors.map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`).join('; ') || 'not in the contract'),
		);
		throw new Error(`${invalid.length} of ${total} requests to the Hero stand-in violated the contract:\n${lines.join('\n')}`);
	}
	console.log(`[e2e] contract: all ${total} requests the Hero stand-in received matched ../shared/hero-api/openapi.yaml`);
};
