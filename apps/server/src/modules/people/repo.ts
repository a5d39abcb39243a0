import type { RawBuilder, SqlBool, Updateable } from 'kysely';
import type { PersonTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** Columns a PersonOption is presented from (person `p` joined to org `o`). */
const personOptionColumns = [
  'p.id',
  'p.name',
  'p.org_id',
  'o.name as org_name',
  'p.party_status',
  'p.category',
  'p.is_dual_leader',
] as const;

/** Active people in orgs matching `where` (on `o.path`), under `subtreePath` and by name when given, by name. */
export async function listPersonOptionRows(
  db: Q,
  where: RawBuilder<SqlBool>,
  opts: { subtreePath?: string | undefined; q?: string | undefined; limit: number },
) {
  let q = db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(personOptionColumns)
    .where('p.status', '=', 'active')
    .where(where);
  if (opts.subtreePath !== undefined) q = q.where('o.path', 'like', `${escapeLike(opts.subtreePath)}%`);
  if (opts.q) q = q.where('p.name', 'like', `%${escapeLike(opts.q)}%`);
  return q.orderBy('p.name').orderBy('p.id').limit(opts.limit).execute();
}

/** One person's option row (it must exist and sit in an org). */
export async function getPersonOptionRow(db: Q, id: number) {
  return db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(personOptionColumns)
    .where('p.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Locks a person's row; returns the 双带头人 fields, category and org path (undefined when missing). */
export async function lockDualLeaderFields(trx: Trx, id: number) {
  return trx
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.is_dual_leader', 'p.dual_leader_note', 'p.category', 'o.path'])
    .where('p.id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();
}

/** Sets fields of a person, bumping the version; returns nothing. */
export async function updatePersonRow(trx: Trx, id: number, values: Updateable<PersonTable>): Promise<void> {
  await trx
    .updateTable('person')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .execute();
}
