/**
 * Captures everything n8n logs during a harness run.
 *
 * n8n has two logging paths and both are captured:
 *  - `LoggerProxy` from n8n-workflow (WorkflowExecute, RoutingNode, ... log through it);
 *  - the `Logger` service of `@n8n/backend-common`, resolved from the DI container. Node code's
 *    `this.logger` and n8n-core services (ErrorReporter, OutboundHttp) use this one.
 * The capturing logger replaces both. Each line is `level: message {metadata as JSON}`; the
 * metadata is serialised deeply (errors with message, description, stack and own properties)
 * so an assertion that a secret never appears in the logs also covers secrets hidden in
 * metadata objects, as a real n8n log transport would print them.
 *
 * Lines go to every sink that is open; `runNode` opens one per run. Runs are expected to be
 * sequential (jest runs the tests of a file one after another).
 */
import { Logger as BackendLogger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { Logger } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

type Level = 'error' | 'warn' | 'info' | 'debug';

const sinks = new Set<string[]>();

function serialise(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
	if (value === null || value === undefined) return value;
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
	if (typeof value !== 'object') return value;
	if (seen.has(value)) return '[Circular]';
	if (depth > 8) return '[Depth]';
	seen.add(value);
	if (Buffer.isBuffer(value)) return value.toString('utf8');
	if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1, seen));
	const out: Record<string, unknown> = {};
	if (value instanceof Error) {
		out.name = value.name;
		out.message = value.message;
		out.stack = value.stack;
		const withDescription = value as Error & { description?: unknown; cause?: unknown };
		if (withDescription.description !== undefined) out.description = withDescription.description;
		if (withDescription.cause !== undefined) out.cause = serialise(withDescription.cause, depth + 1, seen);
	}
	for (const key of Object.keys(value)) {
		out[key] = serialise((value as Record<string, unknown>)[key], depth + 1, seen);
	}
	return out;
}

function format(level: Level, message: unknown, meta: unknown): string {
	const text = typeof message === 'string' ? message : JSON.stringify(serialise(message));
	if (meta === undefined || (typeof meta === 'object' && meta !== null && Object.keys(meta).length === 0)) {
		return `${level}: ${text}`;
	}
	let metaText: string;
	try {
		metaText = JSON.stringify(serialise(meta));
	} catch (error) {
		metaText = `[unserialisable metadata: ${(error as Error).message}]`;
	}
	return `${level}: ${text} ${metaText}`;
}

function record(level: Level, message: unknown, meta: unknown): void {
	if (sinks.size === 0) return;
	const line = format(level, message, meta);
	for (const sink of sinks) sink.push(line);
}

/** A logger satisfying both n8n-workflow's `Logger` and the parts of backend-common's `Logger` n8n uses. */
export const capturingLogger = {
	error: (message: string, meta?: object) => record('error', message, meta),
	warn: (message: string, meta?: object) => record('warn', message, meta),
	info: (message: string, meta?: object) => record('info', message, meta),
	debug: (message: string, meta?: object) => record('debug', message, meta),
	scoped() {
		return capturingLogger;
	},
};

let installed = false;

/** Route LoggerProxy and the DI `Logger` service to the capturing logger (idempotent). */
export function installCapturingLogger(): void {
	if (installed) return;
	LoggerProxy.init(capturingLogger as Logger);
	Container.set(BackendLogger, capturingLogger as unknown as BackendLogger);
	installed = true;
}

/** Start collecting log lines; call the returned function to stop. */
export function openLogSink(): { lines: string[]; close: () => void } {
	installCapturingLogger();
	const lines: string[] = [];
	sinks.add(lines);
	return { lines, close: () => sinks.delete(lines) };
}

/** Collect the log lines emitted while `fn` runs. */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; logs: string[] }> {
	const sink = openLogSink();
	try {
		const result = await fn();
		return { result, logs: sink.lines };
	} finally {
		sink.close();
	}
}
