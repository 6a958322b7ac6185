// Local stand-in of the Hero Health Public API (see README.md in this folder).
export { startStandin, DEFAULTS } from './server';
export { signature as signWebhook } from './webhooks';
export { loadContract, contractViolations, deliveryViolations } from './contract';

export type {
	BatchListShape,
	ConfigUpdate,
	FailNextSpec,
	FaultKind,
	LogEntry,
	Standin,
	StandinConfig,
	StandinFaults,
	StandinOptions,
	StandinSettings,
} from './server';
export type { StandinKey, Scope } from './auth';
export type { Contract, Operation, Route } from './contract';
export type { DeliverWebhookSpec, DeliveryLogEntry, DeliveryResult, SignatureEncoding, WebhookEnvelope, WebhookTamper } from './webhooks';
export type {
	Admin,
	AppointmentType,
	Attachment,
	EhrRecord,
	Location,
	Patient,
	PdsRecord,
	PracticeGroup,
	Slot,
	StandinFixtures,
	StandinKeys,
	StandinState,
} from './seed';
export type { Appointment, AppointmentStatus } from './handlers/booking';
export type { Link } from './handlers/links';
export type { AutomatedMessage, BatchMessage, BatchRecipient, Message } from './handlers/messages';
export type { MergeToken } from './handlers/patients';
export type { AccessToken } from './handlers/practice';
export type { Webhook } from './handlers/webhooks';
export type { ValidationIssue } from './util';
