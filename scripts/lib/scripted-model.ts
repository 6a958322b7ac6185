// A scripted OpenAI-compatible chat model for the staff capacity assistant (examples/13-staff-capacity-assistant.json),
// served on 127.0.0.1 by the e2e suite and `npm run dev` in place of OpenAI: n8n's OpenAI credential takes its
// base URL. No language model: `reply` plays the model's part by rules, so runs are repeatable and need no
// network or key. Node's own http only.
//
// It answers POST /v1/chat/completions (plain or streamed) and GET /v1/models (the credential test and the
// model list), and keeps every chat request it received (GET /_scripted/requests) with the reply it gave.
//
// The script, turn by turn, from the conversation n8n sends:
// 1. A question asking to book, cancel or move an appointment: it calls a `Book_appointment` tool whether or not
//    n8n offered one, as a model talked into it might. n8n 2.41 drops a call to a tool it did not offer and asks
//    again with the same conversation, so this model insists until the agent's Max Iterations stops the run.
//    (Were a failed call ever handed back, it would then say that it cannot.)
// 2. Otherwise it first calls the three look-ups (Appointment_types, Locations, Practitioners), then
//    Free_slots for the appointment type and location whose names share most words with the question, from
//    today (London) for 14 days, and finally answers with the first slot Hero returned.
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: string;
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}

/** A tool definition as OpenAI's API takes it. */
export interface ToolDefinition {
	type: 'function';
	function: { name: string; description?: string; parameters?: unknown };
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ToolDefinition[];
	stream?: boolean;
}

/** The assistant's part of a turn: text, or tool calls with arguments as an object. */
export type Reply = { text: string } | { calls: Array<{ name: string; args: Record<string, unknown> }> };

export interface Exchange {
	request: ChatRequest;
	reply: Reply;
}

export interface ScriptedModel {
	/** the base URL an OpenAI credential takes, ending in /v1 */
	url: string;
	exchanges: Exchange[];
	close(): Promise<void>;
}

// The tool names n8n makes of the example's tool node names (spaces become underscores).
export const TOOLS = {
	types: 'Appointment_types',
	locations: 'Locations',
	practitioners: 'Practitioners',
	slots: 'Free_slots',
	book: 'Book_appointment',
} as const;
const WINDOW_DAYS = 14;
const WRITE_REQUEST = /\b(book|cancel|reschedule|move)\b/i;

interface Named {
	id: string;
	name?: string;
	first_name?: string;
	last_name?: string;
}
interface SlotResult {
	start_time: string;
	practitioner_id?: string;
}

const textOf = (content: ChatMessage['content']) =>
	typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');

/** A tool's output as n8n hands it back: the JSON of its output items (nothing usable when it failed). */
function itemsOf<T>(content: string): T[] {
	try {
		const value: unknown = JSON.parse(content);
		return Array.isArray(value) ? (value as T[]) : [];
	} catch {
		return [];
	}
}

/** The results of the tools called so far, by tool name. */
function toolResults(messages: ChatMessage[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const call of messages.flatMap((m) => m.tool_calls ?? [])) names.set(call.id, call.function.name);
	const results = new Map<string, string>();
	for (const m of messages)
		if (m.role === 'tool' && m.tool_call_id) results.set(names.get(m.tool_call_id) ?? '', textOf(m.content));
	return results;
}

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{3,}/g) ?? []);

/** The record whose name shares most words with the question (the first on a tie). */
function bestMatch<T extends Named>(records: T[], question: string): T | undefined {
	const asked = words(question);
	const score = (r: T) => [...words(r.name ?? '')].filter((w) => asked.has(w)).length;
	return records.reduce<T | undefined>((best, r) => (best === undefined || score(r) > score(best) ? r : best), undefined);
}

const londonDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(ms));

/** A slot's start as the assistant says it, in UK time, e.g. "Tuesday 24 November at 09:15". */
export function formatSlotTime(iso: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(new Date(iso));
	const part = (type: string) => parts.find((p) => p.type === type)?.value;
	return `${part('weekday')} ${part('day')} ${part('month')} at ${part('hour')}:${part('minute')}`;
}

/** The model's turn. */
export function reply(request: ChatRequest, now = Date.now()): Reply {
	const question = textOf([...request.messages].reverse().find((m) => m.role === 'user')?.content);
	const results = toolResults(request.messages);
	const called = request.messages.some((m) => m.tool_calls?.length);
	if (WRITE_REQUEST.test(question)) {
		if (called) return { text: 'I cannot book, cancel or move appointments: please book it in Hero or the clinical system.' };
		return { calls: [{ name: TOOLS.book, args: { patient_id: '1001', slot: 'next free' } }] };
	}
	const lookups = [TOOLS.types, TOOLS.locations, TOOLS.practitioners];
	if (!lookups.every((name) => results.has(name))) return { calls: lookups.map((name) => ({ name, args: {} })) };
	const type = bestMatch(itemsOf<Named>(results.get(TOOLS.types)!), question);
	const location = bestMatch(itemsOf<Named>(results.get(TOOLS.locations)!), question);
	if (!type || !location) return { text: 'Hero returned no appointment types or locations.' };
	const slots = results.get(TOOLS.slots);
	if (slots === undefined) {
		const args = {
			appointmentTypeId: type.id,
			locationId: location.id,
			practitionerId: '',
			fromDate: londonDay(now),
			toDate: londonDay(now + WINDOW_DAYS * 86_400_000),
		};
		return { calls: [{ name: TOOLS.slots, args }] };
	}
	const [first] = itemsOf<SlotResult>(slots).filter((slot) => slot?.start_time);
	if (!first) return { text: `There is no free ${type.name} at ${location.name} in the next ${WINDOW_DAYS} days.` };
	const who = itemsOf<Named>(results.get(TOOLS.practitioners)!).find((p) => p.id === first.practitioner_id);
	const withWhom = who ? ` with ${who.first_name} ${who.last_name}` : '';
	return { text: `The next free ${type.name} at ${location.name} is ${formatSlotTime(first.start_time)}${withWhom}.` };
}

/** OpenAI's chat completion message for a reply. */
function messageOf(answer: Reply, turn: number) {
	if ('text' in answer) return { role: 'assistant', content: answer.text };
	const tool_calls: ToolCall[] = answer.calls.map((call, i) => ({
		id: `call_${turn}_${i}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.args) },
	}));
	return { role: 'assistant', content: null, tool_calls };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

export async function startScriptedModel({ port = 0, model = 'scripted-capacity-assistant' } = {}): Promise<ScriptedModel> {
	const exchanges: Exchange[] = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const route = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && route === '/_scripted/requests') return send(res, 200, exchanges);
			if (req.method === 'GET' && route === '/v1/models')
				return send(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'local' }] });
			if (req.method !== 'POST' || route !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found' } });
			let request: ChatRequest;
			try {
				request = JSON.parse(raw) as ChatRequest;
			} catch {
				return send(res, 400, { error: { message: 'body is not JSON' } });
			}
			const answer = reply(request);
			exchanges.push({ request, reply: answer });
			const message = messageOf(answer, exchanges.length);
			const finish = 'calls' in answer ? 'tool_calls' : 'stop';
			const head = { id: `chatcmpl-${exchanges.length}`, created: Math.floor(Date.now() / 1000), model: request.model };
			const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
			if (!request.stream)
				return send(res, 200, {
					...head,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
					usage,
				});
			// Streamed: the whole message in one delta (tool calls with their index, as OpenAI streams them), then the end.
			const delta = { ...message, tool_calls: message.tool_calls?.map((call, index) => ({ index, ...call })) };
			const chunk = (choices: unknown[], extra = {}) =>
				`data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			res.write(chunk([{ index: 0, delta, finish_reason: null }]));
			res.write(chunk([{ index: 0, delta: {}, finish_reason: finish }]));
			res.write(chunk([], { usage }));
			res.end('data: [DONE]\n\n');
		});
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const { port: bound } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${bound}/v1`,
		exchanges,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
