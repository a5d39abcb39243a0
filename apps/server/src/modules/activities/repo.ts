import type { ActivityKind, ActivityStatus, ReviewRating } from '@dangjian/core';
import type { RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';
import type { Invitee } from './invitees.ts';

type Q = Db | Trx;

/** One activity with its org and the names of its people. */
export async function findActivity(db: Q, id: number) {
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('person as h', 'h.id', 'a.host_person_id')
    .leftJoin('person as r', 'r.id', 'a.recorder_person_id')
    .leftJoin('person as pt', 'pt.id', 'a.partner_person_id')
    .selectAll('a')
    .select([
      'o.name as org_name',
      'o.path as org_path',
      'o.type as org_type',
      'h.name as host_name',
      'r.name as recorder_name',
      'pt.name as partner_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}
export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

/** Locks the activity row for a change; false when it does not exist. */
export async function lockActivity(trx: Trx, id: number): Promise<boolean> {
  const r = await trx.selectFrom('activity').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return r !== undefined;
}

/** Filtered, paged activities with attendance counts, latest rating and pending leave requests. */
export async function listActivityRows(
  db: Db,
  f: {
    scope: RawBuilder<SqlBool>;
    subtreePath?: string | undefined;
    kind?: ActivityKind | undefined;
    status?: ActivityStatus | undefined;
    from?: string | undefined;
    to?: string | undefined;
    q?: string | undefined;
    reviewed?: boolean | undefined;
  },
  page: { limit: number; offset: number },
) {
  let q = db.selectFrom('activity as a').innerJoin('org as o', 'o.id', 'a.org_id').where(f.scope);
  if (f.subtreePath) q = q.where('o.path', 'like', `${f.subtreePath}%`);
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.from) q = q.where('a.on_date', '>=', f.from);
  if (f.to) q = q.where('a.on_date', '<=', f.to);
  if (f.q) q = q.where('a.title', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.reviewed !== undefined) {
    const has = sql<SqlBool>`exists (select 1 from activity_review rv where rv.activity_id = a.id)`;
    q = q.where(f.reviewed ? has : sql<SqlBool>`not ${has}`);
  }
  const [rows, total] = await Promise.all([
    q
      .leftJoin('person as h', 'h.id', 'a.host_person_id')
      .select([
        'a.id',
        'a.org_id',
        'o.name as org_name',
        'a.kind',
        'a.title',
        'a.status',
        'a.starts_at',
        'a.on_date',
        'a.place',
        'a.host_person_id',
        'h.name as host_name',
        'a.has_first_topic',
        sql<number>`(select count(*) from activity_attendee t where t.activity_id = a.id)::int`.as(
          'n_expected',
        ),
        sql<number>`(select count(*) from activity_attendee t where t.activity_id = a.id and t.status = 'present')::int`.as(
          'n_present',
        ),
        sql<number>`(select count(*) from activity_attendee t where t.activity_id = a.id and t.status = 'leave')::int`.as(
          'n_leave',
        ),
        sql<number>`(select count(*) from activity_attendee t where t.activity_id = a.id and t.status = 'absent')::int`.as(
          'n_absent',
        ),
        sql<number>`(select count(*) from activity_attendee t where t.activity_id = a.id and t.status = 'expected' and t.leave_status = 'requested')::int`.as(
          'n_pending_leave',
        ),
        sql<ReviewRating | null>`(select rv.rating from activity_review rv where rv.activity_id = a.id order by rv.reviewed_at desc, rv.id desc limit 1)`.as(
          'rating',
        ),
      ])
      .orderBy('a.starts_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
export type ActivityListRow = Awaited<ReturnType<typeof listActivityRows>>['rows'][number];

/** The attendee list with names. */
export function attendeesOf(db: Q, activityId: number) {
  return db
    .selectFrom('activity_attendee as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .selectAll('t')
    .select('p.name')
    .where('t.activity_id', '=', activityId)
    .orderBy(sql`case t.role when 'member' then 0 when 'dual_life' then 1 else 2 end`)
    .orderBy('t.person_id')
    .execute();
}
export type AttendeeRow = Awaited<ReturnType<typeof attendeesOf>>[number];

/** Adds people to the list (leader posts are recomputed for display, not stored). */
export async function insertAttendees(trx: Trx, activityId: number, people: Invitee[]): Promise<void> {
  if (people.length === 0) return;
  for (let i = 0; i < people.length; i += 1000)
    await trx
      .insertInto('activity_attendee')
      .values(
        people.slice(i, i + 1000).map((p) => ({
          activity_id: activityId,
          person_id: p.personId,
          role: p.role,
          party_status: p.partyStatus,
          status: 'expected',
        })),
      )
      .execute();
}

export function resolutionsOf(db: Q, activityId: number) {
  return db
    .selectFrom('activity_resolution')
    .selectAll()
    .where('activity_id', '=', activityId)
    .orderBy('position')
    .execute();
}

export function attachmentsOf(db: Q, activityId: number) {
  return db
    .selectFrom('activity_attachment')
    .select(['id', 'kind', 'file_name', 'mime_type', 'size', 'uploaded_at'])
    .where('activity_id', '=', activityId)
    .orderBy('id')
    .execute();
}

export function reviewsOf(db: Q, activityId: number) {
  return db
    .selectFrom('activity_review as rv')
    .leftJoin('org as o', 'o.id', 'rv.reviewer_org_id')
    .selectAll('rv')
    .select('o.name as reviewer_org_name')
    .where('rv.activity_id', '=', activityId)
    .orderBy('rv.id')
    .execute();
}

/** A person with the path of the org they are placed in. */
export function findPerson(db: Q, id: number) {
  return db
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.status', 'o.path as org_path'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** An org with what creating an activity needs to know. */
export function findOrg(db: Q, id: number) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'type', 'path', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
