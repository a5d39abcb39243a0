/**
 * Findings of 述职评议: a secretary whose latest published grade is 差 (中组部 述职评议考核办法 2019 第三条 [C]) —
 * on the secretary's org, keyed by the campaign, until a later published campaign grades the org otherwise; and a
 * 述职报告 not submitted while the campaign asks for it: due within a week, or overdue (第二条 [C]).
 */
import { type DutyReviewGrade, dutyReviewGradeLabels } from '../ballots/choices.ts';
import { addDays, type IsoDate } from '../dates.ts';
import type { DutyReviewRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';

/** An org's latest published grade (the read's row). */
export interface DutyReviewGradeFact {
  campaignId: number;
  campaignTitle: string;
  year: number;
  org: { id: number; name: string };
  secretaryName: string;
  grade: DutyReviewGrade;
  /** 整改 items the 点评 opened for this secretary. */
  rectificationCount: number;
}

/** The findings of the latest grades: one per org graded 差. */
export function evaluateDutyReviewRules(latest: readonly DutyReviewGradeFact[]): Finding<DutyReviewRuleId>[] {
  return latest
    .filter((f) => f.grade === 'poor')
    .map((f) =>
      finding(
        'duty_review.poor',
        f.org,
        `${f.year}年度书记抓党建述职评议考核（${f.campaignTitle}）中，${f.org.name}书记${f.secretaryName}的等次为${dutyReviewGradeLabels[f.grade]}。`,
        f.rectificationCount > 0
          ? `上级党组织负责人约谈，按点评意见形成的${f.rectificationCount}项整改事项限期整改。`
          : '上级党组织负责人约谈；将点评意见转为整改事项（整改方案 + 整改责任清单），限期整改。',
        { subject: `duty-review-${f.campaignId}`, period: String(f.year) },
      ),
    );
}

/** Points of a grade on the 4-level scale (好 4 … 差 1), the assessment metric's value. */
export const dutyReviewGradePoints = {
  good: 4,
  fairly_good: 3,
  average: 2,
  poor: 1,
} as const satisfies Record<DutyReviewGrade, number>;

/** Days before the 述职报告's deadline from which the secretary is reminded (a finding, then the 3-day notice). */
export const reportReminderDays = 7;

/** A secretary's 述职报告 not yet submitted in a campaign still taking reports (the read's row). */
export interface PendingReportFact {
  campaignId: number;
  campaignTitle: string;
  year: number;
  org: { id: number; name: string };
  secretaryName: string;
  reportDueOn: IsoDate;
}

/**
 * The findings of the reports not submitted: `duty_review.report_due` from a week before the deadline to the
 * deadline itself, `duty_review.report_overdue` after it. Nothing earlier; a submitted report is not a fact here.
 */
export function evaluateReportRules(
  pending: readonly PendingReportFact[],
  today: IsoDate,
): Finding<DutyReviewRuleId>[] {
  const out: Finding<DutyReviewRuleId>[] = [];
  for (const p of pending) {
    const extra = {
      subject: `duty-review-report-${p.campaignId}`,
      period: String(p.year),
      dueDate: p.reportDueOn,
    };
    if (p.reportDueOn < today)
      out.push(
        finding(
          'duty_review.report_overdue',
          p.org,
          `${p.campaignTitle}的述职报告截止日期为 ${p.reportDueOn}，${p.org.name}书记${p.secretaryName}尚未提交。`,
          '书记尽快撰写并提交本人的抓党建述职报告（含党员教育管理工作）；组织单位督促。',
          extra,
        ),
      );
    else if (addDays(today, reportReminderDays) >= p.reportDueOn)
      out.push(
        finding(
          'duty_review.report_due',
          p.org,
          `${p.campaignTitle}的述职报告将于 ${p.reportDueOn} 截止，${p.org.name}书记${p.secretaryName}尚未提交。`,
          '在截止日期前撰写并提交本人的抓党建述职报告（含党员教育管理工作）。',
          extra,
        ),
      );
  }
  return out;
}
