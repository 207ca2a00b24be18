// The e2e demo database, seeded once per run: seeding takes seconds (argon2 hashes, an RSA key per
// cell) and ten e2e files start from the same demo, so the first file to ask seeds a template in the
// run's directory (global-setup.ts) and every server gets a copy of its database file and key file.
// The copies are identical (same tokens, same keys): each file still has its own server and database.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { seedDemo, type DemoSeed } from '$lib/server/seed/demo';
import { copyPostgresDatabase, TEST_ENGINE } from '../../integration/support';

type Seeded = Pick<DemoSeed, 'links' | 'shares'>;

/**
 * Seeds the demo into `file` (key in `keysFile`) and leaves one self-contained file (no WAL beside it); on the
 * e2e-pg project into a new PostgreSQL database instead, whose name `file` becomes (the copies' template).
 */
export async function seedDemoDatabase(file: string, keysFile: string): Promise<Seeded & { location: string }> {
	const postgres = TEST_ENGINE === 'postgres' ? await copyPostgresDatabase() : null;
	const h = openDatabase(postgres?.url ?? file);
	try {
		await migrateToLatest(h.db);
		const key = loadAppKey({ database: file, keysSecret: null, keysFile, origin: null }, () => {});
		const { links, shares } = await seedDemo(h.db, key);
		h.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
		return { links, shares, location: postgres?.name ?? file };
	} finally {
		await h.db.destroy();
	}
}

/**
 * Writes a copy of the run's seeded demo to `file` (PostgreSQL: a new database copied from the seeded one) and
 * `keysFile`; returns the links and shares it holds, and where the copy is (the file, or the database's URL).
 */
export async function copyDemoDatabase(file: string, keysFile: string): Promise<Seeded & { location: string }> {
	const runDir = inject('e2eDemoTemplateDir');
	// Without the global setup (a file run on its own by another config) each server seeds its own.
	if (!runDir) return seedDemoDatabase(file, keysFile);
	const dir = path.join(runDir, 'demo');
	const template = { file: path.join(dir, 'demo.sqlite'), keysFile: path.join(dir, 'demo.key') };
	const seeded = await loadOrSeed(runDir, dir, template);
	copyFileSync(template.keysFile, keysFile);
	if (TEST_ENGINE === 'postgres') {
		const copy = await copyPostgresDatabase(seeded.location);
		return { links: seeded.links, shares: seeded.shares, location: copy.url };
	}
	if (existsSync(`${template.file}-wal`)) throw new Error(`E2E: ${template.file} still has a WAL file`);
	copyFileSync(template.file, file);
	return { links: seeded.links, shares: seeded.shares, location: file };
}

async function loadOrSeed(
	runDir: string,
	dir: string,
	template: { file: string; keysFile: string }
): Promise<Seeded & { location: string }> {
	const published = path.join(runDir, 'demo.json');
	const failed = path.join(runDir, 'demo.failed');
	if (!existsSync(published) && claim(dir)) {
		try {
			const seeded = await seedDemoDatabase(template.file, template.keysFile);
			// Written then renamed: a file waiting in parallel never reads half of it.
			writeFileSync(`${published}.tmp`, JSON.stringify(seeded));
			renameSync(`${published}.tmp`, published);
			return seeded;
		} catch (e) {
			writeFileSync(failed, e instanceof Error ? (e.stack ?? e.message) : String(e));
			throw e;
		}
	}
	for (;;) {
		if (existsSync(published)) return JSON.parse(readFileSync(published, 'utf8')) as Seeded & { location: string };
		if (existsSync(failed)) throw new Error(`E2E: seeding the demo template failed:\n${readFileSync(failed, 'utf8')}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** mkdir is atomic: exactly one process creates the directory and seeds into it. */
function claim(dir: string): boolean {
	try {
		mkdirSync(dir);
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw e;
	}
}
