/**
 * Deadlines with extensions, shared by rectification items and supervised tasks: an extension is
 * asked for with a reason and a later date, and decided by the one who checks the work. The first
 * deadline is kept beside the current one, so a ledger shows both and an alert can tell an item
 * that was extended twice.
 */
import type { IsoDate } from '../dates.ts';

/** An extension asked for and not yet decided. */
export interface ExtensionRequest {
  until: IsoDate;
  reason: string;
}

/** The deadline part of an item's state. */
export interface DeadlineState {
  deadline: IsoDate;
  /** The deadline first set; extensions never change it. */
  originalDeadline: IsoDate;
  /** Extensions approved so far. */
  extensions: number;
  extensionRequest: ExtensionRequest | null;
}

/** A reason or a date missing or wrong in a request (HTTP 400 on `path`). */
export interface DeadlineProblem {
  path: string;
  message: string;
}

/** What is wrong with asking to move the deadline to `until` (none when it may be asked). */
export function extensionRequestProblems(
  state: DeadlineState,
  until: IsoDate | undefined,
  reason: string | undefined,
  today: IsoDate,
): DeadlineProblem[] {
  const problems: DeadlineProblem[] = [];
  if (!reason?.trim()) problems.push({ path: 'reason', message: '延期理由：申请延期须说明理由' });
  if (!until) problems.push({ path: 'until', message: '延期至：申请延期须填写新的完成期限' });
  else if (until <= state.deadline || until < today)
    problems.push({ path: 'until', message: `延期至：须晚于当前期限（${state.deadline}）和今天` });
  return problems;
}

/** The three extension transitions both rectification items and supervised tasks have. */
export type ExtensionTransition = 'request_extension' | 'approve_extension' | 'reject_extension';

/** True for request_extension, approve_extension and reject_extension. */
export function isExtensionTransition(t: string): t is ExtensionTransition {
  return t === 'request_extension' || t === 'approve_extension' || t === 'reject_extension';
}

/** Why a step is refused: `conflict` (HTTP 409) for the state, `field` (HTTP 400, on `path`) for what is missing. */
export interface TransitionViolation {
  kind: 'conflict' | 'field';
  path: string | null;
  message: string;
}

/** What comes with an extension transition. */
export interface ExtensionFacts {
  today: IsoDate;
  reason?: string | undefined;
  until?: IsoDate | undefined;
}

/**
 * Whether an extension transition fits the pending request at all: it is asked only when none is
 * pending, and decided only when one is (the buttons a user sees follow this).
 */
export function fitsExtensionRequest(t: ExtensionTransition, state: DeadlineState): boolean {
  return t === 'request_extension' ? state.extensionRequest === null : state.extensionRequest !== null;
}

/** What is wrong with an extension transition (none when it may go ahead). */
export function extensionViolations(
  state: DeadlineState,
  t: ExtensionTransition,
  f: ExtensionFacts,
): TransitionViolation[] {
  if (!fitsExtensionRequest(t, state))
    return [
      {
        kind: 'conflict',
        path: null,
        message: t === 'request_extension' ? '已有延期申请等待审核，不能重复申请' : '没有待审核的延期申请',
      },
    ];
  if (t === 'request_extension')
    return extensionRequestProblems(state, f.until, f.reason, f.today).map((p) => ({ kind: 'field', ...p }));
  if (t === 'reject_extension' && !f.reason?.trim())
    return [{ kind: 'field', path: 'reason', message: '理由：不同意延期须说明理由' }];
  return [];
}

/**
 * The state after an extension transition that passed `extensionViolations`: a request is kept
 * pending; an approval moves the deadline (the first one is kept) and counts it; a refusal drops it.
 */
export function applyExtension<S extends DeadlineState>(
  state: S,
  t: ExtensionTransition,
  f: ExtensionFacts,
): S {
  if (t === 'request_extension')
    return { ...state, extensionRequest: { until: f.until!, reason: f.reason!.trim() } };
  if (!state.extensionRequest) return state;
  return t === 'approve_extension'
    ? {
        ...state,
        deadline: state.extensionRequest.until,
        extensions: state.extensions + 1,
        extensionRequest: null,
      }
    : { ...state, extensionRequest: null };
}
