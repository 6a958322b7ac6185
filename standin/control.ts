// The control routes under /_standin/: the log, faults, config, reset and webhook deliveries for tests and
// tools, and what happens outside the API (a patient submitting a form or verifying their identity, the
// clinical system changing a patient, a write-to-record confirmed). Dev tooling: bodies are not validated.

import type { IncomingMessage, ServerResponse } from 'http';
import { updateSettings, type ConfigUpdate, type StandinFaults, type StandinSettings } from './config';
import type { FailNextSpec, FaultInjector } from './faults';
import { submitFormLink } from './handlers/forms';
import { confirmWriteToRecord } from './handlers/messages';
import { addToSequence, issuePrescription, updateMedicalRecord } from './handlers/patientRecords';
import type { Emit, LogEntry, StandinState } from './model';
import { writeJson } from './respond';
import { ApiError } from './util';
import type { createDeliverer, DeliverWebhookSpec, DeliveryLogEntry } from './webhooks';

/**
 * What happens outside the API: the patient submits a form link (form-submission.created), the clinical
 * system issues a prescription, changes the patient's record or adds them to a sequence. The Standin
 * methods of these names and the control routes both call these.
 */
export function outsideWorld(state: () => StandinState, emit: Emit) {
	return {
		submitForm: (linkId: string) => submitFormLink(state(), linkId, Date.now(), emit),
		issuePrescription: (patientId: string) => issuePrescription(state(), patientId, Date.now(), emit),
		updateMedicalRecord: (patientId: string) => updateMedicalRecord(state(), patientId, Date.now(), emit),
		addToSequence: (patientId: string) => addToSequence(state(), patientId, emit),
	};
}

/** What the control routes read and change. */
export interface ControlParts {
	log: LogEntry[];
	deliveries: DeliveryLogEntry[];
	settings: StandinSettings;
	faults: FaultInjector;
	deliverer: ReturnType<typeof createDeliverer>;
	/** the state as it is */
	state: () => StandinState;
	/** the state after expired reservations are released (what s.state answers) */
	currentState: () => StandinState;
	reset: () => void;
	publicKeys: () => unknown;
	outside: ReturnType<typeof outsideWorld>;
}

const notFound = (message: string) => ({ error: 'not_found', statusCode: 404, message });

export function createControlRoutes(parts: ControlParts) {
	const { log, deliveries, settings, faults, deliverer, outside } = parts;

	// METHOD + path -> the answer's body (200); each body is the argument of the Standin method of the same name
	const FIXED: Record<string, (body: unknown) => unknown> = {
		'GET /_standin/log': () => log,
		'DELETE /_standin/log': () => {
			log.length = 0;
			return { cleared: true };
		},
		'GET /_standin/deliveries': () => deliveries,
		'DELETE /_standin/deliveries': () => {
			deliveries.length = 0;
			return { cleared: true };
		},
		'POST /_standin/faults': (body) => faults.setFaults(body as StandinFaults),
		'POST /_standin/fail-next': (body) => ({ queued: faults.failNext(body as FailNextSpec) }),
		'POST /_standin/config': (body) => updateSettings(settings, body as ConfigUpdate),
		'GET /_standin/config': () => ({ ...settings, faults: faults.rates(), failNextQueue: faults.queued() }),
		'POST /_standin/reset': () => {
			parts.reset();
			return { reset: true };
		},
		'POST /_standin/webhooks/deliver': (body) => deliverer.deliver(body as DeliverWebhookSpec),
		'GET /_standin/idle': async () => {
			await deliverer.idle();
			return { idle: true };
		},
		'GET /_standin/state': () => parts.currentState(),
		'GET /_standin/keys': () => ({ keys: parts.publicKeys(), fixtures: parts.state().fixtures }),
	};

	// the patient follows the login_url registerPatientPds answered with
	function verifyIdentity(token: string): [number, unknown] {
		const spine = parts.state().pds.find((r) => r.verifyToken === token);
		if (!spine) return [404, notFound('Unknown verification link')];
		spine.requiresVerification = false;
		return [200, { verified: true, message: 'Identity verified; retry the registration' }];
	}

	// a change outside the API: 200 with the record it made or changed, or the API error it refused with
	function answerOutsideChange(change: () => unknown): [number, unknown] {
		try {
			return [200, change()];
		} catch (e) {
			if (e instanceof ApiError) return [e.status, e.body];
			throw e;
		}
	}

	async function answer(route: string, url: URL, body: unknown): Promise<[number, unknown]> {
		if (Object.hasOwn(FIXED, route)) return [200, await FIXED[route](body)];
		let m: RegExpExecArray | null;
		if ((m = /^GET \/_standin\/verify\/([^/]+)$/.exec(route))) return verifyIdentity(m[1]);
		if ((m = /^POST \/_standin\/form-links\/([^/]+)\/submit$/.exec(route))) {
			const linkId = m[1];
			return answerOutsideChange(() => outside.submitForm(linkId));
		}
		if ((m = /^POST \/_standin\/patients\/([^/]+)\/(prescription|record-update|sequence)$/.exec(route))) {
			const [patientId, change] = [m[1], m[2]];
			if (change === 'prescription') return answerOutsideChange(() => outside.issuePrescription(patientId));
			if (change === 'record-update') return answerOutsideChange(() => outside.updateMedicalRecord(patientId));
			return answerOutsideChange(() => outside.addToSequence(patientId));
		}
		if ((m = /^(GET|POST) \/_standin\/write-to-record\/([^/]+)\/confirm$/.exec(route))) {
			const token = url.searchParams.get('auth_token');
			const r = confirmWriteToRecord(parts.state(), m[2], token, Date.now(), deliverer.emit);
			return [r.status, r.body];
		}
		return [404, notFound(`Unknown stand-in control endpoint ${route}`)];
	}

	return async function handleControlRequest(req: IncomingMessage, res: ServerResponse, url: URL, raw: string): Promise<void> {
		let body: unknown = {};
		if (raw.trim()) {
			try {
				body = JSON.parse(raw);
			} catch (e) {
				return writeJson(res, 400, { error: 'bad_request', statusCode: 400, message: `Malformed JSON: ${e.message}` });
			}
		}
		const [status, answerBody] = await answer(`${req.method} ${url.pathname.replace(/\/+$/, '')}`, url, body);
		writeJson(res, status, answerBody);
	};
}
