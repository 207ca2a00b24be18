// Who must use a second factor: anyone who enrolled one; outside demo mode also admins and
// auditors always, and every role while the (default-on) setting says so.
import { roleAlwaysNeedsTotp, type Role } from '$lib/domain/roles';

export type SecondFactorStep = 'none' | 'verify' | 'enrol';

export function secondFactorStep(
	user: { role: Role; totpEnabled: boolean },
	session: { twoFactorVerified: boolean },
	policy: { demo: boolean; requireForAllStaff: boolean }
): SecondFactorStep {
	if (user.totpEnabled) return session.twoFactorVerified ? 'none' : 'verify';
	if (policy.demo) return 'none';
	return roleAlwaysNeedsTotp(user.role) || policy.requireForAllStaff ? 'enrol' : 'none';
}
