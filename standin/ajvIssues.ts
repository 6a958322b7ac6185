// Ajv's validation errors as zod-like issues, the shape Hero answers 400s with (and the request log keeps).

import type { ErrorObject } from 'ajv/dist/2020';
import type { ValidationIssue } from './util';

export type JsonObject = Record<string, unknown>;

/** Ajv's error objects, with the params it types `any` read as unknown. */
export type AjvError = ErrorObject<string, Record<string, unknown>, unknown>;

export const isObject = (value: unknown): value is JsonObject => !!value && typeof value === 'object';

// a schema keyword that may be one value or a list of them (type: 'string' | ['string', 'null'])
export const toList = (value: unknown): unknown[] => ([] as unknown[]).concat(value);

const propertyOf = (schema: unknown, prop: string): unknown =>
	isObject(schema) && isObject(schema.properties) ? schema.properties[prop] : undefined;

export function zodType(v: unknown): string {
	if (v === undefined) return 'undefined';
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : 'number';
	return typeof v;
}

const FORMAT_NAMES: Record<string, string> = { 'date-time': 'datetime', date: 'date', uri: 'url', email: 'email', uuid: 'uuid' };

function pointerToPath(pointer: string): Array<string | number> {
	if (!pointer) return [];
	return pointer
		.split('/')
		.slice(1)
		.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
		.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

// anyOf/oneOf: keep only the errors of the branch that came closest (fewest errors); a union of
// formats (dob: date | date-time, the x-relaxed rule) becomes one invalid_string issue.
function collapseUnions(errors: AjvError[]): AjvError[] {
	let list = errors.filter((e) => e.keyword !== 'if');
	const unions = list
		.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
		.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
	for (const u of unions) {
		const prefix = `${u.schemaPath}/`;
		const branches = new Map<string, AjvError[]>();
		const rest: AjvError[] = [];
		for (const e of list) {
			if (e === u) continue;
			if (e.schemaPath.startsWith(prefix)) {
				const idx = e.schemaPath.slice(prefix.length).split('/')[0];
				if (!branches.has(idx)) branches.set(idx, []);
				branches.get(idx)!.push(e);
			} else rest.push(e);
		}
		const groups = [...branches.values()];
		if (!groups.length) {
			rest.push(u); // oneOf matched several branches
		} else if (groups.every((g) => g.every((e) => e.keyword === 'format' && e.instancePath === u.instancePath))) {
			const formats = [...new Set(groups.flat().map((e) => e.params.format))];
			rest.push({ ...groups[0][0], params: { format: formats.join(' | ') } });
		} else if (groups.every((g) => g.length === 1 && g[0].keyword === 'type' && g[0].instancePath === u.instancePath)) {
			rest.push({ ...groups[0][0], schema: groups.flatMap((g) => toList(g[0].schema)) });
		} else {
			rest.push(...groups.sort((a, b) => a.length - b.length)[0]);
		}
		list = rest;
	}
	return list;
}

// The schema of a missing property: look in the error's own schema, then in enclosing ones
// (a `then: {required: [...]}` has no properties of its own).
function propertySchema(e: AjvError, prop: string, rootSchema: unknown): unknown {
	if (propertyOf(e.parentSchema, prop)) return propertyOf(e.parentSchema, prop);
	const nodes: JsonObject[] = [];
	let node = rootSchema;
	for (const seg of e.schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
		if (!isObject(node)) break;
		nodes.push(node);
		node = node[seg];
	}
	for (const n of nodes.reverse()) if (propertyOf(n, prop)) return propertyOf(n, prop);
	return undefined;
}

function toIssue(e: AjvError, basePath: Array<string | number>, rootSchema: unknown): ValidationIssue {
	const p = [...basePath, ...pointerToPath(e.instancePath)];
	const data = e.data;
	switch (e.keyword) {
		case 'required': {
			const prop = String(e.params.missingProperty);
			const propSchema = propertySchema(e, prop, rootSchema);
			let expected = isObject(propSchema) && propSchema.type ? toList(propSchema.type).filter((t) => t !== 'null')[0] : undefined;
			if (expected === 'integer') expected = 'number';
			if (!expected && isObject(propSchema) && propSchema.enum)
				expected = toList(propSchema.enum)
					.map((o) => `'${o}'`)
					.join(' | ');
			return {
				code: 'invalid_type',
				expected: String(expected || 'unknown'),
				received: 'undefined',
				path: [...p, prop],
				message: 'Required',
			};
		}
		case 'type': {
			// nullable types report the non-null type, as zod's .nullable() does
			const types = toList(e.schema);
			const shown = types.length > 1 ? types.filter((t) => t !== 'null') : types;
			let expected = [...new Set(shown.map((t) => (t === 'integer' ? 'number' : t)))].join(' | ');
			let received = zodType(data);
			if (types.includes('integer') && typeof data === 'number' && !Number.isInteger(data)) {
				expected = 'integer';
				received = 'float';
			}
			return { code: 'invalid_type', expected, received, path: p, message: `Expected ${expected}, received ${received}` };
		}
		case 'enum':
		case 'const': {
			const options = e.keyword === 'enum' ? toList(e.schema) : [e.schema];
			const expected = options.map((o) => `'${o}'`).join(' | ');
			return {
				code: 'invalid_enum_value',
				expected,
				received: data,
				options,
				path: p,
				message: `Invalid enum value. Expected ${expected}, received '${data}'`,
			};
		}
		case 'minLength':
		case 'maxLength':
		case 'minimum':
		case 'maximum':
		case 'exclusiveMinimum':
		case 'exclusiveMaximum':
		case 'minItems':
		case 'maxItems': {
			const small = /^(min|exclusiveMin)/.test(e.keyword);
			const type = /Length$/.test(e.keyword) ? 'string' : /Items$/.test(e.keyword) ? 'array' : 'number';
			const limit = e.params.limit;
			const inclusive = !e.keyword.startsWith('exclusive');
			const unit = type === 'string' ? ' character(s)' : type === 'array' ? ' element(s)' : '';
			const message =
				type === 'number'
					? `Number must be ${small ? 'greater' : 'less'} than ${inclusive ? 'or equal to ' : ''}${limit}`
					: `${type === 'string' ? 'String' : 'Array'} must contain ${small ? 'at least' : 'at most'} ${limit}${unit}`;
			return {
				code: small ? 'too_small' : 'too_big',
				expected: type,
				[small ? 'minimum' : 'maximum']: limit,
				type,
				inclusive,
				exact: false,
				path: p,
				message,
			};
		}
		case 'pattern':
			return {
				code: 'invalid_string',
				expected: `string matching ${e.params.pattern}`,
				validation: 'regex',
				path: p,
				message: 'Invalid',
			};
		case 'format': {
			const validation = String(e.params.format)
				.split(' | ')
				.map((f) => FORMAT_NAMES[f] || f)
				.join(' | ');
			return { code: 'invalid_string', expected: validation, validation, path: p, message: `Invalid ${validation}` };
		}
		case 'additionalProperties':
		case 'unevaluatedProperties': {
			const key = String(e.params.additionalProperty || e.params.unevaluatedProperty);
			return {
				code: 'unrecognized_keys',
				expected: 'no additional keys',
				keys: [key],
				path: p,
				message: `Unrecognized key(s) in object: '${key}'`,
			};
		}
		case 'oneOf':
		case 'anyOf':
			return { code: 'invalid_union', expected: 'exactly one matching schema', path: p, message: 'Invalid input' };
		default:
			return { code: 'custom', expected: e.keyword, path: p, message: e.message || 'Invalid input' };
	}
}

export function issuesFrom(
	errors: AjvError[] | null | undefined,
	basePath: Array<string | number> = [],
	rootSchema: unknown = undefined,
): ValidationIssue[] {
	const issues = collapseUnions(errors || []).map((e) => toIssue(e, basePath, rootSchema));
	// several unrecognized keys on one object -> one issue, like zod
	const merged: ValidationIssue[] = [];
	for (const i of issues) {
		const prev = merged.find(
			(m) =>
				m.code === 'unrecognized_keys' && i.code === 'unrecognized_keys' && JSON.stringify(m.path) === JSON.stringify(i.path),
		);
		if (prev && prev.keys && i.keys) {
			prev.keys.push(...i.keys);
			prev.message = `Unrecognized key(s) in object: ${prev.keys.map((k) => `'${k}'`).join(', ')}`;
		} else merged.push(i);
	}
	return merged;
}
