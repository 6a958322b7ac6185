import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { HERO_DEFAULT_RATE_LIMIT_PER_MINUTE, HERO_ENVIRONMENT_URLS } from '../nodes/HeroHealth/transport/request';

export class HeroHealthApi implements ICredentialType {
	name = 'heroHealthApi';

	displayName = 'Hero Health API';

	icon: Icon = { light: 'file:../icons/hero-health.svg', dark: 'file:../icons/hero-health.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-hero-health/n8n-nodes-hero-health#credential-setup';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key Hero Health issued for this integration. Keys are scoped (messaging, booking, booking links) and differ between staging and production.',
		},
		{
			displayName: 'Practice Group ID',
			name: 'practiceGroupId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the practice group the key acts for, sent as x-practice-group-id',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Custom', value: 'custom', description: 'Any other base URL, such as the local stand-in' },
				{ name: 'Hero Mock Server', value: 'mock', description: HERO_ENVIRONMENT_URLS.mock },
				{ name: 'Production', value: 'production', description: HERO_ENVIRONMENT_URLS.production },
				{ name: 'Staging', value: 'staging', description: HERO_ENVIRONMENT_URLS.staging },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL of the Hero-compatible API, without a trailing slash',
		},
		{
			displayName: 'Rate Limit (Requests per Minute)',
			name: 'rateLimitPerMinute',
			type: 'number',
			default: HERO_DEFAULT_RATE_LIMIT_PER_MINUTE,
			typeOptions: { minValue: 1 },
			description: 'Requests per minute this key may make. Hero allows 300 per key; raise it only if Hero raised your limit.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'x-practice-group-id': '={{$credentials.practiceGroupId}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : {"production": "' +
				HERO_ENVIRONMENT_URLS.production +
				'", "staging": "' +
				HERO_ENVIRONMENT_URLS.staging +
				'", "mock": "' +
				HERO_ENVIRONMENT_URLS.mock +
				'"}[$credentials.environment]}}',
			url: '/v1/me',
			method: 'GET',
		},
	};
}
