/**
 * What 民主评议党员 leaves waiting (待办): for a member on the roll, the 个人自评 to write while it is open; for the
 * branch's own secretaries, the next step of an appraisal under way (互评 or 民主测评 to open, the vote to close, the
 * 支委会's proposal, the 党员大会's decision) and a 限期改正 plan due within 30 days or overdue. Nothing is stored.
 */
import {
  appraisalStatusLabels,
  appraisalYearEnd,
  correctionDeadlineState,
  type InboxItem,
  isSelfAssessmentOpen,
} from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import * as repo from './repo.ts';

const linkOf = (id: number) => `/member-appraisals/${id}`;

const nextStep: Record<string, string> = {
  self_assessment: '党员填写个人自评后，开始民主测评（设互评的先开始党员互评）',
  peer_review: '党员互评后，开始民主测评',
  voting: '民主测评结束、纸质票录入一致后，结束民主测评',
  proposal: '支委会根据测评结果提出每名正式党员的评定等次',
  decision: '召开党员大会决定评定等次，对不合格党员制定限期改正计划',
};

export const appraisalInboxProvider: InboxProvider = {
  id: 'member_appraisal',
  async items(db, actor, today, ownOrgs) {
    const out: InboxItem[] = [];
    if (actor.personId !== null)
      for (const a of await repo.appraisalsOfPerson(db, actor.personId, Number(today.slice(0, 4)) - 1))
        if (isSelfAssessmentOpen(a.status) && a.self_assessment === null)
          out.push({
            kind: 'member_appraisal.self',
            title: `填写${a.year}年度民主评议个人自评`,
            detail: `${a.org_name}正在开展民主评议党员，请对照党员标准写出个人自评。`,
            orgName: a.org_name,
            dueDate: null,
            overdue: false,
            link: '/me/appraisal',
          });
    if (!actor.permissions.has('appraisal:member:manage') || ownOrgs.length === 0) return out;
    for (const a of await repo.openAppraisals(db, ownOrgs)) {
      const end = appraisalYearEnd(a.year);
      out.push({
        kind: 'member_appraisal.step',
        title: `${a.year}年度民主评议党员：${appraisalStatusLabels[a.status]}`,
        detail: nextStep[a.status] ?? '',
        orgName: a.org_name,
        dueDate: end,
        overdue: end < today,
        link: linkOf(a.id),
      });
    }
    for (const p of await repo.openPlans(db, ownOrgs)) {
      const due = correctionDeadlineState(p.status, p.deadline, today);
      if (due === null) continue;
      out.push({
        kind: 'member_appraisal.plan',
        title: `${p.person_name}限期改正${due === 'overdue' ? '期满未作结论' : '即将期满'}`,
        detail: `改正期限 ${p.deadline}：请作出结论（已改正，或仍无转变的提出劝其退党或除名的意见）。`,
        orgName: p.org_name,
        dueDate: p.deadline,
        overdue: due === 'overdue',
        link: linkOf(p.appraisal_id),
      });
    }
    return out;
  },
};
