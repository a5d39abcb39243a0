/**
 * What assessments leave waiting (待办): for an org's secretaries, its 自评 (due on the round's 自评截止 when it has
 * one); for a 总支's secretaries, the branches whose 自评 waits for its review (one item per round, due on the 审核截止);
 * for the 组织部, per round, the orgs waiting for its review, for the 党委's decision to be recorded, and those whose
 * 公示 is over and whose result may be made final. Sides as the scorecard's buttons (service `reachOf`); nothing is
 * stored.
 */
import type { InboxItem } from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';
import { roundLink, scorecardLink } from './service.ts';

type Row = Awaited<ReturnType<typeof repo.waitingRows>>[number];

/** Rows grouped by round, in the order met. */
function byRound(rows: readonly Row[]): Row[][] {
  const groups = new Map<number, Row[]>();
  for (const r of rows) groups.set(r.round_id, [...(groups.get(r.round_id) ?? []), r]);
  return [...groups.values()];
}

const names = (rows: readonly Row[]) =>
  rows.length > 3
    ? `${rows
        .slice(0, 3)
        .map((r) => r.org_name)
        .join('、')}等 ${rows.length} 个党组织`
    : rows.map((r) => r.org_name).join('、');

export const assessmentInboxProvider: InboxProvider = {
  id: 'assessment',
  async items(db, actor, today, ownOrgs) {
    const out: InboxItem[] = [];
    const department = actor.permissions.has('assessment:round:manage') && actor.scope.kind === 'all';
    if (actor.permissions.has('assessment:round:assess') && !department && actor.scope.kind === 'subtrees') {
      const own = new Set(ownOrgs);
      const granted = new Set(actor.scope.orgIds);
      const rows = await repo.waitingRows(db, ['self_assessment', 'general_branch_review'], ownOrgs);
      for (const r of rows)
        if (r.status === 'self_assessment' && own.has(r.org_id) && granted.has(r.org_id))
          out.push({
            kind: 'assessment.self',
            title: `填写考核自评：${r.title}`,
            detail: r.self_due_on
              ? `请于 ${r.self_due_on} 前完成评审项的自评并提交；按记录自动计算的指标无需填写。`
              : '请完成评审项的自评并提交；按记录自动计算的指标无需填写。',
            orgName: r.org_name,
            dueDate: r.self_due_on,
            overdue: r.self_due_on !== null && r.self_due_on < today,
            link: scorecardLink(r.round_id, r.org_id),
          });
      const reviews = rows.filter(
        (r) =>
          r.status === 'general_branch_review' &&
          r.general_branch_id !== null &&
          own.has(r.general_branch_id),
      );
      for (const group of byRound(reviews)) {
        const first = group[0]!;
        out.push({
          kind: 'assessment.review',
          title: `审核所属支部考核自评：${first.title}`,
          detail: `已提交自评、待审核：${names(group)}${first.review_due_on ? `（审核截止 ${first.review_due_on}）` : ''}。`,
          orgName: null,
          dueDate: first.review_due_on,
          overdue: first.review_due_on !== null && first.review_due_on < today,
          link: roundLink(first.round_id),
        });
      }
    }
    if (department) {
      const rows = await repo.waitingRows(
        db,
        ['department_review', 'committee_decision', 'public_notice'],
        null,
      );
      for (const group of byRound(rows)) {
        const first = group[0]!;
        const link = roundLink(first.round_id);
        const review = group.filter((r) => r.status === 'department_review');
        const decide = group.filter((r) => r.status === 'committee_decision');
        const over = group.filter(
          (r) => r.status === 'public_notice' && r.notice_end_on !== null && r.notice_end_on < today,
        );
        if (review.length > 0)
          out.push({
            kind: 'assessment.review',
            title: `组织部审核考核评分：${first.title}`,
            detail: `待组织部审核：${names(review)}。`,
            orgName: null,
            dueDate: null,
            overdue: false,
            link,
          });
        if (decide.length > 0)
          out.push({
            kind: 'assessment.decide',
            title: `登记党委审定结果并公示：${first.title}`,
            detail: `已经组织部审核、待登记党委审定结果并公示：${names(decide)}。`,
            orgName: null,
            dueDate: null,
            overdue: false,
            link,
          });
        if (over.length > 0)
          out.push({
            kind: 'assessment.decide',
            title: `公示期满，确定考核结果：${first.title}`,
            detail: `公示期已满：${names(over)}。公示无异议的，请确定结果。`,
            orgName: null,
            dueDate: null,
            overdue: false,
            link,
          });
      }
    }
    return out;
  },
};
