// Practice group: /v1/me*, elements and the Elements access token (a JWT valid 30 minutes).

import crypto from 'crypto';
import type { HandlerContext, PracticeGroup } from '../model';
import { paginate } from '../util';

export const TOKEN_SECRET = 'hero-standin-elements-secret'; // the stand-in signs its own tokens (HS256)
const TOKEN_TTL_SECONDS = 30 * 60;

export interface UpdatePracticeGroupBody {
	name?: string;
	address?: PracticeGroup['address'];
	prescription_partner_enabled?: boolean;
	prescription_partner?: 'signature_rx';
	prescription_partner_credentials?: { email?: string; password?: string };
	/** never changed, even when sent */
	id?: unknown;
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function signJwt(payload: Record<string, unknown>): string {
	const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
	return `${head}.${crypto.createHmac('sha256', TOKEN_SECRET).update(head).digest('base64url')}`;
}

export function getPracticeGroupById({ state }: HandlerContext) {
	return state.practiceGroup;
}

export function updatePracticeGroup({ state, body }: HandlerContext<UpdatePracticeGroupBody>) {
	const { id, ...changes } = body || {};
	Object.assign(state.practiceGroup, changes);
	return state.practiceGroup;
}

// Hero's reference shows { capabilities: ["sms_messaging"] }; the other names are the stand-in's own.
export function getCapabilities() {
	return {
		capabilities: [
			'batch_messaging',
			'email_messaging',
			'nhs_app_messaging',
			'online_booking',
			'sms_messaging',
			'write_to_record',
		],
	};
}

export function getConfiguration({ state, config }: HandlerContext) {
	return {
		practice_group_id: state.practiceGroup.id,
		timezone: 'Europe/London',
		sector: state.practiceGroup.sector,
		booking: {
			reservation_hold_seconds: Math.round(config.reservationTtlMs / 1000),
			cancellation_policy_hours: 24,
			booking_window_days: 28,
		},
		messaging: { sms_sender_id: 'STANDIN', default_message_type: 'sms' },
		rate_limit_per_minute: config.rateLimitPerMinute,
	};
}

export function listPracticeGroupElements({ query }: HandlerContext) {
	const items = [
		{ version: '1.4.0', config: { theme: 'light' }, element: { id: '1', name: 'message-builder', tag: 'hh-message-builder' } },
		{ version: null, config: {}, element: { id: '2', name: 'booking-widget', tag: 'hh-booking' } },
	];
	return paginate(items, query);
}

export function createAccessToken({ state, key, now }: HandlerContext) {
	const iat = Math.floor(now / 1000);
	const payload = {
		iss: 'hero-standin',
		aud: 'hero-elements',
		sub: key.label,
		practice_group_id: state.practiceGroup.id,
		scopes: key.scopes,
		iat,
		exp: iat + TOKEN_TTL_SECONDS,
		jti: state.rng.hex(16),
	};
	const token = signJwt(payload);
	state.accessTokens.push({ jti: payload.jti, exp: payload.exp, key: key.label });
	return { access_token: token };
}
