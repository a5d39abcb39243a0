/**
 * The demo's training (issue 18 items 6–7), written set-wise on the loaded college (like the other bulk records):
 * for last year and this year so far, one course of the 党委 for each class of the 干部教育培训规划 — 中层干部 (the 党总支
 * and 党委 team), 年轻储备干部 (younger staff members), 双带头人书记 (the 双带头人), 党务工作者 (branch secretaries and
 * committee members) — and a 党员集中轮训 of each 党总支 for its members, with sign-ins: most present, some absent, a
 * few away longer than 1/7 of the hours (their hours do not count); some external training with certificate numbers
 * and a few still waiting for a certificate file. Members' other hours come from the recorded 党课 and 主题党日, so
 * some members stay under 32 near the year end (the reminders), and the branch secretary who took office most recently
 * is left off the 党务工作者 course (untrained at 6 months, a finding when that is past). Deterministic for a seed and
 * a demo day.
 */
import { addDays, addMonths } from '@dangjian/core';
import type { Clock, Db } from '../http/context.ts';
import { createRandom } from './random.ts';

/** What the demo planted, for its test. */
export interface DemoTrainingPlan {
  courses: number;
  attendance: number;
  external: number;
  /** The new secretary left off the 党务工作者 course, if any. */
  untrainedSecretaryId: number | null;
}

export async function plantTrainings(db: Db, clock: Clock, seed: number): Promise<DemoTrainingPlan> {
  const rng = createRandom(seed ^ 0x7a1e);
  const today = clock.today();
  const year = Number(today.slice(0, 4));
  const now = clock.now();
  const root = await db
    .selectFrom('org')
    .select(['id'])
    .where('parent_id', 'is', null)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) return { courses: 0, attendance: 0, external: 0, untrainedSecretaryId: null };
  const generals = await db
    .selectFrom('org')
    .select(['id', 'name', 'path'])
    .where('type', '=', 'general_branch')
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
  const members = await db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.category', 'p.birth_date', 'p.is_dual_leader', 'o.path'])
    .where('p.status', '=', 'active')
    .where('p.party_status', 'is not', null)
    .orderBy('p.id')
    .execute();
  const posts = await db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.person_id', 'a.post', 'a.start_date', 'o.type'])
    .where('a.end_date', 'is', null)
    .orderBy('a.person_id')
    .execute();
  const active = new Set(members.map((m) => m.id));
  const uniq = (ids: number[]) => [...new Set(ids)].filter((id) => active.has(id));
  const leaders = uniq(
    posts.filter((p) => p.type === 'general_branch' || p.type === 'committee').map((p) => p.person_id),
  );
  const branchTeams = posts.filter(
    (p) => p.type !== 'general_branch' && p.type !== 'committee' && p.type !== 'group',
  );
  // The branch secretary who took office last: left off the 党务工作者 courses (the planted new-secretary case).
  const newest = branchTeams
    .filter((p) => p.post === 'secretary')
    .reduce<(typeof branchTeams)[number] | null>((a, b) => (a && a.start_date >= b.start_date ? a : b), null);
  const untrained =
    newest && newest.start_date >= addMonths(today, -24) && addMonths(newest.start_date, 6) < today
      ? newest.person_id
      : null;
  const partyWorkers = uniq(branchTeams.map((p) => p.person_id)).filter((id) => id !== untrained);
  const young = members
    .filter((m) => m.category === 'staff' && m.birth_date !== null && m.birth_date >= `${year - 38}-01-01`)
    .map((m) => m.id)
    .slice(0, 30);
  const dual = members.filter((m) => m.is_dual_leader).map((m) => m.id);

  interface CoursePlan {
    orgId: number;
    title: string;
    group: 'middle_cadre' | 'young_reserve' | 'dual_leader_secretary' | 'party_worker' | null;
    startsOn: string;
    days: number;
    hours: number;
    people: number[];
  }
  const plans: CoursePlan[] = [];
  for (const y of [year - 1, year]) {
    const at = (month: number, day: number) =>
      `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    plans.push(
      {
        orgId: root.id,
        title: `${y}年中层干部政治能力提升培训班`,
        group: 'middle_cadre',
        startsOn: at(7, 8),
        days: 3,
        hours: 24,
        people: leaders,
      },
      {
        orgId: root.id,
        title: `${y}年年轻储备干部培训班`,
        group: 'young_reserve',
        startsOn: at(9, 16),
        days: 2,
        hours: 16,
        people: young,
      },
      {
        orgId: root.id,
        title: `${y}年“双带头人”教师党支部书记研修班`,
        group: 'dual_leader_secretary',
        startsOn: at(4, 20),
        days: 2,
        hours: 16,
        people: dual,
      },
      {
        orgId: root.id,
        title: `${y}年党支部书记和党务工作者培训班`,
        group: 'party_worker',
        startsOn: at(6, 10),
        days: 2,
        hours: 16,
        people: partyWorkers,
      },
    );
    for (const g of generals)
      plans.push({
        orgId: g.id,
        title: `${y}年${g.name}党员集中轮训`,
        group: null,
        startsOn: at(5, 12 + (g.id % 10)),
        days: 2,
        hours: 12,
        people: members.filter((m) => m.path.startsWith(g.path)).map((m) => m.id),
      });
  }
  // Only what has ended by the demo's today.
  const held = plans.filter((p) => addDays(p.startsOn, p.days - 1) < today && p.people.length > 0);
  if (held.length === 0) return { courses: 0, attendance: 0, external: 0, untrainedSecretaryId: untrained };
  const ids = await db
    .insertInto('training_course')
    .values(
      held.map((p) => ({
        org_id: p.orgId,
        title: p.title,
        target_group: p.group,
        starts_on: p.startsOn,
        ends_on: addDays(p.startsOn, p.days - 1),
        hours: p.hours,
        place: p.group ? '学校党校报告厅' : '学院会议室',
        content: p.group
          ? '习近平新时代中国特色社会主义思想专题学习；党章党规；业务能力提升'
          : '党的创新理论学习；党章党规；警示教育',
        updated_at: now,
      })),
    )
    .returning('id')
    .execute();
  const rows: {
    course_id: number;
    person_id: number;
    status: 'present' | 'absent';
    absent_hours: number;
    signed_in_at: Date | null;
    note: string | null;
  }[] = [];
  held.forEach((p, i) => {
    for (const personId of p.people) {
      const roll = rng.next();
      const signedIn = new Date(`${p.startsOn}T00:30:00Z`);
      if (roll < 0.06)
        rows.push({
          course_id: ids[i]!.id,
          person_id: personId,
          status: 'absent',
          absent_hours: 0,
          signed_in_at: null,
          note: '因公出差',
        });
      else if (roll < 0.09)
        // Away longer than 1/7 of the hours: signed in, the hours do not count.
        rows.push({
          course_id: ids[i]!.id,
          person_id: personId,
          status: 'present',
          absent_hours: Math.ceil(p.hours / 7) + 1,
          signed_in_at: signedIn,
          note: '中途请假',
        });
      else
        rows.push({
          course_id: ids[i]!.id,
          person_id: personId,
          status: 'present',
          absent_hours: roll < 0.2 ? 1 : 0,
          signed_in_at: signedIn,
          note: null,
        });
    }
  });
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('training_attendance')
      .values(rows.slice(i, i + 2000))
      .execute();

  // External training: 上级调训 and 网络培训 of some leaders and members; three wait for their certificate file.
  const external = [
    ...leaders.slice(0, 8),
    ...members
      .filter((m) => m.category === 'staff')
      .map((m) => m.id)
      .slice(40, 52),
  ];
  const extRows = external.flatMap((personId, i) => {
    const ends = addDays(today, -rng.int(20, 300));
    if (!ends.startsWith(String(year))) return [];
    const online = i % 2 === 1;
    return [
      {
        person_id: personId,
        title: online ? '全国党员教育网络专题培训' : '省委教育工委高校基层党组织书记示范培训班',
        organiser: online ? '共产党员网' : '省委教育工委',
        starts_on: addDays(ends, online ? -20 : -4),
        ends_on: ends,
        hours: online ? 8 : 32,
        certificate_no: i % 7 === 3 ? null : `${online ? 'GCDY' : 'SJGW'}-${year}-${String(1000 + i)}`,
      },
    ];
  });
  // The year's 网络培训 of the 省党员教育网络学院 that most members complete (its certificate number proves it): with the
  // 党课 and 主题党日 hours most pass 32 by December; about one in eight has not taken it, and they are the year's
  // deficits (before, nine in ten members were short in December and the alerts were mostly these reminders).
  const taken = new Set(external);
  let online = 0;
  for (const m of members) {
    if (taken.has(m.id) || rng.next() < 0.12) continue;
    const ends = addDays(today, -rng.int(10, 200));
    if (!ends.startsWith(String(year))) continue;
    online += 1;
    extRows.push({
      person_id: m.id,
      title: `${year}年度党员网络培训`,
      organiser: '省党员教育网络学院',
      starts_on: addDays(ends, -rng.int(30, 90)),
      ends_on: ends,
      hours: rng.int(18, 26),
      certificate_no: `DYWX-${year}-${String(10000 + online)}`,
    });
  }
  for (let i = 0; i < extRows.length; i += 2000)
    await db
      .insertInto('external_training')
      .values(extRows.slice(i, i + 2000))
      .execute();
  return {
    courses: held.length,
    attendance: rows.length,
    external: extRows.length,
    untrainedSecretaryId: untrained,
  };
}
