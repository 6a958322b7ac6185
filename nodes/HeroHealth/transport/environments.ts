// Where each Hero environment lives, and Hero's documented rate limit per API key. The credential
// offers these; the transport sends to them.
export const HERO_ENVIRONMENT_URLS = {
	production: 'https://api.herohealth.net',
	staging: 'https://api.staging.htech.app',
	mock: 'https://developer.herohealth.net/_mock/apis/public-api/openapi',
} as const;

export const HERO_DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
