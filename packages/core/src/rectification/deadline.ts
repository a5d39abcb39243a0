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

/** The state after an extension request is decided: approved moves the deadline, refused keeps it. */
export function decideExtension<S extends DeadlineState>(state: S, approve: boolean): S {
  if (!state.extensionRequest) return state;
  return approve
    ? {
        ...state,
        deadline: state.extensionRequest.until,
        extensions: state.extensions + 1,
        extensionRequest: null,
      }
    : { ...state, extensionRequest: null };
}
