import type { INodeParameters } from 'n8n-workflow';
import { setGlobalState } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { utcDateTime } from '../nodes/HeroHealth/helpers/londonTime';
import type { Standin } from './helpers';
import { byId, items, messageSendParameters, answeredRequestsTo, runHero, sentBody, setUpTestStandin } from './helpers';
import { londonWallClock as londonWallClockOf } from './bookingHelpers';
import { londonDate } from './standin/helpers';

let standin: Standin;

const HOUR = 3_600_000;

setUpTestStandin((started) => (standin = started));

beforeAll(() => {
	// n8n reads a date picker's wall-clock time in the workflow's zone; these practices are in England.
	setGlobalState({ defaultTimezone: 'Europe/London' });
});

const sends = () => answeredRequestsTo(standin, 'POST', '/v1/messages/send');

describe('Message: Send', () => {
	it('sends one message per input item, to the patient each item names, paired to its item', async () => {
		const patients = ['1001', '1002', '1003'];
		const result = await runHero(
			standin,
			messageSendParameters('={{ $json.patientId }}', 'sms', '=Hello {{ $json.name }}, your results are ready.'),
			{ items: items(patients.map((patientId, n) => ({ patientId, name: `P${n}` }))) },
		);

		expect(result.error).toBeUndefined();
		expect(sends().map((entry) => entry.body)).toEqual(
			patients.map((patient_id, n) => ({
				patient_id,
				message_type: 'sms',
				message_string: `Hello P${n}, your results are ready.`,
			})),
		);
		expect(sends().every((entry) => entry.valid)).toBe(true);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((item) => item.json.message_id)).toEqual(standin.state.messages.map((message) => message.id));
	});

	it('maps every option to its Hero field, with Send At converted from London time to UTC', async () => {
		// 10:00 in London two calendar days ahead: a wall-clock time that exists exactly once whatever today's
		// date (the clocks change between 01:00 and 02:00); its UTC instant is the one London reads as it.
		const londonWallClock = `${londonDate(2)}T10:00:00`;
		const sendAtUtc = [0, 1]
			.map((hours) => new Date(Date.parse(`${londonWallClock}Z`) - hours * HOUR))
			.find((instant) => londonWallClockOf(instant.toISOString()) === londonWallClock)!;
		const result = await runHero(
			standin,
			messageSendParameters('1001', 'sms', 'Your flu jab is due', {
				options: {
					assignee: { assignee: { id: '21', type: 'AdminTeam' } },
					attachmentUuid: 'att-7f3a',
					autoWriteToRecord: true,
					contactDetail: '07700 900123',
					encrypted: true,
					sendAt: londonWallClock,
					shortLinkId: 'sl-42',
					snomedCode: '123456789',
					snomedTerm: 'Flu vaccination invitation',
					taskId: 'task-9',
					writeToRecord: true,
				},
			}),
		);

		expect(sentBody(result, sends())).toEqual({
			patient_id: '1001',
			message_type: 'sms',
			message_string: 'Your flu jab is due',
			assignee_id: 21,
			assignee_type: 'AdminTeam',
			attachment_uuid: 'att-7f3a',
			auto_write_to_record: true,
			recipient_contact_detail: '07700 900123',
			encrypted: true,
			send_at: sendAtUtc.toISOString(),
			short_link_id: 'sl-42',
			snomed_code: '123456789',
			snomed_term: 'Flu vaccination invitation',
			task_id: 'task-9',
			write_to_record: true,
		});
		expect(result.items).toHaveLength(1);
		expect(standin.state.messages[0]).toMatchObject({ status: 'scheduled', recipient_contact_detail: '07700 900123' });
	});

	it('sends by NHS App with an email fallback', async () => {
		const result = await runHero(
			standin,
			messageSendParameters('1002', 'nhs_app', 'Please book your review', {
				options: { fallbackChannel: 'email', fallbackContactDetail: 'noah.jones@example.com' },
			}),
		);

		expect(sentBody(result, sends())).toEqual({
			patient_id: '1002',
			message_type: 'nhs_app',
			message_string: 'Please book your review',
			fallback_message_type: 'email',
			fallback_contact_detail: 'noah.jones@example.com',
		});
	});

	it.each([
		// An expression, as a literal non-numeric ID is already refused by n8n's own regex check.
		['Patient', { patientId: byId('={{ "12ab" }}') }, 'is not a numeric ID'],
		['Message', { message: '   ' }, 'it is empty'],
		['Contact Detail', { options: { contactDetail: 'someone@example.com' } }, 'is not a UK mobile number'],
		['Contact Detail', { channel: 'email', options: { contactDetail: '07700 900123' } }, 'is not an email address'],
		['Send At', { options: { sendAt: new Date(Date.now() - HOUR).toISOString() } }, 'is in the past'],
		['Send At', { options: { sendAt: 'next tuesday' } }, 'is not an ISO 8601 date-time'],
		[
			'Fallback Contact Detail',
			{ channel: 'nhs_app', options: { fallbackChannel: 'sms', fallbackContactDetail: 'not-a-number' } },
			'is not a UK mobile number',
		],
		['Assignee ID', { options: { assignee: { assignee: { id: 'Fiona', type: 'Admin' } } } }, 'is not a numeric ID'],
	])('refuses a bad %s before sending anything', async (field, change, problem) => {
		const result = await runHero(standin, messageSendParameters('1001', 'sms', 'Hello', change));

		expect(result.error?.message).toContain(`Invalid ${field} [item 0]`);
		expect(result.error?.message).toContain(problem);
		expect(standin.log).toHaveLength(0);
	});

	it('with Continue on Fail, turns a bad item into an error item and still sends the good ones', async () => {
		const result = await runHero(standin, messageSendParameters('={{ $json.patientId }}', 'sms', 'Reminder'), {
			items: items([{ patientId: '1001' }, { patientId: 'P-1002' }, { patientId: '1003' }]),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(sends().map((entry) => (entry.body as { patient_id: string }).patient_id)).toEqual(['1001', '1003']);
		expect(result.items).toHaveLength(3);
		expect(result.items[1]).toEqual({
			json: expect.objectContaining({ error: expect.stringContaining('Invalid Patient [item 1]') }),
			pairedItem: { item: 1 },
		});
		expect(result.items[0].json.message_id).toBeDefined();
		expect(result.items[2]).toMatchObject({ json: { message_id: expect.any(String) }, pairedItem: { item: 2 } });
	});

	it('with Continue (using error output), a send Hero answers 503 goes to the error output, not resent, the others to the main one', async () => {
		standin.failNext({ method: 'POST', path: '/v1/messages/send', status: 503, after: 1 });
		const result = await runHero(standin, messageSendParameters('={{ $json.patientId }}', 'sms', 'Reminder'), {
			items: items([{ patientId: '1001' }, { patientId: '1002' }, { patientId: '1003' }]),
			continueOnFail: 'errorOutput',
		});

		expect(result.error).toBeUndefined();
		const asked = standin.log.filter((entry) => entry.path === '/v1/messages/send');
		expect(asked.map((entry) => [(entry.body as { patient_id: string }).patient_id, entry.status])).toEqual([
			['1001', 200],
			['1002', 503],
			['1003', 200],
		]);
		expect(result.items.map((item) => [item.json.message_id !== undefined, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 2 }],
		]);
		// n8n adds the input item's fields: what failed can be told apart downstream
		expect(result.errorItems).toEqual([
			{
				json: {
					patientId: '1002',
					error: expect.stringContaining('server error (503) on POST /v1/messages/send'),
					details: expect.stringMatching(/not resent/),
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('names the blocked channels when the patient restricts data sharing', async () => {
		const { id, restrictions } = standin.fixtures.restrictedSms;
		const result = await runHero(standin, messageSendParameters(id, 'sms', 'Hello'));

		expect(restrictions).toEqual(['sms']);
		expect(result.error?.message).toContain('gdpr_restriction');
		expect(result.error?.message).toContain('sms');
		expect(standin.state.messages).toHaveLength(0);
	});

	it('says which patient Hero does not know', async () => {
		const result = await runHero(standin, messageSendParameters('999999', 'hero', 'Hello'));
		expect(result.error?.message).toContain('patient 999999');
		expect(sends()).toHaveLength(1);
	});
});

describe('Message: Get', () => {
	it('gets each message by its ID', async () => {
		const sent = await runHero(standin, messageSendParameters('={{ $json.patientId }}', 'hero', 'Hi'), {
			items: items([{ patientId: '1001' }, { patientId: '1006' }]),
		});
		standin.clearLog();

		const result = await runHero(
			standin,
			{ resource: 'message', operation: 'get', messageId: '={{ $json.message_id }}' },
			{ items: sent.items.map((item) => ({ json: item.json })) },
		);

		expect(result.error).toBeUndefined();
		const ids = sent.items.map((item) => item.json.message_id);
		expect(standin.log.map((entry) => [entry.method, entry.path, entry.valid])).toEqual(
			ids.map((id) => ['GET', `/v1/messages/${String(id)}`, true]),
		);
		expect(result.items.map((item) => [item.json.id, item.json.patient_id, item.json.status, item.pairedItem])).toEqual([
			[ids[0], '1001', 'delivered', { item: 0 }],
			[ids[1], '1006', 'delivered', { item: 1 }],
		]);
	});

	it('outputs the delivery status, times and write-to-record outcome (Simplify), or Hero’s whole answer', async () => {
		const sendAt = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
		const send = async (patientId: string, options: INodeParameters) => {
			const sent = await runHero(
				standin,
				messageSendParameters(patientId, 'sms', 'Hi', {
					options,
				}),
			);
			expect(sent.error).toBeUndefined();
			return String(sent.items[0].json.message_id);
		};
		const written = await send('1001', { writeToRecord: true, snomedCode: '185316007' });
		const scheduled = await send('1003', { sendAt });

		const simple = await runHero(
			standin,
			{ resource: 'message', operation: 'get', messageId: '={{ $json.id }}' },
			{ items: items([{ id: written }, { id: scheduled }]) },
		);
		expect(simple.items.map((item) => item.json)).toEqual([
			{
				id: written,
				status: 'delivered',
				created_at: expect.any(String),
				scheduled_at: null,
				sent_at: expect.any(String),
				patient_id: '1001',
				write_to_record_status: 'awaiting_approval',
				write_to_record_failure_reason: null,
				written_to_record_at: null,
			},
			expect.objectContaining({
				id: scheduled,
				status: 'scheduled',
				scheduled_at: sendAt,
				sent_at: null,
				write_to_record_status: null,
			}),
		]);

		const full = await runHero(standin, { resource: 'message', operation: 'get', messageId: written, simplify: false });
		expect(full.items[0].json).toMatchObject({
			id: written,
			patient: { id: '1001', first_name: expect.any(String) },
			write_to_record: { status: 'awaiting_approval', snomed_code: '185316007' },
			message_type: 'sms',
		});
	});

	it('refuses an empty message ID without a request, and reports an unknown one as not found', async () => {
		const empty = await runHero(standin, { resource: 'message', operation: 'get', messageId: ' ' });
		expect(empty.error?.message).toContain('Invalid Message ID [item 0]');
		const letters = await runHero(standin, { resource: 'message', operation: 'get', messageId: 'msg-70001' });
		expect(letters.error?.message).toContain('Invalid Message ID [item 0]: "msg-70001" is not a numeric ID');
		expect(standin.log).toHaveLength(0);

		const unknown = await runHero(standin, { resource: 'message', operation: 'get', messageId: '424242' });
		expect(unknown.error?.message).toContain('message 424242');
	});
});

describe('utcDateTime', () => {
	it('reads a time without an offset in the given zone, across summer and winter time', () => {
		expect(utcDateTime('2030-07-01T09:30:00', 'Europe/London')).toBe('2030-07-01T08:30:00.000Z');
		expect(utcDateTime('2030-01-15T09:30', 'Europe/London')).toBe('2030-01-15T09:30:00.000Z');
		expect(utcDateTime('2030-03-31T02:30:00', 'Europe/London')).toBe('2030-03-31T01:30:00.000Z');
		expect(utcDateTime('2030-07-01T09:30:00+02:00', 'Europe/London')).toBe('2030-07-01T07:30:00.000Z');
	});
});

describe('operation texts', () => {
	it('give every Message, Batch Message and Patient operation an action and a description that stand on their own', () => {
		const nouns: Record<string, RegExp> = { message: /message/i, batchMessage: /batch message/i, patient: /patient/i };
		const selectors = new HeroHealth().description.properties.filter(
			(p) => p.name === 'operation' && String(p.displayOptions?.show?.resource?.[0]) in nouns,
		);
		expect(selectors).toHaveLength(3);
		for (const selector of selectors) {
			const noun = nouns[String(selector.displayOptions?.show?.resource?.[0])];
			for (const option of selector.options as Array<{ name: string; action?: string; description?: string }>) {
				expect(option.action).toMatch(/^[A-Z][a-z]+ /);
				expect(`${option.action} ${option.description}`).toMatch(noun);
				expect(option.description?.split(' ').length).toBeGreaterThanOrEqual(8);
			}
		}
	});
});
