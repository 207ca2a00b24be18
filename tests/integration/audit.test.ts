import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEntries, listAuditEvents, verifyAuditChain } from '$lib/server/audit';
import { verifyAuditAnchorsFor } from '$lib/server/audit-checkpoint';
import { checkpointSignerFrom } from '$lib/server/audit-signing';
import { nameAuditSubjects } from '$lib/server/audit-names';
import { dropTrigger, forceSql, freshDb, makeUser, META, SYSTEM, testKey, type TestDb } from './support';

async function appendMany(t: TestDb, n: number) {
	for (let i = 0; i < n; i++) {
		await appendAuditEvent(
			t.db,
			{
				actor: { type: 'staff', id: 1, label: i % 2 ? 'admin' : 'auditor' },
				action: i % 3 ? 'auth.login' : 'auth.login_failed',
				meta: META,
				payload: { i }
			},
			1_790_000_000 + i * 3600
		);
	}
}

function cli(args: string[], env: Record<string, string>) {
	return spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, ...env }
	});
}

describe('audit log', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('chains events and verifies them', async () => {
		await appendMany(t, 12);
		const report = await verifyAuditChain(t.db, 5); // pages of 5 exercise the paging
		expect(report).toMatchObject({ ok: true, count: 12 });
		const rows = await t.db.selectFrom('audit_event').select(['seq', 'prev_hash', 'hash']).orderBy('seq').execute();
		expect(rows[0].prev_hash).toBe('0'.repeat(64));
		expect(rows[1].prev_hash).toBe(rows[0].hash);
		expect(report.ok && report.headHash).toBe(rows[11].hash);
	});

	it('is rolled back together with the change it records', async () => {
		await expect(
			t.db.transaction().execute(async (trx) => {
				await appendAuditEvent(trx, { actor: SYSTEM, action: 'user.created' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await t.db.selectFrom('audit_event').selectAll().execute()).toEqual([]);
	});

	it('refuses UPDATE and DELETE through its triggers', async () => {
		await appendMany(t, 2);
		await expect(forceSql(t, `update audit_event set action = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
		await expect(forceSql(t, `delete from audit_event where seq = 2`)).rejects.toThrow(/append-only/);
		expect((await verifyAuditChain(t.db)).ok).toBe(true);
	});

	it('names the first broken seq when the file is edited with the trigger dropped', async () => {
		await appendMany(t, 6);
		await dropTrigger(t, 'audit_event_no_update', 'audit_event');
		await forceSql(t, `update audit_event set payload = '{"i":99}' where seq = 4`);
		expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 3, brokenSeq: 4, reason: 'hash_mismatch' });
	});

	it('detects a deleted event in the middle and at the end', async () => {
		await appendMany(t, 5);
		await dropTrigger(t, 'audit_event_no_delete', 'audit_event');
		await forceSql(t, 'delete from audit_event where seq = 5');
		// Deleting the newest event leaves a valid shorter chain: only the anchored head hash reveals it.
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: 4 });
		await forceSql(t, 'delete from audit_event where seq = 2');
		expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 1, brokenSeq: 2, reason: 'seq_gap' });
	});

	it('filters by actor, action prefix and date range, newest first, paged', async () => {
		await appendMany(t, 9);
		const all = await listAuditEvents(t.db, {}, 1, 4);
		expect(all.total).toBe(9);
		expect(all.rows.map((r) => r.seq)).toEqual([9, 8, 7, 6]);
		const failed = await listAuditEvents(t.db, { action: 'auth.login_failed' }, 1, 50);
		expect(failed.rows.map((r) => r.seq)).toEqual([7, 4, 1]);
		// An action is matched exactly: "auth.login" does not also list "auth.login_failed".
		expect((await listAuditEvents(t.db, { action: 'auth.login' }, 1, 50)).total).toBe(6);
		const byActor = await listAuditEvents(t.db, { actor: 'audit' }, 1, 50);
		expect(byActor.rows.every((r) => r.actor_label === 'auditor')).toBe(true);
		expect(byActor.total).toBe(5);
		const range = await listAuditEvents(t.db, { from: 1_790_000_000 + 3600, to: 1_790_000_000 + 3 * 3600 }, 1, 50);
		expect(range.rows.map((r) => r.seq)).toEqual([3, 2]);
		// LIKE wildcards typed by a person match literally.
		expect((await listAuditEvents(t.db, { actor: '%' }, 1, 50)).total).toBe(0);
	});

	it('names the subjects of a page in one query; respondents are never looked up', async () => {
		const user = await makeUser(t, 'nguyenvana', 'organiser');
		await t.db
			.insertInto('unit')
			.values({
				code: 'SNV',
				parent_id: null,
				name: 'Sở Nội vụ',
				full_name: 'Sở Nội vụ tỉnh',
				kind: 'sở',
				name_en: null,
				created_at: 1
			})
			.execute();
		const subjects = [
			{ type: 'staff_user', id: user.id },
			{ type: 'unit', id: 'SNV' },
			{ type: 'campaign', id: 99 },
			{ type: 'person', id: 5 }
		];
		for (const subject of subjects)
			await appendAuditEvent(t.db, { actor: SYSTEM, action: 'unit.created', subject, meta: META }, 1_790_000_000);
		const { entries } = await listAuditEntries(t.db, {}, 1, 10);
		let queries = 0;
		const counted = t.db.withPlugin({
			transformQuery: (args) => args.node,
			transformResult: async (args) => (queries++, args.result)
		});
		const names = await nameAuditSubjects(counted, entries);
		expect(queries).toBe(1);
		expect(Object.fromEntries(names)).toEqual({
			[`staff_user:${user.id}`]: 'Cán bộ nguyenvana',
			'unit:SNV': 'Sở Nội vụ'
		});
		expect(await nameAuditSubjects(counted, [{ subjectType: 'person', subjectId: '5' }])).toEqual(new Map());
		expect(queries).toBe(1);
	});

	it('shapes a page for the audit page and records each check of the chain', async () => {
		await appendMany(t, 3);
		const { total, entries } = await listAuditEntries(t.db, {}, 1, 2);
		expect(total).toBe(3);
		expect(entries[0]).toEqual({
			seq: 3,
			at: 1_790_000_000 + 2 * 3600,
			actor: 'auditor',
			actorType: 'staff',
			action: 'auth.login',
			subject: '',
			subjectType: null,
			subjectId: null,
			ip: META.ip,
			payload: '{"i":2}',
			hash: expect.any(String)
		});
		// The page's check: the chain, the stored checkpoints (none here) and an anchor the auditor typed.
		const signer = checkpointSignerFrom(testKey(t.dir));
		const kiem = { type: 'staff' as const, id: 1, label: 'kiem' };
		const chain = await verifyAuditChain(t.db);
		if (!chain.ok) throw new Error('the chain of three events must verify');
		const head = chain.headHash;
		const report = await verifyAuditAnchorsFor(t.db, signer, [{ seq: 3, hash: head }], kiem, META);
		expect(report).toMatchObject({ ok: true, chain: { ok: true, count: 3 }, checkpoints: 0, badCheckpoints: [] });
		expect(report.expected).toEqual([{ anchor: { seq: 3, hash: head }, verdict: 'ok' }]);
		const [checked] = (await listAuditEntries(t.db, { action: 'audit.chain_verified' }, 1, 5)).entries;
		expect(checked).toMatchObject({ seq: 4, actor: 'kiem', payload: expect.stringContaining('"count":3') });
		// An anchor beyond the chain (the log was cut after it was printed) fails the check.
		const cut = await verifyAuditAnchorsFor(t.db, signer, [{ seq: 9, hash: head }], kiem, META);
		expect(cut.ok).toBe(false);
		expect(cut.expected[0].verdict).toBe('beyond_chain');
	});

	it('`audit:verify` exits 0 with the count, and 1 naming the broken seq', async () => {
		await appendMany(t, 3);
		const env = { DATABASE_PATH: t.file, KEYS_FILE: `${t.dir}/key` };
		const ok = cli(['audit:verify'], env);
		expect(ok.status).toBe(0);
		expect(ok.stdout).toContain('3 sự kiện');
		await dropTrigger(t, 'audit_event_no_update', 'audit_event');
		await forceSql(t, `update audit_event set ip = '10.0.0.1' where seq = 2`);
		const broken = cli(['audit:verify'], env);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toContain('seq 2');
	});
});
