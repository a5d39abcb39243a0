import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

export async function deleteUserSessions(db: Db | Trx, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

export async function insertSession(
  trx: Trx,
  s: { id: string; userId: number; csrfToken: string; at: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await trx
    .insertInto('session')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.at,
      last_seen_at: s.at,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findUserByUsername(db: Db | Trx, username: string) {
  return db
    .selectFrom('app_user')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Db | Trx, id: number) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reserves one guess at a user's password, atomically: the failure count goes up unless the account is locked
 * or as many guesses as the policy allows are already counted (checked or in flight). A lock that has run out
 * starts a fresh count. Returns the guess's number, or null when no guess may be checked now.
 */
export async function reserveGuess(db: Db, userId: number, now: Date, threshold: number) {
  const expired = sql<boolean>`locked_until is not null and locked_until <= ${now}`;
  const row = await db
    .updateTable('app_user')
    .set({
      failed_attempts: sql<number>`case when ${expired} then 1 else failed_attempts + 1 end`,
      locked_until: sql<Date | null>`case when ${expired} then null else locked_until end`,
    })
    .where('id', '=', userId)
    .where(sql<boolean>`(locked_until is null and failed_attempts < ${threshold}) or ${expired}`)
    .returning('failed_attempts')
    .executeTakeFirst();
  return row?.failed_attempts ?? null;
}

/** Locks the account when its counted failures reached the threshold; returns true when this call locked it. */
export async function lockIfExhausted(db: Db, userId: number, until: Date, threshold: number) {
  const r = await db
    .updateTable('app_user')
    .set({ locked_until: until })
    .where('id', '=', userId)
    .where('failed_attempts', '>=', threshold)
    .where('locked_until', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The newest password hashes a user replaced, newest first. */
export async function listPasswordHistory(db: Db | Trx, userId: number, count: number) {
  const rows = await db
    .selectFrom('password_history')
    .select(['id', 'password_hash'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(count)
    .execute();
  return rows;
}

/** Forgets all but the newest `keep` replaced passwords of a user. */
export async function prunePasswordHistory(trx: Trx, userId: number, keep: number): Promise<void> {
  await trx
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where(
      'id',
      'not in',
      trx
        .selectFrom('password_history')
        .select('id')
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(keep),
    )
    .execute();
}

/** Deletes the sessions created before `before` (past their absolute lifetime); returns nothing. */
export async function deleteSessionsCreatedBefore(trx: Trx, before: Date): Promise<void> {
  await trx.deleteFrom('session').where('created_at', '<', before).execute();
}

/** Clears the failed-attempt count and lock and stamps the login time; returns nothing. */
export async function recordSuccessfulLogin(trx: Trx, userId: number, now: Date): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({ failed_attempts: 0, locked_until: null, last_login_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Sets the user's own new password hash (no longer must change), bumping the version; returns nothing. */
export async function setOwnPassword(
  trx: Trx,
  userId: number,
  passwordHash: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({
      password_hash: passwordHash,
      must_change_password: false,
      password_changed_at: at,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', userId)
    .execute();
}

/** Whether a person is a party member in the roster and whether they have a 发展党员 dossier. */
export async function personFacts(db: Db | Trx, personId: number) {
  const row = await db
    .selectFrom('person as p')
    .select([
      sql<boolean>`p.status = 'active' and p.party_status is not null`.as('is_member'),
      sql<boolean>`exists (select 1 from recruitment r where r.person_id = p.id)`.as('has_dossier'),
    ])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  return row ? { isMember: row.is_member, hasDossier: row.has_dossier } : null;
}
