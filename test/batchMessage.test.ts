import type { INodeParameters } from 'n8n-workflow';

import type { Standin } from './helpers';
import { items, answeredRequestsTo, runHero, sentBody, setUpTestStandin } from './helpers';
import { expectContractKept } from './bookingHelpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

/** Seeded patients without channel restrictions, written as people type NHS numbers: "943 476 5919". */
function people(count: number) {
	return standin.state.patients
		.filter((patient) => patient.nhs_number && !patient.restrictions.length)
		.slice(0, count)
		.map((patient) => ({
			nhs: String(patient.nhs_number).replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'),
			digits: String(patient.nhs_number),
			dob: String(patient.dob),
			id: String(patient.id),
		}));
}

const creates = () => answeredRequestsTo(standin, 'POST', '/v1/batch_message');

const fromItems = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'batchMessage',
	operation: 'create',
	name: 'Flu clinic',
	channel: 'sms',
	message: 'Book your flu jab',
	recipientSource: 'inputItems',
	nhsNumber: '={{ $json.nhs }}',
	dateOfBirth: '={{ $json.dob }}',
	...extra,
});

async function createBatch(count: number): Promise<string> {
	const result = await runHero(standin, fromItems(), { items: items(people(count)) });
	expect(result.error).toBeUndefined();
	return String(result.items[0].json.id);
}

describe('Batch Message: Create', () => {
	it('creates one batch from a fixed list, with NHS numbers sent as 10 digits', async () => {
		const [a, b] = people(2);
		const result = await runHero(standin, {
			resource: 'batchMessage',
			operation: 'create',
			name: 'Asthma review',
			channel: 'email',
			subject: 'Your asthma review',
			message: 'Please book your annual asthma review.',
			recipientSource: 'list',
			recipientList: {
				recipient: [
					{ nhsNumber: a.nhs, dateOfBirth: a.dob },
					{ nhsNumber: b.nhs, dateOfBirth: b.dob },
				],
			},
		});

		expect(sentBody(result, creates())).toEqual({
			name: 'Asthma review',
			channel: 'EMAIL',
			subject: 'Your asthma review',
			content: 'Please book your annual asthma review.',
			recipients: [
				{ nhs_number: a.digits, dob: a.dob },
				{ nhs_number: b.digits, dob: b.dob },
			],
		});
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ id: standin.state.batchMessages[0].id, status: 'CREATED' }), pairedItem: { item: 0 } },
		]);
	});

	it('refuses an email batch without a subject, and a fixed list with a bad row, naming the row', async () => {
		const [a] = people(1);
		// An expression that comes out empty: n8n itself refuses a literal empty required field.
		const noSubject = await runHero(standin, fromItems({ channel: 'email', subject: '={{ $json.subject }}' }), {
			items: items([a]),
		});
		expect(noSubject.error?.message).toContain('Invalid Subject');

		const badRow = await runHero(standin, {
			resource: 'batchMessage',
			operation: 'create',
			name: 'x',
			channel: 'nhs_app',
			message: 'y',
			recipientSource: 'list',
			recipientList: {
				recipient: [
					{ nhsNumber: a.nhs, dateOfBirth: a.dob },
					{ nhsNumber: '943 476 5918', dateOfBirth: a.dob },
				],
			},
		});
		expect(badRow.error?.message).toContain('Invalid Recipient 2 NHS Number [item 0]');
		expect(badRow.error?.message).toContain('check digit');
		expect(standin.log).toHaveLength(0);
	});

	it('puts all input items into one batch with one request, paired to every item', async () => {
		const recipients = people(5);
		const result = await runHero(standin, fromItems(), { items: items(recipients) });

		expect(sentBody(result, creates())).toMatchObject({
			name: 'Flu clinic',
			channel: 'SMS',
			content: 'Book your flu jab',
			recipients: recipients.map((r) => ({ nhs_number: r.digits, dob: r.dob })),
		});
		expect(creates()).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(result.items[0].json).toMatchObject({ recipient_count: 5, status: 'CREATED' });
	});

	it('leaves a bad item out of the one batch under Continue on Fail, and stops without a request otherwise', async () => {
		const recipients = people(4);
		const input = items([
			recipients[0],
			{ ...recipients[1], nhs: '943 476 5918' },
			recipients[2],
			{ ...recipients[3], dob: '2999-01-01' },
		]);

		const stopped = await runHero(standin, fromItems(), { items: input });
		expect(stopped.error?.message).toContain('Invalid NHS Number [item 1]');
		expect(standin.log).toHaveLength(0);

		const result = await runHero(standin, fromItems(), { items: input, continueOnFail: true });
		expect(creates()).toHaveLength(1);
		expect((creates()[0].body as { recipients: unknown[] }).recipients).toEqual([
			{ nhs_number: recipients[0].digits, dob: recipients[0].dob },
			{ nhs_number: recipients[2].digits, dob: recipients[2].dob },
		]);
		expect(result.items.map((item) => [item.json.error ? 'error' : 'batch', item.pairedItem])).toEqual([
			['error', { item: 1 }],
			['error', { item: 3 }],
			['batch', [{ item: 0 }, { item: 2 }]],
		]);
		expect(result.items[1].json.error).toContain('Invalid Date of Birth [item 3]');
		expect(result.items[1].json.error).toContain('in the future');
	});

	it('creates one batch per item when One Batch for All Items is off', async () => {
		const recipients = people(3);
		const result = await runHero(standin, fromItems({ oneBatch: false, name: '=Recall {{ $json.id }}' }), {
			items: items(recipients),
		});

		expect(result.error).toBeUndefined();
		expect(creates().map((entry) => entry.body)).toEqual(
			recipients.map((r) =>
				expect.objectContaining({ name: `Recall ${r.id}`, recipients: [{ nhs_number: r.digits, dob: r.dob }] }),
			),
		);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Batch Message: Send, Get, Get Recipients, Get Messages', () => {
	it('sends a batch once, and a second send fails clearly', async () => {
		const id = await createBatch(3);
		standin.clearLog();

		const sent = await runHero(standin, { resource: 'batchMessage', operation: 'send', batchMessageId: id });
		expect(sent.error).toBeUndefined();
		expect(standin.log.map((entry) => [entry.method, entry.path, entry.body, entry.valid])).toEqual([
			['PATCH', `/v1/batch_message/${id}/send`, null, true],
		]);
		expect(sent.items).toEqual([{ json: expect.objectContaining({ id, status: 'COMPLETED' }), pairedItem: { item: 0 } }]);

		const again = await runHero(standin, { resource: 'batchMessage', operation: 'send', batchMessageId: id });
		expect(again.error?.message).toContain('409');
		expect(again.error?.description).toContain('already sent');
	});

	it('gets a batch by ID, and says which batch is missing', async () => {
		const id = await createBatch(1);
		standin.clearLog();
		const result = await runHero(standin, { resource: 'batchMessage', operation: 'get', batchMessageId: id });
		expect(answeredRequestsTo(standin, 'GET', `/v1/batch_message/${id}`)).toHaveLength(1);
		expect(result.items).toEqual([{ json: expect.objectContaining({ id, name: 'Flu clinic' }), pairedItem: { item: 0 } }]);

		const missing = await runHero(standin, { resource: 'batchMessage', operation: 'get', batchMessageId: '9999' });
		expect(missing.error?.message).toContain('batch message 9999');
	});

	it('lists batches with Limit, Return All and the status filter', async () => {
		for (let n = 0; n < 3; n++) await createBatch(1);
		standin.clearLog();

		const limited = await runHero(standin, { resource: 'batchMessage', operation: 'getAll', returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);
		expect(standin.log.map((entry) => [entry.path, entry.query, entry.valid])).toEqual([
			['/v1/batch_message', { page_index: '0', page_size: '2' }, true],
		]);

		const all = await runHero(standin, { resource: 'batchMessage', operation: 'getAll', returnAll: true });
		expect(all.items.map((item) => item.json.id)).toEqual(standin.state.batchMessages.map((batch) => batch.id));

		standin.clearLog();
		await runHero(standin, {
			resource: 'batchMessage',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'QUEUED' },
		});
		expect(standin.log[0].query).toMatchObject({ status: 'QUEUED' });
		expect(standin.log[0].valid).toBe(true);
	});

	it('takes each answer shape Hero’s list may have ({data, count}, a bare list, one batch) and fails clearly on anything else', async () => {
		for (let n = 0; n < 3; n++) await createBatch(1);
		const ids = standin.state.batchMessages.map((batch) => batch.id);
		const getMany = { resource: 'batchMessage', operation: 'getAll', returnAll: true };

		for (const [shape, expected] of [
			['list', ids],
			['array', ids],
			['object', [ids[0]]],
		] as const) {
			standin.setConfig({ batchListShape: shape });
			standin.clearLog();
			const result = await runHero(standin, getMany);
			expect({ shape, error: result.error?.message, ids: result.items.map((item) => item.json.id) }).toEqual({
				shape,
				error: undefined,
				ids: expected,
			});
			expectContractKept(standin);
		}

		standin.failNext({ path: '/v1/batch_message', method: 'GET', status: 200, body: { batches: ids } });
		const odd = await runHero(standin, getMany);
		expect(odd.items).toEqual([]);
		expect(odd.error?.message).toContain('Hero Health answered GET /v1/batch_message with something other than a list');
		expect(odd.error?.description).toContain('an object with batches');

		standin.failNext({ path: '/v1/batch_message', method: 'GET', status: 200, body: null });
		const nothing = await runHero(standin, getMany);
		expect(nothing.items).toEqual([]);
		expect(nothing.error?.description).toContain('but got nothing.');
	});

	it('lists the recipients with their PDS status, and the messages a sent batch produced', async () => {
		const [known] = people(1);
		const unknown = { nhs: standin.fixtures.unknownNhs, dob: '1980-01-01' };
		const created = await runHero(standin, fromItems(), { items: items([known, unknown]) });
		const id = String(created.items[0].json.id);

		const failed = await runHero(standin, {
			resource: 'batchMessage',
			operation: 'getRecipients',
			batchMessageId: id,
			returnAll: true,
			filters: { status: 'ENRICHMENT_ERROR' },
		});
		expect(failed.items.map((item) => item.json.nhs_number)).toEqual([unknown.nhs]);
		expect(answeredRequestsTo(standin, 'GET', `/v1/batch_message/${id}/recipients`)[0].query).toMatchObject({
			status: 'ENRICHMENT_ERROR',
		});

		await runHero(standin, { resource: 'batchMessage', operation: 'send', batchMessageId: id });
		const messages = await runHero(standin, {
			resource: 'batchMessage',
			operation: 'getMessages',
			batchMessageId: id,
			returnAll: false,
			limit: 10,
		});
		expect(messages.error).toBeUndefined();
		expect(messages.items.map((item) => [item.json.patient_id, item.pairedItem])).toEqual([[known.id, { item: 0 }]]);
		// The sends have their own status list (QUEUED, SENT, ERROR, SUCCESS), not the recipients' one.
		const withStatus = (status: string) =>
			runHero(standin, {
				resource: 'batchMessage',
				operation: 'getMessages',
				batchMessageId: id,
				returnAll: true,
				filters: { status },
			});
		expect((await withStatus('QUEUED')).items.map((item) => item.json.patient_id)).toEqual([known.id]);
		expect((await withStatus('SENT')).items).toEqual([]);
		expect(
			answeredRequestsTo(standin, 'GET', `/v1/batch_message/${id}/messages`).map((entry) => [entry.query.status, entry.valid]),
		).toEqual([
			[undefined, true],
			['QUEUED', true],
			['SENT', true],
		]);
	});
});
