// Automation 3, examples/08: the patient of a cancelled appointment gets a booking link for the same appointment
// type and site by SMS, unless the practice cancelled with mail suppressed. Hero's events reach the published
// workflow from the stand-in, which keeps the cancel's suppress_mail on the appointment record the trigger reads.
import { executionsOf, lastSeq, logSince, outputOf } from '../helpers';
import { book, cancel, messagesIn, publishedForTheseTests, slotsOneDay, ukTime } from './lifecycle';

const { workflow, eventRuns } = publishedForTheseTests('08-rebook-after-cancellation.json');
const WF = workflow.id;

it('a patient who cancels gets one SMS with a booking link for the same appointment type and site', async () => {
	const [slot] = await slotsOneDay(1);
	const { appointmentId, patientId } = await book('1027', slot);
	const before = await lastSeq();
	await cancel(appointmentId);
	await eventRuns(1);

	const log = await logSince(before);
	const links = log.filter((entry) => entry.operationId === 'createBookingLink');
	expect(links.map((entry) => [entry.status, entry.body])).toEqual([
		[
			200,
			{
				appointment_type_id: slot.appointment_type_id,
				location_id: slot.location_id,
				patient_id: patientId,
				expiry_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
			},
		],
	]);
	const link = (links[0].responseBody as { short_link: string }).short_link;
	expect(messagesIn(log)).toEqual([
		[
			patientId,
			'sms',
			`Your appointment on ${ukTime(slot.start_time)} is cancelled. To book another time that suits you: ${link}`,
			'200',
		],
	]);
	// after Hero's cancellation, which raised the event
	const cancelled = log.find((entry) => entry.operationId === 'cancelAppointment')!;
	expect(links[0].seq).toBeGreaterThan(cancelled.seq);
});

it('a practice cancellation with mail suppressed sends the patient nothing', async () => {
	const [slot] = await slotsOneDay(1);
	const { appointmentId } = await book('1028', slot);
	const before = await lastSeq();
	await cancel(appointmentId, { suppress_mail: true });
	await eventRuns(1);

	const log = await logSince(before);
	// the trigger read the appointment, which says the cancellation was made with mail suppressed
	const read = log.find((entry) => entry.operationId === 'getAppointment' && entry.path === `/v1/appointments/${appointmentId}`);
	expect(read?.responseBody).toMatchObject({ id: appointmentId, suppress_mail: true });
	expect(log.filter((entry) => entry.method === 'POST')).toEqual([]);
	const [run] = await executionsOf(WF);
	expect(outputOf(run, 'Send nothing')).toHaveLength(1);
});
