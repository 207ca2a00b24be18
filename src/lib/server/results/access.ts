// Who may read a campaign's results. Analysts: published rounds, and open or closed ones when the
// admin setting allows it; organisers: the closed or published campaigns they manage (their scope);
// admins: all. A draft has no results. Auditors read the audit trail and flags, not answers.
// While a round is open its figures move with every sheet: someone who sees them before and after a
// person submits (organisers also see who has not submitted yet) could read that person's answers from
// the difference, so organisers wait for the close.
import type { Staff } from '../campaigns';
import { canManageCampaign } from '../campaigns';
import type { Db } from '../db/open';
import type { CampaignRow } from '../db/schema';
import { readSettings } from '../settings';
import { isUnitWithin } from '../units';

export type ResultsAccess = { ok: true; viewerRoot: number | null } | { ok: false; reason: 'draft' | 'role' | 'unpublished' | 'scope' | 'stillOpen' };

export async function resultsAccess(db: Db, viewer: Staff, campaign: Pick<CampaignRow, 'state' | 'scope_unit_id'>): Promise<ResultsAccess> {
	if (campaign.state === 'draft') return { ok: false, reason: 'draft' };
	if (viewer.role === 'admin') return { ok: true, viewerRoot: null };
	if (viewer.role === 'analyst') {
		if (campaign.state === 'published') return { ok: true, viewerRoot: null };
		return (await readSettings(db)).analyst_results_before_publish ? { ok: true, viewerRoot: null } : { ok: false, reason: 'unpublished' };
	}
	if (viewer.role !== 'organiser') return { ok: false, reason: 'role' };
	if (!(await canManageCampaign(db, viewer, campaign))) return { ok: false, reason: 'scope' };
	if (campaign.state === 'open') return { ok: false, reason: 'stillOpen' };
	// An organiser manages campaigns scoped inside their unit: the whole campaign is theirs then.
	const whole = viewer.unitId === null || (campaign.scope_unit_id !== null && (await isUnitWithin(db, campaign.scope_unit_id, viewer.unitId)));
	return { ok: true, viewerRoot: whole ? null : viewer.unitId };
}
