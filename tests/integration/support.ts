// A fresh, migrated SQLite file per test (real file, real migrations), removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NO_REQUEST, type Actor } from '$lib/server/audit';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { migrateToLatest, openDatabase, type DbHandle } from '$lib/server/db/open';
import { createStaffUser } from '$lib/server/admin/staff-users';
import type { Role } from '$lib/domain/roles';
import type { Database } from '$lib/server/db/schema';

export interface TestDb extends DbHandle {
	dir: string;
	file: string;
	close(): Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
	const dir = mkdtempSync(path.join(tmpdir(), 'par-survey-test-'));
	const file = path.join(dir, 'test.sqlite');
	const handle = openDatabase(file);
	await migrateToLatest(handle.db);
	return {
		...handle,
		dir,
		file,
		async close() {
			await handle.db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export const SYSTEM: Actor = { type: 'system', label: 'test' };
export const META = { ip: '203.0.113.7', userAgent: 'vitest' };
export { NO_REQUEST };

export function testKey(dir: string) {
	return loadAppKey(
		{ databasePath: path.join(dir, 'x.sqlite'), keysSecret: null, keysFile: null, origin: null },
		() => {}
	);
}

export async function makeUser(t: TestDb, username: string, role: Role, password = 'một mật khẩu đủ dài') {
	const r = await createStaffUser(
		t.db,
		{ username, displayName: `Cán bộ ${username}`, role, unitCode: null, password },
		SYSTEM,
		NO_REQUEST
	);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return { id: r.id, username, password };
}

export async function auditActions(t: TestDb): Promise<string[]> {
	const rows = await t.db.selectFrom('audit_event').select('action').orderBy('seq').execute();
	return rows.map((r) => r.action);
}

/** A second handle on the same file that records the SQL of every query it runs (what a service read). */
export function queryLoggingDb(sqlite: BetterSqlite3.Database): { db: Kysely<Database>; queries: string[] } {
	const queries: string[] = [];
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: sqlite }),
		log: (e) => void queries.push(e.query.sql)
	});
	return { db, queries };
}
