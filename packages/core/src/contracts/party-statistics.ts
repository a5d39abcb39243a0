/**
 * The yearly party statistics (党内统计年报) of 民主评议党员 and 述职评议: per year, over the caller's scope (or one
 * subtree of it), the appraisal results of the branches and the published 述职 grades by level — read from the two
 * modules' facts, never entered again.
 */
import { z } from 'zod';
import { appraisalStatuses } from '../appraisal/procedure.ts';
import { appraisalGrades, dutyReviewGrades } from '../ballots/choices.ts';
import { dutyReviewLevels } from '../duty-review/dictionaries.ts';
import { idParam } from './common.ts';

/** GET /api/party-statistics (and .xlsx): the year (this year by default) and an optional subtree. */
export const partyStatisticsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Orgs of this subtree (checked against the caller's scope). */
  orgId: idParam.optional(),
});
export type PartyStatisticsQuery = z.output<typeof partyStatisticsQuery>;

/** Chinese names of the query fields, for validation messages. */
export const partyStatisticsFieldLabels = { year: '统计年度', orgId: '党组织' } as const;

const appraisalCounts = z.object(
  Object.fromEntries(appraisalGrades.map((g) => [g, z.number()])) as {
    [K in (typeof appraisalGrades)[number]]: z.ZodNumber;
  },
);
export type AppraisalGradeCounts = z.output<typeof appraisalCounts>;
const dutyCounts = z.object(
  Object.fromEntries(dutyReviewGrades.map((g) => [g, z.number()])) as {
    [K in (typeof dutyReviewGrades)[number]]: z.ZodNumber;
  },
);
export type DutyReviewGradeCounts = z.output<typeof dutyCounts>;

/** How far a branch's appraisal of the year went: none started, under way (its status), or completed. */
export const branchAppraisalStates = ['not_started', 'in_progress', 'completed'] as const;
export type BranchAppraisalState = (typeof branchAppraisalStates)[number];
export const branchAppraisalStateLabels = {
  not_started: '未开展',
  in_progress: '进行中',
  completed: '已完成',
} as const satisfies Record<BranchAppraisalState, string>;

const org = z.object({ id: z.number(), name: z.string() });

export const partyStatistics = z.object({
  year: z.number(),
  /** The subtree asked for, or null for the caller's whole scope. */
  org: org.nullable(),
  appraisal: z.object({
    /** Branches in scope (not archived). */
    branches: z.number(),
    completed: z.number(),
    notCompleted: z.number(),
    /** Over the completed appraisals: everyone on the roll (参加评议人数). */
    participants: z.number(),
    /** 预备党员 on those rolls: they take part and get no grade. */
    probationary: z.number(),
    /** Full members graded by the 党员大会. */
    graded: z.number(),
    counts: appraisalCounts,
    rows: z.array(
      z.object({
        org,
        state: z.enum(branchAppraisalStates),
        status: z.enum(appraisalStatuses).nullable(),
        appraisalId: z.number().nullable(),
        completedOn: z.string().nullable(),
        participants: z.number(),
        probationary: z.number(),
        counts: appraisalCounts.nullable(),
      }),
    ),
  }),
  dutyReview: z.object({
    /** Secretaries with a published grade of the year. */
    graded: z.number(),
    counts: dutyCounts,
    levels: z.array(z.object({ level: z.enum(dutyReviewLevels), total: z.number(), counts: dutyCounts })),
    rows: z.array(
      z.object({
        org,
        level: z.enum(dutyReviewLevels),
        personName: z.string(),
        grade: z.enum(dutyReviewGrades),
        reviewId: z.number(),
      }),
    ),
  }),
});
export type PartyStatistics = z.output<typeof partyStatistics>;
