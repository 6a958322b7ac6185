// Reading a request and writing a JSON answer: what the request pipeline and the control routes share.

import type { IncomingMessage, ServerResponse } from 'http';
import type { LogEntry } from './model';

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** The query string as an object: a repeated name becomes a list. */
export function queryObject(searchParams: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const k of new Set(searchParams.keys())) {
		const all = searchParams.getAll(k);
		out[k] = all.length > 1 ? all : all[0];
	}
	return out;
}

/** Answers `body` as JSON (an empty body when it is undefined). */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/** Answers an API request and records the answer in its log entry. */
export function answerLogged(
	res: ServerResponse,
	entry: LogEntry,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	entry.status = status;
	entry.responseBody = body === undefined ? null : body;
	writeJson(res, status, body, headers);
}
