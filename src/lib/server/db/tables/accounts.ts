// Units, staff accounts and their sessions, settings and the audit log (migration 0001).
import type { Generated } from 'kysely';
import type { Role } from '$lib/domain/roles';

export interface UnitTable {
	id: Generated<number>;
	code: string;
	parent_id: number | null;
	name: string;
	full_name: string;
	kind: string;
	name_en: string | null;
	retired_at: number | null;
	created_at: number;
	updated_at: number | null;
}

export interface StaffUserTable {
	id: Generated<number>;
	username: string;
	display_name: string;
	role: Role;
	unit_id: number | null;
	password_hash: string;
	password_changed_at: number;
	totp_key_enc: string | null;
	totp_last_step: number | null;
	disabled_at: number | null;
	created_at: number;
	updated_at: number;
}

/** A one-time TOTP recovery code (migration 0013): only its keyed hash; `used_at` once spent. */
export interface StaffRecoveryCodeTable {
	id: Generated<number>;
	user_id: number;
	code_hash: string;
	created_at: number;
	used_at: number | null;
}

export interface StaffSessionTable {
	id: string;
	secret_hash: string;
	user_id: number;
	two_factor_verified: Generated<number>;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
	ip: string | null;
	user_agent: string | null;
	/** Opaque name of the session in its owner's list (never the id, which is half the cookie). */
	handle: string | null;
}

export interface LoginThrottleTable {
	key: string;
	failures: number;
	window_start: number;
	locked_until: number | null;
}

export interface SettingTable {
	key: string;
	value: string;
	updated_at: number;
	updated_by: number | null;
}

export interface SetupTokenTable {
	token_hash: string;
	created_at: number;
	expires_at: number;
	used_at: number | null;
}

export interface AuditEventTable {
	seq: number;
	at: number;
	actor_type: string;
	actor_id: string | null;
	actor_label: string | null;
	action: string;
	subject_type: string | null;
	subject_id: string | null;
	ip: string | null;
	user_agent: string | null;
	payload: string;
	prev_hash: string;
	hash: string;
}
