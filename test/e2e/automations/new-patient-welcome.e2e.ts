// Automation 5 (examples/10-new-patient-welcome.json), published in real n8n against the stand-in. Staff submit the
// new-patient form (Basic Auth); Hero registers the patient from PDS and a welcome message with the questionnaire's
// form link goes on the NHS App with SMS fallback; when the patient returns the questionnaire the practice team gets
// an email. A patient who must verify their identity, or one PDS does not know, reaches staff by email instead.
import { contractViolationsSince, e2e, finishedRuns, lastSeq, logSince, standinState, waitFor } from '../helpers';
import { mails, PRACTICE_TEAM, publishedExample, runThroughStaffForm, submitStaffForm, unknownNhsNumber } from './helpers';

const { workflow, since } = publishedExample('10-new-patient-welcome.json');

const runsSoFar = async () => (await finishedRuns(workflow.id, 0)).length;

/** Staff submit the form; waits for its run; what Hero received and the staff email sent meanwhile. */
async function registerThroughForm(nhsNumber: string, dob: string) {
	const submittedAt = Date.now();
	return { ...(await runThroughStaffForm(workflow, [nhsNumber, dob])), submittedAt };
}

it('the form asks for the staff login: without it, 401 and nothing runs', async () => {
	const runsBefore = await runsSoFar();
	const before = await lastSeq();
	const res = await submitStaffForm(workflow, ['9990003017', '1961-05-14'], { login: false });
	expect(res.status).toBe(401);
	expect(await logSince(before)).toEqual([]);
	expect(await runsSoFar()).toBe(runsBefore);
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
	const runsBefore = await runsSoFar();
	const mailsBefore = mails().length;
	const submitted = await fetch(`${e2e().standinUrl}/_standin/form-links/${link.id}/submit`, { method: 'POST' });
	const response = (await submitted.json()) as { id: number; created_at: string };
	const [email] = await waitFor('the email about the returned questionnaire', async () => {
		const caught = mails().slice(mailsBefore);
		return caught.length ? caught : undefined;
	});
	await finishedRuns(workflow.id, runsBefore + 1);
	expect(mails().slice(mailsBefore)).toHaveLength(1);
	expect(email.to).toEqual([PRACTICE_TEAM]);
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
	expect(mail[0].to).toEqual([PRACTICE_TEAM]);
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
	expect(await contractViolationsSince(since())).toEqual([]);
});
