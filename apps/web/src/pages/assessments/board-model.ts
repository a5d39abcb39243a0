import type { AssessmentStatus, OrgAssessmentItem } from '@dangjian/core';
import { groupNameOf } from './star-model';

/** The round board's filters: the 总支 (by name; 党委直属 for orgs with none), the step, part of the name. */
export interface BoardFilters {
  parent?: string | undefined;
  status?: AssessmentStatus | undefined;
  q?: string | undefined;
}

/** The order of the board: orgs waiting for someone first (by step), then 公示中, 已确定 and 不参评. */
const statusOrder: Record<AssessmentStatus, number> = {
  self_assessment: 0,
  general_branch_review: 1,
  department_review: 2,
  committee_decision: 3,
  public_notice: 4,
  final: 5,
  not_rated: 6,
};

/** The board's orgs that pass the filters, by step then in the server's order. */
export function filterBoardOrgs(
  orgs: readonly OrgAssessmentItem[],
  f: BoardFilters,
  committeeIds: ReadonlySet<number> = new Set(),
): OrgAssessmentItem[] {
  const q = f.q?.trim();
  return orgs
    .map((o, i) => ({ o, i }))
    .filter(
      ({ o }) =>
        (f.parent === undefined || groupNameOf(o, committeeIds) === f.parent) &&
        (f.status === undefined || o.status === f.status) &&
        (!q || o.orgName.includes(q)),
    )
    .sort((a, b) => statusOrder[a.o.status] - statusOrder[b.o.status] || a.i - b.i)
    .map(({ o }) => o);
}
