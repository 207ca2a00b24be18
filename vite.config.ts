import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Two crypto libraries import Node's `crypto` only as a fallback for Web Crypto, which every supported
// browser has: the build's warning about it concerns no user. Any other externalized module still warns.
const KNOWN_NODE_FALLBACKS =
	/externalized for browser compatibility, imported by "[^"]*\/node_modules\/(@cloudflare\/blindrsa-ts|@hpke)\//;

/** Integration tests of SQLite's own storage: run in the SQLite project only. */
const SQLITE_STORAGE_TESTS = [
	'tests/integration/anonymity.test.ts',
	'tests/integration/db.test.ts',
	'tests/integration/durable-commit.test.ts',
	'tests/integration/opening-kill.test.ts',
	'tests/integration/sealed-attack.test.ts',
	'tests/integration/sheet-count-worker.test.ts',
	'tests/integration/storage-faults.test.ts'
];

/** Integration tests that open no database (real files, server-side rendering): nothing to repeat on PostgreSQL. */
const ENGINE_FREE_TESTS = ['tests/integration/tabular-file.test.ts', 'tests/integration/templates-form.test.ts'];

/** What both end-to-end projects (SQLite, PostgreSQL) share. */
const E2E_TEST = {
	environment: 'node',
	testTimeout: 120_000,
	hookTimeout: 120_000,
	// Two files at a time: each file's server and browser wait on each other more than they compute, so two
	// share the 2 cores well (all 100 tests passed so while a benchmark loaded the machine to ~10).
	fileParallelism: true,
	maxWorkers: 2,
	expect: { requireAssertions: true },
	// Seeds the demo database once per run for every demo server (tests/e2e/support/demo-template.ts).
	globalSetup: ['tests/e2e/support/global-setup.ts']
};

/**
 * Vitest's default is the number of cores minus one: one worker on 2 cores. Integration files wait on
 * fsync, PostgreSQL and child processes about 40% of the time: two workers take 280 s instead of 464 s here.
 */
const INTEGRATION_WORKERS = 2;

export default defineConfig(({ command }) => ({
	plugins: [sveltekit()],
	// `npm run build` prints warnings and errors only (no list of ~300 output files); `vite dev` still says its URL.
	logLevel: command === 'build' ? 'warn' : 'info',
	build: {
		rolldownOptions: {
			// No "[PLUGIN_TIMINGS]" report on how long each plugin took.
			checks: { bundlerTimings: false },
			// onLog, not onwarn: SvelteKit sets its own onwarn, which would replace ours.
			onLog(level, log, handler) {
				if (level === 'warn' && KNOWN_NODE_FALLBACKS.test(log.message)) return;
				handler(level, log);
			}
		}
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					// Key generation in hooks (RSA cell keys) can take many times longer while both CPUs are busy.
					hookTimeout: 60_000,
					// Unit tests touch no process-wide state (no env, no mocks, no app singleton): one module graph per
					// worker instead of one per file halves their CPU time. Integration tests do set env and use the
					// app's singleton, so they stay isolated.
					isolate: false,
					maxWorkers: INTEGRATION_WORKERS
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					// PostgreSQL's own tests need the cluster only integration-pg starts.
					exclude: ['tests/integration/postgres-*.test.ts'],
					environment: 'node',
					// Real work (seeding, argon2, RSA blind signatures, child processes) runs several times
					// slower on a busy machine: the limits catch hangs, not slowness.
					testTimeout: 60_000,
					hookTimeout: 120_000,
					maxWorkers: INTEGRATION_WORKERS,
					// Seeds the demo template once per run (tests/integration/demo-template.ts).
					globalSetup: ['tests/integration/global-setup.ts']
				}
			},
			{
				// The same integration tests on a real PostgreSQL the run starts itself (issue 17), but those that
				// read SQLite's own storage (its file, WAL, pages, pragmas): PostgreSQL's are read by their own files;
				// and those that open no database.
				extends: true,
				test: {
					name: 'integration-pg',
					include: ['tests/integration/**/*.test.ts'],
					exclude: [...SQLITE_STORAGE_TESTS, ...ENGINE_FREE_TESTS],
					environment: 'node',
					env: { TEST_DATABASE: 'postgres' },
					testTimeout: 60_000,
					hookTimeout: 120_000,
					maxWorkers: INTEGRATION_WORKERS,
					globalSetup: ['tests/integration/global-setup.ts', 'tests/integration/global-setup-postgres.ts']
				}
			},
			{
				// Drives the built server (npm run build first) in Debian's Chromium; $lib is
				// aliased only so tests can prepare database files with the real services.
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: { ...E2E_TEST, name: 'e2e', include: ['tests/e2e/**/*.test.ts'] }
			},
			{
				// The end-to-end tests again, each server on a PostgreSQL database of the run's throw-away cluster (issue 17),
				// but the two about one engine: disk-full fills SQLite's file system, several-processes runs on PostgreSQL
				// already. Axe is not run again here (tests/e2e/support/browser.ts): the markup does not depend on the
				// engine, and axe was 45% of the browser's work.
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					...E2E_TEST,
					name: 'e2e-pg',
					include: ['tests/e2e/**/*.test.ts'],
					exclude: ['tests/e2e/disk-full.test.ts', 'tests/e2e/several-processes.test.ts'],
					env: { TEST_DATABASE: 'postgres' },
					globalSetup: [...E2E_TEST.globalSetup, 'tests/integration/global-setup-postgres.ts']
				}
			}
		]
	}
}));
