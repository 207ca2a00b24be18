// The codes a campaign's roster template offers: the units its roster may use and its respondent groups.
import type { RosterTemplateCodes } from '$lib/domain/roster-template';
import type { Db } from '../db/open';
import { allowedUnits } from './import';

const byCode = (a: { code: string }, b: { code: string }) =>
	a.code.localeCompare(b.code, 'vi', { numeric: true, sensitivity: 'base' });

/** The campaign's valid unit and group codes with their names, in code order; null when there is no such campaign. */
export async function rosterTemplateCodes(db: Db, campaignId: number): Promise<RosterTemplateCodes | null> {
	const campaign = await db
		.selectFrom('campaign')
		.select('scope_unit_id')
		.where('id', '=', campaignId)
		.executeTakeFirst();
	if (!campaign) return null;
	const units = await allowedUnits(db, campaign.scope_unit_id);
	const parents = new Set(units.map((u) => u.parent_id));
	const groups = await db
		.selectFrom('respondent_group')
		.select(['code', 'name'])
		.where('campaign_id', '=', campaignId)
		.execute();
	return {
		units: units.map((u) => ({ code: u.code, name: u.name, leaf: !parents.has(u.id) })).sort(byCode),
		groups: groups.sort(byCode)
	};
}
