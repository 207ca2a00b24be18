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

/** Where a link went: a delivery channel, a printed letter, or the organiser's screen ('unknown': before 0012). */
export type LinkChannel = 'email' | 'sms' | 'zalo' | 'letter' | 'screen' | 'demo' | 'unknown';
/** Why a link died: "Thu hồi" on purpose, the per-person cap, or (before 0012) a re-issue. */
export type LinkRevokedReason = 'organiser' | 'limit' | 'credential' | 'legacy';

/** One personal link (migration 0012): several live ones per invitation, only the SHA-256 stored. */
export interface InvitationLinkTable {
	id: Generated<number>;
	invitation_id: number;
	token_hash: string;
	channel: LinkChannel;
	issued_at: number;
	issued_by: number | null;
	revoked_at: number | null;
	revoked_reason: LinkRevokedReason | null;
	revoked_by: number | null;
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
	/** The link that opened the session (0012; null before): revoking that link ends it. */
	link_id: number | null;
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
