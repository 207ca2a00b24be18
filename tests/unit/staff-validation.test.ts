import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/domain/form';
import {
	newPasswordSchema,
	newStaffUserSchema,
	passwordChangeSchema,
	setupAdminSchema,
	staffProfileSchema
} from '$lib/domain/staff';
import { safeRedirectPath } from '$lib/domain/redirect';
import { parseSettingValue, findSetting } from '$lib/domain/settings';
import { areasForRole, rolesForArea } from '$lib/domain/roles';
import { secondFactorStep } from '$lib/server/auth/second-factor';

const valid = {
	username: ' Nguyen.Van-A ',
	displayName: ' Nguyễn Văn A ',
	role: 'organiser',
	unitCode: '21025',
	password: 'một cụm từ dài dễ nhớ'
};

describe('staff account input', () => {
	it('normalises a valid account', () => {
		const r = parseForm(newStaffUserSchema, valid);
		expect(r).toEqual({
			ok: true,
			values: { username: valid.username, displayName: valid.displayName, role: 'organiser', unitCode: '21025' },
			value: {
				username: 'nguyen.van-a',
				displayName: 'Nguyễn Văn A',
				role: 'organiser',
				unitCode: '21025',
				password: valid.password
			}
		});
	});

	it('gives one Vietnamese-keyed error per bad field', () => {
		const r = parseForm(newStaffUserSchema, {
			username: 'x',
			displayName: '',
			role: 'superuser',
			unitCode: '',
			password: 'short'
		});
		expect(r).toEqual({
			ok: false,
			values: { username: 'x', displayName: '', role: 'superuser', unitCode: '' },
			errors: {
				username: { key: 'error.usernameFormat' },
				displayName: { key: 'error.displayNameRequired' },
				role: { key: 'error.roleUnknown' },
				password: { key: 'error.passwordTooShort' }
			}
		});
	});

	it('refuses a 10 kB password without a length surprise', () => {
		const tooLong = newPasswordSchema.safeParse('a'.repeat(10_240));
		expect(tooLong.success ? null : tooLong.error.issues.map((i) => i.message)).toEqual(['error.passwordTooLong']);
		expect(newPasswordSchema.safeParse('a'.repeat(256)).success).toBe(true);
		const missing = newPasswordSchema.safeParse(undefined);
		expect(missing.success ? null : missing.error.issues.map((i) => i.message)).toEqual(['error.passwordRequired']);
	});

	it('refuses a password containing the username', () => {
		const r = parseForm(newStaffUserSchema, { ...valid, username: 'thanh', password: 'thanh-mat-khau-dai' });
		expect(r.ok ? null : r.errors.password).toEqual({ key: 'error.passwordContainsUsername' });
	});

	it('limits unit scope to organisers', () => {
		const r = parseForm(staffProfileSchema, { displayName: 'A', role: 'analyst', unitCode: '21025' });
		expect(r.ok ? null : r.errors.unitCode).toEqual({ key: 'error.unitScopeOrganiserOnly' });
		expect(parseForm(staffProfileSchema, { displayName: 'A', role: 'analyst', unitCode: '' }).ok).toBe(true);
	});

	it('reads the password forms as messages and never echoes a password', () => {
		const change = parseForm(passwordChangeSchema, { currentPassword: '', newPassword: 'ngắn', confirmPassword: 'x' });
		expect(change).toEqual({
			ok: false,
			errors: { currentPassword: { key: 'error.passwordRequired' }, newPassword: { key: 'error.passwordTooShort' } },
			values: {}
		});
		const typed = { currentPassword: 'c'.repeat(2000), newPassword: valid.password, confirmPassword: valid.password };
		const ok = parseForm(passwordChangeSchema, typed);
		expect(ok.ok && ok.value.currentPassword.length).toBe(1024);
		const setup = parseForm(setupAdminSchema, { ...valid, role: 'admin', unitCode: '', confirmPassword: 'khác' });
		expect(setup.ok && setup.value).toMatchObject({ username: 'nguyen.van-a', role: 'admin', confirmPassword: 'khác' });
		expect(setup.values).toEqual({
			username: valid.username,
			displayName: valid.displayName,
			role: 'admin',
			unitCode: ''
		});
	});
});

describe('roles and second factor', () => {
	it('maps roles to areas both ways', () => {
		expect(areasForRole('auditor')).toEqual(['home', 'audit']);
		expect(rolesForArea('audit')).toEqual(['admin', 'auditor']);
		expect(rolesForArea('users')).toEqual(['admin']);
	});

	it('requires enrolment outside demo mode for admins always, others by setting', () => {
		const off = { demo: false, requireForAllStaff: false };
		expect(secondFactorStep({ role: 'admin', totpEnabled: false }, { twoFactorVerified: false }, off)).toBe('enrol');
		expect(secondFactorStep({ role: 'auditor', totpEnabled: false }, { twoFactorVerified: false }, off)).toBe('enrol');
		expect(secondFactorStep({ role: 'analyst', totpEnabled: false }, { twoFactorVerified: false }, off)).toBe('none');
		expect(
			secondFactorStep(
				{ role: 'analyst', totpEnabled: false },
				{ twoFactorVerified: false },
				{ ...off, requireForAllStaff: true }
			)
		).toBe('enrol');
		expect(
			secondFactorStep({ role: 'admin', totpEnabled: false }, { twoFactorVerified: false }, { ...off, demo: true })
		).toBe('none');
		expect(
			secondFactorStep({ role: 'analyst', totpEnabled: true }, { twoFactorVerified: false }, { ...off, demo: true })
		).toBe('verify');
		expect(secondFactorStep({ role: 'admin', totpEnabled: true }, { twoFactorVerified: true }, off)).toBe('none');
	});
});

describe('small parsers', () => {
	it('allows only same-site paths after sign-in', () => {
		expect(safeRedirectPath('/audit?page=2')).toBe('/audit?page=2');
		expect(safeRedirectPath('//evil.example/x')).toBe('/');
		expect(safeRedirectPath('https://evil.example')).toBe('/');
		expect(safeRedirectPath('/\\evil.example')).toBe('/');
		expect(safeRedirectPath(null)).toBe('/');
	});

	it('parses settings within bounds', () => {
		const idle = findSetting('session_idle_minutes')!;
		expect(parseSettingValue(idle, '45')).toEqual({ value: 45 });
		expect(parseSettingValue(idle, '1')).toEqual({ error: 'error.settingOutOfRange' });
		expect(parseSettingValue(idle, '3.5')).toEqual({ error: 'error.settingNotInteger' });
		expect(parseSettingValue(findSetting('require_totp_all_staff')!, null)).toEqual({ value: false });
	});
});
