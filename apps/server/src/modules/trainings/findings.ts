/**
 * Training as alerts, a findings provider: core `evaluateTrainingRules` — from the reminder month on, each roster
 * member under the year's binding requirement (32, or 56 for a 书记 or 班子成员), on their branch; and a secretary
 * who took the post for the first time in the last two years and had no course or external training within 6
 * months of it, on the org they lead; a 中层干部 of the cadre roster under 90 (service `classesOf`), on their branch,
 * and one whose post is marked 县处级 under 550 over the 5 calendar years ending with this one (`seniorWindowHours`).
 */
import {
  addMonths,
  evaluateTrainingRules,
  type Finding,
  type IsoDate,
  type NewSecretaryFacts,
  type RuleId,
  type TrainingRuleId,
  trainingRuleCatalogue,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import type { FindingsProvider } from '../../http/findings.ts';
import { pathInScope } from '../../http/scope.ts';
import { postsHeldBetween } from '../org/service.ts';
import { getTrainingSettings } from '../settings/service.ts';
import * as repo from './repo.ts';
import { classesOf, seniorWindowHours, trainingHoursOf } from './service.ts';

export const trainingFindingsProvider: FindingsProvider = {
  id: 'training',
  ruleIds: Object.keys(trainingRuleCatalogue) as TrainingRuleId[],
  reads: [
    'person',
    'org',
    'appointment',
    'term',
    'activity',
    'training_course',
    'training_attendance',
    'external_training',
    // The cadre roster gives the 中层干部 class (service `classesOf`).
    'cadre',
  ],
  evaluate: (db, today, orgIds) => trainingFindings(db, today, orgIds),
};

/** How far back a first appointment as secretary still counts as new. */
const newSecretaryWindowMonths = 24;

/**
 * Secretaries (of a branch, 总支 or 党委) on `today` whose first day as secretary is within the window, with the
 * last days of their courses and external training since, for the 6-month rule (orgs of `orgIds`, or all).
 */
export async function newSecretaries(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<NewSecretaryFacts[]> {
  const from = addMonths(today, -newSecretaryWindowMonths);
  const posts = (await postsHeldBetween(db, { posts: ['secretary'], from: today, to: today })).filter(
    (p) =>
      p.org.type !== 'group' && p.firstDayInPost >= from && (orgIds === null || orgIds.includes(p.org.id)),
  );
  if (posts.length === 0) return [];
  const hours = await trainingHoursOf(db, {
    personIds: posts.map((p) => p.personId),
    from,
    to: today,
  });
  return posts.map((p) => ({
    personId: p.personId,
    name: p.personName,
    org: { id: p.org.id, name: p.org.name },
    since: p.firstDayInPost,
    trainedOn: (hours.get(p.personId)?.items ?? [])
      .filter((i) => i.counted && (i.source === 'course' || i.source === 'external'))
      .map((i) => i.onDate),
  }));
}

async function trainingFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null,
): Promise<Finding<RuleId>[]> {
  const settings = await getTrainingSettings(db);
  const year = Number(today.slice(0, 4));
  let people: Parameters<typeof evaluateTrainingRules>[0] = [];
  if (Number(today.slice(5, 7)) >= settings.reminderFromMonth) {
    const roster = await repo.rosterPeople(db, {
      inScope: (c) => pathInScope({ kind: 'all' }, c),
      orgIds,
    });
    const ids = roster.map((p) => p.id);
    const [classes, hours] = await Promise.all([
      classesOf(db, ids, year),
      trainingHoursOf(db, { personIds: ids, from: `${year}-01-01`, to: today }),
    ]);
    const windows = await seniorWindowHours(db, classes, year, today);
    people = roster.map((p) => ({
      personId: p.id,
      name: p.name,
      org: { id: p.org_id!, name: p.org_name },
      classes: classes.get(p.id) ?? ['member'],
      hours: hours.get(p.id)?.total ?? 0,
      windowHours: windows.get(p.id),
    }));
  }
  return evaluateTrainingRules(people, await newSecretaries(db, today, orgIds), today, settings);
}
