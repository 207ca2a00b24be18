// Reads what the results need from the ballot side (per-cell tallies and sheet counts, never a sheet)
// plus the campaign's documents, groups and unit tree. Both exist only once the round is opened
// (kiểm phiếu), and an opened round cannot change any more, so its tree is built once and kept.
import { buildResultTree, type ResultsData, type ResultTree, type TallyRow } from '$lib/domain/results';
import { resultsView, type ResultsSelection } from '$lib/domain/results-view';
import type { Questionnaire } from '$lib/domain/questionnaire';
import type { Db } from '../db/open';
import type { CampaignRow } from '../db/schema';
import { loadFramework, loadQuestionnaire } from '../templates/documents';

export type ResultsCampaign = Pick<
	CampaignRow,
	'id' | 'state' | 'framework_version_id' | 'scope_unit_id' | 'k_threshold' | 'counted_at'
>;

/** Everything but the tallies: cells, groups, units, documents. */
async function loadStructure(db: Db, campaign: ResultsCampaign): Promise<Omit<ResultsData, 'tallies'>> {
	const stored = await loadFramework(db, campaign.framework_version_id);
	if (!stored) throw new Error(`campaign ${campaign.id} has no framework`);
	const groupRows = await db
		.selectFrom('respondent_group')
		.select(['id', 'code', 'name', 'questionnaire_version_id'])
		.where('campaign_id', '=', campaign.id)
		.orderBy('code')
		.execute();
	const questionnaires = new Map<number, Questionnaire>();
	for (const g of groupRows) {
		if (g.questionnaire_version_id === null) continue;
		const q = await loadQuestionnaire(db, g.questionnaire_version_id);
		if (q) questionnaires.set(g.id, q.questionnaire);
	}
	// Counted cells: (group, unit) places after the opening rolled cells below k into their parent.
	const cells = await db
		.selectFrom('counted_cell')
		.select(['id', 'group_id', 'unit_id', 'sheets'])
		.where('campaign_id', '=', campaign.id)
		.orderBy('id')
		.execute();
	const rated = await db
		.selectFrom('group_rated_unit as r')
		.innerJoin('respondent_group as g', 'g.id', 'r.group_id')
		.select(['r.group_id', 'r.unit_id'])
		.where('g.campaign_id', '=', campaign.id)
		.execute();
	const ratedBy = new Map<number, number[]>();
	for (const r of rated) ratedBy.set(r.unit_id, [...(ratedBy.get(r.unit_id) ?? []), r.group_id]);
	const units = await db.selectFrom('unit').select(['id', 'parent_id', 'code', 'name']).execute();
	return {
		k: campaign.k_threshold,
		framework: stored.framework,
		questionnaires,
		groups: groupRows.map((g) => ({ id: g.id, code: g.code, name: g.name })),
		units: units.map((u) => ({ id: u.id, parentId: u.parent_id, code: u.code, name: u.name })),
		rootUnitId: campaign.scope_unit_id,
		cells: cells.map((c) => ({ id: c.id, groupId: c.group_id, unitId: c.unit_id, sheets: c.sheets ?? 0 })),
		ratedBy
	};
}

/** The tallies computed at the opening: one row per (cell, question, rated unit, option), whatever the number of sheets. */
async function loadTallies(db: Db, campaignId: number): Promise<TallyRow[]> {
	const rows = await db
		.selectFrom('opened_tally as t')
		.innerJoin('counted_cell as c', 'c.id', 't.cell_id')
		.select(['t.cell_id', 't.question_id', 't.unit_key', 't.option_id', 't.count'])
		.where('c.campaign_id', '=', campaignId)
		.execute();
	return rows.map((r) => ({
		cellId: r.cell_id,
		questionId: r.question_id,
		unitKey: r.unit_key,
		optionId: r.option_id,
		count: r.count
	}));
}

export async function loadResultsData(db: Db, campaign: ResultsCampaign): Promise<ResultsData> {
	return { ...(await loadStructure(db, campaign)), tallies: await loadTallies(db, campaign.id) };
}

const finalTrees = new Map<string, ResultTree>();

/** The campaign's figures with their disclosure plan; cached once the campaign can no longer change. */
export async function loadResultTree(db: Db, campaign: ResultsCampaign): Promise<ResultTree> {
	const final = campaign.counted_at !== null;
	// Keyed by the database too: tests open many files in one process.
	const key = `${dbIds.get(db) ?? remember(db)}:${campaign.id}:${campaign.k_threshold}`;
	if (final) {
		const hit = finalTrees.get(key);
		if (hit) return hit;
	}
	const tree = buildResultTree(await loadResultsData(db, campaign));
	if (final) {
		if (finalTrees.size > 50) finalTrees.clear();
		finalTrees.set(key, tree);
	}
	return tree;
}

const dbIds = new WeakMap<object, number>();
let nextDbId = 1;
function remember(db: object): number {
	dbIds.set(db, nextDbId);
	return nextDbId++;
}

/** Views kept per tree: a tree never changes, so neither does what it shows for a selection and viewer. */
const views = new WeakMap<ResultTree, Map<string, ReturnType<typeof resultsView>>>();
/** Views kept per tree at most: every (unit, group) pair of a province could otherwise be held at once. */
const VIEWS_PER_TREE = 64;

/**
 * resultsView, computed once per tree, selection and viewer: the page and its JSON then cost a lookup
 * whatever the number of sheets and cells (issue 16). Shared by every reader: never to be modified.
 */
export function viewOfTree(
	tree: ResultTree,
	selection: ResultsSelection,
	viewerRoot: number | null
): ReturnType<typeof resultsView> {
	let kept = views.get(tree);
	if (!kept) views.set(tree, (kept = new Map()));
	const key = `${selection.unitId}:${selection.groupId}:${viewerRoot}`;
	const hit = kept.get(key);
	if (hit) return hit;
	const view = resultsView(tree, selection, viewerRoot);
	if (kept.size >= VIEWS_PER_TREE) kept.delete(kept.keys().next().value!);
	kept.set(key, view);
	return view;
}
