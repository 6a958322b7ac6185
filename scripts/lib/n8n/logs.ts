// The progress lines the install prints, and the log files the installs and the n8n processes write.

import * as fs from 'fs';

export const log = (...args: unknown[]) => console.error('[n8n]', ...args);

/** The last `lines` lines of a log file ('' while it does not exist). */
export function tailOf(file: string, lines = 60): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}
