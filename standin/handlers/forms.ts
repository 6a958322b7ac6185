// Form responses: what a patient submits through a form link (GET /v1/form_response/{id}), and the submission
// itself, which happens on Hero's form page rather than through the API (a control route here).

import type { Emit, FormResponse, HandlerContext, StandinState } from '../model';
import { apiError, iso, notFound } from '../util';

// Hero's practice groups have a numeric ID besides the public one the API takes in headers.
const PRACTICE_GROUP_NUMBER = 1;

const numberOrNull = (value: string | null | undefined) => (value ? Number(value) : null);

export function getFormResponse({ state, params }: HandlerContext) {
	const response = state.formResponses.find((r) => String(r.id) === params.id);
	if (!response) throw notFound('Form response', params.id);
	return response;
}

/** The patient submits the form behind form link `linkId` (as on Hero's form page): form-submission.created. */
export function submitFormLink(state: StandinState, linkId: string, now: number, emit: Emit): FormResponse {
	const link = state.links.find((l) => l.id === linkId && l.type === 'form');
	if (!link) throw notFound('Form link', linkId);
	if (!link.active || Date.parse(link.expiry_date) < now) throw apiError(410, 'link_expired', `Form link ${linkId} has expired`);
	if (link.number_of_uses >= (link.maximum_uses ?? 1))
		throw apiError(409, 'link_used', `Form link ${linkId} has been used ${link.number_of_uses} times, its maximum`);
	if (!/^\d+$/.test(link.form_id ?? ''))
		throw apiError(400, 'bad_request', `Form ${link.form_id} is not a Hero form ID (a number), so it cannot be submitted`);
	link.number_of_uses += 1;
	const response: FormResponse = {
		id: state.nextId.formResponse++,
		form_id: Number(link.form_id),
		client_id: numberOrNull(link.patient_id),
		appointment_id: null,
		invoice_id: null,
		practice_group_id: PRACTICE_GROUP_NUMBER,
		created_at: iso(now),
		updated_at: iso(now),
		hidden: false,
		emis_file_record_at: null,
		short_link_id: Number(link.id),
		admin_id: null,
		write_to_record_error: null,
	};
	state.formResponses.push(response);
	emit('form-submission.created', String(response.id));
	return response;
}
