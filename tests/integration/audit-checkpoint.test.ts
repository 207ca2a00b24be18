// Issue 14: signed checkpoints anchor the audit chain's head, so deleting the newest events shows.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendAuditEvent } from '$lib/server/audit';
import { anchorDailyIfDue, loadLatestAnchor, verifyAuditAnchors } from '$lib/server/audit-checkpoint';
import { attachCheckpointSigner, checkpointSignerFrom, type CheckpointSigner } from '$lib/server/audit-signing';
import { getApp } from '$lib/server/app';
import { advanceCampaign, createCampaign, type Staff } from '$lib/server/campaigns/campaigns';
import type { AppKey } from '$lib/server/crypto/keyring';
import { runMaintenance } from '$lib/server/db/maintenance';
import { writeOpening } from '$lib/server/sealing/opening-write';
import type { Db } from '$lib/server/db/open';
import { removeTemplate, seededCopy } from './respondent-support';
import { dropTrigger, forceSql, freshDb, makeUser, META, refuseInserts, SYSTEM, testKey, type TestDb } from './support';
import { verifyAudit } from '../../src/cli/audit';
import { load as publicLoad } from '../../src/routes/c/[slug]/+page.server';

const T0 = 1_796_500_000;
const DAY = 24 * 60 * 60;

async function appendMany(db: Db, n: number, at: number) {
	for (let i = 0; i < n; i++) await appendAuditEvent(db, { actor: SYSTEM, action: 'auth.login', payload: { i } }, at);
}

const checkpoints = (t: TestDb) => t.db.selectFrom('audit_checkpoint').selectAll().orderBy('id').execute();
const hashAt = async (t: TestDb, seq: number) =>
	(await t.db.selectFrom('audit_event').select('hash').where('seq', '=', seq).executeTakeFirstOrThrow()).hash;

/** An open campaign (opened by SQL: the opening itself is campaign-open.test.ts's business). */
async function openCampaignRow(db: Db, staff: Staff, slug: string): Promise<number> {
	const created = await createCampaign(
		db,
		{
			title: 'Khảo sát mốc kiểm toán',
			slug,
			year: 2026,
			kThreshold: 5,
			opensOn: null,
			closesOn: null,
			scopeUnitCode: null,
			frameworkVersionId: null
		},
		staff,
		META
	);
	if (!created.ok) throw new Error(JSON.stringify(created.errors));
	await db.updateTable('campaign').set({ state: 'open', opened_at: T0 }).where('id', '=', created.id).execute();
	return created.id;
}

function cli(t: TestDb, ...args: string[]) {
	return spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', 'audit:verify', ...args], {
		encoding: 'utf8',
		env: { ...process.env, DATABASE_PATH: t.file, KEYS_FILE: path.join(t.dir, 'par-survey.key') }
	});
}

/** The CLI command in-process (spawning it costs seconds): exit code and what it printed. */
async function verify(t: TestDb, signer: CheckpointSigner, expectTexts: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
	const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
	try {
		const code = await verifyAudit(t.db, signer, expectTexts);
		return { code, out: out.join('\n'), err: err.join('\n') };
	} finally {
		log.mockRestore();
		error.mockRestore();
	}
}

describe('audit checkpoints', () => {
	let t: TestDb;
	let signer: CheckpointSigner;
	beforeEach(async () => {
		t = await freshDb();
		// testKey writes <dir>/par-survey.key: the CLI below reads the same file through KEYS_FILE.
		signer = attachCheckpointSigner(t.db, checkpointSignerFrom(testKey(t.dir)));
	});
	afterEach(() => t.close());

	it('anchors a campaign state change after its audit event, in the same transaction', async () => {
		const organiser = await makeUser(t, 'tochuc', 'organiser');
		const staff: Staff = { id: organiser.id, username: 'tochuc', role: 'organiser', unitId: null };
		const campaignId = await openCampaignRow(t.db, staff, 'moc-2026');
		expect(await checkpoints(t)).toEqual([]);

		expect(await advanceCampaign(t.db, campaignId, 'close', staff, META, T0 + 60)).toEqual({
			ok: true,
			state: 'closed'
		});
		const closed = await t.db
			.selectFrom('audit_event')
			.select(['seq', 'hash'])
			.where('action', '=', 'campaign.closed')
			.executeTakeFirstOrThrow();
		const [cp] = await checkpoints(t);
		expect(cp).toMatchObject({
			seq: closed.seq,
			head_hash: closed.hash,
			at: T0 + 60,
			reason: 'campaign.closed',
			campaign_id: campaignId,
			key_id: signer.keyId
		});
		expect(signer.verify({ seq: cp.seq, headHash: cp.head_hash, at: cp.at }, cp.signature)).toBe(true);

		// A refused transition (not counted yet) writes neither an event nor an anchor.
		expect((await advanceCampaign(t.db, campaignId, 'publish', staff, META)).ok).toBe(false);
		expect(await checkpoints(t)).toHaveLength(1);

		// The opening's one write (here with no sheets) and the publication are anchored the same way.
		const none = { sheets: 0, invalid: 0, mergedCells: 0 };
		expect(await writeOpening({ db: t.db }, campaignId, [], [], [], none, [], T0 + 120)).toBe(true);
		expect((await advanceCampaign(t.db, campaignId, 'publish', staff, META, T0 + 180)).ok).toBe(true);
		const events = await t.db
			.selectFrom('audit_event')
			.select(['seq', 'hash', 'action'])
			.where('action', 'in', ['campaign.closed', 'opening.committed', 'campaign.published'])
			.orderBy('seq')
			.execute();
		expect((await checkpoints(t)).map((c) => [c.reason, c.seq, c.head_hash])).toEqual(
			events.map((e) => [e.action, e.seq, e.hash])
		);

		// The anchor shares the transaction: when it cannot be written, the state change is undone too.
		await t.db.updateTable('campaign').set({ state: 'open' }).where('id', '=', campaignId).execute();
		const seqBefore = (await t.db.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').executeTakeFirst())!
			.seq;
		await refuseInserts(t, 'audit_checkpoint', 'disk says no');
		await expect(advanceCampaign(t.db, campaignId, 'close', staff, META)).rejects.toThrow('disk says no');
		const row = await t.db.selectFrom('campaign').select('state').where('id', '=', campaignId).executeTakeFirst();
		expect(row?.state).toBe('open');
		const seqAfter = (await t.db.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').executeTakeFirst())!
			.seq;
		expect(seqAfter).toBe(seqBefore);
		expect(await checkpoints(t)).toHaveLength(3);
	});

	it('writes the daily checkpoint from maintenance only when a day passed and the chain grew', async () => {
		await runMaintenance(t.db, t.sqlite, T0);
		expect(await checkpoints(t)).toEqual([]); // nothing to anchor yet
		await appendMany(t.db, 3, T0);
		await runMaintenance(t.db, t.sqlite, T0 + 10);
		expect((await checkpoints(t)).map((c) => [c.seq, c.reason, c.at])).toEqual([[3, 'daily', T0 + 10]]);
		await appendMany(t.db, 2, T0 + 20);
		await runMaintenance(t.db, t.sqlite, T0 + DAY - 1); // grew, but not a day yet
		expect(await checkpoints(t)).toHaveLength(1);
		await runMaintenance(t.db, t.sqlite, T0 + DAY + 10);
		expect((await checkpoints(t)).map((c) => c.seq)).toEqual([3, 5]);
		await runMaintenance(t.db, t.sqlite, T0 + 3 * DAY); // a day later, but nothing new
		expect(await checkpoints(t)).toHaveLength(2);
		// The stored rows are append-only, like the log.
		await expect(forceSql(t, 'delete from audit_checkpoint where id = 2')).rejects.toThrow(/append-only/);
		await expect(forceSql(t, 'update audit_checkpoint set seq = 1')).rejects.toThrow(/append-only/);
	});

	it('`audit:verify` catches a cut-short log by the stored checkpoints, and by --expect once they are gone', async () => {
		await appendMany(t.db, 6, T0);
		expect(await anchorDailyIfDue(t.db, T0)).toBe(true);
		await appendMany(t.db, 3, T0 + DAY);
		expect(await anchorDailyIfDue(t.db, T0 + DAY + 1)).toBe(true);
		const head = `9:${await hashAt(t, 9)}`;

		const intact = await verify(t, signer, [head, `6:${(await hashAt(t, 6)).slice(0, 16)}`]);
		expect(intact.err).toBe('');
		expect(intact.code).toBe(0);
		expect(intact.out).toContain('2 mốc đã lưu đều khớp');
		expect(intact.out).toContain(signer.keyId);

		// The attacker drops the trigger and deletes the newest events: the chain alone still verifies…
		await dropTrigger(t, 'audit_event_no_delete', 'audit_event');
		await forceSql(t, 'delete from audit_event where seq > 7');
		// …but neither the stored checkpoint at 9 nor the published anchor is reached (the real CLI, once).
		const cut = cli(t, '--expect', head);
		expect(cut.stdout).toContain('chuỗi nhật ký toàn vẹn, 7 sự kiện');
		expect(cut.status).toBe(1);
		expect(cut.stderr).toContain('mốc đã lưu #2 / stored checkpoint #2: nhật ký không còn tới sự kiện số 9');
		expect(cut.stderr).toContain(
			'(the log no longer reaches event 9 (only 7 valid events): it may have been cut short)'
		);
		expect(cut.stderr).toMatch(/LỖI: mốc 9:\S+ \/ anchor 9:\S+: nhật ký không còn tới sự kiện số 9/);

		// Deleting the checkpoint rows too passes the stored check, not the anchor printed or published.
		await dropTrigger(t, 'audit_checkpoint_no_delete', 'audit_checkpoint');
		await forceSql(t, 'delete from audit_checkpoint where seq > 7');
		expect((await verify(t, signer, [])).code).toBe(0);
		const expected = await verify(t, signer, [head]);
		expect(expected.code).toBe(1);
		expect(expected.err).toContain('nhật ký không còn tới sự kiện số 9');

		const bad = await verify(t, signer, ['abc']);
		expect(bad.code).toBe(2);
		expect(bad.err).toContain('Mốc "abc" không hợp lệ: hãy ghi dạng SỐ:MÃ_BĂM');
		expect(bad.out).toBe(''); // refused before anything was checked
	});

	it('refuses a checkpoint signed by another key or forged in the file', async () => {
		await appendMany(t.db, 2, T0);
		const stranger = checkpointSignerFrom(Buffer.alloc(32, 9) as AppKey);
		const headHash = await hashAt(t, 2);
		const row = { seq: 2, head_hash: headHash, at: T0, reason: 'daily', campaign_id: null };
		// Signed by someone else under our key's name, then honestly under theirs.
		const signature = stranger.sign({ seq: 2, headHash, at: T0 });
		await t.db
			.insertInto('audit_checkpoint')
			.values([
				{ ...row, key_id: signer.keyId, signature },
				{ ...row, key_id: stranger.keyId, signature }
			])
			.execute();
		const report = await verifyAuditAnchors(t.db, signer, []);
		expect(report.ok).toBe(false);
		expect(report.badCheckpoints).toEqual([
			{ id: 1, seq: 2, verdict: 'bad_signature' },
			{ id: 2, seq: 2, verdict: 'other_key' }
		]);
		// Nor does the public page show either as our anchor.
		expect(await loadLatestAnchor(t.db)).toBeNull();
	});
});

describe('the public campaign page', () => {
	it('shows the newest signed anchor', async () => {
		const t = await freshDb();
		try {
			// The route uses the app's own handle on this file, which attaches the signer from KEYS_FILE.
			process.env.DATABASE_PATH = t.file;
			process.env.KEYS_FILE = path.join(t.dir, 'par-survey.key');
			const key = testKey(t.dir); // writes that file quietly before the app reads it
			const app = await getApp();
			const organiser = await makeUser(t, 'tochuc', 'organiser');
			const staff: Staff = { id: organiser.id, username: 'tochuc', role: 'organiser', unitId: null };
			const campaignId = await openCampaignRow(app.db, staff, 'cong-khai-2026');
			await advanceCampaign(app.db, campaignId, 'close', staff, META, T0 + 60);
			const head = await t.db
				.selectFrom('audit_event')
				.select(['seq', 'hash'])
				.orderBy('seq', 'desc')
				.executeTakeFirstOrThrow();
			const event = {
				params: { slug: 'cong-khai-2026' },
				setHeaders: () => {},
				url: new URL('http://localhost/c/cong-khai-2026')
			};
			const data = (await publicLoad(event as never)) as { anchor: unknown };
			expect(data.anchor).toEqual({
				seq: head.seq,
				hash: head.hash,
				shortHash: `${head.hash.slice(0, 8)}…${head.hash.slice(-4)}`,
				at: T0 + 60,
				keyId: checkpointSignerFrom(key).keyId
			});
			await app.db.destroy();
		} finally {
			await t.close();
		}
	});
});

describe('the seeded demo', () => {
	it('anchors each campaign opening, and its whole log and anchors verify', async () => {
		const { t, key } = await seededCopy();
		try {
			const opened = await t.db
				.selectFrom('audit_event')
				.select(['seq', 'hash', 'subject_id'])
				.where('action', '=', 'campaign.opened')
				.orderBy('seq')
				.execute();
			expect(opened.length).toBeGreaterThan(0);
			const anchors = await t.db
				.selectFrom('audit_checkpoint')
				.select(['seq', 'head_hash', 'campaign_id'])
				.where('reason', '=', 'campaign.opened')
				.orderBy('id')
				.execute();
			expect(anchors).toEqual(
				opened.map((e) => ({ seq: e.seq, head_hash: e.hash, campaign_id: Number(e.subject_id) }))
			);
			const report = await verifyAuditAnchors(t.db, checkpointSignerFrom(key), []);
			expect(report).toMatchObject({ ok: true, badCheckpoints: [] });
		} finally {
			await t.close();
			removeTemplate();
		}
	});
});
