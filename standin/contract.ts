// Loads the Hero OpenAPI contract, routes requests to its operations and validates them with Ajv.
// Validation failures become zod-like issues (ajvIssues.ts), the shape Hero answers 400s with.

import fs from 'fs';
import path from 'path';
import * as YAML from 'yaml';
import Ajv2020, { type SchemaObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isObject, issuesFrom, toList, type JsonObject } from './ajvIssues';
import type { LogEntry } from './model';
import type { DeliveryLogEntry } from './webhooks';
import type { Query, ValidationIssue } from './util';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

// The parts of an OpenAPI 3.1 document the stand-in reads.
export interface OpenApiParameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: SchemaObject;
}
export type OpenApiContent = Record<string, { schema?: SchemaObject } | undefined>;
export interface OpenApiOperation {
	operationId: string;
	tags?: string[];
	parameters?: OpenApiParameter[];
	requestBody?: { required?: boolean; content?: OpenApiContent };
	responses?: Record<string, { content?: OpenApiContent }>;
}
export type OpenApiPathItem = Partial<Record<(typeof METHODS)[number], OpenApiOperation>> & { parameters?: OpenApiParameter[] };
export interface OpenApiDocument {
	paths?: Record<string, OpenApiPathItem>;
}

export interface ParamSchema {
	list: OpenApiParameter[];
	validate: ValidateFunction;
}

export interface Operation {
	operationId: string;
	/** upper case */
	method: string;
	template: string;
	regex: RegExp;
	/** path parameter names, in template order */
	names: string[];
	tags: string[];
	pathParams: ParamSchema;
	queryParams: ParamSchema;
	body: { required: boolean; schema: SchemaObject | undefined; validate: ValidateFunction } | null;
	/** response schema validators by status */
	responses: Record<string, ValidateFunction>;
}

/** An operation and its path parameters, or why there is none (404 unknown path, 405 with the methods allowed). */
export type Route =
	| { op: Operation; pathParams: Record<string, string>; status?: undefined }
	| { op?: undefined; status: 404 }
	| { op?: undefined; status: 405; allow: string[] };

export interface Validation {
	issues: ValidationIssue[];
	/** the contract's query parameters, coerced to their schema types */
	query: Query;
}

// The project's own copy of the contract; nothing outside the repo is read.
export function contractPath(): string {
	return path.resolve(__dirname, '../api/hero-health.openapi.yaml');
}

// Replace every local $ref with the object it points at (the contract has no cycles, but guard anyway).
function dereference(node: unknown, root: unknown, stack: string[] = []): unknown {
	if (Array.isArray(node)) return node.map((n) => dereference(n, root, stack));
	if (!isObject(node)) return node;
	if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
		if (stack.includes(node.$ref)) throw new Error(`Cyclic $ref ${node.$ref}`);
		const target = node.$ref
			.slice(2)
			.split('/')
			.reduce<unknown>((o, k) => (isObject(o) ? o[k.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), root);
		if (target === undefined) throw new Error(`Unresolved $ref ${node.$ref}`);
		const { $ref, ...siblings } = node;
		const resolved = dereference(target, root, [...stack, node.$ref]);
		return Object.keys(siblings).length
			? { ...(resolved as JsonObject), ...(dereference(siblings, root, stack) as JsonObject) }
			: resolved;
	}
	const out: JsonObject = {};
	for (const [k, v] of Object.entries(node)) out[k] = dereference(v, root, stack);
	return out;
}

function templateToRegex(template: string): { regex: RegExp; names: string[] } {
	const names: string[] = [];
	const source = template
		.split('/')
		.map((seg) => {
			const m = /^\{(.+)\}$/.exec(seg);
			if (!m) return seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
			names.push(m[1]);
			return '([^/]+)';
		})
		.join('/');
	return { regex: new RegExp(`^${source}/?$`), names };
}

// ---- query coercion ----------------------------------------------------------------------------

function coerceScalar(value: string, schema: unknown): unknown {
	const types = toList((isObject(schema) && schema.type) || 'string');
	if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
	if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
	return value;
}

function coerceParam(values: string[], schema: unknown): unknown {
	if (isObject(schema) && toList(schema.type).includes('array')) return values.map((v) => coerceScalar(v, schema.items));
	return coerceScalar(values[values.length - 1], schema);
}

// ---- loading -----------------------------------------------------------------------------------

export function loadContract(file = contractPath()) {
	const doc: unknown = YAML.parse(fs.readFileSync(file, 'utf8'));
	// the project's own contract file: an OpenAPI 3.1 document, trusted to have that shape
	const spec = dereference(doc, doc) as OpenApiDocument;
	const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true, validateFormats: true });
	addFormats(ajv);

	const operations: Operation[] = [];
	for (const [template, item] of Object.entries(spec.paths || {})) {
		const { regex, names } = templateToRegex(template);
		for (const method of METHODS) {
			const op = item[method];
			if (!op) continue;
			const params = [...(item.parameters || []), ...(op.parameters || [])];
			const paramSchema = (where: OpenApiParameter['in']): ParamSchema => {
				const list = params.filter((p) => p.in === where);
				return {
					list,
					validate: ajv.compile({
						type: 'object',
						properties: Object.fromEntries(list.map((p) => [p.name, p.schema || {}])),
						required: list.filter((p) => p.required || where === 'path').map((p) => p.name),
					}),
				};
			};
			const jsonBody = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
			const responses: Record<string, ValidateFunction> = {};
			for (const [status, r] of Object.entries(op.responses || {})) {
				const s = r.content && r.content['application/json'] && r.content['application/json'].schema;
				if (s) responses[status] = ajv.compile(s);
			}
			operations.push({
				operationId: op.operationId,
				method: method.toUpperCase(),
				template,
				regex,
				names,
				tags: op.tags || [],
				pathParams: paramSchema('path'),
				queryParams: paramSchema('query'),
				body: jsonBody
					? { required: !!op.requestBody!.required, schema: jsonBody.schema, validate: ajv.compile(jsonBody.schema || {}) }
					: null,
				responses,
			});
		}
	}
	const paths = Object.keys(spec.paths || {});

	// Find the operation for method + pathname. Returns {op, pathParams} or {status: 404|405, allow}.
	function match(method: string, pathname: string): Route {
		const candidates = operations.filter((o) => o.regex.test(pathname));
		if (!candidates.length) return { status: 404 };
		// a literal segment beats a template ({id}) one, e.g. /v1/slots/count vs /v1/slots/{id}
		const exact = candidates.filter((o) => o.method === method.toUpperCase()).sort((a, b) => a.names.length - b.names.length);
		if (!exact.length) return { status: 405, allow: [...new Set(candidates.map((o) => o.method))] };
		const op = exact[0];
		const m = op.regex.exec(pathname)!;
		const pathParams: Record<string, string> = {};
		op.names.forEach((n, i) => {
			pathParams[n] = decodeURIComponent(m[i + 1]);
		});
		return { op, pathParams };
	}

	// searchParams: URLSearchParams; body: parsed JSON (undefined when absent); bodyError: JSON parse error
	function validate(
		op: Operation,
		{
			pathParams,
			searchParams,
			body,
			bodyError,
		}: { pathParams: Record<string, string>; searchParams: URLSearchParams; body: unknown; bodyError?: string },
	): Validation {
		const issues: ValidationIssue[] = [];
		if (!op.pathParams.validate(pathParams)) issues.push(...issuesFrom(op.pathParams.validate.errors));
		const query: Query = {};
		for (const p of op.queryParams.list) {
			const values = searchParams.getAll(p.name);
			if (values.length) query[p.name] = coerceParam(values, p.schema);
		}
		if (!op.queryParams.validate(query)) issues.push(...issuesFrom(op.queryParams.validate.errors));
		if (bodyError) {
			issues.push({
				code: 'invalid_type',
				expected: 'object',
				received: 'string',
				path: [],
				message: `Malformed JSON in request body: ${bodyError}`,
			});
		} else if (op.body) {
			if (body === undefined) {
				if (op.body.required)
					issues.push({ code: 'invalid_type', expected: 'object', received: 'undefined', path: [], message: 'Required' });
			} else if (!op.body.validate(body)) {
				issues.push(...issuesFrom(op.body.validate.errors, [], op.body.schema));
			}
		}
		return { issues, query };
	}

	// Does a response body match the contract's schema for that status? (An operation or its operationId.)
	function validateResponse(operation: string | Operation, status: number, body: unknown): ValidationIssue[] {
		const op = typeof operation === 'string' ? operations.find((o) => o.operationId === operation) : operation;
		if (!op) throw new Error(`Unknown operation ${String(operation)}`);
		const v = op.responses[String(status)];
		if (!v) return [];
		return v(body) ? [] : issuesFrom(v.errors);
	}

	// What Hero POSTs to a webhook subscriber (components.schemas.WebhookDelivery).
	const deliverySchema = (spec as { components?: { schemas?: Record<string, SchemaObject> } }).components?.schemas
		?.WebhookDelivery;
	if (!deliverySchema) throw new Error(`${file} has no components.schemas.WebhookDelivery`);
	const deliveryValidator = ajv.compile(deliverySchema);
	function validateDelivery(body: unknown): ValidationIssue[] {
		return deliveryValidator(body) ? [] : issuesFrom(deliveryValidator.errors);
	}

	return { file, doc, spec, operations, paths, match, validate, validateResponse, validateDelivery };
}

export type Contract = ReturnType<typeof loadContract>;

const describeIssues = (issues: ValidationIssue[]) =>
	issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');

// One line per webhook delivery whose signed body broke the contract's WebhookDelivery.
export function deliveryViolations(deliveries: DeliveryLogEntry[]): string[] {
	return deliveries
		.filter((delivery) => delivery.contractErrors.length)
		.map((d) => `delivery #${d.seq} ${d.event_type} to ${d.url}: ${describeIssues(d.contractErrors)}`);
}

// One line per logged request that broke the contract, or whose 200 answer did.
export function contractViolations(entries: LogEntry[]): string[] {
	const lines: string[] = [];
	for (const entry of entries) {
		const where = `#${entry.seq} ${entry.method} ${entry.path} (${entry.operationId || 'no contract operation'})`;
		if (!entry.valid) lines.push(`${where}: ${describeIssues(entry.validationErrors) || 'not in the contract'}`);
		if (entry.responseErrors && entry.responseErrors.length)
			lines.push(`${where}: the stand-in's answer: ${describeIssues(entry.responseErrors)}`);
	}
	return lines;
}
