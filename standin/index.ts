// Local stand-in of the Hero Health Public API (see README.md in this folder).
export { startStandin } from './server';
export { DEFAULTS } from './config';
export { signature as signWebhook } from './webhooks';
export { loadContract, contractViolations, deliveryViolations } from './contract';

export type { Standin } from './server';
export type { BatchListShape, ConfigUpdate, StandinConfig, StandinFaults, StandinOptions, StandinSettings } from './config';
export type { FailNextSpec } from './faults';
export type { StandinKey, Scope } from './auth';
export type { Contract, Operation, Route } from './contract';
export type {
	DeliverWebhookSpec,
	DeliveryLogEntry,
	DeliveryResult,
	SignatureEncoding,
	WebhookEnvelope,
	WebhookTamper,
} from './webhooks';
export type {
	AccessToken,
	Admin,
	Appointment,
	AppointmentStatus,
	AppointmentType,
	Attachment,
	AutomatedMessage,
	BatchMessage,
	BatchRecipient,
	EhrRecord,
	FaultKind,
	FormResponse,
	Link,
	Location,
	LogEntry,
	MergeToken,
	Message,
	Patient,
	PdsRecord,
	PracticeGroup,
	Prescription,
	Slot,
	StandinFixtures,
	StandinKeys,
	StandinState,
	Webhook,
} from './model';
export type { ValidationIssue } from './util';
