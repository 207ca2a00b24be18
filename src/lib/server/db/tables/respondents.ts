// The respondent side: invitations, devices, one-time codes, sessions and the demo outbox.
import type { Generated } from 'kysely';

export interface InvitationTable {
	id: Generated<number>;
	campaign_id: number;
	person_id: number;
	token_hash: string;
	status: 'active' | 'revoked';
	issued_at: number;
	issued_by: number | null;
	revoked_at: number | null;
	opened_at: number | null;
	verified_at: number | null;
	attested_at: number | null;
	attestation: 'personal' | 'assisted' | null;
	assist_helper: string | null;
	assist_reason: string | null;
	credential_at: number | null;
	credential_request_hash: string | null;
	failed_codes: Generated<number>;
	locked_until: number | null;
}

export interface InvitationDeviceTable {
	invitation_id: number;
	device_hash: string;
	first_seen_at: number;
	verified_at: number | null;
	credential_at: number | null;
}

export interface OtpCodeTable {
	id: Generated<number>;
	invitation_id: number;
	code_mac: string;
	device_hash: string;
	channel: string;
	created_at: number;
	expires_at: number;
	attempts: Generated<number>;
	used_at: number | null;
	dead_at: number | null;
}

export interface RespondentSessionTable {
	id: string;
	secret_hash: string;
	invitation_id: number;
	device_hash: string;
	created_at: number;
	last_seen_at: number;
	expires_at: number;
	verified_at: number | null;
}

export interface DemoOutboxTable {
	id: Generated<number>;
	created_at: number;
	channel: string;
	recipient: string;
	subject: string;
	body: string;
}

/** Ballot side: keyed by SHA-256(m); nothing here may point back to a person. */
