/**
 * What the assessment reads of rectification items: every item of some orgs that existed by the end of a
 * reference day, with its timeline up to then and its milestones (a milestone done after the day is still
 * open on it), in one statement.
 */
import type { IsoDate } from '@dangjian/core';
import { sql } from 'kysely';
import type { TimelineEntry } from '../../http/assessment-metrics.ts';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

export async function itemsAsOf(db: Q, orgIds: readonly number[], day: IsoDate) {
  if (orgIds.length === 0) return [];
  const end = sql`((${day}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const { rows } = await sql<{
    id: number;
    org_id: number;
    problem: string;
    original_deadline: string;
    timeline: TimelineEntry[];
    milestones: { dueOn: string; doneOn: string | null }[];
  }>`
    select r.id, r.org_id, r.problem, r.original_deadline::text as original_deadline,
      coalesce((
        select json_agg(json_build_object(
          'day', (e.at at time zone 'Asia/Shanghai')::date::text, 'kind', e.kind,
          'toStatus', e.to_status, 'until', e.until::text) order by e.at, e.id)
        from rectification_event e where e.rectification_id = r.id and e.at < ${end}
      ), '[]') as timeline,
      coalesce((
        select json_agg(json_build_object(
          'dueOn', m.due_on::text, 'doneOn', case when m.done_on <= ${day}::date then m.done_on::text end)
          order by m.position)
        from rectification_milestone m where m.rectification_id = r.id
      ), '[]') as milestones
    from rectification r
    where r.org_id = any(${[...orgIds]}::int[]) and r.created_at < ${end}
    order by r.id`.execute(db);
  return rows;
}
