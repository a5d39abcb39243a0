/**
 * SQL of 述职评议: campaigns (listed by scope — the organising org in it, or one of the secretaries' orgs), one
 * campaign with its secretaries, 答辩, 点评 and timeline, the orgs a campaign reviews, the writes, and what the
 * findings, the 待办, the metric and later modules read.
 */
import type { DutyReviewStatus } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  DutyReviewCommentTable,
  DutyReviewEventTable,
  DutyReviewQuestionTable,
  DutyReviewSubjectTable,
  DutyReviewTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

const columns = [
  'd.id',
  'd.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'o.type as org_type',
  'd.level',
  'd.year',
  'd.title',
  'd.starts_on',
  'd.ends_on',
  'd.report_due_on',
  'd.status',
  'd.rule',
  'd.voter_committee',
  'd.voter_secretaries',
  'd.representative_ids',
  'd.voter_person_ids',
  'd.ballot_id',
  'd.rectified_at',
  'd.published_at',
  'd.created_by_name',
  'd.updated_at',
  'd.version',
] as const;

/** Filters of the list, resolved against the caller's scope. */
export interface ReviewFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  subtreePath?: string | undefined;
  year?: number | undefined;
  status?: DutyReviewStatus | undefined;
  q?: string | undefined;
}

/** A campaign is seen by whoever's scope holds its organising org or the org of one of its secretaries. */
function visible(inScope: ReviewFilters['inScope']): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${inScope('o.path')} or exists (select 1 from duty_review_subject xs
    join org xo on xo.id = xs.org_id where xs.duty_review_id = d.id and ${inScope('xo.path')}))`;
}

function filtered(db: Q, f: ReviewFilters) {
  return db
    .selectFrom('duty_review as d')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .where(visible(f.inScope))
    .$if(f.subtreePath !== undefined, (qb) => qb.where('o.path', 'like', `${escapeLike(f.subtreePath!)}%`))
    .$if(f.year !== undefined, (qb) => qb.where('d.year', '=', f.year!))
    .$if(f.status !== undefined, (qb) => qb.where('d.status', '=', f.status!))
    .$if(f.q !== undefined, (qb) => qb.where('d.title', 'like', `%${escapeLike(f.q!)}%`));
}

const counts = (db: Q) =>
  db
    .selectFrom('duty_review_subject')
    .select((eb) => [
      'duty_review_id',
      eb.fn.countAll<string>().as('subjects'),
      sql<string>`count(report_submitted_at)`.as('reports'),
      sql<string>`count(grade)`.as('graded'),
    ])
    .groupBy('duty_review_id');

/** One page of campaigns, the latest year first. */
export async function reviewPage(db: Q, f: ReviewFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .leftJoin(counts(db).as('c'), 'c.duty_review_id', 'd.id')
      .select(columns)
      .select(['c.subjects', 'c.reports', 'c.graded'])
      .orderBy('d.year', 'desc')
      .orderBy('d.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type ItemRow = Awaited<ReturnType<typeof reviewPage>>['rows'][number];

/** One campaign with its counts. */
export async function findReview(db: Q, id: number) {
  return db
    .selectFrom('duty_review as d')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .leftJoin(counts(db).as('c'), 'c.duty_review_id', 'd.id')
    .select(columns)
    .select(['c.subjects', 'c.reports', 'c.graded'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

/** Locks a campaign's row; false when there is none. */
export async function lockReview(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('duty_review')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** The secretaries of a campaign with their orgs' paths, in org order. */
export async function subjectsOf(db: Q, reviewId: number) {
  return db
    .selectFrom('duty_review_subject as s')
    .innerJoin('org as o', 'o.id', 's.org_id')
    .select([
      's.id',
      's.duty_review_id',
      's.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'o.type as org_type',
      's.person_id',
      's.person_name',
      's.report',
      's.report_submitted_at',
      's.evaluation_score',
      's.computed_grade',
      's.computed_score',
      's.grade',
      's.override_reason',
      's.rectification_ids',
      's.version',
    ])
    .where('s.duty_review_id', '=', reviewId)
    .orderBy('o.path')
    .execute();
}
export type SubjectRow = Awaited<ReturnType<typeof subjectsOf>>[number];

export async function questionsOf(db: Q, subjectIds: readonly number[]) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('duty_review_question')
    .select(['id', 'subject_id', 'question', 'answer', 'at'])
    .where('subject_id', 'in', [...subjectIds])
    .orderBy('id')
    .execute();
}

export async function commentsOf(db: Q, subjectIds: readonly number[]) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('duty_review_comment')
    .select(['id', 'subject_id', 'author_name', 'content', 'at', 'rectification_id'])
    .where('subject_id', 'in', [...subjectIds])
    .orderBy('id')
    .execute();
}
export type CommentRow = Awaited<ReturnType<typeof commentsOf>>[number];

export async function eventsOf(db: Q, reviewId: number) {
  return db
    .selectFrom('duty_review_event')
    .select(['at', 'kind', 'actor_name', 'note'])
    .where('duty_review_id', '=', reviewId)
    .orderBy('id')
    .execute();
}

/** An org with its path and type (the organising org of a new campaign). */
export async function findOrg(db: Q, id: number) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path', 'type', 'parent_id', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The orgs a campaign reviews: at level `secondary` the 总支 and branches directly under the 党委 (直属支部); at level
 * `branch` the branches whose parent is a 总支 under `rootPath` (the 总支 itself, or the whole 党委). Not archived.
 */
export async function reviewedOrgs(db: Q, level: 'secondary' | 'branch', root: { id: number; path: string }) {
  return db
    .selectFrom('org as o')
    .innerJoin('org as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.path', 'o.type'])
    .where('o.archived_at', 'is', null)
    .$if(level === 'secondary', (qb) =>
      qb.where('o.parent_id', '=', root.id).where('o.type', 'in', ['general_branch', 'branch']),
    )
    .$if(level === 'branch', (qb) =>
      qb
        .where('o.type', '=', 'branch')
        .where('p.type', '=', 'general_branch')
        .where('p.path', 'like', `${escapeLike(root.path)}%`),
    )
    .orderBy('o.path')
    .execute();
}

/** Persons by id that exist (representatives named on the roll). */
export async function personsByIds(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertReview(trx: Trx, values: Insertable<DutyReviewTable>): Promise<number> {
  const row = await trx.insertInto('duty_review').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSubjects(trx: Trx, values: Insertable<DutyReviewSubjectTable>[]): Promise<void> {
  if (values.length > 0) await trx.insertInto('duty_review_subject').values(values).execute();
}

/** Updates a campaign read at `version` and bumps it; false when it changed meanwhile. */
export async function updateReview(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<DutyReviewTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'duty_review', { id }, version, values);
}

/** Updates one secretary's row (optionally only at `version`) and bumps its version; false when none matched. */
export async function updateSubject(
  trx: Trx,
  id: number,
  version: number | undefined,
  values: Updateable<DutyReviewSubjectTable>,
): Promise<boolean> {
  const row = await trx
    .updateTable('duty_review_subject')
    .set({ ...values, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .$if(version !== undefined, (qb) => qb.where('version', '=', version!))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Touches every secretary of a campaign (the findings' dirty marks follow a publication). */
export async function touchSubjects(trx: Trx, reviewId: number, now: Date): Promise<void> {
  await trx
    .updateTable('duty_review_subject')
    .set({ updated_at: now })
    .where('duty_review_id', '=', reviewId)
    .execute();
}

export async function insertQuestion(trx: Trx, values: Insertable<DutyReviewQuestionTable>): Promise<void> {
  await trx.insertInto('duty_review_question').values(values).execute();
}

export async function insertComment(trx: Trx, values: Insertable<DutyReviewCommentTable>): Promise<void> {
  await trx.insertInto('duty_review_comment').values(values).execute();
}

export async function setCommentRectification(trx: Trx, id: number, rectificationId: number): Promise<void> {
  await trx
    .updateTable('duty_review_comment')
    .set({ rectification_id: rectificationId })
    .where('id', '=', id)
    .execute();
}

export async function insertEvent(trx: Trx, values: Insertable<DutyReviewEventTable>): Promise<void> {
  await trx.insertInto('duty_review_event').values(values).execute();
}

// What later modules, the metric, the findings and the 待办 read.

/**
 * The grade of each org's secretary in the published campaigns of `year` (the latest campaign when two graded the
 * same org), for the orgs of `orgIds` (null: all).
 */
export async function publishedGrades(db: Q, orgIds: readonly number[] | null, year: number | null) {
  return db
    .selectFrom('duty_review_subject as s')
    .innerJoin('duty_review as d', 'd.id', 's.duty_review_id')
    .innerJoin('org as o', 'o.id', 's.org_id')
    .select([
      's.org_id',
      'o.name as org_name',
      's.person_id',
      's.person_name',
      's.grade',
      's.computed_score',
      's.rectification_ids',
      'd.id as review_id',
      'd.title as review_title',
      'd.year',
      'd.level',
      'd.published_at',
    ])
    .where('d.status', '=', 'published')
    .where('s.grade', 'is not', null)
    .$if(year !== null, (qb) => qb.where('d.year', '=', year!))
    .$if(orgIds !== null, (qb) =>
      qb.where(
        sql<SqlBool>`exists (select 1 from org x where x.id = any(${orgIds}::int[]) and o.path like x.path || '%')`,
      ),
    )
    .orderBy('s.org_id')
    .orderBy('d.year', 'desc')
    .orderBy('d.published_at', 'desc')
    .execute();
}

/** Open campaigns (not yet published) where one of `orgIds` organises or is reviewed, with their secretaries. */
export async function openReviewsFor(db: Q, orgIds: readonly number[], personId: number | null) {
  return db
    .selectFrom('duty_review_subject as s')
    .innerJoin('duty_review as d', 'd.id', 's.duty_review_id')
    .innerJoin('org as o', 'o.id', 'd.org_id')
    .select([
      'd.id',
      'd.title',
      'd.status',
      'd.org_id',
      'o.name as org_name',
      'd.ends_on',
      'd.report_due_on',
      's.id as subject_id',
      's.person_id',
      's.report_submitted_at',
      's.grade',
    ])
    .where('d.status', '<>', 'published')
    .where((eb) =>
      eb.or([
        eb('d.org_id', 'in', orgIds.length > 0 ? [...orgIds] : [0]),
        ...(personId !== null ? [eb('s.person_id', '=', personId)] : []),
      ]),
    )
    .orderBy('d.id')
    .orderBy('s.id')
    .execute();
}

/**
 * The 述职报告 not yet submitted in campaigns still taking reports (launched or reporting) of the secretaries of
 * `orgIds` (null: the college), with the campaign's deadline — the report findings.
 */
export async function pendingReports(db: Q, orgIds: readonly number[] | null) {
  return db
    .selectFrom('duty_review_subject as s')
    .innerJoin('duty_review as d', 'd.id', 's.duty_review_id')
    .innerJoin('org as o', 'o.id', 's.org_id')
    .select([
      'd.id as review_id',
      'd.title',
      'd.year',
      'd.report_due_on',
      's.org_id',
      'o.name as org_name',
      's.person_id',
      's.person_name',
    ])
    .where('d.status', 'in', ['launched', 'reporting'])
    .where('s.report_submitted_at', 'is', null)
    .$if(orgIds !== null, (qb) => qb.where('s.org_id', 'in', orgIds!.length > 0 ? [...orgIds!] : [0]))
    .orderBy('d.id')
    .orderBy('s.id')
    .execute();
}

/** The secretary reviewed for `orgId` in a campaign (the report reminder's addressee). */
export async function subjectOfOrg(db: Q, reviewId: number, orgId: number) {
  return db
    .selectFrom('duty_review_subject')
    .select(['id', 'person_id', 'report_submitted_at'])
    .where('duty_review_id', '=', reviewId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}
