/**
 * The procedure of a 述职评议 campaign as a pure state machine (中组部 办法 2019 第三条; RULES.md “述职评议”):
 *
 *   launched ─open_reports→ reporting ─hold_meeting→ meeting ─open_voting→ voting ─close_voting→ grading
 *     ─approve→ approved ─publish→ published
 *
 * Each step needs what the step before produced: every 述职报告 submitted before the 述职会; a 点评 on every
 * secretary before the 测评 (一述一评); the 测评 closed with its tally before grades; every grade set (an override
 * of the computed grade with its reason) before the 审定. Anything else is refused with its reason.
 */

import type { DutyReviewGrade } from '../ballots/choices.ts';
import { addDays, type IsoDate } from '../dates.ts';
import type { TransitionViolation } from '../rectification/deadline.ts';
import {
  type DutyReviewStatus,
  type DutyReviewTransition,
  dutyReviewStatusLabels,
  dutyReviewTransitionLabels,
} from './dictionaries.ts';

/** The statuses each step starts from and leads to. */
export const dutyReviewTransitionFrom = {
  open_reports: 'launched',
  hold_meeting: 'reporting',
  open_voting: 'meeting',
  close_voting: 'voting',
  approve: 'grading',
  publish: 'approved',
} as const satisfies Record<DutyReviewTransition, DutyReviewStatus>;

export const dutyReviewTransitionTo = {
  open_reports: 'reporting',
  hold_meeting: 'meeting',
  open_voting: 'voting',
  close_voting: 'grading',
  approve: 'approved',
  publish: 'published',
} as const satisfies Record<DutyReviewTransition, DutyReviewStatus>;

/** What a step looks at: one line per secretary reviewed, and the 测评's state. */
export interface DutyReviewFacts {
  subjects: readonly {
    name: string;
    reportSubmitted: boolean;
    comments: number;
    /** The grade set in 综合评定 (null: not yet). */
    grade: DutyReviewGrade | null;
  }[];
  /** The 测评 is closed and counted (the ballot's tally exists). */
  tallied: boolean;
}

export type DutyReviewViolation = TransitionViolation;
export type DutyReviewTransitionResult =
  | { ok: true; status: DutyReviewStatus }
  | { ok: false; violations: DutyReviewViolation[] };

/** Up to three names, then 等N人 (the wording of a refusal that names those still missing something). */
export const namesInBrief = (list: readonly { name: string }[]): string =>
  list.length > 3
    ? `${list
        .slice(0, 3)
        .map((s) => s.name)
        .join('、')}等${list.length}人`
    : list.map((s) => s.name).join('、');

function needs(t: DutyReviewTransition, f: DutyReviewFacts): string | null {
  if (f.subjects.length === 0) return '没有参加述职的书记';
  switch (t) {
    case 'open_reports':
      return null;
    case 'hold_meeting': {
      const missing = f.subjects.filter((s) => !s.reportSubmitted);
      return missing.length > 0 ? `${namesInBrief(missing)}尚未提交述职报告` : null;
    }
    case 'open_voting': {
      const missing = f.subjects.filter((s) => s.comments === 0);
      return missing.length > 0 ? `一述一评：${namesInBrief(missing)}尚无点评` : null;
    }
    case 'close_voting':
      return f.tallied ? null : '测评票尚未结束计票';
    case 'approve': {
      const missing = f.subjects.filter((s) => s.grade === null);
      return missing.length > 0 ? `${namesInBrief(missing)}尚未综合评定` : null;
    }
    case 'publish':
      return null;
  }
}

/** One step: refused from the wrong status (conflict) or without what it needs (a rule); else the new status. */
export function applyDutyReviewTransition(
  status: DutyReviewStatus,
  t: DutyReviewTransition,
  facts: DutyReviewFacts,
): DutyReviewTransitionResult {
  if (dutyReviewTransitionFrom[t] !== status)
    return {
      ok: false,
      violations: [
        {
          kind: 'conflict',
          path: null,
          message: `该述职评议${dutyReviewStatusLabels[status]}，不能${dutyReviewTransitionLabels[t]}`,
        },
      ],
    };
  const missing = needs(t, facts);
  if (missing)
    return {
      ok: false,
      violations: [
        { kind: 'field', path: 'transition', message: `${dutyReviewTransitionLabels[t]}：${missing}` },
      ],
    };
  return { ok: true, status: dutyReviewTransitionTo[t] };
}

/** The step the campaign may take next from its status (null when published). */
export function nextDutyReviewTransition(status: DutyReviewStatus): DutyReviewTransition | null {
  const found = (Object.keys(dutyReviewTransitionFrom) as DutyReviewTransition[]).find(
    (t) => dutyReviewTransitionFrom[t] === status,
  );
  return found ?? null;
}

/** Secretaries write their 述职报告 while the campaign is launched or reporting (not after the 述职会 began). */
export const isReportOpen = (status: DutyReviewStatus) => status === 'launched' || status === 'reporting';
/** 答辩 and 点评 are recorded at the 述职会 (and until the 测评 opens). */
export const isMeetingOpen = (status: DutyReviewStatus) => status === 'meeting';
/** Grades are set during 综合评定 only. */
export const isGradingOpen = (status: DutyReviewStatus) => status === 'grading';
/** The 点评 become 整改 items once the grades are 审定 (approved or published). */
export const mayOpenRectifications = (status: DutyReviewStatus) =>
  status === 'approved' || status === 'published';

/**
 * A grade set in 综合评定: the computed one, or another with its reason (an override). Refused: an override without
 * a reason, a grade when nothing was computed and no reason given.
 */
export function gradeProblems(
  computed: DutyReviewGrade | null,
  grade: DutyReviewGrade,
  reason: string | null | undefined,
): { path: string; message: string }[] {
  if (grade !== computed && !reason?.trim())
    return [
      {
        path: 'overrideReason',
        message:
          computed === null
            ? '调整理由：没有计算出的等次，直接评定须说明理由'
            : '调整理由：评定等次与计算结果不同，须说明理由',
      },
    ];
  return [];
}

/** Days a secretary has for the 述职报告 by default, counted from the campaign's first day. */
export const reportWritingDays = 30;

/**
 * The default day the 述职报告 are due: the 30th day of the campaign (11-30 for the default 11-01 – 12-31, leaving
 * December for the 述职会 and the 测评) — or of the days from its launch, when it is launched late — never after its
 * last day.
 */
export function defaultReportDueOn(startsOn: IsoDate, endsOn: IsoDate, today: IsoDate): IsoDate {
  const due = addDays(today > startsOn ? today : startsOn, reportWritingDays - 1);
  return due < endsOn ? due : endsOn;
}
