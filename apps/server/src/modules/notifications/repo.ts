/** The message centre, preferences, group robots and outside deliveries (SQL of the notifications module). */
import type { NotificationKind, NotificationPreferences } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

/** Inserts a message for each user unless they already have it (same dedupe key); returns the new ones. */
export async function insertNotifications(
  trx: Trx,
  rows: {
    userId: number;
    kind: NotificationKind;
    key: string;
    title: string;
    body: string;
    link: string | null;
  }[],
  now: Date,
) {
  if (rows.length === 0) return [];
  return trx
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        dedupe_key: r.key,
        title: r.title,
        body: r.body,
        link: r.link,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning(['id', 'user_id'])
    .execute();
}

/** A page of a user's messages, newest first, with the total and the unread count. */
export async function listNotifications(
  db: Q,
  userId: number,
  unreadOnly: boolean,
  offset: number,
  limit: number,
) {
  let base = db.selectFrom('notification').where('user_id', '=', userId);
  if (unreadOnly) base = base.where('read_at', 'is', null);
  const [items, total, unread] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n), unread: Number(unread.n) };
}

/** Marks the user's messages read (some or all); returns how many changed. */
export async function markRead(
  db: Q,
  userId: number,
  ids: readonly number[] | 'all',
  now: Date,
): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.map(String));
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The stored preferences of some users (users without a row have the defaults). */
export async function preferencesOf(db: Q, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('notification_preference')
    .selectAll()
    .where('user_id', 'in', [...userIds])
    .execute();
}

/** Creates or changes a user's preferences. */
export async function savePreferences(trx: Trx, userId: number, p: NotificationPreferences): Promise<void> {
  const values = {
    email: p.email,
    email_enabled: p.emailEnabled,
    muted_kinds: p.mutedKinds,
    quiet_start: p.quietStart,
    quiet_end: p.quietEnd,
    digest_after: p.digestAfter,
  };
  await trx
    .insertInto('notification_preference')
    .values({ user_id: userId, ...values })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ ...values, version: sql`notification_preference.version + 1` }),
    )
    .execute();
}

/** The enabled robots of an org. */
export async function robotsOfOrg(db: Q, orgId: number, enabledOnly = false) {
  let q = db.selectFrom('org_robot').selectAll().where('org_id', '=', orgId);
  if (enabledOnly) q = q.where('enabled', '=', true);
  return q.orderBy('id').execute();
}

export async function findRobot(db: Q, id: number) {
  return db.selectFrom('org_robot').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRobot(
  trx: Trx,
  r: { orgId: number; kind: 'wecom' | 'dingtalk'; url: string; secret: string | null },
  now: Date,
) {
  return trx
    .insertInto('org_robot')
    .values({ org_id: r.orgId, kind: r.kind, url: r.url, secret: r.secret, created_at: now })
    .onConflict((oc) => oc.columns(['org_id', 'kind', 'url']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function deleteRobot(trx: Trx, id: number): Promise<void> {
  await trx.deleteFrom('org_robot').where('id', '=', id).execute();
}

/** Queues one outside message unless one with its key exists; returns its id when new. */
export async function insertDelivery(
  trx: Trx,
  d: {
    key: string;
    channel: 'email' | 'wecom' | 'dingtalk';
    userId: number | null;
    robotId: number | null;
    target: string;
    subject: string;
    body: string;
    link: string | null;
  },
  now: Date,
): Promise<string | null> {
  const row = await trx
    .insertInto('notification_delivery')
    .values({
      dedupe_key: d.key,
      channel: d.channel,
      user_id: d.userId,
      robot_id: d.robotId,
      target: d.target,
      subject: d.subject,
      body: d.body,
      link: d.link,
      created_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Puts a delivery job on the queue in the caller's transaction (the job key makes it one job per delivery), to
 * run `delayMs` after now by the database's clock, which the queue runs on (the app's clock may be a test clock).
 */
export async function enqueueDelivery(trx: Trx, deliveryId: string, delayMs: number): Promise<void> {
  await sql`select graphile_worker.add_job('notification_deliver', json_build_object('id', ${deliveryId}::text),
    run_at => now() + ${Math.max(0, delayMs) / 1000}::double precision * interval '1 second', max_attempts => 6,
    job_key => ${`delivery:${deliveryId}`})`.execute(trx);
}

/** A delivery, locked, with its robot's address and secret. */
export async function lockDelivery(trx: Trx, id: string) {
  return trx
    .selectFrom('notification_delivery as d')
    .leftJoin('org_robot as r', 'r.id', 'd.robot_id')
    .select([
      'd.id',
      'd.channel',
      'd.user_id',
      'd.target',
      'd.subject',
      'd.body',
      'd.link',
      'd.state',
      'r.url as robot_url',
      'r.secret as robot_secret',
      'r.enabled as robot_enabled',
    ])
    .where('d.id', '=', id)
    .forUpdate('d')
    .executeTakeFirst();
}

/** E-mails sent to a user since an instant (their day's stream). */
export async function emailsSentSince(db: Q, userId: number, since: Date): Promise<number> {
  const r = await db
    .selectFrom('notification_delivery')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('channel', '=', 'email')
    .where('state', '=', 'sent')
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function setDeliveryState(
  db: Q,
  id: string,
  state: 'sent' | 'digest' | 'failed' | 'pending',
  at: Date,
  error: string | null = null,
): Promise<void> {
  await db
    .updateTable('notification_delivery')
    .set({
      state,
      sent_at: state === 'sent' ? at : null,
      last_error: error,
      attempts: sql`attempts + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/** E-mails held for the digest, per user (locked). */
export async function heldForDigest(trx: Trx) {
  return trx
    .selectFrom('notification_delivery')
    .select(['id', 'user_id', 'target', 'subject', 'body', 'link', 'created_at'])
    .where('state', '=', 'digest')
    .where('channel', '=', 'email')
    .orderBy('user_id')
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markDigestSent(trx: Trx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('notification_delivery')
    .set({ state: 'sent', sent_at: at })
    .where('id', 'in', [...ids])
    .execute();
}

/** Users with an account among some people. */
export async function usersOfPeople(db: Q, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'person_id'])
    .where('person_id', 'in', [...personIds])
    .where('disabled', '=', false)
    .execute();
}

/**
 * The users who run an org's work: the 支部书记 (branch_secretary grants) on it or, for a 党小组, on its branch,
 * and the 总支书记/组织员 (general_branch_secretary) on it when it is a 总支.
 */
export async function secretariesOf(db: Q, orgId: number): Promise<number[]> {
  const { rows } = await sql<{ user_id: number }>`
    select distinct r.user_id from user_role r
    join app_user u on u.id = r.user_id and not u.disabled
    join org o on o.id = ${orgId}
    where (r.role = 'branch_secretary' and r.org_id = case when o.type = 'group' then o.parent_id else o.id end)
       or (r.role = 'general_branch_secretary' and r.org_id = o.id)
    order by r.user_id`.execute(db);
  return rows.map((r) => r.user_id);
}

/** Open findings due within [from, to], with their org and assignee (the morning's 3-day reminders). */
export async function findingsDueBetween(db: Q, from: string, to: string) {
  return db
    .selectFrom('finding as f')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select([
      'f.key',
      'f.rule_id',
      'f.provider',
      'f.org_id',
      'o.name as org_name',
      'f.subject',
      'f.message',
      'f.due_date',
      'f.assignee_person_id',
    ])
    .where('f.state', '<>', 'resolved')
    .where('f.due_date', '>=', from)
    .where('f.due_date', '<=', to)
    .orderBy('f.due_date')
    .orderBy('f.key')
    .execute();
}

/** How many attempts a delivery has had so far, if the delivery exists. */
export async function deliveryAttempts(db: Q, id: string) {
  return db.selectFrom('notification_delivery').select('attempts').where('id', '=', id).executeTakeFirst();
}
