// startStandin: loads the contract, seeds the state and wires the request pipeline (pipeline.ts), fault
// injection (faults.ts), the control routes (control.ts) and webhook deliveries (webhooks.ts) into one
// HTTP server; answers the Standin API tests and tools drive it with.

import http from 'http';
import type { AddressInfo } from 'net';
import { createRateLimiter, isOperationId, type LabelledKey, type StandinKey } from './auth';
import { DEFAULTS, initialSettings, updateSettings, type ConfigUpdate, type StandinOptions } from './config';
import { loadContract } from './contract';
import { createControlRoutes, outsideWorld } from './control';
import { createFaultInjector } from './faults';
import { expireReservations } from './handlers/appointments';
import { HANDLER_BY_OPERATION } from './handlers';
import type { LogEntry, Slot, StandinKeys, StandinState } from './model';
import { createRequestPipeline } from './pipeline';
import { readBody } from './respond';
import { createSeedState, KEYS } from './seed';
import { statusErrorBody } from './util';
import { createDeliverer, type DeliverWebhookSpec, type DeliveryLogEntry } from './webhooks';

export async function startStandin(options: StandinOptions = {}) {
	const contract = loadContract(options.contractPath);
	// the handler map names exactly the operations the scope table names (its type says so)
	for (const { operationId } of contract.operations) {
		if (!isOperationId(operationId) || typeof HANDLER_BY_OPERATION[operationId] !== 'function')
			throw new Error(
				`No stand-in handler or scope rule for ${operationId}: add it to HANDLER_BY_OPERATION (handlers/index.ts) and SCOPE_BY_OPERATION (auth.ts)`,
			);
	}

	const settings = initialSettings(options);
	const seed = options.seed !== undefined ? options.seed : DEFAULTS.seed;
	const faults = createFaultInjector(seed, options.faults || {}, settings);
	let state = createSeedState({ seed, now: Date.now() });
	const getState = () => state;
	const log: LogEntry[] = [];
	const deliveries: DeliveryLogEntry[] = [];
	const maxLog = options.maxLogEntries || DEFAULTS.maxLogEntries;
	const trim = (list: unknown[]) => {
		if (list.length > maxLog) list.splice(0, list.length - maxLog);
	};
	const limiter = createRateLimiter();
	const deliverer = createDeliverer({ getState, deliveries, validateDelivery: contract.validateDelivery });
	const outside = outsideWorld(getState, deliverer.emit);
	const keys: LabelledKey[] = Object.entries(KEYS).map(([label, k]) => ({ label, ...k }));
	for (const [label, k] of Object.entries(options.extraKeys || {})) {
		keys.push({ label, practiceGroupId: KEYS.full.practiceGroupId, scopes: [...KEYS.full.scopes], ...k });
	}
	let baseUrl = '';

	function currentState() {
		expireReservations(state, Date.now());
		return state;
	}

	function publicKeys(): StandinKeys & Record<string, StandinKey> {
		const out: Record<string, StandinKey> = {};
		for (const k of keys) out[k.label] = { apiKey: k.apiKey, practiceGroupId: k.practiceGroupId, scopes: [...k.scopes] };
		return out as StandinKeys & Record<string, StandinKey>; // keys starts with every label of KEYS
	}

	const pipeline = createRequestPipeline({
		contract,
		settings,
		keys,
		limiter,
		faults,
		log,
		trim,
		deliveries,
		state: getState,
		baseUrl: () => baseUrl,
		emit: deliverer.emit,
	});

	function reset() {
		state = createSeedState({ seed, now: Date.now() });
		log.length = 0;
		deliveries.length = 0;
		faults.reset();
		limiter.reset();
		deliverer.reset();
		pipeline.reset();
	}

	const handleControlRequest = createControlRoutes({
		log,
		deliveries,
		settings,
		faults,
		deliverer,
		state: getState,
		currentState,
		reset,
		publicKeys,
		outside,
	});

	const server = http.createServer(async (req, res) => {
		try {
			const url = new URL(req.url || '/', 'http://standin.local');
			const raw = await readBody(req);
			if (url.pathname === '/_standin' || url.pathname.startsWith('/_standin/')) await handleControlRequest(req, res, url, raw);
			else await pipeline.handle(req, res, url, raw);
		} catch {
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify(statusErrorBody(500)));
			}
		}
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port || DEFAULTS.port, options.host || DEFAULTS.host, resolve);
	});
	const address = server.address() as AddressInfo; // listening on host:port, not a pipe
	baseUrl = `http://${address.address}:${address.port}`;

	return {
		/** http://127.0.0.1:PORT */
		url: baseUrl,
		port: address.port,
		keys: publicKeys(),
		/** live array */
		log,
		/** live array */
		deliveries,
		contract,
		/** current state (expired reservations are released on every read) */
		get state(): StandinState {
			return currentState();
		},
		get fixtures() {
			return state.fixtures;
		},
		get config() {
			return { ...settings, faults: faults.rates() };
		},
		clearLog() {
			log.length = 0;
		},
		/** a free slot the clinical system offers besides the seeded ones (e.g. one in summer time, whatever today is) */
		addSlot(slot: Omit<Slot, 'appointment_id'>): Slot {
			const record: Slot = { ...slot, appointment_id: null };
			state.slots.push(record);
			state.slotById.set(record.id, record);
			return record;
		},
		setFaults: faults.setFaults,
		setConfig: (update: ConfigUpdate = {}) => updateSettings(settings, update),
		/** queue a deterministic fault; returns the queue length */
		failNext: faults.failNext,
		/** back to the seeded state; clears log, deliveries, random faults and the failNext queue (config is kept) */
		reset,
		deliverWebhook: (spec: DeliverWebhookSpec) => deliverer.deliver(spec),
		/** the patient submits the form behind a form link (form-submission.created) */
		submitForm: outside.submitForm,
		/** the clinical system issues a prescription for the patient (prescription.issued) */
		issuePrescription: outside.issuePrescription,
		/** the patient's clinical record changes (patient.medical-record-updated) */
		updateMedicalRecord: outside.updateMedicalRecord,
		/** the practice adds the patient to a message sequence in Hero's app (patient.added-to-sequence) */
		addToSequence: outside.addToSequence,
		/** resolves when every webhook delivery under way has finished */
		waitForDeliveries: () => deliverer.idle(),
		close(): Promise<void> {
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

export type Standin = Awaited<ReturnType<typeof startStandin>>;
