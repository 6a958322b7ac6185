import type { Standin } from '../../standin';
import { client, londonDate, reservationBody, setUpStandin } from './helpers';
import type { Call, Page, SlotAnswer } from './helpers';

/**
 * Walks every operation of the contract (47 paths, 52 operations) with a valid request and checks
 * the answer is 2xx and matches the contract's response schema, as the stand-in's own log records it.
 */
describe('stand-in: every contract operation answers a valid request', () => {
	let s: Standin;
	let api: Call;
	const answered = new Map<string, number>();

	setUpStandin((started) => (s = started), { rateLimitPerMinute: 0 });
	beforeAll(() => (api = client(s)));

	/** The answer's body, of the shape the walk reads next. */
	async function call<T = unknown>(operationId: string, method: string, path: string, body?: unknown): Promise<T> {
		const res = await api<T>(method, path, body);
		const entry = s.log[s.log.length - 1];
		expect({ operationId, status: res.status, body: res.status >= 300 ? res.body : undefined }).toEqual({
			operationId,
			status: 200,
			body: undefined,
		});
		expect({ operationId: entry.operationId, valid: entry.valid, errors: entry.validationErrors }).toEqual({
			operationId,
			valid: true,
			errors: [],
		});
		expect({ operationId, issues: s.contract.validateResponse(operationId, res.status, res.body) }).toEqual({
			operationId,
			issues: [],
		});
		expect({ operationId, logged: entry.responseErrors }).toEqual({ operationId, logged: [] });
		answered.set(operationId, res.status);
		return res.body;
	}

	it('walks all operations', async () => {
		// practice group
		await call('getPracticeGroupById', 'GET', '/v1/me');
		await call('updatePracticeGroup', 'PATCH', '/v1/me', { name: 'Renamed Health Centre (synthetic)' });
		await call('getCapabilities', 'GET', '/v1/me/capabilities');
		await call('getConfiguration', 'GET', '/v1/me/configuration');
		await call('listPracticeGroupElements', 'GET', '/v1/me/elements');
		const { access_token } = await call<{ access_token: string }>('createAccessToken', 'POST', '/v1/access_token');
		const [, payload] = access_token.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number; iat: number };
		expect(claims.exp - claims.iat).toBe(1800);
		await call('listAdmins', 'GET', '/v1/admins?page_index=0&page_size=10&order_by=first_name&order_descending=true');
		await call('listLocations', 'GET', '/v1/locations?appointment_type_ids=1&appointment_type_ids=3&has_availability=true');
		const practitioners = await call<Page<{ id: string }>>(
			'listPractitioners',
			'GET',
			'/v1/practitioners?location_ids=1&appointment_type_ids=1&has_availability=true&page_index=0&page_size=10',
		);
		await call('getPractitioner', 'GET', `/v1/practitioners/${practitioners.data[0].id}`);
		await call('listAppointmentTypes', 'GET', '/v1/appointment_types?location_ids=1&has_availability=true');

		// booking
		const q = `appointment_type_id=1&location_id=1&start_date=${londonDate(3)}&end_date=${londonDate(10)}`;
		const slots = (await call<Page<SlotAnswer>>('listSlots', 'GET', `/v1/slots?${q}&page_index=0&page_size=5`)).data;
		await call('countSlots', 'GET', `/v1/slots/count?${q}`);
		await call('getSlot', 'GET', `/v1/slots/${slots[0].id}`);
		const appt = await call<{ id: string }>('createAppointment', 'POST', '/v1/appointments', reservationBody(slots[0], '1001'));
		await call('getAppointment', 'GET', `/v1/appointments/${appt.id}`);
		await call('editAppointment', 'PUT', `/v1/appointments/${appt.id}`, {
			start_time: slots[1].start_time,
			duration: 15,
			practitioner_id: slots[1].practitioner_id,
		});
		await call('getAppointmentStatus', 'GET', `/v1/appointments/${appt.id}/status`);
		await call('bookAppointment', 'PATCH', `/v1/appointments/${appt.id}/book`, {});
		await call('rescheduleAppointment', 'PATCH', `/v1/appointments/${appt.id}/reschedule`, {
			start_time: slots[2].start_time,
			practitioner_id: slots[2].practitioner_id,
		});
		await call('cancelAppointment', 'PATCH', `/v1/appointments/${appt.id}/cancel`, {
			suppress_mail: true,
			suppress_cancellation_policy: true,
		});

		// links
		const link = await call<{ id: string; short_link: string }>('createBookingLink', 'POST', '/v1/booking_links', {
			appointment_type_id: '1',
			location_id: '1',
			patient_id: '1001',
			practitioner_id: '11',
			from_date: londonDate(1),
			to_date: londonDate(14),
			expiry_date: londonDate(20),
			maximum_use_count: 1,
		});
		await call('getBookingLink', 'GET', `/v1/booking_links/${link.id}`);
		await call('updateBookingLink', 'PATCH', `/v1/booking_links/${link.id}`, { location_id: '2', to_date: londonDate(21) });
		await call('listBookingLinks', 'GET', '/v2/bookinglinks?page_index=0&page_size=10');
		const formLink = await call<{ id: string }>('createFormLink', 'POST', '/v1/form_links', {
			form_id: '7',
			patient_id: '1001',
			expiry_date: londonDate(7),
			maximum_use_count: 1,
		});
		// the patient submits it on Hero's form page (not an API call)
		const submitted = s.submitForm(formLink.id);
		await call('getFormResponse', 'GET', `/v1/form_response/${submitted.id}`);
		const attachments = await call<Page<{ ehr_file_id: string }>>(
			'listPatientAttachments',
			'GET',
			'/v1/patients/1002/attachments',
		);
		await call('createAttachmentLink', 'POST', '/v1/attachment_links', {
			patient_id: '1002',
			ehr_file_id: attachments.data[0].ehr_file_id,
			expiry_date: londonDate(7),
			maximum_use_count: 1,
		});
		await call('createVideoLink', 'POST', '/v1/video_links', { patient_id: '1001' });
		await call('getLinkStatus', 'GET', `/v1/links/status?url=${encodeURIComponent(link.short_link)}`);

		// messages
		const sent = await call<{ message_id: string }>('sendMessage', 'POST', '/v1/messages/send', {
			patient_id: '1001',
			message_type: 'sms',
			message_string: 'Sample text message',
			write_to_record: true,
			snomed_code: '123456789',
		});
		await call('getMessage', 'GET', `/v1/messages/${sent.message_id}`);
		await call(
			'listAutomatedMessages',
			'GET',
			'/v2/automated_messages?page_index=0&page_size=10&orderBy=createdAt&order_descending=true',
		);
		const nhs = s.state.patients.slice(0, 3).map((p) => ({ nhs_number: p.nhs_number as string, dob: p.dob as string }));
		const batch = await call<{ id: string }>('createBatchMessage', 'POST', '/v1/batch_message', {
			name: 'Flu clinic',
			channel: 'SMS',
			content: 'Flu jabs are open',
			recipients: nhs,
		});
		for (const shape of ['array', 'object', 'list'] as const) {
			s.setConfig({ batchListShape: shape });
			await call('listBatchMessages', 'GET', '/v1/batch_message?page_index=0&page_size=10&status=CREATED');
		}
		await call('getBatchMessage', 'GET', `/v1/batch_message/${batch.id}`);
		await call('sendBatchMessage', 'PATCH', `/v1/batch_message/${batch.id}/send`);
		await call('listBatchMessageSends', 'GET', `/v1/batch_message/${batch.id}/recipients?page_index=0&page_size=10`);
		await call('listSentMessages', 'GET', `/v1/batch_message/${batch.id}/messages?status=QUEUED`);

		// patients
		await call('registerPatientPds', 'POST', '/v1/patients/register_pds', {
			nhs_number: '999 000 0018',
			dob: s.state.patients[1].dob,
		});
		const reg = await call<{ patient_id: string }>('registerPatient', 'POST', '/v1/patients/register', {
			dob: '1975-06-30',
			first_name: 'Test',
			last_name: 'Patient',
			mobile: '07700 900555',
			email: 'test.patient@example.com',
			sex: 'Other',
			title: 'Mx',
		});
		await call('listPatients', 'GET', '/v1/patients?field=emis_id&search=EHR-50001');
		await call('listPatientsV2', 'GET', '/v2/patients?field=ehr_partner_id&search=EHR-50001');
		await call('listPatientsV3', 'GET', '/v3/patients?last_name=Patient&dob=1975-06-30');
		await call('getPatientById', 'GET', `/v1/patients/${reg.patient_id}`);
		const candidates = await call<Page<{ ehr_partner_id: string }>>(
			'listPatientEhrCandidates',
			'GET',
			`/v1/patients/${s.fixtures.unlinkedEhrPatient}/ehr/candidates`,
		);
		await call('connectPatientEhr', 'POST', `/v1/patients/${s.fixtures.unlinkedEhrPatient}/ehr/connect`, {
			ehr_partner_id: candidates.data[0].ehr_partner_id,
		});
		const preview = await call<{ merge_token: string }>('previewPatientMerge', 'POST', '/v1/patients/1002/merge/preview', {
			patient_id: '1030',
		});
		await call('mergePatient', 'POST', '/v1/patients/1002/merge', { merge_token: preview.merge_token, patient_id: '1030' });

		// webhooks
		const hook = await call<{ id: string }>('createWebhook', 'POST', '/v1/webhooks', {
			event_type: 'appointment.confirmed',
			url: 'http://127.0.0.1:9/hook',
			signing_key: 'k',
			description: 'walk',
		});
		await call('listWebhooks', 'GET', '/v1/webhooks?event_type=appointment.confirmed');
		await call('deleteWebhook', 'DELETE', `/v1/webhooks/${hook.id}`);

		const contractOps = s.contract.operations.map((o) => o.operationId).sort();
		expect(contractOps).toHaveLength(53);
		expect(s.contract.paths).toHaveLength(48);
		expect([...answered.keys()].sort()).toEqual(contractOps);
	});
});
