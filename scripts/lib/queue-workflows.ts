'use strict';
// Workflows for n8n in queue mode (scripts/lib/cluster.js), shared by the queue-mode suite (test/queue/)
// and the benchmarks, as n8n import:workflow documents.
//
//   bulkSendWorkflow({ id, path, credential })  Webhook POST /webhook/<path> {messages: [{patient_id, text}]}
//                                               → Split Out → Hero Health Message: Send (channel Hero inbox)
//                                               Called K times at once, it gives K concurrent executions.
//   bulkMessages(run, n)                        n messages for one call, each text unique: `<run> message <i>`
//   triggerWorkflow({ id, webhookId, events, credential })
//                                               Hero Health Trigger → Message: Send to body.data.patient_id,
//                                               text `event <body.id>`: one SMS per run, countable at Hero.

const n8n = require('./n8n');

/** The stand-in's patients 1001–1029 (1030 is a duplicate record); the Hero inbox channel has no restrictions. */
const PATIENTS = Array.from({ length: 29 }, (_, i) => String(1001 + i));

const credentialRef = (credential = {}) => ({
	heroHealthApi: { id: credential.id || n8n.STANDIN_CREDENTIAL_ID, name: credential.name || n8n.STANDIN_CREDENTIAL_NAME },
});

function heroSend(name, position, { patient, text, credential }) {
	return {
		id: `${name.replace(/\W+/g, '-').toLowerCase()}-node`,
		name,
		type: `${n8n.PACKAGE_NAME}.heroHealth`,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'message',
			operation: 'send',
			patientId: { __rl: true, mode: 'id', value: patient },
			channel: 'hero',
			message: text,
			options: {},
		},
		credentials: credentialRef(credential),
	};
}

function bulkSendWorkflow({ id = 'queueBulkSend', name = 'Queue: bulk send', path = 'queue-bulk-send', credential } = {}) {
	return {
		id,
		name,
		nodes: [
			{
				id: 'bulk-webhook',
				name: 'Bulk request',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-webhook`,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'bulk-split',
				name: 'One item per message',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.messages', include: 'noOtherFields', options: {} },
			},
			heroSend('Send', [440, 0], { patient: '={{ $json.patient_id }}', text: '={{ $json.text }}', credential }),
		],
		connections: {
			'Bulk request': { main: [[{ node: 'One item per message', type: 'main', index: 0 }]] },
			'One item per message': { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

function bulkMessages(run, n) {
	return Array.from({ length: n }, (_, i) => ({ patient_id: PATIENTS[i % PATIENTS.length], text: `${run} message ${i}` }));
}

function triggerWorkflow({ id = 'queueTrigger', name = 'Queue: Hero trigger', webhookId = 'a1b2c3d4-0000-4000-8000-00000000a001', events = ['appointment.confirmed'], credential } = {}) {
	return {
		id,
		name,
		nodes: [
			{
				id: 'queue-trigger',
				name: 'Hero event',
				type: `${n8n.PACKAGE_NAME}.heroHealthTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events, options: {} },
				credentials: credentialRef(credential),
			},
			heroSend('Send', [260, 0], { patient: '={{ $json.body.data.patient_id }}', text: '=event {{ $json.body.id }}', credential }),
		],
		connections: { 'Hero event': { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

module.exports = { PATIENTS, bulkSendWorkflow, bulkMessages, triggerWorkflow };
