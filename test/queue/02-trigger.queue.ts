// The Hero Health Trigger in queue mode: Hero delivers to the load balancer, which hands deliveries to the
// main or the webhook processor. One run per genuine delivery, whichever process takes it or takes it
// again, and after every n8n process restarted; deactivation leaves nothing registered at Hero.
import type { AcceptedRecord } from '../../nodes/HeroHealth/trigger/acceptedDeliveries';
import type { Registrations } from '../../nodes/HeroHealth/trigger/registrations';
import type { WorkflowJson } from '../../scripts/lib/n8n/json';
import type { DeliveryLogEntry } from '../../standin';
import { confirmAppointment } from '../e2e/helpers';
import {
	balancerLog,
	contractViolationsSince,
	deliverWebhook,
	executionRows,
	isFinished,
	lastSeq,
	logSince,
	publicApi,
	queue,
	restart,
	standinDeliveries,
	standinState,
	waitFor,
} from './helpers';

const { workflows, urls, balancerUrl } = queue();
const wf = workflows.trigger;
const triggerNode = wf.nodes.find((node) => node.type.endsWith('.heroHealthTrigger'))!;
const webhookPath = `${triggerNode.webhookId}/webhook`;
const productionUrl = `${balancerUrl}/webhook/${webhookPath}`;
/** The processes that take production webhooks (the main answers them too unless told not to). */
const TAKERS = ['main', 'webhook-1'];

let since = 0;
const genuine: Record<string, DeliveryLogEntry> = {};

const ours = async () => (await standinState()).webhooks.filter((hook) => hook.url === productionUrl);

/** What the trigger keeps in its static data: its registrations at Hero, and the deliveries it accepted. */
interface TriggerStaticData {
	registrations?: Registrations;
	acceptedDeliveries?: AcceptedRecord;
}

/** The node's static data as n8n saved it in its database. */
async function nodeStaticData(): Promise<TriggerStaticData> {
	const workflow = await publicApi<WorkflowJson>('GET', `/workflows/${wf.id}`);
	return ((workflow.staticData ?? {})[`node:${triggerNode.name}`] ?? {}) as TriggerStaticData;
}

/** A delivery's key in the record: 128 bits of its HMAC (the stand-in signs in hex). */
const keyOf = (delivery: DeliveryLogEntry) =>
	delivery.headers['X-Herohealth-Signature']
		.replace(/^sha256=/, '')
		.slice(0, 32)
		.toLowerCase();

/** Sends a delivery the stand-in made again, byte for byte, to `url`. */
async function resend(delivery: DeliveryLogEntry, url: string) {
	const headers = Object.fromEntries(
		Object.entries(delivery.headers).filter(([name]) => !/^(content-length|host|connection)$/i.test(name)),
	);
	const res = await fetch(url, { method: 'POST', headers, body: delivery.body });
	return { status: res.status, body: await res.text() };
}

/** Hero's delivery of appointment.confirmed for `appointment`, sent by the stand-in through the balancer. */
async function deliverGenuine(appointment: string): Promise<DeliveryLogEntry> {
	const results = await deliverWebhook({ event_type: 'appointment.confirmed', id: appointment });
	expect(results.map((r) => [r.url, r.status])).toEqual([[productionUrl, 200]]);
	return await deliveryOf(appointment);
}

/** The one delivery made to this workflow about `appointment`. */
async function deliveryOf(appointment: string): Promise<DeliveryLogEntry> {
	const delivery = (await standinDeliveries()).filter((d) => d.url === productionUrl && JSON.parse(d.body).id === appointment);
	expect(delivery).toHaveLength(1);
	return delivery[0];
}

/** Runs in n8n's database once every run is finished; a row exists from the moment n8n hands its run over. */
async function settledRuns(count: number) {
	return await waitFor(`${count} finished runs`, async () => {
		const rows = await executionRows(wf.id);
		return rows.length >= count && rows.every((row) => isFinished(row.status)) ? rows : undefined;
	});
}

/** The SMS each run sends, by the appointment its delivery named, as Hero (the stand-in) received them. */
async function smsByEvent(): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const entry of await logSince(since)) {
		if (entry.operationId !== 'sendMessage' || entry.status !== 200) continue;
		const text = (entry.body as { message_string: string }).message_string;
		counts[text] = (counts[text] ?? 0) + 1;
	}
	return counts;
}

beforeAll(async () => {
	since = await lastSeq();
});

it('activating registers one signed Hero webhook at the load balancer, the address N8N_WEBHOOK_URL gives', async () => {
	await publicApi('POST', `/workflows/${wf.id}/activate`);
	const hooks = await waitFor('the Hero registration', async () => {
		const found = await ours();
		return found.length ? found : undefined;
	});
	expect(hooks).toHaveLength(1);
	expect(hooks[0]).toMatchObject({ event_type: 'appointment.confirmed', url: productionUrl });
	expect(Object.keys((await nodeStaticData()).registrations!)).toEqual(['appointment.confirmed']);
});

it('two genuine deliveries, each sent again to the other process, start two runs; n8n saved the record of both in its database', async () => {
	// the two confirmed appointments the stand-in is seeded with
	for (const [n, id] of ['5001', '5002'].entries()) {
		genuine[id] = await deliverGenuine(id);
		// Hero's next event comes once this one's run is done. n8n saves the record moments after the
		// trigger's answer: two processes taking deliveries within those milliseconds can drop one's
		// entry until that process's next delivery (see "Running in queue mode" in the README).
		await settledRuns(n + 1);
	}
	const taken = (await balancerLog()).filter((entry) => entry.path === `/webhook/${webhookPath}`).map((entry) => entry.backend);
	expect(new Set(taken)).toEqual(new Set(TAKERS)); // the balancer gave one to each

	const repeats = [];
	for (const [i, delivery] of [genuine['5001'], genuine['5002']].entries()) {
		const other = TAKERS.find((name) => name !== taken[i])!;
		repeats.push(await resend(delivery, `${urls[other]}/webhook/${webhookPath}`));
	}
	expect(repeats).toEqual(Array(2).fill({ status: 200, body: JSON.stringify({ message: 'Already received' }) }));

	// every run's row exists from its hand-over (moments after the answer), long before any run finishes
	const rows = await settledRuns(2);
	expect(rows.map((row) => row.status)).toEqual(['success', 'success']);
	expect(await smsByEvent()).toEqual({ 'event 5001': 1, 'event 5002': 1 });
	// what webhook() wrote to static data is in n8n's database (saved moments after the node's answer)
	expect(Object.keys((await nodeStaticData()).acceptedDeliveries ?? {}).sort()).toEqual(
		[keyOf(genuine['5001']), keyOf(genuine['5002'])].sort(),
	);
});

it('the same deliveries sent again to every process after n8n restarted start no run; a new one does', async () => {
	await restart(TAKERS); // the processes that take deliveries: whatever they held in memory is gone
	for (const delivery of Object.values(genuine)) {
		for (const url of [productionUrl, ...TAKERS.map((name) => `${urls[name]}/webhook/${webhookPath}`)]) {
			expect(await resend(delivery, url)).toEqual({ status: 200, body: JSON.stringify({ message: 'Already received' }) });
		}
	}
	expect((await executionRows(wf.id)).length).toBe(2);

	// a patient confirms a new appointment: Hero's own delivery of it
	const { appointmentId } = await confirmAppointment('1003', queue().standinUrl);
	await waitFor('the delivery of the new appointment', async () =>
		(await standinDeliveries()).some((d) => d.status === 200 && JSON.parse(d.body).id === appointmentId),
	);
	await deliveryOf(appointmentId);
	const rows = await settledRuns(3);
	expect(rows.map((row) => row.status)).toEqual(['success', 'success', 'success']);
	expect(await smsByEvent()).toEqual({ 'event 5001': 1, 'event 5002': 1, [`event ${appointmentId}`]: 1 });
});

it('deactivating deletes the registration from Hero and the record from n8n; a delivery after that starts nothing', async () => {
	const before = await lastSeq();
	const runsBefore = (await executionRows(wf.id)).length;
	await publicApi('POST', `/workflows/${wf.id}/deactivate`);
	await waitFor('the registration to go', async () => (await ours()).length === 0);
	expect((await standinState()).webhooks).toEqual([]);
	const deletes = (await logSince(before)).filter((entry) => entry.operationId === 'deleteWebhook');
	expect(deletes.map((entry) => entry.status)).toEqual([200]);
	expect(await nodeStaticData()).toEqual({});

	// Hero has nothing to deliver to; the old address runs nothing on any process
	expect(await deliverWebhook({ event_type: 'appointment.confirmed' })).toEqual([]);
	const [first] = Object.values(genuine);
	for (const url of [productionUrl, ...TAKERS.map((name) => `${urls[name]}/webhook/${webhookPath}`)]) {
		expect((await resend(first, url)).status).toBe(404);
	}
	expect((await executionRows(wf.id)).length).toBe(runsBefore);
});

it('every request the stand-in received matched the Hero contract', async () => {
	expect(await contractViolationsSince(since)).toEqual([]);
});
