import type {
  ActivityKind,
  ActivityStatus,
  Adjustment,
  AppointmentStatus,
  AppointmentStep,
  AppraisalGrade,
  AppraisalStatus,
  AssessedLevel,
  AssessmentFacts,
  AssessmentKind,
  AssessmentScore,
  AssessmentStatus,
  AssessmentTemplateKey,
  AssessmentTransition,
  AttachmentKind,
  AttendanceStatus,
  AttendeeRole,
  BallotPurpose,
  BallotStatus,
  CadreConsequenceKind,
  CadreConsequenceRule,
  CadreReviewGrade,
  CadreReviewRule,
  CadreReviewStatus,
  CadreVeto,
  CampaignEventKind,
  CampaignKind,
  CorrectionPlanStatus,
  CorrectionProposal,
  CorrectionStatus,
  DualLeaderKind,
  DutyReviewEventKind,
  DutyReviewGrade,
  DutyReviewLevel,
  DutyReviewRule,
  DutyReviewStatus,
  FindingEventKind,
  FindingState,
  FollowUpBand,
  Gender,
  ImportLayout,
  IndicatorSystemDefinition,
  InspectionEventKind,
  InspectionKind,
  InspectionLookbackOutcome,
  InspectionTeamRole,
  InspectionUnitStatus,
  ItemCount,
  Judgement,
  LeaveStatus,
  MajorKind,
  MemberCategory,
  MemberEventKind,
  MemberStatus,
  NotificationChannel,
  NotificationKind,
  OrgCategory,
  OrgType,
  PaperBatchStatus,
  PartyStatus,
  PostCode,
  ProgressReportCadence,
  RecruitmentDocumentKind,
  RecruitmentOutcome,
  RecruitmentStage,
  RecruitmentStep,
  RecruitmentTemplateKind,
  RectificationEventKind,
  RectificationEvidenceKind,
  RectificationSource,
  RectificationStatus,
  ReserveLevel,
  ReservePlanKind,
  ReserveStatus,
  ReserveStep,
  ResolutionOutcome,
  ResultMode,
  ReviewRating,
  RobotKind,
  RoleCode,
  RuleId,
  Severity,
  SignInMethod,
  SupervisedTaskEventKind,
  SupervisedTaskStatus,
  TeamKind,
  TrainingAttendanceStatus,
  TrainingTargetGroup,
  TransferKind,
  TransferSide,
  TransferStatus,
  UnitKind,
} from '@dangjian/core';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Calendar days travel as 'YYYY-MM-DD' strings (the pg type parser is set so in connect.ts). */
type DateCol = string;
type Instant = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface InstitutionTable {
  id: Generated<number>;
  name: string;
  is_demo: boolean;
  created_at: CreatedAt;
  /** 启用日期: no finding is reported for a period that ended before it. */
  go_live_date: DateCol;
  /** Later starts of single rules: core's GoLiveSettings['ruleStarts'] as JSON. */
  rule_starts: ColumnType<unknown, string | undefined, string>;
}

export interface SettingTable {
  key: string;
  value: unknown;
  updated_at: Instant;
  updated_by: number | null;
}

export interface UnitTable {
  id: Generated<number>;
  name: string;
  kind: UnitKind;
  sort_order: Generated<number>;
  created_at: CreatedAt;
  student_count: number | null;
  staff_count: number | null;
}

export interface MajorTable {
  id: Generated<number>;
  name: string;
  kind: MajorKind;
  unit_id: number | null;
}

export interface OrgTable {
  id: Generated<number>;
  parent_id: number | null;
  /** Materialised path of ids, e.g. '/1/5/23/'. */
  path: string;
  depth: number;
  type: OrgType;
  name: string;
  short_name: string | null;
  category: OrgCategory | null;
  code: string | null;
  unit_id: number | null;
  founded_on: DateCol | null;
  sort_order: Generated<number>;
  archived_at: Instant | null;
  archive_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface OrgMajorTable {
  org_id: number;
  major_id: number;
}

export interface PersonTable {
  id: Generated<number>;
  name: string;
  gender: Gender | null;
  birth_date: DateCol | null;
  id_number: string | null;
  phone: string | null;
  category: MemberCategory;
  party_status: PartyStatus | null;
  org_id: number | null;
  joined_on: DateCol | null;
  confirmed_on: DateCol | null;
  is_dual_leader: Generated<boolean>;
  dual_leader_note: string | null;
  unit_id: number | null;
  /** 职称. */
  title: string | null;
  status: Generated<MemberStatus>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: Instant;
  ethnicity: string | null;
  education: string | null;
  /** 职务/岗位. */
  position: string | null;
  major_id: number | null;
  grade: string | null;
  class_name: string | null;
  is_mobile: Generated<boolean>;
  is_abroad: Generated<boolean>;
  is_in_hardship: Generated<boolean>;
  dual_leader_kind: DualLeaderKind | null;
  left_on: DateCol | null;
  leave_note: string | null;
}

export interface PersonEventTable {
  id: Generated<string>;
  person_id: number;
  kind: MemberEventKind;
  on_date: DateCol;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: number | null;
  actor_name: string | null;
  summary: string;
  details: unknown;
}

export interface MemberImportTable {
  id: Generated<number>;
  file_name: string;
  file_sha256: string;
  layout: ImportLayout;
  actor_id: number | null;
  actor_name: string | null;
  at: ColumnType<Date, Date | string | undefined, never>;
  row_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  changes: unknown;
}

export interface MemberCorrectionTable {
  id: Generated<number>;
  person_id: number;
  requested_by: number | null;
  requested_at: ColumnType<Date, Date | string | undefined, never>;
  changes: unknown;
  reason: string;
  status: Generated<CorrectionStatus>;
  decided_by: number | null;
  decided_at: Instant | null;
  decision_note: string | null;
}

export interface TermTable {
  id: Generated<number>;
  org_id: number;
  number: number;
  team_kind: TeamKind;
  start_date: DateCol;
  planned_end_date: DateCol;
  actual_end_date: DateCol | null;
  elected_on: DateCol | null;
  election_requested_on: DateCol | null;
  postponed_to: DateCol | null;
  postponement_approved_on: DateCol | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface AppointmentTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  term_id: number | null;
  post: PostCode;
  start_date: DateCol;
  end_date: DateCol | null;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  person_id: number | null;
  password_hash: string;
  must_change_password: boolean;
  failed_attempts: Generated<number>;
  locked_until: Instant | null;
  disabled: Generated<boolean>;
  last_login_at: Instant | null;
  password_changed_at: Instant | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** A password a user had, kept when it was replaced (trigger of migration 20261205_1000_auth). */
export interface PasswordHistoryTable {
  id: Generated<string>;
  user_id: number;
  password_hash: string;
  replaced_at: Generated<Instant>;
}

export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  role: RoleCode;
  org_id: number | null;
}

export interface SessionTable {
  /** sha256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Instant;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Instant;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  prev_hash: string;
  hash: string;
  /** Audit key the hash is an HMAC under (first 8 hex of its sha256); null = plain sha256 (before keys). */
  key_id: string | null;
}

/** A problem found by the rules, with its identity and state (migration 20261206_1000_findings). */
export interface FindingTable {
  id: Generated<string>;
  key: string;
  rule_id: RuleId;
  provider: string;
  org_id: number;
  person_id: number | null;
  subject: string | null;
  period: string | null;
  severity: Severity;
  message: string;
  suggestion: string;
  due_date: DateCol | null;
  state: Generated<FindingState>;
  first_seen_at: Instant;
  last_seen_at: Instant;
  resolved_at: Instant | null;
  resolved_by: unknown;
  acknowledged_at: Instant | null;
  acknowledged_by: number | null;
  ack_comment: string | null;
  assignee_person_id: number | null;
  assigned_at: Instant | null;
  reopen_count: Generated<number>;
}

/** A finding's history, append-only. */
export interface FindingEventTable {
  id: Generated<string>;
  finding_id: string;
  at: Instant;
  kind: FindingEventKind;
  actor_id: number | null;
  actor_name: string | null;
  comment: string | null;
  assignee_person_id: number | null;
  severity: Severity | null;
  cause: unknown;
  /** The rectification item a rectification_opened / rectification_closed entry names. */
  rectification_id: number | null;
}

/** An org (null: the whole college) whose findings a committed write may have changed, until re-evaluated. */
export interface FindingDirtyTable {
  id: Generated<string>;
  xid: Generated<string>;
  source: string;
  org_id: number | null;
  cause: unknown;
}

/**
 * Per org, the generation of the last change its records saw (org 0: the whole college); written where the marks
 * are consumed (http/findings-store.ts), read by stored computations that must follow the records.
 */
export interface RecordGenerationTable {
  org_id: number;
  generation: ColumnType<string, string | number, string | number>;
}

/** The log of evaluations. */
export interface FindingEvaluationTable {
  id: Generated<string>;
  kind: 'full' | 'incremental';
  trigger: string;
  today: DateCol;
  rules_version: string;
  providers: string[];
  org_count: number | null;
  found: number;
  appeared: number;
  reappeared: number;
  resolved: number;
  started_at: Instant;
  finished_at: Instant;
}

/** A message in a user's message centre (migration 20261206_1100_notifications). */
export interface NotificationTable {
  id: Generated<string>;
  user_id: number;
  kind: NotificationKind;
  dedupe_key: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Instant;
  read_at: Instant | null;
}

export interface NotificationPreferenceTable {
  user_id: number;
  email: string | null;
  email_enabled: Generated<boolean>;
  muted_kinds: Generated<NotificationKind[]>;
  quiet_start: Generated<string>;
  quiet_end: Generated<string>;
  digest_after: Generated<number>;
  version: Generated<number>;
}

/** A group robot of an org's 企业微信 or 钉钉 group. */
export interface OrgRobotTable {
  id: Generated<number>;
  org_id: number;
  kind: RobotKind;
  url: string;
  secret: string | null;
  enabled: Generated<boolean>;
  created_at: Instant;
}

/** One message to an outside channel. */
export interface NotificationDeliveryTable {
  id: Generated<string>;
  dedupe_key: string;
  channel: NotificationChannel;
  user_id: number | null;
  robot_id: number | null;
  target: string;
  subject: string;
  body: string;
  link: string | null;
  state: Generated<'pending' | 'sent' | 'digest' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Instant;
  sent_at: Instant | null;
}

export interface Database {
  institution: InstitutionTable;
  setting: SettingTable;
  unit: UnitTable;
  major: MajorTable;
  org: OrgTable;
  org_major: OrgMajorTable;
  person: PersonTable;
  person_event: PersonEventTable;
  member_import: MemberImportTable;
  member_correction: MemberCorrectionTable;
  term: TermTable;
  appointment: AppointmentTable;
  app_user: UserTable;
  password_history: PasswordHistoryTable;
  user_role: UserRoleTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  transfer: TransferTable;
  activity: ActivityTable;
  activity_attendee: ActivityAttendeeTable;
  activity_resolution: ActivityResolutionTable;
  activity_attachment: ActivityAttachmentTable;
  activity_review: ActivityReviewTable;
  recruitment: RecruitmentTable;
  recruitment_event: RecruitmentEventTable;
  recruitment_document: RecruitmentDocumentTable;
  recruitment_template: RecruitmentTemplateTable;
  finding: FindingTable;
  finding_event: FindingEventTable;
  finding_dirty: FindingDirtyTable;
  record_generation: RecordGenerationTable;
  finding_evaluation: FindingEvaluationTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  org_robot: OrgRobotTable;
  notification_delivery: NotificationDeliveryTable;
  rectification: RectificationTable;
  rectification_milestone: RectificationMilestoneTable;
  rectification_evidence: RectificationEvidenceTable;
  rectification_event: RectificationEventTable;
  supervised_task: SupervisedTaskTable;
  supervised_task_event: SupervisedTaskEventTable;
  cadre: CadreTable;
  cadre_post: CadrePostTable;
  cadre_rotation: CadreRotationTable;
  cadre_appointment: CadreAppointmentTable;
  cadre_appointment_event: CadreAppointmentEventTable;
  cadre_review: CadreReviewTable;
  cadre_review_subject: CadreReviewSubjectTable;
  cadre_review_consequence: CadreReviewConsequenceTable;
  cadre_reserve: CadreReserveTable;
  cadre_reserve_plan_item: CadreReservePlanItemTable;
  cadre_reserve_secondment: CadreReserveSecondmentTable;
  cadre_reserve_rotation: CadreReserveRotationTable;
  cadre_reserve_event: CadreReserveEventTable;
  inspection: InspectionTable;
  inspection_team_member: InspectionTeamMemberTable;
  inspection_unit: InspectionUnitTable;
  inspection_verdict: InspectionVerdictTable;
  inspection_event: InspectionEventTable;
  rectification_campaign: RectificationCampaignTable;
  rectification_campaign_org: RectificationCampaignOrgTable;
  rectification_campaign_event: RectificationCampaignEventTable;
  indicator_system: IndicatorSystemTable;
  assessment_round: AssessmentRoundTable;
  org_assessment: OrgAssessmentTable;
  assessment_step: AssessmentStepTable;
  duty_review: DutyReviewTable;
  duty_review_subject: DutyReviewSubjectTable;
  duty_review_question: DutyReviewQuestionTable;
  duty_review_comment: DutyReviewCommentTable;
  duty_review_event: DutyReviewEventTable;
  ballot: BallotTable;
  ballot_voter: BallotVoterTable;
  ballot_paper: BallotPaperTable;
  ballot_paper_batch: BallotPaperBatchTable;
  ballot_paper_entry: BallotPaperEntryTable;
  member_appraisal: MemberAppraisalTable;
  member_appraisal_member: MemberAppraisalMemberTable;
  member_appraisal_peer_comment: MemberAppraisalPeerCommentTable;
  member_appraisal_event: MemberAppraisalEventTable;
  member_appraisal_plan: MemberAppraisalPlanTable;
  member_appraisal_plan_note: MemberAppraisalPlanNoteTable;
  training_course: TrainingCourseTable;
  training_attendance: TrainingAttendanceTable;
  external_training: ExternalTrainingTable;
}

export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type PersonRow = Selectable<PersonTable>;
export type AppointmentRow = Selectable<AppointmentTable>;
export type AuditRow = Selectable<AuditLogTable>;

export interface TransferTable {
  id: Generated<number>;
  kind: TransferKind;
  status: TransferStatus;
  person_id: number | null;
  from_org_id: number | null;
  to_org_id: number | null;
  requested_side: TransferSide | null;
  external_org_name: string | null;
  external_unit: string | null;
  external_address: string | null;
  letter_number: string | null;
  issued_on: DateCol | null;
  valid_days: number | null;
  expires_on: DateCol | null;
  receipt_on: DateCol | null;
  /** 党费交至, 'YYYY-MM'. */
  dues_paid_until: string | null;
  requested_on: DateCol;
  decided_on: DateCol | null;
  reason: string | null;
  decision_note: string | null;
  person_snapshot: unknown;
  requested_by: number | null;
  decided_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

export interface ActivityTable {
  id: Generated<number>;
  org_id: number;
  kind: ActivityKind;
  title: string;
  status: ActivityStatus;
  starts_at: Instant;
  ends_at: Instant | null;
  /** Calendar day of starts_at in Asia/Shanghai. */
  on_date: DateCol;
  place: string | null;
  host_person_id: number | null;
  recorder_person_id: number | null;
  speaker: string | null;
  partner_person_id: number | null;
  topic: string | null;
  /** [{ title, isFirstTopic, note }] */
  agenda: ColumnType<unknown, string | undefined, string>;
  has_first_topic: Generated<boolean>;
  /** [{ name, minutes, content }] */
  segments: ColumnType<unknown, string | undefined, string>;
  notice: string | null;
  notice_published_at: Instant | null;
  minutes: string | null;
  summary: string | null;
  check_lat: number | null;
  check_lng: number | null;
  check_radius_m: number | null;
  sign_in_secret: string;
  sign_in_open: Generated<boolean>;
  closed_at: Instant | null;
  /** A closed 党员大会/支委会: quorum reached (null: other kinds, or not closed). */
  quorum_met: boolean | null;
  closed_by: number | null;
  cancel_reason: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

export interface ActivityAttendeeTable {
  activity_id: number;
  person_id: number;
  role: AttendeeRole;
  party_status: PartyStatus | null;
  status: AttendanceStatus;
  signed_in_at: Instant | null;
  sign_in_method: SignInMethod | null;
  manual_reason: string | null;
  marked_by: number | null;
  leave_status: LeaveStatus | null;
  leave_reason: string | null;
  leave_requested_at: Instant | null;
  leave_decided_by: number | null;
  leave_decided_at: Instant | null;
  leave_note: string | null;
}

export interface ActivityResolutionTable {
  id: Generated<number>;
  activity_id: number;
  position: number;
  title: string;
  content: string | null;
  is_vote: boolean;
  entitled: number | null;
  present_entitled: number | null;
  votes_for: number | null;
  votes_against: number | null;
  abstentions: number | null;
  written_for: number | null;
  written_against: number | null;
  outcome: ResolutionOutcome;
}

export interface ActivityAttachmentTable {
  id: Generated<number>;
  activity_id: number;
  kind: AttachmentKind;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: CreatedAt;
}

export interface ActivityReviewTable {
  id: Generated<number>;
  activity_id: number;
  reviewer_id: number | null;
  reviewer_name: string;
  reviewer_org_id: number | null;
  rating: ReviewRating;
  content_comment: string | null;
  procedure_comment: string | null;
  reviewed_at: CreatedAt;
  response: string | null;
  responded_by: number | null;
  responder_name: string | null;
  responded_at: Instant | null;
}

export interface RecruitmentTable {
  id: Generated<number>;
  person_id: number;
  org_id: number;
  outcome: Generated<RecruitmentOutcome>;
  current_step: RecruitmentStep | null;
  stage: RecruitmentStage | null;
  applied_on: DateCol | null;
  activist_on: DateCol | null;
  candidate_on: DateCol | null;
  resolution_on: DateCol | null;
  probation_end_on: DateCol | null;
  confirmed_on: DateCol | null;
  last_date: DateCol | null;
  closed_on: DateCol | null;
  leaves_on: DateCol | null;
  /** packages/core RecruitmentState (JSON). */
  state: ColumnType<unknown, string, string>;
  version: Generated<number>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
}

export interface RecruitmentEventTable {
  id: Generated<number>;
  recruitment_id: number;
  seq: number;
  step: RecruitmentStep | 'withdrawal';
  on_date: DateCol;
  /** packages/core RecruitmentEvent (JSON). */
  event: ColumnType<unknown, string, string>;
  warnings: ColumnType<unknown, string | undefined, string>;
  overrides: ColumnType<unknown, string | undefined, string>;
  note: string | null;
  activity_id: number | null;
  recorded_by: number | null;
  recorder_name: string;
  recorded_at: CreatedAt;
}

export interface RecruitmentDocumentTable {
  id: Generated<number>;
  recruitment_id: number;
  kind: RecruitmentDocumentKind;
  title: string;
  on_date: DateCol;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploader_name: string;
  uploaded_at: CreatedAt;
}

export interface RecruitmentTemplateTable {
  kind: RecruitmentTemplateKind;
  file_name: string;
  size: number;
  content: Buffer;
  uploaded_by: number | null;
  uploader_name: string;
  uploaded_at: CreatedAt;
}

/** A rectification item (整改事项); its status, deadlines and rebounds are core's RectificationState. */
export interface RectificationTable {
  id: Generated<number>;
  /** The org that rectifies. */
  org_id: number;
  source: RectificationSource;
  finding_id: string | null;
  activity_id: number | null;
  /** The 巡察 round whose feedback opened the item (its org is the unit inspected). */
  inspection_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** A source record of a later kind (巡察 feedback, assessment), e.g. 'inspection_item:12'. */
  source_ref: string | null;
  source_label: string | null;
  problem: string;
  clause: string | null;
  responsible_person_id: number | null;
  assisting_org_ids: ColumnType<number[], number[] | undefined, number[]>;
  measures: string | null;
  result: string | null;
  status: RectificationStatus;
  deadline: DateCol;
  original_deadline: DateCol;
  extensions: Generated<number>;
  extension_until: DateCol | null;
  extension_reason: string | null;
  reopen_count: Generated<number>;
  submitted_at: Instant | null;
  closed_at: Instant | null;
  /** The campaign whose problem list holds the item (问题清单); its org takes part in it. */
  campaign_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

export interface RectificationMilestoneTable {
  id: Generated<number>;
  rectification_id: number;
  position: number;
  title: string;
  due_on: DateCol;
  done_on: DateCol | null;
}

/** Evidence: the column of its kind names the linked record; a file has its content. */
export interface RectificationEvidenceTable {
  id: Generated<number>;
  rectification_id: number;
  kind: RectificationEvidenceKind;
  activity_id: number | null;
  term_id: number | null;
  recruitment_event_id: number | null;
  transfer_id: number | null;
  finding_id: string | null;
  note: string | null;
  file_name: string | null;
  mime_type: string | null;
  size: number | null;
  sha256: string | null;
  content: Buffer | null;
  added_by: number | null;
  added_by_name: string;
  added_at: CreatedAt;
}

/** The timeline of an item (append-only). */
export interface RectificationEventTable {
  id: Generated<string>;
  rectification_id: number;
  at: Instant;
  kind: RectificationEventKind;
  from_status: RectificationStatus | null;
  to_status: RectificationStatus | null;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  until: DateCol | null;
}

/** A decision of a 党委会 / 党务工作例会 given to a lead unit (督办事项); `org_id` is the lead unit. */
export interface SupervisedTaskTable {
  id: Generated<number>;
  /** The org that held the meeting and issued the task (the assigner). */
  issuer_org_id: number;
  /** The lead unit (牵头单位). */
  org_id: number;
  activity_id: number | null;
  resolution_id: number | null;
  title: string;
  content: string | null;
  assisting_org_ids: ColumnType<number[], number[] | undefined, number[]>;
  cadence: ProgressReportCadence;
  status: SupervisedTaskStatus;
  issued_on: DateCol;
  deadline: DateCol;
  original_deadline: DateCol;
  extensions: Generated<number>;
  extension_until: DateCol | null;
  extension_reason: string | null;
  last_report_on: DateCol | null;
  result: string | null;
  accepted_at: Instant | null;
  reported_done_at: Instant | null;
  done_at: Instant | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** A 巡察 round (巡察轮次) of the 党委. */
export interface InspectionTable {
  id: Generated<number>;
  name: string;
  kind: InspectionKind;
  starts_on: DateCol;
  ends_on: DateCol;
  focus: string | null;
  report_months: number;
  lookback_months: number;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** One person of a round's 巡察组, in order. */
export interface InspectionTeamMemberTable {
  id: Generated<number>;
  inspection_id: number;
  position: number;
  role: InspectionTeamRole;
  name: string;
  title: string | null;
  person_id: number | null;
}

/** The figures of a unit's items as counted when its 整改报告 was submitted. */
export interface InspectionFiguresColumn {
  total: number;
  closed: number;
  inProgress: number;
  overdue: number;
}

/** A unit inspected in a round: its feedback, 整改报告 and 回头看. */
export interface InspectionUnitTable {
  id: Generated<number>;
  inspection_id: number;
  org_id: number;
  status: ColumnType<InspectionUnitStatus, InspectionUnitStatus | undefined, InspectionUnitStatus>;
  feedback_on: DateCol | null;
  summary: string | null;
  report_text: string | null;
  report_submitted_on: DateCol | null;
  report_by_name: string | null;
  report_figures: ColumnType<InspectionFiguresColumn | null, string | null | undefined, string | null>;
  returned_reason: string | null;
  lookback_on: DateCol | null;
  lookback_note: string | null;
  lookback_by_name: string | null;
  updated_at: Instant;
  version: Generated<number>;
}

/** What a 回头看 found of one closed item of a unit. */
export interface InspectionVerdictTable {
  inspection_unit_id: number;
  rectification_id: number;
  outcome: InspectionLookbackOutcome;
  reason: string | null;
  until: DateCol | null;
}

/** One entry of a round's timeline (append-only). */
export interface InspectionEventTable {
  id: Generated<string>;
  inspection_id: number;
  /** The unit a step was on; null for the round's own entries. */
  org_id: number | null;
  at: Instant;
  kind: InspectionEventKind;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
}

/** One entry of a supervised task's timeline (append-only). */
export interface SupervisedTaskEventTable {
  id: Generated<string>;
  task_id: number;
  at: Instant;
  kind: SupervisedTaskEventKind;
  from_status: SupervisedTaskStatus | null;
  to_status: SupervisedTaskStatus | null;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  until: DateCol | null;
}

/** A rectification campaign (问题清单) issued by the 组织部 for the 党委 (the issuer). */
export interface RectificationCampaignTable {
  id: Generated<number>;
  issuer_org_id: number;
  name: string;
  year: number;
  kind: CampaignKind;
  issued_on: DateCol;
  list_due_on: DateCol;
  summary_due_on: DateCol;
  description: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** One org that must submit a campaign's problem list and summary report. */
export interface RectificationCampaignOrgTable {
  campaign_id: number;
  org_id: number;
  list_submitted_at: Instant | null;
  list_submitted_by: number | null;
  list_submitted_by_name: string | null;
  no_problems: Generated<boolean>;
  list_note: string | null;
  list_returned_at: Instant | null;
  list_returned_by_name: string | null;
  list_return_reason: string | null;
  summary: string | null;
  summary_submitted_at: Instant | null;
  summary_submitted_by: number | null;
  summary_submitted_by_name: string | null;
  /** The figures counted from the items when the summary was submitted. */
  summary_items: number | null;
  summary_closed: number | null;
  summary_open: number | null;
  summary_overdue: number | null;
  summary_returned_at: Instant | null;
  summary_returned_by_name: string | null;
  summary_return_reason: string | null;
  updated_at: Instant;
  version: Generated<number>;
}

/** One submission or return of a participating org (append-only). */
export interface RectificationCampaignEventTable {
  id: Generated<string>;
  campaign_id: number;
  org_id: number;
  at: Instant;
  kind: CampaignEventKind;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
}

/** A JSON column: read as the value, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

/** One year's version of an indicator system (core `IndicatorSystemDefinition` in `definition`). */
export interface IndicatorSystemTable {
  id: Generated<number>;
  kind: AssessmentKind;
  level: AssessedLevel;
  year: number;
  name: string;
  mode: ResultMode;
  definition: Json<IndicatorSystemDefinition>;
  source: 'template' | 'copy' | 'definition';
  template_key: AssessmentTemplateKey | null;
  copied_from_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** A round: a system applied to the orgs of its level under an org, for a period. */
export interface AssessmentRoundTable {
  id: Generated<number>;
  system_id: number;
  title: string;
  period_start: DateCol;
  period_end: DateCol;
  reference_date: DateCol;
  scope_org_id: number;
  notice_working_days: number;
  self_due_on: DateCol | null;
  review_due_on: DateCol | null;
  created_by: number | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

/** One org of a round: its procedure, judgements, the facts and score last computed, its result. */
export interface OrgAssessmentTable {
  id: Generated<number>;
  round_id: number;
  org_id: number;
  /** The 党总支 that reviews it (null: none above). */
  general_branch_id: number | null;
  status: AssessmentStatus;
  not_rated_reason: string | null;
  decided_on: DateCol | null;
  notice_start_on: DateCol | null;
  notice_end_on: DateCol | null;
  judgements: ColumnType<Judgement[], string | undefined, string>;
  adjustments: ColumnType<Adjustment[], string | undefined, string>;
  facts: NullableJson<AssessmentFacts>;
  score: NullableJson<AssessmentScore>;
  computed_at: Instant | null;
  /** The largest record generation and the day a read saw before it computed the facts (null: never). */
  facts_generation: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  facts_day: DateCol | null;
  total: number | null;
  stars: number | null;
  passed: boolean | null;
  vetoed: Generated<boolean>;
  pending_count: Generated<number>;
  follow_up: FollowUpBand | null;
  finalised_on: DateCol | null;
  rectification_ids: ColumnType<number[], number[] | undefined, number[]>;
  updated_at: Instant;
  version: Generated<number>;
}

/** One step of an org's procedure in a round (append-only). */
export interface AssessmentStepTable {
  id: Generated<string>;
  org_assessment_id: number;
  at: Instant;
  transition: AssessmentTransition;
  from_status: AssessmentStatus;
  to_status: AssessmentStatus;
  actor_id: number | null;
  actor_name: string;
  reason: string | null;
}
/** 学时 are numeric(5,1): read as strings by pg, written as numbers. */
type Hours = ColumnType<string, number | string, number | string>;

/** A course or session an org organises (培训班). */
export interface TrainingCourseTable {
  id: Generated<number>;
  org_id: number;
  title: string;
  target_group: TrainingTargetGroup | null;
  starts_on: DateCol;
  ends_on: DateCol;
  hours: Hours;
  place: string | null;
  content: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** A person on a course: enrolled, present (with the hours missed) or absent. */
export interface TrainingAttendanceTable {
  course_id: number;
  person_id: number;
  status: Generated<TrainingAttendanceStatus>;
  absent_hours: ColumnType<string, number | string | undefined, number | string>;
  signed_in_at: Instant | null;
  marked_by: number | null;
  note: string | null;
}

/** Training taken outside the platform's courses, proven by a certificate number or (else) a file. */
export interface ExternalTrainingTable {
  id: Generated<number>;
  person_id: number;
  title: string;
  organiser: string;
  starts_on: DateCol;
  ends_on: DateCol;
  hours: Hours;
  certificate_no: string | null;
  file_name: string | null;
  mime_type: string | null;
  size: number | null;
  sha256: string | null;
  content: Buffer | null;
  note: string | null;
  created_by: number | null;
  created_at: CreatedAt;
}

/** A ballot (20261214_0900_ballots): what is voted on, by whom organised, its window and stored status. */
export interface BallotTable {
  id: Generated<number>;
  purpose: BallotPurpose;
  /** The owning record, e.g. `duty-review-12`. */
  purpose_ref: string;
  org_id: number;
  title: string;
  items: Json<{ key: string; label: string }[]>;
  allow_abstain: boolean;
  opens_at: Date;
  closes_at: Date;
  status: BallotStatus;
  closed_at: Date | null;
  published_at: Date | null;
  created_by: number | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

/** The roll: who may vote, and only the fact that they voted. */
export interface BallotVoterTable {
  ballot_id: number;
  person_id: number;
  voted_at: Date | null;
  channel: 'phone' | 'paper' | null;
}

/** One voter's choices, not linked to the voter: no person, no account, no time, no sequence. */
export interface BallotPaperTable {
  id: string;
  ballot_id: number;
  choices: Json<Record<string, string | null>>;
}

/** A stack of paper ballots entered by two different counters. */
export interface BallotPaperBatchTable {
  id: Generated<number>;
  ballot_id: number;
  note: string | null;
  paper_count: number;
  status: PaperBatchStatus;
  first_counter_id: number | null;
  second_counter_id: number | null;
  first_counter_name: string | null;
  second_counter_name: string | null;
  created_by: number | null;
  created_at: CreatedAt;
  counted_at: Date | null;
  version: Generated<number>;
}

/** One counter's count of a batch (slot 1 or 2), with no identity and no time. */
export interface BallotPaperEntryTable {
  id: string;
  batch_id: number;
  slot: 1 | 2;
  counts: Json<ItemCount[]>;
}

/** A 述职评议 campaign (20261214_1100_duty_reviews). */
export interface DutyReviewTable {
  id: Generated<number>;
  /** The organising org: the 党委 or a 总支. */
  org_id: number;
  level: DutyReviewLevel;
  year: number;
  title: string;
  starts_on: DateCol;
  ends_on: DateCol;
  /** The day the 述职报告 are due (between starts_on and ends_on). */
  report_due_on: DateCol;
  status: Generated<DutyReviewStatus>;
  rule: Json<DutyReviewRule>;
  voter_committee: boolean;
  voter_secretaries: boolean;
  representative_ids: ColumnType<number[], number[] | undefined, number[]>;
  voter_person_ids: ColumnType<number[], number[] | undefined, number[]>;
  ballot_id: number | null;
  rectified_at: Instant | null;
  published_at: Instant | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** One secretary reviewed in a campaign. */
export interface DutyReviewSubjectTable {
  id: Generated<number>;
  duty_review_id: number;
  org_id: number;
  person_id: number;
  person_name: string;
  report: string | null;
  report_submitted_at: Instant | null;
  evaluation_score: number | null;
  computed_grade: DutyReviewGrade | null;
  /** numeric(5,2): read as a string. */
  computed_score: ColumnType<string | null, number | string | null, number | string | null>;
  grade: DutyReviewGrade | null;
  override_reason: string | null;
  rectification_ids: ColumnType<number[], number[] | undefined, number[]>;
  updated_at: Instant;
  version: Generated<number>;
}

/** A 答辩 question and its answer. */
export interface DutyReviewQuestionTable {
  id: Generated<number>;
  subject_id: number;
  question: string;
  answer: string | null;
  asked_by: number | null;
  at: Instant;
}

/** A 点评, with its author. */
export interface DutyReviewCommentTable {
  id: Generated<number>;
  subject_id: number;
  author_id: number | null;
  author_name: string;
  content: string;
  at: Instant;
  rectification_id: number | null;
}

/** A campaign's timeline (append-only). */
export interface DutyReviewEventTable {
  id: Generated<string>;
  duty_review_id: number;
  subject_id: number | null;
  at: Instant;
  kind: DutyReviewEventKind;
  from_status: DutyReviewStatus | null;
  to_status: DutyReviewStatus | null;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
}

/** 民主评议党员 of one branch in one year. */
export interface MemberAppraisalTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  status: AppraisalStatus;
  peer_review: boolean;
  started_on: DateCol;
  completed_on: DateCol | null;
  ballot_id: number | null;
  meeting_activity_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** One person on an appraisal's roll, with their 自评 and grades. */
export interface MemberAppraisalMemberTable {
  appraisal_id: number;
  person_id: number;
  name: string;
  probationary: boolean;
  self_assessment: string | null;
  self_assessed_at: Instant | null;
  proposed_grade: AppraisalGrade | null;
  proposed_reason: string | null;
  decided_grade: AppraisalGrade | null;
  decided_reason: string | null;
}

/** 党员互评: one comment per author and member. */
export interface MemberAppraisalPeerCommentTable {
  id: Generated<number>;
  appraisal_id: number;
  author_person_id: number;
  about_person_id: number;
  comment: string;
  at: Instant;
}

/** One entry of an appraisal's timeline (append-only). */
export interface MemberAppraisalEventTable {
  id: Generated<string>;
  appraisal_id: number;
  at: Instant;
  kind: string;
  from_status: AppraisalStatus | null;
  to_status: AppraisalStatus | null;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
}

/** 限期改正 of a member graded 不合格. */
export interface MemberAppraisalPlanTable {
  id: Generated<number>;
  appraisal_id: number;
  org_id: number;
  person_id: number;
  reason: string;
  opened_on: DateCol;
  deadline: DateCol;
  measures: string;
  contact_person_id: number;
  status: CorrectionPlanStatus;
  outcome_note: string | null;
  proposal: CorrectionProposal | null;
  closed_on: DateCol | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** A progress note of a 限期改正 plan (append-only). */
export interface MemberAppraisalPlanNoteTable {
  id: Generated<string>;
  plan_id: number;
  on_date: DateCol;
  note: string;
  at: Instant;
  actor_id: number | null;
  actor_name: string | null;
}

/** 中层干部 (issue 18): one per person record. */
export interface CadreTable {
  id: Generated<number>;
  person_id: number;
  note: string | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** A cadre's post, current (`end_on` null) or past. */
export interface CadrePostTable {
  id: Generated<number>;
  cadre_id: number;
  unit_id: number;
  title: string;
  level: 'principal' | 'deputy';
  track: 'party' | 'admin' | 'both';
  document_no: string | null;
  start_on: DateCol;
  probation_end_on: DateCol | null;
  term_end_on: DateCol | null;
  end_on: DateCol | null;
  end_reason: string | null;
  county_level: Generated<boolean>;
}

/** A 交流 or 轮岗 of a cadre (append-only): the post left and the post taken. */
export interface CadreRotationTable {
  id: Generated<number>;
  cadre_id: number;
  kind: 'exchange' | 'rotation';
  on_date: DateCol;
  document_no: string | null;
  from_post_id: number;
  to_post_id: number;
  note: string | null;
  actor_id: number | null;
  created_at: CreatedAt;
}

/** 中层干部选拔任用 (issue 18 item 2): one procedure for a person and a post. */
export interface CadreAppointmentTable {
  id: Generated<number>;
  org_id: number;
  person_id: number;
  unit_id: number;
  post_title: string;
  level: 'principal' | 'deputy';
  track: 'party' | 'admin' | 'both';
  exceptional: Generated<boolean>;
  note: string | null;
  status: Generated<AppointmentStatus>;
  motion_on: DateCol;
  veto_results: NullableJson<Partial<Record<CadreVeto, boolean>>>;
  meeting_id: number | null;
  decided_on: DateCol | null;
  notice_start_on: DateCol | null;
  notice_end_on: DateCol | null;
  appointed_on: DateCol | null;
  probation_end_on: DateCol | null;
  document_no: string | null;
  reason: string | null;
  training_due_on: DateCol | null;
  cadre_post_id: number | null;
  created_by: number | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** One step of an appointment's history (append-only). */
export interface CadreAppointmentEventTable {
  id: Generated<string>;
  appointment_id: number;
  at: Instant;
  kind: 'created' | AppointmentStep;
  on_date: DateCol;
  from_status: AppointmentStatus | null;
  to_status: AppointmentStatus;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
}

/** 年轻干部储备 (issue 18 item 5): a candidate of the reserve pool. */
export interface CadreReserveTable {
  id: Generated<number>;
  person_id: number;
  level: ReserveLevel;
  status: Generated<ReserveStatus>;
  nominated_on: DateCol;
  nomination_source: string;
  since: DateCol;
  reviewed_on: DateCol | null;
  used_post: string | null;
  end_reason: string | null;
  note: string | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** An item of a candidate's development plan. */
export interface CadreReservePlanItemTable {
  id: Generated<number>;
  candidate_id: number;
  kind: ReservePlanKind;
  title: string;
  due_on: DateCol;
  done_on: DateCol | null;
  mentor_name: string | null;
  created_at: CreatedAt;
}

/** A candidate's 挂职. */
export interface CadreReserveSecondmentTable {
  id: Generated<number>;
  candidate_id: number;
  place: string;
  post: string;
  from_on: DateCol;
  to_on: DateCol;
  note: string | null;
  created_at: CreatedAt;
}

/** A candidate's 轮岗. */
export interface CadreReserveRotationTable {
  id: Generated<number>;
  candidate_id: number;
  from_post: string;
  to_unit: string;
  to_post: string;
  on_date: DateCol;
  note: string | null;
  created_at: CreatedAt;
}

/** A step of a candidate (append-only). */
export interface CadreReserveEventTable {
  id: Generated<string>;
  candidate_id: number;
  at: Instant;
  step: 'nominate' | ReserveStep;
  on_date: DateCol;
  from_status: ReserveStatus | null;
  to_status: ReserveStatus;
  note: string | null;
  actor_id: number | null;
  actor_name: string | null;
}

/** 中层干部年度考核 (20261218_1100_cadre_reviews): one round a year. */
export interface CadreReviewTable {
  id: Generated<number>;
  year: number;
  title: string;
  org_id: number;
  review_on: DateCol;
  status: ColumnType<CadreReviewStatus, CadreReviewStatus | undefined, CadreReviewStatus>;
  rule: Json<CadreReviewRule>;
  consequence_rule: Json<CadreConsequenceRule>;
  voter_leaders: boolean;
  voter_cadres: boolean;
  representative_ids: ColumnType<number[], number[] | undefined, number[]>;
  voter_person_ids: number[];
  closes_at: Instant | null;
  published_at: Instant | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: CreatedAt;
  updated_at: Instant;
  version: Generated<number>;
}

/** One cadre of a round: the snapshot, the 述职, the ballot holding their items, the grades. */
export interface CadreReviewSubjectTable {
  id: Generated<number>;
  cadre_review_id: number;
  cadre_id: number;
  person_id: number;
  org_id: number;
  name: string;
  posts: string;
  report: string | null;
  report_at: Instant | null;
  ballot_id: number | null;
  evaluation_score: number | null;
  computed_grade: CadreReviewGrade | null;
  /** numeric(5,2): read as a string. */
  computed_score: ColumnType<string | null, number | string | null, number | string | null>;
  grade: CadreReviewGrade | null;
  override_reason: string | null;
  updated_at: Instant;
  version: Generated<number>;
}

/** 黄牌 / 红牌 / 调整职务 recorded for a published grade (append-only). */
export interface CadreReviewConsequenceTable {
  id: Generated<number>;
  subject_id: number;
  cadre_id: number;
  kind: CadreConsequenceKind;
  decided_on: DateCol;
  note: string;
  recorded_by: number | null;
  recorded_by_name: string | null;
  at: Instant;
}
