/**
 * 年轻干部储备 (后备干部, issue 18 item 5) as pure rules: a candidate's status machine, the school's settings (age
 * limits of each reserve level, the yearly review of the pool, the length of a 挂职), a development plan's items
 * with due dates, 挂职 records, and the findings of the pool.
 *
 *   nominated (提名) ─admit→ admitted (入库) ─start_training→ in_training (培养中) ─appoint→ appointed (已使用：提任)
 *        │                       │   └─review (年度动态调整, stays)        │   └─review
 *        └───────────────────────┴──────────────withdraw──────────────────┴──→ withdrawn (退出)
 *
 * Each refusal names its rule. The school's 后备干部 practice: candidates are nominated (民主推荐 or 组织推荐),
 * taken into the pool after 考察 within the age limit of the level they are reserved for, trained to a plan
 * (学习培训, 实践锻炼/挂职, 轮岗, 导师帮带), reviewed once a year (动态管理: kept, used or taken out) and used (提任)
 * or taken out.
 */
import { z } from 'zod';
import { addDays, addMonths, completedYears, type IsoDate } from '../dates.ts';
import type { TransitionViolation } from '../rectification/deadline.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { ReserveRuleId } from './reserve-catalogue.ts';

/** The level a candidate is reserved for, on the school's scale of 中层 posts (正职: 正科级, 副职: 副科级). */
export const reserveLevels = ['principal', 'deputy'] as const;
export type ReserveLevel = (typeof reserveLevels)[number];
export const reserveLevelLabels = {
  principal: '正科级（正职）后备',
  deputy: '副科级（副职）后备',
} as const satisfies Record<ReserveLevel, string>;

export const reserveStatuses = ['nominated', 'admitted', 'in_training', 'appointed', 'withdrawn'] as const;
export type ReserveStatus = (typeof reserveStatuses)[number];
export const reserveStatusLabels = {
  nominated: '提名',
  admitted: '入库',
  in_training: '培养中',
  appointed: '已使用（提任）',
  withdrawn: '退出',
} as const satisfies Record<ReserveStatus, string>;

/** The statuses of a candidate in the pool (the yearly review and the age limit look at these). */
export const activeReserveStatuses = [
  'nominated',
  'admitted',
  'in_training',
] as const satisfies readonly ReserveStatus[];

export const reserveSteps = ['admit', 'start_training', 'review', 'appoint', 'withdraw'] as const;
export type ReserveStep = (typeof reserveSteps)[number];
export const reserveStepLabels = {
  admit: '入库',
  start_training: '开始培养',
  review: '年度动态调整（保留）',
  appoint: '提任使用',
  withdraw: '调出（退出）',
} as const satisfies Record<ReserveStep, string>;

/** The statuses each step may start from. */
export const reserveStepFrom = {
  admit: ['nominated'],
  start_training: ['admitted'],
  review: ['admitted', 'in_training'],
  appoint: ['in_training'],
  withdraw: ['nominated', 'admitted', 'in_training'],
} as const satisfies Record<ReserveStep, readonly ReserveStatus[]>;

/** The items of a development plan (培养计划). */
export const reservePlanKinds = ['study', 'practice', 'rotation', 'mentoring'] as const;
export type ReservePlanKind = (typeof reservePlanKinds)[number];
export const reservePlanKindLabels = {
  study: '学习培训',
  practice: '实践锻炼（挂职）',
  rotation: '轮岗交流',
  mentoring: '导师帮带',
} as const satisfies Record<ReservePlanKind, string>;

/**
 * The school's reserve settings (组织部). No national number binds a college's 中层 reserve; the defaults are the
 * common practice of the seeds' colleges: 正科级 reserve 40 周岁 and under, 副科级 35 and under, reviewed every 12
 * months, 挂职 of 6 months to 2 years (usually one), 30 days' notice of the review.
 */
export const reserveSettingsSchema = z.strictObject({
  /** Oldest age (completed years) of a 正科级 (正职) reserve candidate. */
  principalMaxAge: z.int().min(25).max(60),
  /** Oldest age (completed years) of a 副科级 (副职) reserve candidate. */
  deputyMaxAge: z.int().min(25).max(60),
  /** Months between two reviews of the pool (动态调整). */
  reviewIntervalMonths: z.int().min(3).max(36),
  /** Days before the review is due from which the 组织部 is reminded. */
  reviewReminderDays: z.int().min(0).max(120),
  /** Shortest 挂职, in months. */
  secondmentMinMonths: z.int().min(1).max(36),
  /** Longest 挂职, in months. */
  secondmentMaxMonths: z.int().min(1).max(60),
});
export type ReserveSettings = z.infer<typeof reserveSettingsSchema>;

export const defaultReserveSettings: ReserveSettings = {
  principalMaxAge: 40,
  deputyMaxAge: 35,
  reviewIntervalMonths: 12,
  reviewReminderDays: 30,
  secondmentMinMonths: 6,
  secondmentMaxMonths: 24,
};

/** Chinese names of the settings, for validation messages and the settings form. */
export const reserveSettingsLabels = {
  principalMaxAge: '正科级后备干部年龄上限（周岁）',
  deputyMaxAge: '副科级后备干部年龄上限（周岁）',
  reviewIntervalMonths: '后备干部库动态调整间隔（月）',
  reviewReminderDays: '动态调整提前提醒天数',
  secondmentMinMonths: '挂职最短期限（月）',
  secondmentMaxMonths: '挂职最长期限（月）',
} as const satisfies Record<keyof ReserveSettings, string>;

/** The age limit of a reserve level. */
export function reserveMaxAge(
  level: ReserveLevel,
  settings: ReserveSettings = defaultReserveSettings,
): number {
  return level === 'principal' ? settings.principalMaxAge : settings.deputyMaxAge;
}

/** Age in completed years on `on`, or null without a birth date. */
export function ageOn(birthDate: IsoDate | null, on: IsoDate): number | null {
  return birthDate === null ? null : completedYears(birthDate, on);
}

/** True when someone born on `birthDate` is over the level's age limit on `on` (41 is over a limit of 40). */
export function isOverReserveAge(
  birthDate: IsoDate | null,
  level: ReserveLevel,
  on: IsoDate,
  settings: ReserveSettings = defaultReserveSettings,
): boolean {
  const age = ageOn(birthDate, on);
  return age !== null && age > reserveMaxAge(level, settings);
}

/** Where a candidate is. */
export interface ReserveState {
  status: ReserveStatus;
  level: ReserveLevel;
  /** The day of the last step (提名, 入库, …); a step may not be dated before it. */
  since: IsoDate;
  /** The day of the last review, or of 入库 before the first one; null before 入库. */
  reviewedOn: IsoDate | null;
}

/** What a step looks at: the candidate's birth date and plan, and what came with the request. */
export interface ReserveStepFacts {
  today: IsoDate;
  on: IsoDate;
  birthDate: IsoDate | null;
  planItems: number;
  /** 提任的职务 (appoint). */
  post?: string | null | undefined;
  /** 调出理由 (withdraw), or the review's 研判意见. */
  reason?: string | null | undefined;
}

export type ReserveViolation = TransitionViolation;
export type ReserveStepResult =
  | { ok: true; state: ReserveState }
  | { ok: false; violations: ReserveViolation[] };

const field = (path: string, message: string): ReserveViolation => ({ kind: 'field', path, message });
const conflict = (message: string): ReserveViolation => ({ kind: 'conflict', path: null, message });

const ruleName = '（本校中层干部后备人才队伍建设办法）';

function contentViolations(
  state: ReserveState,
  step: ReserveStep,
  f: ReserveStepFacts,
  settings: ReserveSettings,
): ReserveViolation[] {
  const label = reserveStepLabels[step];
  if (f.on > f.today) return [field('on', `日期：${label}日期不能晚于今天`)];
  if (f.on < state.since) return [field('on', `日期：${label}日期不能早于上一步（${state.since}）`)];
  switch (step) {
    case 'admit': {
      const age = ageOn(f.birthDate, f.on);
      if (age === null) return [field('personId', '入库：人员档案缺少出生日期，无法核对年龄条件')];
      const max = reserveMaxAge(state.level, settings);
      return age > max
        ? [
            field(
              'on',
              `入库：${age}周岁，超过${reserveLevelLabels[state.level]}干部的年龄条件（${max}周岁及以下）${ruleName}`,
            ),
          ]
        : [];
    }
    case 'start_training':
      return f.planItems > 0
        ? []
        : [
            field(
              'planItems',
              `开始培养：须先制定培养计划（至少一项学习培训、实践锻炼、轮岗或导师帮带）${ruleName}`,
            ),
          ];
    case 'appoint':
      return f.post?.trim() ? [] : [field('post', '提任职务：提任使用须写明所任职务（以党委任职文件为准）')];
    case 'withdraw':
      return f.reason?.trim() ? [] : [field('reason', `调出理由：调出后备干部库须写明理由${ruleName}`)];
    case 'review':
      return [];
  }
}

/**
 * Applies one step: refuses it from the wrong status (409), dated in the future or before the last step, 入库 over
 * the level's age limit or without a birth date, 开始培养 without a plan, 提任 without the post, 调出 without a
 * reason; otherwise returns the new state.
 */
export function applyReserveStep(
  state: ReserveState,
  step: ReserveStep,
  facts: ReserveStepFacts,
  settings: ReserveSettings = defaultReserveSettings,
): ReserveStepResult {
  if (!(reserveStepFrom[step] as readonly ReserveStatus[]).includes(state.status))
    return {
      ok: false,
      violations: [
        conflict(`该后备干部${reserveStatusLabels[state.status]}，不能${reserveStepLabels[step]}`),
      ],
    };
  const problems = contentViolations(state, step, facts, settings);
  if (problems.length > 0) return { ok: false, violations: problems };
  const on = facts.on;
  switch (step) {
    case 'admit':
      return { ok: true, state: { ...state, status: 'admitted', since: on, reviewedOn: on } };
    case 'start_training':
      return { ok: true, state: { ...state, status: 'in_training', since: on } };
    case 'review':
      return { ok: true, state: { ...state, since: on, reviewedOn: on } };
    case 'appoint':
      return { ok: true, state: { ...state, status: 'appointed', since: on } };
    case 'withdraw':
      return { ok: true, state: { ...state, status: 'withdrawn', since: on } };
  }
}

/** Which steps may be taken now; the UI shows buttons from these and the server checks the same. */
export function allowedReserveSteps(state: ReserveState, canManage: boolean): Record<ReserveStep, boolean> {
  return Object.fromEntries(
    reserveSteps.map((s) => [
      s,
      canManage && (reserveStepFrom[s] as readonly ReserveStatus[]).includes(state.status),
    ]),
  ) as Record<ReserveStep, boolean>;
}

/** The day a candidate in the pool is next to be reviewed (12 months after the last review or 入库), or null. */
export function reserveReviewDueOn(
  state: Pick<ReserveState, 'status' | 'reviewedOn'>,
  settings: ReserveSettings = defaultReserveSettings,
): IsoDate | null {
  if (state.status !== 'admitted' && state.status !== 'in_training') return null;
  return state.reviewedOn === null ? null : addMonths(state.reviewedOn, settings.reviewIntervalMonths);
}

/**
 * Why a 挂职 from `fromOn` to `toOn` (both days included: 01-01 to 06-30 is 6 months) is refused, or null: the end
 * after the start, at least the school's shortest and at most its longest term (default 6 months to 2 years; usually
 * one year).
 */
export function secondmentProblem(
  fromOn: IsoDate,
  toOn: IsoDate,
  settings: ReserveSettings = defaultReserveSettings,
): string | null {
  if (toOn <= fromOn) return '挂职结束日期：应晚于开始日期';
  const end = addDays(toOn, 1);
  if (end < addMonths(fromOn, settings.secondmentMinMonths))
    return `挂职结束日期：挂职期限不少于${settings.secondmentMinMonths}个月${ruleName}`;
  if (end > addMonths(fromOn, settings.secondmentMaxMonths))
    return `挂职结束日期：挂职期限一般不超过${settings.secondmentMaxMonths}个月${ruleName}`;
  return null;
}

export type SecondmentPhase = 'planned' | 'current' | 'done';
export const secondmentPhaseLabels = {
  planned: '待开始',
  current: '挂职中',
  done: '已结束',
} as const satisfies Record<SecondmentPhase, string>;

/** Where a 挂职 is on `today`. */
export function secondmentPhase(fromOn: IsoDate, toOn: IsoDate, today: IsoDate): SecondmentPhase {
  if (today < fromOn) return 'planned';
  return today <= toOn ? 'current' : 'done';
}

/** True when a plan item is past its due date, not done, and its candidate still in the pool. */
export function isPlanItemOverdue(
  item: { dueOn: IsoDate; doneOn: IsoDate | null },
  status: ReserveStatus,
  today: IsoDate,
): boolean {
  return (
    item.doneOn === null &&
    item.dueOn < today &&
    (activeReserveStatuses as readonly ReserveStatus[]).includes(status)
  );
}

/** One candidate's facts for the findings. */
export interface ReserveCandidateFacts {
  id: number;
  state: ReserveState;
  birthDate: IsoDate | null;
  planItems: readonly {
    id: number;
    kind: ReservePlanKind;
    title: string;
    dueOn: IsoDate;
    doneOn: IsoDate | null;
  }[];
}

/**
 * The pool's findings on `today`, filed on `root` (the 党委, whose 组织部 keeps the pool): each plan item overdue,
 * each candidate over the level's age limit still in the pool, and one finding for the pool when some candidate's
 * yearly review is due (its due date the earliest). The messages name no one: findings are read more widely than
 * cadre files; the 组织部's 待办 name the candidates.
 */
export function evaluateReserveRules(
  candidates: readonly ReserveCandidateFacts[],
  root: { id: number; name: string },
  today: IsoDate,
  settings: ReserveSettings = defaultReserveSettings,
): Finding<ReserveRuleId>[] {
  const out: Finding<ReserveRuleId>[] = [];
  const reviewDue: IsoDate[] = [];
  for (const c of candidates) {
    if (!(activeReserveStatuses as readonly ReserveStatus[]).includes(c.state.status)) continue;
    for (const item of c.planItems)
      if (isPlanItemOverdue(item, c.state.status, today))
        out.push(
          finding(
            'cadre_reserve.plan_item_overdue',
            root,
            `后备干部库编号${c.id}的培养计划事项“${item.title}”（${reservePlanKindLabels[item.kind]}）应于 ${item.dueOn} 完成，尚未完成。`,
            '督促落实培养措施，或调整培养计划的完成时限。',
            { dueDate: item.dueOn, subject: `cadre_reserve_plan_item:${item.id}` },
          ),
        );
    if (isOverReserveAge(c.birthDate, c.state.level, today, settings))
      out.push(
        finding(
          'cadre_reserve.over_age',
          root,
          `后备干部库编号${c.id}（${reserveLevelLabels[c.state.level]}）已${ageOn(c.birthDate, today)}周岁，超过年龄条件（${reserveMaxAge(c.state.level, settings)}周岁及以下），仍在库中。`,
          '在动态调整中研判：及时使用，或调出后备干部库。',
          { subject: `cadre_reserve:${c.id}` },
        ),
      );
    const due = reserveReviewDueOn(c.state, settings);
    if (due !== null && due <= today) reviewDue.push(due);
  }
  if (reviewDue.length > 0) {
    const earliest = reviewDue.reduce((a, b) => (a < b ? a : b));
    out.push(
      finding(
        'cadre_reserve.review_due',
        root,
        `后备干部库有${reviewDue.length}名后备干部已满${settings.reviewIntervalMonths}个月未作动态调整（最早应于 ${earliest} 研判）。`,
        '组织部对后备干部逐人分析研判：保留、提任使用或调出，并记录研判结果。',
        { dueDate: earliest, subject: 'cadre_reserve_pool' },
      ),
    );
  }
  return out;
}
