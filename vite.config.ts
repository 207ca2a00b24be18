import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				// Key generation in hooks (RSA cell keys) can take many times longer while both CPUs are busy.
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', hookTimeout: 60_000 }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Real work (seeding, argon2, RSA blind signatures, child processes) runs several times
					// slower on a busy machine: the limits catch hangs, not slowness.
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// Seeds the demo template once per run (tests/integration/demo-template.ts).
					globalSetup: ['tests/integration/global-setup.ts']
				}
			},
			{
				// Drives the built server (npm run build first) in Debian's Chromium; $lib is
				// aliased only so tests can prepare database files with the real services.
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					fileParallelism: false,
					expect: { requireAssertions: true }
				}
			}
		]
	}
});
