// The recording proxy the node's credential points at: it passes each request on to the server probed and keeps
// the answer.

import * as http from 'http';
import type { AddressInfo } from 'net';

/** One Hero call as it went through the proxy. */
export interface Exchange {
	method: string;
	path: string;
	/** null when no answer came (the reason in `failure`) */
	status: number | null;
	body: unknown;
	text: string;
	failure?: string;
}

export interface Proxy {
	url: string;
	exchanges: Exchange[];
	close(): Promise<void>;
}

const parse = (text: string): unknown => {
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
};

/** Passes every request on to `target` (its path appended to target's), keeps it and the answer. */
export async function startProxy(target: string): Promise<Proxy> {
	const exchanges: Exchange[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://proxy');
			const requestText = Buffer.concat(chunks).toString('utf8');
			const exchange: Exchange = {
				method: req.method ?? 'GET',
				path: url.pathname,
				status: null,
				body: undefined,
				text: '',
			};
			exchanges.push(exchange);
			const headers: Record<string, string> = {};
			for (const name of ['x-api-key', 'x-practice-group-id', 'content-type', 'accept'])
				if (typeof req.headers[name] === 'string') headers[name] = req.headers[name] as string;
			fetch(`${target}${url.pathname}${url.search}`, {
				method: exchange.method,
				headers,
				body: requestText && exchange.method !== 'GET' ? requestText : undefined,
				signal: AbortSignal.timeout(60_000),
			})
				.then(async (answer) => {
					exchange.status = answer.status;
					exchange.text = await answer.text();
					exchange.body = parse(exchange.text);
					const passed: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
					for (const name of ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'])
						if (answer.headers.has(name)) passed[name] = answer.headers.get(name)!;
					res.writeHead(answer.status, passed).end(exchange.text);
				})
				.catch((error: Error & { cause?: { code?: string } }) => {
					exchange.failure = error.cause?.code ?? error.message;
					res.destroy();
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		exchanges,
		close: async () =>
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
