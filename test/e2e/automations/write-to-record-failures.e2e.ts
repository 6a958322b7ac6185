// Automation 7 (examples/12-write-to-record-failures.json), published in real n8n against the stand-in: a message
// Hero could not file in the patient's record reaches the practice team by email, with the patient, Hero's
// failure reason and the message; a write that succeeds sends nobody anything.
import {
	contractViolationsSince,
	executionsOf,
	heroApi,
	sleep,
	standinDeliveries,
	standinIdle,
	standinState,
	waitFor,
} from '../helpers';
import { publishedExample, PRACTICE_TEAM, mails } from './helpers';

const { workflow, since } = publishedExample('12-write-to-record-failures.json');

async function sendWrittenToRecord(patientId: string) {
	const sent = await heroApi<{ message_id: string }>('POST', '/v1/messages/send', {
		patient_id: patientId,
		message_type: 'sms',
		message_string: 'Your blood test results are normal. No action is needed.',
		write_to_record: true,
		auto_write_to_record: true,
	});
	expect(sent.status).toBe(200);
	return sent.json.message_id;
}

it('a failed write reaches the practice team: the patient, Hero’s reason and the message; a successful one sends nothing', async () => {
	const mailsBefore = mails().length;
	const state = await standinState();
	const linked = state.patients.find((p) => p.id === '1001')!;
	const unlinked = state.patients.find((p) => p.id === state.fixtures.unlinkedEhrPatient)!;

	// first a write that succeeds (a patient linked to a clinical record), then one that fails (a Hero-only patient)
	const written = await sendWrittenToRecord(linked.id);
	const failed = await sendWrittenToRecord(unlinked.id);
	const failedAt = Date.now();

	const [mail] = await waitFor('the email about the failed write', async () => {
		const caught = mails().slice(mailsBefore);
		return caught.length ? caught : undefined;
	});
	await standinIdle();
	await sleep(1000); // a second email, were one coming, would be here by now
	expect(mails().slice(mailsBefore)).toEqual([mail]);

	const reason = (await standinState()).messages.find((m) => m.id === failed)!.write_to_record_failure_reason!;
	expect(reason).toBeTruthy();
	expect(mail.to).toEqual([PRACTICE_TEAM]);
	expect(mail.subject).toBe(`Not filed in the record: message ${failed} for ${unlinked.first_name} ${unlinked.last_name}`);
	for (const fact of [unlinked.nhs_number, unlinked.dob, `Hero ID ${unlinked.id}`, reason, 'Your blood test results are normal.'])
		expect(mail.html).toContain(fact);
	expect(Date.parse(mail.receivedAt)).toBeGreaterThanOrEqual(failedAt - 1000);

	// the success raised its event at Hero, but nothing is registered for it: no delivery, no run, no email
	const about = async (id: string) =>
		(await standinDeliveries())
			.filter((d) => (JSON.parse(d.body) as { id: string }).id === id)
			.map((d) => [d.event_type, d.status]);
	expect(await about(written)).toEqual([]);
	expect(await about(failed)).toEqual([['write-to-record.failed', 200]]);
	const runs = await executionsOf(workflow.id);
	expect(runs.map((run) => run.status)).toEqual(['success']);
});

it('every request the stand-in received, and every delivery it sent, matched the Hero contract', async () => {
	expect(await contractViolationsSince(since())).toEqual([]);
});
