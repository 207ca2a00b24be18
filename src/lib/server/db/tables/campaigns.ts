// Framework and questionnaire versions, campaigns, respondent groups, reporting cells and the roster.
import type { Generated } from 'kysely';
import type { CampaignState } from '$lib/domain/campaign';

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
	/** Letterhead and contact for messages and letters (0011), all optional. */
	parent_body: string | null;
	issuing_body: string | null;
	dispatch_ref: string | null;
	dispatch_place: string | null;
	/** Calendar date, yyyy-mm-dd (shown dd/mm/yyyy). */
	dispatch_date: string | null;
	signer_name: string | null;
	signer_title: string | null;
	hotline: string | null;
	support_email: string | null;
}

/** A campaign's own text for one kind of message on one channel ('sms' also serves Zalo). */
export interface MessageTemplateTable {
	id: Generated<number>;
	campaign_id: number;
	kind: 'invitation' | 'reminder';
	channel: 'email' | 'sms';
	/** E-mail only. */
	subject: string | null;
	body: string;
	updated_at: number;
	updated_by: number | null;
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
	/** Kept by monitoring/counts.ts: 0 no counted link, 1 link, 2 opened, 3 verified, 10 + day of the first credential. */
	progress: Generated<number>;
	/** Place in Vietnamese name order within the campaign (ties share a rank), kept by monitoring/counts.ts. */
	name_rank: Generated<number>;
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
