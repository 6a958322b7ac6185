// The examples as shipped, before anything local is attached: users import them into their own n8n, so they
// name no credential, URL or key of this repo's stand-in (the local instances attach those at import:
// withLocalCredentials in scripts/lib/n8n/examples.ts), and the Elements-token webhook is closed as imported.
// What the workflows do is run in real n8n by test/e2e/02-examples.e2e.ts.
import * as fs from 'fs';
import * as path from 'path';

import {
	DEMO_CALLER_CREDENTIAL,
	DEMO_FORM_CREDENTIAL,
	mailboxCredential,
	scriptedModelCredential,
	standinCredential,
} from '../scripts/lib/n8n/credentials';
import { EXAMPLES_DIR, exampleFiles, readExample } from '../scripts/lib/n8n/examples';

const standin = standinCredential('http://127.0.0.1');
const model = scriptedModelCredential('http://127.0.0.1');
// (the demo header's name may appear: the Elements example suggests it for the user's own credential)
const LOCAL = [
	standin.id,
	standin.name,
	standin.data.apiKey,
	standin.data.practiceGroupId,
	standin.data.baseUrl,
	DEMO_CALLER_CREDENTIAL.id,
	DEMO_CALLER_CREDENTIAL.name,
	DEMO_CALLER_CREDENTIAL.data.value,
	model.id,
	model.name,
	model.data.apiKey,
	DEMO_FORM_CREDENTIAL.id,
	DEMO_FORM_CREDENTIAL.name,
	DEMO_FORM_CREDENTIAL.data.password,
	mailboxCredential(0).id,
	mailboxCredential(0).name,
	'localhost',
	'127.0.0.1',
].map(String);

it.each(exampleFiles().map((file) => path.basename(file)))(
	'%s names no credential, and nothing of the local stand-in',
	(file) => {
		const credentialed = readExample(file)
			.nodes.filter((node) => node.credentials)
			.map((node) => node.name);
		expect(credentialed).toEqual([]);
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
		expect(LOCAL.filter((local) => text.includes(local))).toEqual([]);
	},
);

it.each(exampleFiles().map((file) => path.basename(file)))(
	'%s is safe as imported: a workflow ID n8n accepts, no open form or webhook, email only to placeholder addresses',
	(file) => {
		const workflow = readExample(file);
		// n8n takes a longer ID as no ID and then saves no static data: a Hero trigger would lose its signing keys
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,21}$/);
		const open = workflow.nodes.filter(
			(node) =>
				['n8n-nodes-base.formTrigger', 'n8n-nodes-base.webhook'].includes(node.type) &&
				!['basicAuth', 'headerAuth'].includes(String(node.parameters.authentication)),
		);
		expect(open.map((node) => node.name)).toEqual([]);
		const addresses = workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-base.emailSend')
			.flatMap((node) => [node.parameters.fromEmail, node.parameters.toEmail].map(String));
		// .example is reserved (RFC 2606): nobody receives a practice's email by mistake
		expect(addresses.filter((address) => !/^[a-z0-9.-]+@[a-z0-9.-]+\.example$/.test(address))).toEqual([]);
	},
);

it('05 Elements token: the webhook asks for a Header Auth credential and allows one placeholder origin', () => {
	const webhooks = readExample('05-elements-token-for-web-page.json').nodes.filter(
		(node) => node.type === 'n8n-nodes-base.webhook',
	);
	expect(webhooks).toHaveLength(1);
	expect(webhooks[0].parameters).toMatchObject({
		authentication: 'headerAuth',
		// .example is reserved (RFC 2606): no real site, so nobody leaves it as it is by mistake
		options: { allowedOrigins: expect.stringMatching(/^https:\/\/[a-z0-9.-]+\.example$/) },
	});
});

it.each(exampleFiles().map((file) => path.basename(file)))('%s has no public Chat Trigger', (file) => {
	const chats = readExample(file).nodes.filter((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	for (const chat of chats)
		expect({ name: chat.name, public: chat.parameters.public }).toEqual({ name: chat.name, public: false });
});

it('13 capacity assistant: its agent has only Hero Health tools, each fixed to a read operation', () => {
	const workflow = readExample('13-staff-capacity-assistant.json');
	const connections = workflow.connections ?? {};
	const tools = Object.keys(connections).filter((name) => 'ai_tool' in connections[name]);
	const toolNodes = workflow.nodes.filter((node) => tools.includes(node.name));
	expect(toolNodes.map((node) => node.type)).toEqual(tools.map(() => 'n8n-nodes-hero-health.heroHealthTool'));
	// a plain value, not an expression, so the model cannot choose the operation
	expect(toolNodes.map((node) => `${String(node.parameters.resource)} ${String(node.parameters.operation)}`).sort()).toEqual([
		'appointmentType getAll',
		'location getAll',
		'practitioner getAll',
		'slot getAll',
	]);
});

it.each(exampleFiles().map((file) => path.basename(file)))(
	'%s has no Webhook or Form Trigger open to callers without a credential',
	(file) => {
		const open = readExample(file)
			.nodes.filter(
				(node) =>
					['n8n-nodes-base.webhook', 'n8n-nodes-base.formTrigger'].includes(node.type) &&
					[undefined, 'none'].includes(node.parameters.authentication as string | undefined),
			)
			.map((node) => node.name);
		expect(open).toEqual([]);
	},
);

// A data table's ID is made by the n8n instance that holds it, so an imported workflow must name its tables and
// create them itself (docs/automations.md, "Keeping a list and waiting").
it.each(exampleFiles().map((file) => path.basename(file)))('%s names its data tables and creates each one it uses', (file) => {
	const tables = readExample(file).nodes.filter((node) => node.type === 'n8n-nodes-base.dataTable');
	const created = tables
		.filter((node) => node.parameters.resource === 'table' && node.parameters.operation === 'create')
		.map((node) => {
			expect(node.parameters.options).toMatchObject({ createIfNotExists: true });
			return node.parameters.tableName;
		});
	for (const node of tables.filter((n) => n.parameters.resource !== 'table')) {
		const table = node.parameters.dataTableId as { mode: string; value: string };
		expect({ node: node.name, mode: table.mode, created: created.includes(table.value) }).toEqual({
			node: node.name,
			mode: 'name',
			created: true,
		});
	}
});
