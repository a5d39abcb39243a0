/**
 * 述职评议 as alerts, a findings provider: core `evaluateDutyReviewRules` on each org's latest published grade — a
 * 差 raises `duty_review.poor` on the secretary's org with its clause — and core `evaluateReportRules` on the 述职报告
 * not submitted while a campaign takes them: `duty_review.report_due` in the week before the deadline (the morning
 * reminder three days before goes to the secretary, `reminderOf`), `duty_review.report_overdue` after it. A write to
 * a campaign's secretaries marks their orgs (migration 20261214_1100_duty_reviews), and so does a change of the
 * campaign's status or deadline (20261218_0800_duty_review_report_due); publication touches them.
 */
import {
  type DutyReviewRuleId,
  dutyReviewRuleCatalogue,
  evaluateDutyReviewRules,
  evaluateReportRules,
  type Finding,
  type RuleId,
} from '@dangjian/core';
import type { FindingsProvider } from '../../http/findings.ts';
import { usersOfPeople } from '../notifications/service.ts';
import { pendingReports, subjectOfOrg } from './repo.ts';
import { dutyReviewLink, latestDutyReviewGrades } from './service.ts';

const reportSubject = /^duty-review-report-(\d+)$/;

export const dutyReviewFindingsProvider: FindingsProvider = {
  id: 'duty_review',
  ruleIds: Object.keys(dutyReviewRuleCatalogue) as DutyReviewRuleId[],
  reads: ['org', 'duty_review_subject'],
  evaluate: async (db, today, orgIds): Promise<Finding<RuleId>[]> => {
    const [grades, pending] = await Promise.all([
      latestDutyReviewGrades(db, orgIds),
      pendingReports(db, orgIds),
    ]);
    return [
      ...evaluateDutyReviewRules(
        grades.map((g) => ({
          campaignId: g.reviewId,
          campaignTitle: g.reviewTitle,
          year: g.year,
          org: { id: g.orgId, name: g.orgName },
          secretaryName: g.personName,
          grade: g.grade,
          rectificationCount: g.rectificationIds.length,
        })),
      ),
      ...evaluateReportRules(
        pending.map((p) => ({
          campaignId: p.review_id,
          campaignTitle: p.title,
          year: p.year,
          org: { id: p.org_id, name: p.org_name },
          secretaryName: p.person_name,
          reportDueOn: p.report_due_on,
        })),
        today,
      ),
    ];
  },
  /** A report's deadline reminder goes to the secretary who writes it (whoever holds the org's post now), to the campaign. */
  async reminderOf(trx, f) {
    const id = reportSubject.exec(f.subject ?? '')?.[1];
    if (f.ruleId !== 'duty_review.report_due' || !id) return null;
    const s = await subjectOfOrg(trx, Number(id), f.orgId);
    if (!s || s.report_submitted_at !== null) return { userIds: [], link: dutyReviewLink(Number(id)) };
    return { userIds: await usersOfPeople(trx, [s.person_id]), link: dutyReviewLink(Number(id)) };
  },
};
