// `npm run demo`'s database: removed, created again, migrated and seeded with the published past rounds.
import { rmSync } from 'node:fs';
import type { AppConfig } from '../config';
import { loadAppKey } from '../crypto/keyring';
import { attachCheckpointSigner, checkpointSignerFrom } from '../audit-signing';
import { migrateToLatest, openDatabase } from '../db/open';
import { seedDemo, type DemoSeed } from './demo';

export async function recreateDemoDatabase(config: AppConfig, origin: string): Promise<DemoSeed> {
	const file = config.database;
	for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
	// Opened first: it creates the folder the key file goes into.
	const handle = openDatabase(file);
	try {
		await migrateToLatest(handle.db);
		const appKey = loadAppKey(config);
		// The seeded closes and publications are anchored like the live ones (issue 14).
		attachCheckpointSigner(handle.db, checkpointSignerFrom(appKey));
		return await seedDemo(handle.db, appKey, origin, { pastRounds: true });
	} finally {
		await handle.db.destroy();
	}
}
