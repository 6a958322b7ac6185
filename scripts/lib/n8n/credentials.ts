// The credentials the local instances (npm run dev, the e2e suite, the queue suite) get: the stand-in Hero's
// and the demo ones the examples' other nodes use. Demo values only, never real data.

import type { CredentialDocument } from './json';

export const STANDIN_CREDENTIAL_ID = 'HeroStandinCred1';
export const STANDIN_CREDENTIAL_NAME = 'Hero Health (local stand-in)';

/**
 * The Header Auth credential example 05's Webhook node gets on the local instances (npm run dev, the e2e suite):
 * the header a caller must send for an Elements token. A demo value, known to anyone reading this file; a
 * practice makes its own credential with a long random value.
 */
export const DEMO_CALLER_CREDENTIAL: CredentialDocument = {
	id: 'ElementsCaller01',
	name: 'Elements token caller (local demo)',
	type: 'httpHeaderAuth',
	data: { name: 'X-Elements-Caller-Key', value: 'local-demo-caller-key-not-a-secret' },
};

/**
 * The Basic Auth credential the staff forms (n8n Form Trigger) of the examples get on the local instances: the
 * login staff type to open the form. A demo value; a practice makes its own.
 */
export const DEMO_FORM_CREDENTIAL: CredentialDocument = {
	id: 'StaffFormLogin01',
	name: 'Staff form login (local demo)',
	type: 'httpBasicAuth',
	data: { user: 'staff', password: 'local-demo-form-password' },
};

/**
 * The OpenAI credential example 13's chat model gets on the local instances: its base URL is the scripted model
 * (scripts/lib/scripted-model.ts) that `npm run dev` and the e2e suite serve on 127.0.0.1; the key is a dummy.
 */
export const SCRIPTED_MODEL_CREDENTIAL = { id: 'ScriptedModel01', name: 'OpenAI (local scripted model)' };
export function scriptedModelCredential(modelUrl: string): CredentialDocument {
	return {
		...SCRIPTED_MODEL_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: 'local-scripted-model-not-a-secret', url: modelUrl },
	};
}

/** The SMTP credential the examples' Send Email nodes get on the local instances: the local mailbox (scripts/lib/mailbox.ts). */
export function mailboxCredential(port: number): CredentialDocument {
	return {
		id: 'LocalMailbox0001',
		name: 'Local mailbox (catches staff email)',
		type: 'smtp',
		data: { host: '127.0.0.1', port, secure: false, disableStartTls: true, user: '', password: '' },
	};
}

export function standinCredential(
	standinUrl: string,
	key: { apiKey: string; practiceGroupId: string } = { apiKey: 'hero-test-key', practiceGroupId: 'pg_standin_1' },
): CredentialDocument {
	return {
		id: STANDIN_CREDENTIAL_ID,
		name: STANDIN_CREDENTIAL_NAME,
		type: 'heroHealthApi',
		data: {
			apiKey: key.apiKey,
			practiceGroupId: key.practiceGroupId,
			environment: 'custom',
			baseUrl: standinUrl,
			rateLimitPerMinute: 300,
		},
	};
}
