// Automation 1, examples/06: appointment reminders a day before (and two hours before), sent only while Hero still
// has the appointment booked for that time. Hero's events reach the published workflow from the stand-in; the
// schedule runs at virtual instants (runScheduleAt: its trigger's timestamp), so days pass in seconds.
import { publish, standinFailNext, unpublish } from '../helpers';
import { dataTableRows, type DataTableRow } from './helpers';
import {
	book,
	cancel,
	HOUR,
	messagesIn,
	MINUTE,
	publishedForTheseTests,
	reschedule,
	scheduledRun,
	slotFrom,
	slotsOneDay,
	tableOf,
	ukTime,
	type Booked,
} from './lifecycle';

// the practice turns the two-hour reminder on before publishing
const { workflow, eventRuns } = publishedForTheseTests('06-appointment-reminders.json', { remindTwoHoursBefore: true });
const WF = workflow.id;
const TABLE = tableOf(workflow);

interface Reminder extends DataTableRow {
	appointment_id: string;
	patient_id: string;
	hours_before: number;
	start_time: string;
	state: string;
	note: string;
}

const at = (iso: string, offsetMs: number) => new Date(Date.parse(iso) + offsetMs);
const startOf = (b: Booked) => b.slot.start_time;

/** The schedule run at `when`, and who Hero was asked to message meanwhile. */
async function scheduleAt(when: Date) {
	const { run, log } = await scheduledRun(WF, when);
	return { run, sends: messagesIn(log) };
}

/** The reminders the table holds for an appointment: [hours before, start, state], day-before first. */
async function remindersOf(b: Booked): Promise<Array<[number, string, string]>> {
	return (await dataTableRows<Reminder>(TABLE))
		.filter((row) => row.appointment_id === b.appointmentId)
		.sort((x, y) => y.hours_before - x.hours_before)
		.map((row) => [
			row.hours_before,
			Date.parse(row.start_time) === Date.parse(startOf(b)) ? 'booked time' : row.start_time,
			row.state,
		]);
}

/** Both reminders of an appointment at its booked time, in `state`. */
const both = (state: string) => [
	[24, 'booked time', state],
	[2, 'booked time', state],
];

const dayBefore = (b: Booked) =>
	`Reminder: you have an appointment at the practice on ${ukTime(startOf(b))}. If you can no longer come, please let us know so that someone else can have it.`;
const sameDay = (b: Booked) =>
	`Reminder: you have an appointment at the practice today at ${ukTime(startOf(b), false)}. If you can no longer come, please let us know so that someone else can have it.`;

let a: Booked, b: Booked, c: Booked, d: Booked;

it('remembers confirmed appointments, moves the reminders of a rescheduled one and drops those of a cancelled one', async () => {
	// four patients book on one day at least two days ahead
	const slots = await slotsOneDay(7);
	[a, b, c, d] = await Promise.all(['1011', '1012', '1013', '1014'].map((patient, i) => book(patient, slots[i])));
	await eventRuns(4);

	// B cancels; C moves to a day after all of them
	await cancel(b.appointmentId);
	const latest = Math.max(...[a, b, c, d].map((x) => Date.parse(startOf(x))));
	const moved = await slotFrom(new Date(latest + 26 * HOUR));
	await reschedule(c.appointmentId, moved);
	c = { ...c, slot: moved };
	await eventRuns(2);

	// D is cancelled while the workflow is unpublished: n8n never hears of it
	await unpublish(WF);
	await cancel(d.appointmentId);
	await publish(WF);

	expect(await Promise.all([a, b, c, d].map(remindersOf))).toEqual([
		both('pending'),
		both('cancelled'),
		both('pending'),
		both('pending'),
	]);
});

it('sends each reminder when it comes due, only for appointments Hero still has booked at that time, and a moved one at its new time only', async () => {
	const first = Math.min(...[a, d].map((x) => Date.parse(startOf(x))));
	const lastOld = Math.max(...[a, b, d].map((x) => Date.parse(startOf(x))));

	// a minute before the first reminder comes due: nothing
	expect((await scheduleAt(new Date(first - 24 * HOUR - MINUTE))).sends).toEqual([]);

	// a day before the day's appointments: A only. B was cancelled; Hero says D was cancelled too (n8n never heard);
	// C has moved to another day.
	const dayRun = await scheduleAt(new Date(lastOld - 24 * HOUR + MINUTE));
	expect(dayRun.run.status).toBe('success');
	expect(dayRun.sends).toEqual([[a.patientId, 'nhs_app, else sms', dayBefore(a), '200']]);
	expect((await remindersOf(d))[0]).toEqual([24, 'booked time', 'not booked']);

	// two hours before A: A again, the same-day reminder
	const twoHours = await scheduleAt(at(startOf(a), -2 * HOUR + MINUTE));
	expect(twoHours.sends).toEqual([[a.patientId, 'nhs_app, else sms', sameDay(a), '200']]);

	// a day before C's new time: C, with the new time
	const movedRun = await scheduleAt(at(startOf(c), -24 * HOUR + MINUTE));
	expect(movedRun.sends).toEqual([[c.patientId, 'nhs_app, else sms', dayBefore(c), '200']]);

	expect(await remindersOf(a)).toEqual(both('sent'));
	expect((await remindersOf(c))[0]).toEqual([24, 'booked time', 'sent']);
	expect((await remindersOf(b)).map(([, , state]) => state)).toEqual(['cancelled', 'cancelled']);
});

it('Hero answering 503 to one send of three: the other two go out once, the third is reported and never sent again', async () => {
	const slots = await slotsOneDay(3);
	const booked = await Promise.all(['1015', '1016', '1017'].map((patient, i) => book(patient, slots[i])));
	await eventRuns(3);
	const due = new Date(Math.max(...booked.map((x) => Date.parse(startOf(x)))) - 24 * HOUR + MINUTE);

	await standinFailNext({ method: 'POST', path: '/v1/messages/send', status: 503, after: 1 });
	const { run, sends } = await scheduleAt(due);
	// one request each, in the order of the table; the second was answered 503
	expect(sends.map(([patient]) => patient).sort()).toEqual(booked.map((x) => x.patientId));
	expect(sends.map(([, , , status]) => status)).toEqual(['200', '503', '200']);
	const failed = booked.find((x) => x.patientId === sends[1][0])!;
	// the run ends in error, naming the reminder that was not sent
	expect(run.status).toBe('error');
	expect(run.data?.resultData.error?.message).toMatch(
		new RegExp(
			`^1 reminder\\(s\\) not sent, first to patient ${failed.patientId} for appointment ${failed.appointmentId}: .*503`,
		),
	);
	for (const x of booked) expect((await remindersOf(x))[0]).toEqual([24, 'booked time', x === failed ? 'failed' : 'sent']);

	// the next run sends nothing: not the two again, and not the one Hero may have sent after all
	expect((await scheduleAt(new Date(due.getTime() + 15 * MINUTE))).sends).toEqual([]);
});
