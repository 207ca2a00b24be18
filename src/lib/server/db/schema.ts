// The typed shape of the database; columns are snake_case, timestamps are unix seconds. The tables are
// declared by feature in ./tables/; this file assembles them for Kysely and names the common row types.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
	AuditEventTable,
	LoginThrottleTable,
	SettingTable,
	SetupTokenTable,
	StaffRecoveryCodeTable,
	StaffSessionTable,
	StaffUserTable,
	UnitTable
} from './tables/accounts';
import type {
	CampaignTable,
	DocumentVersionTable,
	GroupRatedUnitTable,
	MessageTemplateTable,
	PersonTable,
	QuestionnaireVersionTable,
	ReportingCellTable,
	RespondentGroupTable,
	RosterImportTable,
	RosterStagingTable
} from './tables/campaigns';
import type {
	DemoOutboxTable,
	InvitationDeviceTable,
	InvitationLinkTable,
	InvitationTable,
	OtpCodeTable,
	RespondentSessionTable
} from './tables/respondents';
import type {
	CommitteeMemberTable,
	CountedCellTable,
	CountedReceiptTable,
	OpenedSheetTable,
	OpenedTallyTable,
	OpeningJobTable,
	OpeningRunTable,
	RelayedShareTable,
	SealedSheetTable,
	SealingKeyTable
} from './tables/sealing';
import type { FlagReviewTable, ParticipationCountTable, ParticipationDayTable } from './tables/monitoring';
import type { AuditCheckpointTable } from './tables/audit';
import type {
	AppProcessTable,
	DeliveryBatchTable,
	DeliveryTable,
	ReminderPolicyTable,
	ReminderRunTable
} from './tables/delivery';

export type * from './tables/accounts';
export type * from './tables/campaigns';
export type * from './tables/respondents';
export type * from './tables/sealing';
export type * from './tables/delivery';
export type * from './tables/monitoring';
export type * from './tables/audit';

export interface Database {
	app_process: AppProcessTable;
	unit: UnitTable;
	staff_user: StaffUserTable;
	staff_recovery_code: StaffRecoveryCodeTable;
	staff_session: StaffSessionTable;
	login_throttle: LoginThrottleTable;
	setting: SettingTable;
	setup_token: SetupTokenTable;
	audit_event: AuditEventTable;
	framework_version: DocumentVersionTable;
	questionnaire_version: QuestionnaireVersionTable;
	campaign: CampaignTable;
	message_template: MessageTemplateTable;
	respondent_group: RespondentGroupTable;
	group_rated_unit: GroupRatedUnitTable;
	reporting_cell: ReportingCellTable;
	person: PersonTable;
	roster_import: RosterImportTable;
	roster_staging: RosterStagingTable;
	invitation: InvitationTable;
	invitation_link: InvitationLinkTable;
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
	opening_run: OpeningRunTable;
	relayed_share: RelayedShareTable;
	counted_cell: CountedCellTable;
	opened_tally: OpenedTallyTable;
	delivery_batch: DeliveryBatchTable;
	delivery: DeliveryTable;
	reminder_policy: ReminderPolicyTable;
	reminder_run: ReminderRunTable;
	flag_review: FlagReviewTable;
	participation_count: ParticipationCountTable;
	participation_day: ParticipationDayTable;
	audit_checkpoint: AuditCheckpointTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
export type StaffUserUpdate = Updateable<StaffUserTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type PersonRow = Selectable<PersonTable>;
export type InvitationRow = Selectable<InvitationTable>;
