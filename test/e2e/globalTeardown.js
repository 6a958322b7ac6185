'use strict';
// After the e2e files: stop n8n (its whole process group) and the stand-in. The instance folder and
// n8n's log stay in .n8n-e2e/e2e/ for reading after a failure; the next run wipes them.

module.exports = async function globalTeardown() {
	const handles = globalThis.__HERO_E2E__;
	if (!handles) return;
	if (handles.server) await handles.server.stop();
	await handles.standin.close();
	globalThis.__HERO_E2E__ = undefined;
};
