// Outgoing messages (batches, deliveries) and reminder policies and runs.
import type { Generated } from 'kysely';

export interface DeliveryBatchTable {
	id: Generated<number>;
	campaign_id: number;
	kind: 'invitation' | 'reminder';
	total: number;
	created_by: number | null;
	created_at: number;
}

export type DeliveryKind = 'invitation' | 'reminder' | 'code';
export type DeliveryChannel = 'email' | 'sms' | 'demo';
/** cancelled: superseded before it went out (a re-issued link, a newer code); never sent. */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface DeliveryTable {
	id: Generated<number>;
	campaign_id: number | null;
	person_id: number | null;
	batch_id: number | null;
	kind: DeliveryKind;
	channel: DeliveryChannel;
	recipient: string;
	status: DeliveryStatus;
	priority: number;
	attempts: Generated<number>;
	next_attempt_at: number;
	claimed_at: number | null;
	/** The app_process that claimed it (issue 17): a live one's claims are left alone. */
	claimed_by: string | null;
	last_error: string | null;
	body_enc: string | null;
	created_at: number;
	sent_at: number | null;
}

export interface ReminderPolicyTable {
	campaign_id: number;
	auto_enabled: Generated<number>;
	days_before: Generated<string>;
	min_interval_hours: Generated<number>;
	max_per_person: Generated<number>;
	updated_at: number;
}

export interface ReminderRunTable {
	campaign_id: number;
	days_before: number;
	ran_at: number;
}

/** A running app process (issue 17): registered at start, seen every few seconds, removed at a clean stop. */
export interface AppProcessTable {
	id: string;
	started_at: number;
	seen_at: number;
	/** The public half of the key this process opens relayed shares with (the private half: memory only). */
	public_key: string | null;
}
