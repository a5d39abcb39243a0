/**
 * The 发展党员 procedure as a pure state machine (发展细则; RULES.md §4): `applyStep(state, event, facts)`
 * either accepts a step and returns the next state, or refuses it with the rules it breaks, each citing its
 * clause. The server loads the state (or replays the recorded events), calls applyStep and writes the event.
 *
 * Date decisions (all calendar arithmetic through dates.ts; `addMonths` clamps 01-31 + 1 month to 02-28/29):
 * - age: 18 completed years on the application date (completedYears; born 02-29 → 18 on 03-01 of a common year);
 * - "within 1 month" of the application: on or before addMonths(applied, 1) — a calendar month, not 30 days, so
 *   from 02-10 the talk is due by 03-10 (28 days) and from 07-10 by 08-10 (31 days);
 * - "≥1 year" as an activist: on or after addMonths(activist, 12), the anniversary (from 2024-02-29 it is
 *   2025-02-28); never a count of 365 days;
 * - half-yearly reviews: the k-th half year of an activist is (addMonths(A, 6(k−1)), addMonths(A, 6k)]; every
 *   half year that has ended by the 确定发展对象 date must hold at least one review;
 * - 预备期: starts on the 支部大会 resolution date R and ends on addMonths(R, 12 + extension months), the
 *   anniversary. That day is 预备期满之日 and, on 按期转正, the 转正 date from which 党龄 counts (发展细则 第三十二条;
 *   the common reading: accepted 2025-03-15 → 预备期满 and 转正 on 2026-03-15). The 支部大会 may discuss 转正 on
 *   that day or later, never before;
 * - approval of the admission: on or before addMonths(R, 3); up to addMonths(R, 6) with a special-case reason;
 * - political review: valid on the 支部大会 date when that date ≤ addMonths(review, settings months);
 * - dates never go backwards (the same day is allowed: a 支委会 and its filing often share one).
 */
import { decideMotion, type MotionCounts } from '../activities/votes.ts';
import { addDays, addMonths, completedYears, type IsoDate, isIsoDate } from '../dates.ts';
import { type Clause, type RecruitmentRuleId, recruitmentRuleCatalogue } from '../rules/catalogue.ts';
import type { RuleSettings } from '../settings.ts';
import {
  type ActivistRecommendation,
  activistRecommendations,
  type ConfirmationDecision,
  confirmationDecisions,
  type RecruitmentOutcome,
  type RecruitmentStep,
  recruitmentStepInfo,
  recruitmentSteps,
  type SuperiorTalkerRole,
  superiorTalkerRoles,
} from './dictionaries.ts';

/** Months after the 预备期 ends within which the 支部大会 should discuss 转正 (common practice: "及时"). */
export const confirmationPromptMonths = 1;
/** Months the superior 党委 has to approve a branch resolution (发展细则: 三个月内审批). */
export const approvalMonths = 3;
/** Months it may take in special cases (不得超过六个月). */
export const specialApprovalMonths = 6;
/** Length of an extension of the 预备期 in months (党章 第七条: 不少于半年，不超过一年). */
export const extensionMonthsRange = { min: 6, max: 12 } as const;

/** Settings of the procedure a school may change (see settings.ts). */
export type RecruitmentSettings = Pick<
  RuleSettings,
  | 'recruitmentMinMonthsBeforeActivist'
  | 'politicalReviewValidMonths'
  | 'publicNoticeWorkingDays'
  | 'probationReminderDays'
>;

/** What the procedure needs to know beyond its own state. */
export interface RecruitmentFacts {
  birthDate: IsoDate;
  /**
   * The branch responsible for the dossier is a 临时党支部: it does not 发展党员 at all (支部条例 第二章), so
   * every step but a withdrawal is refused from the first one on.
   */
  branchIsTemporary: boolean;
  /** Whether a person was a 正式党员 (not 预备党员) on a day: for 培养联系人 and 入党介绍人. */
  isFullMember: (personId: number, on: IsoDate) => boolean;
  /** A person's name for messages (the id when not given). */
  nameOf?: (personId: number) => string;
  /** The day the candidate will leave the unit (graduation, transfer), when known. */
  leavesUnitOn?: IsoDate | null;
  settings: RecruitmentSettings;
  /** The college's local date; no step may be dated after it. */
  today: IsoDate;
}

/** A waiver of school-level (`common`/`configurable`) rules for one step, with the reason kept in the history. */
export interface RecruitmentOverride {
  ruleIds: readonly RecruitmentRuleId[];
  reason: string;
}

/** A 公示 before a step: its first and last day and its length in working days (holidays are the caller's). */
export interface PublicNotice {
  startOn: IsoDate;
  endOn: IsoDate;
  workingDays: number;
}

interface EventBase {
  date: IsoDate;
  /** The user who recorded (or the person who carried out) the step. */
  actorId: number;
  /** Names or ids of the documents the step produced. */
  documents?: readonly string[];
  override?: RecruitmentOverride;
}

/** Steps that carry nothing beyond date, actor and documents. */
type PlainStep =
  | 'application'
  | 'application_talk'
  | 'activist_filing'
  | 'activist_review'
  | 'candidate_filing'
  | 'committee_review'
  | 'application_form'
  | 'admission_filing'
  | 'group_placement'
  | 'oath'
  | 'probation_review'
  | 'confirmation_application'
  | 'confirmation_approval'
  | 'archiving';

/** One recorded step of the procedure, with what that step needs; or the applicant's withdrawal. */
export type RecruitmentEvent = EventBase &
  (
    | { step: PlainStep }
    | {
        step: 'activist_designation';
        recommendation: ActivistRecommendation;
        publicNotice: PublicNotice | null;
      }
    | { step: 'mentor_assignment'; mentorIds: readonly number[] }
    | { step: 'candidate_designation'; publicNotice: PublicNotice | null }
    | { step: 'sponsor_assignment'; sponsorIds: readonly number[] }
    | { step: 'political_review'; passed: boolean }
    | { step: 'training'; days: number; hours: number }
    | { step: 'pre_examination'; passed: boolean }
    | { step: 'admission_meeting'; votes: MotionCounts; publicNotice: PublicNotice | null }
    | { step: 'superior_talk'; talkerRole: SuperiorTalkerRole }
    | { step: 'admission_approval'; approved: boolean; specialReason?: string }
    | {
        step: 'confirmation_meeting';
        decision: ConfirmationDecision;
        /** For 延长预备期: 6–12 months. */
        extensionMonths?: number;
        votes: MotionCounts;
        publicNotice: PublicNotice | null;
      }
    | { step: 'withdrawal'; reason: string }
  );

/** One accepted event as the history keeps it. */
export interface RecruitmentHistoryEntry {
  step: RecruitmentStep | 'withdrawal';
  date: IsoDate;
  actorId: number;
  documents: readonly string[];
  /** Local rules waived for this step, with the reason given. */
  overrides: readonly { ruleId: RecruitmentRuleId; reason: string }[];
  /** Warnings raised when the step was recorded (e.g. a talk later than a month). */
  warnings: readonly RecruitmentRuleId[];
  /** The 支部大会 decision, for a confirmation meeting. */
  decision?: ConfirmationDecision;
}

/** Where one applicant's procedure stands. */
export interface RecruitmentState {
  outcome: RecruitmentOutcome;
  /** The last step recorded; null before the application. */
  currentStep: RecruitmentStep | null;
  /** Date of the last accepted event; every next one must be on or after it. */
  lastDate: IsoDate | null;
  /** The latest date each step was recorded. */
  stepDates: Partial<Record<RecruitmentStep, IsoDate>>;
  appliedOn: IsoDate | null;
  activistOn: IsoDate | null;
  candidateOn: IsoDate | null;
  mentorIds: readonly number[];
  sponsorIds: readonly number[];
  activistReviewDates: readonly IsoDate[];
  politicalReviewOn: IsoDate | null;
  /** The 支部大会 resolution date: start of the 预备期. */
  admissionResolutionOn: IsoDate | null;
  probationStartOn: IsoDate | null;
  /** 预备期满之日: addMonths(resolution, 12 + extension). */
  probationEndOn: IsoDate | null;
  /** Months of the (only) extension, once approved. */
  extensionMonths: number | null;
  /** A confirmation-meeting decision waiting for the superior's approval. */
  pendingDecision: { decision: ConfirmationDecision; extensionMonths: number | null } | null;
  /** 转正 date (党龄 counts from it), once approved. */
  confirmedOn: IsoDate | null;
  history: readonly RecruitmentHistoryEntry[];
}

/** A rule broken by a step: which rule, where, why, and whether a school may waive it. */
export interface RecruitmentViolation {
  ruleId: RecruitmentRuleId;
  title: string;
  /** Chinese, starting with the field's name: "谈话日期：……". */
  message: string;
  /** The event field at fault. */
  field: string;
  severity: 'error' | 'warning';
  /** `national` rules can never be overridden; `local` ones (common practice, school rules) can, with a reason. */
  kind: 'national' | 'local';
  clause: Clause;
}

/** The answer of applyStep. */
export type ApplyStepResult =
  | { ok: true; state: RecruitmentState; warnings: RecruitmentViolation[] }
  | { ok: false; violations: RecruitmentViolation[] };

/** The state of an applicant before anything is recorded. */
export function initialRecruitmentState(): RecruitmentState {
  return {
    outcome: 'in_progress',
    currentStep: null,
    lastDate: null,
    stepDates: {},
    appliedOn: null,
    activistOn: null,
    candidateOn: null,
    mentorIds: [],
    sponsorIds: [],
    activistReviewDates: [],
    politicalReviewOn: null,
    admissionResolutionOn: null,
    probationStartOn: null,
    probationEndOn: null,
    extensionMonths: null,
    pendingDecision: null,
    confirmedOn: null,
    history: [],
  };
}

/** Whether a rule of the catalogue is national (never waived) or local (waivable with a reason). */
export function recruitmentRuleScope(ruleId: RecruitmentRuleId): 'national' | 'local' {
  return recruitmentRuleCatalogue[ruleId].kind === 'national' ? 'national' : 'local';
}

function violation(ruleId: RecruitmentRuleId, field: string, message: string): RecruitmentViolation {
  const rule = recruitmentRuleCatalogue[ruleId];
  return {
    ruleId,
    title: rule.title,
    message,
    field,
    severity: rule.severity,
    kind: recruitmentRuleScope(ruleId),
    clause: rule.clause,
  };
}

const stepLabel = (s: RecruitmentStep): string =>
  `第${recruitmentStepInfo[s].no}步“${recruitmentStepInfo[s].label}”`;

/** The steps that may be recorded next; empty once the procedure is closed. */
export function expectedSteps(state: RecruitmentState): RecruitmentStep[] {
  if (state.outcome !== 'in_progress') return [];
  const current = state.currentStep;
  if (current === null) return ['application'];
  if (current === 'confirmation_approval')
    return state.confirmedOn !== null ? ['archiving'] : ['probation_review', 'confirmation_application'];
  const next = recruitmentSteps[recruitmentSteps.indexOf(current) + 1];
  const out: RecruitmentStep[] = recruitmentStepInfo[current].repeatable ? [current] : [];
  if (next) out.push(next);
  return out;
}

/** The day someone born on `birthDate` has completed 18 years (born 02-29: 03-01 in a common year). */
export function eighteenthBirthday(birthDate: IsoDate): IsoDate {
  const d = addMonths(birthDate, 18 * 12);
  return completedYears(birthDate, d) >= 18 ? d : addDays(d, 1);
}

/** The half years of an activist that have ended by `on`, each as (from, to]: see the module comment. */
export function activistHalfYears(activistOn: IsoDate, on: IsoDate): { from: IsoDate; to: IsoDate }[] {
  const out: { from: IsoDate; to: IsoDate }[] = [];
  for (let k = 1; addMonths(activistOn, 6 * k) <= on; k++)
    out.push({ from: addMonths(activistOn, 6 * (k - 1)), to: addMonths(activistOn, 6 * k) });
  return out;
}

/** Half years with no review, among those ended by `on`. */
export function missingActivistReviews(
  activistOn: IsoDate,
  reviewDates: readonly IsoDate[],
  on: IsoDate,
): { from: IsoDate; to: IsoDate }[] {
  return activistHalfYears(activistOn, on).filter((h) => !reviewDates.some((d) => d > h.from && d <= h.to));
}

/** 预备期满之日 for a resolution date and extension months (0 when none). */
export function probationEndDate(resolutionOn: IsoDate, extensionMonths: number): IsoDate {
  return addMonths(resolutionOn, 12 + extensionMonths);
}

const isId = (n: number): boolean => Number.isInteger(n) && n > 0;

function checkPublicNotice(
  step: RecruitmentStep,
  notice: PublicNotice | null,
  date: IsoDate,
  settings: RecruitmentSettings,
): RecruitmentViolation[] {
  const what = recruitmentStepInfo[step].label;
  const days = settings.publicNoticeWorkingDays;
  if (notice === null)
    return [
      violation('recruitment.public_notice', 'publicNotice', `公示：${what}前应公示不少于${days}个工作日`),
    ];
  if (!isIsoDate(notice.startOn) || !isIsoDate(notice.endOn) || notice.startOn > notice.endOn)
    return [violation('recruitment.invalid_event', 'publicNotice', '公示：起止日期不正确')];
  const out: RecruitmentViolation[] = [];
  if (!Number.isInteger(notice.workingDays) || notice.workingDays < days)
    out.push(
      violation(
        'recruitment.public_notice',
        'publicNotice.workingDays',
        `公示工作日数：应不少于${days}个工作日（实际 ${notice.workingDays}）`,
      ),
    );
  if (notice.endOn > date)
    out.push(
      violation(
        'recruitment.public_notice',
        'publicNotice.endOn',
        `公示结束日期：公示期满（${notice.endOn}）前不能${what}（${date}）`,
      ),
    );
  return out;
}

function checkVotes(votes: MotionCounts): RecruitmentViolation[] {
  const d = decideMotion(votes);
  if (d.problems.length > 0)
    return [violation('recruitment.vote_counts_invalid', 'votes', `表决票数：${d.problems.join('；')}`)];
  if (!d.quorumReached)
    return [
      violation(
        'recruitment.quorum_not_reached',
        'votes.presentEntitled',
        `到会有表决权人数：应超过应到会有表决权人数的半数（至少 ${d.neededForQuorum} 人，实到 ${votes.presentEntitled} 人）`,
      ),
    ];
  if (!d.passed)
    return [
      violation(
        'recruitment.vote_not_passed',
        'votes.votesFor',
        `赞成票数：应超过应到会有表决权党员的半数（需 ${d.neededToPass} 票，实得 ${d.totalFor} 票）`,
      ),
    ];
  return [];
}

function checkMembers(
  ruleId: 'recruitment.mentors' | 'recruitment.sponsors',
  field: string,
  label: string,
  ids: readonly number[],
  count: { min: number; max: number },
  date: IsoDate,
  facts: RecruitmentFacts,
): RecruitmentViolation[] {
  const distinct = new Set(ids);
  const wanted = count.min === count.max ? `${count.min}名` : `${count.min}至${count.max}名`;
  if (!ids.every(isId)) return [violation('recruitment.invalid_event', field, `${label}：人员不正确`)];
  if (distinct.size !== ids.length || ids.length < count.min || ids.length > count.max)
    return [violation(ruleId, field, `${label}：应为${wanted}不同的正式党员（实际 ${distinct.size} 名）`)];
  const notFull = ids.filter((id) => !facts.isFullMember(id, date));
  if (notFull.length > 0)
    return [
      violation(
        ruleId,
        field,
        `${label}：${notFull.map((id) => facts.nameOf?.(id) ?? String(id)).join('、')} 在 ${date} 不是正式党员`,
      ),
    ];
  return [];
}

/** The checks of one step, before the transition; the order and date checks are done by applyStep. */
function checkStep(
  state: RecruitmentState,
  event: RecruitmentEvent,
  facts: RecruitmentFacts,
): RecruitmentViolation[] {
  const date = event.date;
  const s = facts.settings;
  switch (event.step) {
    case 'application': {
      const adult = eighteenthBirthday(facts.birthDate);
      return date < adult
        ? [
            violation(
              'recruitment.applicant_age',
              'date',
              `递交申请日期：申请人 ${date} 未满18周岁（出生日期 ${facts.birthDate}，${adult} 起年满18周岁）`,
            ),
          ]
        : [];
    }
    case 'application_talk': {
      const due = addMonths(state.appliedOn!, 1);
      return date > due
        ? [
            violation(
              'recruitment.talk_late',
              'date',
              `谈话日期：应在收到入党申请书后一个月内（${due} 前）谈话，实际 ${date}`,
            ),
          ]
        : [];
    }
    case 'activist_designation': {
      const out: RecruitmentViolation[] = [];
      if (!activistRecommendations.includes(event.recommendation))
        out.push(
          violation('recruitment.invalid_event', 'recommendation', '推荐方式：应为党员推荐或群团组织推优'),
        );
      const earliest = addMonths(state.appliedOn!, s.recruitmentMinMonthsBeforeActivist);
      if (date < earliest)
        out.push(
          violation(
            'recruitment.activist_too_early',
            'date',
            `确定入党积极分子日期：递交申请书满${s.recruitmentMinMonthsBeforeActivist}个月（${earliest}）后方可确定`,
          ),
        );
      out.push(...checkPublicNotice(event.step, event.publicNotice, date, s));
      return out;
    }
    case 'mentor_assignment':
      return checkMembers(
        'recruitment.mentors',
        'mentorIds',
        '培养联系人',
        event.mentorIds,
        { min: 1, max: 2 },
        date,
        facts,
      );
    case 'candidate_designation': {
      const out: RecruitmentViolation[] = [];
      const activistOn = state.activistOn!;
      const anniversary = addMonths(activistOn, 12);
      if (date < anniversary)
        out.push(
          violation(
            'recruitment.candidate_too_early',
            'date',
            `确定发展对象日期：入党积极分子培养考察应满一年（${activistOn} 确定，${anniversary} 起方可确定为发展对象）`,
          ),
        );
      for (const h of missingActivistReviews(activistOn, state.activistReviewDates, date))
        out.push(
          violation(
            'recruitment.activist_reviews_missing',
            'activistReviews',
            `培养教育考察：${h.from} 至 ${h.to} 的半年内没有考察记录`,
          ),
        );
      out.push(...checkPublicNotice(event.step, event.publicNotice, date, s));
      return out;
    }
    case 'sponsor_assignment':
      return checkMembers(
        'recruitment.sponsors',
        'sponsorIds',
        '入党介绍人',
        event.sponsorIds,
        { min: 2, max: 2 },
        date,
        facts,
      );
    case 'political_review':
      return event.passed
        ? []
        : [violation('recruitment.political_review_failed', 'passed', '政治审查结论：不合格的不能发展入党')];
    case 'training': {
      const { days, hours } = event;
      if (!Number.isFinite(days) || !Number.isFinite(hours) || days < 0 || hours < 0)
        return [violation('recruitment.invalid_event', 'days', '培训时间：天数和学时应为非负数')];
      return days >= 3 || hours >= 24
        ? []
        : [
            violation(
              'recruitment.training_insufficient',
              'days',
              `培训时间：应不少于3天或24学时（实际 ${days} 天、${hours} 学时）`,
            ),
          ];
    }
    case 'pre_examination': {
      const out: RecruitmentViolation[] = [];
      if (!event.passed)
        out.push(
          violation('recruitment.pre_exam_not_passed', 'passed', '预审结果：未通过预审的不能填写入党志愿书'),
        );
      const leaves = facts.leavesUnitOn;
      if (leaves && leaves <= addMonths(date, 3))
        out.push(
          violation(
            'recruitment.leaving_soon',
            'leavesUnitOn',
            `离开单位日期：发展对象将于 ${leaves} 离开本单位（预审后三个月内），一般不办理接收预备党员手续`,
          ),
        );
      return out;
    }
    case 'admission_meeting': {
      const out = checkVotes(event.votes);
      const validUntil = addMonths(state.politicalReviewOn!, s.politicalReviewValidMonths);
      if (date > validUntil)
        out.push(
          violation(
            'recruitment.political_review_expired',
            'date',
            `支部大会日期：政治审查结论（${state.politicalReviewOn}）有效至 ${validUntil}，应重新审查`,
          ),
        );
      out.push(...checkPublicNotice(event.step, event.publicNotice, date, s));
      return out;
    }
    case 'superior_talk':
      return superiorTalkerRoles.includes(event.talkerRole)
        ? []
        : [violation('recruitment.invalid_event', 'talkerRole', '谈话人：应为党委委员或组织员')];
    case 'admission_approval': {
      if (!event.approved) return [];
      const out: RecruitmentViolation[] = [];
      const r = state.admissionResolutionOn!;
      const normal = addMonths(r, approvalMonths);
      const special = addMonths(r, specialApprovalMonths);
      if (date > special)
        out.push(
          violation(
            'recruitment.approval_window',
            'date',
            `审批日期：应在支部大会决议（${r}）后六个月内（${special} 前）审批，实际 ${date}`,
          ),
        );
      else if (date > normal && !event.specialReason?.trim())
        out.push(
          violation(
            'recruitment.approval_window',
            'specialReason',
            `特殊情况说明：超过三个月（${normal} 后）审批的，须说明特殊情况`,
          ),
        );
      return out;
    }
    case 'confirmation_meeting': {
      const out = checkVotes(event.votes);
      if (!confirmationDecisions.includes(event.decision))
        return [
          ...out,
          violation(
            'recruitment.invalid_event',
            'decision',
            '讨论结果：应为按期转正、延长预备期或取消预备党员资格',
          ),
        ];
      const end = state.probationEndOn!;
      if (event.decision !== 'revoke') {
        if (date < end)
          out.push(
            violation(
              'recruitment.probation_not_ended',
              'date',
              `支部大会日期：预备期 ${end} 期满，期满前不能讨论转正或延长预备期`,
            ),
          );
        else if (date > addMonths(end, confirmationPromptMonths))
          out.push(
            violation(
              'recruitment.confirmation_late',
              'date',
              `支部大会日期：预备期已于 ${end} 期满，应及时（${confirmationPromptMonths}个月内）讨论转正`,
            ),
          );
      }
      if (event.decision === 'extend') {
        const m = event.extensionMonths;
        if (state.extensionMonths !== null)
          out.push(violation('recruitment.extension_invalid', 'decision', '讨论结果：预备期只能延长一次'));
        else if (
          m === undefined ||
          !Number.isInteger(m) ||
          m < extensionMonthsRange.min ||
          m > extensionMonthsRange.max
        )
          out.push(
            violation(
              'recruitment.extension_invalid',
              'extensionMonths',
              `延长月数：应为${extensionMonthsRange.min}至${extensionMonthsRange.max}个月（不少于半年，不超过一年）`,
            ),
          );
      }
      if (event.decision === 'confirm')
        out.push(...checkPublicNotice(event.step, event.publicNotice, date, s));
      return out;
    }
    case 'confirmation_approval': {
      const out: RecruitmentViolation[] = [];
      const meeting = state.stepDates.confirmation_meeting!;
      const due = addMonths(meeting, approvalMonths);
      if (date > due)
        out.push(
          violation(
            'recruitment.confirmation_approval_late',
            'date',
            `审批日期：应在支部大会讨论（${meeting}）后三个月内（${due} 前）审批，实际 ${date}`,
          ),
        );
      return out;
    }
    case 'withdrawal':
      return event.reason.trim()
        ? []
        : [violation('recruitment.invalid_event', 'reason', '撤回原因：不能为空')];
    default:
      return [];
  }
}

/** The next state after an accepted event (all checks passed). */
function transition(
  state: RecruitmentState,
  event: RecruitmentEvent,
  entry: RecruitmentHistoryEntry,
): RecruitmentState {
  const date = event.date;
  const base: RecruitmentState = {
    ...state,
    lastDate: date,
    history: [...state.history, entry],
  };
  if (event.step === 'withdrawal') return { ...base, outcome: 'withdrawn' };
  const next: RecruitmentState = {
    ...base,
    currentStep: event.step,
    stepDates: { ...state.stepDates, [event.step]: date },
  };
  switch (event.step) {
    case 'application':
      return { ...next, appliedOn: date };
    case 'activist_designation':
      return { ...next, activistOn: date };
    case 'mentor_assignment':
      return { ...next, mentorIds: [...event.mentorIds] };
    case 'activist_review':
      return { ...next, activistReviewDates: [...state.activistReviewDates, date] };
    case 'candidate_designation':
      return { ...next, candidateOn: date };
    case 'sponsor_assignment':
      return { ...next, sponsorIds: [...event.sponsorIds] };
    case 'political_review':
      return { ...next, politicalReviewOn: date };
    case 'admission_meeting':
      return { ...next, admissionResolutionOn: date };
    case 'admission_approval':
      if (!event.approved) return { ...next, outcome: 'not_admitted' };
      return {
        ...next,
        probationStartOn: state.admissionResolutionOn,
        probationEndOn: probationEndDate(state.admissionResolutionOn!, 0),
      };
    case 'confirmation_meeting':
      return {
        ...next,
        pendingDecision: {
          decision: event.decision,
          extensionMonths: event.decision === 'extend' ? (event.extensionMonths ?? null) : null,
        },
      };
    case 'confirmation_approval': {
      const pending = state.pendingDecision!;
      const cleared = { ...next, pendingDecision: null };
      if (pending.decision === 'revoke') return { ...cleared, outcome: 'revoked' };
      if (pending.decision === 'confirm') return { ...cleared, confirmedOn: state.probationEndOn };
      const months = pending.extensionMonths!;
      return {
        ...cleared,
        extensionMonths: months,
        probationEndOn: probationEndDate(state.admissionResolutionOn!, months),
      };
    }
    case 'archiving':
      return { ...next, outcome: 'confirmed' };
    default:
      return next;
  }
}

/**
 * Records one step: checks that the procedure is open, the step is the one expected next (no skipping, no
 * repeating except the half-yearly reviews), the date is real, not before the previous step and not after
 * today, and the step's own rules. Local errors named in `event.override` (with a reason) are waived and kept
 * in the history; an override naming a national rule is refused. Warnings never refuse a step.
 */
export function applyStep(
  state: RecruitmentState,
  event: RecruitmentEvent,
  facts: RecruitmentFacts,
): ApplyStepResult {
  if (state.outcome !== 'in_progress')
    return {
      ok: false,
      violations: [violation('recruitment.procedure_closed', 'step', `步骤：发展程序已终结，不能再登记步骤`)],
    };
  if (!isIsoDate(event.date))
    return { ok: false, violations: [violation('recruitment.invalid_event', 'date', '日期：不是有效日期')] };
  if (event.step === 'withdrawal') {
    if (state.appliedOn === null || state.probationStartOn !== null)
      return {
        ok: false,
        violations: [
          violation('recruitment.step_order', 'step', '撤回申请：只能在递交申请书后、批准为预备党员前撤回'),
        ],
      };
  } else {
    const expected = expectedSteps(state);
    if (!expected.includes(event.step))
      return {
        ok: false,
        violations: [
          violation(
            'recruitment.step_order',
            'step',
            `步骤：当前应进行${expected.map(stepLabel).join('或')}，不能登记${stepLabel(event.step)}`,
          ),
        ],
      };
  }
  const found: RecruitmentViolation[] = [];
  if (!isId(event.actorId)) found.push(violation('recruitment.invalid_event', 'actorId', '经办人：不正确'));
  if (state.lastDate !== null && event.date < state.lastDate)
    found.push(violation('recruitment.date_order', 'date', `日期：不能早于上一步骤的日期 ${state.lastDate}`));
  if (event.date > facts.today)
    found.push(violation('recruitment.date_in_future', 'date', `日期：不能晚于今天（${facts.today}）`));
  // From the application on (and so at 接收 and 审批 too); only a withdrawal closes such a dossier.
  if (facts.branchIsTemporary && event.step !== 'withdrawal')
    found.push(
      violation(
        'recruitment.temporary_org',
        'orgId',
        '党支部：临时党支部不能发展党员，入党申请应由申请人所在单位的党组织受理',
      ),
    );
  found.push(...checkStep(state, event, facts));

  const override = event.override;
  const overrides: { ruleId: RecruitmentRuleId; reason: string }[] = [];
  if (override) {
    const reason = override.reason.trim();
    if (!reason) found.push(violation('recruitment.invalid_event', 'override.reason', '豁免理由：不能为空'));
    for (const ruleId of override.ruleIds)
      if (recruitmentRuleScope(ruleId) === 'national')
        found.push(
          violation(
            'recruitment.override_refused',
            'override.ruleIds',
            `豁免规则：“${recruitmentRuleCatalogue[ruleId].title}”是全国性规定，不能豁免`,
          ),
        );
  }
  const reason = override?.reason.trim() ?? '';
  const remaining = found.filter((v) => {
    const waived =
      v.kind === 'local' && v.severity === 'error' && reason !== '' && override!.ruleIds.includes(v.ruleId);
    if (waived && !overrides.some((o) => o.ruleId === v.ruleId)) overrides.push({ ruleId: v.ruleId, reason });
    return !waived;
  });
  const errors = remaining.filter((v) => v.severity === 'error');
  if (errors.length > 0) return { ok: false, violations: errors };
  const warnings = remaining.filter((v) => v.severity === 'warning');
  const entry: RecruitmentHistoryEntry = {
    step: event.step,
    date: event.date,
    actorId: event.actorId,
    documents: [...(event.documents ?? [])],
    overrides,
    warnings: warnings.map((w) => w.ruleId),
    ...(event.step === 'confirmation_meeting' ? { decision: event.decision } : {}),
  };
  return { ok: true, state: transition(state, event, entry), warnings };
}

/** Replays events from the initial state; stops at the first refused one. */
export function replaySteps(
  events: readonly RecruitmentEvent[],
  facts: RecruitmentFacts,
): { state: RecruitmentState; refused: { index: number; violations: RecruitmentViolation[] } | null } {
  let state = initialRecruitmentState();
  for (const [index, event] of events.entries()) {
    const r = applyStep(state, event, facts);
    if (!r.ok) return { state, refused: { index, violations: r.violations } };
    state = r.state;
  }
  return { state, refused: null };
}
