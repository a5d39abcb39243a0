/**
 * The lifecycle of a rectification item (整改事项), as a pure state machine:
 *
 *   pending ─start→ in_progress ─submit→ submitted ─verify→ closed
 *                        ↑                   │                 │
 *                        └──────return───────┘                 │
 *                        └──────────────reopen (回头看 反弹)────┘
 *
 * and, while pending or in progress, request_extension → approve_extension | reject_extension. The
 * org that rectifies starts, submits and asks for more time; the level above (the 总支 for its
 * branches, the 组织部 for 总支 and 直属支部: `rectificationVerifierLevel`) verifies, returns, decides
 * extensions and reopens. A 长期整改 item has milestones and is submitted only when all are done.
 */
import type { IsoDate } from '../dates.ts';
import type { OrgType } from '../dictionaries.ts';
import {
  applyExtension,
  type DeadlineProblem,
  type DeadlineState,
  extensionViolations,
  fitsExtensionRequest,
  isExtensionTransition,
  type TransitionViolation,
} from './deadline.ts';
import {
  type RectificationStatus,
  type RectificationTransition,
  rectificationStatusLabels,
  rectificationTransitionLabels,
  rectificationTransitions,
} from './dictionaries.ts';

/** One step of a 长期整改 item. */
export interface RectificationMilestone {
  title: string;
  dueOn: IsoDate;
  doneOn: IsoDate | null;
}

/** Where an item is: its status, deadlines and milestones. */
export interface RectificationState extends DeadlineState {
  status: RectificationStatus;
  /** Empty for an item rectified at once; the steps of a 长期整改 item otherwise. */
  milestones: readonly RectificationMilestone[];
  /** How many times a 回头看 found the problem back after it was closed. */
  reopenCount: number;
}

/** The item's contents a transition looks at, and what came with the request. */
export interface RectificationFacts {
  today: IsoDate;
  /** 整改措施. */
  measures: string | null;
  /** 整改完成情况, written when submitting. */
  result: string | null;
  /** Records linked as evidence, plus files where nothing recorded proves it. */
  evidenceCount: number;
  reason?: string | undefined;
  /** The new deadline asked for (request_extension) or set (reopen). */
  until?: IsoDate | undefined;
}

/** Who does each transition: the org that rectifies, or the level above that verifies. */
export const rectificationTransitionActor = {
  start: 'responsible',
  submit: 'responsible',
  request_extension: 'responsible',
  verify: 'verifier',
  return: 'verifier',
  approve_extension: 'verifier',
  reject_extension: 'verifier',
  reopen: 'verifier',
} as const satisfies Record<RectificationTransition, 'responsible' | 'verifier'>;

/** The statuses each transition may start from. */
export const rectificationTransitionFrom = {
  start: ['pending'],
  submit: ['in_progress'],
  verify: ['submitted'],
  return: ['submitted'],
  request_extension: ['pending', 'in_progress'],
  approve_extension: ['pending', 'in_progress'],
  reject_extension: ['pending', 'in_progress'],
  reopen: ['closed'],
} as const satisfies Record<RectificationTransition, readonly RectificationStatus[]>;

/**
 * Who verifies an item of an org: a branch under a 党总支 is verified by that 总支; a 总支, a 直属党支部
 * or the 党委 itself by the 组织部 (the committee). A 党小组's item is its branch's to verify.
 */
export function rectificationVerifierLevel(
  orgType: OrgType,
  parentType: OrgType | null,
): 'parent' | 'committee' {
  if (orgType === 'group') return 'parent';
  return parentType === 'general_branch' ? 'parent' : 'committee';
}

/** What an actor's grants reach for one item: the permissions held and which orgs the data scope covers. */
export interface RectificationReach {
  mayEdit: boolean;
  mayVerify: boolean;
  /** The scope covers the item's org. */
  coversOrg: boolean;
  /** The scope covers the org above the item's (its parent). */
  coversParent: boolean;
  /** The scope is the whole college (the 组织部). */
  coversCollege: boolean;
  /** The scope covers one of the item's 协办 orgs. */
  coversAssisting?: boolean;
}

/**
 * Which side of an item an actor is on. The verifier holds the verify permission and reaches the level that
 * verifies (`rectificationVerifierLevel`: the parent org, or the whole college at the committee level); anyone
 * else holding edit whose scope covers the item's org is the responsible side. Never both, so nobody verifies
 * what they submitted: a 总支 secretary verifies the branches' items and rectifies the 总支's own, which the
 * 组织部 verifies. One who holds edit and reaches only a 协办 org assists: they see the item and report their part
 * of the work as progress, but the org that rectifies (牵头) answers for it — they take no step and edit nothing.
 */
export function rectificationSides(
  reach: RectificationReach,
  level: 'parent' | 'committee',
): { responsible: boolean; verifier: boolean; assisting: boolean } {
  const verifier = reach.mayVerify && (level === 'parent' ? reach.coversParent : reach.coversCollege);
  const responsible = !verifier && reach.mayEdit && reach.coversOrg;
  return {
    verifier,
    responsible,
    assisting: !verifier && !responsible && reach.mayEdit && reach.coversAssisting === true,
  };
}

/** Why a transition is refused: `conflict` (HTTP 409) for the wrong status, `field` (HTTP 400) for what is missing. */
export type RectificationViolation = TransitionViolation;

export type RectificationTransitionResult =
  | { ok: true; state: RectificationState }
  | { ok: false; violations: RectificationViolation[] };

/** The date an item is next due: its earliest open milestone, else its deadline. */
export function rectificationNextDue(state: RectificationState): IsoDate {
  const open = state.milestones.filter((m) => m.doneOn === null).map((m) => m.dueOn);
  return open.length > 0 ? open.reduce((a, b) => (a < b ? a : b)) : state.deadline;
}

/** True when an item still being rectified has passed its next due date. */
export function isRectificationOverdue(state: RectificationState, today: IsoDate): boolean {
  return (
    (state.status === 'pending' || state.status === 'in_progress') && rectificationNextDue(state) < today
  );
}

/** True while the item may still be edited by the org that rectifies (measures, progress, evidence). */
export function isRectificationEditable(status: RectificationStatus): boolean {
  return status === 'pending' || status === 'in_progress';
}

/**
 * Dates of an item's plan that cannot be: a deadline being set before today, a milestone due after the
 * deadline, a milestone done after today (HTTP 400 on `path`). The deadline is checked only when it is being
 * set: an item past its deadline may still have its milestones edited.
 */
export function rectificationPlanProblems(
  plan: { deadline: IsoDate; milestones: readonly RectificationMilestone[] },
  today: IsoDate,
  settingDeadline: boolean,
): DeadlineProblem[] {
  const problems: DeadlineProblem[] = [];
  if (settingDeadline && plan.deadline < today)
    problems.push({ path: 'deadline', message: '整改期限：不能早于今天' });
  plan.milestones.forEach((m, i) => {
    if (m.dueOn > plan.deadline)
      problems.push({
        path: `milestones.${i}.dueOn`,
        message: `整改阶段第${i + 1}项：完成期限不能晚于整改期限（${plan.deadline}）`,
      });
    if (m.doneOn !== null && m.doneOn > today)
      problems.push({
        path: `milestones.${i}.doneOn`,
        message: `整改阶段第${i + 1}项：完成日期不能晚于今天`,
      });
  });
  return problems;
}

const field = (path: string, message: string): RectificationViolation => ({ kind: 'field', path, message });

/** What must be there before `transition`, beyond the status. */
function contentViolations(
  state: RectificationState,
  transition: RectificationTransition,
  f: RectificationFacts,
): RectificationViolation[] {
  switch (transition) {
    case 'start':
      return f.measures?.trim() ? [] : [field('measures', '整改措施：开始整改前须填写整改措施')];
    case 'submit': {
      const problems: RectificationViolation[] = [];
      if (!f.measures?.trim()) problems.push(field('measures', '整改措施：提交销号前须填写整改措施'));
      if (!f.result?.trim()) problems.push(field('result', '整改完成情况：提交销号前须说明整改完成情况'));
      if (f.evidenceCount === 0)
        problems.push(
          field(
            'evidence',
            '整改佐证：提交销号前须关联证明整改完成的记录（如召开的会议、补录的换届），无记录可证明时再上传文件',
          ),
        );
      const open = state.milestones.filter((m) => m.doneOn === null);
      if (open.length > 0)
        problems.push(
          field(
            'milestones',
            `整改阶段：长期整改还有${open.length}个阶段未完成（${open.map((m) => m.title).join('、')}）`,
          ),
        );
      return problems;
    }
    case 'return':
      return f.reason?.trim() ? [] : [field('reason', '退回理由：退回须说明还需整改的内容')];
    case 'request_extension':
    case 'approve_extension':
    case 'reject_extension':
      return extensionViolations(state, transition, f);
    case 'reopen': {
      const problems: RectificationViolation[] = [];
      if (!f.reason?.trim()) problems.push(field('reason', '反弹情况：回头看重新打开须说明问题如何反弹'));
      if (!f.until || f.until < f.today)
        problems.push(field('until', '整改期限：重新打开须给出不早于今天的整改期限'));
      return problems;
    }
    case 'verify':
      return [];
  }
}

/**
 * Applies one transition: refuses it from the wrong status or when the item lacks what the step
 * needs (measures to start; measures, the result, evidence and every milestone to submit; a reason to
 * return, refuse an extension or reopen); otherwise returns the new state. Who may ask is the
 * caller's check (`rectificationTransitionActor`).
 */
export function applyRectificationTransition(
  state: RectificationState,
  transition: RectificationTransition,
  facts: RectificationFacts,
): RectificationTransitionResult {
  if (!(rectificationTransitionFrom[transition] as readonly RectificationStatus[]).includes(state.status))
    return {
      ok: false,
      violations: [
        {
          kind: 'conflict',
          path: null,
          message: `该整改事项${rectificationStatusLabels[state.status]}，不能${rectificationTransitionLabels[transition]}`,
        },
      ],
    };
  const problems = contentViolations(state, transition, facts);
  if (problems.length > 0) return { ok: false, violations: problems };
  switch (transition) {
    case 'start':
      return { ok: true, state: { ...state, status: 'in_progress' } };
    case 'submit':
      return { ok: true, state: { ...state, status: 'submitted', extensionRequest: null } };
    case 'verify':
      return { ok: true, state: { ...state, status: 'closed' } };
    case 'return':
      return { ok: true, state: { ...state, status: 'in_progress' } };
    case 'request_extension':
    case 'approve_extension':
    case 'reject_extension':
      return { ok: true, state: applyExtension(state, transition, facts) };
    case 'reopen':
      return {
        ok: true,
        state: {
          ...state,
          status: 'in_progress',
          deadline: facts.until!,
          reopenCount: state.reopenCount + 1,
        },
      };
  }
}

/**
 * Which transitions the actor may ask for now, whether they may edit the item (the org that rectifies) and add a
 * progress note (it, or a 协办 org), while it is being rectified; the UI shows buttons from these and the server
 * checks them.
 */
export function allowedRectificationActions(
  state: RectificationState,
  actor: { responsible: boolean; verifier: boolean; assisting?: boolean },
): Record<RectificationTransition, boolean> & { edit: boolean; progress: boolean } {
  const may = (t: RectificationTransition) =>
    actor[rectificationTransitionActor[t]] &&
    (rectificationTransitionFrom[t] as readonly RectificationStatus[]).includes(state.status) &&
    (!isExtensionTransition(t) || fitsExtensionRequest(t, state));
  const actions = Object.fromEntries(rectificationTransitions.map((t) => [t, may(t)])) as Record<
    RectificationTransition,
    boolean
  >;
  const editable = isRectificationEditable(state.status);
  return {
    ...actions,
    edit: actor.responsible && editable,
    progress: (actor.responsible || actor.assisting === true) && editable,
  };
}
