import { z } from 'zod';
import {
  activityKinds,
  activityStatuses,
  attachmentKinds,
  attendanceStatuses,
  attendeeRoles,
  leaveStatuses,
  resolutionOutcomes,
  reviewRatings,
  signInMethods,
} from '../activities/dictionaries.ts';
import { partyStatuses } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import { dbId, idParam, isoDate, requireChange, text } from './common.ts';

/** Field limits of activity records, shared by the forms and the API. */
export const activityLimits = {
  title: { min: 2, max: 100 },
  place: { max: 100 },
  speaker: { max: 60 },
  topic: { max: 200 },
  agendaItems: { max: 30 },
  agendaTitle: { max: 200 },
  segments: { max: 10 },
  segmentName: { max: 20 },
  notice: { max: 2000 },
  minutes: { max: 50_000 },
  summary: { max: 500 },
  resolutions: { max: 30 },
  resolutionTitle: { max: 200 },
  resolutionContent: { max: 5000 },
  reason: { max: 200 },
  comment: { max: 2000 },
  guests: { max: 200 },
  /** Largest attachment or photo, in bytes. */
  attachmentBytes: 10 * 1024 * 1024,
  attachmentsPerActivity: 50,
  fileName: { max: 120 },
} as const;

/** How long one sign-in code is shown before the next, and how many past windows still count. */
export const signInCode = { rotateSeconds: 10, graceWindows: 1 } as const;

/** An instant with its offset, e.g. '2026-11-21T14:30:00+08:00' (the college is in Asia/Shanghai). */
export const instant = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' });

const optionalText = (max: number) => text(1, max).nullable().default(null);

export const agendaItem = z.strictObject({
  title: text(1, activityLimits.agendaTitle.max),
  /** 第一议题: studying the latest central speech or instruction. */
  isFirstTopic: z.boolean().default(false),
  note: optionalText(limits.note.max),
});
export type AgendaItem = z.output<typeof agendaItem>;

/** The ordered agenda; at most one item is the 第一议题. */
const agendaItems = z
  .array(agendaItem)
  .max(activityLimits.agendaItems.max)
  .refine((items) => items.filter((i) => i.isFirstTopic).length <= 1, {
    message: '只能有一个议题标记为第一议题',
  });

/** A 主题党日 segment, e.g. 学习 / 交流 / 实做. */
export const themeSegment = z.strictObject({
  name: text(1, activityLimits.segmentName.max),
  minutes: z.int().min(0).max(600),
  content: optionalText(limits.note.max),
});
export type ThemeSegment = z.output<typeof themeSegment>;

/** Optional place check for sign-in: the phone's position must be within the radius. */
export const placeCheck = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusM: z.int().min(20).max(5000),
});
export type PlaceCheck = z.infer<typeof placeCheck>;

/** The fields of a plan (计划) a secretary fills in. */
export const activityPlanFields = {
  title: text(activityLimits.title.min, activityLimits.title.max),
  startsAt: instant,
  endsAt: instant.nullable().default(null),
  place: optionalText(activityLimits.place.max),
  hostPersonId: dbId.nullable().default(null),
  recorderPersonId: dbId.nullable().default(null),
  /** 党课: the speaker when not on the roster. */
  speaker: optionalText(activityLimits.speaker.max),
  /** 谈心谈话: the other party (the host is the first). */
  partnerPersonId: dbId.nullable().default(null),
  /** 谈心谈话: what was talked about. */
  topic: optionalText(activityLimits.topic.max),
  agenda: agendaItems.default([]),
  segments: z.array(themeSegment).max(activityLimits.segments.max).default([]),
  notice: optionalText(activityLimits.notice.max),
  placeCheck: placeCheck.nullable().default(null),
};

/** POST /api/activities: plan a record for an org; the attendee list is computed from the org on that day. */
export const createActivityBody = z.strictObject({
  orgId: dbId,
  kind: z.enum(activityKinds),
  ...activityPlanFields,
  /** People invited beyond the org's members (列席). */
  guestIds: z.array(dbId).max(activityLimits.guests.max).default([]),
});
export type CreateActivityBody = z.input<typeof createActivityBody>;
export type CreateActivity = z.output<typeof createActivityBody>;

/**
 * PATCH /api/activities/{id}: any plan field, the minutes and summary, with the version read.
 * Changing `startsAt` before the record is held recomputes the attendee list.
 */
export const updateActivityBody = requireChange(
  z.strictObject({
    title: activityPlanFields.title.optional(),
    startsAt: activityPlanFields.startsAt.optional(),
    endsAt: instant.nullable().optional(),
    place: text(1, activityLimits.place.max).nullable().optional(),
    hostPersonId: dbId.nullable().optional(),
    recorderPersonId: dbId.nullable().optional(),
    speaker: text(1, activityLimits.speaker.max).nullable().optional(),
    partnerPersonId: dbId.nullable().optional(),
    topic: text(1, activityLimits.topic.max).nullable().optional(),
    agenda: agendaItems.optional(),
    segments: z.array(themeSegment).max(activityLimits.segments.max).optional(),
    notice: text(1, activityLimits.notice.max).nullable().optional(),
    placeCheck: placeCheck.nullable().optional(),
    minutes: text(1, activityLimits.minutes.max).nullable().optional(),
    summary: text(1, activityLimits.summary.max).nullable().optional(),
    version: z.int().min(0),
  }),
);
export type UpdateActivityBody = z.input<typeof updateActivityBody>;
export type UpdateActivity = z.output<typeof updateActivityBody>;

/** Status changes: publish the notice, start (opens sign-in), close the record, cancel. */
export const activityTransitions = [
  'publish',
  'start',
  'close',
  'cancel',
  'reopen-sign-in',
  'stop-sign-in',
] as const;
export type ActivityTransition = (typeof activityTransitions)[number];
export const activityTransitionLabels = {
  publish: '发布通知',
  start: '开始活动',
  close: '归档',
  cancel: '取消活动',
  'reopen-sign-in': '开启签到',
  'stop-sign-in': '停止签到',
} as const satisfies Record<ActivityTransition, string>;
/** POST /api/activities/{id}/{transition}. Cancelling needs a reason. */
export const activityTransitionBody = z.strictObject({
  version: z.int().min(0),
  reason: text(1, activityLimits.reason.max).optional(),
});
export type ActivityTransitionBody = z.input<typeof activityTransitionBody>;
export const activityTransitionParams = z.strictObject({
  id: idParam,
  transition: z.enum(activityTransitions),
});

/** POST /api/activities/{id}/sign-in: the code scanned from the meeting screen, and the phone's position if asked. */
export const signInBody = z.strictObject({
  token: z.string().min(10).max(200),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});
export type SignInBody = z.input<typeof signInBody>;
export const signInResult = z.object({
  activityId: z.number(),
  title: z.string(),
  signedInAt: z.string(),
  /** True when the person had already signed in: the request changed nothing. */
  already: z.boolean(),
});
export type SignInResult = z.infer<typeof signInResult>;

/** GET /api/activities/{id}/sign-in-code: the current code for the meeting screen. */
export const signInCodeResponse = z.object({
  token: z.string(),
  /** Path the phone opens, '/m/sign-in?t=…' (the token names the activity); the screen shows it as a QR code. */
  path: z.string(),
  expiresAt: z.string(),
  rotateSeconds: z.number(),
  present: z.number(),
  expected: z.number(),
});
export type SignInCodeResponse = z.infer<typeof signInCodeResponse>;

/** POST /api/activities/{id}/attendance: the secretary marks someone by hand (补签 needs a reason). */
export const markAttendanceBody = z.strictObject({
  personId: dbId,
  status: z.enum(['present', 'absent', 'expected']),
  reason: text(1, activityLimits.reason.max).optional(),
});
export type MarkAttendanceBody = z.input<typeof markAttendanceBody>;

/** POST /api/activities/{id}/guests: add or remove invited people (列席). */
export const guestsBody = z.strictObject({
  add: z.array(dbId).max(activityLimits.guests.max).default([]),
  remove: z.array(dbId).max(activityLimits.guests.max).default([]),
});

/** POST /api/activities/{id}/leave: a member asks for leave. */
export const leaveRequestBody = z.strictObject({ reason: text(1, activityLimits.reason.max) });
export type LeaveRequestBody = z.input<typeof leaveRequestBody>;

/** POST /api/activities/{id}/leave/{personId}/decision: the secretary approves or refuses. */
export const leaveDecisionBody = z.strictObject({
  approve: z.boolean(),
  note: text(1, activityLimits.reason.max).optional(),
});
export type LeaveDecisionBody = z.input<typeof leaveDecisionBody>;
export const personParams = z.strictObject({ id: idParam, personId: idParam });

/**
 * One resolution as entered. For a vote the secretary gives the counts and the outcome they read;
 * the server computes quorum and majority (支部条例 第十一条) and refuses an outcome that is wrong.
 */
export const resolutionInput = z.strictObject({
  title: text(1, activityLimits.resolutionTitle.max),
  content: optionalText(activityLimits.resolutionContent.max),
  isVote: z.boolean(),
  votesFor: z.int().min(0).max(100_000).default(0),
  votesAgainst: z.int().min(0).max(100_000).default(0),
  abstentions: z.int().min(0).max(100_000).default(0),
  /** Written votes of absent members entitled to vote. */
  writtenFor: z.int().min(0).max(100_000).default(0),
  writtenAgainst: z.int().min(0).max(100_000).default(0),
  outcome: z.enum(resolutionOutcomes),
});
export type ResolutionInput = z.input<typeof resolutionInput>;
/** PUT /api/activities/{id}/resolutions: the whole list, replaced. */
export const resolutionsBody = z.strictObject({
  items: z.array(resolutionInput).max(activityLimits.resolutions.max),
  version: z.int().min(0),
});
export type ResolutionsBody = z.input<typeof resolutionsBody>;

/** POST /api/activities/{id}/reviews: a supervision check (督促检查) of a record. */
export const reviewBody = z
  .strictObject({
    rating: z.enum(reviewRatings),
    contentComment: optionalText(activityLimits.comment.max),
    procedureComment: optionalText(activityLimits.comment.max),
  })
  .refine((b) => b.rating === 'standard' || b.contentComment !== null || b.procedureComment !== null, {
    path: ['contentComment'],
    message: '评为“基本规范”或“不规范”时须填写意见',
  });
export type ReviewBody = z.input<typeof reviewBody>;
/** POST /api/activities/{id}/reviews/{reviewId}/response: the branch answers. */
export const reviewResponseBody = z.strictObject({ response: text(1, activityLimits.comment.max) });
export const reviewParams = z.strictObject({ id: idParam, reviewId: idParam });

/** Query of an attachment upload (the body is the file itself). */
export const attachmentUploadQuery = z.strictObject({
  kind: z.enum(attachmentKinds),
  fileName: text(1, activityLimits.fileName.max),
});
export const attachmentParams = z.strictObject({ id: idParam, attachmentId: idParam });

/** GET /api/activities. */
export const activityListQuery = z.strictObject({
  orgId: idParam.optional(),
  kind: z.enum(activityKinds).optional(),
  status: z.enum(activityStatuses).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(limits.search.max).optional(),
  /** Only records that have (or have not) been checked by a reviewer. */
  reviewed: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});
export type ActivityListQuery = z.input<typeof activityListQuery>;

const ref = z.object({ id: z.number(), name: z.string() });
const attendanceCounts = z.object({
  expected: z.number(),
  present: z.number(),
  leave: z.number(),
  absent: z.number(),
  /** Still expected (not signed in, no approved leave) while the record is open. */
  pending: z.number(),
});

/** What the caller may do with a record; the UI shows buttons from these. */
export const activityAbilities = z.object({
  edit: z.boolean(),
  publish: z.boolean(),
  start: z.boolean(),
  close: z.boolean(),
  cancel: z.boolean(),
  manageAttendance: z.boolean(),
  showSignInCode: z.boolean(),
  review: z.boolean(),
  respond: z.boolean(),
  signIn: z.boolean(),
  requestLeave: z.boolean(),
  /** Approve or refuse leave requests (from the moment they are made until the record is archived). */
  decideLeave: z.boolean(),
});
export type ActivityAbilities = z.infer<typeof activityAbilities>;

export const activityListItem = z.object({
  id: z.number(),
  org: ref,
  kind: z.enum(activityKinds),
  title: z.string(),
  status: z.enum(activityStatuses),
  startsAt: z.string(),
  onDate: z.string(),
  place: z.string().nullable(),
  host: ref.nullable(),
  hasFirstTopic: z.boolean(),
  counts: attendanceCounts,
  /** Latest supervision rating, if any. */
  rating: z.enum(reviewRatings).nullable(),
  /** Leave requests waiting for the secretary. */
  pendingLeave: z.number(),
});
export type ActivityListItem = z.infer<typeof activityListItem>;
export const activityPage = z.object({
  items: z.array(activityListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type ActivityPage = z.infer<typeof activityPage>;

export const attendee = z.object({
  personId: z.number(),
  name: z.string(),
  role: z.enum(attendeeRoles),
  partyStatus: z.enum(partyStatuses).nullable(),
  /** Entitled to vote: a full member (正式党员) on the day. */
  mayVote: z.boolean(),
  status: z.enum(attendanceStatuses),
  signedInAt: z.string().nullable(),
  signInMethod: z.enum(signInMethods).nullable(),
  manualReason: z.string().nullable(),
  leave: z
    .object({
      status: z.enum(leaveStatuses),
      reason: z.string(),
      requestedAt: z.string(),
      note: z.string().nullable(),
    })
    .nullable(),
  /** Posts the person holds on a 党委/党总支 team (why they are in 双重组织生活). */
  leaderPosts: z.array(z.string()),
});
export type Attendee = z.infer<typeof attendee>;

export const resolution = z.object({
  id: z.number(),
  position: z.number(),
  title: z.string(),
  content: z.string().nullable(),
  isVote: z.boolean(),
  entitled: z.number().nullable(),
  presentEntitled: z.number().nullable(),
  votesFor: z.number().nullable(),
  votesAgainst: z.number().nullable(),
  abstentions: z.number().nullable(),
  writtenFor: z.number().nullable(),
  writtenAgainst: z.number().nullable(),
  outcome: z.enum(resolutionOutcomes),
});
export type Resolution = z.infer<typeof resolution>;

export const attachment = z.object({
  id: z.number(),
  kind: z.enum(attachmentKinds),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof attachment>;

export const activityReview = z.object({
  id: z.number(),
  reviewerName: z.string(),
  reviewerOrg: ref.nullable(),
  rating: z.enum(reviewRatings),
  contentComment: z.string().nullable(),
  procedureComment: z.string().nullable(),
  reviewedAt: z.string(),
  response: z.string().nullable(),
  responderName: z.string().nullable(),
  respondedAt: z.string().nullable(),
});
export type ActivityReview = z.infer<typeof activityReview>;

/** Voting picture of a general meeting (支部条例 第十一条) or committee meeting (第十二条). */
export const voteSummary = z.object({
  /** Entitled voters: full members expected (for a 支委会: the 委员). */
  entitled: z.number(),
  presentEntitled: z.number(),
  quorumReached: z.boolean(),
  /** Votes for a motion needs to pass: more than half of all entitled. */
  neededToPass: z.number(),
});
export type VoteSummary = z.infer<typeof voteSummary>;

export const activityDetail = activityListItem.extend({
  endsAt: z.string().nullable(),
  recorder: ref.nullable(),
  speaker: z.string().nullable(),
  partner: ref.nullable(),
  topic: z.string().nullable(),
  agenda: z.array(agendaItem),
  segments: z.array(themeSegment),
  notice: z.string().nullable(),
  noticePublishedAt: z.string().nullable(),
  minutes: z.string().nullable(),
  summary: z.string().nullable(),
  placeCheck: placeCheck.nullable(),
  signInOpen: z.boolean(),
  closedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  attendees: z.array(attendee),
  resolutions: z.array(resolution),
  attachments: z.array(attachment),
  reviews: z.array(activityReview),
  votes: voteSummary.nullable(),
  /**
   * A closed 党员大会 or 支委会: whether more than half of those entitled attended. false: recorded as
   * 未达到法定人数, not counted as held. null for other kinds and records not yet closed.
   */
  quorumMet: z.boolean().nullable(),
  abilities: activityAbilities,
  version: z.number(),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

/** GET /api/activities/invitees: who would be expected, computed from the org on that day. */
export const inviteeQuery = z.strictObject({
  orgId: idParam,
  kind: z.enum(activityKinds),
  date: isoDate,
});
export const inviteeList = z.object({
  items: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      role: z.enum(attendeeRoles),
      partyStatus: z.enum(partyStatuses).nullable(),
      leaderPosts: z.array(z.string()),
    }),
  ),
});
export type InviteeList = z.infer<typeof inviteeList>;

/** GET /api/me/activities: a member's upcoming and recent records (phone). */
export const myActivity = z.object({
  id: z.number(),
  org: ref,
  kind: z.enum(activityKinds),
  title: z.string(),
  status: z.enum(activityStatuses),
  startsAt: z.string(),
  place: z.string().nullable(),
  notice: z.string().nullable(),
  myStatus: z.enum(attendanceStatuses),
  leave: z
    .object({ status: z.enum(leaveStatuses), reason: z.string(), note: z.string().nullable() })
    .nullable(),
  canRequestLeave: z.boolean(),
  signInOpen: z.boolean(),
});
export type MyActivity = z.infer<typeof myActivity>;
export const myActivities = z.object({ upcoming: z.array(myActivity), recent: z.array(myActivity) });
export type MyActivities = z.infer<typeof myActivities>;

/** A person's attendance record for a year (the member's own, or any member's in scope). */
export const attendanceQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const attendanceRecord = z.object({
  personId: z.number(),
  name: z.string(),
  year: z.number(),
  counts: z.object({ expected: z.number(), present: z.number(), leave: z.number(), absent: z.number() }),
  /** present / (expected − leave), 0..1; null when nothing was expected. */
  rate: z.number().nullable(),
  items: z.array(
    z.object({
      activityId: z.number(),
      orgName: z.string(),
      kind: z.enum(activityKinds),
      title: z.string(),
      onDate: z.string(),
      status: z.enum(attendanceStatuses),
      role: z.enum(attendeeRoles),
      signedInAt: z.string().nullable(),
      leaveReason: z.string().nullable(),
    }),
  ),
});
export type AttendanceRecord = z.infer<typeof attendanceRecord>;

/** GET /api/activities/ledger.xlsx: a branch's 三会一课 ledger for a year. */
export const ledgerQuery = z.strictObject({
  orgId: idParam,
  year: z.coerce.number().int().min(2000).max(2100),
});

/** GET /api/compliance: the matrix of the caller's scope. */
export const complianceQuery = z.strictObject({
  /** Root of the rows (default: the caller's scope). */
  orgId: idParam.optional(),
  unit: z.enum(['month', 'quarter']).default('month'),
  /** First and last day of the window; default the last 12 months to this month. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ComplianceQuery = z.input<typeof complianceQuery>;

/** Chinese names of the activity request fields, so that a validation error names what the user sees. */
export const activityFieldLabels = {
  orgId: '党组织',
  kind: '活动类型',
  title: '标题',
  status: '出勤状态',
  personId: '人员',
  reason: '原因',
  note: '说明',
  startsAt: '开始时间',
  endsAt: '结束时间',
  place: '地点',
  hostPersonId: '主持人',
  recorderPersonId: '记录人',
  speaker: '授课人',
  partnerPersonId: '谈话对象',
  topic: '谈话主题',
  agenda: '议程',
  isFirstTopic: '第一议题',
  segments: '环节',
  name: '环节名称',
  content: '内容',
  minutes: '会议记录',
  summary: '小结',
  notice: '会议通知',
  placeCheck: '签到位置',
  lat: '纬度',
  lng: '经度',
  radiusM: '签到半径',
  guestIds: '列席人员',
  token: '签到码',
  approve: '是否批准',
  items: '决议',
  isVote: '是否表决',
  votesFor: '赞成票数',
  votesAgainst: '反对票数',
  abstentions: '弃权票数',
  writtenFor: '书面表决赞成票数',
  writtenAgainst: '书面表决反对票数',
  outcome: '表决结果',
  rating: '评定',
  contentComment: '内容意见',
  procedureComment: '程序意见',
  response: '答复',
  fileName: '文件名',
  add: '增加列席',
  remove: '移除列席',
  from: '开始日期',
  to: '结束日期',
  reviewed: '是否已检查',
  year: '年度',
  date: '日期',
  version: '版本号',
} as const;
