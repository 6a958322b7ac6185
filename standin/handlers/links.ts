// Links: booking links (v1 create/get/update, v2 list), form, attachment and video links, link status.
// All link kinds share one store (state.links) so GET /v1/links/status can find any of them.

import { londonWallTime } from '../../nodes/HeroHealth/helpers/londonTime';
import type { BookingLinkMeta, HandlerContext, Link, LinkType, StandinState } from '../model';
import { iso, apiError, notFound, requireById, validationError, issue, paginate, type Query } from '../util';

const DEFAULT_EXPIRY_DAYS = 30;

type BookingLink = Link & { meta: BookingLinkMeta };

interface BookingRefs {
	appointment_type_id?: string;
	location_id?: string;
	practitioner_id?: string;
	patient_id?: string;
	from_date?: string | null;
	to_date?: string | null;
}

export interface CreateBookingLinkBody extends BookingRefs {
	appointment_type_id: string;
	location_id: string;
	from_date?: string;
	to_date?: string;
	expiry_date?: string;
	maximum_use_count?: number;
}

export interface UpdateBookingLinkBody {
	appointment_type_id?: string;
	location_id?: string;
	practitioner_id?: string;
	from_date?: string;
	to_date?: string;
	/** not in the contract's schema: taken when sent */
	active?: unknown;
	expiry_date?: unknown;
}

export interface CreateFormLinkBody {
	form_id?: string;
	patient_id?: string;
	expiry_date?: string;
	maximum_use_count?: number;
}

export interface CreateAttachmentLinkBody {
	expiry_date?: string;
	ehr_file_id?: string;
	file_data?: string;
	file_name?: string;
	patient_id?: string;
	maximum_use_count?: number;
}

function expiryFrom(date: string | undefined, now: number): string {
	if (!date) return iso(now + DEFAULT_EXPIRY_DAYS * 86400000);
	const [y, m, d] = date.split('-').map(Number);
	return iso(londonWallTime(y, m, d + 1, 0, 0) - 1000); // end of that London day
}

function newLink<F extends Partial<Link> & Pick<Link, 'expiry_date'>>(
	state: StandinState,
	type: LinkType,
	now: number,
	baseUrl: string,
	fields: F,
) {
	const id = String(state.nextId.link++);
	const code = state.rng.hex(8);
	const link = {
		id,
		type,
		code,
		short_link: `${baseUrl}/s/${code}`,
		practice_group_id: state.practiceGroup.id,
		active: true,
		number_of_uses: 0,
		open_count: 0,
		created_at: iso(now),
		...fields,
	};
	state.links.push(link);
	return link;
}

function requirePatient(state: StandinState, id: unknown): asserts id is string | undefined {
	if (id !== undefined) requireById(state.patients, id, 'Patient', 'patient_id');
}

function bookingView(l: Link) {
	return {
		id: l.id,
		practice_group_id: l.practice_group_id,
		short_link: l.short_link,
		active: l.active,
		expiry_date: l.expiry_date,
		maximum_uses: l.maximum_uses,
		number_of_uses: l.number_of_uses,
		open_count: l.open_count,
		unlimited_use: l.unlimited_use,
		meta: l.meta,
	};
}

function getBookingLinkRecord(state: StandinState, id: string): BookingLink {
	// every booking link the stand-in makes has its meta
	const l = state.links.find((x): x is BookingLink => x.id === id && x.type === 'booking');
	if (!l) throw notFound('Booking link', id);
	return l;
}

function checkBookingRefs(state: StandinState, body: BookingRefs): void {
	const { appointment_type_id: typeId, location_id: locationId, practitioner_id: practitionerId } = body;
	if (typeId !== undefined) requireById(state.appointmentTypes, typeId, 'Appointment type', 'appointment_type_id');
	if (locationId !== undefined) requireById(state.locations, locationId, 'Location', 'location_id');
	if (practitionerId !== undefined) requireById(state.admins, practitionerId, 'Practitioner', 'practitioner_id');
	requirePatient(state, body.patient_id);
	if (body.from_date && body.to_date && body.from_date > body.to_date) {
		throw validationError([issue('to_date', 'custom', 'date on or after from_date', 'to_date must not be before from_date')]);
	}
}

function linkStatus(l: Link, now: number): 'inactive' | 'expired' | 'used' | 'unused' {
	if (!l.active) return 'inactive';
	if (l.expiry_date && Date.parse(l.expiry_date) < now) return 'expired';
	return l.number_of_uses > 0 ? 'used' : 'unused';
}

function references(l: Link): Array<{ type: string; id: string }> {
	const refs: Array<{ type: string; id: string }> = [];
	const add = (type: string, id: unknown) => id !== undefined && id !== null && refs.push({ type, id: String(id) });
	const meta: Partial<BookingLinkMeta> = l.meta || {};
	add('patient', meta.patient_id !== undefined ? meta.patient_id : l.patient_id);
	(meta.appointment_type_id || []).forEach((id) => add('appointment_type', id));
	(meta.location_id || []).forEach((id) => add('location', id));
	(meta.practitioner_id || []).forEach((id) => add('practitioner', id));
	add('form', l.form_id);
	add('attachment', l.attachment_uuid);
	add('appointment', l.appointment_id);
	return refs;
}

export function createBookingLink({ state, body, now, baseUrl }: HandlerContext<CreateBookingLinkBody>) {
	checkBookingRefs(state, body);
	const limited = body.maximum_use_count !== undefined;
	const link = newLink(state, 'booking', now, baseUrl, {
		expiry_date: expiryFrom(body.expiry_date, now),
		maximum_uses: limited ? body.maximum_use_count : 0,
		unlimited_use: !limited,
		meta: {
			appointment_type_id: [body.appointment_type_id],
			location_id: [body.location_id],
			practitioner_id: body.practitioner_id ? [body.practitioner_id] : [],
			patient_id: body.patient_id || null,
			from_date: body.from_date || null,
			to_date: body.to_date || null,
		},
	});
	return bookingView(link);
}

export function getBookingLink({ state, params }: HandlerContext) {
	return bookingView(getBookingLinkRecord(state, params.id));
}

export function updateBookingLink({ state, params, body }: HandlerContext<UpdateBookingLinkBody>) {
	const link = getBookingLinkRecord(state, params.id);
	checkBookingRefs(state, {
		...body,
		from_date: body.from_date || link.meta.from_date,
		to_date: body.to_date || link.meta.to_date,
	});
	for (const f of ['appointment_type_id', 'location_id', 'practitioner_id'] as const) {
		const value = body[f];
		if (value !== undefined) link.meta[f] = value ? [value] : [];
	}
	for (const f of ['from_date', 'to_date'] as const) if (body[f] !== undefined) link.meta[f] = body[f];
	if (typeof body.active === 'boolean') link.active = body.active;
	if (typeof body.expiry_date === 'string') link.expiry_date = expiryFrom(body.expiry_date.slice(0, 10), 0);
	return bookingView(link);
}

export function listBookingLinks({ state, query }: HandlerContext) {
	const page = paginate(
		state.links.filter((l) => l.type === 'booking'),
		query,
	);
	return { data: page.data.map(bookingView), count: page.count };
}

export function createFormLink({ state, body, now, baseUrl }: HandlerContext<CreateFormLinkBody>) {
	if (!body.form_id) throw validationError([issue('form_id', 'invalid_type', 'string', 'Required', { received: 'undefined' })]);
	requirePatient(state, body.patient_id);
	const link = newLink(state, 'form', now, baseUrl, {
		form_id: String(body.form_id),
		patient_id: body.patient_id || null,
		expiry_date: expiryFrom(body.expiry_date, now),
		maximum_uses: body.maximum_use_count || 1,
	});
	return {
		id: link.id,
		form_link: link.short_link,
		short_link: link.short_link,
		form_id: link.form_id,
		patient_id: link.patient_id,
		expiry_date: link.expiry_date,
	};
}

export function createAttachmentLink({ state, body, now, baseUrl }: HandlerContext<CreateAttachmentLinkBody>) {
	if (!body.ehr_file_id && !body.file_data) {
		throw validationError([issue('file_data', 'custom', 'string', 'Either ehr_file_id or file_data is required')]);
	}
	requirePatient(state, body.patient_id);
	if (
		body.ehr_file_id &&
		!state.attachments.some((a) => a.ehr_file_id === body.ehr_file_id && (!body.patient_id || a.patient_id === body.patient_id))
	) {
		throw apiError(
			404,
			'not_found',
			`EHR file ${body.ehr_file_id} not found${body.patient_id ? ` for patient ${body.patient_id}` : ''}`,
		);
	}
	const h = state.rng.hex(32);
	const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	const link = newLink(state, 'attachment', now, baseUrl, {
		attachment_uuid: uuid,
		patient_id: body.patient_id || null,
		ehr_file_id: body.ehr_file_id || null,
		file_name: body.file_name || null,
		expiry_date: expiryFrom(body.expiry_date, now),
		maximum_uses: body.maximum_use_count || 1,
	});
	return { attachment_link: link.short_link, attachment_uuid: uuid, id: link.id, expiry_date: link.expiry_date };
}

// the contract leaves this body open
export function createVideoLink({ state, body, now, baseUrl }: HandlerContext<Record<string, unknown> | null>) {
	const b: Record<string, unknown> = body || {};
	requirePatient(state, b.patient_id);
	if (b.appointment_id !== undefined && !state.appointments.some((a) => a.id === String(b.appointment_id))) {
		throw apiError(404, 'not_found', `Appointment ${b.appointment_id} not found`);
	}
	const link = newLink(state, 'video', now, baseUrl, {
		patient_id: b.patient_id || null,
		appointment_id: b.appointment_id !== undefined ? String(b.appointment_id) : null,
		expiry_date: iso(now + 86400000),
	});
	return {
		id: link.id,
		video_link: link.short_link,
		short_link: link.short_link,
		patient_id: link.patient_id,
		appointment_id: link.appointment_id,
		expires_at: link.expiry_date,
	};
}

export function getLinkStatus({ state, query, now }: HandlerContext<unknown, Query & { url?: string; id?: string }>) {
	if (!query.url && !query.id) throw validationError([issue('url', 'custom', 'url or id', 'Supply url or id')]);
	let link;
	if (query.id) link = state.links.find((l) => l.id === query.id);
	if (!link && query.url) {
		const code = String(query.url).split(/[/?#]/).filter(Boolean).pop();
		link = state.links.find((l) => l.code === code || l.short_link === query.url);
	}
	if (!link) throw notFound('Link', query.id || query.url);
	return { status: linkStatus(link, now), type: link.type, reference: references(link) };
}
