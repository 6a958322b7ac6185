import { createHmac } from 'node:crypto';

import {
	MAX_CLOCK_SKEW_MS,
	SIGNATURE_HEADER,
	TIMESTAMP_HEADER,
	newSigningKey,
	verify,
} from '../nodes/HeroHealth/trigger/signature';

const KEY = 'a'.repeat(64);
const NOW = Date.UTC(2026, 10, 21, 9, 30, 0);
const BODY = '{"event_type":"appointment.confirmed","data":{"id":"5001"}}';

function digest(key: string, timestamp: string, body: string | Buffer): Buffer {
	return createHmac('sha256', key).update(`${timestamp}.`).update(body).digest();
}

function headers(timestamp: string, signature: string) {
	return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature };
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe('verify accepts a genuine signature', () => {
	const timestamp = seconds(NOW);
	const mac = digest(KEY, timestamp, BODY);

	test.each([
		['lowercase hex', mac.toString('hex')],
		['uppercase hex', mac.toString('hex').toUpperCase()],
		['hex with sha256= prefix', `sha256=${mac.toString('hex')}`],
		['base64', mac.toString('base64')],
		['base64 with sha256= prefix', `sha256=${mac.toString('base64')}`],
		['base64url without padding', mac.toString('base64url')],
	])('in %s, giving the digest as hex whatever the encoding', (_label, signature) => {
		expect(verify(BODY, headers(timestamp, signature), KEY, NOW)).toEqual({ ok: true, digest: mac.toString('hex') });
	});

	test.each([
		['Unix seconds', seconds(NOW)],
		['Unix milliseconds', String(NOW)],
		['ISO 8601', new Date(NOW).toISOString()],
	])('with a timestamp in %s, used verbatim in the signed message', (_label, stamp) => {
		const signature = digest(KEY, stamp, BODY).toString('hex');
		expect(verify(BODY, headers(stamp, signature), KEY, NOW)).toEqual({ ok: true, digest: signature });
	});

	test('over the raw bytes, not re-serialised JSON', () => {
		const raw = Buffer.from('{ "note": "caf\u00e9",  "n": 1.0 }\n', 'utf8');
		const onRaw = digest(KEY, timestamp, raw).toString('hex');
		const reserialised = digest(KEY, timestamp, JSON.stringify(JSON.parse(raw.toString('utf8')))).toString('hex');
		expect(verify(raw, headers(timestamp, onRaw), KEY, NOW)).toEqual({ ok: true, digest: onRaw });
		expect(verify(raw, headers(timestamp, reserialised), KEY, NOW)).toMatchObject({ ok: false });
	});

	test('up to five minutes from now in either direction', () => {
		for (const offset of [-MAX_CLOCK_SKEW_MS + 1000, MAX_CLOCK_SKEW_MS - 1000]) {
			const stamp = seconds(NOW + offset);
			const signature = digest(KEY, stamp, BODY).toString('hex');
			expect(verify(BODY, headers(stamp, signature), KEY, NOW)).toEqual({ ok: true, digest: signature });
		}
	});
});

describe('verify refuses', () => {
	const timestamp = seconds(NOW);
	const good = digest(KEY, timestamp, BODY).toString('hex');

	test.each([
		['a tampered body', () => verify(BODY.replace('5001', '5002'), headers(timestamp, good), KEY, NOW), 'does not match'],
		['the wrong key', () => verify(BODY, headers(timestamp, good), 'b'.repeat(64), NOW), 'does not match'],
		[
			'a signature made for another timestamp',
			() => verify(BODY, headers(seconds(NOW - 1000), good), KEY, NOW),
			'does not match',
		],
		['a missing timestamp header', () => verify(BODY, { [SIGNATURE_HEADER]: good }, KEY, NOW), 'Timestamp header is missing'],
		[
			'a missing signature header',
			() => verify(BODY, { [TIMESTAMP_HEADER]: timestamp }, KEY, NOW),
			'Signature header is missing',
		],
		[
			'a repeated signature header',
			() => verify(BODY, { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: [good, good] }, KEY, NOW),
			'Signature header',
		],
		['a timestamp that is not a time', () => verify(BODY, headers('yesterday', good), KEY, NOW), 'not a time'],
		[
			'a timestamp 6 minutes old, correctly signed',
			() => {
				const stamp = seconds(NOW - 6 * 60 * 1000);
				return verify(BODY, headers(stamp, digest(KEY, stamp, BODY).toString('hex')), KEY, NOW);
			},
			'more than 5 minutes',
		],
		[
			'a timestamp 6 minutes ahead, correctly signed',
			() => {
				const stamp = String(NOW + 6 * 60 * 1000);
				return verify(BODY, headers(stamp, digest(KEY, stamp, BODY).toString('hex')), KEY, NOW);
			},
			'more than 5 minutes',
		],
		[
			'a wrong value in base64',
			() => verify(BODY, headers(timestamp, digest('b'.repeat(64), timestamp, BODY).toString('base64')), KEY, NOW),
			'does not match',
		],
		['a truncated hex signature', () => verify(BODY, headers(timestamp, good.slice(0, 62)), KEY, NOW), 'not a SHA-256 digest'],
		[
			'a signature that is not hex or base64',
			() => verify(BODY, headers(timestamp, 'z'.repeat(64)), KEY, NOW),
			'not a SHA-256 digest',
		],
		[
			'a different hash algorithm (sha1)',
			() => verify(BODY, headers(timestamp, createHmac('sha1', KEY).update(`${timestamp}.${BODY}`).digest('hex')), KEY, NOW),
			'not a SHA-256 digest',
		],
	])('%s', (_label, check, reason) => {
		const verdict = check();
		expect(verdict.ok).toBe(false);
		expect(verdict).toMatchObject({ reason: expect.stringContaining(reason) });
	});

	test('without ever naming the key in its reason', () => {
		const verdict = verify(BODY, headers(timestamp, good), 'c'.repeat(64), NOW);
		expect(JSON.stringify(verdict)).not.toContain('c'.repeat(64));
	});
});

test('newSigningKey makes a fresh 32-byte key in hex each time', () => {
	const keys = new Set(Array.from({ length: 20 }, () => newSigningKey()));
	expect(keys.size).toBe(20);
	for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
});
