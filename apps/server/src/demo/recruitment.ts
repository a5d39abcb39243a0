/**
 * 发展党员 in the demo college: about 160 dossiers per copy of the college across the 5 stages, each made by
 * driving packages/core's applyStep from the initial state with realistic dates, so every stored state is
 * exactly what the server would have stored. Pure and deterministic (own random stream).
 *
 * Spread (per copy): ~45 applicants (10 with the talk due within a month, 3 whose talk is overdue), ~40
 * 积极分子 (5 with a half-year review due within 30 days, 2 with a half year missed), ~25 发展对象, ~10 in
 * admission (2 whose approval window closes within 30 days, 2 approved), ~25 预备党员 (3 whose 预备期 ends
 * within 30 days, one whose 预备期 ended 2 months ago with no 支部大会, one extended, one awaiting the
 * approval of 转正), ~10 confirmed in the last two years, and a few withdrawn or not admitted. About 60 % are
 * students. zhibu's branch holds a handful, among them the `shenqing` account's applicant: a 积极分子 whose
 * half-year review is due within 30 days.
 *
 * Admitted people are on the roster as the server would put them there (预备党员 of the branch from the
 * resolution date; 正式 from 预备期满之日 once confirmed). The dossiers are planned first; the organisational life
 * (activities.ts) then lists the admitted on their branch's records from the day of the resolution and holds each
 * vote at a 支部党员大会 that carries its resolution; linkDemoVotes finally records the counts of that meeting in
 * the step and links the step to it.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  addDays,
  addMonths,
  applyStep,
  type ConfirmationDecision,
  daysBetween,
  defaultRuleSettings,
  type Gender,
  type IsoDate,
  idNumberCheckChar,
  initialRecruitmentState,
  type MotionCounts,
  type PublicNotice,
  publicNoticeEnd,
  type RecruitmentEvent,
  type RecruitmentFacts,
  type RecruitmentState,
  type RecruitmentStep,
  recruitmentSteps,
  recruitmentSuperiorSteps,
  workingDaysBetween,
} from '@dangjian/core';
import { recruitmentSettings } from '../modules/recruitment/state.ts';
import { workday } from './days.ts';
import { personName } from './names.ts';
import type { Random } from './random.ts';
import type {
  CollegeData,
  DemoAccount,
  DemoApplicant,
  DemoOrg,
  DemoPerson,
  DemoRecruit,
  DemoRecruitmentEvent,
  DemoResolution,
  DemoUnit,
} from './types.ts';

/** What the recruitment generator reads from the college generated before it. */
export type RecruitmentInput = Pick<
  CollegeData,
  'today' | 'scale' | 'units' | 'majors' | 'orgs' | 'people' | 'leavers' | 'accounts' | 'cases'
>;

/** What it adds: headcounts on the units, the dossiers, and the `shenqing` account. */
export type DemoRecruitmentData = Pick<CollegeData, 'units' | 'recruits' | 'accounts'>;

/** Settings the demo procedure runs under (the school's defaults). */
export const demoRecruitmentSettings = recruitmentSettings(defaultRuleSettings);

/** The demo account of an applicant, to see their own progress on a phone. */
export const applicantUsername = 'shenqing';

/** Kinds of dossier planted, each with where it stops and how its dates sit around today. */
type CaseKind =
  | 'talk_due'
  | 'talk_overdue'
  | 'talked'
  | 'activist_new'
  | 'activist'
  | 'review_due'
  | 'review_missing'
  | 'candidate'
  | 'admission_prep'
  | 'approval_closing'
  | 'awaiting_approval'
  | 'approved'
  | 'probation'
  | 'probation_ending'
  | 'probation_overdue'
  | 'confirming'
  | 'extended'
  | 'confirmed'
  | 'withdrawn'
  | 'not_admitted';

/** How many of each kind a copy of the college holds (zhibu's branch comes on top). */
const caseCounts: readonly (readonly [CaseKind, number])[] = [
  ['talk_due', 10],
  ['talk_overdue', 3],
  ['talked', 32],
  ['activist_new', 8],
  ['activist', 24],
  ['review_due', 5],
  ['review_missing', 2],
  ['candidate', 25],
  ['admission_prep', 4],
  ['approval_closing', 2],
  ['awaiting_approval', 2],
  ['approved', 2],
  ['probation', 20],
  ['probation_ending', 3],
  ['probation_overdue', 1],
  ['confirming', 1],
  ['extended', 1],
  ['confirmed', 10],
  ['withdrawn', 3],
  ['not_admitted', 1],
];

/** zhibu's branch (信息工程学院软件教工党支部): a handful in different stages, the first one `shenqing`. */
const zhibuCases: readonly CaseKind[] = [
  'review_due',
  'talk_due',
  'talked',
  'candidate',
  'probation',
  'confirmed',
];

interface Spec {
  kind: CaseKind;
  branchId: number | null;
  isApplicantAccount: boolean;
}

/** The key dates of a procedure: application, 积极分子, 发展对象, 支部大会 resolution. */
interface Keys {
  applied: IsoDate;
  activist: IsoDate;
  candidate: IsoDate;
  resolution: IsoDate;
}

type KeyName = keyof Keys;

/** A step as planned, before it becomes an event. */
interface Planned {
  step: RecruitmentStep | 'withdrawal';
  date: IsoDate;
  decision?: ConfirmationDecision;
  /** For 上级党委审批: false when the superior does not approve. */
  approved?: boolean;
}

interface Ctx {
  rng: Random;
  today: IsoDate;
  people: readonly DemoPerson[];
  orgs: readonly DemoOrg[];
  majors: CollegeData['majors'];
  /** Full members of each branch (its 党小组 included), by branch id. */
  fullOf: Map<number, DemoPerson[]>;
  /** 党小组 of each branch. */
  groupsOf: Map<number, DemoOrg[]>;
  studentBranches: DemoOrg[];
  staffBranches: DemoOrg[];
  accountIds: { zzb: number; zongzhi: number; zhibu: number };
  accountNames: Map<number, string>;
  zongzhiOrgId: number;
  zhibuBranchId: number;
  usedIdNumbers: Set<string>;
}

const between = (rng: Random, from: IsoDate, days: readonly [number, number]): IsoDate =>
  addDays(from, rng.int(days[0], days[1]));
const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/** The branch a person belongs to (their org, or the branch above their 党小组). */
function branchIdOf(orgs: readonly DemoOrg[], orgId: number): number {
  const org = orgs[orgId - 1];
  return org?.type === 'group' && org.parentId !== null ? org.parentId : orgId;
}

/** The anchor of each case: which key date is placed relative to today, and where. */
function anchorOf(ctx: Ctx, spec: Spec): [KeyName, IsoDate] {
  const { rng, today } = ctx;
  const m = (months: number, days: readonly [number, number]) => between(rng, addMonths(today, months), days);
  const resolutionIn = (from: IsoDate, to: IsoDate): IsoDate =>
    between(rng, from, [0, daysBetween(from, to)]);
  switch (spec.kind) {
    case 'talk_due':
      return ['applied', m(0, [-24, -1])];
    case 'talk_overdue':
      return ['applied', m(0, [-55, -33])];
    case 'talked':
      return ['applied', m(0, [-260, -30])];
    case 'activist_new':
      return ['activist', m(0, [-25, 0])];
    case 'activist':
      return ['activist', m(0, [-520, -40])];
    case 'review_due': {
      const halfYears = spec.isApplicantAccount ? 2 : rng.int(1, 2);
      return ['activist', addMonths(addDays(today, rng.int(5, 28)), -6 * halfYears)];
    }
    case 'review_missing':
      return ['activist', m(0, [-330, -200])];
    case 'candidate':
      return ['candidate', m(0, [-150, -3])];
    case 'admission_prep':
      return ['resolution', m(0, [10, 40])];
    case 'approval_closing':
      return ['resolution', m(-3, [3, 25])];
    case 'awaiting_approval':
      return ['resolution', m(0, [-50, -10])];
    case 'approved':
      return ['resolution', m(0, [-85, -70])];
    case 'probation':
      return ['resolution', resolutionIn(addDays(today, -330), addDays(today, -100))];
    case 'probation_ending':
      return ['resolution', m(-12, [3, 28])];
    case 'probation_overdue':
      return ['resolution', m(-14, [-10, 0])];
    case 'confirming':
      return ['resolution', m(-12, [-40, -25])];
    case 'extended':
      return ['resolution', m(-12, [-150, -100])];
    case 'confirmed':
      return ['resolution', resolutionIn(m(-12, [-700, -700]), m(-12, [-130, -130]))];
    case 'withdrawn':
      return ['applied', m(0, [-400, -60])];
    case 'not_admitted':
      return ['resolution', m(0, [-150, -60])];
  }
}

/** The key dates around the anchor, with the usual gaps (the school minimum, ≥ 1 year, a few months). */
function keysAround(ctx: Ctx, [name, date]: [KeyName, IsoDate]): Keys {
  const { rng } = ctx;
  const minMonths = demoRecruitmentSettings.recruitmentMinMonthsBeforeActivist;
  const k: Partial<Keys> = { [name]: date };
  const order: KeyName[] = ['applied', 'activist', 'candidate', 'resolution'];
  const at = order.indexOf(name);
  for (let i = at + 1; i < order.length; i++) {
    const prev = k[order[i - 1] as KeyName] as IsoDate;
    const key = order[i] as KeyName;
    if (key === 'activist') k.activist = between(rng, addMonths(prev, minMonths), [1, 150]);
    if (key === 'candidate') k.candidate = between(rng, addMonths(prev, 12), [1, 60]);
    if (key === 'resolution') k.resolution = between(rng, prev, [90, 200]);
  }
  for (let i = at - 1; i >= 0; i--) {
    const next = k[order[i + 1] as KeyName] as IsoDate;
    const key = order[i] as KeyName;
    if (key === 'candidate') k.candidate = between(rng, next, [-200, -90]);
    if (key === 'activist') k.activist = between(rng, addMonths(next, -12), [-60, -2]);
    if (key === 'applied') k.applied = between(rng, addMonths(next, -minMonths), [-150, -2]);
  }
  return k as Keys;
}

/** Where each case stops: the last step it may record (steps dated after today are never recorded). */
function targetOf(ctx: Ctx, kind: CaseKind): RecruitmentStep | 'withdrawal' {
  const { rng } = ctx;
  switch (kind) {
    case 'talk_due':
    case 'talk_overdue':
      return 'application';
    case 'talked':
      return 'application_talk';
    case 'activist_new':
      return rng.pick(['activist_designation', 'activist_filing'] as const);
    case 'activist':
    case 'review_due':
    case 'review_missing':
      return 'activist_review';
    case 'candidate':
      return rng.pick([
        'candidate_designation',
        'candidate_filing',
        'sponsor_assignment',
        'political_review',
        'training',
      ] as const);
    case 'admission_prep':
      return rng.pick(['committee_review', 'pre_examination', 'application_form'] as const);
    case 'approval_closing':
    case 'awaiting_approval':
      return 'superior_talk';
    case 'approved':
      return 'admission_filing';
    case 'probation':
      return 'probation_review';
    case 'extended':
      // Its plan ends with the review after the extension: keep everything up to today.
      return 'archiving';
    case 'probation_ending':
    case 'probation_overdue':
      return 'confirmation_application';
    case 'confirming':
      return 'confirmation_meeting';
    case 'confirmed':
      return 'archiving';
    case 'not_admitted':
      return 'admission_approval';
    case 'withdrawn':
      return 'withdrawal';
  }
}

/**
 * Every step of the whole procedure with its date, from the key dates; the case then cuts it short. The branch
 * votes at a 支部党员大会 on a working day.
 */
function plan(ctx: Ctx, spec: Spec, keys: Keys, staysActivist: boolean): Planned[] {
  const { rng, today } = ctx;
  const out: Planned[] = [];
  const add = (step: Planned['step'], date: IsoDate, decision?: ConfirmationDecision) =>
    out.push(decision ? { step, date, decision } : { step, date });
  add('application', keys.applied);
  add('application_talk', between(rng, keys.applied, [3, 25]));
  add('activist_designation', keys.activist);
  const filed = between(rng, keys.activist, [0, 12]);
  add('activist_filing', filed);
  const mentors = between(rng, filed, [0, 10]);
  add('mentor_assignment', mentors);
  // One review in each half year, shortly before it ends; a case may leave some out.
  for (let k = 1; k <= 6; k++) {
    const end = addMonths(keys.activist, 6 * k);
    const date = between(rng, end, [-40, -3]);
    const skipped =
      (spec.kind === 'review_missing' && k === 1) || (spec.kind === 'review_due' && end > today);
    if (!skipped && date > mentors && (staysActivist || date < keys.candidate)) add('activist_review', date);
  }
  add('candidate_designation', keys.candidate);
  const r = workday(keys.resolution);
  // Steps 8–14 between the 发展对象 and the 支部大会 (all done by today when the meeting is still ahead).
  const windowEnd = minDate(addDays(r, -10), today);
  const span = Math.max(0, daysBetween(keys.candidate, windowEnd));
  const offsets = Array.from({ length: 7 }, () => rng.int(0, span)).sort((a, b) => a - b);
  const middle: RecruitmentStep[] = [
    'candidate_filing',
    'sponsor_assignment',
    'political_review',
    'training',
    'committee_review',
    'pre_examination',
    'application_form',
  ];
  for (const [i, step] of middle.entries()) add(step, addDays(keys.candidate, offsets[i] ?? 0));
  add('admission_meeting', r);
  const talk = between(rng, r, [2, 20]);
  add('superior_talk', talk);
  if (spec.kind === 'not_admitted') {
    out.push({ step: 'admission_approval', date: between(rng, talk, [3, 40]), approved: false });
    return out;
  }
  const approval = minDate(between(rng, talk, [3, 45]), addMonths(r, 3));
  add('admission_approval', approval);
  const filedAdmission = between(rng, approval, [2, 20]);
  add('admission_filing', filedAdmission);
  const placed = between(rng, filedAdmission, [0, 10]);
  add('group_placement', placed);
  add('oath', between(rng, placed, [3, 30]));
  add('probation_review', between(rng, addMonths(r, 4), [0, 20]));
  add('probation_review', between(rng, addMonths(r, 8), [0, 20]));
  const end = addMonths(r, 12);
  add('confirmation_application', between(rng, end, [-25, -5]));
  // Promptly once the 预备期 has ended (never before: 期满前不能讨论转正).
  const meeting = workday(between(rng, end, [1, 20]));
  if (spec.kind === 'extended') {
    add('confirmation_meeting', meeting, 'extend');
    const approved = between(rng, meeting, [5, 30]);
    add('confirmation_approval', approved);
    add('probation_review', between(rng, approved, [20, 60]));
    return out;
  }
  add('confirmation_meeting', meeting, 'confirm');
  const confirmed = between(rng, meeting, [5, 60]);
  add('confirmation_approval', confirmed);
  add('archiving', between(rng, confirmed, [3, 30]));
  return out;
}

/** The steps a case records: up to its target, none after today; a withdrawal comes after a few. */
function cut(ctx: Ctx, planned: Planned[], target: RecruitmentStep | 'withdrawal'): Planned[] {
  const { rng, today } = ctx;
  if (target === 'withdrawal') {
    const stop = rng.pick(['application_talk', 'mentor_assignment'] as const);
    const done = cut(ctx, planned, stop);
    const last = done.at(-1);
    if (!last) return done;
    const date = minDate(between(rng, last.date, [10, 90]), today);
    return [...done, { step: 'withdrawal', date }];
  }
  const limit = recruitmentSteps.indexOf(target);
  return planned.filter(
    (p) => p.step !== 'withdrawal' && recruitmentSteps.indexOf(p.step) <= limit && p.date <= today,
  );
}

/** A 公示 of the configured working days, ending a few days before the step. */
function noticeBefore(ctx: Ctx, date: IsoDate): PublicNotice {
  const startOn = between(ctx.rng, date, [-16, -11]);
  const endOn = publicNoticeEnd(startOn, demoRecruitmentSettings.publicNoticeWorkingDays);
  return { startOn, endOn, workingDays: workingDaysBetween(startOn, endOn) };
}

/**
 * Vote counts of a 支部大会 as planned, from the branch's full members on the day: what a vote held before the
 * platform's records began keeps (entered from the paper minutes). A vote since then is held at a record of the
 * organisational life, whose counts linkDemoVotes puts in their place. Null when the branch had fewer than 3
 * full members then (it could not have voted).
 */
function plannedVotes(ctx: Ctx, branchId: number, date: IsoDate): MotionCounts | null {
  const { rng } = ctx;
  const entitled = fullOn(ctx, branchId, date).length;
  if (entitled < 3) return null;
  const needed = Math.floor(entitled / 2) + 1;
  const present = Math.max(needed, entitled - rng.int(0, Math.ceil(entitled / 5)));
  const abstentions = present - needed >= 2 && rng.chance(0.3) ? 1 : 0;
  return {
    entitled,
    presentEntitled: present,
    votesFor: present - abstentions,
    votesAgainst: 0,
    abstentions,
    writtenFor: 0,
    writtenAgainst: 0,
  };
}

/** The title of the resolution a 支部大会 passes on a dossier's vote step. */
export function voteTitle(
  step: 'admission_meeting' | 'confirmation_meeting',
  decision: ConfirmationDecision | null,
  name: string,
): string {
  if (step === 'admission_meeting') return `关于接收${name}同志为中共预备党员的决议`;
  if (decision === 'extend') return `关于延长${name}同志预备期的决议`;
  if (decision === 'revoke') return `关于取消${name}同志预备党员资格的决议`;
  return `关于同意${name}同志按期转正的决议`;
}

/** What the 支部大会 decided on a dossier, as the resolution states it (the counts are the vote's own fields). */
export function voteDecision(
  step: 'admission_meeting' | 'confirmation_meeting',
  decision: ConfirmationDecision | null,
  name: string,
): string {
  if (step === 'admission_meeting') return `同意接收${name}同志为中共预备党员，报上级党委审批。`;
  if (decision === 'extend') return `同意延长${name}同志的预备期，报上级党委审批。`;
  if (decision === 'revoke') return `同意取消${name}同志的预备党员资格，报上级党委审批。`;
  return `同意${name}同志按期转为中共正式党员，报上级党委审批。`;
}

/** Full members of the branch on a day, staff (teachers, 辅导员) first. */
function fullOn(ctx: Ctx, branchId: number, date: IsoDate): DemoPerson[] {
  const full = (ctx.fullOf.get(branchId) ?? []).filter(
    (p) => p.confirmedOn !== null && p.confirmedOn <= date,
  );
  return [...full.filter((p) => p.category === 'staff'), ...full.filter((p) => p.category !== 'staff')];
}

/** The core event for a planned step; null when the branch cannot provide what it needs (then retried). */
function eventOf(
  ctx: Ctx,
  p: Planned,
  branchId: number,
  state: RecruitmentState,
  isStudent: boolean,
  actorId: number,
): { event: RecruitmentEvent; activityId: number | null } | null {
  const { rng } = ctx;
  const base = { date: p.date, actorId, documents: [] as string[] };
  switch (p.step) {
    case 'activist_designation':
      return {
        event: {
          ...base,
          step: p.step,
          recommendation: isStudent && rng.chance(0.7) ? 'league' : 'member',
          publicNotice: noticeBefore(ctx, p.date),
        },
        activityId: null,
      };
    case 'mentor_assignment': {
      const pool = fullOn(ctx, branchId, p.date).slice(0, 6);
      if (pool.length < 2) return null;
      const mentorIds = rng
        .shuffle(pool)
        .slice(0, rng.int(1, 2))
        .map((m) => m.id);
      return { event: { ...base, step: p.step, mentorIds }, activityId: null };
    }
    case 'candidate_designation':
      return { event: { ...base, step: p.step, publicNotice: noticeBefore(ctx, p.date) }, activityId: null };
    case 'sponsor_assignment': {
      const full = new Set(fullOn(ctx, branchId, p.date).map((m) => m.id));
      const others = rng.shuffle([...full].filter((id) => !state.mentorIds.includes(id)));
      const sponsorIds = [...state.mentorIds.filter((id) => full.has(id)), ...others].slice(0, 2);
      if (sponsorIds.length < 2) return null;
      return { event: { ...base, step: p.step, sponsorIds }, activityId: null };
    }
    case 'political_review':
    case 'pre_examination':
      return { event: { ...base, step: p.step, passed: true }, activityId: null };
    case 'training': {
      const days = rng.int(3, 5);
      return { event: { ...base, step: p.step, days, hours: days * 8 }, activityId: null };
    }
    case 'admission_meeting': {
      const votes = plannedVotes(ctx, branchId, p.date);
      if (!votes) return null;
      return {
        event: { ...base, step: p.step, votes, publicNotice: noticeBefore(ctx, p.date) },
        activityId: null,
      };
    }
    case 'superior_talk':
      return {
        event: { ...base, step: p.step, talkerRole: rng.chance(0.7) ? 'organiser' : 'committee_member' },
        activityId: null,
      };
    case 'admission_approval':
      return { event: { ...base, step: p.step, approved: p.approved ?? true }, activityId: null };
    case 'confirmation_meeting': {
      const decision = p.decision ?? 'confirm';
      const votes = plannedVotes(ctx, branchId, p.date);
      if (!votes) return null;
      return {
        event: {
          ...base,
          step: p.step,
          decision,
          ...(decision === 'extend' ? { extensionMonths: 6 } : {}),
          votes,
          publicNotice: decision === 'confirm' ? noticeBefore(ctx, p.date) : null,
        },
        activityId: null,
      };
    }
    case 'withdrawal':
      return {
        event: { ...base, step: p.step, reason: rng.pick(withdrawalReasons) },
        activityId: null,
      };
    default:
      return { event: { ...base, step: p.step }, activityId: null };
  }
}

const withdrawalReasons = [
  '本人书面申请撤回入党申请',
  '转学离校，本人申请撤回',
  '因个人原因暂缓，本人申请撤回',
];

/** Who recorded a step: 组织部 (zzb) for the superior's steps and branches without a demo account. */
function recorderOf(ctx: Ctx, step: Planned['step'], branch: DemoOrg): number {
  if (step !== 'withdrawal' && recruitmentSuperiorSteps.has(step)) return ctx.accountIds.zzb;
  if (branch.id === ctx.zhibuBranchId) return ctx.accountIds.zhibu;
  if (branch.path.includes(`/${ctx.zongzhiOrgId}/`)) return ctx.accountIds.zongzhi;
  return ctx.accountIds.zzb;
}

/** Facts of the demo: full membership from the roster as generated, settings the school's defaults. */
export function demoRecruitmentFacts(
  people: readonly DemoPerson[],
  today: IsoDate,
  birthDate: IsoDate,
  leavesOn: IsoDate | null,
): RecruitmentFacts {
  return {
    birthDate,
    branchIsTemporary: false,
    isFullMember: (id, on) => {
      const p = people[id - 1];
      return p !== undefined && p.partyStatus === 'full' && p.confirmedOn !== null && p.confirmedOn <= on;
    },
    leavesUnitOn: leavesOn,
    settings: demoRecruitmentSettings,
    today,
  };
}

/** The academic year (入学年份) an application date falls in: from September. */
const academicYear = (date: IsoDate): number =>
  Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) >= 9 ? 0 : 1);

interface Drafted {
  branch: DemoOrg;
  isStudent: boolean;
  birthDate: IsoDate;
  gender: Gender;
  grade: number | null;
  leavesOn: IsoDate | null;
  events: DemoRecruitmentEvent[];
  state: RecruitmentState;
}

/** One attempt at a dossier; null when its random draw does not fit (the caller draws again). */
function draft(ctx: Ctx, spec: Spec, wantStudent: boolean): Drafted | null {
  const { rng, today } = ctx;
  const forced = spec.branchId === null ? null : ctx.orgs[spec.branchId - 1];
  const isStudent = forced ? forced.category === 'student' : wantStudent;
  const pool = isStudent ? ctx.studentBranches : ctx.staffBranches;
  const branch = forced ?? rng.pick(pool);
  const keys = keysAround(ctx, anchorOf(ctx, spec));
  const target = targetOf(ctx, spec.kind);
  const planned = cut(ctx, plan(ctx, spec, keys, target === 'activist_review'), target);
  const first = planned[0];
  if (first?.step !== 'application') return null;
  // The branch existed when it voted on the dossier (its 支部党员大会 is among its records).
  const founded = branch.foundedOn;
  const isVote = (p: Planned) => p.step === 'admission_meeting' || p.step === 'confirmation_meeting';
  if (founded !== null && planned.some((p) => isVote(p) && p.date < founded)) return null;
  // A student applies in their first or second year and is still at the college today.
  let grade: number | null = null;
  let leavesOn: IsoDate | null = null;
  if (isStudent) {
    grade = academicYear(first.date) - rng.int(0, 1);
    leavesOn = `${grade + 3}-06-30`;
    if (leavesOn <= addMonths(today, 1)) return null;
  }
  const age = isStudent ? rng.int(18, 19) : rng.int(23, 36);
  const birthDate = between(rng, addMonths(first.date, -12 * age), [-330, -1]);
  const gender: Gender = rng.chance(isStudent ? 0.55 : 0.5) ? 'female' : 'male';
  const facts = demoRecruitmentFacts(ctx.people, today, birthDate, leavesOn);
  let state = initialRecruitmentState();
  const events: DemoRecruitmentEvent[] = [];
  for (const p of planned) {
    const recordedBy = recorderOf(ctx, p.step, branch);
    const made = eventOf(ctx, p, branch.id, state, isStudent, recordedBy);
    if (!made) return null;
    const result = applyStep(state, made.event, facts);
    if (!result.ok) return null;
    state = result.state;
    events.push({
      event: made.event,
      warnings: result.warnings.map((w) => w.ruleId),
      activityId: made.activityId,
      recordedBy,
      recorderName: ctx.accountNames.get(recordedBy) ?? '',
    });
  }
  return { branch, isStudent, birthDate, gender, grade, leavesOn, events, state };
}

/** A valid, unused 身份证号 for a birth date and gender (GB 11643). */
function idNumberFor(ctx: Ctx, birthDate: IsoDate, gender: Gender): string {
  for (;;) {
    const order =
      ctx.rng.int(0, 99) * 10 +
      (gender === 'male' ? ctx.rng.pick([1, 3, 5, 7, 9]) : ctx.rng.pick([0, 2, 4, 6, 8]));
    const body = `${ctx.rng.pick(['330108', '330106', '330110', '330381', '330683', '341024'])}${birthDate.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
    const id = `${body}${idNumberCheckChar(body)}`;
    if (!ctx.usedIdNumbers.has(id)) {
      ctx.usedIdNumbers.add(id);
      return id;
    }
  }
}

/** The person of a dossier, on the roster as the server puts them there once admitted. */
function personOf(ctx: Ctx, d: Drafted, id: number): DemoApplicant {
  const { rng } = ctx;
  const s = d.state;
  const admitted = s.probationStartOn !== null && s.outcome !== 'revoked';
  const groups = ctx.groupsOf.get(d.branch.id) ?? [];
  const placed = admitted && s.stepDates.group_placement !== undefined && groups.length > 0;
  const majorIds = d.branch.majorIds.filter((m) => ctx.majors[m - 1]?.kind === 'major');
  const major = d.isStudent && majorIds.length > 0 ? ctx.majors[rng.pick(majorIds) - 1] : undefined;
  return {
    id,
    name: personName(rng, d.gender, d.isStudent),
    gender: d.gender,
    birthDate: d.birthDate,
    category: d.isStudent ? 'student' : 'staff',
    partyStatus: !admitted ? null : s.confirmedOn ? 'full' : 'probationary',
    orgId: !admitted ? null : placed ? rng.pick(groups).id : d.branch.id,
    joinedOn: admitted ? s.admissionResolutionOn : null,
    confirmedOn: admitted ? s.confirmedOn : null,
    isDualLeader: false,
    dualLeaderNote: null,
    unitId: d.branch.unitId,
    title: d.isStudent ? null : rng.pick(['助教', '讲师', '讲师', '助理研究员']),
    idNumber: idNumberFor(ctx, d.birthDate, d.gender),
    phone: `1${rng.pick(['35', '38', '39', '58', '87', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    ethnicity: rng.chance(0.95) ? '01' : '22',
    education: d.isStudent ? 'associate' : rng.chance(0.7) ? 'master' : 'bachelor',
    position: d.isStudent ? '学生' : d.branch.category === 'staff' ? '专任教师' : '管理人员',
    majorId: major?.id ?? null,
    grade: d.grade === null ? null : String(d.grade),
    className:
      d.grade === null
        ? null
        : `${(major?.name ?? '专业').slice(0, 4)}${String(d.grade).slice(2)}${rng.int(1, 3)}班`,
    isMobile: false,
    isAbroad: false,
    isInHardship: false,
    dualLeaderKind: null,
  };
}

/** The member timeline entries the server writes for an admitted person. */
function personEventsOf(
  d: Drafted,
  person: DemoApplicant,
  orgs: readonly DemoOrg[],
): DemoRecruit['personEvents'] {
  const s = d.state;
  if (s.probationStartOn === null || !s.admissionResolutionOn) return [];
  const out: DemoRecruit['personEvents'] = [
    {
      kind: 'created',
      on: s.admissionResolutionOn,
      summary: `经上级党委批准接收为预备党员，编入${d.branch.name}（预备期自 ${s.admissionResolutionOn} 起）`,
    },
  ];
  const group = person.orgId !== null && person.orgId !== d.branch.id ? orgs[person.orgId - 1] : undefined;
  if (group && s.stepDates.group_placement)
    out.push({
      kind: 'updated',
      on: s.stepDates.group_placement,
      summary: `编入${d.branch.name}${group.name}`,
    });
  if (s.confirmedOn)
    out.push({
      kind: 'status_confirmed',
      on: s.confirmedOn,
      summary: `经上级党委批准按期转为正式党员（转正日期 ${s.confirmedOn}）`,
    });
  return out;
}

/** Headcounts: ~12,000 students over the 二级学院 of each copy; staff for every unit. */
function withHeadcounts(rng: Random, units: readonly DemoUnit[], copies: number): DemoUnit[] {
  const colleges = units.filter((u) => u.kind === 'college').length / copies;
  return units.map((u) => {
    if (u.kind === 'college')
      return {
        ...u,
        studentCount: Math.round(((12_000 / colleges) * rng.int(70, 130)) / 100),
        staffCount: rng.int(60, 140),
      };
    return {
      ...u,
      studentCount: null,
      staffCount: u.kind === 'department' ? rng.int(8, 40) : rng.int(10, 60),
    };
  });
}

function buildCtx(input: RecruitmentInput, rng: Random): Ctx {
  const { orgs, people } = input;
  const fullOf = new Map<number, DemoPerson[]>();
  for (const p of people) {
    if (p.partyStatus !== 'full') continue;
    const b = branchIdOf(orgs, p.orgId);
    fullOf.set(b, [...(fullOf.get(b) ?? []), p]);
  }
  const groupsOf = new Map<number, DemoOrg[]>();
  for (const o of orgs)
    if (o.type === 'group' && o.parentId !== null)
      groupsOf.set(o.parentId, [...(groupsOf.get(o.parentId) ?? []), o]);
  const fit = (o: DemoOrg) =>
    (o.type === 'branch' || o.type === 'joint_branch') && (fullOf.get(o.id)?.length ?? 0) >= 4;
  const accountId = (username: string): number => {
    const i = input.accounts.findIndex((a) => a.username === username);
    if (i < 0) throw new Error(`demo account ${username} is missing`);
    return i + 1;
  };
  const zongzhi = input.accounts.find((a) => a.username === 'zongzhi')?.roles[0]?.orgId;
  if (zongzhi === undefined || zongzhi === null) throw new Error('zongzhi has no 党总支');
  return {
    rng,
    today: input.today,
    people,
    orgs,
    majors: input.majors,
    fullOf,
    groupsOf,
    studentBranches: orgs.filter((o) => fit(o) && o.category === 'student'),
    staffBranches: orgs.filter((o) => fit(o) && (o.category === 'staff' || o.category === 'office')),
    accountIds: { zzb: accountId('zzb'), zongzhi: accountId('zongzhi'), zhibu: accountId('zhibu') },
    accountNames: new Map(input.accounts.map((a, i) => [i + 1, a.displayName])),
    zongzhiOrgId: zongzhi,
    zhibuBranchId: input.cases['term.overdue'],
    usedIdNumbers: new Set([...people, ...input.leavers].flatMap((p) => (p.idNumber ? [p.idNumber] : []))),
  };
}

/**
 * Links each vote step since `historyStart` to the 支部党员大会 that held it (the branch's general meeting on the
 * step's day carrying its resolution, activities.ts) and records that meeting's counts in the step, as the
 * service checks them against the record (recruitment/facts.ts checkMeetingRecord). The procedure is replayed
 * on the new counts: it must end where it did. Fails loudly when a vote has no meeting.
 */
export function linkDemoVotes(
  recruits: readonly DemoRecruit[],
  life: Pick<CollegeData, 'activities' | 'resolutions'>,
  input: Pick<CollegeData, 'people' | 'today'>,
  historyStart: IsoDate,
): DemoRecruit[] {
  // Resolutions of each 支部党员大会 by branch, day and title (in order: a name may come twice).
  const votesAt = new Map<string, DemoResolution[]>();
  for (const res of life.resolutions) {
    const a = life.activities[res.activityId - 1];
    if (a?.kind !== 'general_meeting' || !res.isVote) continue;
    const key = `${a.orgId}|${a.onDate}|${res.title}`;
    votesAt.set(key, [...(votesAt.get(key) ?? []), res]);
  }
  return recruits.map((r) => {
    const events = r.events.map((e): DemoRecruitmentEvent => {
      const ev = e.event;
      if ((ev.step !== 'admission_meeting' && ev.step !== 'confirmation_meeting') || ev.date < historyStart)
        return e;
      const title = voteTitle(
        ev.step,
        ev.step === 'confirmation_meeting' ? ev.decision : null,
        r.person.name,
      );
      const res = votesAt.get(`${r.orgId}|${ev.date}|${title}`)?.shift();
      if (res?.outcome !== 'passed')
        throw new Error(`no passed vote at a meeting for dossier ${r.id}: ${title}`);
      const votes: MotionCounts = {
        entitled: res.entitled ?? 0,
        presentEntitled: res.presentEntitled ?? 0,
        votesFor: res.votesFor ?? 0,
        votesAgainst: res.votesAgainst ?? 0,
        abstentions: res.abstentions ?? 0,
        writtenFor: res.writtenFor ?? 0,
        writtenAgainst: res.writtenAgainst ?? 0,
      };
      return { ...e, event: { ...ev, votes }, activityId: res.activityId };
    });
    const facts = demoRecruitmentFacts(input.people, input.today, r.person.birthDate, r.leavesOn);
    let state = initialRecruitmentState();
    const replayed = events.map((e) => {
      const result = applyStep(state, e.event, facts);
      if (!result.ok) throw new Error(`dossier ${r.id}: the meeting's counts refuse step ${e.event.step}`);
      state = result.state;
      return { ...e, warnings: result.warnings.map((w) => w.ruleId) };
    });
    if (!isDeepStrictEqual(state, r.state))
      throw new Error(`dossier ${r.id}: the meeting's counts changed its state`);
    return { ...r, events: replayed };
  });
}

/** How many dossiers the demo has at a scale (fixed: the people after theirs, leavers.ts, take the next ids). */
export function demoDossierCount(scale: number): number {
  return zhibuCases.length + scale * caseCounts.reduce((sum, [, n]) => sum + n, 0);
}

/**
 * Generates the demo's 发展党员 dossiers (people ids after the college's people), unit headcounts and the
 * `shenqing` account (a 积极分子 of zhibu's branch). Fails loudly when a planted case cannot be made.
 */
export function buildDemoRecruitment(input: RecruitmentInput, rng: Random): DemoRecruitmentData {
  const ctx = buildCtx(input, rng);
  const specs: Spec[] = zhibuCases.map((kind, i) => ({
    kind,
    branchId: ctx.zhibuBranchId,
    isApplicantAccount: i === 0,
  }));
  for (let copy = 0; copy < input.scale; copy++)
    for (const [kind, n] of caseCounts)
      for (let i = 0; i < n; i++) specs.push({ kind, branchId: null, isApplicantAccount: false });

  const recruits: DemoRecruit[] = [];
  let applicantAccount: DemoAccount | null = null;
  for (const spec of specs) {
    let wantStudent = spec.kind !== 'confirmed' && rng.chance(0.62);
    let drafted: Drafted | null = null;
    for (let attempt = 0; attempt < 40 && !drafted; attempt++) {
      drafted = draft(ctx, spec, wantStudent);
      if (attempt === 20) wantStudent = false;
    }
    if (!drafted) throw new Error(`demo recruitment case ${spec.kind} could not be generated`);
    const id = recruits.length + 1;
    const person = personOf(ctx, drafted, input.people.length + id);
    recruits.push({
      id,
      person,
      orgId: drafted.branch.id,
      leavesOn: drafted.leavesOn,
      events: drafted.events,
      state: drafted.state,
      personEvents: personEventsOf(drafted, person, input.orgs),
    });
    if (spec.isApplicantAccount)
      applicantAccount = {
        username: applicantUsername,
        displayName: person.name,
        personId: person.id,
        roles: [{ role: 'member', orgId: null }],
      };
  }
  if (!applicantAccount) throw new Error('the applicant account was not planted');
  if (recruits.length !== demoDossierCount(input.scale)) throw new Error('demo dossiers miscounted');
  return {
    units: withHeadcounts(rng, input.units, input.scale),
    recruits,
    accounts: [...input.accounts, applicantAccount],
  };
}
