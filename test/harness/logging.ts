/**
 * Captures everything n8n logs during a harness run.
 *
 * n8n has two logging paths and both are captured:
 *  - `LoggerProxy` from n8n-workflow (WorkflowExecute, RoutingNode, ... log through it);
 *  - the `Logger` service of `@n8n/backend-common`, resolved from the DI container. Node code's
 *    `this.logger` and n8n-core services (ErrorReporter, OutboundHttp) use this one.
 * The capturing logger replaces both. Each line is `level: message {metadata as JSON}`, the
 * metadata serialised the way n8n's Logger prints it (top-level Error values as
 * `{ name, message, stack, cause }`, everything else as JSON), so an assertion that a secret
 * never appears in the logs checks what a real n8n instance would write.
 *
 * Lines go to every sink that is open: `runNode` opens one per run, a trigger harness one for its life
 * and one per request. Runs are expected to be sequential (jest runs the tests of a file one after another).
 */
import { Logger as BackendLogger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { Logger } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';
import { types } from 'node:util';

type Level = 'error' | 'warn' | 'info' | 'debug';

const sinks = new Set<string[]>();

function isError(value: unknown): value is Error & { cause?: unknown } {
	// `instanceof Error` alone fails for errors from another realm (jest's sandbox).
	return value instanceof Error || types.isNativeError(value);
}

/** n8n's Logger.serializeError: name, message, stack and the cause chain. */
function serialiseError(error: unknown, seen = new Set<unknown>()): unknown {
	if (!isError(error)) return String(error);
	let cause: unknown;
	if (error.cause && !seen.has(error.cause)) {
		seen.add(error.cause);
		cause = serialiseError(error.cause, seen);
	}
	return { name: error.name, message: error.message, stack: error.stack, cause };
}

function stringify(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'bigint') return v.toString();
		if (typeof v === 'object' && v !== null) {
			if (seen.has(v)) return '[Circular]';
			seen.add(v);
		}
		return v;
	});
}

/**
 * Like n8n's Logger.log + winston's JSON format: top-level Error values in the metadata become
 * `{ name, message, stack, cause }`, everything else is JSON-serialised as is.
 */
function format(level: Level, message: unknown, meta: unknown): string {
	const text = typeof message === 'string' ? message : stringify(message);
	if (typeof meta !== 'object' || meta === null || Object.keys(meta).length === 0) {
		return `${level}: ${text}`;
	}
	const printable: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(meta)) {
		printable[key] = isError(value) ? serialiseError(value) : value;
	}
	let metaText: string;
	try {
		metaText = stringify(printable);
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
