// The package loads into real n8n the way users install it, and the editor offers what the source describes.
import * as fs from 'fs';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealth/HeroHealthTrigger.node';
import type { PageJson, WorkflowJson } from '../../scripts/lib/n8n/json';
import type { ServedType } from '../../scripts/lib/n8n/rest';
import { standinCredential } from '../../scripts/lib/n8n/credentials';
import { exampleFiles } from '../../scripts/lib/n8n/examples';
import { PACKAGE_NAME } from '../../scripts/lib/n8n/project';
import { registeredTypes, restOk } from '../../scripts/lib/n8n/rest';
import {
	HERO_NODE,
	HERO_TRIGGER,
	N8N_WORDING,
	contractViolationsSince,
	e2e,
	lastSeq,
	logSince,
	n8nLog,
	publicApi,
} from './helpers';

let since = 0;
let types: { nodes: ServedType[]; credentials: ServedType[] };

/** What the editor's credential test answers. */
interface CredentialTestAnswer {
	data: { status: 'OK' | 'Error'; message: string };
}

/** A parameter as the editor serves it or as the source describes it: its options may be values, fields or collections. */
interface Property {
	name: string;
	options?: readonly object[];
	displayOptions?: { show?: Record<string, readonly unknown[] | undefined> };
}

beforeAll(async () => {
	since = await lastSeq();
	types = await registeredTypes(e2e().n8nUrl, e2e().cookie);
});

// n8n appends "Custom API Call" (__CUSTOM_API_CALL__) to the resource and operation lists of nodes with credentials
const optionValues = (property: Property | undefined) =>
	(property?.options ?? []).map((o) => ('value' in o ? o.value : undefined)).filter((value) => value !== '__CUSTOM_API_CALL__');
const byName = <P extends Property>(properties: P[], name: string) => properties.filter((p) => p.name === name);

it('registers the Hero Health node, its trigger and its credential in the running editor', () => {
	const served = types.nodes.filter((type) => String(type.name).startsWith(`${PACKAGE_NAME}.`));
	expect(served.map((type) => type.name).sort()).toEqual(expect.arrayContaining([HERO_NODE, HERO_TRIGGER]));
	const node = served.find((type) => type.name === HERO_NODE);
	expect(node!.displayName).toBe(new HeroHealth().description.displayName);
	const trigger = served.find((type) => type.name === HERO_TRIGGER);
	expect(trigger!.displayName).toBe(new HeroHealthTrigger().description.displayName);
	expect(trigger!.webhooks).toEqual(new HeroHealthTrigger().description.webhooks);

	const credential = types.credentials.find((type) => type.name === 'heroHealthApi');
	expect(credential).toBeDefined();
	// n8n appends its own fields (allowed domains) to every credential type
	expect(credential!.properties.map((p) => p.name)).toEqual(
		expect.arrayContaining(new HeroHealthApi().properties.map((p) => p.name)),
	);
	expect(n8nLog()).not.toMatch(/Failed to load package|error.*n8n-nodes-hero-health/i);
});

it('serves the node as built from this source: every resource and every operation', () => {
	const served = types.nodes.find((type) => type.name === HERO_NODE);
	const source = new HeroHealth().description.properties;
	const [servedResource] = byName(served!.properties, 'resource');
	const [sourceResource] = byName(source, 'resource');
	expect(optionValues(servedResource)).toEqual(optionValues(sourceResource));
	expect(optionValues(servedResource).length).toBeGreaterThanOrEqual(1);
	for (const resource of optionValues(sourceResource)) {
		const pick = (properties: Property[]) =>
			byName(properties, 'operation').find((p) => p.displayOptions?.show?.resource?.includes(resource));
		expect({ resource, operations: optionValues(pick(served!.properties)) }).toEqual({
			resource,
			operations: optionValues(pick(source)),
		});
	}
});

it('tests the imported credential through the editor against the stand-in, and reports a wrong key', async () => {
	const { n8nUrl, cookie, standinUrl } = e2e();
	// what the credential panel's Test button sends
	const credentials = standinCredential(standinUrl);
	const good = await restOk<CredentialTestAnswer>(n8nUrl, 'POST', '/rest/credentials/test', {
		cookie,
		body: { credentials },
	});
	expect(good.json.data.status === 'OK' ? 'OK' : good.json.data).toBe('OK');

	const bad = await restOk<CredentialTestAnswer>(n8nUrl, 'POST', '/rest/credentials/test', {
		cookie,
		body: { credentials: { ...credentials, data: { ...credentials.data, apiKey: 'not-a-hero-key' } } },
	});
	expect(bad.json.data.status).toBe('Error');
	expect(bad.json.data.message).toBe(N8N_WORDING.wrongKey);
	// both tests reached Hero (the stand-in) as GET /v1/me with the key in x-api-key
	const calls = (await logSince(since)).filter((entry) => entry.operationId === 'getPracticeGroupById');
	// (n8n may repeat a failed credential test request)
	const seen = [...new Set(calls.map((entry) => `${entry.status} ${String(entry.headers['x-api-key'])}`))];
	expect(seen).toEqual(['200 hero-test-key', '401 not-a-hero-key']);
});

it('has every example workflow imported, each with nodes n8n knows', async () => {
	const listed = await publicApi<PageJson<WorkflowJson>>('GET', '/workflows?limit=250');
	const ids = listed.data.map((w) => w.id);
	const known = new Set(types.nodes.map((type) => type.name));
	for (const file of exampleFiles()) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson;
		expect(ids).toContain(workflow.id);
		const unknown = workflow.nodes.map((node) => node.type).filter((type) => !known.has(type));
		expect({ file, unknown }).toEqual({ file, unknown: [] });
	}
});

it('every request the stand-in received matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
