// Automation 5 (examples/10-new-patient-welcome.json), published in real n8n against the stand-in. Staff submit the
// new-patient form (Basic Auth); Hero registers the patient from PDS and a welcome message with the questionnaire's
// form link goes on the NHS App with SMS fallback; when the patient returns the questionnaire the practice team gets
// an email. A patient who must verify their identity, or one PDS does not know, reaches staff by email instead.
import type { ExecutionJson } from '../../../scripts/lib/n8n';
import {
	contractViolationsSince,
	e2e,
	example,
	executionsOf,
	lastSeq,
	logSince,
	mails,
	n8n,
	publicApi,
	publish,
	standinState,
	unknownNhsNumber,
	waitFor,
} from '../helpers';

const workflow = example('10-new-patient-welcome.json');
const form = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.formTrigger')!;
const STAFF = 'practice-team@your-practice.example';
const login = n8n.DEMO_FORM_CREDENTIAL.data as { user: string; password: string };
let since = 0;

beforeAll(async () => {
	since = await lastSeq();
	await publish(workflow.id);
});

afterAll(async () => {
	await publicApi('POST', `/workflows/${workflow.id}/deactivate`);
});

const finished = async () =>
	(await executionsOf(workflow.id)).filter((run: ExecutionJson) => !['running', 'new', 'waiting'].includes(run.status));

/** What staff do in the browser: submit the form at its production URL, with or without the login. */
async function submitForm(nhsNumber: string, dob: string, auth = true) {
	const body = new FormData();
	body.append('field-0', nhsNumber);
	body.append('field-1', dob);
	const headers: Record<string, string> = auth
		? { authorization: `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}` }
		: {};
	const path = (form.parameters.options as { path: string }).path;
	return await fetch(`${e2e().n8nUrl}/form/${path}`, { method: 'POST', body, headers });
}

/** Submits the form and waits for its run; returns what Hero received and the staff email sent meanwhile. */
async function registerThroughForm(nhsNumber: string, dob: string) {
	const [runsBefore, mailsBefore, before] = [(await finished()).length, mails().length, await lastSeq()];
	const submittedAt = Date.now();
	const res = await submitForm(nhsNumber, dob);
	expect(res.status).toBe(200);
	await waitFor('the form run', async () => (await finished()).length > runsBefore, 60_000);
	const [run] = await finished();
	expect(run.status).toBe('success');
	return { log: await logSince(before), mail: mails().slice(mailsBefore), submittedAt };
}

it('the form asks for the staff login: without it, 401 and nothing runs', async () => {
	const runsBefore = (await finished()).length;
	const before = await lastSeq();
	const res = await submitForm('9990003017', '1961-05-14', false);
	expect(res.status).toBe(401);
	expect(await logSince(before)).toEqual([]);
	expect((await finished()).length).toBe(runsBefore);
});

it('registers the new patient from PDS and sends the questionnaire on the NHS App; the returned questionnaire reaches staff by email', async () => {
	const { pdsNew } = (await standinState()).fixtures;
	const { log, mail } = await registerThroughForm(pdsNew.nhs_number, pdsNew.dob);
	expect(log.map((entry) => [entry.operationId, entry.status])).toEqual([
		['registerPatientPds', 200],
		['createFormLink', 200],
		['sendMessage', 200],
	]);
	expect(log[0].body).toEqual({ nhs_number: pdsNew.nhs_number.replace(/\s/g, ''), dob: pdsNew.dob });
	const patient = (await standinState()).patients.find((p) => p.nhs_number === pdsNew.nhs_number.replace(/\s/g, ''))!;
	expect(patient).toMatchObject({ first_name: pdsNew.forename, last_name: pdsNew.surname, data_source: 'pds' });
	expect(log[1].body).toMatchObject({ form_id: '12', patient_id: patient.id });
	const link = log[1].responseBody as { id: string; form_link: string };
	expect(log[2].body).toMatchObject({
		patient_id: patient.id,
		message_type: 'nhs_app',
		fallback_message_type: 'sms',
		short_link_id: link.id,
	});
	expect((log[2].body as { message_string: string }).message_string).toContain(link.form_link);
	expect(mail).toEqual([]); // nothing for staff to do

	// the patient fills in the questionnaire (on Hero's form page): Hero raises form-submission.created
	const runsBefore = (await finished()).length;
	const mailsBefore = mails().length;
	const submitted = await fetch(`${e2e().standinUrl}/_standin/form-links/${link.id}/submit`, { method: 'POST' });
	const response = (await submitted.json()) as { id: number; created_at: string };
	const [email] = await waitFor('the email about the returned questionnaire', async () => {
		const caught = mails().slice(mailsBefore);
		return caught.length ? caught : undefined;
	});
	await waitFor('the trigger run', async () => (await finished()).length > runsBefore);
	expect(mails().slice(mailsBefore)).toHaveLength(1);
	expect(email.to).toEqual([STAFF]);
	expect(email.subject).toBe(`New-patient questionnaire returned: ${patient.first_name} ${patient.last_name}`);
	for (const fact of [patient.nhs_number, patient.dob, `Hero ID ${patient.id}`, `12, response ${response.id}`])
		expect(email.html).toContain(fact);
	expect(Date.parse(email.receivedAt)).toBeGreaterThanOrEqual(Date.parse(response.created_at));
});

it('a patient who must verify their identity goes to staff with the login link; nothing is sent to the patient', async () => {
	const { pdsVerification } = (await standinState()).fixtures;
	const { log, mail, submittedAt } = await registerThroughForm(pdsVerification.nhs_number, pdsVerification.dob);
	expect(log.map((entry) => entry.operationId)).toEqual(['registerPatientPds']);
	const loginUrl = (log[0].responseBody as { login_url: string }).login_url;
	expect(mail).toHaveLength(1);
	expect(mail[0].to).toEqual([STAFF]);
	expect(mail[0].subject).toContain('must verify their identity');
	expect(mail[0].html).toContain(loginUrl);
	expect(Date.parse(mail[0].receivedAt)).toBeGreaterThanOrEqual(submittedAt - 1000);
});

it('a patient PDS does not know goes to staff with Hero’s answer; nothing is sent to the patient', async () => {
	const nhs = await unknownNhsNumber();
	const { log, mail } = await registerThroughForm(nhs, '1980-01-01');
	expect(log.map((entry) => [entry.operationId, entry.status])).toEqual([['registerPatientPds', 404]]);
	expect(mail).toHaveLength(1);
	expect(mail[0].subject).toBe(`New patient not registered: NHS number ${nhs}`);
	expect(mail[0].html).toMatch(/No patient found|not found/i);
});

it('every request the stand-in received, and every delivery it sent, matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
