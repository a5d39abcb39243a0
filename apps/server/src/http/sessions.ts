// Sessions as the guard reads them on every request (platform: below the modules; auth's service and
// routes create and end them).
import { sql } from 'kysely';
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
      // The user's role grants in the same round trip (the guard runs on every request).
      sql<GrantRow[]>`coalesce((select json_agg(json_build_object('role', r.role, 'orgId', r.org_id,
        'orgName', o.name, 'orgPath', o.path) order by r.id)
        from user_role r left join org o on o.id = r.org_id where r.user_id = u.id), '[]'::json)`.as(
        'grants',
      ),
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** One role grant with the name and path of the org it is granted on. */
export type GrantRow = Awaited<ReturnType<typeof listRoleGrants>>[number];

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
