// Staff roles and what each may see; the single source for navigation and guards.
export const ROLES = ['admin', 'organiser', 'analyst', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const AREAS = ['home', 'units', 'campaigns', 'templates', 'users', 'settings', 'audit'] as const;
export type Area = (typeof AREAS)[number];

const AREAS_BY_ROLE: Record<Role, Area[]> = {
	admin: ['home', 'units', 'campaigns', 'templates', 'users', 'settings', 'audit'],
	organiser: ['home', 'units', 'campaigns', 'templates'],
	analyst: ['home', 'units', 'campaigns'],
	auditor: ['home', 'audit']
};

export function areasForRole(role: Role): Area[] {
	return AREAS_BY_ROLE[role];
}

export function rolesForArea(area: Area): Role[] {
	return ROLES.filter((r) => AREAS_BY_ROLE[r].includes(area));
}

/** Admins and auditors always need a second factor outside demo mode (docs/security.md). */
export function roleAlwaysNeedsTotp(role: Role): boolean {
	return role === 'admin' || role === 'auditor';
}

/** Who may change campaigns, units and templates (analysts and auditors only read). */
export function canManageSurveys(role: Role): boolean {
	return role === 'admin' || role === 'organiser';
}
