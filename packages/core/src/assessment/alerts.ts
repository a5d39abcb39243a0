/**
 * The deadlines of a round as alerts: an org's 自评 due within `assessmentReminderDays` or passed and not
 * submitted (on the org), and a 党总支's review of its branches due soon or passed (on the 总支, one finding per
 * round naming the branches waiting). The days are the round's (`selfDueOn`, `reviewDueOn`); a round without them
 * raises nothing. The 组织部's own steps wait in its 待办, not in the alerts (the 党委 is not an org with findings).
 */
import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import type { AssessmentRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { AssessmentStatus } from './dictionaries.ts';

/** Days before a deadline that it is announced. */
export const assessmentReminderDays = 7;

/** One org of a round, as the alerts read it. */
export interface AssessmentAlertFacts {
  round: { id: number; title: string; selfDueOn: IsoDate | null; reviewDueOn: IsoDate | null };
  org: { id: number; name: string };
  status: AssessmentStatus;
  /** The 党总支 that reviews the org (null: none above it). */
  generalBranch: { id: number; name: string } | null;
}

const left = (today: IsoDate, due: IsoDate) => {
  const n = daysBetween(today, due);
  return n === 0 ? '今天截止' : `还有${n}天`;
};

/** The alerts of the rounds' deadlines on `today`. */
export function evaluateAssessmentRules(
  rows: readonly AssessmentAlertFacts[],
  today: IsoDate,
): Finding<AssessmentRuleId>[] {
  const out: Finding<AssessmentRuleId>[] = [];
  const reviews = new Map<string, { row: AssessmentAlertFacts; orgs: string[] }>();
  for (const r of rows) {
    const subject = `assessment-${r.round.id}`;
    const named = `《${r.round.title}》`;
    const due = r.round.selfDueOn;
    if (r.status === 'self_assessment' && due !== null) {
      if (due < today)
        out.push(
          finding(
            'assessment.self_overdue',
            r.org,
            `${named}：自评应于 ${due} 前提交，已逾期${daysBetween(due, today)}天。`,
            '请尽快完成评审项的自评并提交；自动计算的指标由平台按记录计算，无需填写。',
            { dueDate: due, subject },
          ),
        );
      else if (due <= addDays(today, assessmentReminderDays))
        out.push(
          finding(
            'assessment.self_due_soon',
            r.org,
            `${named}：自评将于 ${due} 截止（${left(today, due)}）。`,
            '请对照评分标准完成评审项的自评并按时提交；自动计算的指标由平台按记录计算，无需填写。',
            { dueDate: due, subject },
          ),
        );
    }
    if (r.status === 'general_branch_review' && r.generalBranch && r.round.reviewDueOn !== null) {
      const key = `${r.round.id}|${r.generalBranch.id}`;
      const entry = reviews.get(key) ?? { row: r, orgs: [] };
      entry.orgs.push(r.org.name);
      reviews.set(key, entry);
    }
  }
  for (const { row, orgs } of reviews.values()) {
    const due = row.round.reviewDueOn!;
    const gb = row.generalBranch!;
    const subject = `assessment-${row.round.id}`;
    const waiting = `${orgs.length} 个支部待审核（${orgs.join('、')}）`;
    if (due < today)
      out.push(
        finding(
          'assessment.review_overdue',
          gb,
          `《${row.round.title}》：所属支部的自评应于 ${due} 前审核完毕，已逾期${daysBetween(due, today)}天，${waiting}。`,
          '请尽快审核：评分有出入的写明理由后调整，需要修改的退回支部。',
          { dueDate: due, subject },
        ),
      );
    else if (due <= addDays(today, assessmentReminderDays))
      out.push(
        finding(
          'assessment.review_due_soon',
          gb,
          `《${row.round.title}》：所属支部自评的审核将于 ${due} 截止（${left(today, due)}），${waiting}。`,
          '请按时审核所属支部的自评，审核通过后报组织部审核。',
          { dueDate: due, subject },
        ),
      );
  }
  return out;
}
