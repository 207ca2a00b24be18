import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '$lib/domain/audit-actions';
import { AUDIT_WORDS, describeAuditDetails, describeAuditSubject } from '$lib/domain/audit-words';
import { messages, translator } from '$lib/i18n';

const vi = translator('vi');
const en = translator('en');

describe('the audit log in words', () => {
	it('has words for every action of the closed list (a new action without them fails here)', () => {
		const missing = AUDIT_ACTIONS.filter((a) => typeof (AUDIT_WORDS as Record<string, unknown>)[a] !== 'function');
		expect(missing).toEqual([]);
		expect(Object.keys(AUDIT_WORDS).sort()).toEqual([...AUDIT_ACTIONS].sort());
		// Each action's words run on an empty and an odd payload without throwing or leaking a key.
		for (const action of AUDIT_ACTIONS) {
			for (const payload of ['{}', '{"count":"x","from":null,"reason":3}']) {
				const text = describeAuditDetails(vi, action, payload);
				expect(text, action).not.toMatch(/audit\.words\./);
			}
		}
	});

	it('says details as short phrases in Vietnamese and English', () => {
		expect(describeAuditDetails(vi, 'invitation.issued', '{"campaign":1,"count":5,"reissued":2}')).toBe(
			'5 liên kết, 2 gửi lại'
		);
		expect(describeAuditDetails(en, 'invitation.issued', '{"campaign":1,"count":5,"reissued":0}')).toBe('5 link(s)');
		expect(describeAuditDetails(vi, 'user.role_changed', '{"from":"analyst","to":"admin"}')).toBe(
			`${messages.vi['role.analyst']} → ${messages.vi['role.admin']}`
		);
		expect(describeAuditDetails(vi, 'auth.login_failed', '{"reason":"wrong_password","knownDevice":false}')).toBe(
			'sai mật khẩu'
		);
		expect(describeAuditDetails(vi, 'auth.recovery_code_used', '{"left":3}')).toBe('còn 3 mã');
		expect(describeAuditDetails(vi, 'setting.changed', '{"from":10,"to":20}')).toBe('10 → 20');
		expect(describeAuditDetails(vi, 'auth.login', '{}')).toBe('');
		expect(describeAuditDetails(vi, 'no.such_action', '{"count":1}')).toBe('');
		expect(describeAuditDetails(vi, 'invitation.issued', 'not json')).toBe('');
	});

	it('names subjects by their names, respondents by number only', () => {
		const names = new Map([
			['staff_user:4', 'Nguyễn Văn A'],
			['campaign:1', 'Điều tra xã hội học năm 2026'],
			['unit:SNV', 'Sở Nội vụ']
		]);
		expect(describeAuditSubject(vi, 'staff_user', '4', names)).toBe('Người dùng Nguyễn Văn A');
		expect(describeAuditSubject(vi, 'campaign', '1', names)).toBe('Đợt Điều tra xã hội học năm 2026');
		expect(describeAuditSubject(vi, 'unit', 'SNV', names)).toBe('Đơn vị Sở Nội vụ');
		expect(describeAuditSubject(vi, 'person', '123', names)).toBe('Người được khảo sát #123');
		expect(describeAuditSubject(vi, 'staff_user', '9', names)).toBe('Người dùng #9');
		expect(describeAuditSubject(vi, 'setting', 'session_idle_minutes', names)).toBe(
			`Cài đặt “${messages.vi['settings.session_idle_minutes']}”`
		);
		expect(describeAuditSubject(en, 'campaign', '1', names)).toBe('Round Điều tra xã hội học năm 2026');
		expect(describeAuditSubject(vi, 'mystery', '7', names)).toBe('mystery:7');
		expect(describeAuditSubject(vi, null, null, names)).toBe('');
	});
});
