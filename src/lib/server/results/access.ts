// Who may read a campaign's results. No result of any kind exists before the committee opens the
// closed round (kiểm phiếu): until then the sheets are sealed and there is nothing to read, for anyone.
// After the opening: analysts read published rounds; organisers the opened or published campaigns they
// manage (their scope); admins all. Auditors read the audit trail and flags, not answers.
import type { Staff } from '../campaigns/campaigns';
import { canManageCampaign } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import type { CampaignRow } from '../db/schema';
import { isUnitWithin } from '../units/units';

export type ResultsAccess =
	| { ok: true; viewerRoot: number | null }
	| { ok: false; reason: 'draft' | 'role' | 'unpublished' | 'scope' | 'stillOpen' | 'notCounted' };

export async function resultsAccess(
	db: Db,
	viewer: Staff,
	campaign: Pick<CampaignRow, 'state' | 'scope_unit_id' | 'counted_at'>
): Promise<ResultsAccess> {
	if (campaign.state === 'draft') return { ok: false, reason: 'draft' };
	if (campaign.state === 'open') return { ok: false, reason: 'stillOpen' };
	if (campaign.counted_at === null) return { ok: false, reason: 'notCounted' };
	if (viewer.role === 'admin') return { ok: true, viewerRoot: null };
	if (viewer.role === 'analyst')
		return campaign.state === 'published' ? { ok: true, viewerRoot: null } : { ok: false, reason: 'unpublished' };
	if (viewer.role !== 'organiser') return { ok: false, reason: 'role' };
	if (!(await canManageCampaign(db, viewer, campaign))) return { ok: false, reason: 'scope' };
	// An organiser manages campaigns scoped inside their unit: the whole campaign is theirs then.
	const whole =
		viewer.unitId === null ||
		(campaign.scope_unit_id !== null && (await isUnitWithin(db, campaign.scope_unit_id, viewer.unitId)));
	return { ok: true, viewerRoot: whole ? null : viewer.unitId };
}
