// `npm run bench`: every benchmark in turn, each in its own process (fresh heap, its own peak memory), so that
// one missed target does not hide the figures of the others; exits 1 when any of them missed its target.
import { spawnSync } from 'node:child_process';

const BENCHES = [
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
	'respondent-page'
];

const missed: string[] = [];
for (const name of BENCHES) {
	console.log(`\n=== tests/bench/${name}.ts ===`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', `tests/bench/${name}.ts`], { stdio: 'inherit' });
	if (run.status !== 0) missed.push(`${name} (exit ${run.status ?? run.signal})`);
}
console.log(
	missed.length
		? `\nbench: ${missed.length} of ${BENCHES.length} missed a target or failed: ${missed.join(', ')}`
		: `\nbench: all ${BENCHES.length} met their targets`
);
process.exit(missed.length ? 1 : 0);
