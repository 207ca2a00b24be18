import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAppKey } from '$lib/server/crypto/keyring';
import { isDemoDatabase, readSettings, updateSettings } from '$lib/server/admin/settings';
import { completeSetup, isSetupTokenValid, issueSetupTokenIfNeeded } from '$lib/server/admin/setup';
import { readBundledUnits, seedDemo } from '$lib/server/seed/demo';
import { DEMO_COMMITTEE } from '$lib/server/seed/demo-committee';
import { insertUnits, listUnitTree } from '$lib/server/units/units';
import { listStaffUsers } from '$lib/server/admin/staff-users';
import { verifyAuditChain } from '$lib/server/audit';
import { auditActions, freshDb, makeUser, META, storedBytes, testKey, type TestDb } from './support';

describe('first-run setup link', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('creates the first admin once, and only while there is none', async () => {
		const token = (await issueSetupTokenIfNeeded(t.db))!;
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const rows = await t.db.selectFrom('setup_token').selectAll().execute();
		expect(JSON.stringify(rows)).not.toContain(token);
		const input = { username: 'chief', displayName: 'Trưởng phòng', password: 'đèn lồng tím bên bến sông cũ' };
		expect(await completeSetup(t.db, 'x'.repeat(32), input, META)).toEqual({
			ok: false,
			errors: { form: { key: 'error.setupTokenInvalid' } }
		});
		expect((await completeSetup(t.db, token, input, META)).ok).toBe(true);
		expect(await completeSetup(t.db, token, { ...input, username: 'again' }, META)).toEqual({
			ok: false,
			errors: { form: { key: 'error.setupTokenInvalid' } }
		});
		expect((await listStaffUsers(t.db)).map((u) => [u.username, u.role])).toEqual([['chief', 'admin']]);
		expect(await issueSetupTokenIfNeeded(t.db)).toBeNull();
		expect(await auditActions(t)).toEqual(['setup.token_issued', 'user.created', 'setup.completed']);
	});

	it('a newer link replaces an older one, and links expire', async () => {
		const first = (await issueSetupTokenIfNeeded(t.db, 1000))!;
		const second = (await issueSetupTokenIfNeeded(t.db, 1000))!;
		expect(await isSetupTokenValid(t.db, first, 1001)).toBe(false);
		expect(await isSetupTokenValid(t.db, second, 1001)).toBe(true);
		expect(await isSetupTokenValid(t.db, second, 1000 + 24 * 3600)).toBe(false);
	});
});

describe('settings', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('records each changed setting and refuses bad values without writing', async () => {
		const admin = await makeUser(t, 'root', 'admin');
		const actor = { type: 'staff' as const, id: admin.id, label: 'root' };
		expect(await readSettings(t.db)).toEqual({
			require_totp_all_staff: true,
			session_idle_minutes: 30,
			code_sends_per_minute: 600,
			flag_ip_burst_people: 10,
			flag_ip_burst_minutes: 10,
			flag_same_browser_minutes: 120,
			flag_serial_gap_minutes: 10,
			flag_relay_seconds: 60
		});
		expect(
			await updateSettings(
				t.db,
				{
					require_totp_all_staff: null,
					session_idle_minutes: '999',
					code_sends_per_minute: '600',
					flag_ip_burst_people: '10',
					flag_ip_burst_minutes: '10',
					flag_same_browser_minutes: '120',
					flag_serial_gap_minutes: '10',
					flag_relay_seconds: '60'
				},
				actor,
				META
			)
		).toEqual({
			ok: false,
			errors: { session_idle_minutes: { key: 'error.settingOutOfRange', params: { min: 5, max: 60 } } }
		});
		expect(await readSettings(t.db)).toEqual({
			require_totp_all_staff: true,
			session_idle_minutes: 30,
			code_sends_per_minute: 600,
			flag_ip_burst_people: 10,
			flag_ip_burst_minutes: 10,
			flag_same_browser_minutes: 120,
			flag_serial_gap_minutes: 10,
			flag_relay_seconds: 60
		});
		expect(
			await updateSettings(
				t.db,
				{
					require_totp_all_staff: null,
					session_idle_minutes: '30',
					code_sends_per_minute: '600',
					flag_ip_burst_people: '10',
					flag_ip_burst_minutes: '10',
					flag_same_browser_minutes: '120',
					flag_serial_gap_minutes: '10',
					flag_relay_seconds: '60'
				},
				actor,
				META
			)
		).toEqual({ ok: true, changed: ['require_totp_all_staff'] });
		expect(await readSettings(t.db)).toEqual({
			require_totp_all_staff: false,
			session_idle_minutes: 30,
			code_sends_per_minute: 600,
			flag_ip_burst_people: 10,
			flag_ip_burst_minutes: 10,
			flag_same_browser_minutes: 120,
			flag_serial_gap_minutes: 10,
			flag_relay_seconds: 60
		});
		const ev = await t.db
			.selectFrom('audit_event')
			.selectAll()
			.where('action', '=', 'setting.changed')
			.executeTakeFirstOrThrow();
		expect([ev.subject_id, JSON.parse(ev.payload)]).toEqual(['require_totp_all_staff', { from: true, to: false }]);
		// No setting lets anyone read results before the opening: the old analysts' switch is gone.
		const form = {
			require_totp_all_staff: null,
			session_idle_minutes: '30',
			code_sends_per_minute: '600',
			flag_ip_burst_people: '10',
			flag_ip_burst_minutes: '10',
			flag_same_browser_minutes: '120',
			flag_serial_gap_minutes: '10',
			flag_relay_seconds: '60'
		};
		expect(await updateSettings(t.db, { ...form, analyst_results_before_publish: 'on' }, actor, META)).toEqual({
			ok: true,
			changed: []
		});
		expect(Object.keys(await readSettings(t.db)).sort()).toEqual([
			'code_sends_per_minute',
			'flag_ip_burst_minutes',
			'flag_ip_burst_people',
			'flag_relay_seconds',
			'flag_same_browser_minutes',
			'flag_serial_gap_minutes',
			'require_totp_all_staff',
			'session_idle_minutes'
		]);
		expect(
			await t.db.selectFrom('setting').select('key').where('key', '=', 'analyst_results_before_publish').execute()
		).toEqual([]);
	});
});

describe('units and the demo seed', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('reads the 97 bundled units of the new Quảng Ngãi, matched by code', () => {
		const units = readBundledUnits();
		expect(units).toHaveLength(97);
		expect(units[0]).toMatchObject({ code: '51', parentCode: null, fullName: 'Tỉnh Quảng Ngãi' });
		expect(units.filter((u) => u.parentCode === '51')).toHaveLength(96);
		expect(units.find((u) => u.code === '21319')?.name.normalize('NFC')).toBe(
			units.find((u) => u.code === '21319')?.name
		);
	});

	it('a fresh database is not the demo', async () => {
		expect(await isDemoDatabase(t.db)).toBe(false);
	});

	it('lists a tree or a subtree in order, with depths', async () => {
		await insertUnits(t.db, [
			{ code: '51', parentCode: null, name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', kind: 'tỉnh', nameEn: null },
			{ code: 'SNV', parentCode: '51', name: 'Sở Nội vụ', fullName: 'Sở Nội vụ', kind: 'sở', nameEn: null },
			{
				code: 'SNV.P1',
				parentCode: 'SNV',
				name: 'Phòng CCHC',
				fullName: 'Phòng Cải cách hành chính',
				kind: 'phòng',
				nameEn: null
			},
			{ code: '21025', parentCode: '51', name: 'Cẩm Thành', fullName: 'Phường Cẩm Thành', kind: 'phường', nameEn: null }
		]);
		const all = await listUnitTree(t.db);
		expect(all.map((u) => [u.code, u.depth])).toEqual([
			['51', 0],
			['21025', 1],
			['SNV', 1],
			['SNV.P1', 2]
		]);
		const snv = all.find((u) => u.code === 'SNV')!;
		expect((await listUnitTree(t.db, snv.id)).map((u) => u.code)).toEqual(['SNV', 'SNV.P1']);
		await expect(
			insertUnits(t.db, [{ code: 'X', parentCode: 'NOPE', name: 'X', fullName: 'X', kind: 'x', nameEn: null }])
		).rejects.toThrow(/parent NOPE/);
	});

	it('seeds the demo: units, four staff and a committee of three, a sealing key, a demo flag and a valid chain', async () => {
		const { links, shares } = await seedDemo(t.db, testKey(t.dir));
		expect(await listUnitTree(t.db)).toHaveLength(97 + 8);
		const staff = await listStaffUsers(t.db);
		expect(staff.map((u) => u.role).sort()).toEqual([
			'admin',
			'analyst',
			'auditor',
			'auditor',
			'auditor',
			'auditor',
			'organiser'
		]);
		expect(
			staff
				.map((u) => u.username)
				.filter((n) => n.startsWith('kiemphieu'))
				.sort()
		).toEqual(DEMO_COMMITTEE.map((m) => m.username));
		expect(await isDemoDatabase(t.db)).toBe(true);
		const campaign = await t.db.selectFrom('campaign').selectAll().executeTakeFirstOrThrow();
		expect([campaign.title, campaign.state, campaign.committee_threshold, campaign.counted_at]).toEqual([
			'Điều tra xã hội học năm 2026',
			'open',
			2,
			null
		]);
		expect(links).toHaveLength(64);
		// The open round's committee: 2 of 3, one share each; the server keeps only the public key and check values.
		expect(shares.map((s) => [s.campaignId, s.slot, s.username])).toEqual(
			DEMO_COMMITTEE.map((m, i) => [campaign.id, i + 1, m.username])
		);
		expect(await t.db.selectFrom('sealing_key').select(['campaign_id', 'threshold', 'size']).execute()).toEqual([
			{ campaign_id: campaign.id, threshold: 2, size: 3 }
		]);
		const members = await t.db
			.selectFrom('committee_member')
			.select(['slot', 'share_check'])
			.where('campaign_id', '=', campaign.id)
			.orderBy('slot')
			.execute();
		expect(members.map((m) => [m.slot, /^[0-9a-f]{64}$/.test(m.share_check ?? '')])).toEqual([
			[1, true],
			[2, true],
			[3, true]
		]);
		const stored = await storedBytes(t);
		const holds = (text: string) => stored.some((bytes) => bytes.includes(Buffer.from(text).toString('latin1')));
		for (const share of shares) {
			expect(holds(share.code), `share ${share.slot}`).toBe(false);
			expect(holds(share.passphrase), `passphrase ${share.slot}`).toBe(false);
		}
		// The search is not blind: the public key the server keeps is there.
		const publicKey = (await t.db.selectFrom('sealing_key').select('public_key').executeTakeFirstOrThrow()).public_key;
		expect(holds(publicKey)).toBe(true);
		expect((await t.db.selectFrom('person').select('id').execute()).length).toBe(64);
		// 8 communes of 5 leaders each are their own cells; 24 department leaders pool at the province.
		const cells = await t.db.selectFrom('reporting_cell').select(['invitee_count']).orderBy('invitee_count').execute();
		expect(cells.map((c) => c.invitee_count)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 24]);
		const actions = await auditActions(t);
		expect(actions.slice(0, 7)).toEqual(Array(7).fill('user.created'));
		expect(actions.indexOf('sealing.key_created')).toBeGreaterThan(actions.indexOf('committee.saved'));
		expect(actions.indexOf('campaign.opened')).toBeGreaterThan(actions.indexOf('sealing.key_created'));
		expect(actions.at(-1)).toBe('demo.seeded');
		expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
	});

	it('creates a private key file beside the database when no secret is configured (PostgreSQL: asks for one)', () => {
		if (t.engine === 'postgres') {
			// No file to sit beside, and several processes must share one key.
			expect(() => loadAppKey({ database: t.file, keysSecret: null, keysFile: null, origin: null }, () => {})).toThrow(
				/KEYS_FILE/
			);
			return;
		}
		const key = loadAppKey({ database: t.file, keysSecret: null, keysFile: null, origin: null }, () => {});
		expect(key).toHaveLength(32);
		expect(statSync(path.join(t.dir, 'par-survey.key')).mode & 0o777).toBe(0o600);
		expect(loadAppKey({ database: t.file, keysSecret: null, keysFile: null, origin: null }, () => {})).toEqual(key);
	});
});
