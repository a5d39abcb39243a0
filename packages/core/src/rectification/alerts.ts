/**
 * Rectification items as alerts (监测预警, issue 15 item 7): an item due within 7 days, an item overdue (a 巡察
 * feedback item cites the 巡视工作条例), an item extended twice or more, and an item submitted and not verified for
 * 14 days, which is the verifier's. Each finding goes when the record that settles it is entered: the item
 * submitted or closed, its deadline extended, its milestone done, its verification recorded. Pure: facts in,
 * findings out.
 */
import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import type { RectificationRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { RectificationSource } from './dictionaries.ts';
import { type RectificationState, rectificationNextDue } from './lifecycle.ts';

/** How many days ahead an item's next due date starts to remind. */
export const rectificationReminderDays = 7;
/** How many days an item may wait, submitted, for the level above to verify it. */
export const rectificationVerificationDays = 14;
/** From how many approved extensions an item is reported. */
export const rectificationExtensionsReported = 2;

/** What the rules read of one item that is not yet closed. */
export interface RectificationAlertFacts {
  id: number;
  org: { id: number; name: string };
  /** The org that verifies it (core `rectificationVerifierLevel`: the 总支 above, or the committee). */
  verifierOrg: { id: number; name: string };
  source: RectificationSource;
  problem: string;
  state: RectificationState;
  /** The day it was submitted (Asia/Shanghai), while it is submitted. */
  submittedOn: IsoDate | null;
}

/** The problem as a finding quotes it: its first line, at most 24 characters. */
function quote(problem: string): string {
  const line = problem.split('\n')[0]!.trim();
  return `“${line.length > 24 ? `${line.slice(0, 24)}…` : line}”`;
}

/** The next due date of an item and, when it is a milestone's, the milestone. */
function nextDueOf(state: RectificationState): { on: IsoDate; what: string } {
  const on = rectificationNextDue(state);
  const milestone = state.milestones.find((m) => m.doneOn === null && m.dueOn === on);
  return { on, what: milestone && on !== state.deadline ? `整改阶段“${milestone.title}”` : '整改' };
}

/**
 * The findings of the items on `today`, each keyed by its item (`subject` rectification-<id>): filed on the item's
 * org, except a verification waiting too long, which is the verifier's. Closed items have none.
 */
export function evaluateRectificationRules(
  items: readonly RectificationAlertFacts[],
  today: IsoDate,
): Finding<RectificationRuleId>[] {
  const out: Finding<RectificationRuleId>[] = [];
  for (const item of items) {
    const { state } = item;
    const subject = `rectification-${item.id}`;
    const named = `整改事项${quote(item.problem)}`;
    if (state.status === 'pending' || state.status === 'in_progress') {
      const due = nextDueOf(state);
      if (due.on < today) {
        const rule =
          item.source === 'inspection' ? 'rectification.inspection_overdue' : 'rectification.overdue';
        out.push(
          finding(
            rule,
            item.org,
            `${named}${due.what}已逾期${daysBetween(due.on, today)}天（期限 ${due.on}）。`,
            rule === 'rectification.inspection_overdue'
              ? '巡察反馈问题须按期整改到位：请抓紧整改并提交销号，确有困难的说明理由后申请延期；主要负责人为整改第一责任人。'
              : '请抓紧整改并提交销号；确有困难的，说明理由后申请延期，由上级党组织审核。',
            { dueDate: due.on, subject },
          ),
        );
      } else if (due.on <= addDays(today, rectificationReminderDays)) {
        const left = daysBetween(today, due.on);
        out.push(
          finding(
            'rectification.due_soon',
            item.org,
            `${named}${due.what}将于 ${due.on} 到期（${left === 0 ? '今天到期' : `还有${left}天`}）。`,
            '请按期完成整改，登记佐证后提交销号；确有困难的，在到期前申请延期。',
            { dueDate: due.on, subject },
          ),
        );
      }
      if (state.extensions >= rectificationExtensionsReported)
        out.push(
          finding(
            'rectification.extended_twice',
            item.org,
            `${named}已延期${state.extensions}次（原定期限 ${state.originalDeadline}，现期限 ${state.deadline}）。`,
            '请分析多次延期的原因，压实整改责任，确保在现期限内整改到位。',
            { subject },
          ),
        );
    }
    if (state.status === 'submitted' && item.submittedOn !== null) {
      const waited = daysBetween(item.submittedOn, today);
      if (waited >= rectificationVerificationDays)
        out.push(
          finding(
            'rectification.verification_late',
            item.verifierOrg,
            `${item.org.name}的${named}于 ${item.submittedOn} 提交销号，已${waited}天未审核。`,
            '请及时审核：整改到位的予以销号，未到位的退回并说明需继续整改的内容。',
            { subject },
          ),
        );
    }
  }
  return out;
}
