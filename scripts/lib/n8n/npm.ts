// Running npm from a script that `npm run` started, without handing it this project's npm settings.

/** The environment n8n processes and npm run with. */
export type N8nEnv = NodeJS.ProcessEnv;

/**
 * npm run exports the project's npm config to scripts as npm_* variables (local_prefix, ignore_scripts,
 * nodedir, ...), which would point a child npm at this project. Only where and how to fetch passes on.
 */
const NPM_FETCH_CONFIG =
	/^npm_config_(cache|registry|cafile|ca|strict_ssl|proxy|https_proxy|noproxy|userconfig|globalconfig|fetch_[a-z_]+|maxsockets|prefer_offline|prefer_online|offline|.*registry|.*_auth.*)$/i;

export function withoutNpmRunEnv(source: NodeJS.ProcessEnv): N8nEnv {
	const env: N8nEnv = {};
	for (const [k, v] of Object.entries(source)) {
		if (/^npm_/i.test(k) && !NPM_FETCH_CONFIG.test(k)) continue;
		if (k === 'NODE_OPTIONS' || k === 'INIT_CWD') continue;
		env[k] = v;
	}
	return env;
}

export function npmCommand(): string {
	// The npm that runs this script (npm run ...) or the one on PATH; run by Node 24 via PATH.
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}
