/**
 * Training hours (学时) as pure rules: whether a course's hours count (absence ≤ 1/7 of them), a person's hours of a
 * period from their sources, the requirement of each class with its clause, a new secretary's training within 6
 * months, the findings of the year's shortfall near its end, and the party-work incentives for HR.
 */
import { addMonths, type IsoDate } from '../dates.ts';
import type { OrgType, PostCode } from '../dictionaries.ts';
import { trainingRegulations } from './catalogue.ts';
import {
  type IncentivePost,
  incentivePostLabels,
  type TrainingAttendanceStatus,
  type TrainingClass,
  type TrainingHourSource,
} from './dictionaries.ts';
import type { TrainingSettings } from './settings.ts';

/** Hours in tenths, so that 1/7 and sums compare exactly (学时 are kept to one decimal). */
const tenths = (hours: number) => Math.round(hours * 10);

/** Rounds a sum of hours to one decimal. */
export const roundHours = (hours: number) => tenths(hours) / 10;

/**
 * The 学时 a course counts for one attendee: all of its hours when they signed in and missed at most 1/7 of them,
 * none otherwise (absent, not signed in, or away longer). 干部教育培训工作条例: 学员请假累计超过总学时七分之一的，
 * 不予结业 (RULES.md §7).
 */
export function courseHoursCounted(
  courseHours: number,
  attendance: { status: TrainingAttendanceStatus; absentHours: number },
): number {
  if (attendance.status !== 'present') return 0;
  return tenths(attendance.absentHours) * 7 <= tenths(courseHours) ? courseHours : 0;
}

/** Why a course's hours did not count for an attendee, or null when they did. */
export function courseHoursRefusal(
  courseHours: number,
  attendance: { status: TrainingAttendanceStatus; absentHours: number },
): string | null {
  if (attendance.status === 'absent') return '缺席，不计学时';
  if (attendance.status === 'enrolled') return '未签到，不计学时';
  if (courseHoursCounted(courseHours, attendance) === 0)
    return `缺课 ${attendance.absentHours} 学时，超过总学时的七分之一，不计学时`;
  return null;
}

/** One source of a person's hours: the record it comes from and the hours it counts. */
export interface TrainingHourItem {
  source: TrainingHourSource;
  /** The record's id in its own module (course, external training, activity record). */
  recordId: number;
  title: string;
  /** The day it counts on: a course's or external training's last day, the activity's day. */
  onDate: IsoDate;
  hours: number;
}

/**
 * The hours of each conversion setting an attended 组织生活 record counts: a 党课 by `lectureHours`, a 主题党日 by
 * `themeDayStudyHours` when it had a study part (a segment named 学习…), else nothing.
 */
export function lifeRecordHours(
  record: { kind: 'lecture' | 'theme_day'; segmentNames: readonly string[] },
  settings: Pick<TrainingSettings, 'lectureHours' | 'themeDayStudyHours'>,
): number {
  if (record.kind === 'lecture') return settings.lectureHours;
  return record.segmentNames.some((n) => n.includes('学习')) ? settings.themeDayStudyHours : 0;
}

/** The total of a person's items (one decimal) and the subtotal of each source. */
export function tallyTrainingHours(items: readonly TrainingHourItem[]): {
  total: number;
  bySource: Record<TrainingHourSource, number>;
} {
  const bySource = { course: 0, external: 0, lecture: 0, theme_day: 0 };
  for (const i of items) bySource[i.source] += tenths(i.hours);
  for (const k of Object.keys(bySource) as TrainingHourSource[]) bySource[k] /= 10;
  return {
    total: roundHours(bySource.course + bySource.external + bySource.lecture + bySource.theme_day),
    bySource,
  };
}

/** The 学时 a class must reach over its window of years, with the clause that sets it. */
export interface TrainingRequirement {
  trainingClass: TrainingClass;
  hours: number;
  years: number;
  clause: { source: string; article: string; text: string };
}

/** Each class's requirement (RULES.md §11). */
export const trainingRequirements = {
  member: {
    trainingClass: 'member',
    hours: 32,
    years: 1,
    clause: {
      source: trainingRegulations.educationRegulation,
      article: '第二十条',
      text: '党员每年集中学习培训时间一般不少于32学时。',
    },
  },
  org_leader: {
    trainingClass: 'org_leader',
    hours: 56,
    years: 1,
    clause: {
      source: trainingRegulations.educationPlan,
      article: '基层党组织带头人队伍培训',
      text: '基层党组织书记和班子成员每年集中学习培训时间不少于56学时。',
    },
  },
  cadre: {
    trainingClass: 'cadre',
    hours: 90,
    years: 1,
    clause: {
      source: trainingRegulations.cadreTrainingRegulation,
      article: '教育培训时间',
      text: '乡科级及以下干部每年参加教育培训的时间累计不少于12天或者90学时。',
    },
  },
  senior_cadre: {
    trainingClass: 'senior_cadre',
    hours: 550,
    years: 5,
    clause: {
      source: trainingRegulations.cadreTrainingRegulation,
      article: '教育培训时间',
      text: '县处级以上领导干部每5年参加组织调训累计不少于3个月或者550学时。',
    },
  },
} as const satisfies Record<TrainingClass, TrainingRequirement>;

/** Whether `hours` over the class's window reach its requirement (at the number exactly: met). */
export function meetsTrainingRequirement(trainingClass: TrainingClass, hours: number): boolean {
  return tenths(hours) >= tenths(trainingRequirements[trainingClass].hours);
}

/**
 * The yearly requirement that binds a person in several classes: the highest of their one-year classes (a
 * secretary who is a member needs 56, not 32 + 56). Null when none is yearly (no class, or 县处级 only).
 */
export function yearlyRequirementOf(classes: readonly TrainingClass[]): TrainingRequirement | null {
  let best: TrainingRequirement | null = null;
  for (const c of classes) {
    const r = trainingRequirements[c];
    if (r.years === 1 && (!best || r.hours > best.hours)) best = r;
  }
  return best;
}

/** A person's year against their binding requirement: the hours, what is required and how much is missing. */
export function trainingStanding(
  classes: readonly TrainingClass[],
  hours: number,
): { required: TrainingRequirement | null; short: number; met: boolean } {
  const required = yearlyRequirementOf(classes);
  if (!required) return { required, short: 0, met: true };
  const short = Math.max(0, tenths(required.hours) - tenths(hours)) / 10;
  return { required, short, met: short === 0 };
}

/**
 * The window of a requirement over several years (县处级: 5) read for `year`: the calendar years `year − years + 1` to
 * `year` (2022–2026 for 2026). A rolling window of calendar years, not the 干部教育培训规划's fixed period: the
 * 条例 counts "每5年", and a rolling window never lets a period's start wipe a cadre's shortfall.
 */
export function trainingWindowOf(
  years: number,
  year: number,
): { fromYear: number; toYear: number; from: IsoDate; to: IsoDate } {
  const fromYear = year - years + 1;
  return { fromYear, toYear: year, from: `${fromYear}-01-01`, to: `${year}-12-31` };
}

/**
 * A 县处级 cadre's window against the 550: null for a person not in the class; else the hours over the 5 calendar
 * years, what is required and how much is missing (at 550 exactly: met). Separate from the yearly standing, which
 * for the same person stays the cadre's 90.
 */
export function seniorCadreStanding(
  classes: readonly TrainingClass[],
  windowHours: number,
): { required: TrainingRequirement; hours: number; short: number; met: boolean } | null {
  if (!classes.includes('senior_cadre')) return null;
  const required = trainingRequirements.senior_cadre;
  const short = Math.max(0, tenths(required.hours) - tenths(windowHours)) / 10;
  return { required, hours: roundHours(windowHours), short, met: short === 0 };
}

/** The day a new secretary's training falls due: 6 months after taking office. */
export const newSecretaryTrainingDue = (since: IsoDate) => addMonths(since, 6);

/**
 * Whether a secretary who took office on `since` was trained in time: a course or external training (组织生活 does
 * not count as the 集中培训) whose last day is from `since` to 6 months after it.
 */
export function isNewSecretaryTrained(since: IsoDate, trainedOn: readonly IsoDate[]): boolean {
  const due = newSecretaryTrainingDue(since);
  return trainedOn.some((d) => d >= since && d <= due);
}

/** A post a person held in the year, as the incentives read it. */
export interface IncentivePostFact {
  post: PostCode;
  orgType: OrgType;
}

/** Which incentive a post earns: a branch's (or 总支's) secretary or committee member, a 党小组长; else none. */
export function incentivePostOf(p: IncentivePostFact): IncentivePost | null {
  if (p.post === 'group_leader') return 'group_leader';
  if (p.orgType === 'committee' || p.orgType === 'group') return null;
  if (p.post === 'secretary') return 'secretary';
  if (
    p.post === 'deputy_secretary' ||
    p.post === 'organization_officer' ||
    p.post === 'publicity_officer' ||
    p.post === 'discipline_officer' ||
    p.post === 'committee_member'
  )
    return 'committee';
  return null;
}

/**
 * A person's party-work incentives for a year from the posts they held in it: the 服务工作量 of the highest post
 * (支部书记, 支部委员, 党小组长 — credited once a year, not once per post) and, for a 双带头人 who was a 支部书记, the
 * 课时减免 (seed 000: 10 and 60).
 */
export function partyWorkIncentive(
  posts: readonly IncentivePostFact[],
  isDualLeader: boolean,
  settings: Pick<
    TrainingSettings,
    'secretaryWorkload' | 'committeeWorkload' | 'groupLeaderWorkload' | 'dualLeaderReduction'
  >,
): { post: IncentivePost | null; postLabel: string | null; workload: number; teachingReduction: number } {
  const held = new Set(posts.map(incentivePostOf).filter((p) => p !== null));
  const amount = {
    secretary: settings.secretaryWorkload,
    committee: settings.committeeWorkload,
    group_leader: settings.groupLeaderWorkload,
  };
  let post: IncentivePost | null = null;
  for (const p of ['secretary', 'committee', 'group_leader'] as const)
    if (held.has(p) && (post === null || amount[p] > amount[post])) post = p;
  return {
    post,
    postLabel: post ? incentivePostLabels[post] : null,
    workload: post ? amount[post] : 0,
    teachingReduction: isDualLeader && held.has('secretary') ? settings.dualLeaderReduction : 0,
  };
}
