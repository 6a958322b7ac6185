import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redact, redactObject } from '../helpers/redact';

/** What the failing call was doing, in words a workflow author recognises: "get message 42". */
export interface RequestSummary {
	method: string;
	path: string;
	/** e.g. "message 42"; used to say what was not found */
	subject?: string;
	/** where the request went, so a 404 on a path that should exist can point at the credential */
	baseUrl?: string;
}

export interface HeroErrorInput {
	status: number;
	body: unknown;
	request: RequestSummary;
	secrets: string[];
	itemIndex?: number;
	/** set when a write got an ambiguous answer and was deliberately not resent */
	notResent?: boolean;
	attempts?: number;
	/** how long Hero kept refusing the request with 429 before it was given up */
	refusedForMs?: number;
}

const WRITE_NOT_RESENT =
	'The request was not resent, because Hero may already have acted on it (a resent message is a second SMS to a patient). Check in Hero before running this item again.';

function asObject(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (typeof body === 'string' && body.trim()) {
		try {
			const parsed = JSON.parse(body);
			if (parsed && typeof parsed === 'object') return parsed as IDataObject;
		} catch {
			return { message: body };
		}
	}
	return {};
}

/** Hero's 400 body carries a zod-style issue list; render each as "path: what was expected". */
export function describeValidationIssues(message: unknown): string[] {
	if (!Array.isArray(message)) return [];
	return message.map((issue) => {
		const entry = (issue ?? {}) as IDataObject;
		const path = Array.isArray(entry.path) && entry.path.length ? entry.path.join('.') : '(body)';
		let detail: string;
		if (entry.expected !== undefined) {
			detail = `expected ${String(entry.expected)}`;
			if (entry.received !== undefined) detail += `, received ${String(entry.received)}`;
		} else if (typeof entry.message === 'string') {
			detail = entry.message;
		} else {
			detail = String(entry.code ?? 'invalid');
		}
		return `${path}: ${detail}`;
	});
}

function heroWords(body: IDataObject): string {
	if (typeof body.message === 'string') return body.message;
	if (typeof body.error === 'string') return body.error;
	if (body.error && typeof body.error === 'object' && typeof (body.error as IDataObject).message === 'string') {
		return (body.error as IDataObject).message as string;
	}
	return '';
}

/** The parts of a description that are there, one per line. */
function lines(...parts: Array<string | undefined>): string {
	return parts.filter(Boolean).join('\n');
}

function action(request: RequestSummary) {
	return `${request.method} ${request.path}`;
}

/** Turns a Hero error answer into a NodeApiError whose message says what failed and whose description carries Hero's words. */
export function heroApiError(node: INode, input: HeroErrorInput): NodeApiError {
	const { status, request } = input;
	const body = asObject(input.body);
	const said = heroWords(body);
	const heroSaid = said ? `Hero said: ${said}` : '';
	let message: string;
	let description: string;

	if (body.error === 'gdpr_restriction') {
		const restrictions = Array.isArray(body.restrictions) ? body.restrictions.map(String) : [];
		const blocked = restrictions.length ? restrictions.join(', ') : 'unspecified channels';
		message = `Blocked by the patient's data-sharing restrictions (gdpr_restriction): ${blocked}`;
		description = lines(
			heroSaid,
			`Restricted channels: ${blocked}.`,
			'Send on a channel that is not restricted, or route this item through the error output to handle it another way.',
		);
	} else if (status === 400) {
		const issues = describeValidationIssues(body.message);
		message = `Hero Health rejected the request as invalid (400) for ${action(request)}`;
		description = issues.length
			? ['Hero reported these problems:', ...issues].join('\n')
			: heroSaid || 'Check the parameters of this operation.';
	} else if (status === 401) {
		message = 'Hero Health did not accept the API key (401 Unauthorized)';
		description = lines(
			heroSaid,
			'Check the API key in the Hero Health API credential, and that its environment matches the key: staging and production keys differ.',
		);
	} else if (status === 403) {
		message = `Hero Health refused access to ${action(request)} (403 Forbidden)`;
		description = lines(
			heroSaid,
			'The key is valid but may lack the scope this call needs (messaging, booking or booking links), or the Practice Group ID in the credential does not belong to this key. Ask Hero to add the scope, or fix the Practice Group ID.',
		);
	} else if (status === 404 && request.subject) {
		message = `Not found: Hero Health has no ${request.subject} (404)`;
		description = lines(
			heroSaid,
			'Check the ID, and that it belongs to this practice group and environment. If every request fails like this, check the Environment and Base URL of the Hero Health API credential.',
		);
	} else if (status === 404) {
		// A list or the practice group itself: nothing to be missing but the path, so the address is wrong.
		message = `Hero Health has no ${action(request)} at ${request.baseUrl ?? 'this address'} (404)`;
		description = lines(
			heroSaid,
			"This path exists in Hero's API, so the address is probably wrong: check the Environment and Base URL of the Hero Health API credential.",
		);
	} else if (status === 409) {
		message = `Hero Health reported a conflict for ${action(request)} (409)`;
		description = heroSaid || 'The record changed or is taken; fetch it again and retry with current data.';
	} else if (status === 429) {
		const seconds = Math.round((input.refusedForMs ?? 0) / 1000);
		const over = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
		message =
			seconds > 0
				? `Hero Health's rate limit was still exceeded after ${input.attempts ?? 1} attempts over ${over} (429)`
				: "Hero Health's rate limit was exceeded, and Hero asked to wait longer than the node waits (429)";
		description = lines(
			heroSaid,
			'Hero refused this request every time, so it did nothing with it. Something besides these n8n workflows may be using the same API key heavily (the node already shares the key with every n8n process and waits 429s out). Run the item again later.',
		);
	} else if (status >= 500) {
		message = `Hero Health had a server error (${status}) on ${action(request)}`;
		description = lines(heroSaid, input.notResent ? WRITE_NOT_RESENT : 'Hero may be having problems; try again later.');
	} else {
		message = `Hero Health answered ${status} to ${action(request)}`;
		description = heroSaid;
	}

	const errorResponse: JsonObject = { status, ...(redactObject(body, input.secrets) as JsonObject) };
	return new NodeApiError(node, errorResponse, {
		message: redact(message, input.secrets),
		description: redact(description, input.secrets),
		httpCode: String(status),
		itemIndex: input.itemIndex,
	});
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNABORTED: 'no answer came in time',
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was dropped before an answer came',
	ENOTFOUND: 'the host name was not found',
	ETIMEDOUT: 'no answer came in time',
};

/** A request that never got an HTTP answer: connection refused, reset, timed out. */
export function heroNetworkError(
	node: INode,
	input: { code: string; request: RequestSummary; notResent: boolean; itemIndex?: number; secrets: string[] },
): NodeApiError {
	// The code stays out of the message: NodeApiError would swap a message naming it for a generic one.
	const message = `Could not reach Hero Health for ${action(input.request)}: ${NETWORK_FAILURES[input.code] ?? 'a network error occurred'}`;
	const description = `${input.code}. ${
		input.notResent ? WRITE_NOT_RESENT : "Check the credential's environment or base URL and the network, then try again."
	}`;
	return new NodeApiError(
		node,
		{ networkError: input.code },
		{ message: redact(message, input.secrets), description, itemIndex: input.itemIndex },
	);
}
