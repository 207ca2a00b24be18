// The campaign state machine and the input rules for creating one.
import { z } from 'zod';
import { parseDayMonthYear } from './calendar-date';
import type { Message } from './message';

export const CAMPAIGN_STATES = ['draft', 'open', 'closed', 'published'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export type Transition = 'open' | 'close' | 'publish';

const NEXT: Record<Transition, { from: CampaignState; to: CampaignState }> = {
	open: { from: 'draft', to: 'open' },
	close: { from: 'open', to: 'closed' },
	publish: { from: 'closed', to: 'published' }
};

export function nextState(state: CampaignState, transition: Transition): CampaignState | null {
	return NEXT[transition].from === state ? NEXT[transition].to : null;
}

export interface OpeningFacts {
	groups: { code: string; hasQuestionnaire: boolean; people: number; rated: number; repeatsPerRatedUnit: boolean }[];
	people: number;
	frameworkProblems: number;
	questionnaireProblems: { group: string; count: number }[];
	closesOn: string | null;
	today: string;
}

/** Why a draft campaign may not open yet, empty when it may. */
export function reasonsNotToOpen(f: OpeningFacts): Message[] {
	const reasons: Message[] = [];
	if (f.groups.length === 0) reasons.push({ key: 'campaign.guard.noGroups' });
	if (f.people === 0) reasons.push({ key: 'campaign.guard.emptyRoster' });
	if (f.frameworkProblems > 0)
		reasons.push({ key: 'campaign.guard.frameworkInvalid', params: { count: f.frameworkProblems } });
	for (const g of f.groups) {
		if (!g.hasQuestionnaire) reasons.push({ key: 'campaign.guard.groupNoQuestionnaire', params: { group: g.code } });
		if (g.people === 0) reasons.push({ key: 'campaign.guard.groupEmpty', params: { group: g.code } });
		if (g.repeatsPerRatedUnit && g.rated === 0)
			reasons.push({ key: 'campaign.guard.groupNoRatedUnits', params: { group: g.code } });
	}
	for (const q of f.questionnaireProblems) {
		if (q.count > 0)
			reasons.push({ key: 'campaign.guard.questionnaireInvalid', params: { group: q.group, count: q.count } });
	}
	if (f.closesOn !== null && f.closesOn < f.today) reasons.push({ key: 'campaign.guard.closesInPast' });
	return reasons;
}

// Typed as dd/mm/yyyy (any browser locale), kept as ISO "yyyy-mm-dd"; what does not parse is refused below.
const typedDate = (v: unknown) => {
	const typed = text(v);
	return typed === '' ? null : (parseDayMonthYear(typed) ?? typed);
};

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'campaign.error.date')
	.refine(
		(v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
		'campaign.error.date'
	);

const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : '');

export const newCampaignSchema = z
	.object({
		title: z.preprocess(
			text,
			z.string().min(1, 'campaign.error.titleRequired').max(200, 'campaign.error.titleTooLong')
		),
		slug: z.preprocess(
			(v) => text(v).toLowerCase(),
			z.string().regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'campaign.error.slugFormat')
		),
		year: z.preprocess(
			(v) => Number(text(v)),
			z
				.number({ error: 'campaign.error.year' })
				.int('campaign.error.year')
				.min(2020, 'campaign.error.year')
				.max(2100, 'campaign.error.year')
		),
		kThreshold: z.preprocess(
			(v) => (text(v) === '' ? 5 : Number(text(v))),
			z
				.number({ error: 'campaign.error.k' })
				.int('campaign.error.k')
				.min(3, 'campaign.error.k')
				.max(50, 'campaign.error.k')
		),
		opensOn: z.preprocess(typedDate, isoDate.nullable()),
		closesOn: z.preprocess(typedDate, isoDate.nullable()),
		scopeUnitCode: z.preprocess((v) => text(v) || null, z.string().max(32, 'error.unitUnknown').nullable())
	})
	.superRefine((v, ctx) => {
		if (v.opensOn && v.closesOn && v.closesOn < v.opensOn)
			ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'campaign.error.dateOrder' });
	});

export type NewCampaignInput = z.infer<typeof newCampaignSchema>;

/** The fields a draft may still change (the code and scope are fixed at creation). */
export const campaignEditSchema = newCampaignSchema.safeExtend({
	slug: z.any().optional(),
	scopeUnitCode: z.any().optional()
});

export const groupSchema = z.object({
	code: z.preprocess(
		(v) => text(v).toUpperCase(),
		z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'campaign.error.groupCode')
	),
	name: z.preprocess(text, z.string().min(1, 'campaign.error.groupName').max(200, 'campaign.error.groupName'))
});

/** An optional id picked from a list ("" or anything else is no choice). */
const optionalId = z.preprocess((v) => (/^\d{1,9}$/.test(text(v)) ? Number(text(v)) : null), z.number().nullable());

/** The create form: the campaign's fields and the framework it starts from (none: the default template). */
export const createCampaignFormSchema = newCampaignSchema.safeExtend({ frameworkVersionId: optionalId });

/** The group form: code and name, the questionnaire, and the rated units' codes as typed (any separators). */
export const groupFormSchema = groupSchema.extend({
	questionnaireVersionId: optionalId,
	ratedUnitCodes: z.preprocess(
		(v) =>
			text(v)
				.slice(0, 5000)
				.split(/[\s,;]+/)
				.filter(Boolean),
		z.array(z.string())
	)
});
