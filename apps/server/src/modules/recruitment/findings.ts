/**
 * 发展党员 deadlines as alerts and reminders. Nothing is stored: every open dossier's nextDue (packages/core)
 * is computed on the day. A due item that is reminding becomes an alerts finding on the dossier's branch
 * (so the branch secretary, the 总支 above and the 组织部 see it through the alerts' path scope): an error
 * once overdue, a warning before.
 */
import {
  addDays,
  type Finding,
  finding,
  type IsoDate,
  isOverdue,
  isReminding,
  type RecruitmentReminder,
  type RuleId,
  type RuleSettings,
  recruitmentDueRuleCatalogue,
  recruitmentStepInfo,
  ruleCatalogue,
} from '@dangjian/core';
import type { Actor, Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { getRuleSettings } from '../settings/service.ts';
import { duesOf, loadDossiers } from './pipeline.ts';

/** How far ahead the reminders list looks. */
export const reminderHorizonDays = 30;

const isAlertRule = (id: string): id is RuleId => id in ruleCatalogue;

/** 发展党员 deadlines that remind today, as a findings provider. */
export const recruitmentFindingsProvider: FindingsProvider = {
  id: 'recruitment',
  ruleIds: Object.keys(recruitmentDueRuleCatalogue) as RuleId[],
  reads: ['org', 'person', 'recruitment'],
  evaluate: async (db, today, orgIds) => recruitmentFindings(db, today, await getRuleSettings(db), orgIds),
};

/** Findings of every open dossier of the college whose deadline is reminding today. */
export async function recruitmentFindings(
  db: Db | Trx,
  today: IsoDate,
  settings: RuleSettings,
  orgIds: readonly number[] | null = null,
): Promise<Finding<RuleId>[]> {
  const dossiers = await loadDossiers(db, {
    scope: { kind: 'all' },
    inProgressOnly: true,
    ...(orgIds ? { orgIds } : {}),
  });
  const out: Finding<RuleId>[] = [];
  for (const d of dossiers)
    for (const due of duesOf(d, settings, today)) {
      if (!isReminding(due, today) || !isAlertRule(due.ruleId)) continue;
      const overdue = isOverdue(due, today);
      const step = recruitmentStepInfo[due.step];
      out.push(
        finding(
          due.ruleId,
          { id: d.orgId, name: d.orgName },
          `${d.personName}：${overdue ? `已逾期（期限 ${due.dueOn}）。` : ''}${due.message}`,
          `请及时完成第${step.no}步“${step.label}”，并在发展党员档案中登记。`,
          {
            severity: overdue ? 'error' : 'warning',
            dueDate: due.dueOn,
            personId: d.personId,
            subject: `dossier-${d.id}-step-${due.step}`,
          },
        ),
      );
    }
  return out;
}

/**
 * GET /api/recruitment/reminders: the due items of the caller's open dossiers that remind today or will
 * within `reminderHorizonDays`, earliest deadline first.
 */
export async function recruitmentReminders(
  db: Db,
  actor: Actor,
  today: IsoDate,
): Promise<RecruitmentReminder[]> {
  const [dossiers, settings] = await Promise.all([
    loadDossiers(db, { scope: actor.scope, inProgressOnly: true }),
    getRuleSettings(db),
  ]);
  const horizon = addDays(today, reminderHorizonDays);
  return dossiers
    .flatMap((d) =>
      duesOf(d, settings, today)
        .filter((due) => due.remindFrom <= horizon)
        .map((due) => ({
          recruitmentId: d.id,
          personName: d.personName,
          orgId: d.orgId,
          orgName: d.orgName,
          ...due,
          overdue: isOverdue(due, today),
          reminding: isReminding(due, today),
        })),
    )
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.recruitmentId - b.recruitmentId));
}
