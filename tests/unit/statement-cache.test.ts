import Database from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachePreparedStatements } from '$lib/server/db/statement-cache';
import { GuardedSqliteDialect } from '$lib/server/db/transaction';

const open: Database.Database[] = [];
afterEach(() => open.splice(0).forEach((d) => d.open && d.close()));
function memory() {
	const sqlite = new Database(':memory:');
	open.push(sqlite);
	sqlite.exec('create table t (id integer primary key, v text)');
	return sqlite;
}

describe('prepared statement cache', () => {
	it('answers the same SQL with the same statement, and drops the least recently used beyond its size', () => {
		const cached = cachePreparedStatements(memory(), 2);
		const a = cached.prepare('select 1');
		expect(cached.prepare('select 1')).toBe(a);
		const b = cached.prepare('select 2');
		expect(cached.prepare('select 1')).toBe(a); // now the most recent: "select 2" is the oldest
		cached.prepare('select 3');
		expect(cached.prepare('select 1')).toBe(a);
		expect(cached.prepare('select 2')).not.toBe(b);
	});

	it('reuses a statement after a streamed query stopped early', async () => {
		const sqlite = memory();
		sqlite.exec("insert into t (v) values ('a'), ('b')");
		const db = new Kysely<{ t: { id: Generated<number>; v: string } }>({ dialect: new GuardedSqliteDialect(sqlite) });
		const query = db.selectFrom('t').select('v').orderBy('id');
		for await (const row of query.stream()) {
			expect(row.v).toBe('a');
			break;
		}
		expect(await query.execute()).toEqual([{ v: 'a' }, { v: 'b' }]);
		await db.destroy();
	});

	it('serves Kysely: reads see earlier writes, a column added later is returned, and a failing statement is not kept', async () => {
		const sqlite = memory();
		const db = new Kysely<{ t: { id: Generated<number>; v: string } }>({ dialect: new GuardedSqliteDialect(sqlite) });
		const read = () => db.selectFrom('t').selectAll().orderBy('id').execute();
		await db.insertInto('t').values({ v: 'x' }).execute();
		expect(await read()).toEqual([{ id: 1, v: 'x' }]);
		await sql`alter table t add column w text default 'new'`.execute(db);
		expect(await read()).toEqual([{ id: 1, v: 'x', w: 'new' }]);
		await expect(sql`select * from nowhere`.execute(db)).rejects.toThrow(/no such table/);
		await db.insertInto('t').values({ v: 'y' }).execute();
		expect((await read()).map((r) => r.v)).toEqual(['x', 'y']);
		await db.destroy();
		expect(sqlite.open).toBe(false);
	});
});
