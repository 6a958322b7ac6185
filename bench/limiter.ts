/**
 * Limiter benchmark: N sends through the package's transport, inside n8n's engine, against the
 * stand-in enforcing L requests/minute. Prints achieved rate / L, 429s the workflow saw, 429s
 * Hero answered, duplicates and misses (from the stand-in's log).
 *
 *   npm run bench:limiter -- [N=300] [L=3000]
 */
import { HeroTransportProbe } from '../test/fixtures/HeroTransportProbe.node';
import { items, runHero, startTestStandin } from '../test/helpers';

async function main() {
	const count = Number(process.argv[2] ?? 300);
	const perMinute = Number(process.argv[3] ?? 3000);
	const standin = await startTestStandin({ rateLimitPerMinute: perMinute });
	try {
		const patientId = standin.fixtures.patient.id;
		const requests = Array.from({ length: count }, (_, i) => ({
			method: 'POST',
			path: '/v1/messages/send',
			body: { patient_id: patientId, message_type: 'sms', message_string: `Bench message ${i}` },
		}));
		const started = Date.now();
		const result = await runHero(
			standin,
			{},
			{
				nodeType: new HeroTransportProbe(),
				items: items(requests),
				continueOnFail: true,
				credentials: { rateLimitPerMinute: perMinute },
			},
		);
		const elapsedMs = Date.now() - started;

		const sends = standin.log.filter((entry) => entry.path === '/v1/messages/send');
		const landed = sends.filter((entry) => entry.fault === null && entry.status === 200);
		const times = sends.map((entry) => Date.parse(entry.time));
		const spanMs = Math.max(...times) - Math.min(...times);
		// n requests evenly spaced span n-1 gaps, so the rate is measured over those gaps.
		const achievedPerMinute = ((sends.length - 1) / spanMs) * 60_000;
		const perMessage = new Map<string, number>();
		for (const entry of landed) {
			const text = (entry.body as { message_string: string }).message_string;
			perMessage.set(text, (perMessage.get(text) ?? 0) + 1);
		}
		const duplicates = [...perMessage.values()].filter((times) => times > 1).length;
		const misses = requests.filter((request) => !perMessage.has(request.body.message_string)).length;
		const surfaced429 = result.items.filter((item) => item.json.httpCode === '429').length;
		const errors = result.items.filter((item) => item.json.error).length;

		console.log(`requests              ${count}`);
		console.log(`configured limit      ${perMinute}/min`);
		console.log(`achieved rate         ${achievedPerMinute.toFixed(0)}/min`);
		console.log(`achieved / limit      ${(achievedPerMinute / perMinute).toFixed(3)}`);
		console.log(`wall time             ${(elapsedMs / 1000).toFixed(2)} s`);
		console.log(`429s Hero answered    ${sends.filter((entry) => entry.status === 429).length}`);
		console.log(`429s seen by workflow ${surfaced429}`);
		console.log(`error items           ${errors}`);
		console.log(`duplicates            ${duplicates}`);
		console.log(`misses                ${misses}`);
	} finally {
		await standin.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
