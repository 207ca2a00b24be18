// A demo server whose personal links the test holds: the demo database is seeded here (seedDemo
// returns every link it issued) and the built server is started on it, so a test can open many
// invitations without re-issuing each one through the organiser's pages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { linkPath, type IssuedLink } from '$lib/server/outreach/invitations';
import { seedDemo } from '$lib/server/seed/demo';
import { startServer, type RunningServer } from './server';

export interface DemoLink extends IssuedLink {
	/** The personal link's path on the server (`/s/<token>`). */
	path: string;
}

export interface DemoWithLinks {
	server: RunningServer;
	/** The seeded database (the server's own `dbPath` is unused). */
	dbPath: string;
	links: DemoLink[];
	dispose(): Promise<void>;
}

export async function startDemoWithLinks(): Promise<DemoWithLinks> {
	const dir = await mkdtemp(path.join(tmpdir(), 'par-e2e-proxy-'));
	const dbPath = path.join(dir, 'demo.sqlite');
	const keysFile = path.join(dir, 'demo.key');
	const h = openDatabase(dbPath);
	let issued: IssuedLink[];
	try {
		await migrateToLatest(h.db);
		const appKey = loadAppKey({ databasePath: dbPath, keysSecret: null, keysFile, origin: null }, () => {});
		issued = (await seedDemo(h.db, appKey)).links;
	} finally {
		await h.db.destroy();
	}
	const server = await startServer({ env: { DATABASE_PATH: dbPath, KEYS_FILE: keysFile } });
	return {
		server,
		dbPath,
		links: issued.map((l) => ({ ...l, path: linkPath(l.token) })),
		async dispose() {
			await server.dispose();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
