// Sealed answers: the counting committee, the sealing key, sealed and opened sheets, the opening job and tallies.
import type { Generated } from 'kysely';

export interface CommitteeMemberTable {
	campaign_id: number;
	staff_user_id: number;
	/** 1…n: which share the member holds. */
	slot: number;
	share_check: string | null;
	added_at: number;
}

export interface SealingKeyTable {
	campaign_id: number;
	/** Raw X25519 public key, base64url. */
	public_key: string;
	fingerprint: string;
	threshold: number;
	size: number;
	key_check: string;
	created_by: number | null;
	created_at: number;
}

/** A sheet sealed to the committee key, during the round: nobody can read it. */
export interface SealedSheetTable {
	key_hash: string;
	campaign_id: number;
	cell_id: number;
	receipt: string;
	sealed: Uint8Array;
}

/** A (group, unit) place of opened sheets, after cells below k rolled up into their parent. */
export interface CountedCellTable {
	id: Generated<number>;
	campaign_id: number;
	group_id: number;
	unit_id: number;
	sheets: number;
}

/** A sheet after the opening: random id, counted cell, canonical JSON; nothing shared with the sealed row. */
export interface OpenedSheetTable {
	id: string;
	campaign_id: number;
	cell_id: number;
	body: string;
}

export interface CountedReceiptTable {
	campaign_id: number;
	receipt: string;
}

export interface OpeningJobTable {
	campaign_id: number;
	status: 'committed' | 'finished';
	sheets: number;
	invalid: number;
	merged_cells: number;
	committed_at: number;
	finished_at: number | null;
}

/** A member's checked share, sealed to the host process's in-memory key until the host takes it (issue 17). */
export interface RelayedShareTable {
	campaign_id: number;
	slot: number;
	staff_user_id: number;
	host: string;
	sealed: string;
	at: number;
}

/** The opening as its host process runs it, for the other processes to show (issue 17). */
export interface OpeningRunTable {
	campaign_id: number;
	host: string;
	phase: string;
	done: number;
	total: number;
	error: string | null;
	/** JSON of { sheets, invalid, mergedCells } once written. */
	result: string | null;
	updated_at: number;
}

export interface OpenedTallyTable {
	cell_id: number;
	question_id: string;
	unit_key: string;
	option_id: string;
	count: number;
}
