// Webhook registrations. Deliveries are in ../webhooks.ts.

import type { HandlerContext, Webhook } from '../model';
import { iso, notFound, validationError, issue, paginate, type Query } from '../util';

export interface CreateWebhookBody {
	event_type: string;
	url: string;
	signing_key?: string;
	description?: string;
	/** the contract says only "object"; its values go out as header values */
	headers?: Record<string, string>;
}

// The signing key is echoed once, in the create response (the contract's Webhook schema and the notes
// show it there); list responses never carry it.
function webhookView(w: Webhook, withSecret: boolean) {
	const view = {
		id: w.id,
		event_type: w.event_type,
		url: w.url,
		description: w.description,
		headers: w.headers,
		created_at: w.created_at,
		updated_at: w.updated_at,
	};
	return withSecret && w.signing_key !== undefined ? { ...view, signing_key: w.signing_key } : view;
}

export function createWebhook({ state, body, now }: HandlerContext<CreateWebhookBody>) {
	if (!/^https?:\/\//i.test(body.url)) {
		throw validationError([issue('url', 'invalid_string', 'url', 'Webhook url must be http(s)', { validation: 'url' })]);
	}
	const w: Webhook = {
		id: String(state.nextId.webhook++),
		event_type: body.event_type,
		url: body.url,
		signing_key: body.signing_key,
		description: body.description,
		headers: body.headers || {},
		created_at: iso(now),
		updated_at: iso(now),
	};
	if (w.description === undefined) delete w.description;
	state.webhooks.push(w);
	return webhookView(w, true);
}

export function listWebhooks({ state, query }: HandlerContext<unknown, Query & { event_type?: string }>) {
	const items = state.webhooks
		.filter((w) => !query.event_type || w.event_type === query.event_type)
		.map((w) => webhookView(w, false));
	return paginate(items, query);
}

export function deleteWebhook({ state, params }: HandlerContext) {
	const i = state.webhooks.findIndex((w) => w.id === params.id);
	if (i < 0) throw notFound('Webhook', params.id);
	state.webhooks.splice(i, 1);
	return { id: params.id, deleted: true };
}
