// The load balancer in front of the processes that take production webhooks: round robin, one log entry per request.

import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';

export interface BalancerEntry {
	seq: number;
	method: string;
	path: string;
	/** the process that took the request, e.g. 'main' or 'webhook-1' */
	backend: string;
	status: number | null;
	error?: string;
}

export interface Balancer {
	url: string;
	port: number;
	log: BalancerEntry[];
	close(): Promise<void>;
	server: http.Server;
}

export function startBalancer(getBackends: () => Array<{ name: string; port: number }>, logFile: string): Promise<Balancer> {
	const entries: BalancerEntry[] = [];
	let next = 0;
	let seq = 0;
	const server = http.createServer((req, res) => {
		const backends = getBackends();
		if (backends.length === 0) {
			res.writeHead(502).end('no backend');
			return;
		}
		const backend = backends[next++ % backends.length];
		const entry: BalancerEntry = {
			seq: ++seq,
			method: req.method ?? '',
			path: req.url ?? '',
			backend: backend.name,
			status: null,
		};
		entries.push(entry);
		const upstream = http.request(
			{ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers: req.headers },
			(up) => {
				entry.status = up.statusCode ?? null;
				fs.appendFile(logFile, `${JSON.stringify(entry)}\n`, () => {});
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			entry.status = 502;
			entry.error = error.message;
			fs.appendFile(logFile, `${JSON.stringify(entry)}\n`, () => {});
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				port,
				log: entries,
				close: () => new Promise<void>((r) => server.close(() => r())),
				server,
			});
		});
	});
}
