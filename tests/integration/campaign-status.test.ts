// The overview's and home page's figures (issue 15 item 5) on the seeded demo round (64 people with a
// link in 16 units): rate and people without a link as monitoring counts them, days left, the next steps,
// and the tabs and home cards each role gets.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_SECONDS, vietnamMidnight } from '$lib/domain/vietnam-time';
import type { Staff } from '$lib/server/auth/staff';
import { loadCampaignStatus, loadCampaignTabs, loadHomeCampaigns } from '$lib/server/campaigns/status';
import { recountParticipation } from '$lib/server/monitoring/counts';
import type { TestDb } from './support';
import { SLUG, removeTemplate, seededCopy } from './respondent-support';

const ADMIN: Staff = { id: 1, username: 'admin', role: 'admin', unitId: null };
const ANALYST: Staff = { id: 2, username: 'analyst', role: 'analyst', unitId: null };
const AUDITOR: Staff = { id: 3, username: 'auditor', role: 'auditor', unitId: null };

describe('campaign status', () => {
	let t: TestDb;
	beforeEach(async () => {
		({ t } = await seededCopy());
	});
	afterEach(() => t.close());
	afterAll(() => removeTemplate());

	const campaignOf = () => t.db.selectFrom('campaign').selectAll().where('slug', '=', SLUG).executeTakeFirstOrThrow();

	it('counts the rate, the days left and the people without a link, and says what to do next', async () => {
		const campaign = await campaignOf();
		expect(campaign.state).toBe('open');
		// An hour into the day twelve days before the closing day, in Vietnam.
		const now = vietnamMidnight(campaign.closes_on!)! - 12 * DAY_SECONDS + 3600;
		const before = await loadCampaignStatus(t.db, ADMIN, campaign, now);
		expect(before).toMatchObject({ people: 64, invited: 64, submitted: 0, rate: 0, withoutLink: 0, daysLeft: 12 });
		// Nobody has answered anywhere yet: every unit is below half, a reminder is the one step.
		expect(before.steps).toEqual([{ id: 'remind', tab: 'reminders', params: { count: 16 } }]);

		// Someone added to the roster after the links went out has none.
		const other = await t.db
			.selectFrom('person')
			.selectAll()
			.where('campaign_id', '=', campaign.id)
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('person')
			.values({ ...other, id: undefined, personal_code: 'MOI-1', full_name: 'Người Mới Thêm' })
			.execute();
		// Written around the roster import: the kept counts are recounted as an import would.
		await recountParticipation(t.db, campaign.id);
		const after = await loadCampaignStatus(t.db, ADMIN, campaign, now + 13 * DAY_SECONDS);
		expect(after).toMatchObject({ people: 65, invited: 64, withoutLink: 1, daysLeft: -1 });
		expect(after.steps.map((s) => s.id)).toEqual(['close', 'sendLinks', 'remind']);
		expect(after.steps[1].params).toEqual({ count: 1 });
	});

	it('gives each role its tabs and its home cards', async () => {
		const campaign = await campaignOf();
		expect(await loadCampaignTabs(t.db, ADMIN, campaign)).toEqual([
			'overview',
			'roster',
			'invitations',
			'messages',
			'letters',
			'reminders',
			'monitor',
			'flags',
			'committee'
		]);
		// The round is open: no results for anyone, no names or links for the analyst.
		expect(await loadCampaignTabs(t.db, ANALYST, campaign)).toEqual(['overview', 'committee']);
		expect(await loadCampaignTabs(t.db, AUDITOR, campaign)).toEqual(['flags']);

		const adminCards = await loadHomeCampaigns(t.db, ADMIN);
		const card = adminCards.find((c) => c.id === campaign.id)!;
		expect(card.status).toMatchObject({ people: 64, invited: 64, rate: 0 });
		// Analysts get only the rounds whose results they may read, without participation figures.
		const analystCards = await loadHomeCampaigns(t.db, ANALYST);
		expect(analystCards.map((c) => c.id)).not.toContain(campaign.id);
		expect(analystCards.every((c) => c.results && c.status === null)).toBe(true);
		expect(await loadHomeCampaigns(t.db, AUDITOR)).toEqual([]);
	});
});
