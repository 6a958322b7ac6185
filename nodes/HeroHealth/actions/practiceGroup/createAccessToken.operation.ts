import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { HeroItem } from '../../transport/request';
import { heroPaths, heroRequest } from '../../transport/request';
import { requestsInFlightOptions } from '../fields';

export const about = {
	name: 'Create Access Token',
	action: 'Create an access token',
	description: 'Mint a short-lived JWT (30 minutes) that a web page passes to Hero Elements',
	independentItems: true,
};

export const description = updateDisplayOptions({ show: { resource: ['practiceGroup'], operation: ['createAccessToken'] } }, [
	{
		displayName:
			'The token is a JWT for Hero Elements. It expires after 30 minutes: mint it server-side, per page view, and never send the API key to a browser.',
		name: 'accessTokenNotice',
		type: 'notice',
		default: '',
	},
	requestsInFlightOptions,
]);

const TOKEN_LIFETIME_MINUTES = 30;

/** Hero documents a 30-minute lifetime; the JWT's own `exp` claim wins when present. */
function expiryOf(token: string, mintedAt: number): Date {
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		if (typeof payload.exp === 'number') return new Date(payload.exp * 1000);
	} catch {
		// Not a readable JWT payload: fall back to the documented lifetime.
	}
	return new Date(mintedAt + TOKEN_LIFETIME_MINUTES * 60_000);
}

export async function execute(this: IExecuteFunctions, item: HeroItem): Promise<IDataObject> {
	const mintedAt = Date.now();
	const response = await heroRequest.call(this, { method: 'POST', path: heroPaths.elementsJwt }, item);
	const token = String(response.access_token ?? '');
	const expiresAt = expiryOf(token, mintedAt).toISOString();
	return {
		...response,
		expires_in_minutes: TOKEN_LIFETIME_MINUTES,
		expires_at: expiresAt,
		expiry_note: `This JWT expires after ${TOKEN_LIFETIME_MINUTES} minutes, at ${expiresAt}. Mint a new one for each page view.`,
	};
}
