// The seeded demo database that seededCopy() copies for each test. Seeding takes seconds (argon2
// hashes, one RSA key per cell) and several times that on a busy machine, so it happens once per run:
// the first file to ask creates the template in the run's directory (global-setup.ts) while the
// others wait for it to be published; every test then gets its own copy of the file and the key.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { migrateToLatest, openDatabase } from '$lib/server/db/open';
import { seedDemo } from '$lib/server/seed/demo';
import { copyPostgresDatabase, TEST_ENGINE, testKey } from './support';

export interface DemoTemplate {
	/** Holds test.sqlite (SQLite runs) and its par-survey.key. */
	dir: string;
	/** The SQLite file, or on PostgreSQL the seeded database's name (a template for copies). */
	file: string;
	links: IssuedLink[];
	shares: DemoShare[];
}

let cached: Promise<DemoTemplate> | null = null;
/** Set when this process had to make a template of its own (no global setup): removed by forgetDemoTemplate. */
let privateDir: string | null = null;

/** The run's demo template, seeded on first use. */
export function demoTemplate(): Promise<DemoTemplate> {
	cached ??= loadOrSeed();
	return cached;
}

/** For afterAll: drops this file's handle on the template (the run's template outlives it). */
export function forgetDemoTemplate(): void {
	if (privateDir) rmSync(privateDir, { recursive: true, force: true });
	privateDir = null;
	cached = null;
}

async function loadOrSeed(): Promise<DemoTemplate> {
	const runDir = inject('demoTemplateDir');
	if (!runDir) {
		privateDir = mkdtempSync(path.join(tmpdir(), 'par-survey-template-'));
		return seedInto(path.join(privateDir, 'demo'));
	}
	const published = path.join(runDir, 'demo.json');
	const failed = path.join(runDir, 'demo.failed');
	const dir = path.join(runDir, 'demo');
	if (!existsSync(published) && claim(dir)) {
		try {
			const template = await seedInto(dir);
			// Written then renamed: a waiting file never reads half a template.
			writeFileSync(`${published}.tmp`, JSON.stringify(template));
			renameSync(`${published}.tmp`, published);
			return template;
		} catch (e) {
			writeFileSync(failed, e instanceof Error ? (e.stack ?? e.message) : String(e));
			throw e;
		}
	}
	// Another file is seeding: wait for its result, however long a busy machine makes it (the hook timeout bounds it).
	for (;;) {
		if (existsSync(published)) return JSON.parse(readFileSync(published, 'utf8')) as DemoTemplate;
		if (existsSync(failed)) throw new Error(`seeding the demo template failed:\n${readFileSync(failed, 'utf8')}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** mkdir is atomic: exactly one process creates the directory and seeds it. */
function claim(dir: string): boolean {
	try {
		mkdirSync(dir);
		return true;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw e;
	}
}

async function seedInto(dir: string): Promise<DemoTemplate> {
	mkdirSync(dir, { recursive: true });
	const postgres = TEST_ENGINE === 'postgres' ? await copyPostgresDatabase() : null;
	const file = postgres?.name ?? path.join(dir, 'test.sqlite');
	const handle = openDatabase(postgres?.url ?? file);
	try {
		await migrateToLatest(handle.db);
		const { links, shares } = await seedDemo(handle.db, testKey(dir));
		// One self-contained file to copy: no WAL beside it.
		handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
		return { dir, file, links, shares };
	} finally {
		await handle.db.destroy();
	}
}
