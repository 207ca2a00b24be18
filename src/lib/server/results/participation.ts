// Response rates for the results pages, read through the monitoring scope (counts of people only).
import type { ResultsView } from '$lib/domain/results-view';
import type { Staff } from '$lib/server/campaigns/campaigns';
import type { Db } from '$lib/server/db/open';
import { resolveMonitorScope } from '$lib/server/monitoring/monitoring';
import { maskParticipation, participationOf, type Participation } from '$lib/domain/results-participation';

/** null when the monitoring side does not know the unit looked at (nothing to show then). */
export async function loadParticipation(
	db: Db,
	viewer: Pick<Staff, 'role' | 'unitId'>,
	campaignId: number,
	view: ResultsView
): Promise<Participation | null> {
	// The results gate already decided what the viewer may see: organisers their subtree, others the whole campaign.
	const scopeViewer = viewer.role === 'organiser' ? viewer : { role: 'admin' as const, unitId: null };
	const resolved = await resolveMonitorScope(db, campaignId, scopeViewer, view.unit?.code ?? null);
	return resolved.ok
		? maskParticipation(participationOf(resolved.scope, view.groups, view.group?.id ?? null), view)
		: null;
}
