import type { RoleCode } from '@dangjian/core';
import { type Insertable, sql, type Updateable } from 'kysely';
import type { UserRoleTable, UserTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** An account's role grants (role, org) in grant order. */
export async function roleRowsOfUser(db: Q, userId: number) {
  return db
    .selectFrom('user_role')
    .select(['role', 'org_id'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** A page of accounts (by id) matching the filters, and how many match in all. */
export async function listUserRows(
  db: Q,
  filter: { q?: string | undefined; role?: RoleCode | undefined; ids?: number[] | undefined },
  page: { limit: number; offset: number },
) {
  let base = db.selectFrom('app_user as u');
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'like', like)]));
  }
  const role = filter.role;
  if (role)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role as r')
          .select('r.id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', '=', role),
      ),
    );
  if (filter.ids) base = base.where('u.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  const totalRow = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const users = await base.selectAll('u').orderBy('u.id').limit(page.limit).offset(page.offset).execute();
  return { users, total: Number(totalRow.n) };
}

/** The role grants of these accounts with the org's name, in grant order. */
export async function roleRowsOfUsers(db: Q, userIds: number[]) {
  return db
    .selectFrom('user_role as r')
    .leftJoin('org as o', 'o.id', 'r.org_id')
    .select(['r.user_id', 'r.role', 'r.org_id', 'o.name as org_name'])
    .where('r.user_id', 'in', userIds)
    .orderBy('r.id')
    .execute();
}

/** The ids among `ids` of orgs that exist and are not archived. */
export async function activeOrgIds(db: Q, ids: number[]) {
  return db.selectFrom('org').select('id').where('id', 'in', ids).where('archived_at', 'is', null).execute();
}

/** The person's id if the person exists. */
export async function findPersonId(db: Q, id: number) {
  return db.selectFrom('person').select('id').where('id', '=', id).executeTakeFirst();
}

/** The id of the account with this username (case-insensitive), if any. */
export async function findUserIdByUsername(db: Q, username: string) {
  return db
    .selectFrom('app_user')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** Locks the account with this username (case-insensitive) and returns its state; undefined when none. */
export async function lockUserByUsername(trx: Trx, username: string) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'username', 'disabled', 'locked_until', 'failed_attempts', 'must_change_password'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .forUpdate()
    .executeTakeFirst();
}

/** Inserts an account; returns its id. */
export async function insertUser(trx: Trx, values: Insertable<UserTable>) {
  return trx.insertInto('app_user').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts role grants; returns nothing. */
export async function insertUserRoles(trx: Trx, values: Insertable<UserRoleTable>[]): Promise<void> {
  await trx.insertInto('user_role').values(values).execute();
}

/** Deletes every role grant of the account; returns nothing. */
export async function deleteUserRoles(trx: Trx, userId: number): Promise<void> {
  await trx.deleteFrom('user_role').where('user_id', '=', userId).execute();
}

/** Locks an account's row and returns all of it; undefined when missing. */
export async function lockUser(trx: Trx, id: number) {
  return trx.selectFrom('app_user').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sets fields of an account (the caller sets `version`); returns nothing. */
export async function updateUserRow(trx: Trx, id: number, values: Updateable<UserTable>): Promise<void> {
  await trx.updateTable('app_user').set(values).where('id', '=', id).execute();
}

/** Sets fields of an account, bumping its version; returns nothing. */
export async function updateUserBumpingVersion(
  trx: Trx,
  id: number,
  values: Updateable<UserTable>,
): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .execute();
}

/** The key id of the newest signed audit entry, if any. */
export async function lastAuditKeyId(db: Q) {
  return db
    .selectFrom('audit_log')
    .select('key_id')
    .where('key_id', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
