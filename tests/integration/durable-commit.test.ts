// Issue 14 item 13: an acknowledged cast, credential or import must survive an OS crash or power cut,
// so every connection the app, the CLI, the demo and the jobs open commits with synchronous = FULL.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getApp } from '$lib/server/app';
import { openSqlite } from '$lib/server/db/open';

const FULL = 2;
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourcesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && /\.(ts|js|svelte)$/.test(e.name))
		.map((e) => path.join(e.parentPath, e.name));
}

describe('durable commits', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-durable-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('openDatabase commits with synchronous = FULL in WAL mode', async () => {
		const handle = openSqlite(path.join(dir, 'open.sqlite'));
		try {
			expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(FULL);
			expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		} finally {
			await handle.db.destroy();
		}
	});

	it("the server's connection (getApp) reports synchronous = FULL", async () => {
		process.env.DATABASE_PATH = path.join(dir, 'app.sqlite');
		process.env.KEYS_SECRET = 'a test secret of at least thirty-two characters';
		const app = await getApp();
		try {
			expect(app.config.database).toBe(path.join(dir, 'app.sqlite'));
			expect(app.sqlite?.pragma('synchronous', { simple: true })).toBe(FULL);
		} finally {
			await app.db.destroy();
			delete process.env.DATABASE_PATH;
			delete process.env.KEYS_SECRET;
		}
	});

	it('no code opens SQLite except through openDatabase (the CLI, demo and jobs get FULL too)', () => {
		const openers = sourcesUnder(path.join(ROOT, 'src'))
			.filter((file) => /new Database\(/.test(readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROOT, file))
			.sort();
		// But two readers that commit nothing: the worker that counts sheets off the main thread, and db:copy's
		// source (a province's file moved to PostgreSQL, issue 17).
		expect(openers).toEqual([
			'src/lib/server/ballot/count-worker.ts',
			'src/lib/server/db/copy.ts',
			'src/lib/server/db/open.ts'
		]);
		const worker = readFileSync(path.join(ROOT, 'src/lib/server/ballot/count-worker.ts'), 'utf8');
		expect(worker.match(/new Database\(.*\);/g)).toEqual([
			'new Database(workerData.file, { readonly: true, fileMustExist: true });'
		]);
		const copy = readFileSync(path.join(ROOT, 'src/lib/server/db/copy.ts'), 'utf8');
		expect(copy.match(/new Database\(.*\);/g)).toEqual([
			'new Database(file, { readonly: true, fileMustExist: true });'
		]);
		// The other entry points open their file with openDatabase.
		for (const entry of ['src/lib/server/app.ts', 'src/cli/main.ts', 'src/lib/server/seed/demo-database.ts'])
			expect(readFileSync(path.join(ROOT, entry), 'utf8')).toMatch(/openDatabase\(/);
	});
});
