/**
 * What the assessment metrics of organisational life read beyond the engine's facts, set-wise for many orgs:
 * the 谈心谈话 records of a set of members, and the attendance of each closed record.
 */
import type { ActivityKind, IsoDate } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

const ids = (list: readonly number[]) => (list.length > 0 ? [...list] : [0]);

/**
 * The records the matrix counts, lean (no titles, no vote snapshots: the matrix reads neither): closed records of
 * `orgIds` in [from, to] but 谈心谈话 that count as held — as `repo.closedActivities` has it, a 党员大会 or 支委会
 * archived short of its quorum was not held.
 */
export async function heldRecords(db: Q, orgIds: readonly number[], from: IsoDate, to: IsoDate) {
  const { rows } = await sql<{
    id: number;
    org_id: number;
    kind: ActivityKind;
    on_date: string;
    has_first_topic: boolean;
  }>`
    select a.id, a.org_id, a.kind, a.on_date::text as on_date, a.has_first_topic
    from activity a
    where a.status = 'closed' and a.kind <> 'talk' and (a.quorum_met is null or a.quorum_met)
      and a.on_date >= ${from} and a.on_date <= ${to} and a.org_id = any(${ids(orgIds)}::int[])`.execute(db);
  return rows;
}

/** Closed 谈心谈话 in [from, to] that an active member placed in one of `orgIds` took part in (as host or partner). */
export async function talksOfMembers(db: Q, orgIds: readonly number[], from: IsoDate, to: IsoDate) {
  const { rows } = await sql<{
    id: number;
    on_date: string;
    host_person_id: number | null;
    partner_person_id: number | null;
  }>`
    with m as (select p.id from person p where p.org_id = any(${ids(orgIds)}::int[]) and p.status = 'active')
    select a.id, a.on_date::text as on_date, a.host_person_id, a.partner_person_id
    from activity a
    where a.kind = 'talk' and a.status = 'closed' and a.on_date >= ${from} and a.on_date <= ${to}
      and (a.host_person_id in (select id from m) or a.partner_person_id in (select id from m))
    order by a.on_date, a.id`.execute(db);
  return rows;
}

/**
 * Every closed record of `orgIds` in [from, to] but 谈心谈话, with its attendance: those expected (members and
 * 双重组织生活, not 列席), present, on leave. An 'expected' row left on a closed record is an absence.
 */
export async function attendanceOfRecords(db: Q, orgIds: readonly number[], from: IsoDate, to: IsoDate) {
  const { rows } = await sql<{
    id: number;
    org_id: number;
    kind: string;
    on_date: string;
    expected: number;
    present: number;
    leave: number;
  }>`
    select a.id, a.org_id, a.kind, a.on_date::text as on_date,
      count(*)::int as expected,
      (count(*) filter (where x.status = 'present'))::int as present,
      (count(*) filter (where x.status = 'leave'))::int as leave
    from activity a
    join activity_attendee x on x.activity_id = a.id and x.role <> 'guest'
    where a.status = 'closed' and a.kind <> 'talk' and a.on_date >= ${from} and a.on_date <= ${to}
      and a.org_id = any(${ids(orgIds)}::int[])
    group by a.id
    order by a.on_date, a.id`.execute(db);
  return rows;
}
