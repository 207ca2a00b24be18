// Reviewing a proxy-completion flag: only admins and auditors, with a reason, on a flag that exists now;
// the row and its audit event commit together. And the flags' loader and the review service read the
// participation side only: every SQL statement they send is logged and none names a ballot-side table.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flagIdentity } from '$lib/domain/flag-review';
import { verifyAuditChain } from '$lib/server/audit';
import type { Staff } from '$lib/server/auth/staff';
import { reviewFlag } from '$lib/server/monitoring/flag-reviews';
import { listProxyFlags, loadProxyFlagInput } from '$lib/server/monitoring/proxy-flags';
import type { AppKey } from '$lib/server/crypto/keyring';
import type { IssuedLink } from '$lib/server/outreach/invitations';
import { META, makeUser, type TestDb, queryLoggingDb } from './support';
import { removeTemplate, seededCopy, submitAnswers, verifiedRespondent } from './respondent-support';

let t: TestDb;
let key: AppKey;
let links: IssuedLink[];
let campaignId: number;

beforeEach(async () => {
	({ t, key, links, campaignId } = await seededCopy());
});
afterEach(() => t.close());
afterAll(removeTemplate);

async function staffOf(username: string, role: Staff['role']): Promise<Staff> {
	const u = await makeUser(t, username, role);
	return { id: u.id, username, role, unitId: null };
}

/** One device verifying two people's links: a sharedDevice flag, whose key is returned. */
async function sharedDeviceFlag(): Promise<string> {
	const first = await verifiedRespondent(t.db, key, links[0].token, 'device-shared');
	await verifiedRespondent(t.db, key, links[1].token, 'device-shared');
	await submitAnswers(t.db, key, first.ctx);
	const flag = (await listProxyFlags(t.db, campaignId)).find((f) => f.kind === 'sharedDevice');
	expect(flag).toBeDefined();
	expect(flag!.key).toBe(flagIdentity(flag!));
	expect(flag!.review).toBeNull();
	return flag!.key;
}

const reviewRows = () => t.db.selectFrom('flag_review').selectAll().orderBy('id').execute();
const reviewEvents = () => t.db.selectFrom('audit_event').selectAll().where('action', '=', 'flag.reviewed').execute();

/** Nothing written: no review row, no audit event. */
async function unchanged() {
	expect(await reviewRows()).toEqual([]);
	expect(await reviewEvents()).toEqual([]);
}

describe('reviewing a proxy-completion flag', () => {
	it('records an auditor’s review with its audit event in the chain; a second review is kept, the latest shown', async () => {
		const flagKey = await sharedDeviceFlag();
		const auditor = await staffOf('kiemtoan', 'auditor');
		const first = await reviewFlag(
			t.db,
			campaignId,
			flagKey,
			'  Đã gọi điện, hai người dùng chung máy  ',
			auditor,
			META,
			{},
			1_800_000_000
		);
		expect(first).toMatchObject({ ok: true });
		const rows = await reviewRows();
		expect(rows).toEqual([
			{
				id: expect.any(Number),
				campaign_id: campaignId,
				flag_key: flagKey,
				reviewed_by: auditor.id,
				reason: 'Đã gọi điện, hai người dùng chung máy',
				at: 1_800_000_000
			}
		]);
		const [ev] = await reviewEvents();
		expect([ev.actor_type, ev.actor_id, ev.subject_type, ev.subject_id, ev.ip]).toEqual([
			'staff',
			String(auditor.id),
			'campaign',
			String(campaignId),
			META.ip
		]);
		expect(JSON.parse(ev.payload)).toEqual({
			kind: 'sharedDevice',
			flagKey,
			reason: 'Đã gọi điện, hai người dùng chung máy'
		});
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });

		const admin = await staffOf('quantri', 'admin');
		expect(
			await reviewFlag(t.db, campaignId, flagKey, 'Xem lại: đã xác nhận', admin, META, {}, 1_800_000_100)
		).toMatchObject({
			ok: true
		});
		expect(await reviewRows()).toHaveLength(2);
		const flag = (await listProxyFlags(t.db, campaignId)).find((f) => f.key === flagKey)!;
		expect(flag.review).toEqual({ by: 'Cán bộ quantri', at: 1_800_000_100, reason: 'Xem lại: đã xác nhận' });
	});

	it('refuses an empty or too short reason with its key, and writes nothing', async () => {
		const flagKey = await sharedDeviceFlag();
		const auditor = await staffOf('kiemtoan', 'auditor');
		for (const reason of ['', '   ', 'ok', 'x'.repeat(501)])
			expect(await reviewFlag(t.db, campaignId, flagKey, reason, auditor, META)).toEqual({
				ok: false,
				errors: { reason: { key: 'flags.review.error.reason' } }
			});
		await unchanged();
	});

	it('refuses an organiser, who sees flags but does not review them', async () => {
		const flagKey = await sharedDeviceFlag();
		const organiser = await staffOf('tochuc', 'organiser');
		expect(await reviewFlag(t.db, campaignId, flagKey, 'Tôi đã kiểm tra', organiser, META)).toEqual({
			ok: false,
			errors: { form: { key: 'flags.review.error.role' } }
		});
		await unchanged();
	});

	it('refuses a key that names no current flag', async () => {
		await sharedDeviceFlag();
		const auditor = await staffOf('kiemtoan', 'auditor');
		for (const flagKey of ['sharedDevice:999999', 'ipBurst:1,2', ''])
			expect((await reviewFlag(t.db, campaignId, flagKey, 'Đã kiểm tra', auditor, META)).ok).toBe(false);
		expect(await reviewFlag(t.db, campaignId, 'sharedDevice:999999', 'Đã kiểm tra', auditor, META)).toEqual({
			ok: false,
			errors: { form: { key: 'flags.review.error.unknown' } }
		});
		await unchanged();
	});
});

describe('participation side only', () => {
	it('never sends a statement naming a ballot-side table while loading flags or reviewing one', async () => {
		const flagKey = await sharedDeviceFlag();
		const auditor = await staffOf('kiemtoan', 'auditor');
		const { db: logged, queries } = queryLoggingDb(t);
		await loadProxyFlagInput(logged, campaignId);
		await listProxyFlags(logged, campaignId);
		expect(await reviewFlag(logged, campaignId, flagKey, 'Đã kiểm tra', auditor, META)).toMatchObject({ ok: true });
		expect(queries.length).toBeGreaterThan(5);
		expect(queries.some((q) => /flag_review/.test(q))).toBe(true);
		// Every ballot-side table of src/lib/server/db/tables/sealing.ts, and the stores they replaced.
		const ballotSide =
			/sealed_sheet|opened_sheet|opened_tally|counted_cell|counted_receipt|sealing_key|committee_member|opening_job|answer_sheet|answer_chunk|ballot/i;
		expect(queries.filter((q) => ballotSide.test(q))).toEqual([]);
	});
});
