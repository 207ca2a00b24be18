// `npm run bench`: every benchmark in turn, each in its own process (fresh heap, its own peak memory), so that
// one missed target does not hide the figures of the others; exits 1 when any of them missed its target.
import { spawnSync } from 'node:child_process';

/** A bench file, and the environment of this run of it (the HTTP path on PostgreSQL: issue 17). */
const BENCHES: (string | [string, Record<string, string>])[] = [
	'main',
	'roster',
	'roster-import',
	'roster-import-server',
	'credential',
	'respondent',
	'delivery',
	'monitor',
	'results',
	'sealed',
	'signing',
	'durability',
	'statements',
	'http-path',
	['http-path', { BENCH_HTTP_ENGINE: 'postgres', BENCH_HTTP_PROCESSES: '1', BENCH_HTTP_MODES: 'path' }],
	['http-path', { BENCH_HTTP_ENGINE: 'postgres', BENCH_HTTP_PROCESSES: '3', BENCH_HTTP_MODES: 'path' }],
	'respondent-page'
];

const missed: string[] = [];
for (const bench of BENCHES) {
	const [name, env] = typeof bench === 'string' ? [bench, {}] : bench;
	const label = `${name}${
		Object.keys(env).length
			? ` (${Object.entries(env)
					.map(([k, v]) => `${k}=${v}`)
					.join(' ')})`
			: ''
	}`;
	console.log(`\n=== tests/bench/${label} ===`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${name}.ts`], {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	if (run.status !== 0) missed.push(`${label} (exit ${run.status ?? run.signal})`);
}
console.log(
	missed.length
		? `\nbench: ${missed.length} of ${BENCHES.length} missed a target or failed: ${missed.join(', ')}`
		: `\nbench: all ${BENCHES.length} met their targets`
);
process.exit(missed.length ? 1 : 0);
