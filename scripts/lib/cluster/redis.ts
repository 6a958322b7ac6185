// Redis for the queue: its own port on 127.0.0.1, nothing saved to disk.

import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { freePort } from '../n8n/process';
import type { InstalledTools } from './debian-packages';
import { spawnService } from './service';
import type { ServiceHandle } from './service';

export type Redis = ServiceHandle & { host: string; port: number };

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		socket.setTimeout(2000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('error', () => resolve(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.startsWith('+PONG'));
			}
		});
	});
}

export async function startRedis(tools: InstalledTools, { logsDir }: { logsDir: string }): Promise<Redis> {
	const port = await freePort();
	const logFile = path.join(logsDir, 'redis.log');
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--protected-mode',
		'yes',
	];
	const handle = await spawnService('redis', tools.redisServer, args, {
		env: process.env,
		cwd: os.tmpdir(),
		logFile,
		ready: async () => await redisPing(port),
		readyTimeoutMs: 30_000,
	});
	return { ...handle, host: '127.0.0.1', port };
}
