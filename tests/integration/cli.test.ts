import { generateHOTP } from '@oslojs/otp';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetTotp } from '../../src/cli/commands';
import { getStaffUser, listStaffUsers } from '$lib/server/admin/staff-users';
import { enableTotp, generateTotpKey } from '$lib/server/auth/totp';
import { loginWithPassword } from '$lib/server/auth/login';
import { auditActions, freshDb, makeUser, META, testKey, type TestDb } from './support';

function cli(t: TestDb, args: string[], input?: string) {
	return spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
		encoding: 'utf8',
		input,
		env: { ...process.env, DATABASE_PATH: t.file, KEYS_FILE: path.join(t.dir, 'key') }
	});
}

describe('operator command line', () => {
	let t: TestDb;
	beforeEach(async () => (t = await freshDb()));
	afterEach(() => t.close());

	it('user:create makes an account from a password on stdin, and a generated one otherwise', async () => {
		const a = cli(
			t,
			['user:create', '--username', 'chief', '--name', 'Nguyễn Văn Trưởng', '--role', 'admin', '--password-stdin'],
			'gió lùa ô cửa gỗ\n'
		);
		expect(a.status, a.stderr).toBe(0);
		expect((await loginWithPassword(t.db, { username: 'chief', password: 'gió lùa ô cửa gỗ' }, META)).ok).toBe(true);
		const b = cli(t, ['user:create', '--username', 'kiem', '--name', 'Kiểm Tra', '--role', 'auditor']);
		expect(b.status).toBe(0);
		const generated = /: ([a-z2-7]{24})$/m.exec(b.stdout)?.[1];
		expect(generated).toBeDefined();
		expect((await loginWithPassword(t.db, { username: 'kiem', password: generated! }, META)).ok).toBe(true);
		expect((await auditActions(t)).filter((x) => x === 'user.created')).toHaveLength(2);
	});

	it('refuses bad input with Vietnamese messages and writes nothing', async () => {
		const r = cli(
			t,
			['user:create', '--username', 'x', '--name', '', '--role', 'superuser', '--password-stdin'],
			'ngắn'
		);
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('Vai trò không hợp lệ');
		expect(r.stderr).toContain('Mật khẩu phải có ít nhất 12 ký tự');
		expect(r.stderr).toContain('Tên đăng nhập gồm 3–32 ký tự');
		expect(await listStaffUsers(t.db)).toEqual([]);
		expect(await auditActions(t)).toEqual([]);
		const unknown = cli(t, ['no-such-command']);
		expect(unknown.status).toBe(2);
		expect(unknown.stderr).toContain('Cách dùng');
	});

	it('user:reset-totp removes a lost authenticator (audited); an unknown name is refused and nothing is written', async () => {
		const admin = await makeUser(t, 'chief', 'admin');
		const key = generateTotpKey();
		const now = Math.floor(Date.now() / 1000);
		const code = generateHOTP(key, BigInt(Math.floor(now / 30)), 6);
		expect(await enableTotp(t.db, testKey(t.dir), admin, key, code, META, now)).toMatchObject({ ok: true });
		const before = await auditActions(t);

		// In process (one spawn less): the same function the command runs.
		const said = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(await resetTotp(t.db, 'nobody')).toBe(1);
		expect(said.mock.calls.join('\n')).toContain('không tìm thấy tài khoản "nobody"');
		said.mockRestore();
		expect((await getStaffUser(t.db, admin.id))?.totpEnabled).toBe(true);
		expect(await auditActions(t)).toEqual(before);

		const reset = cli(t, ['user:reset-totp', '--username', 'chief']);
		expect(reset.status, reset.stderr).toBe(0);
		expect(reset.stdout).toContain('Đã gỡ xác thực hai lớp của chief');
		expect((await getStaffUser(t.db, admin.id))?.totpEnabled).toBe(false);
		// The recovery codes went with the authenticator.
		expect(await t.db.selectFrom('staff_recovery_code').selectAll().execute()).toEqual([]);
		expect(await auditActions(t)).toEqual([...before, 'user.totp_reset']);
	});

	it('backup writes a clean single-file copy through the online backup API (on PostgreSQL: names pg_dump)', async () => {
		cli(
			t,
			['user:create', '--username', 'chief', '--name', 'Trưởng', '--role', 'admin', '--password-stdin'],
			'gió lùa ô cửa gỗ'
		);
		const target = path.join(t.dir, 'backup', 'copy.sqlite');
		const r = cli(t, ['backup', '--to', target]);
		if (t.engine === 'postgres') {
			expect(r.status).toBe(2);
			expect(r.stderr).toContain('sao lưu bằng pg_dump --format=custom');
			expect(existsSync(target)).toBe(false);
			return;
		}
		expect(r.status, r.stderr).toBe(0);
		expect(existsSync(target)).toBe(true);
		expect(existsSync(target + '-wal')).toBe(false);
		const Database = (await import('better-sqlite3')).default;
		const copy = new Database(target, { readonly: true });
		expect(copy.prepare('select username from staff_user').all()).toEqual([{ username: 'chief' }]);
		copy.close();
	});
});
