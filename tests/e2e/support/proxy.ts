// A demo server whose personal links the test holds: a copy of the run's seeded demo (which
// returned every link it issued) and the built server is started on it, so a test can open many
// invitations without re-issuing each one through the organiser's pages.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linkPath, type IssuedLink } from '$lib/server/outreach/invitations';
import { copyDemoDatabase } from './demo-template';
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
	const keysFile = path.join(dir, 'demo.key');
	const { links: issued, location: dbPath } = await copyDemoDatabase(path.join(dir, 'demo.sqlite'), keysFile);
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
