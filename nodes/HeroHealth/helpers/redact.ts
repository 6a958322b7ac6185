import type { IDataObject } from 'n8n-workflow';

// Secrets (the API key, webhook signing keys) are replaced wherever the package hands text to n8n: outputs,
// errors and what n8n logs of them. A user may type a secret into a parameter that a refusal quotes back.

export function redact(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
	}
	return clean;
}

export function redactObject(value: unknown, secrets: string[]): unknown {
	return JSON.parse(redact(JSON.stringify(value ?? {}), secrets));
}

/** Output JSON with every secret replaced; left as it is (not copied) when it holds none. */
export function redactJson(json: IDataObject, secrets: string[]): IDataObject {
	const text = JSON.stringify(json);
	const clean = redact(text, secrets);
	return clean === text ? json : (JSON.parse(clean) as IDataObject);
}

type ErrorText = { message?: unknown; description?: unknown; stack?: unknown; messages?: unknown; cause?: unknown };

/** The same error with every secret removed from what it and its causes say (n8n logs the whole chain). */
export function redactError<E>(error: E, secrets: string[]): E {
	const seen = new Set<unknown>();
	for (
		let said = error as ErrorText | undefined;
		said && typeof said === 'object' && !seen.has(said);
		said = said.cause as ErrorText
	) {
		seen.add(said);
		for (const name of ['message', 'description', 'stack'] as const) {
			if (typeof said[name] === 'string') said[name] = redact(said[name] as string, secrets);
		}
		if (Array.isArray(said.messages))
			said.messages = said.messages.map((text) => (typeof text === 'string' ? redact(text, secrets) : text));
	}
	return error;
}
