import type { INodeExecutionData } from 'n8n-workflow';

import { nhsNumberProblem } from '../nodes/HeroHealth/validation';
import type { Standin } from './helpers';
import { inputFrom, items, answeredRequestsTo, runHero, setUpTestStandin } from './helpers';

let standin: Standin;

const PEOPLE = 50;

/** NHS numbers in the 999 test range: for each stem, the one last digit that passes the check. */
function testNhsNumbers(count: number): string[] {
	const numbers: string[] = [];
	for (let stem = 999_060_000; numbers.length < count; stem++) {
		const valid = [...'0123456789'].map((check) => `${stem}${check}`).find((n) => !nhsNumberProblem(n));
		if (valid) numbers.push(valid);
	}
	return numbers;
}

setUpTestStandin((started) => (standin = started));

/**
 * 50 people to message: the seeded Hero patients whose SMS is not restricted, topped up with
 * synthetic people who are only on the stand-in's Spine (PDS), so Register From PDS creates them.
 */
function fiftyPeople(): Array<{ nhs: string; dob: string }> {
	const existing = standin.state.patients
		.filter((p) => p.nhs_number && !p.restrictions.includes('sms') && p.status !== 'archived')
		.map((p) => ({ nhs: String(p.nhs_number), dob: String(p.dob) }));
	const spineOnly = testNhsNumbers(PEOPLE - existing.length).map((nhs, n) => {
		const person = {
			nhs_number: nhs,
			forename: `Synthetic${n}`,
			surname: 'Person',
			dob: `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`,
			postcode: 'LS1 4AP',
			sex: 'Not known',
			mobile: `07700 900${String(500 + n).padStart(3, '0')}`,
			requiresVerification: false,
		};
		standin.state.pds.push(person);
		return { nhs, dob: person.dob };
	});
	return [...existing, ...spineOnly];
}

const pairedInOrder = (output: INodeExecutionData[]) => output.map((item) => item.pairedItem);
const countBy = (values: unknown[]) => values.reduce<Map<unknown, number>>((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map());

it('Register From PDS → Send (SMS) → Get message: 50 people, each messaged exactly once', async () => {
	const people = fiftyPeople();
	expect(people).toHaveLength(PEOPLE);
	expect(new Set(people.map((p) => p.nhs)).size).toBe(PEOPLE);
	const inOrder = Array.from({ length: PEOPLE }, (_, item) => ({ item }));

	const registered = await runHero(
		standin,
		{
			resource: 'patient',
			operation: 'registerFromPds',
			findBy: 'nhsNumber',
			nhsNumber: '={{ $json.nhs }}',
			dateOfBirth: '={{ $json.dob }}',
		},
		{ items: items(people) },
	);
	expect(registered.error).toBeUndefined();
	expect(pairedInOrder(registered.items)).toEqual(inOrder);
	expect(registered.items.every((item) => item.json.status === 'registered')).toBe(true);
	const registrations = answeredRequestsTo(standin, 'POST', '/v1/patients/register_pds');
	expect(registrations.map((entry) => (entry.body as { nhs_number: string }).nhs_number)).toEqual(people.map((p) => p.nhs));
	const patientIds = registered.items.map((item) => String(item.json.patient_id));
	// each person resolves to their own Hero patient
	expect(patientIds).toEqual(people.map((p) => standin.state.patients.find((patient) => patient.nhs_number === p.nhs)?.id));

	const sent = await runHero(
		standin,
		{
			resource: 'message',
			operation: 'send',
			patientId: { __rl: true, mode: 'id', value: '={{ $json.patient_id }}' },
			channel: 'sms',
			message: 'Your repeat prescription is ready to collect.',
		},
		{ items: inputFrom(registered.items) },
	);
	expect(sent.error).toBeUndefined();
	expect(pairedInOrder(sent.items)).toEqual(inOrder);
	const sends = answeredRequestsTo(standin, 'POST', '/v1/messages/send');
	expect(sends.every((entry) => entry.valid && entry.status === 200)).toBe(true);
	const messaged = sends.map((entry) => (entry.body as { patient_id: string }).patient_id);
	// Several sends are in flight at once (Requests in Flight), so they may reach Hero in any order.
	expect([...messaged].sort()).toEqual([...patientIds].sort());
	expect([...countBy(messaged).values()].every((count) => count === 1)).toBe(true);
	expect(standin.state.messages).toHaveLength(PEOPLE);

	const fetched = await runHero(
		standin,
		{ resource: 'message', operation: 'get', messageId: '={{ $json.message_id }}' },
		{ items: inputFrom(sent.items) },
	);
	expect(fetched.error).toBeUndefined();
	expect(pairedInOrder(fetched.items)).toEqual(inOrder);
	expect(
		answeredRequestsTo(standin, 'GET', /^\/v1\/messages\/\d+$/)
			.map((entry) => entry.path)
			.sort(),
	).toEqual(sent.items.map((item) => `/v1/messages/${String(item.json.message_id)}`).sort());
	expect(fetched.items.map((item) => item.json.patient_id)).toEqual(patientIds);
	expect(fetched.items.every((item) => item.json.status === 'delivered' && item.json.sent_at)).toBe(true);
	// nothing was sent twice, and nothing else was sent
	expect(standin.log).toHaveLength(PEOPLE * 3);
});
