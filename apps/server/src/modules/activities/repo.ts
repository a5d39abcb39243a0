import {
  type ActivityKind,
  type ActivityStatus,
  type AttendeeRole,
  isBranchType,
  type OrgType,
  type PartyStatus,
  type ReviewRating,
  teamPosts,
} from '@dangjian/core';
import type { Insertable, RawBuilder, SqlBool, Updateable } from 'kysely';
import { sql } from 'kysely';
import type {
  ActivityAttachmentTable,
  ActivityAttendeeTable,
  ActivityResolutionTable,
  ActivityReviewTable,
  ActivityTable,
} from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';
import type { SearchPage, SearchText } from '../../http/search.ts';

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
export async function insertAttendees(
  trx: Trx,
  activityId: number,
  people: readonly { personId: number; role: AttendeeRole; partyStatus: PartyStatus | null }[],
): Promise<void> {
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

/**
 * Closed records of the org and its 党小组 in [from, to] for the ledger: org, kind, title, times, place,
 * host and recorder, the first topic, and attendance counts with absent names (JSON text), by date.
 */
export async function ledgerRows(db: Q, orgId: number, from: string, to: string) {
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('person as h', 'h.id', 'a.host_person_id')
    .leftJoin('person as r', 'r.id', 'a.recorder_person_id')
    .select([
      'a.id',
      'o.name as org_name',
      'a.kind',
      'a.title',
      'a.on_date',
      'a.starts_at',
      'a.ends_at',
      'a.place',
      'h.name as host_name',
      'r.name as recorder_name',
      sql<string | null>`(select i->>'title' from jsonb_array_elements(a.agenda) i
        where (i->>'isFirstTopic')::boolean limit 1)`.as('first_topic'),
    ])
    .select((eb) => [
      eb
        .selectFrom('activity_attendee as x')
        .select(
          sql<string>`json_build_object(
            'expected', count(*) filter (where x.role <> 'guest'),
            'present', count(*) filter (where x.role <> 'guest' and x.status = 'present'),
            'leave', count(*) filter (where x.role <> 'guest' and x.status = 'leave'),
            'absent', count(*) filter (where x.role <> 'guest' and x.status = 'absent'),
            'absentNames', (select string_agg(p.name, '、' order by p.name) from activity_attendee y
              join person p on p.id = y.person_id
              where y.activity_id = a.id and y.role <> 'guest' and y.status = 'absent'))::text`.as('c'),
        )
        .whereRef('x.activity_id', '=', 'a.id')
        .as('counts'),
    ])
    .where('a.status', '=', 'closed')
    .where('a.on_date', '>=', from)
    .where('a.on_date', '<=', to)
    .where((eb) =>
      eb.or([
        eb('a.org_id', '=', orgId),
        eb('a.org_id', 'in', eb.selectFrom('org').select('id').where('parent_id', '=', orgId)),
      ]),
    )
    .orderBy('a.on_date')
    .orderBy('a.starts_at')
    .orderBy('a.id')
    .execute();
}

/** The resolutions of the given activities, by activity and position. */
export async function resolutionsOfMany(db: Q, ids: number[]) {
  return db
    .selectFrom('activity_resolution')
    .selectAll()
    .where('activity_id', 'in', ids)
    .orderBy('activity_id')
    .orderBy('position')
    .execute();
}

/** The reviews of the given activities, newest first. */
export async function reviewsOfMany(db: Q, ids: number[]) {
  return db
    .selectFrom('activity_review')
    .selectAll()
    .where('activity_id', 'in', ids)
    .orderBy('reviewed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** An org's id, name, path and type, if it exists. */
export async function findOrgWithType(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'name', 'path', 'type']).where('id', '=', id).executeTakeFirst();
}

/** How many attachments an activity has. */
export async function countAttachments(db: Q, activityId: number): Promise<number> {
  const n = await db
    .selectFrom('activity_attachment')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  return Number(n.n);
}

/** Inserts an attachment; returns its id. */
export async function insertAttachment(trx: Trx, values: Insertable<ActivityAttachmentTable>) {
  return trx.insertInto('activity_attachment').values(values).returning('id').executeTakeFirstOrThrow();
}

/** An attachment's kind, file name and content, if it belongs to the activity. */
export async function attachmentContent(db: Q, activityId: number, attachmentId: number) {
  return db
    .selectFrom('activity_attachment')
    .select(['kind', 'file_name', 'content'])
    .where('id', '=', attachmentId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
}

/** Deletes an attachment of the activity; returns its file name and hash, or undefined when there was none. */
export async function deleteAttachmentRow(trx: Trx, activityId: number, attachmentId: number) {
  return trx
    .deleteFrom('activity_attachment')
    .where('id', '=', attachmentId)
    .where('activity_id', '=', activityId)
    .returning(['file_name', 'sha256'])
    .executeTakeFirst();
}

/** A person's id and name, if the person exists. */
export async function personName(db: Q, id: number) {
  return db.selectFrom('person').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

/** A person's id and org path (null when unplaced), if the person exists. */
export async function personOrgPath(db: Q, id: number) {
  return db
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'o.path'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** A person's attendance at activities held or closed in `year`, newest first. */
export async function attendanceRowsOfPerson(db: Q, personId: number, year: number) {
  return db
    .selectFrom('activity_attendee as x')
    .innerJoin('activity as a', 'a.id', 'x.activity_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'o.name as org_name',
      'a.kind',
      'a.title',
      'a.on_date',
      'x.status',
      'x.role',
      'x.signed_in_at',
      'x.leave_reason',
      'x.leave_status',
    ])
    .where('x.person_id', '=', personId)
    .where('a.status', 'in', ['held', 'closed'])
    .where('a.on_date', '>=', `${year}-01-01`)
    .where('a.on_date', '<=', `${year}-12-31`)
    .orderBy('a.on_date', 'desc')
    .orderBy('a.starts_at', 'desc')
    .execute();
}

/** Team posts on 党委/党总支 held on `day` by the given people (person, post, org name), by appointment id. */
export async function leaderPostRows(db: Q, personIds: number[], day: string) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.person_id', 'a.post', 'o.name as org_name'])
    .where('a.person_id', 'in', personIds)
    .where('o.type', 'in', ['committee', 'general_branch'])
    .where('a.post', 'in', [...teamPosts])
    .where('a.start_date', '<=', day)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', day)]))
    .orderBy('a.id')
    .execute();
}

/** The given people with their party status and confirmation date. */
export async function personStatusRows(db: Q, ids: number[]) {
  return db.selectFrom('person as p').select(personColumns).where('p.id', 'in', ids).execute();
}

/** Those of the given people who are active on the roster, with party status and confirmation date. */
export async function activePersonStatusRows(db: Q, ids: readonly number[]) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'party_status', 'confirmed_on'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
}

const personColumns = ['p.id', 'p.name', 'p.party_status', 'p.confirmed_on'] as const;

/** The team of the org's term in force on `day`: people holding a team post that day, by id. */
export async function teamOn(db: Q, orgId: number, day: string) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('term as t', 't.id', 'a.term_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(personColumns)
    .distinct()
    .where('a.org_id', '=', orgId)
    .where('a.post', 'in', [...teamPosts])
    .where('a.start_date', '<=', day)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', day)]))
    .where('t.start_date', '<=', day)
    .where((eb) => eb.or([eb('t.actual_end_date', 'is', null), eb('t.actual_end_date', '>=', day)]))
    .orderBy('p.id')
    .execute();
}

/**
 * Members placed in the org on `day` (a branch with its 党小组, a group alone, else the whole subtree):
 * joined by then, not gone before it, not placed here by a transfer after it; by id.
 */
export async function membersOn(db: Q, org: { id: number; type: OrgType; path: string }, day: string) {
  let q = db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(personColumns)
    .where('p.party_status', 'in', ['full', 'probationary'])
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'active'),
        eb.and([eb('p.left_on', 'is not', null), eb('p.left_on', '>', day)]),
      ]),
    )
    .where((eb) => eb.or([eb('p.joined_on', 'is', null), eb('p.joined_on', '<=', day)]))
    // Placed here by a transfer after the day: not yet a member of this org then.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person_event as e')
            .select(sql`1`.as('one'))
            .whereRef('e.person_id', '=', 'p.id')
            .where('e.kind', 'in', ['transferred', 'transferred_in'])
            .where('e.on_date', '>', day),
        ),
      ),
    );
  if (isBranchType(org.type))
    q = q.where((eb) =>
      eb.or([eb('o.id', '=', org.id), eb.and([eb('o.parent_id', '=', org.id), eb('o.type', '=', 'group')])]),
    );
  else if (org.type === 'group') q = q.where('o.id', '=', org.id);
  else q = q.where('o.path', 'like', `${org.path}%`);
  return q.orderBy('p.id').execute();
}

/** A person's attendee rows with their activity and org, from `since` on, by start time (at most 500). */
export async function myAttendanceRows(db: Q, personId: number, since: Date) {
  return db
    .selectFrom('activity_attendee as t')
    .innerJoin('activity as a', 'a.id', 't.activity_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.org_id',
      'o.name as org_name',
      'a.kind',
      'a.title',
      'a.status',
      'a.starts_at',
      'a.place',
      'a.notice',
      'a.notice_published_at',
      'a.sign_in_open',
      't.status as my_status',
      't.leave_status',
      't.leave_reason',
      't.leave_note',
    ])
    .where('t.person_id', '=', personId)
    .where('a.starts_at', '>=', since)
    .orderBy('a.starts_at')
    .limit(500)
    .execute();
}

/** What the minutes print of one activity: its fields, org, host, recorder and partner names; undefined when missing. */
export async function minutesActivity(db: Q, id: number) {
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('person as h', 'h.id', 'a.host_person_id')
    .leftJoin('person as r', 'r.id', 'a.recorder_person_id')
    .leftJoin('person as pt', 'pt.id', 'a.partner_person_id')
    .leftJoin('unit as u', 'u.id', 'o.unit_id')
    .select([
      'a.id',
      'a.kind',
      'a.title',
      'a.status',
      'a.on_date',
      'a.starts_at',
      'a.ends_at',
      'a.place',
      'a.speaker',
      'a.topic',
      'a.agenda',
      'a.segments',
      'a.minutes',
      'a.summary',
      'o.name as org_name',
      'o.path as org_path',
      'u.name as unit_name',
      'h.name as host_name',
      'r.name as recorder_name',
      'pt.name as partner_name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** The attendees of an activity for the minutes (name, role, status, leave reason), by name. */
export async function minutesAttendees(db: Q, activityId: number) {
  return db
    .selectFrom('activity_attendee as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .select(['p.name', 'x.role', 'x.status', 'x.leave_reason'])
    .where('x.activity_id', '=', activityId)
    .orderBy('p.name')
    .execute();
}

/** Inserts a review (检查意见); returns its id. */
export async function insertReview(trx: Trx, values: Insertable<ActivityReviewTable>) {
  return trx.insertInto('activity_review').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Locks a review of the activity and returns its id and response; undefined when missing. */
export async function lockReview(trx: Trx, activityId: number, reviewId: number) {
  return trx
    .selectFrom('activity_review')
    .select(['id', 'response'])
    .where('id', '=', reviewId)
    .where('activity_id', '=', activityId)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets fields of a review (the branch's answer); returns nothing. */
export async function updateReview(
  trx: Trx,
  reviewId: number,
  values: Updateable<ActivityReviewTable>,
): Promise<void> {
  await trx.updateTable('activity_review').set(values).where('id', '=', reviewId).execute();
}

/** What sign-in needs of an activity (title, secret, status, open flag, place check), if it exists. */
export async function signInRow(db: Q, activityId: number) {
  return db
    .selectFrom('activity')
    .select(['title', 'sign_in_secret', 'status', 'sign_in_open', 'check_lat', 'check_lng', 'check_radius_m'])
    .where('id', '=', activityId)
    .executeTakeFirst();
}

/**
 * Marks an expected (or on-leave) attendee present by QR while the activity is held with sign-in open;
 * returns the sign-in time, or undefined when nothing changed.
 */
export async function signInByQr(db: Q, activityId: number, personId: number, now: Date) {
  return db
    .updateTable('activity_attendee')
    .set({ status: 'present', signed_in_at: now, sign_in_method: 'qr' })
    .where('activity_id', '=', activityId)
    .where('person_id', '=', personId)
    .where('status', 'in', ['expected', 'leave'])
    .where(
      sql<boolean>`exists (select 1 from activity a where a.id = ${activityId} and a.status = 'held' and a.sign_in_open)`,
    )
    .returning('signed_in_at')
    .executeTakeFirst();
}

/** An attendee's status and sign-in time, if the person is on the list. */
export async function attendeeSignInState(db: Q, activityId: number, personId: number) {
  return db
    .selectFrom('activity_attendee')
    .select(['status', 'signed_in_at'])
    .where('activity_id', '=', activityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Inserts an activity; returns its id. */
export async function insertActivity(trx: Trx, values: Insertable<ActivityTable>) {
  return trx.insertInto('activity').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Bumps an activity's version and stamps `updated_at`; returns nothing. */
export async function bumpActivityVersion(trx: Trx, id: number, now: Date): Promise<void> {
  await trx
    .updateTable('activity')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

/** Sets fields of an activity (the caller sets version and updated_at); returns nothing. */
export async function updateActivityRow(
  trx: Trx,
  id: number,
  values: Updateable<ActivityTable>,
): Promise<void> {
  await trx.updateTable('activity').set(values).where('id', '=', id).execute();
}

/** Removes the given people from an activity's list; returns nothing. */
export async function deleteAttendees(
  trx: Trx,
  activityId: number,
  personIds: readonly number[],
): Promise<void> {
  await trx
    .deleteFrom('activity_attendee')
    .where('activity_id', '=', activityId)
    .where('person_id', 'in', [...personIds])
    .execute();
}

/** Marks everyone still expected as absent (closing); returns nothing. */
export async function markExpectedAbsent(trx: Trx, activityId: number): Promise<void> {
  await trx
    .updateTable('activity_attendee')
    .set({ status: 'absent' })
    .where('activity_id', '=', activityId)
    .where('status', '=', 'expected')
    .execute();
}

/** Locks a person's attendee row with their name; undefined when they are not on the list. */
export async function lockAttendee(trx: Trx, activityId: number, personId: number) {
  return trx
    .selectFrom('activity_attendee as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .selectAll('t')
    .select('p.name')
    .where('t.activity_id', '=', activityId)
    .where('t.person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
}

/** Sets fields of a person's attendee row; returns nothing. */
export async function updateAttendee(
  trx: Trx,
  activityId: number,
  personId: number,
  values: Updateable<ActivityAttendeeTable>,
): Promise<void> {
  await trx
    .updateTable('activity_attendee')
    .set(values)
    .where('activity_id', '=', activityId)
    .where('person_id', '=', personId)
    .execute();
}

/** The caller's own attendee status and leave state with the activity's status and title, if invited. */
export async function ownAttendance(db: Q, activityId: number, personId: number) {
  return db
    .selectFrom('activity_attendee as t')
    .innerJoin('activity as a', 'a.id', 't.activity_id')
    .select(['t.status', 't.leave_status', 'a.status as activity_status', 'a.title'])
    .where('t.activity_id', '=', activityId)
    .where('t.person_id', '=', personId)
    .executeTakeFirst();
}

/** Replaces an activity's resolutions with `values`; returns nothing. */
export async function replaceResolutions(
  trx: Trx,
  activityId: number,
  values: Insertable<ActivityResolutionTable>[],
): Promise<void> {
  await trx.deleteFrom('activity_resolution').where('activity_id', '=', activityId).execute();
  if (values.length > 0) await trx.insertInto('activity_resolution').values(values).execute();
}

/** How many are on the list (n) and how many are present (p), as count strings. */
export async function attendanceCounts(db: Q, activityId: number) {
  return db
    .selectFrom('activity_attendee')
    .select([
      (eb) => eb.fn.countAll<string>().as('n'),
      (eb) => eb.fn.countAll<string>().filterWhere('status', '=', 'present').as('p'),
    ])
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
}

/** Leave requests waiting for a decision on open records of these orgs, earliest meeting first. */
export async function pendingLeaveRequests(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('activity_attendee as t')
    .innerJoin('activity as a', 'a.id', 't.activity_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .select(['a.id', 'a.title', 'a.on_date', 'o.name as org_name', 'p.name as person_name', 't.leave_reason'])
    .where('t.leave_status', '=', 'requested')
    .where('t.status', '=', 'expected')
    .where('a.status', 'in', ['planned', 'published', 'held'])
    .where('a.org_id', 'in', [...orgIds])
    .orderBy('a.on_date')
    .orderBy('a.id')
    .execute();
}

/** Supervision comments (督促检查) on records of these orgs not answered yet, by reviewers other than `userId`. */
export async function unansweredReviews(db: Q, orgIds: readonly number[], userId: number) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('activity_review as rv')
    .innerJoin('activity as a', 'a.id', 'rv.activity_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.title', 'o.name as org_name', 'rv.rating', 'rv.reviewer_name', 'rv.reviewed_at'])
    .where('rv.response', 'is', null)
    .where((eb) => eb.or([eb('rv.reviewer_id', 'is', null), eb('rv.reviewer_id', '<>', userId)]))
    .where('a.org_id', 'in', [...orgIds])
    .orderBy('rv.reviewed_at')
    .execute();
}

/** Records of these orgs whose day has passed but that are neither archived nor cancelled. */
export async function recordsPastTheirDay(db: Q, orgIds: readonly number[], today: string) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.title', 'a.kind', 'a.status', 'a.on_date', 'o.name as org_name'])
    .where('a.status', 'in', ['planned', 'published', 'held'])
    .where('a.on_date', '<', today)
    .where('a.org_id', 'in', [...orgIds])
    .orderBy('a.on_date')
    .execute();
}

/**
 * One page of the records whose title holds the text, in the scope, newest first (an exact title before
 * all); each row carries the total and its org's name.
 */
export async function searchActivityRows(db: Q, where: RawBuilder<SqlBool>, s: SearchText, page: SearchPage) {
  const order = sql`a.title <> ${s.text}, a.starts_at desc, a.id desc`;
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .where(where)
    .where('a.title', s.like, s.contains)
    .select([
      'a.id',
      'a.title',
      'a.kind',
      'a.status',
      'a.on_date',
      sql<string>`coalesce(o.short_name, o.name)`.as('org_name'),
      sql<string>`count(*) over ()`.as('total'),
    ])
    .orderBy(sql`${order}`)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Activity records by id with their org's path, as another module links them (a rectification's evidence). */
export async function linkedActivities(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.title', 'a.kind', 'a.status', 'a.on_date', 'o.path'])
    .where('a.id', 'in', [...ids])
    .execute();
}

/** Closed records of `kinds` from `from` to `to` the given people attended (present), with the record's segments. */
export async function attendedClosedRecords(
  db: Q,
  personIds: readonly number[],
  kinds: readonly ActivityKind[],
  from: string,
  to: string,
) {
  if (personIds.length === 0 || kinds.length === 0) return [];
  return db
    .selectFrom('activity_attendee as x')
    .innerJoin('activity as a', 'a.id', 'x.activity_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['x.person_id', 'a.id', 'a.kind', 'a.title', 'a.on_date', 'a.segments', 'o.name as org_name'])
    .where('x.person_id', 'in', [...personIds])
    .where('x.status', '=', 'present')
    .where('a.status', '=', 'closed')
    .where('a.kind', 'in', [...kinds])
    .where('a.on_date', '>=', from)
    .where('a.on_date', '<=', to)
    .orderBy('a.on_date')
    .orderBy('a.id')
    .execute();
}
