// Why a personal link cannot be used (issue 15 item 2), carried from `/s/<token>` to `/s` in the query: the
// token leaves the URL at once, so the explanation travels as a few checked words, never as free text.
export const DEAD_LINK_REASONS = ['invalid', 'revoked', 'replaced', 'expired', 'answered'] as const;
/**
 * invalid: no such link; revoked: "Thu hồi" on purpose; replaced: dropped for newer links (the cap); expired:
 * killed before migration 0012 (by a re-issue or a revocation, no longer told apart); answered: done.
 */
export type DeadLinkReason = (typeof DEAD_LINK_REASONS)[number];
export const NEWER_LINK_CHANNELS = ['email', 'sms', 'zalo', 'letter', 'screen', 'demo'] as const;
export type NewerLinkChannel = (typeof NEWER_LINK_CHANNELS)[number];

export interface DeadLink {
	reason: DeadLinkReason;
	/** When the link died (unix seconds). */
	at: number | null;
	/** The person's newest live link: how and when it was sent. */
	newer: { via: NewerLinkChannel | null; at: number } | null;
	/** The campaign's slug (for its hotline); null for an unknown link. */
	campaign: string | null;
}

export const UNKNOWN_LINK: DeadLink = { reason: 'invalid', at: null, newer: null, campaign: null };

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
// Only moments from the last few years up to now: the query must not make our page state any date.
const MAX_AGE = 5 * 366 * 86_400;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
	value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;

function momentOf(value: string | null, now: number): number | null {
	if (value === null || !/^\d{1,12}$/.test(value)) return null;
	const at = Number(value);
	return at <= now + 60 && now - at <= MAX_AGE ? at : null;
}

/** The query string `/s` reads: `link=…` plus only the parts this reason uses. */
export function deadLinkQuery(dead: DeadLink): string {
	const q = new URLSearchParams({ link: dead.reason });
	if (dead.at !== null && dead.reason !== 'invalid' && dead.reason !== 'answered') q.set('at', String(dead.at));
	if (dead.newer && dead.reason !== 'answered' && dead.reason !== 'invalid') {
		q.set('newer', String(dead.newer.at));
		if (dead.newer.via) q.set('via', dead.newer.via);
	}
	if (dead.campaign !== null && SLUG.test(dead.campaign)) q.set('c', dead.campaign);
	return q.toString();
}

/** The explanation in a `/s` query, or null when the query is not one (anything unexpected is dropped). */
export function readDeadLink(params: URLSearchParams, now: number): DeadLink | null {
	const reason = oneOf(DEAD_LINK_REASONS, params.get('link'));
	if (!reason) return null;
	const campaign = params.get('c');
	const newerAt = momentOf(params.get('newer'), now);
	const dated = reason !== 'invalid' && reason !== 'answered';
	return {
		reason,
		at: dated ? momentOf(params.get('at'), now) : null,
		newer: dated && newerAt !== null ? { via: oneOf(NEWER_LINK_CHANNELS, params.get('via')), at: newerAt } : null,
		campaign: reason !== 'invalid' && campaign !== null && SLUG.test(campaign) ? campaign : null
	};
}
