// A running instance over HTTP: the editor's own REST routes (owner set-up, API keys, served types) and the
// public API (/api/v1).

import type { ExecutionJson, PageJson } from './json';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface RestOptions {
	cookie?: string;
	apiKey?: string;
	body?: unknown;
}

/** An answer of n8n's; `json` is the parsed body (null when empty or not JSON), of the shape the caller names. */
export interface RestResult<T = unknown> {
	status: number;
	json: T;
	text: string;
	res: Response;
}

function cookieFrom(res: Response): string {
	return res.headers
		.getSetCookie()
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

export async function rest<T = unknown>(
	url: string,
	method: string,
	route: string,
	{ cookie, body, apiKey }: RestOptions = {},
): Promise<RestResult<T>> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	if (apiKey) headers['x-n8n-api-key'] = apiKey;
	const res = await fetch(`${url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json: unknown = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		// not JSON
	}
	return { status: res.status, json: json as T, text, res };
}

export async function restOk<T = unknown>(
	url: string,
	method: string,
	route: string,
	options?: RestOptions,
): Promise<RestResult<T>> {
	const r = await rest<T>(url, method, route, options);
	if (r.status >= 300) throw new Error(`${method} ${route} answered ${r.status}: ${r.text.slice(0, 500)}`);
	return r;
}

/** A call to n8n's public API (/api/v1) with an API key; `T` is the shape of the JSON it answers. */
export type PublicApi = <T = unknown>(method: string, route: string, body?: unknown) => Promise<T>;

/** Every execution of the workflow the public API lists, following its cursor through all pages; `query` adds e.g. includeData and limit. */
export async function allExecutions(
	publicApi: PublicApi,
	workflowId: string,
	query: Record<string, string>,
): Promise<ExecutionJson[]> {
	const all: ExecutionJson[] = [];
	let cursor: string | undefined;
	do {
		const qs = new URLSearchParams({ workflowId, ...query, ...(cursor ? { cursor } : {}) });
		const page = await publicApi<PageJson<ExecutionJson>>('GET', `/executions?${qs}`);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all;
}

export const DEMO_OWNER: Owner = { email: 'demo@example.com', password: 'HeroDemo-2026', firstName: 'Demo', lastName: 'Owner' };

/** Sets up the instance owner on a fresh instance, or logs in; resolves to the auth cookie. */
export async function setupOwner(url: string, owner: Owner = DEMO_OWNER): Promise<string> {
	const settings = await restOk<{ data: { userManagement: { showSetupOnFirstLoad: boolean } } }>(url, 'GET', '/rest/settings');
	const needsSetup = settings.json.data.userManagement.showSetupOnFirstLoad;
	const r = needsSetup
		? await restOk(url, 'POST', '/rest/owner/setup', { body: owner })
		: await restOk(url, 'POST', '/rest/login', { body: { emailOrLdapLoginId: owner.email, password: owner.password } });
	const cookie = cookieFrom(r.res);
	if (!cookie) throw new Error('n8n set no auth cookie');
	return cookie;
}

/** A public-API key with every scope n8n offers; resolves to the raw key. */
export async function createApiKey(url: string, cookie: string, label = `local-${Date.now()}`): Promise<string> {
	const scopes = (await restOk<{ data: string[] }>(url, 'GET', '/rest/api-keys/scopes', { cookie })).json.data;
	const r = await restOk<{ data: { rawApiKey: string } }>(url, 'POST', '/rest/api-keys', {
		cookie,
		body: { label, scopes, expiresAt: null },
	});
	return r.json.data.rawApiKey;
}

/** A parameter of a served node or credential type: the fields the tests read. */
export interface ServedProperty {
	name: string;
	displayName?: string;
	options?: Array<{ name: string; value?: unknown }>;
	displayOptions?: { show?: Record<string, unknown[] | undefined> };
}

/** A node or credential type as the editor serves it (/types/*.json): the fields the tests read. */
export interface ServedType {
	name: string;
	displayName: string;
	properties: ServedProperty[];
	/** node types: the webhooks the node registers */
	webhooks?: unknown[];
}

/** Node types and credential types the running editor serves (what the node panel lists). */
export async function registeredTypes(url: string, cookie: string): Promise<{ nodes: ServedType[]; credentials: ServedType[] }> {
	const nodes = (await restOk<ServedType[]>(url, 'GET', '/types/nodes.json', { cookie })).json;
	const credentials = (await restOk<ServedType[]>(url, 'GET', '/types/credentials.json', { cookie })).json;
	return { nodes, credentials };
}
