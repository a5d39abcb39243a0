/**
 * What the assessment reads of supervised tasks: every task some orgs lead that was issued by the end of a
 * reference day, with its timeline up to then, in one statement.
 */
import type { IsoDate } from '@dangjian/core';
import { sql } from 'kysely';
import type { TimelineEntry } from '../../http/assessment-metrics.ts';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

export async function tasksAsOf(db: Q, orgIds: readonly number[], day: IsoDate) {
  if (orgIds.length === 0) return [];
  const end = sql`((${day}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;
  const { rows } = await sql<{
    id: number;
    org_id: number;
    title: string;
    original_deadline: string;
    timeline: TimelineEntry[];
  }>`
    select s.id, s.org_id, s.title, s.original_deadline::text as original_deadline,
      coalesce((
        select json_agg(json_build_object(
          'day', (e.at at time zone 'Asia/Shanghai')::date::text, 'kind', e.kind,
          'toStatus', e.to_status, 'until', e.until::text) order by e.at, e.id)
        from supervised_task_event e where e.task_id = s.id and e.at < ${end}
      ), '[]') as timeline
    from supervised_task s
    where s.org_id = any(${[...orgIds]}::int[]) and s.created_at < ${end}
    order by s.id`.execute(db);
  return rows;
}
