// Moving a province to PostgreSQL and backing it up there (issue 17, Operations): the real `db:copy` command
// copies a seeded SQLite demo with cast sheets into an empty PostgreSQL database — every table equal, the audit
// chain verifying with one `db.copied` event more, new ids after the copied ones, the round opening with the demo
// shares — and refuses (exit 2, target unchanged) a source that is not SQLite or not migrated, a target that is
// not PostgreSQL or already holds data. Then pg_dump --format=custom / pg_restore of a seeded PostgreSQL
// database gives an equal copy whose chain verifies.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createStaffUser } from '$lib/server/admin/staff-users';
import { verifyAuditChain } from '$lib/server/audit';
import { createCampaign } from '$lib/server/campaigns/campaigns';
import { copySqliteToPostgres } from '$lib/server/db/copy';
import { addUnit, moveUnit } from '$lib/server/units/edit';
import { openDatabase, type Db } from '$lib/server/db/open';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { seedDemo } from '$lib/server/seed/demo';
import type { DemoShare } from '$lib/server/seed/demo-committee';
import { runPostgresProgram, socketUrl } from '../support/postgres-cluster';
import { castMarked, closeRound, openRound, organiser, prng } from './attack-support';
import { removeTemplate, seededCopy, SLUG, verifiedRespondent } from './respondent-support';
import { copyPostgresDatabase, freshSqliteDb, META, NO_REQUEST, SYSTEM, testKey, type SqliteTestDb } from './support';

const CAST = 3;

function copyCli(from: string, to: string) {
	return spawnSync(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', 'db:copy', '--from', from, '--to', to],
		{ encoding: 'utf8', env: { ...process.env, DATABASE_PATH: '', DATABASE_URL: '' } }
	);
}

/** A row as text with its columns sorted (the engines may list them in another order). */
const rowText = (row: Record<string, unknown>) =>
	JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));

/** The copied tables of a SQLite file: every table but SQLite's and the migrator's own. */
function sqliteTables(sqlite: Database.Database): string[] {
	return (
		sqlite
			.prepare(
				`select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like 'kysely%' order by name`
			)
			.all() as { name: string }[]
	).map((r) => r.name);
}

function sqliteRows(sqlite: Database.Database, table: string): string[] {
	return (sqlite.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]).map(rowText).sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables by name
async function postgresRows(db: Kysely<any>, table: string): Promise<string[]> {
	const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
	return rows.map(rowText).sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables by name
async function postgresTables(db: Kysely<any>): Promise<string[]> {
	const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables
		where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
	return rows.map((r) => r.table_name);
}

/** How many rows each table holds: "unchanged" is this, before and after. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of await postgresTables(db)) {
		const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
		counts[table] = rows[0].n;
	}
	return counts;
}

describe('db:copy from SQLite into PostgreSQL', () => {
	let source: SqliteTestDb;
	let shares: DemoShare[];
	const targets: { drop(): Promise<void> }[] = [];
	const handles: Db[] = [];

	/** A new empty PostgreSQL database (migrated, or blank) and a handle on it (both dropped after the file). */
	async function emptyTarget(template = 'par_migrated') {
		const copy = await copyPostgresDatabase(template);
		targets.push(copy);
		const db = openDatabase(copy.url).db;
		handles.push(db);
		return { url: copy.url, db };
	}

	beforeAll(async () => {
		source = await freshSqliteDb();
		const key = testKey(source.dir);
		let links: IssuedLink[];
		({ links, shares } = await seedDemo(source.db, key));
		const random = prng(17);
		for (let i = 0; i < CAST; i++) {
			const { ctx } = await verifiedRespondent(source.db, key, links[i].token, `device-${i}`);
			await castMarked(source.db, key, ctx, i, random);
		}
		// A unit moved under a later one: its parent has the larger id, so the copy must not go by id alone.
		const admin = await source.db
			.selectFrom('staff_user')
			.select(['id', 'username', 'role'])
			.where('username', '=', 'admin')
			.executeTakeFirstOrThrow();
		const staff = { ...admin, unitId: null };
		for (const code of ['CHUYEN-1', 'CHUYEN-2'])
			expect(
				await addUnit(source.db, { code, name: code, fullName: '', kind: 'Phòng', parentCode: null }, staff, META)
			).toEqual({ ok: true });
		expect(await moveUnit(source.db, 'CHUYEN-1', 'CHUYEN-2', staff, META)).toEqual({ ok: true });
	});

	afterAll(async () => {
		for (const db of handles) await db.destroy();
		for (const target of targets) await target.drop();
		await source?.close();
	});

	it('copies every table equal, continues the audit chain and the ids, and the round opens on the target', async () => {
		// A blank database: the copy migrates it first.
		const target = await emptyTarget('template0');
		const run = copyCli(`sqlite:${source.file}`, target.url);
		expect(run.status, run.stderr).toBe(0);
		const people = (source.sqlite.prepare('select count(*) as n from person').get() as { n: number }).n;
		expect(people).toBeGreaterThan(0);
		expect(run.stdout).toContain(`Đã chép ${people} dòng bảng person (copied ${people} rows of person)`);
		expect(run.stdout).toContain(`Đã chép ${CAST} dòng bảng sealed_sheet (copied ${CAST} rows of sealed_sheet)`);

		const tables = sqliteTables(source.sqlite);
		expect(tables).toEqual((await postgresTables(target.db)).filter((t) => !t.startsWith('kysely')));
		for (const table of tables) {
			const expected = sqliteRows(source.sqlite, table);
			const copied = await postgresRows(target.db, table);
			if (table === 'audit_event') {
				// The copy's own event follows the copied chain.
				const last = await target.db
					.selectFrom('audit_event')
					.selectAll()
					.orderBy('seq', 'desc')
					.executeTakeFirstOrThrow();
				expect(last).toMatchObject({ action: 'db.copied', actor_label: 'cli', seq: expected.length + 1 });
				expect(copied.filter((r) => r !== rowText(last))).toEqual(expected);
			} else expect(copied, table).toEqual(expected);
		}
		const moved = await target.db
			.selectFrom('unit')
			.select(['id', 'parent_id'])
			.where('code', '=', 'CHUYEN-1')
			.executeTakeFirstOrThrow();
		expect(moved.parent_id).toBeGreaterThan(moved.id);
		// The sealed sheets lie in key order on the target's pages, as in the file's WITHOUT ROWID tree.
		const { rows: physical } = await sql<{ key_hash: string }>`select key_hash from sealed_sheet order by ctid`.execute(
			target.db
		);
		expect(physical.map((r) => r.key_hash)).toEqual(physical.map((r) => r.key_hash).sort());
		const chain = await verifyAuditChain(target.db);
		expect(chain).toMatchObject({ ok: true, count: sqliteRows(source.sqlite, 'audit_event').length + 1 });

		// The identity sequences went past the copied ids.
		const maxStaff = (source.sqlite.prepare('select max(id) as m from staff_user').get() as { m: number }).m;
		const user = await createStaffUser(
			target.db,
			{ username: 'moi', displayName: 'Cán bộ mới', role: 'analyst', unitCode: null, password: 'một mật khẩu đủ dài' },
			SYSTEM,
			NO_REQUEST
		);
		expect(user).toMatchObject({ ok: true });
		expect(user.ok && user.id).toBe(maxStaff + 1);
		const maxCampaign = (source.sqlite.prepare('select max(id) as m from campaign').get() as { m: number }).m;
		const campaign = await createCampaign(
			target.db,
			{
				title: 'Đợt sau khi chép',
				slug: 'sau-khi-chep',
				year: 2027,
				kThreshold: 5,
				opensOn: null,
				closesOn: null,
				scopeUnitCode: null,
				frameworkVersionId: null
			},
			await organiser(target.db),
			NO_REQUEST
		);
		expect(campaign, JSON.stringify(campaign)).toMatchObject({ ok: true });
		expect(campaign.ok && campaign.id).toBe(maxCampaign + 1);

		// The round goes on on PostgreSQL: closed and opened with the demo committee's shares.
		const { id: campaignId } = await target.db
			.selectFrom('campaign')
			.select('id')
			.where('slug', '=', SLUG)
			.executeTakeFirstOrThrow();
		await closeRound(target.db, campaignId);
		await openRound(target.db, shares);
		const job = await target.db
			.selectFrom('opening_job')
			.selectAll()
			.where('campaign_id', '=', campaignId)
			.executeTakeFirstOrThrow();
		expect(job).toMatchObject({ status: 'finished', sheets: CAST, invalid: 0 });
		expect(await target.db.selectFrom('opened_sheet').select('id').execute()).toHaveLength(CAST);
		expect(await target.db.selectFrom('sealed_sheet').select('key_hash').execute()).toEqual([]);
		expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });

		// Now the target holds data: a second copy is refused and changes nothing.
		const before = await rowCounts(target.db);
		const again = copyCli(`sqlite:${source.file}`, target.url);
		expect(again.status).toBe(2);
		expect(again.stderr).toContain('LỖI: CSDL đích đã có dữ liệu');
		expect(again.stderr).toContain('Không có gì được ghi (nothing written)');
		expect(await rowCounts(target.db)).toEqual(before);
	});

	it('copies in batches that split a table, parents before the units that moved under them', async () => {
		const target = await emptyTarget();
		const copied: [string, number][] = [];
		const result = await copySqliteToPostgres({
			from: `sqlite:${source.file}`,
			to: target.url,
			actor: SYSTEM,
			meta: NO_REQUEST,
			// Foreign keys are checked per INSERT: only a boundary between the child and its parent shows the order.
			batchRows: 2,
			onTable: (table, rows) => copied.push([table, rows])
		});
		expect(result).toMatchObject({ ok: true });
		expect(copied.find(([table]) => table === 'unit')?.[1]).toBeGreaterThan(2);
		// Referenced tables come first.
		const position = (table: string) => copied.findIndex(([name]) => name === table);
		expect(position('unit')).toBeLessThan(position('staff_user'));
		expect(position('campaign')).toBeLessThan(position('person'));
		expect(position('reporting_cell')).toBeLessThan(position('sealed_sheet'));
		for (const table of ['unit', 'person', 'sealed_sheet', 'invitation'])
			expect(await postgresRows(target.db, table), table).toEqual(sqliteRows(source.sqlite, table));
		expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });
	});

	it('refuses a source that is not SQLite or not migrated, and a target that is not PostgreSQL: exit 2, nothing written; a failure half-way keeps no row', async () => {
		const target = await emptyTarget();
		const empty = await rowCounts(target.db);
		expect(Object.entries(empty).filter(([table, n]) => n > 0 && !table.startsWith('kysely'))).toEqual([]);
		const text = path.join(source.dir, 'not-a-database.sqlite');
		writeFileSync(text, 'Danh sách cán bộ, không phải CSDL\n'.repeat(200));
		const oldFile = path.join(source.dir, 'old.sqlite');
		await source.sqlite.backup(oldFile);
		const old = new Database(oldFile);
		old.exec(`delete from kysely_migration where name = (select max(name) from kysely_migration)`);
		old.close();

		const cases: [string, string, string][] = [
			[`sqlite:${text}`, target.url, 'LỖI: --from phải là sqlite:ĐƯỜNG_DẪN'],
			[`sqlite:${path.join(source.dir, 'missing.sqlite')}`, target.url, 'LỖI: --from phải là sqlite:ĐƯỜNG_DẪN'],
			[source.file, target.url, 'LỖI: --from phải là sqlite:ĐƯỜNG_DẪN'],
			[`sqlite:${oldFile}`, target.url, 'LỖI: tệp nguồn chưa được cập nhật'],
			[`sqlite:${source.file}`, path.join(source.dir, 'other.sqlite'), 'LỖI: --to phải là địa chỉ postgres://']
		];
		for (const [from, to, message] of cases) {
			const run = copyCli(from, to);
			expect(run.status, `${from} → ${to}: ${run.stderr}`).toBe(2);
			expect(run.stderr).toContain(message);
			expect(run.stderr).toContain('(nothing written)');
			expect(run.stdout).toBe('');
			expect(await rowCounts(target.db)).toEqual(empty);
		}

		// A row PostgreSQL refuses half-way (a person of a unit that does not exist, written with foreign keys off):
		// the one transaction keeps none of the rows copied before it.
		const broken = path.join(source.dir, 'broken.sqlite');
		await source.sqlite.backup(broken);
		const file = new Database(broken);
		file.pragma('foreign_keys = OFF');
		file.exec('update person set unit_id = 999999 where id = (select max(id) from person)');
		file.close();
		const failed = copyCli(`sqlite:${broken}`, target.url);
		expect(failed.status).toBe(1);
		expect(failed.stdout).toContain('bảng unit'); // earlier tables were copied, then rolled back
		expect(failed.stderr).toContain('LỖI: chép thất bại, CSDL đích không giữ dòng nào');
		expect(failed.stderr).toContain('person_unit_id_fkey');
		expect(await rowCounts(target.db)).toEqual(empty);
		rmSync(text);
	});
});

describe('backups on PostgreSQL: pg_dump --format=custom, pg_restore into a new database', () => {
	afterAll(removeTemplate);

	it('restores an equal database whose audit chain verifies', async () => {
		const { t, key, links } = await seededCopy();
		const dir = inject('postgresDir');
		const restoredName = `restored_${process.pid}`;
		const admin = openDatabase(socketUrl(dir, 'postgres')).db;
		const dump = path.join(dir, `${restoredName}.dump`);
		try {
			const { ctx } = await verifiedRespondent(t.db, key, links[0].token, 'device-dump');
			await castMarked(t.db, key, ctx, 0, prng(3));
			const name = /\/([^/?]+)\?/.exec(t.file)![1];
			// The cluster's directory belongs to its user, who runs pg_dump and pg_restore.
			runPostgresProgram('pg_dump', ['--format=custom', '-h', dir, '-U', 'postgres', '-f', dump, name]);
			await sql`create database ${sql.id(restoredName)}`.execute(admin);
			runPostgresProgram('pg_restore', ['--exit-on-error', '-h', dir, '-U', 'postgres', '-d', restoredName, dump]);

			const restored = openDatabase(socketUrl(dir, restoredName)).db;
			try {
				const tables = await postgresTables(t.db);
				expect(await postgresTables(restored)).toEqual(tables);
				expect(tables).toContain('sealed_sheet');
				for (const table of tables)
					expect(await postgresRows(restored, table), table).toEqual(await postgresRows(t.db, table));
				expect(await postgresRows(restored, 'sealed_sheet')).toHaveLength(1);
				expect(await verifyAuditChain(restored)).toEqual(await verifyAuditChain(t.db));
				expect(await verifyAuditChain(restored)).toMatchObject({ ok: true });
			} finally {
				await restored.destroy();
			}
		} finally {
			rmSync(dump, { force: true });
			await sql`drop database if exists ${sql.id(restoredName)} with (force)`.execute(admin);
			await admin.destroy();
			await t.close();
		}
	});
});
