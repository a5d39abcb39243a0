import type { Db, Trx } from '../../http/context.ts';

/** The college this installation serves, or undefined before set-up. */
export async function getInstitution(db: Db | Trx) {
  return db.selectFrom('institution').selectAll().orderBy('id').limit(1).executeTakeFirst();
}
