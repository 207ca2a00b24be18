// The organiser's "what to do next", the deadline countdown, the tab a path belongs to and the tabs
// each role may open (issue 15 item 5).
import { describe, expect, it } from 'vitest';
import {
	campaignNextSteps,
	countdownOf,
	currentTab,
	daysUntil,
	stepHref,
	visibleTabs,
	type CampaignFigures
} from '$lib/domain/campaign-next-steps';

const ready: CampaignFigures = {
	state: 'draft',
	groups: 1,
	people: 10,
	committeeSize: 3,
	sealingKey: true,
	withoutLink: 0,
	lowRateUnits: 0,
	daysLeft: 20,
	counted: false
};
const ids = (f: Partial<CampaignFigures>) => campaignNextSteps({ ...ready, ...f }).map((s) => s.id);

describe('campaignNextSteps', () => {
	it('a draft: group, roster and committee first, then opening', () => {
		expect(ids({ groups: 0, people: 0, committeeSize: 0, sealingKey: false })).toEqual([
			'addGroup',
			'importRoster',
			'setCommittee'
		]);
		// A committee named but without its sealing key is not done yet.
		expect(ids({ sealingKey: false })).toEqual(['setCommittee']);
		expect(ids({})).toEqual(['open']);
		expect(stepHref(7, campaignNextSteps(ready)[0])).toBe('/campaigns/7#state');
		expect(stepHref(7, campaignNextSteps({ ...ready, people: 0 })[0])).toBe('/campaigns/7/roster');
	});

	it('an open round: send links to those without, remind low units, close once the date has passed', () => {
		const open = { ...ready, state: 'open' as const };
		expect(campaignNextSteps(open)).toEqual([]);
		const steps = campaignNextSteps({ ...open, withoutLink: 12, lowRateUnits: 3 });
		expect(steps).toEqual([
			{ id: 'sendLinks', tab: 'invitations', params: { count: 12 } },
			{ id: 'remind', tab: 'reminders', params: { count: 3 } }
		]);
		expect(stepHref(2, steps[0])).toBe('/campaigns/2/invitations');
		expect(ids({ ...open, daysLeft: -1, withoutLink: 2 })).toEqual(['close', 'sendLinks']);
		expect(ids({ ...open, daysLeft: 0 })).toEqual([]);
	});

	it('closed: count the answers, then publish; published: the results', () => {
		expect(ids({ state: 'closed' })).toEqual(['opening']);
		expect(ids({ state: 'closed', counted: true })).toEqual(['publish']);
		expect(ids({ state: 'published', counted: true })).toEqual(['results']);
	});
});

describe('the deadline', () => {
	it('counts days to the closing day and says when it is over', () => {
		expect(daysUntil(100, 88)).toBe(12);
		expect(daysUntil(null, 88)).toBeNull();
		expect(countdownOf('open', 12)).toEqual({ kind: 'daysLeft', count: 12 });
		expect(countdownOf('open', 0)).toEqual({ kind: 'lastDay' });
		expect(countdownOf('open', -3)).toEqual({ kind: 'overdue', count: 3 });
		expect(countdownOf('draft', null)).toEqual({ kind: 'noDeadline' });
		expect(countdownOf('closed', 5)).toEqual({ kind: 'ended' });
	});
});

describe('the tabs', () => {
	it('knows the tab of every page of a campaign, and nothing outside it', () => {
		expect(currentTab(3, '/campaigns/3')).toBe('overview');
		expect(currentTab(3, '/campaigns/3/letters')).toBe('letters');
		expect(currentTab(3, '/campaigns/3/results/report')).toBe('results');
		expect(currentTab(3, '/campaigns/3/batches/9')).toBe('invitations');
		expect(currentTab(3, '/campaigns/3/invitations/41')).toBe('invitations');
		expect(currentTab(3, '/campaigns/31/letters')).toBeNull();
		expect(currentTab(3, '/campaigns/3/unknown')).toBeNull();
	});

	it('shows each role only the pages it may open', () => {
		const base = { state: 'open' as const, member: false, results: false };
		expect(visibleTabs({ ...base, role: 'organiser', canManage: true })).toEqual([
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
		// Analysts read the campaign, its committee and (once published) its results: no names, links or flags.
		expect(visibleTabs({ ...base, role: 'analyst', canManage: false })).toEqual(['overview', 'committee']);
		expect(visibleTabs({ ...base, role: 'analyst', canManage: false, state: 'published', results: true })).toEqual([
			'overview',
			'results',
			'committee'
		]);
		expect(visibleTabs({ ...base, role: 'auditor', canManage: false })).toEqual(['flags']);
		expect(visibleTabs({ ...base, role: 'auditor', canManage: false, state: 'closed', member: true })).toEqual([
			'flags',
			'opening'
		]);
		// An organiser outside the campaign's scope sees none of it; a draft has no flags yet.
		expect(visibleTabs({ ...base, role: 'organiser', canManage: false })).toEqual([]);
		expect(visibleTabs({ ...base, role: 'admin', canManage: true, state: 'draft' })).not.toContain('flags');
	});
});
