/**
 * 选拔任用 as alerts, a findings provider: core `evaluateAppointmentRules` on the appointments in 公示 or 试用期 and
 * those owing training — 公示 over and 任职 due, 试用期 ending within 30 days and over (转正 due, 条例第四十二条), training
 * owed after 提任 not completed within the year — all on the 党委 (whose scope is the 组织部's and 校领导's; a secretary's
 * never holds it). The morning reminder of one due within 3 days goes to the 组织部 (`reminderOf`), to the appointment.
 */
import {
  addDays,
  type CadreAppointmentRuleId,
  cadreAppointmentRuleCatalogue,
  evaluateAppointmentRules,
  type Finding,
  type IsoDate,
  type RuleId,
  trainingRequirements,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { DueFinding, DueReminder, FindingsProvider } from '../../http/findings.ts';
import { cadreManagers } from '../cadres/service.ts';
import { trainingHoursOf } from '../trainings/service.ts';
import * as repo from './repo.ts';
import { appointmentLink, stateOf } from './service.ts';

export const cadreAppointmentFindingsProvider: FindingsProvider = {
  id: 'cadre_appointment',
  ruleIds: Object.keys(cadreAppointmentRuleCatalogue) as CadreAppointmentRuleId[],
  reads: ['cadre_appointment', 'training_course', 'training_attendance', 'external_training', 'activity'],
  evaluate: (db, today, orgIds) => appointmentFindings(db, today, orgIds),
  reminderOf,
};

/** The open appointments with their training facts, as core's alerts and the 待办 read them. */
export async function appointmentFacts(db: Db | Trx, today: IsoDate) {
  const rows = await repo.openAppointments(db);
  const owing = rows.filter((r) => r.training_due_on !== null && r.decided_on !== null);
  const hours = new Map<number, number>();
  // Hours from the decision to the due day (or today, before it), per appointment.
  for (const r of owing) {
    const to = r.training_due_on! < today ? r.training_due_on! : today;
    const h = await trainingHoursOf(db, { personIds: [r.person_id], from: r.decided_on!, to });
    hours.set(r.id, h.get(r.person_id)?.total ?? 0);
  }
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    postTitle: r.post_title,
    unitName: r.unit_name,
    org: { id: r.org_id, name: r.org_name },
    state: stateOf(r),
    trainingDueOn: r.training_due_on,
    trainingHoursSince: hours.get(r.id) ?? 0,
    trainingHoursRequired: trainingRequirements.cadre.hours,
  }));
}

async function appointmentFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const facts = (await appointmentFacts(db, today)).filter(
    (f) => orgIds === null || orgIds.includes(f.org.id),
  );
  return evaluateAppointmentRules(facts, today);
}

/** A reminder goes to the 组织部's people and opens the appointment. */
async function reminderOf(trx: Trx, f: DueFinding): Promise<DueReminder | null> {
  const id = Number(/^cadre-appointment-(\d+)/.exec(f.subject ?? '')?.[1]);
  if (!id) return null;
  return { userIds: await cadreManagers(trx), link: appointmentLink(id) };
}

/** The 待办's window for training owed: from 3 months before its last day. */
export const trainingOwedReminderFrom = (dueOn: IsoDate) => addDays(dueOn, -90);
