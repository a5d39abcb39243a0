/**
 * 限期改正 of a member graded 不合格 (党员教育管理工作条例 第三十条、第三十一条): the branch sets measures, a contact person
 * and a deadline of at most one year, records progress, and closes the plan with its outcome — 改正 (recorded), or
 * 仍无转变, when the branch proposes 劝退 or 除名 to the higher committee.
 */
import { addDays, type IsoDate } from '../dates.ts';

export const correctionPlanStatuses = ['open', 'corrected', 'unchanged'] as const;
export type CorrectionPlanStatus = (typeof correctionPlanStatuses)[number];
export const correctionPlanStatusLabels: Record<CorrectionPlanStatus, string> = {
  open: '限期改正中',
  corrected: '已改正',
  unchanged: '仍无转变',
};

/** What the branch proposes when a member is still unchanged after the deadline (第三十一条). */
export const correctionProposals = ['persuade_withdraw', 'remove'] as const;
export type CorrectionProposal = (typeof correctionProposals)[number];
export const correctionProposalLabels: Record<CorrectionProposal, string> = {
  persuade_withdraw: '劝其退党',
  remove: '除名',
};

/** The outcome given when the plan closes. */
export interface CorrectionOutcome {
  outcome: 'corrected' | 'unchanged';
  note: string;
  proposal?: CorrectionProposal | null | undefined;
}

/** How a plan's deadline stands today: open and due within `dueSoonDays`, open and passed, or neither. */
export type CorrectionDeadlineState = 'due_soon' | 'overdue' | null;

/** The plan's deadline is reminded from this many days before it. */
export const correctionDueSoonDays = 30;

export function correctionDeadlineState(
  status: CorrectionPlanStatus,
  deadline: IsoDate,
  today: IsoDate,
): CorrectionDeadlineState {
  if (status !== 'open') return null;
  if (deadline < today) return 'overdue';
  return deadline <= addDays(today, correctionDueSoonDays) ? 'due_soon' : null;
}

/**
 * Checks closing a plan: only an open one; a note of what happened; 仍无转变 names the proposal (劝退 or 除名), 改正
 * names none. Returns the Chinese problems (empty when it may close).
 */
export function correctionOutcomeViolations(
  status: CorrectionPlanStatus,
  o: CorrectionOutcome,
): { kind: 'conflict' | 'field'; path: string | null; message: string }[] {
  if (status !== 'open')
    return [
      {
        kind: 'conflict',
        path: null,
        message: `该限期改正计划${correctionPlanStatusLabels[status]}，不能再次办结`,
      },
    ];
  const out: { kind: 'conflict' | 'field'; path: string | null; message: string }[] = [];
  if (!o.note.trim()) out.push({ kind: 'field', path: 'note', message: '改正情况：须写明改正情况' });
  if (o.outcome === 'unchanged' && !o.proposal)
    out.push({
      kind: 'field',
      path: 'proposal',
      message:
        '处置建议：限期改正仍无转变的，应劝其退党或予以除名（党员教育管理工作条例第三十一条），须选择处置建议',
    });
  if (o.outcome === 'corrected' && o.proposal)
    out.push({ kind: 'field', path: 'proposal', message: '处置建议：已改正的不提出劝退或除名' });
  return out;
}
