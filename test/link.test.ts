import type { RunHeroOptions, Standin } from './helpers';
import { byId, items, runHero, setUpTestStandin } from './helpers';
import { answeredRequestsKeptContract, nextSummerDay, pairing } from './bookingHelpers';
import { londonDate } from './standin/helpers';

let standin: Standin;
setUpTestStandin((started) => (standin = started));

function createBookingLink(extra: Record<string, unknown> = {}, options?: RunHeroOptions) {
	return runHero(
		standin,
		{ resource: 'link', operation: 'createBookingLink', appointmentTypeId: byId('3'), locationId: byId('1'), ...extra },
		options,
	);
}

/** A booking link that exists before the test, with the stand-in log cleared so the test sees only its own requests. */
async function existingBookingLink(extra: Record<string, unknown> = {}) {
	const created = (await createBookingLink(extra)).items[0].json;
	standin.clearLog();
	return created;
}

describe('Link > Create Booking Link', () => {
	it('creates a patient invite with every option, sent as the contract names them', async () => {
		const result = await createBookingLink({
			patientId: byId('1004'),
			options: {
				practitionerId: byId('14'),
				fromDate: londonDate(1),
				toDate: `${londonDate(10)}T00:00:00`,
				expiryDate: londonDate(7),
				maximumUses: 1,
			},
		});
		expect(result.error).toBeUndefined();
		const [request] = answeredRequestsKeptContract(standin);
		expect(request).toMatchObject({ method: 'POST', path: '/v1/booking_links' });
		expect(request.body).toEqual({
			appointment_type_id: '3',
			location_id: '1',
			patient_id: '1004',
			practitioner_id: '14',
			from_date: londonDate(1),
			to_date: londonDate(10),
			expiry_date: londonDate(7),
			maximum_use_count: 1,
		});
		expect(result.items[0].json).toMatchObject({
			short_link: expect.stringMatching(/\/s\/[0-9a-f]+$/),
			maximum_uses: 1,
			unlimited_use: false,
			meta: { patient_id: '1004', practitioner_id: ['14'] },
		});
	});

	it('creates a generic link when no patient is given', async () => {
		const result = await createBookingLink();
		expect(result.error).toBeUndefined();
		expect(answeredRequestsKeptContract(standin)[0].body).toEqual({ appointment_type_id: '3', location_id: '1' });
		expect(result.items[0].json).toMatchObject({ unlimited_use: true, meta: { patient_id: null } });
	});

	it('refuses a backwards date window or a zero use cap before sending, per item under Continue on Fail', async () => {
		const result = await createBookingLink(
			{ options: { fromDate: '={{ $json.from }}', toDate: londonDate(5), maximumUses: '={{ $json.uses }}' } },
			{
				items: items([
					{ from: londonDate(9), uses: 1 },
					{ from: londonDate(1), uses: 0 },
					{ from: londonDate(1), uses: 2 },
				]),
				continueOnFail: true,
			},
		);
		expect(pairing(result.items)).toEqual([0, 1, 2]);
		expect(result.items[0].json.error).toMatch(/^Invalid To Date \[item 0\]: .* is before From Date/);
		expect(result.items[1].json.error).toMatch(/^Invalid Maximum Uses \[item 1\]: "0" is not a whole number of at least 1/);
		expect(result.items[2].json).toMatchObject({ maximum_uses: 2 });
		expect(answeredRequestsKeptContract(standin)).toHaveLength(1);
	});

	it("takes a date given as a Date (from an expression) on London's calendar, and refuses an invalid one", async () => {
		// 00:30 in London on a summer day ahead: UTC is still on the day before
		const summer = nextSummerDay();
		const result = await createBookingLink({ options: { expiryDate: `={{ new Date("${summer}T00:30:00+01:00") }}` } });
		expect(result.error).toBeUndefined();
		expect(answeredRequestsKeptContract(standin)[0].body).toMatchObject({ expiry_date: summer });

		standin.clearLog();
		const invalid = await createBookingLink({ options: { expiryDate: '={{ new Date("nonsense") }}' } });
		expect(invalid.error?.message).toMatch(
			/^Invalid Expiry Date \[item 0\]: "Invalid Date" is not a date in the form YYYY-MM-DD/,
		);
		expect(standin.log).toHaveLength(0);
	});
});

describe('Link > Get, Update, Get Many', () => {
	it('gets a booking link by ID; an unknown ID is a 404 error item', async () => {
		const created = await existingBookingLink({ patientId: byId('1001') });
		const result = await runHero(
			standin,
			{ resource: 'link', operation: 'get', linkId: '={{ $json.id }}' },
			{ items: items([{ id: created.id }, { id: '9999' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1]);
		expect(result.items[0].json).toEqual(created);
		expect(result.items[1].json.error).toMatch(/Not found: Hero Health has no booking link 9999 \(404\)/);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.path)).toEqual([
			`/v1/booking_links/${String(created.id)}`,
			'/v1/booking_links/9999',
		]);
	});

	it('updates only the fields given, and refuses an update with nothing in it', async () => {
		const created = await existingBookingLink();
		const result = await runHero(standin, {
			resource: 'link',
			operation: 'update',
			linkId: String(created.id),
			updateFields: { locationId: byId('2'), practitionerId: byId('15'), toDate: londonDate(20) },
		});
		expect(result.error).toBeUndefined();
		const [request] = answeredRequestsKeptContract(standin);
		expect(request).toMatchObject({ method: 'PATCH', path: `/v1/booking_links/${String(created.id)}` });
		expect(request.body).toEqual({ location_id: '2', practitioner_id: '15', to_date: londonDate(20) });
		expect(result.items[0].json).toMatchObject({
			meta: { appointment_type_id: ['3'], location_id: ['2'], practitioner_id: ['15'] },
		});

		const empty = await runHero(standin, { resource: 'link', operation: 'update', linkId: String(created.id) });
		expect(empty.error?.message).toMatch(/^Invalid Update Fields \[item 0\]: nothing to change/);
	});

	it('lists booking links from the v2 list, paging with Return All and honouring Limit', async () => {
		for (let n = 0; n < 130; n++) {
			standin.state.links.push({
				id: String(5000 + n),
				type: 'booking',
				code: `c${n}`,
				short_link: `${standin.url}/s/c${n}`,
				practice_group_id: standin.keys.full.practiceGroupId,
				active: true,
				expiry_date: '2030-01-01T00:00:00Z',
				maximum_uses: 0,
				number_of_uses: 0,
				open_count: 0,
				unlimited_use: true,
				meta: { appointment_type_id: ['1'], location_id: ['1'], practitioner_id: [] },
			});
		}
		const all = await runHero(standin, { resource: 'link', operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items.map((item) => item.json.id)).toEqual(standin.state.links.map((link) => link.id));
		expect(answeredRequestsKeptContract(standin).map((entry) => `${entry.path} ${String(entry.query.page_index)}`)).toEqual([
			'/v2/bookinglinks 0',
			'/v2/bookinglinks 1',
		]);

		const limited = await runHero(standin, { resource: 'link', operation: 'getAll', limit: 4 }, { items: items(2) });
		expect(pairing(limited.items)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
	});
});

describe('Link > Get Status', () => {
	it('finds a link by URL or by ID and refuses a URL that is not a web address', async () => {
		const created = await existingBookingLink({ patientId: byId('1001') });
		const result = await runHero(
			standin,
			{
				resource: 'link',
				operation: 'getStatus',
				lookupBy: '={{ $json.by }}',
				url: '={{ $json.url }}',
				linkId: '={{ $json.id }}',
			},
			{
				items: items([
					{ by: 'url', url: created.short_link },
					{ by: 'id', id: created.id },
					{ by: 'url', url: 'bookings/s/abc' },
				]),
				continueOnFail: true,
			},
		);
		expect(pairing(result.items)).toEqual([0, 1, 2]);
		for (const item of result.items.slice(0, 2)) {
			expect(item.json).toMatchObject({ status: 'unused', type: 'booking' });
			expect(item.json.reference).toEqual(expect.arrayContaining([{ type: 'patient', id: '1001' }]));
		}
		expect(result.items[2].json.error).toMatch(/^Invalid Link URL \[item 2\]/);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.query)).toEqual([
			{ url: created.short_link },
			{ id: created.id },
		]);
	});
});

describe('Link > Create Form Link, Create Attachment Link, Create Video Link', () => {
	it('creates a form link for a patient with a use cap and expiry', async () => {
		const result = await runHero(
			standin,
			{
				resource: 'link',
				operation: 'createFormLink',
				formId: '12',
				patientId: byId('={{ $json.patient }}'),
				options: { expiryDate: londonDate(3), maximumUses: 2 },
			},
			{ items: items([{ patient: '1001' }, { patient: '' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1]);
		expect(result.items[0].json).toMatchObject({ form_id: '12', patient_id: '1001', form_link: expect.any(String) });
		expect(result.items[1].json.error).toMatch(/^Invalid Patient \[item 1\]: it is empty/);
		expect(answeredRequestsKeptContract(standin).map((entry) => entry.body)).toEqual([
			{ form_id: '12', patient_id: '1001', expiry_date: londonDate(3), maximum_use_count: 2 },
		]);
	});

	it('creates an attachment link from a file in the patient record or from binary input', async () => {
		const file = standin.state.attachments[0];
		const fromRecord = await runHero(standin, {
			resource: 'link',
			operation: 'createAttachmentLink',
			patientId: byId(String(file.patient_id)),
			fileSource: 'ehrFile',
			ehrFileId: String(file.ehr_file_id),
		});
		expect(fromRecord.error).toBeUndefined();
		expect(fromRecord.items[0].json).toMatchObject({ attachment_link: expect.any(String), attachment_uuid: expect.any(String) });

		const pdf = Buffer.from('%PDF-1.4 synthetic test letter');
		const uploaded = await runHero(
			standin,
			{
				resource: 'link',
				operation: 'createAttachmentLink',
				patientId: byId('1001'),
				fileSource: 'binary',
				binaryPropertyName: 'data',
			},
			{
				items: [
					{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'letter.pdf' } } },
					{ json: {} },
				],
				continueOnFail: true,
			},
		);
		expect(pairing(uploaded.items)).toEqual([0, 1]);
		expect(uploaded.items[0].json.attachment_link).toEqual(expect.any(String));
		expect(uploaded.items[1].json.error).toMatch(/binary/i);

		expect(answeredRequestsKeptContract(standin).map((entry) => entry.body)).toEqual([
			{ patient_id: String(file.patient_id), ehr_file_id: String(file.ehr_file_id) },
			{ patient_id: '1001', file_data: pdf.toString('base64'), file_name: 'letter.pdf' },
		]);
	});

	it('creates a video link for a patient and appointment', async () => {
		const appointment = standin.state.appointments[0];
		const result = await runHero(
			standin,
			{
				resource: 'link',
				operation: 'createVideoLink',
				patientId: byId(String(appointment.patient_id)),
				appointmentId: '={{ $json.id }}',
			},
			{ items: items([{ id: appointment.id }, { id: '4242' }]), continueOnFail: true },
		);
		expect(pairing(result.items)).toEqual([0, 1]);
		expect(result.items[0].json).toMatchObject({ video_link: expect.any(String), appointment_id: appointment.id });
		expect(result.items[1].json).toMatchObject({ httpCode: '404' });
		expect(answeredRequestsKeptContract(standin)[0].body).toEqual({
			patient_id: appointment.patient_id,
			appointment_id: appointment.id,
		});
	});
});
