// Each example workflow in examples/, exactly as committed, run headless in real n8n against the stand-in:
// `n8n execute` for the manual ones, the production webhook URL for the Elements-token one.
// Each test checks the workflow's output and what reached Hero (the stand-in's request log and state).
import {
	contractViolationsSince,
	e2e,
	example,
	execute,
	heroApi,
	lastSeq,
	logSince,
	outputOf,
	publicApi,
	standinState,
	waitFor,
} from './helpers';

let since = 0;

beforeAll(async () => {
	since = await lastSeq();
});

const londonDate = (offsetDays: number) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));

async function runExample(file: string) {
	const workflow = example(file);
	const before = await lastSeq();
	const result = await execute(workflow.id);
	const error = result.run?.data?.resultData?.error;
	if (result.code !== 0 || !result.run || error) {
		throw new Error(
			`n8n execute --id=${workflow.id} failed (exit ${result.code}): ${error ? JSON.stringify(error).slice(0, 2000) : ''}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-2000)}`,
		);
	}
	expect(result.run.status).toBe('success');
	const log = await logSince(before);
	return { workflow, run: result.run, log, ops: log.map((entry) => entry.operationId) };
}

it('02 daily booking links: finds the invited patients who have not booked and sends them one batch SMS with a new booking link', async () => {
	// invitations sent earlier: personal booking links for three patients; the third has expired
	const invite = async (patientId: string, extra: Record<string, unknown> = {}) => {
		const r = await heroApi('POST', '/v1/booking_links', {
			appointment_type_id: '1',
			location_id: '1',
			patient_id: patientId,
			...extra,
		});
		expect(r.status).toBe(200);
	};
	await invite('1001');
	await invite('1002');
	await invite('1003', { expiry_date: londonDate(-2) });
	const patients = (await standinState()).patients;
	const recipientOf = (id: string) => {
		const p = patients.find((patient) => patient.id === id)!;
		return { nhs_number: p.nhs_number, dob: p.dob };
	};

	const { run, log, ops } = await runExample('02-daily-booking-links-batch.json');
	expect(ops).toEqual([
		'createBookingLink',
		'listBookingLinks',
		'getPatientById',
		'getPatientById',
		'createBatchMessage',
		'sendBatchMessage',
	]);
	expect(log.every((entry) => entry.status === 200)).toBe(true);
	const [generic] = outputOf<{ short_link: string; meta: { patient_id: string | null } }>(run, 'Create booking link');
	expect(generic.meta.patient_id).toBeNull();
	// the two lookups are in flight together, so they may reach Hero in either order
	expect(
		log
			.filter((e) => e.operationId === 'getPatientById')
			.map((e) => e.path)
			.sort(),
	).toEqual(['/v1/patients/1001', '/v1/patients/1002']);

	const created = log.find((e) => e.operationId === 'createBatchMessage')!.body as {
		channel: string;
		recipients: unknown[];
		content: string;
	};
	expect(created.channel).toBe('SMS');
	expect(created.recipients).toEqual([recipientOf('1001'), recipientOf('1002')]);
	expect(created.content).toContain(generic.short_link);

	const [batch] = outputOf<{ id: string | number }>(run, 'Send the batch');
	expect(log.find((e) => e.operationId === 'sendBatchMessage')!.path).toBe(`/v1/batch_message/${batch.id}/send`);
	const stored = (await standinState()).batchMessages.find((b) => String(b.id) === String(batch.id));
	expect(stored).toBeDefined();
	expect(stored!.status).not.toBe('CREATED');
});

it('03 register from PDS: registers the new patient and messages them on the NHS App with SMS fallback', async () => {
	const { run, log, ops } = await runExample('03-register-from-pds-nhs-app-message.json');
	expect(ops).toEqual(['registerPatientPds', 'sendMessage']);
	const fixtures = (await standinState()).fixtures;
	expect(log[0].body).toEqual({ nhs_number: fixtures.pdsNew.nhs_number, dob: fixtures.pdsNew.dob });

	const [registered] = outputOf<{ status: string; patient_id: string | number }>(run, 'Register from PDS');
	expect(registered.status).toBe('registered');
	const patient = (await standinState()).patients.find((p) => p.nhs_number === fixtures.pdsNew.nhs_number);
	expect(patient).toBeDefined();
	expect(String(registered.patient_id)).toBe(patient!.id);

	expect(log[1].body).toMatchObject({ patient_id: patient!.id, message_type: 'nhs_app', fallback_message_type: 'sms' });
	expect(outputOf(run, 'Welcome message (NHS App, SMS fallback)')).toHaveLength(1);
	expect(outputOf(run, 'Registered?', 1)).toEqual([]); // nobody needed an identity check
});

it('04 book the first free slot: books the earliest free slot for the patient and confirms the time by SMS', async () => {
	const { run, log, ops } = await runExample('04-book-first-free-slot-confirm-sms.json');
	expect(ops).toEqual(['listSlots', 'getSlot', 'createAppointment', 'bookAppointment', 'sendMessage']);
	const [slot] = outputOf<{ id: string; start_time: string }>(run, 'Find free slots');
	expect(log[0].query).toMatchObject({ appointment_type_id: '1', location_id: '1' });
	expect(Date.parse(slot.start_time)).toBeGreaterThan(Date.now());

	const [appointment] = outputOf<{ id: string | number }>(run, 'Book the slot');
	expect(appointment).toMatchObject({ patient_id: '1001', start_time: slot.start_time });
	const stored = (await standinState()).appointments.find((a) => a.id === String(appointment.id));
	expect(stored).toMatchObject({ status: 'booked', patient_id: '1001', slot_id: slot.id });

	const londonTime = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false,
	}).format(new Date(slot.start_time));
	expect(log[4].body).toMatchObject({ patient_id: '1001', message_type: 'sms' });
	expect((log[4].body as { message_string: string }).message_string).toContain(`at ${londonTime}`);
});

it('05 Elements token: the web page gets a fresh token from the production webhook URL, never the API key', async () => {
	const workflow = example('05-elements-token-for-web-page.json');
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	await publicApi('POST', `/workflows/${workflow.id}/activate`);
	try {
		const url = `${e2e().n8nUrl}/webhook/${webhook!.parameters.path}`;
		const before = await lastSeq();
		// activation happens in the background: poll until the URL answers
		const res = await waitFor('the webhook to be live', async () => {
			const r = await fetch(url);
			return r.status === 404 ? undefined : r;
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const text = await res.text();
		expect(text).not.toContain('hero-test-key');
		const body = JSON.parse(text) as { token: string; expires_at: string };
		expect(Object.keys(body).sort()).toEqual(['expires_at', 'token']);
		const claims = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString('utf8')) as { exp: number };
		expect(new Date(body.expires_at).getTime()).toBe(claims.exp * 1000);
		expect(claims.exp * 1000 - Date.now()).toBeGreaterThan(25 * 60_000);

		const log = await logSince(before);
		expect(log.map((entry) => [entry.operationId, entry.status, entry.headers['x-api-key']])).toEqual([
			['createAccessToken', 200, 'hero-test-key'],
		]);
	} finally {
		await publicApi('POST', `/workflows/${workflow.id}/deactivate`);
	}
});

it('every request the stand-in received matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
