/**
 * The lifecycle of a supervised task (督办事项): a decision of a 党委会, 党务工作例会 or 党政联席会 given
 * to a lead unit (牵头单位) with a deadline and progress reports, as a pure state machine:
 *
 *   awaiting_acceptance ─accept→ in_progress ─report_done→ reported_done ─confirm_done→ done
 *                                      ↑                          │
 *                                      └──────────return──────────┘
 *
 * and, before it is reported done, request_extension → approve_extension | reject_extension. The lead
 * unit accepts, reports and asks for time; the assigner (the office that issued the task) confirms,
 * returns and decides extensions. 逾期 is not a state: it is read from the deadline (`isTaskOverdue`).
 */
import { addDays, addMonths, type IsoDate } from '../dates.ts';
import {
  applyExtension,
  type DeadlineState,
  extensionViolations,
  fitsExtensionRequest,
  isExtensionTransition,
  type TransitionViolation,
} from './deadline.ts';
import {
  type ProgressReportCadence,
  type SupervisedTaskStatus,
  type SupervisedTaskTransition,
  supervisedTaskStatusLabels,
  supervisedTaskTransitionLabels,
  supervisedTaskTransitions,
} from './dictionaries.ts';

/** Where a task is: its status and deadlines. */
export interface SupervisedTaskState extends DeadlineState {
  status: SupervisedTaskStatus;
}

/** The task's contents a transition looks at, and what came with the request. */
export interface SupervisedTaskFacts {
  today: IsoDate;
  /** 办理结果, written when reporting it done. */
  result: string | null;
  reason?: string | undefined;
  until?: IsoDate | undefined;
}

/** Who does each transition: the lead unit, or the assigner who issued the task. */
export const supervisedTaskTransitionActor = {
  accept: 'lead',
  report_done: 'lead',
  request_extension: 'lead',
  confirm_done: 'assigner',
  return: 'assigner',
  approve_extension: 'assigner',
  reject_extension: 'assigner',
} as const satisfies Record<SupervisedTaskTransition, 'lead' | 'assigner'>;

/** The statuses each transition may start from. */
export const supervisedTaskTransitionFrom = {
  accept: ['awaiting_acceptance'],
  report_done: ['in_progress'],
  confirm_done: ['reported_done'],
  return: ['reported_done'],
  request_extension: ['awaiting_acceptance', 'in_progress'],
  approve_extension: ['awaiting_acceptance', 'in_progress'],
  reject_extension: ['awaiting_acceptance', 'in_progress'],
} as const satisfies Record<SupervisedTaskTransition, readonly SupervisedTaskStatus[]>;

/** Why a transition is refused: `conflict` (HTTP 409) for the wrong status, `field` (HTTP 400) for what is missing. */
export type SupervisedTaskViolation = TransitionViolation;

export type SupervisedTaskTransitionResult =
  | { ok: true; state: SupervisedTaskState }
  | { ok: false; violations: SupervisedTaskViolation[] };

/** True when a task not yet reported done has passed its deadline (逾期). */
export function isTaskOverdue(state: SupervisedTaskState, today: IsoDate): boolean {
  return (state.status === 'awaiting_acceptance' || state.status === 'in_progress') && state.deadline < today;
}

/**
 * The day the next progress report is due: one period after the last report (or after the task was
 * issued), never after the deadline; null when the task reports only when done or is no longer open.
 */
export function nextProgressReportDue(
  status: SupervisedTaskStatus,
  cadence: ProgressReportCadence,
  issuedOn: IsoDate,
  lastReportOn: IsoDate | null,
  deadline: IsoDate,
): IsoDate | null {
  if (cadence === 'none' || status === 'reported_done' || status === 'done') return null;
  const from = lastReportOn ?? issuedOn;
  const due = cadence === 'weekly' ? addDays(from, 7) : addMonths(from, cadence === 'monthly' ? 1 : 3);
  return due < deadline ? due : null;
}

const field = (path: string, message: string): SupervisedTaskViolation => ({ kind: 'field', path, message });
const conflict = (message: string): SupervisedTaskViolation => ({ kind: 'conflict', path: null, message });

function contentViolations(
  state: SupervisedTaskState,
  transition: SupervisedTaskTransition,
  f: SupervisedTaskFacts,
): SupervisedTaskViolation[] {
  switch (transition) {
    case 'report_done':
      return f.result?.trim() ? [] : [field('result', '办理结果：报告办结须写明办理结果')];
    case 'return':
      return f.reason?.trim() ? [] : [field('reason', '退回理由：退回须说明还需办理的内容')];
    case 'request_extension':
    case 'approve_extension':
    case 'reject_extension':
      return extensionViolations(state, transition, f);
    case 'accept':
    case 'confirm_done':
      return [];
  }
}

/**
 * Applies one transition: refuses it from the wrong status or without what it needs (a result to
 * report it done, a reason to return it or refuse more time, a later date and a reason to ask for it);
 * otherwise returns the new state. Who may ask is the caller's check (`supervisedTaskTransitionActor`).
 */
export function applySupervisedTaskTransition(
  state: SupervisedTaskState,
  transition: SupervisedTaskTransition,
  facts: SupervisedTaskFacts,
): SupervisedTaskTransitionResult {
  if (!(supervisedTaskTransitionFrom[transition] as readonly SupervisedTaskStatus[]).includes(state.status))
    return {
      ok: false,
      violations: [
        conflict(
          `该督办事项${supervisedTaskStatusLabels[state.status]}，不能${supervisedTaskTransitionLabels[transition]}`,
        ),
      ],
    };
  const problems = contentViolations(state, transition, facts);
  if (problems.length > 0) return { ok: false, violations: problems };
  switch (transition) {
    case 'accept':
      return { ok: true, state: { ...state, status: 'in_progress' } };
    case 'report_done':
      return { ok: true, state: { ...state, status: 'reported_done', extensionRequest: null } };
    case 'confirm_done':
      return { ok: true, state: { ...state, status: 'done' } };
    case 'return':
      return { ok: true, state: { ...state, status: 'in_progress' } };
    case 'request_extension':
    case 'approve_extension':
    case 'reject_extension':
      return { ok: true, state: applyExtension(state, transition, facts) };
  }
}

/** Which transitions the actor may ask for now; the UI shows buttons from these and the server checks them. */
export function allowedSupervisedTaskActions(
  state: SupervisedTaskState,
  actor: { lead: boolean; assigner: boolean },
): Record<SupervisedTaskTransition, boolean> & { reportProgress: boolean } {
  const may = (t: SupervisedTaskTransition) =>
    actor[supervisedTaskTransitionActor[t]] &&
    (supervisedTaskTransitionFrom[t] as readonly SupervisedTaskStatus[]).includes(state.status) &&
    (!isExtensionTransition(t) || fitsExtensionRequest(t, state));
  const actions = Object.fromEntries(supervisedTaskTransitions.map((t) => [t, may(t)])) as Record<
    SupervisedTaskTransition,
    boolean
  >;
  return { ...actions, reportProgress: actor.lead && state.status === 'in_progress' };
}
