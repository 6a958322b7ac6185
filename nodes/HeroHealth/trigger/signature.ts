// Hero webhook signatures: HMAC-SHA256 keyed with the webhook's signing_key over
// "{X-Herohealth-Timestamp}.{raw body}". Hero does not document the encoding, the timestamp unit or a
// replay window, so this follows the house rules in api/README.md. Pure: no n8n imports.
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-herohealth-signature';
export const TIMESTAMP_HEADER = 'x-herohealth-timestamp';

/** How far a delivery's timestamp may be from our clock, either way. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const DIGEST_BYTES = 32;
// Below 1e11 a Unix timestamp can only be seconds (1e11 ms is 1973; 1e11 s is the year 5138).
const LARGEST_SECONDS_TIMESTAMP = 1e11;

/** `digest` is the delivery's HMAC as hex, the same whichever encoding the header used. */
export type Verdict = { ok: true; digest: string } | { ok: false; reason: string };

export type DeliveryHeaders = Record<string, string | string[] | undefined>;

/** A fresh signing key for one Hero webhook: 32 random bytes, as hex. */
export function newSigningKey(): string {
	return randomBytes(32).toString('hex');
}

function singleHeader(headers: DeliveryHeaders, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Unix seconds, Unix milliseconds or ISO 8601, as milliseconds; NaN when it is none of those. */
function timestampMs(value: string): number {
	if (/^\d+(\.\d+)?$/.test(value)) {
		const number = Number(value);
		return number < LARGEST_SECONDS_TIMESTAMP ? number * 1000 : number;
	}
	if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return Date.parse(value);
	return NaN;
}

/** The 32 digest bytes a signature header carries: hex or base64 (standard or URL-safe), optionally after "sha256=". */
function signatureBytes(value: string): Buffer | undefined {
	const encoded = value.replace(/^sha256=/i, '');
	if (/^[0-9a-f]{64}$/i.test(encoded)) return Buffer.from(encoded, 'hex');
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(encoded)) {
		const bytes = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		return bytes.length === DIGEST_BYTES ? bytes : undefined;
	}
	return undefined;
}

/**
 * Checks one delivery: both headers present, the timestamp within five minutes of `now`, and the
 * signature equal (in constant time) to HMAC-SHA256(key, "{timestamp}.{raw body}"), with the
 * timestamp header used verbatim and the body as the exact bytes received.
 */
export function verify(rawBody: Buffer | string, headers: DeliveryHeaders, key: string, now: number): Verdict {
	const timestamp = singleHeader(headers, TIMESTAMP_HEADER);
	if (timestamp === undefined) return { ok: false, reason: 'the X-Herohealth-Timestamp header is missing' };
	const signature = singleHeader(headers, SIGNATURE_HEADER);
	if (signature === undefined) return { ok: false, reason: 'the X-Herohealth-Signature header is missing' };

	const sentAt = timestampMs(timestamp);
	if (Number.isNaN(sentAt)) return { ok: false, reason: 'the X-Herohealth-Timestamp header is not a time' };
	if (Math.abs(now - sentAt) > MAX_CLOCK_SKEW_MS) {
		return { ok: false, reason: 'the X-Herohealth-Timestamp is more than 5 minutes from now' };
	}

	const received = signatureBytes(signature);
	if (received === undefined) return { ok: false, reason: 'the X-Herohealth-Signature is not a SHA-256 digest in hex or base64' };

	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	const expected = createHmac('sha256', key).update(`${timestamp}.`).update(body).digest();
	if (!timingSafeEqual(expected, received)) return { ok: false, reason: 'the X-Herohealth-Signature does not match' };
	return { ok: true, digest: expected.toString('hex') };
}
