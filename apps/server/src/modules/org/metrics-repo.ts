/**
 * What the assessment reads of orgs and their terms, set-wise: the round's orgs, and for every org under them the
 * term started last by a reference day with its secretary on that day.
 */
import type { IsoDate, OrgCategory, OrgType } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** The orgs of `ids` (archived ones too: a round may assess an org since 撤销). */
export async function orgsByIds(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'category', 'founded_on'])
    .where(sql<boolean>`id = any(${[...ids]}::int[])`)
    .execute();
}

/**
 * Every org under `rootPaths` but 党小组 that existed on `day` (founded by then, not 撤销 before it), with the
 * term started last on or before `day` and that term's secretary on `day`.
 */
export async function termsOn(db: Q, rootPaths: readonly string[], day: IsoDate) {
  if (rootPaths.length === 0) return [];
  const patterns = rootPaths.map((p) => `${escapeLike(p)}%`);
  const { rows } = await sql<{
    org_id: number;
    name: string;
    type: OrgType;
    path: string;
    category: OrgCategory | null;
    term_id: number | null;
    number: number | null;
    start_date: string | null;
    planned_end_date: string | null;
    postponed_to: string | null;
    postponement_approved_on: string | null;
    secretary_name: string | null;
    is_dual_leader: boolean | null;
  }>`
    select o.id as org_id, o.name, o.type, o.path, o.category,
      t.id as term_id, t.number, t.start_date::text as start_date, t.planned_end_date::text as planned_end_date,
      t.postponed_to::text as postponed_to, t.postponement_approved_on::text as postponement_approved_on,
      s.name as secretary_name, s.is_dual_leader
    from org o
    left join lateral (
      select t.* from term t where t.org_id = o.id and t.start_date <= ${day}
      order by t.start_date desc, t.id desc limit 1
    ) t on true
    left join lateral (
      select p.name, p.is_dual_leader from appointment a join person p on p.id = a.person_id
      where a.org_id = o.id and a.term_id = t.id and a.post = 'secretary'
        and a.start_date <= ${day} and (a.end_date is null or a.end_date >= ${day})
      order by a.start_date desc, a.id desc limit 1
    ) s on true
    where o.path like any(${patterns}::text[]) and o.type <> 'group'
      and (o.founded_on is null or o.founded_on <= ${day})
      and (o.archived_at is null or (o.archived_at at time zone 'Asia/Shanghai')::date > ${day})`.execute(db);
  return rows;
}
