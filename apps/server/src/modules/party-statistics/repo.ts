/** SQL of the yearly party statistics: only the branches the statistics count (the facts come from the modules). */
import type { RawBuilder, SqlBool } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

/**
 * The 党支部 and 联合党支部 in scope (and under `subtreePath`) that existed in `year`: founded by its end (or no date)
 * and not archived before it began, in the order of the tree.
 */
export async function branchesOfYear(
  db: Db | Trx,
  f: { inScope: (column: string) => RawBuilder<SqlBool>; subtreePath?: string | undefined; year: number },
) {
  return db
    .selectFrom('org as o')
    .select(['o.id', 'o.name', 'o.path'])
    .where('o.type', 'in', ['branch', 'joint_branch'])
    .where(f.inScope('o.path'))
    .$if(f.subtreePath !== undefined, (qb) => qb.where('o.path', 'like', `${escapeLike(f.subtreePath!)}%`))
    .where((eb) => eb.or([eb('o.founded_on', 'is', null), eb('o.founded_on', '<=', `${f.year}-12-31`)]))
    .where((eb) =>
      eb.or([
        eb('o.archived_at', 'is', null),
        eb('o.archived_at', '>=', new Date(`${f.year}-01-01T00:00:00+08:00`)),
      ]),
    )
    .orderBy('o.path')
    .execute();
}

/** The roots of the caller's scope as org ids (all: the top-level orgs). */
export async function topLevelOrgs(db: Db | Trx): Promise<number[]> {
  return (await db.selectFrom('org').select('id').where('parent_id', 'is', null).execute()).map((r) => r.id);
}

/** The name of an org (already checked in scope). */
export async function orgName(db: Db | Trx, id: number): Promise<string> {
  return (await db.selectFrom('org').select('name').where('id', '=', id).executeTakeFirst())?.name ?? '';
}
