/**
 * SQL of the trainings module: courses and their attendance, external training, and the reads of the hours, the
 * classes and the findings. Row types stay here; the service maps them.
 */
import type { TrainingAttendanceStatus, TrainingTargetGroup } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ExternalTrainingTable, TrainingCourseTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** The courses the given people were on that ended from `from` to `to`, with their attendance. */
export async function courseHourRows(db: Q, personIds: readonly number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('training_attendance as t')
    .innerJoin('training_course as c', 'c.id', 't.course_id')
    .innerJoin('org as o', 'o.id', 'c.org_id')
    .select([
      't.person_id',
      't.status',
      't.absent_hours',
      'c.id',
      'c.title',
      'c.ends_on',
      'c.hours',
      'o.name as org_name',
    ])
    .where('t.person_id', 'in', [...personIds])
    .where('c.ends_on', '>=', from)
    .where('c.ends_on', '<=', to)
    .orderBy('c.ends_on')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    status: r.status as TrainingAttendanceStatus,
    hours: Number(r.hours),
    absent_hours: Number(r.absent_hours),
  }));
}

/** The external training of the given people that ended from `from` to `to`. */
export async function externalHourRows(db: Q, personIds: readonly number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('external_training')
    .select(['id', 'person_id', 'title', 'organiser', 'ends_on', 'hours', 'certificate_no', 'file_name'])
    .where('person_id', 'in', [...personIds])
    .where('ends_on', '>=', from)
    .where('ends_on', '<=', to)
    .orderBy('ends_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, hours: Number(r.hours) }));
}

/** Filters of the course list, resolved against the actor's scope. */
export interface CourseFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  subtreePath?: string | undefined;
  year?: number | undefined;
  targetGroup?: TrainingTargetGroup | undefined;
  q?: string | undefined;
}

const courseColumns = [
  'c.id',
  'c.org_id',
  'o.name as org_name',
  'o.path',
  'c.title',
  'c.target_group',
  'c.starts_on',
  'c.ends_on',
  'c.hours',
  'c.place',
  'c.content',
  'c.version',
] as const;

const counts = sql<{ enrolled: number; present: number; absent: number }>`(select json_build_object(
  'enrolled', count(*)::int,
  'present', (count(*) filter (where t.status = 'present'))::int,
  'absent', (count(*) filter (where t.status = 'absent'))::int)
  from training_attendance t where t.course_id = c.id)`;

/** A page of courses organised in the scope, newest first. */
export async function coursePage(db: Q, f: CourseFilters, page: { limit: number; offset: number }) {
  const rows = await db
    .selectFrom('training_course as c')
    .innerJoin('org as o', 'o.id', 'c.org_id')
    .select([...courseColumns, counts.as('counts'), sql<number>`count(*) over ()`.as('total')])
    .where(f.inScope('o.path'))
    .$if(f.subtreePath !== undefined, (qb) => qb.where('o.path', 'like', `${escapeLike(f.subtreePath!)}%`))
    .$if(f.year !== undefined, (qb) =>
      qb.where('c.ends_on', '>=', `${f.year}-01-01`).where('c.ends_on', '<=', `${f.year}-12-31`),
    )
    .$if(f.targetGroup !== undefined, (qb) => qb.where('c.target_group', '=', f.targetGroup!))
    .$if(f.q !== undefined, (qb) => qb.where('c.title', 'like', `%${escapeLike(f.q!)}%`))
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}
export type CourseListRow = Awaited<ReturnType<typeof coursePage>>['rows'][number];

/** One course with its organiser and counts. */
export function findCourse(db: Q, id: number) {
  return db
    .selectFrom('training_course as c')
    .innerJoin('org as o', 'o.id', 'c.org_id')
    .select([...courseColumns, counts.as('counts')])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

/** Locks a course row for a change. */
export async function lockCourse(trx: Trx, id: number): Promise<boolean> {
  const r = await trx
    .selectFrom('training_course')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertCourse(trx: Trx, values: Insertable<TrainingCourseTable>): Promise<number> {
  const r = await trx.insertInto('training_course').values(values).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function bumpCourse(trx: Trx, id: number, now: Date): Promise<void> {
  await trx
    .updateTable('training_course')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

/** Enrols people (those already on the course are left as they are); returns the ids added. */
export async function enrol(trx: Trx, courseId: number, personIds: readonly number[]): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await trx
    .insertInto('training_attendance')
    .values(personIds.map((person_id) => ({ course_id: courseId, person_id })))
    .onConflict((oc) => oc.columns(['course_id', 'person_id']).doNothing())
    .returning('person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

/** The people on a course with their branch. */
export async function attendeesOf(db: Q, courseId: number) {
  const rows = await db
    .selectFrom('training_attendance as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select([
      't.person_id',
      'p.name',
      'o.name as org_name',
      't.status',
      't.absent_hours',
      't.signed_in_at',
      't.note',
    ])
    .where('t.course_id', '=', courseId)
    .orderBy('o.path')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ ...r, absent_hours: Number(r.absent_hours) }));
}

/** Records one person's sign-in or absence; false when they are not on the course. */
export async function markAttendance(
  trx: Trx,
  courseId: number,
  personId: number,
  values: {
    status: TrainingAttendanceStatus;
    absent_hours: number;
    note: string | null;
    marked_by: number | null;
    signed_in_at: Date | null;
  },
): Promise<{ status: TrainingAttendanceStatus; absent_hours: string } | undefined> {
  const before = await trx
    .selectFrom('training_attendance')
    .select(['status', 'absent_hours'])
    .where('course_id', '=', courseId)
    .where('person_id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return undefined;
  await trx
    .updateTable('training_attendance')
    .set(values)
    .where('course_id', '=', courseId)
    .where('person_id', '=', personId)
    .execute();
  return before;
}

/** Roster members (正式/预备, on the roll) of the scope, optionally of a subtree, by name or id. */
export async function rosterPeople(
  db: Q,
  f: {
    inScope: (column: string) => RawBuilder<SqlBool>;
    subtreePath?: string | undefined;
    orgIds?: readonly number[] | null | undefined;
    personIds?: readonly number[] | undefined;
    q?: string | undefined;
  },
) {
  if (f.personIds?.length === 0 || f.orgIds?.length === 0) return [];
  return db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .select([
      'p.id',
      'p.name',
      'p.org_id',
      'o.name as org_name',
      'o.path',
      'p.is_dual_leader',
      'u.name as unit_name',
    ])
    .where('p.status', '=', 'active')
    .where('p.party_status', 'is not', null)
    .where(f.inScope('o.path'))
    .$if(f.subtreePath !== undefined, (qb) => qb.where('o.path', 'like', `${escapeLike(f.subtreePath!)}%`))
    .$if(f.orgIds !== undefined && f.orgIds !== null, (qb) => qb.where('p.org_id', 'in', [...f.orgIds!]))
    .$if(f.personIds !== undefined, (qb) => qb.where('p.id', 'in', [...f.personIds!]))
    .$if(f.q !== undefined, (qb) => qb.where('p.name', 'like', `%${escapeLike(f.q!)}%`))
    .orderBy('o.path')
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}
export type RosterRow = Awaited<ReturnType<typeof rosterPeople>>[number];

export async function insertExternal(trx: Trx, values: Insertable<ExternalTrainingTable>): Promise<number> {
  const r = await trx
    .insertInto('external_training')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A person's external training whose title and first day are those given (the same training entered twice). */
export function sameExternal(db: Q, personId: number, title: string, startsOn: string) {
  return db
    .selectFrom('external_training')
    .select('id')
    .where('person_id', '=', personId)
    .where('title', '=', title)
    .where('starts_on', '=', startsOn)
    .executeTakeFirst();
}

/** One external training with its person's org path (for scope). */
export async function findExternal(db: Q, id: number) {
  const r = await db
    .selectFrom('external_training as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select([
      'e.id',
      'e.person_id',
      'p.name',
      'o.path',
      'e.title',
      'e.organiser',
      'e.starts_on',
      'e.ends_on',
      'e.hours',
      'e.certificate_no',
      'e.file_name',
      'e.note',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, hours: Number(r.hours) } : undefined;
}
export type ExternalRow = NonNullable<Awaited<ReturnType<typeof findExternal>>>;

/** The certificate file of an external training. */
export function externalFile(db: Q, id: number) {
  return db
    .selectFrom('external_training')
    .select(['file_name', 'mime_type', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Stores the certificate file of an external training that has no certificate number and no file yet. */
export async function setExternalFile(
  trx: Trx,
  id: number,
  f: { file_name: string; mime_type: string; size: number; sha256: string; content: Buffer },
): Promise<boolean> {
  const r = await trx
    .updateTable('external_training')
    .set(f)
    .where('id', '=', id)
    .where('certificate_no', 'is', null)
    .where('content', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
