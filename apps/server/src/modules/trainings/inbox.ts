/**
 * What training leaves waiting (待办) for an org's own people: a new secretary of the org to be trained (from 4
 * months after taking office, due at 6), and — from the reminder month on — how many of the org's members are
 * still under the year's requirement, one item per org opening the 学时 list filtered to them (a reminder, never a
 * ranking). Nothing is stored.
 */
import {
  addMonths,
  type InboxItem,
  isNewSecretaryTrained,
  newSecretaryTrainingDue,
  trainingStanding,
} from '@dangjian/core';
import type { InboxProvider } from '../../http/inbox.ts';
import { pathInScope } from '../../http/scope.ts';
import { getTrainingSettings } from '../settings/service.ts';
import { newSecretaries } from './findings.ts';
import * as repo from './repo.ts';
import { classesOf, trainingHoursOf } from './service.ts';

export const trainingInboxProvider: InboxProvider = {
  id: 'training',
  async items(db, actor, today, ownOrgs) {
    if (!actor.permissions.has('training:course:manage') || ownOrgs.length === 0) return [];
    const out: InboxItem[] = [];
    for (const s of await newSecretaries(db, today, ownOrgs)) {
      const due = newSecretaryTrainingDue(s.since);
      if (isNewSecretaryTrained(s.since, s.trainedOn) || today < addMonths(s.since, 4)) continue;
      out.push({
        kind: 'training.new_secretary',
        title: `新任书记培训：${s.name}（${s.org.name}）`,
        detail: `${s.since} 任书记，应在 ${due} 前参加集中培训；参加后在培训班登记签到或录入外部培训。`,
        orgName: s.org.name,
        link: `/training-hours/${s.personId}`,
        dueDate: due,
        overdue: today > due,
      });
    }
    const settings = await getTrainingSettings(db);
    if (Number(today.slice(5, 7)) < settings.reminderFromMonth) return out;
    const year = Number(today.slice(0, 4));
    const roster = await repo.rosterPeople(db, {
      inScope: (c) => pathInScope(actor.scope, c),
      orgIds: ownOrgs,
    });
    const ids = roster.map((p) => p.id);
    const [classes, hours] = await Promise.all([
      classesOf(db, ids, year),
      trainingHoursOf(db, { personIds: ids, from: `${year}-01-01`, to: today }),
    ]);
    const shortByOrg = new Map<number, { name: string; count: number }>();
    for (const p of roster) {
      const s = trainingStanding(classes.get(p.id) ?? ['member'], hours.get(p.id)?.total ?? 0);
      if (s.met) continue;
      const o = shortByOrg.get(p.org_id!) ?? { name: p.org_name, count: 0 };
      o.count += 1;
      shortByOrg.set(p.org_id!, o);
    }
    for (const [orgId, o] of shortByOrg)
      out.push({
        kind: 'training.hours_short',
        title: `${o.name}有 ${o.count} 名党员${year}年学时未达要求`,
        detail:
          '党员每年集中学习培训一般不少于32学时，书记和班子成员不少于56学时：请在年底前安排培训或党课。',
        orgName: o.name,
        link: `/training-hours?orgId=${orgId}&deficit=true&year=${year}`,
        dueDate: `${year}-12-31`,
        overdue: false,
      });
    return out;
  },
};
