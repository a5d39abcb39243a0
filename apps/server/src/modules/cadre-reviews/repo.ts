/** SQL of 中层干部年度考核: rounds, their cadres, the consequences, and the few reads of other tables it needs. */

import type { CadreReviewStatus } from '@dangjian/core';
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  CadreReviewConsequenceTable,
  CadreReviewSubjectTable,
  CadreReviewTable,
} from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

const counts = (db: Q) =>
  db
    .selectFrom('cadre_review_subject')
    .select((eb) => [
      'cadre_review_id',
      eb.fn.countAll<string>().as('subjects'),
      eb.fn.count<string>('grade').as('graded'),
      sql<string>`count(*) filter (where grade = 'excellent')`.as('excellent'),
    ])
    .groupBy('cadre_review_id');

const columns = [
  'r.id',
  'r.year',
  'r.title',
  'r.org_id',
  'o.name as org_name',
  'r.review_on',
  'r.status',
  'r.rule',
  'r.consequence_rule',
  'r.voter_leaders',
  'r.voter_cadres',
  'r.representative_ids',
  'r.voter_person_ids',
  'r.closes_at',
  'r.published_at',
  'r.created_by_name',
  'r.updated_at',
  'r.version',
  'c.subjects',
  'c.graded',
  'c.excellent',
] as const;

function base(db: Q) {
  return db
    .selectFrom('cadre_review as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin(counts(db).as('c'), 'c.cadre_review_id', 'r.id');
}

/** Rounds, the latest year first. */
export async function reviewPage(
  db: Q,
  f: { year?: number; status?: CadreReviewStatus },
  page: { limit: number; offset: number },
) {
  let q = base(db);
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.status) q = q.where('r.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q.select(columns).orderBy('r.year', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findReview(db: Q, id: number) {
  return base(db).select(columns).where('r.id', '=', id).executeTakeFirst();
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

/** Locks a round's row; false when there is none. */
export async function lockReview(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('cadre_review')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function yearTaken(db: Q, year: number): Promise<boolean> {
  return (
    (await db.selectFrom('cadre_review').select('id').where('year', '=', year).executeTakeFirst()) !==
    undefined
  );
}

export async function insertReview(trx: Trx, values: Insertable<CadreReviewTable>): Promise<number> {
  const row = await trx
    .insertInto('cadre_review')
    .values(values)
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** Updates a round at the version read; false when another write came first. */
export async function updateReview(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<CadreReviewTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('cadre_review')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The cadres of a round, in the order of the roster's snapshot. */
export async function subjectsOf(db: Q, reviewId: number) {
  return db
    .selectFrom('cadre_review_subject')
    .selectAll()
    .where('cadre_review_id', '=', reviewId)
    .orderBy('id')
    .execute();
}
export type SubjectRow = Awaited<ReturnType<typeof subjectsOf>>[number];

export async function insertSubjects(trx: Trx, rows: Insertable<CadreReviewSubjectTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('cadre_review_subject')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Updates one cadre of a round (at its version when given); false when another write came first. */
export async function updateSubject(
  trx: Trx,
  id: number,
  version: number | undefined,
  values: Updateable<CadreReviewSubjectTable>,
): Promise<boolean> {
  let q = trx
    .updateTable('cadre_review_subject')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Sets the ballot of each cadre (a round's 测评 may spread over several ballots). */
export async function setBallots(trx: Trx, ballotOf: ReadonlyMap<number, number>, now: Date): Promise<void> {
  for (const [ballotId, ids] of groupBy(ballotOf))
    await trx
      .updateTable('cadre_review_subject')
      .set({ ballot_id: ballotId, updated_at: now })
      .where('id', 'in', ids)
      .execute();
}

function groupBy(m: ReadonlyMap<number, number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [subject, ballot] of m) out.set(ballot, [...(out.get(ballot) ?? []), subject]);
  return out;
}

/** The consequences recorded for these cadres of rounds. */
export async function consequencesOf(db: Q, subjectIds: readonly number[]) {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('cadre_review_consequence')
    .selectAll()
    .where('subject_id', 'in', subjectIds)
    .orderBy('id')
    .execute();
}
export type ConsequenceRow = Awaited<ReturnType<typeof consequencesOf>>[number];

export async function insertConsequence(
  trx: Trx,
  values: Insertable<CadreReviewConsequenceTable>,
): Promise<number> {
  const row = await trx
    .insertInto('cadre_review_consequence')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Each cadre's grade in the latest published round of an earlier year. */
export async function previousGrades(db: Q, cadreIds: readonly number[], year: number) {
  if (cadreIds.length === 0) return new Map<number, SubjectRow['grade']>();
  const rows = await db
    .selectFrom('cadre_review_subject as s')
    .innerJoin('cadre_review as r', 'r.id', 's.cadre_review_id')
    .select(['s.cadre_id', 's.grade', 'r.year'])
    .where('s.cadre_id', 'in', cadreIds)
    .where('r.status', '=', 'published')
    .where('r.year', '<', year)
    .orderBy('r.year', 'desc')
    .execute();
  const out = new Map<number, SubjectRow['grade']>();
  for (const r of rows) if (!out.has(r.cadre_id)) out.set(r.cadre_id, r.grade);
  return out;
}

/** Every round a cadre was in, the latest year first. */
export async function historyOf(db: Q, cadreId: number) {
  return db
    .selectFrom('cadre_review_subject as s')
    .innerJoin('cadre_review as r', 'r.id', 's.cadre_review_id')
    .select(['s.id', 's.name', 's.posts', 's.grade', 'r.id as review_id', 'r.year', 'r.title', 'r.status'])
    .where('s.cadre_id', '=', cadreId)
    .orderBy('r.year', 'desc')
    .execute();
}

/** The graded cadres of published rounds whose grade may call for consequences (the findings read these). */
export async function lowGradesPublished(db: Q, orgIds: readonly number[] | null) {
  let q = db
    .selectFrom('cadre_review_subject as s')
    .innerJoin('cadre_review as r', 'r.id', 's.cadre_review_id')
    .innerJoin('org as o', 'o.id', 's.org_id')
    .select([
      's.id',
      's.cadre_id',
      's.person_id',
      's.name',
      's.grade',
      's.org_id',
      'o.name as org_name',
      'r.id as review_id',
      'r.year',
      'r.title',
      'r.consequence_rule',
    ])
    .where('r.status', '=', 'published')
    .where('s.grade', 'in', ['basically_competent', 'incompetent']);
  if (orgIds) q = q.where('s.org_id', 'in', orgIds.length > 0 ? orgIds : [0]);
  return q.execute();
}

/** The 党委 (the root committee, not archived) that organises the rounds. */
export async function rootCommittee(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path'])
    .where('parent_id', 'is', null)
    .where('type', '=', 'committee')
    .where('archived_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/** The people of the enabled accounts holding the 校领导 role. */
export async function leaderPeople(db: Q): Promise<number[]> {
  const rows = await db
    .selectFrom('user_role as ur')
    .innerJoin('app_user as u', 'u.id', 'ur.user_id')
    .select('u.person_id')
    .distinct()
    .where('ur.role', '=', 'school_leader')
    .where('u.disabled', '=', false)
    .where('u.person_id', 'is not', null)
    .execute();
  return rows.map((r) => r.person_id!).sort((a, b) => a - b);
}
