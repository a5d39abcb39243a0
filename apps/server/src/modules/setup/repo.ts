import { type Insertable, sql } from 'kysely';
import type { InstitutionTable, UserRoleTable, UserTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';

/** The college this installation serves, or undefined before set-up. */
export async function getInstitution(db: Db | Trx) {
  return db.selectFrom('institution').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

/** Resolves when the database answers a trivial query (the health check); throws otherwise. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Every account with each of its roles (one row per role), in account then role order. */
export async function accountsWithRoles(db: Db | Trx) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'r.role'])
    .orderBy('u.id')
    .orderBy('r.id')
    .execute();
}

/** Takes the transaction-scoped advisory lock `key`; returns once it is held. */
export async function advisoryXactLock(trx: Trx, key: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Inserts the institution row; returns nothing. */
export async function insertInstitution(trx: Trx, values: Insertable<InstitutionTable>): Promise<void> {
  await trx.insertInto('institution').values(values).execute();
}

/** Inserts the root 党委 and sets its path from its new id; returns the id. */
export async function insertRootCommittee(trx: Trx, name: string, now: Date): Promise<{ id: number }> {
  const root = await trx
    .insertInto('org')
    .values({ parent_id: null, path: '', depth: 0, type: 'committee', name, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('org')
    .set({ path: `/${root.id}/` })
    .where('id', '=', root.id)
    .execute();
  return root;
}

/** Inserts an account; returns its id. */
export async function insertUser(trx: Trx, values: Insertable<UserTable>) {
  return trx.insertInto('app_user').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts role grants; returns nothing. */
export async function insertUserRoles(trx: Trx, values: Insertable<UserRoleTable>[]): Promise<void> {
  await trx.insertInto('user_role').values(values).execute();
}

/** Refreshes the planner's statistics after a bulk load; returns nothing. */
export async function analyze(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

/** What a new school has recorded so far, for its set-up checklist. */
export async function setupProgress(db: Db) {
  const { rows } = await sql<{
    orgs: number;
    terms: number;
    members: number;
    accounts: number;
    secretaries: number;
    rules_saved: boolean;
  }>`
    select
      (select count(*)::int from org where archived_at is null) as orgs,
      (select count(*)::int from term) as terms,
      (select count(*)::int from person where party_status is not null) as members,
      (select count(*)::int from app_user) as accounts,
      (select count(*)::int from user_role where role in ('branch_secretary', 'general_branch_secretary')) as secretaries,
      exists (select 1 from audit_log where action = 'setting.rules.update' and outcome = 'success') as rules_saved`.execute(
    db,
  );
  return rows[0]!;
}
