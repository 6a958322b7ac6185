// What a Hero record looks like in the stand-in: every record its state holds (StandinState), what a
// handler is given (HandlerContext) and what the request log keeps (LogEntry). Types only, and the one
// list the types derive from (DATA_SOURCES); every other stand-in file imports its records from here.

import type { IncomingHttpHeaders } from 'http';
import type { LabelledKey, StandinKey } from './auth';
import type { StandinSettings } from './config';
import type { Query, Rng, ValidationIssue } from './util';

// ---- the practice ------------------------------------------------------------------------------

export interface PracticeGroup {
	id: string;
	name: string;
	sector: string;
	ods_code: string;
	email: string;
	phone: string;
	timezone: string;
	address: Partial<Record<'line_1' | 'line_2' | 'line_3' | 'town' | 'county' | 'postcode' | 'country', string>>;
	// PATCH /v1/me merges whatever fields its body carries
	[field: string]: unknown;
}

export interface Location {
	id: string;
	name: string;
	address_line_1: string;
	town: string;
	postcode: string;
	ods_code: string;
	online_booking: boolean;
}

export interface AppointmentType {
	id: string;
	name: string;
	partner_slot_name: string;
	duration: number;
	price: number;
	assignee_id: string | null;
	assignee_type: string | null;
	sector: string;
	video: boolean;
	in_person: boolean;
	telephone: boolean;
	use_partner_bookable_slots: boolean;
	admin_booking_invoice_required: boolean;
	form_id: string | null;
	practitioner_type: string;
}

export interface Admin {
	id: string;
	first_name: string;
	last_name: string;
	email: string;
	/** GP and Nurse have sessions (SESSIONS), so slots: they are the practitioners */
	role: string;
	/** weekday (1 = Monday .. 5 = Friday) -> location id */
	locations: Record<number, string>;
	external_prescriber_id: string | null;
	prescriber_details?: { name: string; email: string; registration_code: string } | null;
}

/** What the stand-in remembers of an Elements token it issued. */
export interface AccessToken {
	jti: string;
	exp: number;
	/** the label of the key that asked for it */
	key: string;
}

// ---- booking -----------------------------------------------------------------------------------

export interface Slot {
	id: string;
	practitioner_id: string;
	appointment_type_id: string;
	location_id: string;
	start_time: string;
	finish_time: string;
	/** holder (reserved or booked appointment) or null when free */
	appointment_id: string | null;
}

export type AppointmentStatus = 'reserved' | 'booked' | 'cancelled' | 'expired';

export interface Appointment {
	id: string;
	patient_id: string | null;
	practitioner_id: string;
	location_id: string;
	appointment_type_id: string;
	/** null when booked with suppress_availability_check and no slot matched */
	slot_id: string | null;
	duration: number;
	start_time: string;
	status: AppointmentStatus;
	reserved_until: string | null;
	booking_confirmed_at: string | null;
	cancelled_at: string | null;
	created_at: string;
	reason: string | null;
	billpayer_id: string | null;
	suppress_mail: boolean;
	link_id: string | null;
	expired_at?: string;
	rescheduled_at?: string;
}

// ---- patients ----------------------------------------------------------------------------------

export const DATA_SOURCES = ['hero', 'emis', 'pds', 'gha', 'systm_one'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export interface Patient {
	id: string;
	uid: string;
	emis_id: string | null;
	ehr_partner_id: string | null;
	dob: string | null;
	deceased_at: string | null;
	title: string | null;
	first_name: string | null;
	last_name: string | null;
	sex: string | null;
	nhs_number: string | null;
	email: string | null;
	emails: string[] | null;
	mobile: string | null;
	landline?: string | null;
	last_sync_at: string | null;
	address_line_1: string | null;
	address_line_2: string | null;
	address_line_3: string | null;
	country: string | null;
	postcode: string | null;
	town: string | null;
	county: string | null;
	notes: string | null;
	verification_credentials: unknown;
	data_source: DataSource;
	restricted: boolean;
	/** channels the patient withheld consent for ('sms', 'email', ...) */
	restrictions: string[];
	sex_changed_at: string | null;
	status: 'unarchived' | 'archived';
	ods_code: string | null;
	created_at: string;
	/** set on the duplicate when it is merged into another record */
	merged_into?: string;
}

/** A person on the Spine (PDS), whether or not Hero knows them yet. */
export interface PdsRecord {
	nhs_number: string;
	forename: string;
	surname: string;
	dob: string;
	postcode: string;
	sex: string;
	mobile: string;
	requiresVerification: boolean;
	/** handed out once in a login_url; GET /_standin/verify/{token} clears requiresVerification */
	verifyToken?: string;
}

/** A record in the clinical system (EMIS Web, SystmOne), linked to a Hero patient or not yet. */
export interface EhrRecord {
	ehr_partner_id: string;
	nhs_number: string;
	first_name: string;
	last_name: string;
	dob: string;
	sex: string;
	postcode: string;
	linked_patient_id: string | null;
}

export interface Attachment {
	id: string;
	patient_id: string;
	ehr_file_id: string;
	file_name: string;
	content_type: string;
	size_bytes: number;
	created_at: string;
}

export interface MergeToken {
	merge_token: string;
	/** the patient kept */
	target_patient_id: string;
	/** the duplicate merged into it */
	source_patient_id: string;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

/** A prescription issued in the clinical system; Hero documents no way to read one back. */
export interface Prescription {
	id: string;
	patient_id: string;
	issued_at: string;
}

// ---- links and forms ---------------------------------------------------------------------------

export type LinkType = 'booking' | 'form' | 'attachment' | 'video';

export interface BookingLinkMeta {
	appointment_type_id: string[];
	location_id: string[];
	practitioner_id: string[];
	patient_id?: string | null;
	from_date?: string | null;
	to_date?: string | null;
}

/** Any kind of link; the optional fields each belong to some kinds only. */
export interface Link {
	id: string;
	type: LinkType;
	code: string;
	short_link: string;
	practice_group_id: string;
	active: boolean;
	number_of_uses: number;
	open_count: number;
	created_at?: string;
	expiry_date: string;
	maximum_uses?: number;
	/** booking */
	unlimited_use?: boolean;
	/** booking */
	meta?: BookingLinkMeta;
	/** form */
	form_id?: string;
	/** form, attachment, video */
	patient_id?: string | null;
	/** attachment */
	attachment_uuid?: string;
	ehr_file_id?: string | null;
	file_name?: string | null;
	/** video */
	appointment_id?: string | null;
}

/** The contract's FormResponse (what a patient submits through a form link): Hero numbers these IDs. */
export interface FormResponse {
	id: number;
	form_id: number;
	client_id: number | null;
	appointment_id: number | null;
	invoice_id: number | null;
	practice_group_id: number;
	created_at: string;
	updated_at: string;
	hidden: boolean;
	emis_file_record_at: string | null;
	short_link_id: number | null;
	admin_id: number | null;
	write_to_record_error: string | null;
}

// ---- messages ----------------------------------------------------------------------------------

export type MessageType = 'hero' | 'sms' | 'email' | 'nhs_app';
export type BatchChannel = 'SMS' | 'EMAIL' | 'NHS_APP';

/** A message sent on its own (sendMessage) or as one recipient's share of a batch (sendBatchMessage). */
export interface Message {
	id: string;
	patient_id: string | null;
	message_type: MessageType;
	/** the channel it went out on (the fallback when the first had no contact detail) */
	channel_used: MessageType;
	content: string;
	subject?: string;
	recipient_contact_detail: string | null;
	status: 'scheduled' | 'delivered' | 'QUEUED';
	created_at: string;
	send_at: string;
	write_to_record: boolean;
	auto_write_to_record?: boolean;
	write_to_record_status: 'written' | 'awaiting_approval' | 'failed' | null;
	written_at?: string;
	/** why the clinical system refused the write */
	write_to_record_failure_reason?: string | null;
	snomed_code: string | null;
	snomed_term: string | null;
	encrypted?: boolean | string;
	task_id?: string | null;
	attachment_uuid?: string | null;
	short_link_id?: string | null;
	assignee_id?: number | null;
	assignee_type?: string | null;
	batch_message_id: string | null;
	recipient_id?: string;
	/** confirms a write-to-record awaiting approval (the confirm_write_to_record_url) */
	auth_token?: string | null;
}

export interface BatchRecipient {
	id: string;
	nhs_number: string;
	dob: string | null;
	status: 'ENRICHED' | 'INVALID_PAYLOAD' | 'ENRICHMENT_ERROR' | 'QUEUED';
	patient_id: string | null;
	error: string | null;
}

export interface BatchMessage {
	id: string;
	name: string;
	status: 'CREATED' | 'COMPLETED';
	channel: BatchChannel;
	subject?: string;
	content: string;
	recipients: BatchRecipient[];
	created_at: string;
	sent_at: string | null;
}

/** A reminder Hero sends by itself; the stand-in makes none, tests may add some. */
export interface AutomatedMessage {
	recipient_id?: string;
	status?: string;
	[field: string]: unknown;
}

// ---- webhooks ----------------------------------------------------------------------------------

export interface Webhook {
	id: string;
	event_type: string;
	url: string;
	/** HMAC key for X-Herohealth-Signature; unsigned registrations have none */
	signing_key?: string;
	description?: string;
	/** sent with every delivery */
	headers: Record<string, string>;
	created_at: string;
	updated_at: string;
}

// ---- the whole state ---------------------------------------------------------------------------

/** The seeded keys by label (s.keys also has any extra ones). */
export interface StandinKeys {
	full: StandinKey;
	messagingOnly: StandinKey;
	bookingOnly: StandinKey;
	bookingLinksOnly: StandinKey;
}

/** Seeded records the tests name (s.fixtures). */
export interface StandinFixtures {
	practiceGroupId: string;
	patient: { id: string; nhs_number: string; dob: string };
	restrictedSms: { id: string; restrictions: string[] };
	restrictedSmsEmail: { id: string; restrictions: string[] };
	duplicatePair: { keep: string; duplicate: string };
	unlinkedEhrPatient: string;
	pdsNew: { nhs_number: string; dob: string; forename: string; surname: string; postcode: string };
	pdsVerification: { nhs_number: string; dob: string };
	unknownNhs: string;
	locations: string[];
	appointmentTypes: string[];
	practitioners: string[];
}

export interface StandinState {
	practiceGroup: PracticeGroup;
	locations: Location[];
	appointmentTypes: AppointmentType[];
	admins: Admin[];
	patients: Patient[];
	pds: PdsRecord[];
	ehrRecords: EhrRecord[];
	attachments: Attachment[];
	slots: Slot[];
	appointments: Appointment[];
	messages: Message[];
	batchMessages: BatchMessage[];
	/** reminders Hero sends by itself: none unless a test adds some */
	automatedMessages?: AutomatedMessage[];
	webhooks: Webhook[];
	links: Link[];
	mergeTokens: MergeToken[];
	accessTokens: AccessToken[];
	formResponses: FormResponse[];
	prescriptions: Prescription[];
	nextId: Record<
		'patient' | 'appointment' | 'message' | 'batch' | 'recipient' | 'webhook' | 'link' | 'formResponse' | 'prescription',
		number
	>;
	fixtures: StandinFixtures;
	/** not enumerable (left out of GET /_standin/state) */
	slotById: Map<string, Slot>;
	/** not enumerable; ids, tokens and codes the handlers make up */
	rng: Rng;
}

// ---- handling a request ------------------------------------------------------------------------

/** state changes raise webhook events about the record they changed through this */
export type Emit = (eventType: string, id: string) => void;

/** What a handler gets. Body and query are typed by each handler as the contract's schemas describe them. */
export interface HandlerContext<B = unknown, Q extends Query = Query> {
	state: StandinState;
	params: Record<string, string>;
	query: Q;
	/** parsed JSON, null when there was none */
	body: B;
	key: LabelledKey;
	now: number;
	config: StandinSettings;
	baseUrl: string;
	emit: Emit;
}

/** One operation's handler, whatever body and query it is typed with; it answers the 200's body. */
export type Handler = (context: HandlerContext<never, never>) => unknown;

export type FaultKind = '429' | '5xx' | 'drop' | 'failNext' | 'ratelimit';

/** One request the stand-in received (s.log, GET /_standin/log). */
export interface LogEntry {
	seq: number;
	/** ISO 8601 */
	time: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** lowercased, as received */
	headers: IncomingHttpHeaders;
	/** parsed JSON body or null */
	body: unknown;
	rawBody: string;
	/** null when the socket was dropped */
	status: number | null;
	fault: FaultKind | null;
	/** the request matched a contract operation and passed its schemas */
	valid: boolean;
	validationErrors: ValidationIssue[];
	/** where a 200 the stand-in sent broke the contract's response schema (empty when it matched) */
	responseErrors: ValidationIssue[];
	operationId: string | null;
	responseBody?: unknown;
	error?: string;
}
