/**
 * Another client on the same Hero key (a practice's own app, a second automation tool): Message: Send
 * straight to the stand-in at a steady rate, each request sent once whatever the answer, until stopped.
 * Its messages read `Other client <i>`, so the stand-in's log tells them apart.
 */
export const OTHER_CLIENT_TEXT = 'Other client';

export function startOtherClient(
	url: string,
	key: { apiKey: string; practiceGroupId: string },
	patientId: string,
	gapMs: number,
) {
	const started = Date.now();
	const answers: Array<Promise<unknown>> = [];
	let sent = 0;
	let timer: NodeJS.Timeout | undefined;
	const next = () => {
		answers.push(
			fetch(`${url}/v1/messages/send`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey, 'x-practice-group-id': key.practiceGroupId },
				body: JSON.stringify({ patient_id: patientId, message_type: 'sms', message_string: `${OTHER_CLIENT_TEXT} ${sent}` }),
			})
				.then(async (response) => await response.text())
				.catch(() => undefined),
		);
		sent++;
		// On a fixed schedule, so a late timer does not slow it down.
		timer = setTimeout(next, Math.max(0, started + sent * gapMs - Date.now()));
	};
	next();
	return {
		async stop() {
			clearTimeout(timer);
			await Promise.all(answers);
		},
	};
}
