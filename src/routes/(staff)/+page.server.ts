import { getApp } from '$lib/server/app';
import { requireStaff } from '$lib/server/auth/guard';
import { listStartedCampaigns } from '$lib/server/campaigns/campaigns';
import { loadHomeCampaigns } from '$lib/server/campaigns/status';
import { listCommitteeRoundsOf } from '$lib/server/sealing/committee';
import type { PageServerLoad } from './$types';

/** How many rounds an auditor sees listed for their flags. */
const AUDITOR_ROUNDS = 6;

export const load: PageServerLoad = async (event) => {
	const user = await requireStaff(event, 'home');
	const { db } = await getApp();
	// Committee members of any role (auditors and analysts too) reach their opening page from here.
	return {
		totpEnabled: user.totpEnabled,
		scoped: user.unitId !== null,
		committeeRounds: await listCommitteeRoundsOf(db, user.id),
		// Managers: the rounds in progress with their figures; analysts: the results they may read.
		campaigns: await loadHomeCampaigns(db, user),
		// Auditors review each started round's flags.
		flagRounds: user.role === 'auditor' ? (await listStartedCampaigns(db)).slice(0, AUDITOR_ROUNDS) : []
	};
};
