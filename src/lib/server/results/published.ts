// The one gate every results page, chart, export and JSON endpoint goes through: access, then the
// campaign's disclosure plan (domain/results.ts), then the view (domain/results-view.ts). Nothing
// here lists a sheet.
import { compareFields, type FieldComparison } from '$lib/domain/results-compare';
import type { ResultsView, ViewError } from '$lib/domain/results-view';
import type { Framework } from '$lib/domain/framework';
import type { Staff } from '../campaigns/campaigns';
import type { Db } from '../db/open';
import type { CampaignRow } from '../db/schema';
import { resultsAccess, type ResultsAccess } from './access';
import { loadResultTree, viewOfTree } from './load';

export type ResultsCampaignRow = Pick<
	CampaignRow,
	'id' | 'slug' | 'title' | 'year' | 'state' | 'framework_version_id' | 'scope_unit_id' | 'k_threshold' | 'counted_at'
>;
export interface ResultsRequest {
	unitCode: string | null;
	groupCode: string | null;
}
export type PublishedResults =
	| { ok: true; view: ResultsView; framework: Framework; comparisons: FieldComparison[] }
	| { ok: false; error: ViewError | Exclude<ResultsAccess, { ok: true }>['reason'] };

/** `access`: the viewer's access when the caller has already checked it (the route context does, for its audited 403). */
export async function publishedResults(
	db: Db,
	viewer: Staff,
	campaign: ResultsCampaignRow,
	request: ResultsRequest,
	checked?: ResultsAccess
): Promise<PublishedResults> {
	const access = checked ?? (await resultsAccess(db, viewer, campaign));
	if (!access.ok) return { ok: false, error: access.reason };
	const tree = await loadResultTree(db, campaign);
	const unit = request.unitCode === null ? null : tree.data.units.find((u) => u.code === request.unitCode);
	if (unit === undefined) return { ok: false, error: 'unitUnknown' };
	const group = request.groupCode === null ? null : tree.data.groups.find((g) => g.code === request.groupCode);
	if (group === undefined) return { ok: false, error: 'groupUnknown' };
	const result = viewOfTree(tree, { unitId: unit?.id ?? null, groupId: group?.id ?? null }, access.viewerRoot);
	if (!result.ok) return result;
	const comparisons = unit === null && group === null ? await compareWithOthers(db, viewer, campaign, result.view) : [];
	return { ok: true, view: result.view, framework: tree.data.framework, comparisons };
}

const MAX_COMPARISONS = 5;

/** Other rounds of the same framework (by name, any version) the viewer may read: fields matched by code. */
async function compareWithOthers(
	db: Db,
	viewer: Staff,
	campaign: ResultsCampaignRow,
	view: ResultsView
): Promise<FieldComparison[]> {
	if (!view.total.shown) return [];
	const name = await db
		.selectFrom('framework_version')
		.select('name')
		.where('id', '=', campaign.framework_version_id)
		.executeTakeFirst();
	if (!name) return [];
	const others = await db
		.selectFrom('campaign as c')
		.innerJoin('framework_version as f', 'f.id', 'c.framework_version_id')
		.select([
			'c.id',
			'c.slug',
			'c.title',
			'c.year',
			'c.state',
			'c.framework_version_id',
			'c.scope_unit_id',
			'c.k_threshold',
			'c.counted_at'
		])
		.where('f.name', '=', name.name)
		.where('c.id', '!=', campaign.id)
		.where('c.state', '!=', 'draft')
		.orderBy('c.year', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
	const out: FieldComparison[] = [];
	// The newest five the viewer may read (filtered before the cut: a round they may not read takes no place).
	for (const other of others) {
		if (out.length === MAX_COMPARISONS) break;
		const access = await resultsAccess(db, viewer, other);
		if (!access.ok || access.viewerRoot !== null) continue;
		const tree = await loadResultTree(db, other);
		const result = viewOfTree(tree, { unitId: null, groupId: null }, null);
		if (!result.ok || !result.view.total.shown) continue;
		out.push(
			compareFields({ id: other.id, title: other.title, year: other.year }, view.total.score, result.view.total.score)
		);
	}
	return out;
}
