/**
 * n8n's HTTP Request node (n8n-nodes-base) set up for Hero's Message: Send the way a user would:
 * header auth with the key (an httpHeaderAuth credential), the practice group as a header, JSON body
 * fields from the item (`patientId`, `text`), and optionally Batching: one item every
 * `batchIntervalMs`, the key's rate limit.
 */
export function httpRequestSendParameters(url: string, practiceGroupId: string, batchIntervalMs?: number) {
	return {
		method: 'POST',
		url,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'x-practice-group-id', value: practiceGroupId }] },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'patient_id', value: '={{ $json.patientId }}' },
				{ name: 'message_type', value: 'sms' },
				{ name: 'message_string', value: '={{ $json.text }}' },
			],
		},
		options: batchIntervalMs ? { batching: { batch: { batchSize: 1, batchInterval: Math.ceil(batchIntervalMs) } } } : {},
	};
}
