import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { heroHealthIcon } from './icon';
import { EVENT_HEADER, heroWebhookEvents } from './trigger/events';
import type { Registrations } from './trigger/registrations';
import { registrationsIn, removeRegistrations, signingKeysOf } from './trigger/registrations';
import type { DeliveryHeaders, Verdict } from './trigger/signature';
import { SIGNATURE_HEADER, newSigningKey, verify } from './trigger/signature';
import { AcceptedHere, acceptedIn, deliveryKey, forgetAccepted, isRecorded, recordAccepted } from './trigger/acceptedDeliveries';
import { envelopeOf, fetchRecord } from './trigger/records';
import { HERO_ENVIRONMENT_URLS, heroConnection, heroPaths, heroRequest } from './transport/request';

// Shared by every Hero Health Trigger in this n8n process (digests differ per signing key). The record
// every process sees is in the node's static data; this also covers the moments before n8n saves it.
const acceptedHere = new AcceptedHere();

function selectedEvents(context: IHookFunctions): string[] {
	return context.getNodeParameter('events', []) as string[];
}

interface TriggerOptions {
	fetchRecord?: boolean;
	includeHeaders?: boolean;
	includeRawBody?: boolean;
}

export class HeroHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health Trigger',
		name: 'heroHealthTrigger',
		icon: heroHealthIcon,
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Events: " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Hero Health sends a signed webhook event',
		defaults: { name: 'Hero Health Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				options: heroWebhookEvents,
				default: [],
				required: true,
				description: 'The Hero Health events that start the workflow. Each one is registered as its own Hero webhook.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Fetch Record',
						name: 'fetchRecord',
						type: 'boolean',
						default: true,
						description:
							'Whether to read the record the event is about (the appointment, patient, form response or message) from Hero and output it as "record". Hero\'s delivery names only the record\'s ID.',
					},
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: true,
						description: "Whether to output the delivery's HTTP headers (the signature header is always left out)",
					},
					{
						displayName: 'Include Raw Body',
						name: 'includeRawBody',
						type: 'boolean',
						default: false,
						description: 'Whether to also output the body exactly as Hero sent it, as text',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			// Read-only: true only when Hero still has, at this URL, exactly the registrations recorded for the selected events.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const registrations = registrationsIn(this.getWorkflowStaticData('node'));
				const events = selectedEvents(this);
				const recorded = Object.keys(registrations);
				if (recorded.length !== events.length || !events.every((event) => recorded.includes(event))) return false;

				const url = this.getNodeWebhookUrl('default');
				const secrets = signingKeysOf(registrations);
				// One list per event: filtered lists stay short, so an unpaged read sees every registration.
				for (const event of events) {
					const listed = await heroRequest.call(this, {
						method: 'GET',
						path: heroPaths.webhooks,
						qs: { event_type: event },
						secrets,
					});
					const webhooks = (Array.isArray(listed.data) ? listed.data : []) as IDataObject[];
					const found = webhooks.some(
						(webhook) => String(webhook.id) === registrations[event].id && webhook.event_type === event && webhook.url === url,
					);
					if (!found) return false;
				}
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const url = this.getNodeWebhookUrl('default') ?? '';
				const { baseUrl } = await heroConnection.call(this);
				if (baseUrl === HERO_ENVIRONMENT_URLS.production && !url.startsWith('https://')) {
					throw new NodeOperationError(
						this.getNode(),
						`Hero Health delivers webhooks over HTTPS only, and this workflow's webhook URL is ${url}`,
						{
							description:
								'Run n8n behind a public HTTPS address and set its WEBHOOK_URL to that address, then activate the workflow again.',
						},
					);
				}

				// Registrations from an earlier activation (perhaps for other events) would keep delivering.
				await removeRegistrations.call(this, staticData);

				const registrations: Registrations = {};
				for (const event of selectedEvents(this)) {
					const signingKey = newSigningKey();
					try {
						const webhook = await heroRequest.call(this, {
							method: 'POST',
							path: heroPaths.webhooks,
							body: {
								event_type: event,
								url,
								signing_key: signingKey,
								description: `n8n workflow ${this.getWorkflow().id ?? ''}`.trim(),
								headers: { [EVENT_HEADER]: event },
							},
							secrets: [signingKey, ...signingKeysOf(registrations)],
						});
						registrations[event] = { id: String(webhook.id), signingKey };
						staticData.registrations = registrations;
					} catch (error) {
						// A workflow that failed to activate must not leave Hero delivering to it.
						await removeRegistrations.call(this, staticData);
						throw new NodeApiError(this.getNode(), error as JsonObject);
					}
				}
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				await removeRegistrations.call(this, staticData);
				// a new activation registers new signing keys, so no old delivery can pass again
				forgetAccepted(staticData);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData() as DeliveryHeaders;
		const rawBody = this.getRequestObject().rawBody ?? Buffer.alloc(0);
		const text = rawBody.toString('utf8');
		const envelope = envelopeOf(text);
		// The header this node asked Hero to add names the registration; without it (a proxy may strip unknown
		// headers) the event the body names does. Either way the signature must check out with that event's key.
		const labelled = headers[EVENT_HEADER];
		const event = typeof labelled === 'string' && labelled !== '' ? labelled : String(envelope.event ?? '');
		const staticData = this.getWorkflowStaticData('node');
		const registrations = registrationsIn(staticData);
		const receivedAt = Date.now();

		const verdict: Verdict = Object.hasOwn(registrations, event)
			? verify(rawBody, headers, registrations[event].signingKey, receivedAt)
			: { ok: false, reason: `this node registered no webhook for the event "${event}"` };
		if (!verdict.ok) {
			this.logger.debug(`Hero Health Trigger refused a delivery: ${verdict.reason}`);
			this.getResponseObject().status(401).json({ message: 'The Hero Health signature check failed' });
			return { noWebhookResponse: true };
		}

		// Already accepted by any n8n process of this instance (the record in static data), or by this
		// process (also in the moments before n8n has saved the record).
		const key = deliveryKey(verdict.digest);
		const trigger = `${this.getWorkflow().id ?? ''}/${this.getNode().name}`;
		if (isRecorded(acceptedIn(staticData), key, receivedAt) || !acceptedHere.add(trigger, key, receivedAt)) {
			this.logger.debug('Hero Health Trigger ignored a delivery it had already accepted');
			this.getResponseObject().status(200).json({ message: 'Already received' });
			return { noWebhookResponse: true };
		}
		// with all this process accepted for this trigger, in case another process's save dropped some
		recordAccepted(staticData, acceptedHere.kept(trigger, receivedAt), receivedAt);
		// Answering here (noWebhookResponse) is what makes n8n save the record, as it hands the run over;
		// when n8n answers for the node, it saves nothing (see trigger/acceptedDeliveries.ts). Hero has its
		// answer before the record is read, so a slow read never makes Hero send the delivery again.
		this.getResponseObject().status(200).json({ message: 'Received' });

		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const json: IDataObject = {
			event: typeof envelope.event === 'string' ? envelope.event : event,
			object: envelope.object ?? null,
			id: envelope.id ?? null,
			practiceGroupId: envelope.practice_group_id ?? null,
			receivedAt: new Date(receivedAt).toISOString(),
		};
		if (options.fetchRecord !== false) Object.assign(json, await fetchRecord.call(this, envelope, signingKeysOf(registrations)));
		if (options.includeHeaders !== false) {
			const rest: IDataObject = { ...headers };
			delete rest[SIGNATURE_HEADER];
			json.headers = rest;
		}
		if (options.includeRawBody) json.rawBody = text;
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}
