import { requireStaff } from '$lib/server/auth/guard';
import { getApp } from '$lib/server/app';
import { listUnitTree } from '$lib/server/units';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'units');
	const { db } = await getApp();
	// An organiser scoped to a unit sees only that unit's subtree.
	const scope = user.role === 'organiser' ? user.unitId : null;
	return { units: await listUnitTree(db, scope), scoped: scope !== null };
};
