import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { RequestSummary } from './errors';
import { heroApiError, heroNetworkError } from './errors';
import { RATE_LIMIT_BUDGET_MS, rateLimiterFor } from './rateLimiter';
import { baseUrlProblem, headerValueProblem, positiveWholeNumberProblem } from '../validation';

// Where Hero lives: each environment's base URL and Hero's documented rate limit per API key (the
// credential offers these), and below every path. Requests are built from nothing else.
export const HERO_ENVIRONMENT_URLS = {
	production: 'https://api.herohealth.net',
	staging: 'https://api.staging.htech.app',
	mock: 'https://developer.herohealth.net/_mock/apis/public-api/openapi',
} as const;

export const HERO_DEFAULT_RATE_LIMIT_PER_MINUTE = 300;

// Every Hero Health path, once. The contract is api/hero-health.openapi.yaml; paths marked
// x-inferred there are corrected here and nowhere else.
/** The path of one record of `collection` (its ID made safe for a URL), or of what lies `below` it ('/book'). */
const recordPath =
	(collection: string, below = '') =>
	(id: string) =>
		`${collection}/${encodeURIComponent(id)}${below}`;

export const heroPaths = {
	elementsJwt: '/v1/access_token',
	appointment: recordPath('/v1/appointments'),
	appointmentBook: recordPath('/v1/appointments', '/book'),
	appointmentCancel: recordPath('/v1/appointments', '/cancel'),
	appointmentReschedule: recordPath('/v1/appointments', '/reschedule'),
	appointmentStatus: recordPath('/v1/appointments', '/status'),
	appointmentTypes: '/v1/appointment_types',
	appointments: '/v1/appointments',
	attachmentLinks: '/v1/attachment_links',
	batchMessage: recordPath('/v1/batch_message'),
	batchMessageMessages: recordPath('/v1/batch_message', '/messages'),
	batchMessageRecipients: recordPath('/v1/batch_message', '/recipients'),
	batchMessageSend: recordPath('/v1/batch_message', '/send'),
	batchMessages: '/v1/batch_message',
	bookingLink: recordPath('/v1/booking_links'),
	bookingLinks: '/v1/booking_links',
	bookingLinksV2: '/v2/bookinglinks',
	formLinks: '/v1/form_links',
	formResponse: recordPath('/v1/form_response'),
	linkStatus: '/v1/links/status',
	locations: '/v1/locations',
	me: '/v1/me',
	meCapabilities: '/v1/me/capabilities',
	meConfiguration: '/v1/me/configuration',
	meElements: '/v1/me/elements',
	message: recordPath('/v1/messages'),
	messageSend: '/v1/messages/send',
	patient: recordPath('/v1/patients'),
	patientAttachments: recordPath('/v1/patients', '/attachments'),
	patientEhrCandidates: recordPath('/v1/patients', '/ehr/candidates'),
	patientEhrConnect: recordPath('/v1/patients', '/ehr/connect'),
	patientMerge: recordPath('/v1/patients', '/merge'),
	patientMergePreview: recordPath('/v1/patients', '/merge/preview'),
	patientRegister: '/v1/patients/register',
	patientRegisterPds: '/v1/patients/register_pds',
	patients: '/v1/patients',
	patientsV3: '/v3/patients',
	practitioner: recordPath('/v1/practitioners'),
	practitioners: '/v1/practitioners',
	slot: recordPath('/v1/slots'),
	slotCount: '/v1/slots/count',
	slots: '/v1/slots',
	videoLinks: '/v1/video_links',
	webhook: recordPath('/v1/webhooks'),
	webhooks: '/v1/webhooks',
} as const;

const CREDENTIAL_TYPE = 'heroHealthApi';

export interface HeroCredentials {
	apiKey: string;
	practiceGroupId: string;
	environment: keyof typeof HERO_ENVIRONMENT_URLS | 'custom';
	baseUrl?: string;
	rateLimitPerMinute?: number;
}

/** Any n8n context that can read credentials and send authenticated requests (execute, load options, hooks, webhooks). */
export type HeroContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface HeroRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** The record the request is about ("message 42"), so a 404 can say what was not found; none for lists. */
	subject?: string;
	/** Values besides the API key to remove from errors, such as webhook signing keys. */
	secrets?: string[];
}

const MAX_GET_ATTEMPTS = 4;
const BACKOFF_BASE_MS = 250;
const REQUEST_TIMEOUT_MS = 60_000;
// Connection refused means nothing reached Hero, so even a write is safe to try again.
const NEVER_SENT_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];

/** The input item a request is for, as the router hands it over. */
export interface HeroItem {
	/** The input item's index, for its parameters and errors. */
	index: number;
	/**
	 * Called right before each of the item's requests leaves. Returns false, and the request is not sent,
	 * once an earlier item has failed the run (the answer would be thrown away, and a rerun would send it
	 * again); otherwise marks the item as talking to Hero, so that it is let finish (a booking between
	 * reserve and confirm) whatever fails after.
	 */
	tryStartSending(): boolean;
}

export function baseUrlFor(credentials: HeroCredentials): string {
	if (credentials.environment === 'custom')
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	return HERO_ENVIRONMENT_URLS[credentials.environment] ?? HERO_ENVIRONMENT_URLS.production;
}

/** What every request needs from the credential, checked first: nothing is sent on a bad value. */
export interface HeroConnection {
	apiKey: string;
	baseUrl: string;
	perMinute: number;
}

export async function heroConnection(this: HeroContext, itemIndex?: number): Promise<HeroConnection> {
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as HeroCredentials;
	const refuse = (field: string, problem: string | undefined) => {
		if (problem === undefined) return;
		const item = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
		throw new NodeOperationError(this.getNode(), `Invalid ${field} in the Hero Health API credential${item}: ${problem}`, {
			itemIndex,
			description: `Open the Hero Health API credential and correct its ${field}. Nothing was sent to Hero.`,
		});
	};
	refuse('API Key', headerValueProblem(credentials.apiKey));
	refuse('Practice Group ID', headerValueProblem(credentials.practiceGroupId));
	if (credentials.environment === 'custom') refuse('Base URL', baseUrlProblem(credentials.baseUrl));
	const rate = credentials.rateLimitPerMinute;
	const unset = rate === undefined || rate === null || (rate as unknown) === '';
	if (!unset) refuse('Rate Limit (Requests per Minute)', positiveWholeNumberProblem(rate));
	return {
		apiKey: credentials.apiKey,
		baseUrl: baseUrlFor(credentials),
		perMinute: unset ? HERO_DEFAULT_RATE_LIMIT_PER_MINUTE : Number(rate),
	};
}

function networkErrorCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current = error as IDataObject | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as IDataObject | undefined;
	}
	return 'ECONNRESET';
}

/**
 * The credential's API key, to keep out of what the node outputs and throws: a user may type it
 * into a parameter that a refusal quotes back. None when the node has no credential yet.
 */
export async function heroSecrets(this: HeroContext): Promise<string[]> {
	try {
		const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as HeroCredentials;
		return [credentials.apiKey];
	} catch {
		return [];
	}
}

/**
 * The one way the package talks to Hero: paced per API key, 429s waited out, GETs retried on
 * 5xx and network errors, writes never resent once they may have reached Hero, and every error
 * turned into a NodeApiError carrying Hero's words with secrets removed. Resolves to Hero's answer,
 * `{}` when it answered nothing (no body, or JSON null).
 */
export async function heroRequest(this: HeroContext, request: HeroRequest, item?: HeroItem): Promise<IDataObject> {
	return ((await heroAnswer.call(this, request, item)) ?? {}) as IDataObject;
}

/** heroRequest for a GET of one record or list; `subject` names the record ("appointment 42") for a 404. */
export async function heroGet(this: HeroContext, item: HeroItem, path: string, subject?: string): Promise<IDataObject> {
	return await heroRequest.call(this, { method: 'GET', path, subject }, item);
}

/** heroRequest, resolving to Hero's answer as parsed (null for JSON null, undefined for no body). */
async function heroAnswer(this: HeroContext, request: HeroRequest, item?: HeroItem): Promise<unknown> {
	const itemIndex = item?.index;
	const connection = await heroConnection.call(this, itemIndex);
	const secrets = [connection.apiKey, ...(request.secrets ?? [])];
	const limiter = rateLimiterFor(connection.apiKey, connection.perMinute);
	const summary: RequestSummary = {
		method: request.method,
		path: request.path,
		subject: request.subject,
		baseUrl: connection.baseUrl,
	};
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	const isRead = request.method === 'GET';

	// Since when Hero has been refusing this request with 429; 429s do not count as failed tries.
	let refusedSince: number | undefined;
	let tries = 0;
	for (let attempt = 1; ; attempt++) {
		const sentAt = await limiter.acquire();
		if (item && !item.tryStartSending()) {
			throw new NodeOperationError(this.getNode(), 'Not sent: the run stopped on an earlier item’s error', { itemIndex });
		}
		let response: IN8nHttpFullResponse;
		try {
			response = (await (this as IExecuteFunctions).helpers.httpRequestWithAuthentication.call(
				this as IExecuteFunctions,
				CREDENTIAL_TYPE,
				{ ...options },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			const safeToRetry = isRead || NEVER_SENT_CODES.includes(code);
			if (safeToRetry && ++tries < MAX_GET_ATTEMPTS) {
				await sleep(BACKOFF_BASE_MS * 2 ** (tries - 1));
				continue;
			}
			throw heroNetworkError(this.getNode(), { code, request: summary, notResent: !isRead, itemIndex, secrets });
		}

		const status = response.statusCode;
		const headers = response.headers as IDataObject;
		if (status === 429) {
			const askedMs = limiter.refused(sentAt, headers) ?? 0;
			refusedSince ??= sentAt;
			// A time budget, not a count: how often Hero refuses depends on how many processes share the key.
			if (limiter.now() + askedMs - refusedSince < RATE_LIMIT_BUDGET_MS) continue;
		} else {
			limiter.accepted(sentAt, headers);
		}
		if (status < 400) return response.body;
		if (status >= 500 && isRead && ++tries < MAX_GET_ATTEMPTS) {
			await sleep(BACKOFF_BASE_MS * 2 ** (tries - 1));
			continue;
		}
		throw heroApiError(this.getNode(), {
			status,
			body: response.body,
			request: summary,
			secrets,
			itemIndex,
			notResent: status >= 500 && !isRead,
			attempts: attempt,
			refusedForMs: refusedSince === undefined ? undefined : limiter.now() - refusedSince,
		});
	}
}

export interface PageOptions {
	returnAll: boolean;
	limit?: number;
	pageSize?: number;
	/** Hero may answer with one record instead of a list (GET /v1/batch_message, as Hero's reference shows it). */
	mayAnswerOneRecord?: boolean;
}

function shapeOf(body: unknown): string {
	if (body === null || body === undefined || body === '') return 'nothing';
	if (typeof body !== 'object') return `a ${typeof body}`;
	const keys = Object.keys(body);
	return keys.length ? `an object with ${keys.slice(0, 8).join(', ')}` : 'an empty object';
}

/** One page's records: Hero's {data, count}, a bare list, or (where allowed) one record alone; anything else fails. */
function pageRecords(
	this: HeroContext,
	page: unknown,
	request: HeroRequest,
	pages: PageOptions,
	itemIndex?: number,
): { records: IDataObject[]; count?: number; lone?: boolean } {
	if (Array.isArray(page)) return { records: page as IDataObject[] };
	const body = (page ?? {}) as IDataObject;
	if (Array.isArray(body.data))
		return { records: body.data as IDataObject[], count: typeof body.count === 'number' ? body.count : undefined };
	if (pages.mayAnswerOneRecord && typeof page === 'object' && body.id !== undefined) return { records: [body], lone: true };
	throw new NodeOperationError(
		this.getNode(),
		`Hero Health answered ${request.method} ${request.path} with something other than a list`,
		{
			itemIndex,
			description: `Expected {data, count}${pages.mayAnswerOneRecord ? ', a list or one record' : ' or a list'}, but got ${shapeOf(page)}. Nothing was output for this item; tell the package maintainers what Hero answered.`,
		},
	);
}

/** One page of a list (page_index from 0), and whether Hero has more after it: a short page, `count` reached or one record alone say no. */
export async function heroRequestPage(
	this: HeroContext,
	request: HeroRequest,
	page: { index: number; size: number },
	pages: PageOptions = { returnAll: false },
	item?: HeroItem,
): Promise<{ records: IDataObject[]; more: boolean }> {
	const answer = await heroAnswer.call(
		this,
		{ ...request, qs: { ...request.qs, page_index: page.index, page_size: page.size } },
		item,
	);
	const { records, count, lone } = pageRecords.call(this, answer, request, pages, item?.index);
	const more = !lone && records.length === page.size && (count === undefined || (page.index + 1) * page.size < count);
	return { records, more };
}

/**
 * Walks a `{data, count}` list by page_index/page_size. Stops at the limit, on a short page, once
 * `count` records are in, or when Hero repeats a page (so a server ignoring page_index cannot loop us).
 */
export async function heroRequestAllPages(
	this: HeroContext,
	request: HeroRequest,
	pages: PageOptions,
	item?: HeroItem,
): Promise<IDataObject[]> {
	const limit = pages.returnAll ? Infinity : Math.max(1, pages.limit ?? 50);
	const size = pages.pageSize ?? (pages.returnAll ? 100 : Math.min(100, limit));
	const records: IDataObject[] = [];
	let previousPage = '';
	for (let index = 0; records.length < limit; index++) {
		const page = await heroRequestPage.call(this, request, { index, size }, pages, item);
		const fingerprint = JSON.stringify(page.records);
		if (page.records.length === 0 || fingerprint === previousPage) break;
		previousPage = fingerprint;
		records.push(...page.records.slice(0, limit - records.length));
		if (!page.more) break;
	}
	return records;
}
