// Automation 6 (examples/11-daily-capacity-digest.json) run in real n8n against the stand-in: the practice manager's
// email holds, per appointment type and site, exactly the free slots Hero has for today and the next six days.
import { addDays, londonToday } from '../../../nodes/HeroHealth/helpers/londonTime';
import { confirmAppointment, contractViolationsSince, example, lastSeq, logSince, standinState } from '../helpers';
import { mails, runScheduleAt } from './helpers';

const workflow = example('11-daily-capacity-digest.json');
let since = 0;

beforeAll(async () => {
	since = await lastSeq();
});

/** The digest's table as text: header row first, then one row per appointment type, then the totals. */
function tableOf(html: string): string[][] {
	return (html.match(/<tr>.*?<\/tr>/g) ?? []).map((row) =>
		[...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((cell) => cell[1]),
	);
}

it('runs on weekday mornings in UK time', () => {
	const schedule = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger')!;
	expect(schedule.parameters.rule).toEqual({ interval: [{ field: 'cronExpression', expression: '30 7 * * 1-5' }] });
	expect((workflow as unknown as { settings: { timezone: string } }).settings.timezone).toBe('Europe/London');
});

it('emails the practice manager the free slots per appointment type and site, equal to Hero’s, booked slots left out', async () => {
	// a patient books a slot first: the digest must not offer it
	const { slot: booked } = await confirmAppointment('1005');
	const mailsBefore = mails().length;
	const before = await lastSeq();
	// the schedule firing now, run in the n8n server (n8n execute would start a whole n8n for it)
	const run = await runScheduleAt(workflow.id, new Date(), 'Weekdays at 07:30');
	expect(run.status).toBe('success');

	const counts = (await logSince(before)).filter((entry) => entry.operationId === 'countSlots');
	const state = await standinState();
	expect(counts).toHaveLength(state.appointmentTypes.length * state.locations.length);
	const today = londonToday(Date.parse(counts[0].time));
	const last = addDays(today, 6);
	// what Hero had free when each count was asked, computed from the stand-in's own slots
	const free = (typeId: string, siteId: string) => {
		const entry = counts.find((e) => e.query.appointment_type_id === typeId && e.query.location_id === siteId)!;
		expect(entry.query).toMatchObject({ start_date: today, end_date: last });
		const asked = Date.parse(entry.time);
		return state.slots.filter((s) => {
			const day = londonToday(Date.parse(s.start_time));
			return (
				s.appointment_type_id === typeId &&
				s.location_id === siteId &&
				s.appointment_id === null &&
				Date.parse(s.start_time) > asked &&
				day >= today &&
				day <= last
			);
		}).length;
	};
	const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
	const rows = state.appointmentTypes.map((type) => {
		const cells = state.locations.map((site) => free(type.id, site.id));
		return [type.name, ...cells, sum(cells)].map(String);
	});
	const siteTotals = state.locations.map((site) => sum(state.appointmentTypes.map((type) => free(type.id, site.id))));
	const total = sum(siteTotals);

	const caught = mails().slice(mailsBefore);
	expect(caught).toHaveLength(1);
	const [mail] = caught;
	expect(mail.to).toEqual(['practice-manager@your-practice.example']);
	expect(mail.subject).toMatch(new RegExp(`^Free appointments .+ to .+: ${total} free slots$`));
	expect(tableOf(mail.html)).toEqual([
		['Appointment type', ...state.locations.map((site) => site.name), 'All sites'],
		...rows,
		['All types', ...siteTotals.map(String), String(total)],
	]);
	expect(total).toBeGreaterThan(0);

	// the booked slot is Hero's, not free: when it falls in the window its cell counts one slot fewer than all of them
	const bookedDay = londonToday(Date.parse(booked.start_time));
	if (bookedDay <= last) {
		const all = state.slots.filter(
			(s) =>
				s.appointment_type_id === booked.appointment_type_id &&
				s.location_id === booked.location_id &&
				Date.parse(s.start_time) > Date.parse(counts[0].time) &&
				londonToday(Date.parse(s.start_time)) <= last &&
				(s.appointment_id === null || s.id === booked.id),
		).length;
		expect(free(booked.appointment_type_id, booked.location_id)).toBe(all - 1);
	}
});

it('every request the stand-in received matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
