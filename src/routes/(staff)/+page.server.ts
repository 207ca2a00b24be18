import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { listCommitteeRoundsOf } from '$lib/server/sealing/committee';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'home');
	const { db } = await getApp();
	// Committee members of any role (auditors and analysts too) reach their opening page from here.
	return {
		totpEnabled: user.totpEnabled,
		scoped: user.unitId !== null,
		committeeRounds: await listCommitteeRoundsOf(db, user.id)
	};
};
