import type { Area } from '$lib/domain/roles';

export const AREAS_FOR_TEST: Area[] = ['home', 'units', 'campaigns', 'templates', 'users', 'settings', 'audit'];
