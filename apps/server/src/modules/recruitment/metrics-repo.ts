/**
 * What the assessment reads of 发展党员: the steps recorded up to a reference day of every dossier of some
 * subtrees that was still open at the start of a period, in one statement.
 */
import type { IsoDate, RecruitmentStep } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** One recorded step, with its dossier: ordered by dossier, then as recorded. */
export async function stepsOfDossiers(db: Q, rootPaths: readonly string[], openOn: IsoDate, upTo: IsoDate) {
  if (rootPaths.length === 0) return [];
  const patterns = rootPaths.map((p) => `${escapeLike(p)}%`);
  const { rows } = await sql<{
    recruitment_id: number;
    org_id: number;
    org_path: string;
    person_name: string;
    event_id: number;
    step: RecruitmentStep | 'withdrawal';
    on_date: string;
    event: unknown;
  }>`
    select r.id as recruitment_id, r.org_id, o.path as org_path, p.name as person_name,
      e.id as event_id, e.step, e.on_date::text as on_date, e.event
    from recruitment r
    join org o on o.id = r.org_id
    join person p on p.id = r.person_id
    join recruitment_event e on e.recruitment_id = r.id and e.on_date <= ${upTo}
    where o.path like any(${patterns}::text[]) and (r.closed_on is null or r.closed_on >= ${openOn})
    order by r.id, e.seq`.execute(db);
  return rows;
}
