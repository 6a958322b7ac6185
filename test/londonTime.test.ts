// London-time date maths at fixed instants that stress the UK calendar (clock changes, 29 February, New Year,
// London's day starting before UTC's in summer time), so these hold whatever today's date is.
import { addDays, londonIso, londonToday, utcDateTime } from '../nodes/HeroHealth/helpers/londonTime';
import { calendarDateProblem, dateOfBirthProblem, plainDate } from '../nodes/HeroHealth/validation';

const at = (utc: string) => Date.parse(utc);

/** Instants and the day they are on London's calendar: [what, UTC instant, London date]. */
const LONDON_DAYS: Array<[string, string, string]> = [
	['Friday late evening in winter', '2026-12-04T23:30:00Z', '2026-12-04'],
	["New Year's Eve late evening", '2026-12-31T23:30:00Z', '2026-12-31'],
	['the first minute of the new year', '2027-01-01T00:00:00Z', '2027-01-01'],
	['the evening before the spring change', '2027-03-27T23:30:00Z', '2027-03-27'],
	['just before the spring change (00:59 GMT)', '2027-03-28T00:59:00Z', '2027-03-28'],
	['00:30 BST just after the spring change day', '2027-03-28T23:30:00Z', '2027-03-29'],
	['the evening before the autumn change (23:30 BST)', '2027-10-30T22:30:00Z', '2027-10-30'],
	['London past midnight in summer time while UTC is still on the day before', '2027-10-30T23:30:00Z', '2027-10-31'],
	['the first 01:30 of the autumn change (BST)', '2027-10-31T00:30:00Z', '2027-10-31'],
	['the repeated hour of the autumn change (01:30 GMT)', '2027-10-31T01:30:00Z', '2027-10-31'],
	['a summer night, 00:30 BST', '2027-06-14T23:30:00Z', '2027-06-15'],
	['29 February late evening', '2028-02-29T23:30:00Z', '2028-02-29'],
	['29 February at noon', '2028-02-29T12:00:00Z', '2028-02-29'],
];

describe("londonToday: the practice's today", () => {
	it.each(LONDON_DAYS)('%s', (_, utc, london) => {
		expect(londonToday(at(utc))).toBe(london);
	});
});

describe('addDays: calendar days', () => {
	it.each([
		['2028-02-28', 1, '2028-02-29'],
		['2028-02-29', 1, '2028-03-01'],
		['2027-02-28', 1, '2027-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-12-18', 14, '2027-01-01'],
		['2027-03-27', 14, '2027-04-10'], // across the spring change: still 14 calendar days
		['2027-10-30', 1, '2027-10-31'],
		['2027-10-30', 14, '2027-11-13'], // across the autumn change
	])('%s + %i days is %s', (date, days, expected) => {
		expect(addDays(date, days)).toBe(expected);
	});
});

describe('londonIso: a UTC instant as London wall-clock time with its offset', () => {
	it.each([
		['2027-03-28T00:59:59Z', '2027-03-28T00:59:59+00:00'],
		['2027-03-28T01:00:00Z', '2027-03-28T02:00:00+01:00'], // clocks go forward: 01:00 GMT is 02:00 BST
		['2027-10-31T00:30:00Z', '2027-10-31T01:30:00+01:00'], // the first 01:30, in BST
		['2027-10-31T01:30:00Z', '2027-10-31T01:30:00+00:00'], // the second 01:30, in GMT
		['2027-10-30T23:30:00Z', '2027-10-31T00:30:00+01:00'],
		['2028-02-29T09:00:00Z', '2028-02-29T09:00:00+00:00'],
		['2026-12-31T23:59:59Z', '2026-12-31T23:59:59+00:00'],
	])('%s is %s', (utc, london) => {
		expect(londonIso(utc)).toBe(london);
		expect(Date.parse(london)).toBe(Date.parse(utc));
	});
});

describe('utcDateTime: a London wall-clock time as UTC, next to the clock changes', () => {
	it.each([
		['2027-03-27T23:30:00', '2027-03-27T23:30:00.000Z'],
		['2027-03-28T00:30:00', '2027-03-28T00:30:00.000Z'],
		['2027-03-28T03:00:00', '2027-03-28T02:00:00.000Z'],
		['2027-10-30T23:30:00', '2027-10-30T22:30:00.000Z'],
		['2027-10-31T00:30:00', '2027-10-30T23:30:00.000Z'],
		['2027-10-31T02:30:00', '2027-10-31T02:30:00.000Z'],
		['2028-02-29T23:30:00', '2028-02-29T23:30:00.000Z'],
		['2026-12-31T23:30:00', '2026-12-31T23:30:00.000Z'],
	])('%s London is %s', (wallClock, utc) => {
		expect(utcDateTime(wallClock, 'Europe/London')).toBe(utc);
	});

	it('reads the repeated 01:30 of the autumn change as one of its two real instants', () => {
		expect(['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']).toContain(
			utcDateTime('2027-10-31T01:30:00', 'Europe/London'),
		);
	});
});

describe('dateOfBirthProblem: "in the future" means after London\'s today', () => {
	it('accepts a baby born today in London just after midnight in summer time, while UTC is still on the day before', () => {
		const halfPastMidnightBst = new Date('2027-06-14T23:30:00Z'); // 00:30 on 15 June in London
		expect(dateOfBirthProblem('2027-06-15', halfPastMidnightBst)).toBeUndefined();
		expect(dateOfBirthProblem('2027-06-16', halfPastMidnightBst)).toBe('"2027-06-16" is in the future');
	});

	it('accepts 29 February on 29 February, and refuses 1 March then', () => {
		const leapDayEvening = new Date('2028-02-29T23:30:00Z');
		expect(dateOfBirthProblem('2028-02-29', leapDayEvening)).toBeUndefined();
		expect(dateOfBirthProblem('2028-03-01', leapDayEvening)).toBe('"2028-03-01" is in the future');
	});

	it("refuses New Year's Day on New Year's Eve late evening", () => {
		const newYearsEve = new Date('2026-12-31T23:30:00Z');
		expect(dateOfBirthProblem('2026-12-31', newYearsEve)).toBeUndefined();
		expect(dateOfBirthProblem('2027-01-01', newYearsEve)).toBe('"2027-01-01" is in the future');
	});
});

describe("plainDate: a Date instant is a day on London's calendar", () => {
	it.each(LONDON_DAYS)('%s', (_, utc, london) => {
		expect(plainDate(new Date(utc))).toBe(london);
	});

	it('turns an invalid Date into a problem, not a crash', () => {
		expect(calendarDateProblem(new Date('nonsense'))).toBe('"Invalid Date" is not a date in the form YYYY-MM-DD');
		expect(dateOfBirthProblem(new Date('nonsense'))).toBe('"Invalid Date" is not a date in the form YYYY-MM-DD');
	});

	it('keeps a date-time string on its own calendar date', () => {
		expect(plainDate('2027-06-15T00:30:00+01:00')).toBe('2027-06-15');
		expect(plainDate(' 2028-02-29 ')).toBe('2028-02-29');
	});
});
