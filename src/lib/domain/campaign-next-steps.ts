// What an organiser should do next on a campaign, and how long the round has left: pure rules over the
// campaign's state and a few counts, so the overview and the home page say the same thing.
import type { CampaignState } from './campaign';

/** The campaign's tabs, in the order the navigation shows them (each is a page under /campaigns/[id]). */
export const CAMPAIGN_TABS = [
	'overview',
	'roster',
	'invitations',
	'messages',
	'letters',
	'reminders',
	'monitor',
	'flags',
	'results',
	'committee',
	'opening'
] as const;
export type CampaignTab = (typeof CAMPAIGN_TABS)[number];

/** A unit with people invited but fewer than this share answering is worth a reminder. */
export const LOW_RATE = 0.5;

export interface CampaignFigures {
	state: CampaignState;
	groups: number;
	people: number;
	/** Members named for the counting committee, and whether their sealing key exists yet. */
	committeeSize: number;
	sealingKey: boolean;
	/** People with neither a live link nor a credential. */
	withoutLink: number;
	/** Units whose response rate is below LOW_RATE. */
	lowRateUnits: number;
	/** Days from today to the closing date (0: today is the last day; negative: past it). */
	daysLeft: number | null;
	counted: boolean;
}

export type NextStepId =
	| 'addGroup'
	| 'importRoster'
	| 'setCommittee'
	| 'open'
	| 'sendLinks'
	| 'remind'
	| 'close'
	| 'opening'
	| 'publish'
	| 'results';

export interface NextStep {
	id: NextStepId;
	tab: CampaignTab;
	/** A section of the overview (the state panel, the groups) when the step is done there. */
	anchor?: 'groups' | 'state';
	params?: Record<string, number>;
}

/** The steps still to do, most urgent first (empty when nothing is waiting). */
export function campaignNextSteps(f: CampaignFigures): NextStep[] {
	const steps: NextStep[] = [];
	if (f.state === 'draft') {
		if (f.groups === 0) steps.push({ id: 'addGroup', tab: 'overview', anchor: 'groups' });
		if (f.people === 0) steps.push({ id: 'importRoster', tab: 'roster' });
		if (f.committeeSize === 0 || !f.sealingKey) steps.push({ id: 'setCommittee', tab: 'committee' });
		if (steps.length === 0) steps.push({ id: 'open', tab: 'overview', anchor: 'state' });
	} else if (f.state === 'open') {
		// Past the closing date nothing else matters: closing stops answers the round no longer expects.
		if (f.daysLeft !== null && f.daysLeft < 0) steps.push({ id: 'close', tab: 'overview', anchor: 'state' });
		if (f.withoutLink > 0) steps.push({ id: 'sendLinks', tab: 'invitations', params: { count: f.withoutLink } });
		if (f.lowRateUnits > 0) steps.push({ id: 'remind', tab: 'reminders', params: { count: f.lowRateUnits } });
	} else if (f.state === 'closed') {
		steps.push(f.counted ? { id: 'publish', tab: 'overview', anchor: 'state' } : { id: 'opening', tab: 'opening' });
	} else if (f.counted) {
		steps.push({ id: 'results', tab: 'results' });
	}
	return steps;
}

export interface CampaignStatus {
	people: number;
	invited: number;
	submitted: number;
	/** Submitted ÷ invited, as the monitoring page shows it; null before anyone is invited. */
	rate: number | null;
	withoutLink: number;
	lowRateUnits: number;
	daysLeft: number | null;
	closesOn: string | null;
	steps: NextStep[];
}

/** Days from `today` to the closing day, both as vietnamDayNumber; null without a closing date. */
export function daysUntil(closeDay: number | null, today: number): number | null {
	return closeDay === null ? null : closeDay - today;
}

/** The path of a tab (the overview is the campaign's own page). */
export function tabHref(campaignId: number, tab: CampaignTab): string {
	return tab === 'overview' ? `/campaigns/${campaignId}` : `/campaigns/${campaignId}/${tab}`;
}

/** The link of a step: its tab, and the overview's section when it has one. */
export function stepHref(campaignId: number, step: NextStep): string {
	return tabHref(campaignId, step.tab) + (step.anchor ? `#${step.anchor}` : '');
}

/** Which tab a path belongs to (sub-pages such as a batch's progress belong to the tab they came from). */
export function currentTab(campaignId: number, pathname: string): CampaignTab | null {
	const base = `/campaigns/${campaignId}`;
	if (pathname === base) return 'overview';
	if (!pathname.startsWith(`${base}/`)) return null;
	const segment = pathname.slice(base.length + 1).split('/')[0];
	if (segment === 'batches') return 'invitations';
	return (CAMPAIGN_TABS as readonly string[]).includes(segment) ? (segment as CampaignTab) : null;
}

export interface TabRights {
	role: 'admin' | 'organiser' | 'analyst' | 'auditor';
	state: CampaignState;
	/** Admin, or an organiser whose scope holds the campaign. */
	canManage: boolean;
	/** On the campaign's counting committee. */
	member: boolean;
	/** What the results page's own check (resultsAccess) says. */
	results: boolean;
}

/** The tabs this viewer may open, mirroring each page's own check (the pages still check again). */
export function visibleTabs(r: TabRights): CampaignTab[] {
	const reads = r.canManage || r.role === 'analyst';
	const allowed: Record<CampaignTab, boolean> = {
		overview: reads,
		roster: r.canManage,
		invitations: r.canManage,
		messages: r.canManage,
		letters: r.canManage,
		reminders: r.canManage,
		monitor: r.canManage,
		// Auditors and managers; a draft has no answers to flag.
		flags: r.state !== 'draft' && (r.canManage || r.role === 'auditor'),
		results: r.results,
		committee: reads,
		opening: (r.state === 'closed' || r.state === 'published') && (r.canManage || r.member)
	};
	return CAMPAIGN_TABS.filter((tab) => allowed[tab]);
}

export type Countdown = { kind: 'ended' | 'noDeadline' | 'lastDay' } | { kind: 'daysLeft' | 'overdue'; count: number };

/** What the overview says about the deadline: "12 days left", the last day, overdue, or over. */
export function countdownOf(state: CampaignState, daysLeft: number | null): Countdown {
	if (state === 'closed' || state === 'published') return { kind: 'ended' };
	if (daysLeft === null) return { kind: 'noDeadline' };
	if (daysLeft === 0) return { kind: 'lastDay' };
	return daysLeft > 0 ? { kind: 'daysLeft', count: daysLeft } : { kind: 'overdue', count: -daysLeft };
}
