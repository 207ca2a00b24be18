// What the campaign pages show: the list of campaigns a staff member may see, and one campaign with its
// groups (questionnaire, people, rated units), reporting cells with their key fingerprints, committee,
// framework and scope — read-only, mapped for the pages.
import type { Db } from '../db/open';
import type { CampaignRow } from '../db/schema';
import type { Staff } from '../auth/staff';
import { resultsAccess } from '../results/access';
import { loadCommittee } from '../sealing/committee';
import { listFrameworkVersions, listQuestionnaireVersions } from '../templates/documents';
import { listCampaignsFor } from './campaigns';
import { checkCampaignCanOpen } from './open';

/** The campaigns page: the campaigns this staff member sees, and the frameworks a new one may use. */
export async function loadCampaignList(db: Db, staff: Staff) {
	const campaigns = await listCampaignsFor(db, staff);
	// A link to the results only where the viewer may open them (the results page checks again).
	const withResults = await Promise.all(campaigns.map(async (c) => (await resultsAccess(db, staff, c)).ok));
	return {
		campaigns: campaigns.map((c, i) => ({
			id: c.id,
			slug: c.slug,
			title: c.title,
			year: c.year,
			state: c.state,
			opensOn: c.opens_on,
			closesOn: c.closes_on,
			results: withResults[i]
		})),
		frameworks: (await listFrameworkVersions(db)).map((f) => ({ id: f.id, label: `${f.name} — v${f.version}` }))
	};
}

/** One campaign's page: its facts, groups, cells, committee, and (for a draft) what stops it opening. */
export async function loadCampaignPage(db: Db, staff: Staff, campaign: CampaignRow) {
	const overview = await loadCampaignOverview(db, campaign);
	const committee = await loadCommittee(db, campaign.id);
	return {
		campaign: {
			id: campaign.id,
			slug: campaign.slug,
			title: campaign.title,
			year: campaign.year,
			state: campaign.state,
			k: campaign.k_threshold,
			opensOn: campaign.opens_on,
			closesOn: campaign.closes_on,
			scope: overview.scope,
			framework: overview.framework
		},
		resultsVisible: (await resultsAccess(db, staff, campaign)).ok,
		committee: {
			size: committee?.key?.size ?? committee?.members.length ?? 0,
			threshold: committee?.key?.threshold ?? committee?.threshold ?? 0,
			fingerprint: committee?.key?.fingerprint ?? null
		},
		counted: campaign.counted_at !== null,
		groups: overview.groups,
		questionnaires: (await listQuestionnaireVersions(db))
			.filter((q) => q.framework_version_id === campaign.framework_version_id)
			.map((q) => ({ id: q.id, label: `${q.name} — v${q.version}` })),
		reasons: campaign.state === 'draft' ? await checkCampaignCanOpen(db, campaign.id) : [],
		cells: overview.cells
	};
}

export async function loadCampaignOverview(
	db: Db,
	campaign: Pick<CampaignRow, 'id' | 'framework_version_id' | 'scope_unit_id'>
) {
	const groups = await db
		.selectFrom('respondent_group')
		.leftJoin('questionnaire_version', 'questionnaire_version.id', 'respondent_group.questionnaire_version_id')
		.select((eb) => [
			'respondent_group.id',
			'respondent_group.code',
			'respondent_group.name',
			'respondent_group.questionnaire_version_id',
			'questionnaire_version.name as q_name',
			'questionnaire_version.version as q_version',
			eb
				.selectFrom('person')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('person.group_id', '=', 'respondent_group.id')
				.as('people')
		])
		.where('respondent_group.campaign_id', '=', campaign.id)
		.orderBy('respondent_group.code')
		.execute();
	const rated = await db
		.selectFrom('group_rated_unit')
		.innerJoin('unit', 'unit.id', 'group_rated_unit.unit_id')
		.innerJoin('respondent_group', 'respondent_group.id', 'group_rated_unit.group_id')
		.select(['group_rated_unit.group_id', 'unit.code'])
		.where('respondent_group.campaign_id', '=', campaign.id)
		.orderBy('unit.code')
		.execute();
	const cells = await db
		.selectFrom('reporting_cell')
		.innerJoin('unit', 'unit.id', 'reporting_cell.unit_id')
		.innerJoin('respondent_group', 'respondent_group.id', 'reporting_cell.group_id')
		.select([
			'reporting_cell.id',
			'respondent_group.code as group',
			'unit.full_name as unit',
			'reporting_cell.invitee_count',
			'reporting_cell.below_k',
			'reporting_cell.fingerprint'
		])
		.where('reporting_cell.campaign_id', '=', campaign.id)
		.orderBy('respondent_group.code')
		.orderBy('unit.full_name')
		.execute();
	const framework = await db
		.selectFrom('framework_version')
		.select(['name', 'version'])
		.where('id', '=', campaign.framework_version_id)
		.executeTakeFirstOrThrow();
	const scope =
		campaign.scope_unit_id === null
			? null
			: await db
					.selectFrom('unit')
					.select(['code', 'full_name'])
					.where('id', '=', campaign.scope_unit_id)
					.executeTakeFirst();
	return {
		framework: `${framework.name} — v${framework.version}`,
		scope: scope ? `${scope.full_name} (${scope.code})` : null,
		groups: groups.map((g) => ({
			id: g.id,
			code: g.code,
			name: g.name,
			questionnaireVersionId: g.questionnaire_version_id,
			questionnaire: g.q_name ? `${g.q_name} — v${g.q_version}` : null,
			people: Number(g.people ?? 0),
			ratedUnitCodes: rated.filter((r) => r.group_id === g.id).map((r) => r.code)
		})),
		cells: cells.map((c) => ({
			id: c.id,
			group: c.group,
			unit: c.unit,
			count: c.invitee_count,
			belowK: c.below_k === 1,
			fingerprint: c.fingerprint
		}))
	};
}
