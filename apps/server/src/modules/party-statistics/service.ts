/**
 * The yearly party statistics (党内统计年报) of 民主评议党员 and 述职评议 over the caller's scope: the branches and how
 * far their appraisal of the year went (member-appraisals `listAppraisals`), the grades the 党员大会 decided
 * (`appraisalResultsOf`), and the published 述职 grades by level (duty-reviews `dutyReviewGradesOf`). Nothing is
 * entered here: a grade changes only in its module, and the statistics follow.
 */
import {
  type AppraisalGradeCounts,
  appraisalGrades,
  type DutyReviewGradeCounts,
  dutyReviewGrades,
  dutyReviewLevels,
  type IsoDate,
  type PartyStatistics,
  type PartyStatisticsQuery,
} from '@dangjian/core';
import type { Actor, Db } from '../../http/context.ts';
import { pathInScope, subtreePathInScope } from '../../http/scope.ts';
import { dutyReviewGradesOf } from '../duty-reviews/service.ts';
import { appraisalResultsOf, listAppraisals } from '../member-appraisals/service.ts';
import * as repo from './repo.ts';

const zeroAppraisal = (): AppraisalGradeCounts =>
  Object.fromEntries(appraisalGrades.map((g) => [g, 0])) as AppraisalGradeCounts;
const zeroDuty = (): DutyReviewGradeCounts =>
  Object.fromEntries(dutyReviewGrades.map((g) => [g, 0])) as DutyReviewGradeCounts;

/** GET /api/party-statistics: the year's statistics of the scope, or of one subtree of it (404 outside). */
export async function partyStatistics(
  db: Db,
  actor: Actor,
  query: PartyStatisticsQuery,
  today: IsoDate,
): Promise<PartyStatistics> {
  const year = query.year ?? Number(today.slice(0, 4));
  const subtreePath = query.orgId ? await subtreePathInScope(db, actor, query.orgId) : undefined;
  const orgName = query.orgId ? await repo.orgName(db, query.orgId) : null;

  // 民主评议党员: every branch of the year, its appraisal (if started) and the decided grades of the completed ones.
  const branches = await repo.branchesOfYear(db, {
    inScope: (column) => pathInScope(actor.scope, column),
    subtreePath,
    year,
  });
  const appraisals = (
    await listAppraisals(db, actor, { year, orgId: query.orgId, page: 1, pageSize: 100_000 })
  ).items;
  const byOrg = new Map(appraisals.map((a) => [a.org.id, a]));
  const completedIds = appraisals.filter((a) => a.status === 'completed').map((a) => a.org.id);
  const results = await appraisalResultsOf(db, { orgIds: completedIds, year });
  const countsOf = new Map<number, AppraisalGradeCounts>();
  for (const r of results) {
    const c = countsOf.get(r.orgId) ?? zeroAppraisal();
    c[r.grade] += 1;
    countsOf.set(r.orgId, c);
  }
  const orgs = [...branches.map((b) => ({ id: b.id, name: b.name }))];
  // An appraisal of an org the branch list leaves out (a 临时党支部) still counts.
  for (const a of appraisals) if (!branches.some((b) => b.id === a.org.id)) orgs.push(a.org);
  const rows = orgs.map((o) => {
    const a = byOrg.get(o.id);
    const done = a?.status === 'completed';
    return {
      org: o,
      state: !a ? ('not_started' as const) : done ? ('completed' as const) : ('in_progress' as const),
      status: a?.status ?? null,
      appraisalId: a?.id ?? null,
      completedOn: a?.completedOn ?? null,
      participants: a?.rollSize ?? 0,
      probationary: a ? a.rollSize - a.graded : 0,
      counts: done ? (countsOf.get(o.id) ?? zeroAppraisal()) : null,
    };
  });
  const completed = rows.filter((r) => r.state === 'completed');
  const counts = zeroAppraisal();
  for (const r of completed) for (const g of appraisalGrades) counts[g] += r.counts![g];

  // 述职评议: the published grade of each org of the subtree, by the level of its campaign.
  const roots = query.orgId
    ? [query.orgId]
    : actor.scope.kind === 'subtrees'
      ? actor.scope.orgIds
      : actor.scope.kind === 'all'
        ? await repo.topLevelOrgs(db)
        : [];
  const grades = roots.length > 0 ? await dutyReviewGradesOf(db, { orgIds: roots, year }) : [];
  const dutyCounts = zeroDuty();
  for (const g of grades) dutyCounts[g.grade] += 1;
  const levels = dutyReviewLevels
    .map((level) => {
      const c = zeroDuty();
      const of = grades.filter((g) => g.level === level);
      for (const g of of) c[g.grade] += 1;
      return { level, total: of.length, counts: c };
    })
    .filter((l) => l.total > 0);

  return {
    year,
    org: query.orgId ? { id: query.orgId, name: orgName ?? '' } : null,
    appraisal: {
      branches: rows.length,
      completed: completed.length,
      notCompleted: rows.length - completed.length,
      participants: completed.reduce((n, r) => n + r.participants, 0),
      probationary: completed.reduce((n, r) => n + r.probationary, 0),
      graded: appraisalGrades.reduce((n, g) => n + counts[g], 0),
      counts,
      rows,
    },
    dutyReview: {
      graded: grades.length,
      counts: dutyCounts,
      levels,
      rows: grades.map((g) => ({
        org: { id: g.orgId, name: g.orgName },
        level: g.level,
        personName: g.personName,
        grade: g.grade,
        reviewId: g.reviewId,
      })),
    },
  };
}
