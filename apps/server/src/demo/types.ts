import type {
  ActivityKind,
  ActivityStatus,
  AgendaItem,
  AttendanceStatus,
  AttendeeRole,
  CampaignEventKind,
  CampaignFigures,
  CampaignKind,
  DualLeaderKind,
  EducationLevel,
  Ethnicity,
  Gender,
  InspectionEventKind,
  InspectionFigures,
  InspectionKind,
  InspectionLookbackOutcome,
  InspectionTeamRole,
  InspectionUnitStatus,
  IsoDate,
  LeaveStatus,
  MajorKind,
  MemberCategory,
  MemberEventKind,
  MemberStatus,
  OrgCategory,
  OrgRuleId,
  OrgType,
  PartyStatus,
  PostCode,
  ProgressReportCadence,
  RecruitmentEvent,
  RecruitmentRuleId,
  RecruitmentState,
  RectificationEventKind,
  RectificationMilestone,
  RectificationSource,
  RectificationStatus,
  ResolutionOutcome,
  ReviewRating,
  RoleGrant,
  SignInMethod,
  SupervisedTaskEventKind,
  SupervisedTaskStatus,
  TeamKind,
  ThemeSegment,
  UnitKind,
} from '@dangjian/core';

/** An administrative unit (二级学院 / 部门 / 教辅单位). */
export interface DemoUnit {
  id: number;
  name: string;
  kind: UnitKind;
  sortOrder: number;
  /** 学生数 (二级学院) and 教职工数: the denominators of the applicant shares; filled by recruitment.ts. */
  studentCount: number | null;
  staffCount: number | null;
}

/** A 专业 or 专业群 of a 二级学院. */
export interface DemoMajor {
  id: number;
  name: string;
  kind: MajorKind;
  unitId: number;
}

/** A node of the party tree with its materialised path ('/1/5/23/') and depth (root 0). */
export interface DemoOrg {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  type: OrgType;
  name: string;
  shortName: string | null;
  category: OrgCategory | null;
  code: string | null;
  unitId: number | null;
  majorIds: number[];
  foundedOn: IsoDate | null;
  sortOrder: number;
}

/** A party member (every generated person is a 正式党员 or 预备党员). */
export interface DemoPerson {
  id: number;
  name: string;
  gender: Gender;
  birthDate: IsoDate;
  category: MemberCategory;
  partyStatus: PartyStatus;
  /** A branch or one of its 党小组. */
  orgId: number;
  joinedOn: IsoDate;
  /** 转正 date, one year after joining; null while probationary. */
  confirmedOn: IsoDate | null;
  isDualLeader: boolean;
  dualLeaderNote: string | null;
  unitId: number | null;
  /** 职称. */
  title: string | null;
  /** Filled by addPersonalDetails after the structure is generated. */
  idNumber: string | null;
  phone: string | null;
  ethnicity: Ethnicity | null;
  education: EducationLevel | null;
  /** 职务/岗位. */
  position: string | null;
  majorId: number | null;
  grade: string | null;
  className: string | null;
  isMobile: boolean;
  isAbroad: boolean;
  isInHardship: boolean;
  dualLeaderKind: DualLeaderKind | null;
}

/** One 届 of an org's leadership. */
export interface DemoTerm {
  id: number;
  orgId: number;
  number: number;
  teamKind: TeamKind;
  startDate: IsoDate;
  plannedEndDate: IsoDate;
  actualEndDate: IsoDate | null;
  electedOn: IsoDate | null;
  electionRequestedOn: IsoDate | null;
  postponedTo: IsoDate | null;
  postponementApprovedOn: IsoDate | null;
}

/** A post held by a person: a team post of a term, or 党小组长 / 组织员 outside terms. */
export interface DemoAppointment {
  id: number;
  personId: number;
  orgId: number;
  termId: number | null;
  post: PostCode;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/**
 * Someone who left the roster in the last year (a graduate whose 组织关系 went out with the school's letter, a
 * teacher who moved to another employer, a retiree who died), kept as the platform keeps them: their record as
 * it was when they left (org, 正式/预备), a status other than 在册, the day and a note, and their timeline.
 */
export interface DemoLeaver extends DemoPerson {
  status: Exclude<MemberStatus, 'active'>;
  leftOn: IsoDate;
  leaveNote: string;
  /** The member timeline entries the server wrote when they left (`at`: the day it was recorded). */
  events: DemoPersonEvent[];
}

/** One entry of a member's timeline (person_event) as the server writes it. */
export interface DemoPersonEvent {
  kind: MemberEventKind;
  on: IsoDate;
  /** The day the entry was recorded (e.g. a receipt entered weeks after the letter's date). */
  at: IsoDate;
  summary: string;
  details: { transferId: number } | null;
}

/** A transfer of the demo college (组织关系转接): under way on `today`, or an outgoing one completed. */
export interface DemoTransfer {
  id: number;
  kind: 'internal' | 'outgoing';
  status: 'requested' | 'issued' | 'completed';
  personId: number;
  fromOrgId: number;
  toOrgId: number | null;
  externalOrgName: string | null;
  externalUnit: string | null;
  letterNumber: string | null;
  issuedOn: IsoDate | null;
  validDays: number | null;
  expiresOn: IsoDate | null;
  requestedOn: IsoDate;
  reason: string;
  /** 党费交至 ('YYYY-MM') on an outgoing letter, when filled in. */
  duesPaidUntil: string | null;
  /** The 回执's day: set when an outgoing letter is completed (it is also the decision's day). */
  receiptOn: IsoDate | null;
}

/** An organisational-life record (组织生活). Instants are ISO strings with the college's +08:00 offset. */
export interface DemoActivity {
  id: number;
  orgId: number;
  kind: ActivityKind;
  title: string;
  status: ActivityStatus;
  startsAt: string;
  endsAt: string;
  /** Local (Asia/Shanghai) day of startsAt. */
  onDate: IsoDate;
  place: string;
  hostPersonId: number | null;
  recorderPersonId: number | null;
  speaker: string | null;
  partnerPersonId: number | null;
  topic: string | null;
  agenda: AgendaItem[];
  segments: ThemeSegment[];
  notice: string | null;
  noticePublishedAt: string | null;
  minutes: string | null;
  closedAt: string | null;
  signInSecret: string;
}

/**
 * Attendance of every demo activity, one column per field and one index per row: at scale 10 this
 * is about a million rows, which plain objects would make heavy.
 */
export interface DemoAttendance {
  activityId: number[];
  personId: number[];
  role: AttendeeRole[];
  /**
   * 正式/预备 on the activity's day, as the record stored it: 正式 from 转正 (for those admitted through a dossier,
   * from the day 转正 was approved).
   */
  partyStatus: PartyStatus[];
  status: AttendanceStatus[];
  /** Seconds from the activity's start to the sign-in (negative = early); null unless present. */
  signedInAfter: (number | null)[];
  method: (SignInMethod | null)[];
  manualReason: (string | null)[];
  leaveStatus: (LeaveStatus | null)[];
  leaveReason: (string | null)[];
}

/** A resolution of a demo activity; vote counts are null when it was recorded without a vote. */
export interface DemoResolution {
  activityId: number;
  position: number;
  title: string;
  content: string;
  isVote: boolean;
  entitled: number | null;
  presentEntitled: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  writtenFor: number | null;
  writtenAgainst: number | null;
  outcome: ResolutionOutcome;
}

/** A supervision check (督促检查) of a demo record, with the branch's response when it gave one. */
export interface DemoReview {
  activityId: number;
  reviewerName: string;
  reviewerOrgId: number;
  rating: ReviewRating;
  contentComment: string;
  procedureComment: string;
  reviewedAt: string;
  response: string | null;
  responderName: string | null;
  respondedAt: string | null;
}

/** An applicant in the 发展党员 procedure: off the roster (no party status, no org) until admitted. */
export type DemoApplicant = Omit<DemoPerson, 'partyStatus' | 'orgId' | 'joinedOn'> & {
  partyStatus: PartyStatus | null;
  orgId: number | null;
  joinedOn: IsoDate | null;
};

/** One recorded step of a demo dossier, as the server stores it (recruitment_event). */
export interface DemoRecruitmentEvent {
  /** What packages/core's applyStep received. */
  event: RecruitmentEvent;
  warnings: RecruitmentRuleId[];
  /**
   * The 支部党员大会 record of a vote step, which carries its resolution; null for other steps and for a vote held
   * before the demo's two years of records begin.
   */
  activityId: number | null;
  /** The demo account that recorded it (its app_user id: position in CollegeData.accounts + 1). */
  recordedBy: number;
  recorderName: string;
}

/** A demo 发展党员 dossier (recruitment), its person and the steps that led to its state. */
export interface DemoRecruit {
  id: number;
  person: DemoApplicant;
  /** The branch responsible (never a 党小组). */
  orgId: number;
  leavesOn: IsoDate | null;
  events: DemoRecruitmentEvent[];
  /** applyStep's state after the last event: what recruitment.state holds. */
  state: RecruitmentState;
  /** The member timeline entries the server writes on admission, group placement and 转正. */
  personEvents: { kind: 'created' | 'updated' | 'status_confirmed'; on: IsoDate; summary: string }[];
}

/** One entry of a rectification item's timeline (rectification_event), as the service writes it. */
export interface DemoRectificationEvent {
  kind: RectificationEventKind;
  /** Instant with the college's +08:00 offset. */
  at: string;
  fromStatus: RectificationStatus | null;
  toStatus: RectificationStatus | null;
  /** The demo account that did it (its app_user id), or null for a secretary without one (named). */
  actorId: number | null;
  actorName: string;
  /** The source's words (created), the reason (return, extension, 回头看), the progress or what was edited. */
  note: string | null;
  /** The deadline set (created), asked for (延期) or given (approved, reopened). */
  until: IsoDate | null;
}

/** A record linked as a rectification item's evidence: a meeting held, or a term recorded. */
export interface DemoRectificationEvidence {
  kind: 'activity' | 'term';
  recordId: number;
  note: string | null;
  addedAt: string;
  addedBy: number | null;
  addedByName: string;
}

/**
 * A demo rectification item (整改事项, see rectification.ts): its row, its evidence and the timeline whose replay
 * through core's state machine gives its state.
 */
export interface DemoRectification {
  id: number;
  orgId: number;
  source: RectificationSource;
  /** The campaign whose problem list holds it (问题清单, see campaigns.ts). */
  campaignId?: number;
  /** The 巡察 round whose feedback raised it (see inspections.ts); its org is the unit inspected. */
  inspectionId?: number;
  /** The key of the finding it was opened from; the demo links the finding's row once findings are evaluated. */
  findingKey: string | null;
  /** The meeting in which the problem was raised (组织生活会) or the record checked (督促检查). */
  activityId: number | null;
  sourceLabel: string | null;
  problem: string;
  clause: string | null;
  responsiblePersonId: number | null;
  measures: string | null;
  result: string | null;
  status: RectificationStatus;
  deadline: IsoDate;
  originalDeadline: IsoDate;
  extensions: number;
  extensionRequest: { until: IsoDate; reason: string } | null;
  reopenCount: number;
  milestones: RectificationMilestone[];
  submittedAt: string | null;
  closedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  evidence: DemoRectificationEvidence[];
  events: DemoRectificationEvent[];
}

/** One entry of a supervised task's timeline (supervised_task_event), as the service writes it. */
export interface DemoSupervisedTaskEvent {
  kind: SupervisedTaskEventKind;
  /** Instant with the college's +08:00 offset. */
  at: string;
  fromStatus: SupervisedTaskStatus | null;
  toStatus: SupervisedTaskStatus | null;
  actorId: number | null;
  actorName: string;
  note: string | null;
  until: IsoDate | null;
}

/** A demo supervised task (督办事项, see supervision.ts): its row and the timeline whose replay gives its state. */
export interface DemoSupervisedTask {
  id: number;
  issuerOrgId: number;
  leadOrgId: number;
  assistingOrgIds: number[];
  activityId: number;
  /** The decision (activity_resolution at this position of the meeting) the task carries out. */
  resolutionPosition: number;
  title: string;
  content: string;
  cadence: ProgressReportCadence;
  status: SupervisedTaskStatus;
  issuedOn: IsoDate;
  deadline: IsoDate;
  originalDeadline: IsoDate;
  extensions: number;
  extensionRequest: { until: IsoDate; reason: string } | null;
  lastReportOn: IsoDate | null;
  result: string | null;
  acceptedAt: string | null;
  reportedDoneAt: string | null;
  doneAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  events: DemoSupervisedTaskEvent[];
}

/** One submission or return of a participating org (rectification_campaign_event), as the service writes it. */
export interface DemoCampaignEvent {
  kind: CampaignEventKind;
  /** Instant with the college's +08:00 offset. */
  at: string;
  actorId: number | null;
  actorName: string;
  note: string | null;
}

/** One org that must submit a campaign's list and summary: where it stands, and the history that led there. */
export interface DemoCampaignOrg {
  orgId: number;
  list: { at: string; byId: number | null; byName: string; noProblems: boolean; note: string | null } | null;
  listReturn: { at: string; byName: string; reason: string } | null;
  summary: { at: string; byId: number | null; byName: string; text: string; figures: CampaignFigures } | null;
  version: number;
  events: DemoCampaignEvent[];
}

/** A demo rectification campaign (问题清单, see campaigns.ts) issued by the 组织部. */
export interface DemoCampaign {
  id: number;
  name: string;
  year: number;
  kind: CampaignKind;
  issuedOn: IsoDate;
  listDueOn: IsoDate;
  summaryDueOn: IsoDate;
  description: string;
  createdBy: number | null;
  createdAt: string;
  orgs: DemoCampaignOrg[];
}

/** One entry of a 巡察 round's timeline (inspection_event), as the service writes it. */
export interface DemoInspectionEvent {
  kind: InspectionEventKind;
  /** The unit a step was on; null for the round's own entries. */
  orgId: number | null;
  /** Instant with the college's +08:00 offset. */
  at: string;
  actorId: number | null;
  actorName: string;
  note: string | null;
}

/** A unit inspected in a round: where it stands and what was recorded of it. */
export interface DemoInspectionUnit {
  orgId: number;
  status: InspectionUnitStatus;
  feedbackOn: IsoDate | null;
  summary: string | null;
  report: { text: string; submittedOn: IsoDate; byName: string; figures: InspectionFigures } | null;
  returnedReason: string | null;
  lookback: {
    on: IsoDate;
    note: string;
    byName: string;
    verdicts: {
      rectificationId: number;
      outcome: InspectionLookbackOutcome;
      reason: string | null;
      until: IsoDate | null;
    }[];
  } | null;
  version: number;
  updatedAt: string;
}

/** A demo 巡察 round (see inspections.ts): its plan, team, units and timeline. */
export interface DemoInspection {
  id: number;
  name: string;
  kind: InspectionKind;
  startsOn: IsoDate;
  endsOn: IsoDate;
  focus: string;
  reportMonths: number;
  lookbackMonths: number;
  team: { role: InspectionTeamRole; name: string; title: string }[];
  createdBy: number | null;
  createdAt: string;
  units: DemoInspectionUnit[];
  events: DemoInspectionEvent[];
}

/** A demo sign-in account and its role grants. */
export interface DemoAccount {
  username: string;
  displayName: string;
  personId: number | null;
  roles: RoleGrant[];
}

/**
 * The deliberate rule cases planted in the demo college: each org rule, plus a branch that has
 * recorded its 换届请示 (which then only gets the 届满提醒).
 */
export type DemoCase = OrgRuleId | 'term.election_requested';

/** A whole generated college, with explicit ids starting at 1 in every list. */
export interface CollegeData {
  schoolName: string;
  today: IsoDate;
  scale: number;
  seed: number;
  units: DemoUnit[];
  majors: DemoMajor[];
  orgs: DemoOrg[];
  /** The roster today: every one of them 在册. */
  people: DemoPerson[];
  /** Who left the roster in the last year (ids after those of `people` and of the recruits; see leavers.ts). */
  leavers: DemoLeaver[];
  terms: DemoTerm[];
  appointments: DemoAppointment[];
  transfers: DemoTransfer[];
  accounts: DemoAccount[];
  /** Two years of organisational life up to `today` (see activities.ts). */
  activities: DemoActivity[];
  attendance: DemoAttendance;
  resolutions: DemoResolution[];
  reviews: DemoReview[];
  /** 发展党员 dossiers (see recruitment.ts); their people are not in `people`. */
  recruits: DemoRecruit[];
  /** Which org carries each deliberate rule case (for 组织员, the college's 党总支). */
  cases: Record<DemoCase, number>;
  /** 整改事项 of every source and state (see rectification.ts). */
  rectifications: DemoRectification[];
  /** 督办事项 from the 党务工作例会 of the 党委 and the 总支, in every state (see supervision.ts). */
  supervisedTasks: DemoSupervisedTask[];
  /** 问题清单 rounds of the whole college, a past one and a current one (see campaigns.ts). */
  campaigns: DemoCampaign[];
  /** 巡察 rounds: one completed with its 回头看, one whose reports are coming due (see inspections.ts). */
  inspections: DemoInspection[];
}
