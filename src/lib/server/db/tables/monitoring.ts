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
