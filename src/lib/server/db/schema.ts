// The typed shape of the database; columns are snake_case, timestamps are unix seconds.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CampaignState } from '$lib/domain/campaign';
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

export interface DocumentVersionTable {
	id: Generated<number>;
	name: string;
	version: number;
	/** The framework or questionnaire document as JSON. */
	body: string;
	created_at: number;
	created_by: number | null;
	frozen_at: number | null;
}

export interface QuestionnaireVersionTable extends DocumentVersionTable {
	framework_version_id: number;
}

export type { CampaignState };

export interface CampaignTable {
	id: Generated<number>;
	slug: string;
	title: string;
	year: number;
	state: CampaignState;
	framework_version_id: number;
	scope_unit_id: number | null;
	k_threshold: Generated<number>;
	/** Calendar dates in Vietnam, yyyy-mm-dd. */
	opens_on: string | null;
	closes_on: string | null;
	created_by: number | null;
	created_at: number;
	updated_at: number;
	opened_at: number | null;
	closed_at: number | null;
	published_at: number | null;
	/** Shares needed to open the round (t of the committee's n). */
	committee_threshold: Generated<number>;
	/** When the opening (kiểm phiếu) committed; results exist only from then on. */
	counted_at: number | null;
}

export interface RespondentGroupTable {
	id: Generated<number>;
	campaign_id: number;
	code: string;
	name: string;
	questionnaire_version_id: number | null;
	created_at: number;
}

export interface GroupRatedUnitTable {
	group_id: number;
	unit_id: number;
}

export interface ReportingCellTable {
	id: Generated<number>;
	campaign_id: number;
	group_id: number;
	unit_id: number;
	invitee_count: number;
	below_k: number;
	/** SPKI DER, base64url. */
	public_key: string;
	private_key_enc: string;
	fingerprint: string;
	created_at: number;
}

export interface PersonTable {
	id: Generated<number>;
	campaign_id: number;
	personal_code: string;
	full_name: string;
	unit_id: number;
	group_id: number;
	position: string | null;
	email: string | null;
	phone: string | null;
	cell_id: number | null;
	created_at: number;
	updated_at: number;
}

export interface RosterImportTable {
	id: Generated<number>;
	campaign_id: number;
	file_name: string;
	status: 'preview' | 'applied' | 'discarded';
	total_rows: number;
	valid_rows: number;
	error_count: number;
	warning_count: number;
	report: string;
	created_by: number | null;
	created_at: number;
	applied_at: number | null;
}

export interface RosterStagingTable {
	import_id: number;
	line: number;
	data: string;
}

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

export interface OpenedTallyTable {
	cell_id: number;
	question_id: string;
	unit_key: string;
	option_id: string;
	count: number;
}

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

export interface Database {
	unit: UnitTable;
	staff_user: StaffUserTable;
	staff_session: StaffSessionTable;
	login_throttle: LoginThrottleTable;
	setting: SettingTable;
	setup_token: SetupTokenTable;
	audit_event: AuditEventTable;
	framework_version: DocumentVersionTable;
	questionnaire_version: QuestionnaireVersionTable;
	campaign: CampaignTable;
	respondent_group: RespondentGroupTable;
	group_rated_unit: GroupRatedUnitTable;
	reporting_cell: ReportingCellTable;
	person: PersonTable;
	roster_import: RosterImportTable;
	roster_staging: RosterStagingTable;
	invitation: InvitationTable;
	invitation_device: InvitationDeviceTable;
	otp_code: OtpCodeTable;
	respondent_session: RespondentSessionTable;
	demo_outbox: DemoOutboxTable;
	committee_member: CommitteeMemberTable;
	sealing_key: SealingKeyTable;
	sealed_sheet: SealedSheetTable;
	opened_sheet: OpenedSheetTable;
	counted_receipt: CountedReceiptTable;
	opening_job: OpeningJobTable;
	counted_cell: CountedCellTable;
	opened_tally: OpenedTallyTable;
	delivery_batch: DeliveryBatchTable;
	delivery: DeliveryTable;
	reminder_policy: ReminderPolicyTable;
	reminder_run: ReminderRunTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
export type StaffUserUpdate = Updateable<StaffUserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type PersonRow = Selectable<PersonTable>;
export type InvitationRow = Selectable<InvitationTable>;
