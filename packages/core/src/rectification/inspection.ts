/**
 * 巡察 (inspections): a round of the 党委's own inspection of its 党总支 and 直属党支部 (and, in a 专项巡察, of
 * branches), with its team, the feedback (反馈) each unit receives — one rectification item per problem —, the
 * unit's 整改报告 due within a set number of months of the feedback (据《巡视工作条例》第二十七条: 2 months, which a
 * school may only shorten) and a 回头看 after N months. Each unit of a round goes through a pure state machine:
 *
 *   awaiting_feedback ─record_feedback→ rectifying ─submit_report→ reported ─record_lookback→ looked_back
 *                                            ↑                         │
 *                                            └──────return_report──────┘
 *
 * The 巡察办 (the 组织部: `office`) records the feedback, returns a report and records the 回头看; the unit (its
 * secretary: `unit`) submits the report. The report's figures are never typed: they are counted from the unit's
 * rectification items. At the 回头看 every closed (销号) item of the unit is either confirmed or found back (反弹),
 * and a 反弹 item is reopened through the rectification item's own `reopen` transition. Also here: the findings of
 * a report due or overdue and a 回头看 due. Pure: facts in, decisions out.
 */
import { addDays, addMonths, daysBetween, type IsoDate } from '../dates.ts';
import type { OrgType } from '../dictionaries.ts';
import type { InspectionRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { TransitionViolation } from './deadline.ts';
import type { RectificationStatus } from './dictionaries.ts';

/** Kinds of round: 常规巡察 (every unit once a term), 专项巡察 (one subject), 机动巡察 (short, on a need). */
export const inspectionKinds = ['regular', 'special', 'mobile'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];
export const inspectionKindLabels = {
  regular: '常规巡察',
  special: '专项巡察',
  mobile: '机动巡察',
} as const satisfies Record<InspectionKind, string>;

/** Roles in a 巡察组. */
export const inspectionTeamRoles = ['leader', 'deputy', 'member'] as const;
export type InspectionTeamRole = (typeof inspectionTeamRoles)[number];
export const inspectionTeamRoleLabels = {
  leader: '组长',
  deputy: '副组长',
  member: '组员',
} as const satisfies Record<InspectionTeamRole, string>;

/** Where an inspected unit stands: 待反馈 → 整改中 → 已报告 → 已回头看. */
export const inspectionUnitStatuses = ['awaiting_feedback', 'rectifying', 'reported', 'looked_back'] as const;
export type InspectionUnitStatus = (typeof inspectionUnitStatuses)[number];
export const inspectionUnitStatusLabels = {
  awaiting_feedback: '待反馈',
  rectifying: '整改中',
  reported: '已报告',
  looked_back: '已回头看',
} as const satisfies Record<InspectionUnitStatus, string>;

/** What can be done to an inspected unit. */
export const inspectionUnitTransitions = [
  'record_feedback',
  'submit_report',
  'return_report',
  'record_lookback',
] as const;
export type InspectionUnitTransition = (typeof inspectionUnitTransitions)[number];
export const inspectionUnitTransitionLabels = {
  record_feedback: '录入巡察反馈',
  submit_report: '提交整改报告',
  return_report: '退回整改报告',
  record_lookback: '记录回头看',
} as const satisfies Record<InspectionUnitTransition, string>;

/** What the 回头看 found of one closed item. */
export const inspectionLookbackOutcomes = ['confirmed', 'rebound'] as const;
export type InspectionLookbackOutcome = (typeof inspectionLookbackOutcomes)[number];
export const inspectionLookbackOutcomeLabels = {
  confirmed: '整改到位',
  rebound: '问题反弹',
} as const satisfies Record<InspectionLookbackOutcome, string>;

/** What a round's timeline records: its creation, edits and every step of a unit. */
export const inspectionEventKinds = ['created', 'edited', ...inspectionUnitTransitions] as const;
export type InspectionEventKind = (typeof inspectionEventKinds)[number];
export const inspectionEventLabels = {
  created: '登记巡察轮次',
  edited: '修改巡察轮次',
  ...inspectionUnitTransitionLabels,
} as const satisfies Record<InspectionEventKind, string>;

/**
 * The months of a round: the 整改报告 within `reportMonths` of the feedback (据《巡视工作条例》第二十七条, 2 months; a
 * national limit, so a school may only shorten it) and the 回头看 `lookbackMonths` after it (school practice,
 * RULES.md §10: 6 by default, always after the report).
 */
export const inspectionMonths = {
  report: { default: 2, min: 1, max: 2 },
  lookback: { default: 6, min: 3, max: 24 },
} as const;

/** How many days before it a report or a 回头看 starts to show as due (待办, 监测预警). */
export const inspectionReminderDays = 7;

/** The day the unit's 整改报告 is due: `reportMonths` after the feedback. */
export function inspectionReportDue(feedbackOn: IsoDate, reportMonths: number): IsoDate {
  return addMonths(feedbackOn, reportMonths);
}

/** The day the 回头看 of the unit is due: `lookbackMonths` after the feedback. */
export function inspectionLookbackDue(feedbackOn: IsoDate, lookbackMonths: number): IsoDate {
  return addMonths(feedbackOn, lookbackMonths);
}

/** A problem found in a round's plan (HTTP 400 on `path`). */
export interface InspectionProblem {
  path: string;
  message: string;
}

/**
 * Why an org may not be a unit of a round of `kind` (null when it may): a 常规/机动巡察 inspects the 二级党组织 — the
 * 党总支 and the 直属党支部 (a branch right below the 党委); a 专项巡察 may also take a branch under a 党总支. Never
 * the 党委 itself or a 党小组.
 */
export function inspectionUnitRefusal(
  kind: InspectionKind,
  org: { type: OrgType; parentType: OrgType | null },
): string | null {
  if (org.type === 'committee') return '党委本级不是校内巡察的对象';
  if (org.type === 'group') return '党小组不单独接受巡察';
  if (org.type === 'general_branch') return null;
  if (org.parentType === 'committee') return null;
  return kind === 'special'
    ? null
    : '常规巡察、机动巡察的对象是党总支和直属党支部；总支下属的党支部只在专项巡察中单独列为被巡察单位';
}

/** What the rules read of a round's plan. */
export interface InspectionPlan {
  startsOn: IsoDate;
  endsOn: IsoDate;
  team: readonly { role: InspectionTeamRole; name: string }[];
}

/**
 * What is wrong with a round's plan: the end before the start, a team without exactly one 组长, a name twice. (The
 * months' bounds keep the 回头看 after the report.)
 */
export function inspectionPlanProblems(plan: InspectionPlan): InspectionProblem[] {
  const problems: InspectionProblem[] = [];
  if (plan.endsOn < plan.startsOn)
    problems.push({ path: 'endsOn', message: '巡察结束日期：不能早于开始日期' });
  const leaders = plan.team.filter((m) => m.role === 'leader').length;
  if (leaders !== 1)
    problems.push({
      path: 'team',
      message: leaders === 0 ? '巡察组：须有1名组长' : `巡察组：只能有1名组长（现有${leaders}名）`,
    });
  const seen = new Set<string>();
  plan.team.forEach((m, i) => {
    if (seen.has(m.name))
      problems.push({ path: `team.${i}.name`, message: `巡察组第${i + 1}人：${m.name}已在巡察组中` });
    seen.add(m.name);
  });
  return problems;
}

/** Where an inspected unit stands, as the machine reads it. */
export interface InspectionUnitState {
  status: InspectionUnitStatus;
  feedbackOn: IsoDate | null;
  /** The day of the report last submitted (kept when it is returned, replaced when submitted again). */
  reportSubmittedOn: IsoDate | null;
  lookbackOn: IsoDate | null;
}

/** A problem of the feedback: the day its rectification is due (the report's due day unless given). */
export interface InspectionFeedbackProblem {
  deadline?: IsoDate | null | undefined;
}

/** One closed item's verdict at the 回头看. */
export interface InspectionLookbackVerdict {
  rectificationId: number;
  outcome: InspectionLookbackOutcome;
  /** How the problem came back (反弹 only). */
  reason?: string | null | undefined;
  /** The new rectification deadline of a reopened item (反弹 only). */
  until?: IsoDate | null | undefined;
}

/** What a step looks at: the round, the request and, for the 回头看, the unit's items. */
export interface InspectionUnitFacts {
  today: IsoDate;
  round: { startsOn: IsoDate; reportMonths: number };
  /** record_feedback. */
  feedbackOn?: IsoDate | undefined;
  problems?: readonly InspectionFeedbackProblem[] | undefined;
  /** submit_report: the report's text. */
  report?: string | undefined;
  /** return_report: what the report still lacks. */
  reason?: string | undefined;
  /** record_lookback. */
  lookbackOn?: IsoDate | undefined;
  note?: string | undefined;
  verdicts?: readonly InspectionLookbackVerdict[] | undefined;
  /** record_lookback: the unit's rectification items from this round and where each stands. */
  items?: readonly { id: number; status: RectificationStatus }[] | undefined;
}

/** Who does each step: the 巡察办 (组织部) or the inspected unit. */
export const inspectionUnitTransitionActor = {
  record_feedback: 'office',
  submit_report: 'unit',
  return_report: 'office',
  record_lookback: 'office',
} as const satisfies Record<InspectionUnitTransition, 'office' | 'unit'>;

/** The statuses each step may start from. */
export const inspectionUnitTransitionFrom = {
  record_feedback: ['awaiting_feedback'],
  submit_report: ['rectifying'],
  return_report: ['reported'],
  record_lookback: ['reported'],
} as const satisfies Record<InspectionUnitTransition, readonly InspectionUnitStatus[]>;

export type InspectionUnitTransitionResult =
  | { ok: true; state: InspectionUnitState }
  | { ok: false; violations: TransitionViolation[] };

const field = (path: string, message: string): TransitionViolation => ({ kind: 'field', path, message });

/** The due day of each feedback problem: its own, else the report's. */
export function feedbackDeadlines(
  feedbackOn: IsoDate,
  reportMonths: number,
  problems: readonly InspectionFeedbackProblem[],
): IsoDate[] {
  const due = inspectionReportDue(feedbackOn, reportMonths);
  return problems.map((p) => p.deadline ?? due);
}

function feedbackViolations(f: InspectionUnitFacts): TransitionViolation[] {
  const out: TransitionViolation[] = [];
  const on = f.feedbackOn;
  if (!on) return [field('feedbackOn', '反馈日期：请填写巡察反馈的日期')];
  if (on > f.today) out.push(field('feedbackOn', '反馈日期：不能晚于今天'));
  if (on < f.round.startsOn)
    out.push(field('feedbackOn', `反馈日期：不能早于巡察开始日期（${f.round.startsOn}）`));
  const problems = f.problems ?? [];
  if (problems.length === 0) out.push(field('problems', '反馈问题：至少填写1个问题'));
  const due = inspectionReportDue(on, f.round.reportMonths);
  feedbackDeadlines(on, f.round.reportMonths, problems).forEach((d, i) => {
    const own = problems[i]!.deadline;
    if (d < f.today || d < on)
      out.push(
        field(
          `problems.${i}.deadline`,
          own
            ? `反馈问题第${i + 1}项：整改期限不能早于反馈日期和今天`
            : `反馈问题第${i + 1}项：默认整改期限为整改报告期限（${due}），已早于今天，请填写整改期限`,
        ),
      );
  });
  return out;
}

function lookbackViolations(state: InspectionUnitState, f: InspectionUnitFacts): TransitionViolation[] {
  const out: TransitionViolation[] = [];
  const on = f.lookbackOn;
  if (!on) out.push(field('lookbackOn', '回头看日期：请填写开展回头看的日期'));
  else {
    if (on > f.today) out.push(field('lookbackOn', '回头看日期：不能晚于今天'));
    if (state.reportSubmittedOn !== null && on < state.reportSubmittedOn)
      out.push(field('lookbackOn', `回头看日期：不能早于整改报告提交日期（${state.reportSubmittedOn}）`));
  }
  if (!f.note?.trim()) out.push(field('note', '回头看情况：请填写回头看的总体情况'));
  const items = new Map((f.items ?? []).map((i) => [i.id, i.status]));
  const verdicts = f.verdicts ?? [];
  const judged = new Set<number>();
  verdicts.forEach((v, i) => {
    const at = `verdicts.${i}`;
    if (judged.has(v.rectificationId))
      out.push(field(`${at}.rectificationId`, `回头看第${i + 1}项：同一整改事项只能判定一次`));
    judged.add(v.rectificationId);
    if (items.get(v.rectificationId) !== 'closed')
      out.push(
        field(
          `${at}.rectificationId`,
          `回头看第${i + 1}项：只有已销号的整改事项才判定是否反弹（未销号的继续整改）`,
        ),
      );
    if (v.outcome === 'rebound') {
      if (!v.reason?.trim()) out.push(field(`${at}.reason`, `回头看第${i + 1}项：问题反弹须说明反弹情况`));
      if (!v.until || v.until < f.today || (on && v.until < on))
        out.push(field(`${at}.until`, `回头看第${i + 1}项：问题反弹须给出不早于今天的重新整改期限`));
    }
  });
  const missing = [...items].filter(([id, status]) => status === 'closed' && !judged.has(id)).length;
  if (missing > 0)
    out.push(field('verdicts', `回头看：还有${missing}个已销号的整改事项未判定整改到位或问题反弹`));
  return out;
}

/** What a step needs beyond the status. */
function contentViolations(
  state: InspectionUnitState,
  t: InspectionUnitTransition,
  f: InspectionUnitFacts,
): TransitionViolation[] {
  switch (t) {
    case 'record_feedback':
      return feedbackViolations(f);
    case 'submit_report':
      return f.report?.trim() ? [] : [field('report', '整改报告：请填写整改情况报告')];
    case 'return_report':
      return f.reason?.trim() ? [] : [field('reason', '退回理由：请说明整改报告需要补充或修改的内容')];
    case 'record_lookback':
      return lookbackViolations(state, f);
  }
}

/**
 * Applies one step: refuses it from the wrong status (409) or without what it needs (400: the feedback's day and
 * problems, the report's text, the reason of a return, the 回头看's day, its note and a verdict on every closed
 * item, with a reason and a new deadline for each 反弹); otherwise returns the new state. Who may ask is the
 * caller's check (`inspectionUnitTransitionActor`).
 */
export function applyInspectionUnitTransition(
  state: InspectionUnitState,
  t: InspectionUnitTransition,
  f: InspectionUnitFacts,
): InspectionUnitTransitionResult {
  if (!(inspectionUnitTransitionFrom[t] as readonly InspectionUnitStatus[]).includes(state.status))
    return {
      ok: false,
      violations: [
        {
          kind: 'conflict',
          path: null,
          message: `该单位巡察整改${inspectionUnitStatusLabels[state.status]}，不能${inspectionUnitTransitionLabels[t]}`,
        },
      ],
    };
  const problems = contentViolations(state, t, f);
  if (problems.length > 0) return { ok: false, violations: problems };
  switch (t) {
    case 'record_feedback':
      return { ok: true, state: { ...state, status: 'rectifying', feedbackOn: f.feedbackOn! } };
    case 'submit_report':
      return { ok: true, state: { ...state, status: 'reported', reportSubmittedOn: f.today } };
    case 'return_report':
      return { ok: true, state: { ...state, status: 'rectifying' } };
    case 'record_lookback':
      return { ok: true, state: { ...state, status: 'looked_back', lookbackOn: f.lookbackOn! } };
  }
}

/** Which steps the actor may take now; the UI shows buttons from these and the server checks them. */
export function allowedInspectionUnitActions(
  state: InspectionUnitState,
  actor: { office: boolean; unit: boolean },
): Record<InspectionUnitTransition, boolean> {
  return Object.fromEntries(
    inspectionUnitTransitions.map((t) => [
      t,
      actor[inspectionUnitTransitionActor[t]] &&
        (inspectionUnitTransitionFrom[t] as readonly InspectionUnitStatus[]).includes(state.status),
    ]),
  ) as Record<InspectionUnitTransition, boolean>;
}

/** A unit's rectification figures: counted from its items, never typed. */
export interface InspectionFigures {
  /** Problems fed back (items opened). */
  total: number;
  /** Closed (已销号). */
  closed: number;
  /** Not yet closed: being rectified or waiting for 销号. */
  inProgress: number;
  /** Of those being rectified, past their due day. */
  overdue: number;
}

/** Counts a unit's items: total, closed, still in progress and overdue. */
export function inspectionFigures(
  items: readonly { status: RectificationStatus; overdue: boolean }[],
): InspectionFigures {
  const closed = items.filter((i) => i.status === 'closed').length;
  return {
    total: items.length,
    closed,
    inProgress: items.length - closed,
    overdue: items.filter((i) => i.status !== 'closed' && i.overdue).length,
  };
}

/** True when the unit has not submitted its report and the day it was due has passed. */
export function isInspectionReportOverdue(
  status: InspectionUnitStatus,
  reportDue: IsoDate | null,
  today: IsoDate,
): boolean {
  return status === 'rectifying' && reportDue !== null && reportDue < today;
}

/** What the rules read of one inspected unit that has had its feedback. */
export interface InspectionUnitAlertFacts {
  roundId: number;
  roundName: string;
  org: { id: number; name: string };
  status: InspectionUnitStatus;
  feedbackOn: IsoDate;
  reportMonths: number;
  lookbackMonths: number;
}

const left = (today: IsoDate, due: IsoDate) => {
  const n = daysBetween(today, due);
  return n === 0 ? '今天到期' : `还有${n}天`;
};

/**
 * The findings of the inspected units on `today`, each on the unit and keyed by round and unit (`subject`
 * inspection-<round>-<org>): the 整改报告 due within 7 days or overdue while the unit is rectifying (据巡视工作条例
 * 第二十七条), and the 回头看 due within 7 days or past while the report is in and no 回头看 recorded.
 */
export function evaluateInspectionRules(
  units: readonly InspectionUnitAlertFacts[],
  today: IsoDate,
): Finding<InspectionRuleId>[] {
  const out: Finding<InspectionRuleId>[] = [];
  for (const u of units) {
    const subject = `inspection-${u.roundId}-${u.org.id}`;
    if (u.status === 'rectifying') {
      const due = inspectionReportDue(u.feedbackOn, u.reportMonths);
      if (due < today)
        out.push(
          finding(
            'inspection.report_overdue',
            u.org,
            `${u.roundName}于 ${u.feedbackOn} 反馈，整改报告应于 ${due} 前报送，已逾期${daysBetween(due, today)}天。`,
            '据《中国共产党巡视工作条例》第二十七条，被巡察党组织应在收到反馈意见后按期报送整改情况报告，主要负责人为整改第一责任人：请尽快在平台提交整改报告（整改数据由整改台账自动生成）。',
            { dueDate: due, subject },
          ),
        );
      else if (due <= addDays(today, inspectionReminderDays))
        out.push(
          finding(
            'inspection.report_due_soon',
            u.org,
            `${u.roundName}于 ${u.feedbackOn} 反馈，整改报告应于 ${due} 前报送（${left(today, due)}）。`,
            '据《中国共产党巡视工作条例》第二十七条，整改情况报告应在反馈后规定时间内报送：请由书记组织撰写整改报告并在平台提交。',
            { dueDate: due, subject },
          ),
        );
    }
    if (u.status === 'reported') {
      const due = inspectionLookbackDue(u.feedbackOn, u.lookbackMonths);
      if (due <= addDays(today, inspectionReminderDays))
        out.push(
          finding(
            'inspection.lookback_due',
            u.org,
            due < today
              ? `${u.roundName}的整改回头看应于 ${due} 开展（反馈后${u.lookbackMonths}个月），已过${daysBetween(due, today)}天，尚未记录。`
              : `${u.roundName}的整改回头看应于 ${due} 开展（反馈后${u.lookbackMonths}个月，${left(today, due)}）。`,
            '巡察办应组织回头看：检查整改台账，逐项核实已销号问题是否反弹，反弹的重新打开整改，并在平台记录回头看情况。',
            { dueDate: due, subject },
          ),
        );
    }
  }
  return out;
}
