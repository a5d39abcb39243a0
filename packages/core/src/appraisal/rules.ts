/**
 * Findings of 民主评议党员 (catalogue `appraisalRuleCatalogue`): a member graded 不合格 while their 限期改正 plan is open
 * (第三十条), the plan's deadline within 30 days or passed without its conclusion (第三十条、第三十一条), and a branch's
 * appraisal of a year not completed once that year has ended (第十八条).
 */
import { daysBetween, type IsoDate } from '../dates.ts';
import type { AppraisalRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import { type CorrectionPlanStatus, correctionDeadlineState } from './correction-plan.ts';
import { type AppraisalStatus, appraisalStatusLabels, appraisalYearEnd } from './procedure.ts';

/** An appraisal as the rules read it. */
export interface AppraisalAlertFacts {
  id: number;
  org: { id: number; name: string };
  year: number;
  status: AppraisalStatus;
}

/** An open or closed 限期改正 plan as the rules read it. */
export interface CorrectionPlanAlertFacts {
  id: number;
  org: { id: number; name: string };
  personId: number;
  personName: string;
  year: number;
  status: CorrectionPlanStatus;
  deadline: IsoDate;
}

/** The findings of appraisals and plans on `today`. */
export function evaluateAppraisalRules(
  appraisals: readonly AppraisalAlertFacts[],
  plans: readonly CorrectionPlanAlertFacts[],
  today: IsoDate,
): Finding<AppraisalRuleId>[] {
  const out: Finding<AppraisalRuleId>[] = [];
  for (const a of appraisals) {
    const end = appraisalYearEnd(a.year);
    if (a.status === 'completed' || end >= today) continue;
    out.push(
      finding(
        'appraisal.not_completed',
        a.org,
        `${a.year}年度民主评议党员至年底未完成（${appraisalStatusLabels[a.status]}）。`,
        '请完成民主测评，由支委会提出、党员大会决定评定等次。',
        { period: String(a.year), subject: `member-appraisal-${a.id}`, dueDate: end },
      ),
    );
  }
  for (const p of plans) {
    if (p.status !== 'open') continue;
    const subject = `correction-plan-${p.id}`;
    out.push(
      finding(
        'appraisal.unqualified_member',
        p.org,
        `${p.personName}在${p.year}年度民主评议中被评为不合格，正在限期改正（期限至 ${p.deadline}）。`,
        '请按改正措施做好教育帮助，记录改正情况，期满作出结论。',
        { personId: p.personId, subject },
      ),
    );
    const due = correctionDeadlineState(p.status, p.deadline, today);
    if (due === 'overdue')
      out.push(
        finding(
          'appraisal.plan_overdue',
          p.org,
          `${p.personName}的限期改正已于 ${p.deadline} 期满${daysBetween(p.deadline, today)}天，尚未作出结论。`,
          '请党支部作出结论：已改正的予以记录；仍无转变的，提出劝其退党或除名的意见。',
          { personId: p.personId, subject, dueDate: p.deadline },
        ),
      );
    else if (due === 'due_soon')
      out.push(
        finding(
          'appraisal.plan_due',
          p.org,
          `${p.personName}的限期改正将于 ${p.deadline} 期满。`,
          '请在期满时作出结论：已改正的予以记录；仍无转变的，提出劝其退党或除名的意见。',
          { personId: p.personId, subject, dueDate: p.deadline },
        ),
      );
  }
  return out;
}
