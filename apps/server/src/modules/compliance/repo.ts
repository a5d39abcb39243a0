/**
 * The facts of organisational life, loaded set-wise for the whole college: orgs, closed records in a
 * window, members with their branch and since when, talks, and attendance aggregated per person and
 * month in SQL (never one row per attendee into JS).
 */
import type { IsoDate } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

/**
 * Only these orgs (null: the college). The findings store re-evaluates a few orgs after a write: an org,
 * its ancestors and its branch's 党小组 (members of a 党小组 belong to its branch).
 */
export type OrgFilter = readonly number[] | null;
const ids = (orgIds: readonly number[]) => (orgIds.length > 0 ? [...orgIds] : [0]);
const anyOrg = (column: string, orgIds: OrgFilter) =>
  orgIds ? sql`and ${sql.ref(column)} = any(${ids(orgIds)}::int[])` : sql``;

/** Active orgs with the team kind of the term in force (a 支委会 is owed only by a committee). */
export async function lifeOrgs(db: Q, today: IsoDate, orgIds: OrgFilter = null) {
  let q = db
    .selectFrom('org as o')
    .select([
      'o.id',
      'o.parent_id',
      'o.path',
      'o.type',
      'o.name',
      'o.founded_on',
      sql<string | null>`(select t.team_kind from term t where t.org_id = o.id and t.start_date <= ${today}
        and t.actual_end_date is null order by t.start_date desc limit 1)`.as('team_kind'),
    ])
    .where('o.archived_at', 'is', null);
  if (orgIds) q = q.where('o.id', 'in', ids(orgIds));
  return q.orderBy('o.depth').orderBy('o.sort_order').orderBy('o.id').execute();
}

/**
 * Closed records in [from, to] that count as held (not a meeting short of its quorum), one row each, with the snapshot counts (entitled, present entitled)
 * of each vote taken, for the quorum rule of core (null when nothing was put to a vote).
 */
export async function closedActivities(db: Q, from: IsoDate, to: IsoDate, orgIds: OrgFilter = null) {
  let q = db
    .selectFrom('activity as a')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('activity_resolution')
          .select([
            'activity_id',
            sql<number[]>`array_agg(entitled)`.as('vote_entitled'),
            sql<number[]>`array_agg(present_entitled)`.as('vote_present'),
          ])
          .where('is_vote', '=', true)
          .groupBy('activity_id')
          .as('v'),
      (j) => j.onRef('v.activity_id', '=', 'a.id'),
    )
    .select([
      'a.id',
      'a.org_id',
      'a.kind',
      'a.on_date',
      'a.has_first_topic',
      'a.title',
      'v.vote_entitled',
      'v.vote_present',
    ])
    .where('a.status', '=', 'closed')
    // A 党员大会 or 支委会 without its quorum (未达到法定人数) was not held.
    .where((eb) => eb.or([eb('a.quorum_met', 'is', null), eb('a.quorum_met', '=', true)]))
    .where('a.on_date', '>=', from)
    .where('a.on_date', '<=', to);
  if (orgIds) q = q.where('a.org_id', 'in', ids(orgIds));
  return q.execute();
}

/** Records planned or announced (not yet held) in [from, to], for the reminders. */
export async function plannedActivities(db: Q, from: IsoDate, to: IsoDate) {
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.org_id',
      'o.name as org_name',
      'o.path',
      'a.kind',
      'a.title',
      'a.on_date',
      'a.status',
    ])
    .where('a.status', 'in', ['planned', 'published'])
    .where('a.on_date', '>=', from)
    .where('a.on_date', '<=', to)
    .orderBy('a.on_date')
    .orderBy('a.starts_at')
    .execute();
}

/**
 * Active members placed in an org, with their branch, the day they joined it (the latest move into
 * it on their timeline, else the day they joined the Party) and whether they hold a post on a
 * 党委/党总支 team in force (a leader owing 双重组织生活).
 */
export async function lifeMembers(db: Q, today: IsoDate, orgIds: OrgFilter = null) {
  let q = db
    .selectFrom('person as p')
    .innerJoin('org as po', 'po.id', 'p.org_id')
    .select([
      'p.id',
      'p.name',
      'p.org_id',
      sql<number>`case when po.type = 'group' then po.parent_id else po.id end`.as('branch_id'),
      sql<string | null>`coalesce((select max(e.on_date) from person_event e where e.person_id = p.id
        and e.kind in ('transferred', 'transferred_in')), p.joined_on)::text`.as('since'),
      sql<boolean>`exists (select 1 from appointment ap join org lo on lo.id = ap.org_id
        where ap.person_id = p.id and lo.type in ('committee', 'general_branch') and ap.term_id is not null
        and ap.start_date <= ${today} and (ap.end_date is null or ap.end_date >= ${today}))`.as('is_leader'),
    ])
    .where('p.status', '=', 'active')
    .where('p.party_status', 'in', ['full', 'probationary'])
    .where('po.archived_at', 'is', null);
  if (orgIds) q = q.where('p.org_id', 'in', ids(orgIds));
  return q.execute();
}

/** Days of closed 谈心谈话 in [from, to], per person who took part (as host or partner). */
export async function talkDays(db: Q, from: IsoDate, to: IsoDate, orgIds: OrgFilter = null) {
  if (orgIds) {
    // A few orgs (after a write): their members' talks, found from the members (indexes on either side of a talk).
    const { rows } = await sql<{ person_id: number; on_date: string }>`
      select p.id as person_id, a.on_date::text as on_date
      from person p join activity a on a.host_person_id = p.id
      where p.org_id = any(${ids(orgIds)}::int[]) and a.kind = 'talk' and a.status = 'closed'
        and a.on_date >= ${from} and a.on_date <= ${to}
      union
      select p.id, a.on_date::text
      from person p join activity a on a.partner_person_id = p.id
      where p.org_id = any(${ids(orgIds)}::int[]) and a.kind = 'talk' and a.status = 'closed'
        and a.on_date >= ${from} and a.on_date <= ${to}`.execute(db);
    return rows;
  }
  const { rows } = await sql<{ person_id: number; on_date: string }>`
    select distinct x.person_id, a.on_date::text as on_date
    from activity a
    cross join lateral (values (a.host_person_id), (a.partner_person_id)) as x(person_id)
    where a.kind = 'talk' and a.status = 'closed' and x.person_id is not null
      and a.on_date >= ${from} and a.on_date <= ${to}`.execute(db);
  return rows;
}

/**
 * Attendance of active members at closed records of their own branch and its 党小组 in [from, to],
 * counted per person and month: present, leave (approved) and absent (an 'expected' row left on a
 * closed record is an absence). Guests (列席) are not counted; rows before the member joined the
 * branch are left out.
 */
export async function attendanceByMonth(db: Q, from: IsoDate, to: IsoDate, orgIds: OrgFilter = null) {
  const { rows } = await sql<{
    person_id: number;
    month: string;
    first_on: string;
    present: number;
    leave: number;
    absent: number;
  }>`
    with b as materialized (
      select id, case when type = 'group' then parent_id else id end as branch_id from org
    ), m as materialized (
      select p.id, b.branch_id, coalesce(mv.since, p.joined_on, date '1900-01-01') as since
      from person p
      join b on b.id = p.org_id
      left join (select person_id, max(on_date) as since from person_event
        where kind in ('transferred', 'transferred_in') group by person_id) mv on mv.person_id = p.id
      where p.status = 'active' ${anyOrg('p.org_id', orgIds)}
    ), a as materialized (
      select a.id, a.on_date, b.branch_id from activity a join b on b.id = a.org_id
      where a.status = 'closed' and a.on_date >= ${from} and a.on_date <= ${to} ${anyOrg('a.org_id', orgIds)}
    )
    select x.person_id, to_char(date_trunc('month', a.on_date), 'YYYY-MM') as month,
      min(a.on_date)::text as first_on,
      (count(*) filter (where x.status = 'present'))::int as present,
      (count(*) filter (where x.status = 'leave'))::int as leave,
      (count(*) filter (where x.status in ('absent', 'expected')))::int as absent
    from activity_attendee x
    join a on a.id = x.activity_id
    join m on m.id = x.person_id and m.branch_id = a.branch_id
    where x.role <> 'guest' and a.on_date >= m.since
    group by x.person_id, date_trunc('month', a.on_date)`.execute(db);
  return rows;
}
