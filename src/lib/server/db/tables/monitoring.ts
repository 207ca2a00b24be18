// Monitoring: the reviews of proxy-completion flags (the flags themselves are computed, never stored).
import type { Generated } from 'kysely';

export interface FlagReviewTable {
	id: Generated<number>;
	campaign_id: number;
	/** The flag's identity: its kind and its sorted invitation ids (flagIdentity). */
	flag_key: string;
	reviewed_by: number;
	reason: string;
	at: number;
}

/** People per (campaign, unit, group) at each step of the funnel, kept in the transactions that move them. */
export interface ParticipationCountTable {
	campaign_id: number;
	unit_id: number;
	group_id: number;
	people: number;
	invited: number;
	opened: number;
	verified: number;
	submitted: number;
}

/** First credentials per (campaign, unit, Vietnamese day): the dashboard's cumulative line. */
export interface ParticipationDayTable {
	campaign_id: number;
	unit_id: number;
	day: number;
	submitted: number;
}
