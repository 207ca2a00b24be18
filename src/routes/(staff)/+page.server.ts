import { requireStaff } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'home');
	return { totpEnabled: user.totpEnabled, scoped: user.unitId !== null };
};
