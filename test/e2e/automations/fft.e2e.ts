// Automation 2, examples/07: the NHS Friends and Family Test by SMS some hours after the appointment ends, with a
// form link, once per patient per day, never for a cancelled appointment. Hero's events reach the published
// workflow from the stand-in; the schedule runs at virtual instants (runScheduleAt), so hours pass in seconds.
import type { LogEntry } from '../../../standin';
import { standinFailNext } from '../helpers';
import { dataTableRows, type DataTableRow } from './helpers';
import {
	book,
	cancel,
	HOUR,
	messagesIn,
	MINUTE,
	publishedForTheseTests,
	scheduledRun,
	slotsOneDay,
	tableOf,
	type Booked,
} from './lifecycle';

const FORM_ID = '31';
const HOURS_AFTER_END = 2;
// what the sticky note asks for before publishing: the practice's FFT form
const { workflow, eventRuns } = publishedForTheseTests('07-friends-and-family-test.json', {
	fftFormId: FORM_ID,
	hoursAfterEnd: HOURS_AFTER_END,
});
const WF = workflow.id;
const TABLE = tableOf(workflow);

interface FftRow extends DataTableRow {
	appointment_id: string;
	patient_day: string;
	state: string;
}

/** When the FFT for an appointment comes due: its end (15-minute slots) plus the setting (daytime slots only). */
const dueOf = (b: Booked) => Date.parse(b.slot.start_time) + 15 * MINUTE + HOURS_AFTER_END * HOUR;

/** Form links Hero made in a request log: [patient, form, the link]. */
const formLinksIn = (log: LogEntry[]) =>
	log
		.filter((entry) => entry.operationId === 'createFormLink')
		.map((entry) => {
			const body = entry.body as { patient_id: string; form_id: string };
			return [body.patient_id, body.form_id, (entry.responseBody as { form_link?: string } | undefined)?.form_link];
		});

const fftText = (link: unknown) =>
	`Thank you for visiting the practice. How was your appointment? Please tell us in the NHS Friends and Family Test, it takes a minute: ${String(link)}`;

const statesOf = async (booked: Booked[]) => {
	const rows = await dataTableRows<FftRow>(TABLE);
	return booked.map((b) => rows.find((row) => row.appointment_id === b.appointmentId)?.state);
};

it('sends one FFT a patient with two appointments that day, one to a patient with one, none for a cancelled appointment', async () => {
	const slots = await slotsOneDay(4);
	// 1021 comes twice that day; 1022 cancels; 1023 comes once
	const booked = await Promise.all(
		[
			['1021', slots[0]],
			['1022', slots[1]],
			['1023', slots[2]],
			['1021', slots[3]],
		].map(async ([patient, slot]) => await book(patient as string, slot as (typeof slots)[0])),
	);
	const [twiceFirst, cancelled, once, twiceSecond] = booked;
	await eventRuns(4);
	await cancel(cancelled.appointmentId);
	await eventRuns(1);
	expect(await statesOf(booked)).toEqual(['pending', 'cancelled', 'pending', 'pending']);

	// a minute before the first comes due: nothing
	const early = await scheduledRun(WF, new Date(Math.min(...booked.map(dueOf)) - MINUTE));
	expect(early.log.filter((entry) => entry.method === 'POST')).toEqual([]);

	// once all are due: one form link and one SMS each for 1021 and 1023, with that link
	const { run, log } = await scheduledRun(WF, new Date(Math.max(...booked.map(dueOf)) + MINUTE));
	expect(run.status).toBe('success');
	const links = formLinksIn(log);
	expect(links.map(([patient, form]) => [patient, form]).sort()).toEqual([
		[twiceFirst.patientId, FORM_ID],
		[once.patientId, FORM_ID],
	]);
	expect(messagesIn(log).sort()).toEqual(links.map(([patient, , link]) => [patient, 'sms', fftText(link), '200']).sort());
	expect(await statesOf(booked)).toEqual(['sent', 'cancelled', 'sent', 'sent']);
	expect(twiceSecond.patientId).toBe(twiceFirst.patientId);
});

it('Hero answering 503 to one SMS of three: the other two go out once, the third is reported and never sent again', async () => {
	const slots = await slotsOneDay(3);
	const booked = await Promise.all(['1024', '1025', '1026'].map(async (patient, i) => await book(patient, slots[i])));
	await eventRuns(3);
	const due = new Date(Math.max(...booked.map(dueOf)) + MINUTE);

	await standinFailNext({ method: 'POST', path: '/v1/messages/send', status: 503, after: 1 });
	const { run, log } = await scheduledRun(WF, due);
	const sends = messagesIn(log);
	expect(sends.map(([patient]) => patient).sort()).toEqual(booked.map((b) => b.patientId));
	expect(sends.map(([, , , status]) => status)).toEqual(['200', '503', '200']);
	const failed = booked.find((b) => b.patientId === sends[1][0])!;
	expect(run.status).toBe('error');
	expect(run.data?.resultData.error?.message).toMatch(
		new RegExp(`^1 Friends and Family Test\\(s\\) not sent, first to patient ${failed.patientId}: .*503`),
	);
	expect(await statesOf(booked)).toEqual(booked.map((b) => (b === failed ? 'failed' : 'sent')));

	// the next run sends nothing and makes no new link
	const again = await scheduledRun(WF, new Date(due.getTime() + 15 * MINUTE));
	expect(again.log.filter((entry) => entry.method === 'POST')).toEqual([]);
});
