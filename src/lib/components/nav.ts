import type { Area } from '$lib/domain/roles';

export const AREA_PATHS: Record<Area, string> = {
	home: '/',
	units: '/units',
	campaigns: '/campaigns',
	templates: '/templates',
	users: '/admin/users',
	settings: '/admin/settings',
	audit: '/audit'
};

export function isCurrent(area: Area, path: string): boolean {
	const target = AREA_PATHS[area];
	return target === '/' ? path === '/' : path === target || path.startsWith(target + '/');
}
