// Sessions as the guard reads them on every request (platform: below the modules; auth's service and
// routes create and end them).
import type { Db, Trx } from './context.ts';

/** Session with its user, for the request guard. */
export async function findSessionWithUser(db: Db, sessionId: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      's.csrf_token as csrfToken',
      's.created_at as createdAt',
      's.last_seen_at as lastSeenAt',
      'u.id as userId',
      'u.username',
      'u.display_name as displayName',
      'u.person_id as personId',
      'u.must_change_password as mustChangePassword',
      'u.disabled',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** Role grants of a user with the name and path of the org each is granted on. */
export async function listRoleGrants(db: Db | Trx, userId: number) {
  const rows = await db
    .selectFrom('user_role as r')
    .leftJoin('org as o', 'o.id', 'r.org_id')
    .select(['r.role', 'r.org_id as orgId', 'o.name as orgName', 'o.path as orgPath'])
    .where('r.user_id', '=', userId)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role }));
}

export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db | Trx, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}
