// Automation 4 (examples/09-recall-campaign.json), published in real n8n against the stand-in. Staff upload a CSV
// of NHS numbers and dates of birth in the form (Basic Auth); Hero invites them all in one batch message with a
// booking link and staff get a report of who was invited, not matched in PDS, not sent to, or not valid in the
// file. The daily run, on a virtual clock (the schedule's own timestamp), chases once, after the chosen days, those
// who have not booked. A batch whose sending Hero answered with a 5xx is neither lost nor sent twice.
import type { LogEntry } from '../../../standin';
import {
	confirmAppointment,
	contractViolationsSince,
	lastSeq,
	logSince,
	standinFailNext,
	standinState,
	waitFor,
} from '../helpers';
import {
	dataTableRows,
	mails,
	PRACTICE_TEAM,
	publishedExample,
	runScheduleAt,
	runThroughStaffForm,
	unknownNhsNumber,
} from './helpers';

const { workflow, since } = publishedExample('09-recall-campaign.json');
const SCHEDULE = 'Weekdays at 09:00';
const TABLE = 'Hero recall list';
const DAY = 86_400_000;

interface Row {
	campaign: string;
	nhs_number: string;
	dob: string;
	status: string;
	problem: string;
	batch_id: string;
	patient_id: string;
	[column: string]: unknown;
}

const patient = async (id: string) => (await standinState()).patients.find((p) => p.id === id)!;
const recipientsOf = (entry: LogEntry) => (entry.body as { recipients: Array<{ nhs_number: string }> }).recipients;
const ops = (log: LogEntry[], operationId: string) => log.filter((entry) => entry.operationId === operationId);

/** The messages Hero made for a batch, by patient. */
async function sentTo(batchId: string) {
	return (await standinState()).messages
		.filter((m) => m.batch_message_id === batchId)
		.map((m) => m.patient_id)
		.sort();
}

/** Staff upload a list in the form; resolves once that run has finished, with what Hero received and the email. */
async function upload(csv: string, { type = 'Blood Test', site = 'Main Surgery', days = 14 } = {}) {
	const file = new Blob([csv], { type: 'text/csv' });
	return await runThroughStaffForm(workflow, [[file, 'recall.csv'], type, site, String(days)], 90_000);
}

/** The daily run as if the schedule fired at `at`; what Hero received and the email. */
async function dailyRunAt(at: number) {
	const [mailsBefore, before] = [mails().length, await lastSeq()];
	const run = await runScheduleAt(workflow.id, new Date(at), SCHEDULE);
	expect(run.status).toBe('success');
	return { log: await logSince(before), mail: mails().slice(mailsBefore) };
}

const rowsOf = async (campaign: string) =>
	(await dataTableRows<Row & { id: number }>(TABLE)).filter((r) => r.campaign === campaign);

let campaign = '';
let uploadedAt = 0;
const ids = { booked: '1002', chased: ['1001', '1003'], restricted: '1004', wrongDob: '1005' };

it('invites everyone matched in one batch SMS with a booking link and reports to staff who was not matched, not sent to or not valid', async () => {
	const [p1, p2, p3, p4, p5] = await Promise.all(['1001', '1002', '1003', '1004', '1005'].map(patient));
	const unknown = await unknownNhsNumber();
	const uk = (dob: string) => dob.split('-').reverse().join('/'); // 1961-05-14 → 14/05/1961, as exports write it
	const spaced = (nhs: string) => `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
	// a clinical-system search export: its own column names, NHS numbers with spaces, UK dates
	const csv = [
		'NHS Number,Date of Birth,Surname',
		`${spaced(p1.nhs_number!)},${uk(p1.dob!)},${p1.last_name}`,
		`${p2.nhs_number},${p2.dob},${p2.last_name}`,
		`${p3.nhs_number},${uk(p3.dob!)},${p3.last_name}`,
		`${p4.nhs_number},${uk(p4.dob!)},${p4.last_name}`,
		`${unknown},01/01/1980,Nobody`,
		`${p5.nhs_number},01/01/1901,${p5.last_name}`,
		`12345,01/01/1980,Typo`,
		`${p1.nhs_number},${uk(p1.dob!)},${p1.last_name}`,
	].join('\n');
	uploadedAt = Date.now();
	const { log, mail } = await upload(csv);

	expect(ops(log, 'createBookingLink').map((e) => e.body)).toEqual([
		expect.objectContaining({ appointment_type_id: '4', location_id: '1' }),
	]);
	const link = (ops(log, 'createBookingLink')[0].responseBody as { short_link: string }).short_link;
	const [created] = ops(log, 'createBatchMessage');
	expect(ops(log, 'createBatchMessage')).toHaveLength(1);
	expect(created.body).toMatchObject({ channel: 'SMS' });
	expect((created.body as { content: string }).content).toContain(link);
	// the six valid lines, once each; the bad NHS number and the repeat never reach Hero
	expect(recipientsOf(created)).toEqual([
		{ nhs_number: p1.nhs_number, dob: p1.dob },
		{ nhs_number: p2.nhs_number, dob: p2.dob },
		{ nhs_number: p3.nhs_number, dob: p3.dob },
		{ nhs_number: p4.nhs_number, dob: p4.dob },
		{ nhs_number: unknown, dob: '1980-01-01' },
		{ nhs_number: p5.nhs_number, dob: '1901-01-01' },
	]);
	const batchId = String((created.responseBody as { id: string }).id);
	expect(ops(log, 'sendBatchMessage').map((e) => [e.path, e.status])).toEqual([[`/v1/batch_message/${batchId}/send`, 200]]);
	expect(await sentTo(batchId)).toEqual(['1001', '1002', '1003']);

	expect(mail).toHaveLength(1);
	const [report] = mail;
	expect(report.to).toEqual([PRACTICE_TEAM]);
	expect(report.subject).toMatch(/^Recall sent to 3 of 8 patients: Blood Test at Main Surgery, /);
	campaign = report.subject.replace('Recall sent to 3 of 8 patients: ', '');
	const section = (title: string) => report.html.split(`<h3>${title}`)[1]?.split('<h3>')[0] ?? '';
	expect(section('Not matched in PDS')).toContain(unknown);
	expect(section('Not matched in PDS')).toContain(p5.nhs_number);
	expect(section('Not sent by Hero')).toContain(`${p4.nhs_number}, born ${p4.dob}: gdpr_restriction`);
	expect(section('Not valid in the uploaded file')).toContain('line 8: not a valid NHS number: &quot;12345&quot;');
	expect(section('Not valid in the uploaded file')).toContain('line 9: listed twice');
	expect(Date.parse(report.receivedAt)).toBeGreaterThanOrEqual(uploadedAt);

	const rows = await rowsOf(campaign);
	expect(rows.map((r) => [r.nhs_number, r.status])).toEqual([
		[p1.nhs_number, 'invited'],
		[p2.nhs_number, 'invited'],
		[p3.nhs_number, 'invited'],
		[p4.nhs_number, 'not sent'],
		[unknown, 'not matched'],
		[p5.nhs_number, 'not matched'],
		['12345', 'invalid'],
		[p1.nhs_number, 'invalid'],
	]);
});

it('chases, once and only after the chosen 14 days, those who have not booked; a patient who booked is left alone', async () => {
	// patient 1002 books a blood test at Main Surgery through the link: Hero raises appointment.confirmed
	await confirmAppointment(ids.booked, undefined, { appointmentTypeId: '4', locationId: '1' });
	await waitFor('1002 marked booked', async () =>
		(await rowsOf(campaign)).some((r) => r.patient_id === ids.booked && r.status === 'booked'),
	);

	const early = await dailyRunAt(uploadedAt + 13 * DAY);
	expect(ops(early.log, 'createBatchMessage')).toEqual([]);
	expect(early.mail).toEqual([]);

	const due = await dailyRunAt(uploadedAt + 14 * DAY);
	const created = ops(due.log, 'createBatchMessage');
	expect(created).toHaveLength(1);
	const chased = await Promise.all(ids.chased.map(patient));
	expect(recipientsOf(created[0])).toEqual(chased.map((p) => ({ nhs_number: p.nhs_number, dob: p.dob })));
	const batchId = String((created[0].responseBody as { id: string }).id);
	expect(ops(due.log, 'sendBatchMessage').map((e) => [e.path, e.status])).toEqual([[`/v1/batch_message/${batchId}/send`, 200]]);
	expect(await sentTo(batchId)).toEqual(ids.chased);
	expect(due.mail.map((m) => [m.to, m.subject])).toEqual([
		[[PRACTICE_TEAM], `Recall chaser sent to 2 patients who have not booked: ${campaign}`],
	]);
	expect(due.mail[0].html).toMatch(/Booked since the invitation \(1\)/);

	const again = await dailyRunAt(uploadedAt + 15 * DAY);
	expect(ops(again.log, 'createBatchMessage')).toEqual([]);
	expect(ops(again.log, 'sendBatchMessage')).toEqual([]);
	expect((await rowsOf(campaign)).slice(0, 3).map((r) => r.status)).toEqual(['chased', 'booked', 'chased']);
});

it('Hero answering 5xx to a batch send loses nothing and sends nothing twice: the next run asks Hero and sends only what had not gone', async () => {
	const [p6, p7, p8] = await Promise.all(['1006', '1007', '1008'].map(patient));
	const line = (p: { nhs_number: string | null; dob: string | null }) => `${p.nhs_number},${p.dob}`;
	// A: Hero sends the batch but its answer is lost; B: Hero fails before sending
	await standinFailNext({ operationId: 'sendBatchMessage', status: 502, processed: true });
	const a = await upload(['NHS number,DOB', line(p6), line(p7)].join('\n'), {
		type: 'Practice Nurse Appointment',
		site: 'Riverside Branch Surgery',
	});
	await standinFailNext({ operationId: 'sendBatchMessage', status: 503 });
	const b = await upload(['NHS number,DOB', line(p8)].join('\n'), {
		type: 'Practice Nurse Appointment',
		site: 'Riverside Branch Surgery',
	});
	const batchA = String((ops(a.log, 'createBatchMessage')[0].responseBody as { id: string }).id);
	const batchB = String((ops(b.log, 'createBatchMessage')[0].responseBody as { id: string }).id);
	for (const [sent, status] of [
		[a, 502],
		[b, 503],
	] as const) {
		expect(ops(sent.log, 'sendBatchMessage').map((e) => e.status)).toEqual([status]);
		expect(sent.mail.map((m) => m.subject)).toEqual([expect.stringMatching(/^Recall invitation not confirmed yet: /)]);
		expect(sent.mail[0].html).toContain('Nothing will be sent twice');
	}
	expect(await sentTo(batchA)).toEqual(['1006', '1007']);
	expect(await sentTo(batchB)).toEqual([]);

	const next = await dailyRunAt(Date.now());
	expect(
		ops(next.log, 'getBatchMessage')
			.map((e) => e.path)
			.sort(),
	).toEqual([`/v1/batch_message/${batchA}`, `/v1/batch_message/${batchB}`].sort());
	expect(ops(next.log, 'sendBatchMessage').map((e) => [e.path, e.status])).toEqual([[`/v1/batch_message/${batchB}/send`, 200]]);
	expect(await sentTo(batchA)).toEqual(['1006', '1007']);
	expect(await sentTo(batchB)).toEqual(['1008']);
	expect(next.mail.map((m) => m.subject.split(': ')[0]).sort()).toEqual([
		'Recall sent to 1 of 1 patients',
		'Recall sent to 2 of 2 patients',
	]);
	// every patient of both uploads got exactly one invitation
	const invitations = (await standinState()).messages.filter((m) => [batchA, batchB].includes(m.batch_message_id ?? ''));
	expect(invitations.map((m) => m.patient_id).sort()).toEqual([p6.id, p7.id, p8.id]);
});

it('every request the stand-in received, and every delivery it sent, matched the Hero contract', async () => {
	expect(await contractViolationsSince(since())).toEqual([]);
});
