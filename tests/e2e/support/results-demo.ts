// The demo as `npm run demo` seeds it — the open 2026 round plus the published 2025 and 2024 rounds
// with answers — served by the built app through startServer, which is pointed at that database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { seedDemo } from '$lib/server/seed/demo';
import { startServer, type RunningServer } from './server';

export async function startDemoWithPastRounds(): Promise<RunningServer> {
	const dir = await mkdtemp(path.join(tmpdir(), 'par-e2e-results-'));
	const dbPath = path.join(dir, 'demo.sqlite');
	const keysFile = path.join(dir, 'demo.key');
	const h = openDatabase(dbPath);
	try {
		await migrateToLatest(h.db);
		await seedDemo(
			h.db,
			loadAppKey({ database: dbPath, keysSecret: null, keysFile, origin: null }, () => {}),
			undefined,
			{ pastRounds: true }
		);
	} finally {
		await h.db.destroy();
	}
	const server = await startServer({ env: { DATABASE_PATH: dbPath, KEYS_FILE: keysFile } });
	return {
		...server,
		dbPath,
		keysFile,
		async dispose() {
			await server.dispose();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
