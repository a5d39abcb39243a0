/**
 * SQL of 民主评议党员: appraisals (list filtered by scope, one with its org), the roll and its 自评 and grades, 互评
 * comments, the timeline, 限期改正 plans and their notes, and what the findings, 待办, compliance and later modules
 * read.
 */
import type { AppraisalGrade, AppraisalStatus, CorrectionPlanStatus } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  MemberAppraisalEventTable,
  MemberAppraisalPlanTable,
  MemberAppraisalTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;
const ids = (list: readonly number[]) => (list.length > 0 ? [...list] : [0]);

/** An org an appraisal may be started on. */
export async function orgOf(db: Q, id: number) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path', 'type', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The branch's full and probationary members today (in the branch or one of its 党小组), by name. */
export async function currentRoll(db: Q, branchId: number) {
  return db
    .selectFrom('person as p')
    .innerJoin('org as po', 'po.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.party_status'])
    .where('p.status', '=', 'active')
    .where('p.party_status', 'in', ['full', 'probationary'])
    .where((eb) =>
      eb.or([
        eb('po.id', '=', branchId),
        eb.and([eb('po.parent_id', '=', branchId), eb('po.type', '=', 'group')]),
      ]),
    )
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

const columns = [
  'm.id',
  'm.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'm.year',
  'm.status',
  'm.peer_review',
  'm.started_on',
  'm.completed_on',
  'm.ballot_id',
  'm.meeting_activity_id',
  'm.version',
  sql<number>`(select count(*)::int from member_appraisal_member r where r.appraisal_id = m.id)`.as(
    'roll_size',
  ),
  sql<number>`(select count(*)::int from member_appraisal_member r where r.appraisal_id = m.id
    and not r.probationary)`.as('graded'),
  sql<number>`(select count(*)::int from member_appraisal_member r where r.appraisal_id = m.id
    and r.self_assessed_at is not null)`.as('self_assessed'),
  sql<Record<
    string,
    number
  > | null>`(select jsonb_object_agg(g.decided_grade, g.n) from (select decided_grade,
    count(*)::int as n from member_appraisal_member r where r.appraisal_id = m.id and r.decided_grade is not null
    group by decided_grade) g)`.as('decided'),
] as const;

const base = (db: Q) => db.selectFrom('member_appraisal as m').innerJoin('org as o', 'o.id', 'm.org_id');

/** Filters of the list, resolved against the scope. */
export interface AppraisalFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  subtreePath?: string | undefined;
  year?: number | undefined;
  status?: AppraisalStatus | undefined;
}

function filtered(db: Q, f: AppraisalFilters) {
  return base(db)
    .where(f.inScope('o.path'))
    .$if(f.subtreePath !== undefined, (qb) => qb.where('o.path', 'like', `${escapeLike(f.subtreePath!)}%`))
    .$if(f.year !== undefined, (qb) => qb.where('m.year', '=', f.year!))
    .$if(f.status !== undefined, (qb) => qb.where('m.status', '=', f.status!));
}

/** One page of appraisals: newest year first, then by the org tree. */
export async function appraisalPage(
  db: Q,
  f: AppraisalFilters,
  page: { limit: number; offset: number } | null,
) {
  const rows = filtered(db, f).select(columns).orderBy('m.year', 'desc').orderBy('o.path').orderBy('m.id');
  const [items, count] = await Promise.all([
    (page ? rows.limit(page.limit).offset(page.offset) : rows).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: items, total: Number(count.n) };
}
export type AppraisalRow = Awaited<ReturnType<typeof appraisalPage>>['rows'][number];

export async function findAppraisal(db: Q, id: number): Promise<AppraisalRow | undefined> {
  return base(db).select(columns).where('m.id', '=', id).executeTakeFirst();
}

/** Takes the appraisal's row lock; false when it does not exist. */
export async function lockAppraisal(trx: Trx, id: number): Promise<boolean> {
  return (
    (await trx
      .selectFrom('member_appraisal')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()) !== undefined
  );
}

export async function existsFor(db: Q, orgId: number, year: number): Promise<boolean> {
  return (
    (await db
      .selectFrom('member_appraisal')
      .select('id')
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .executeTakeFirst()) !== undefined
  );
}

export async function insertAppraisal(trx: Trx, row: Insertable<MemberAppraisalTable>): Promise<number> {
  const r = await trx
    .insertInto('member_appraisal')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? 0;
}

/** Updates the appraisal if it is still at `version` (bumping it); false when someone changed it first. */
export async function updateAppraisal(
  trx: Trx,
  id: number,
  version: number,
  patch: Updateable<MemberAppraisalTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'member_appraisal', { id }, version, patch);
}

export async function insertRoll(
  trx: Trx,
  appraisalId: number,
  roll: readonly { personId: number; name: string; probationary: boolean }[],
): Promise<void> {
  if (roll.length === 0) return;
  await trx
    .insertInto('member_appraisal_member')
    .values(
      roll.map((r) => ({
        appraisal_id: appraisalId,
        person_id: r.personId,
        name: r.name,
        probationary: r.probationary,
      })),
    )
    .execute();
}

export async function rollOf(db: Q, appraisalId: number) {
  return db
    .selectFrom('member_appraisal_member')
    .selectAll()
    .where('appraisal_id', '=', appraisalId)
    .orderBy('probationary')
    .orderBy('name')
    .orderBy('person_id')
    .execute();
}
export type RollRow = Awaited<ReturnType<typeof rollOf>>[number];

export async function writeSelfAssessment(
  trx: Trx,
  appraisalId: number,
  personId: number,
  text: string,
  at: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('member_appraisal_member')
    .set({ self_assessment: text, self_assessed_at: at })
    .where('appraisal_id', '=', appraisalId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets the proposed or decided grades (the caller checked them with core). */
export async function writeGrades(
  trx: Trx,
  appraisalId: number,
  which: 'proposed' | 'decided',
  grades: readonly { personId: number; grade: AppraisalGrade; reason: string | null }[],
): Promise<void> {
  for (const g of grades)
    await trx
      .updateTable('member_appraisal_member')
      .set(
        which === 'proposed'
          ? { proposed_grade: g.grade, proposed_reason: g.reason }
          : { decided_grade: g.grade, decided_reason: g.reason },
      )
      .where('appraisal_id', '=', appraisalId)
      .where('person_id', '=', g.personId)
      .execute();
}

export async function upsertPeerComment(
  trx: Trx,
  row: { appraisal_id: number; author_person_id: number; about_person_id: number; comment: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('member_appraisal_peer_comment')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['appraisal_id', 'author_person_id', 'about_person_id'])
        .doUpdateSet({ comment: row.comment, at: row.at }),
    )
    .execute();
}

export async function peerCommentsOf(db: Q, appraisalId: number, authorPersonId?: number) {
  return db
    .selectFrom('member_appraisal_peer_comment as c')
    .innerJoin('member_appraisal_member as a', (j) =>
      j.onRef('a.appraisal_id', '=', 'c.appraisal_id').onRef('a.person_id', '=', 'c.author_person_id'),
    )
    .innerJoin('member_appraisal_member as b', (j) =>
      j.onRef('b.appraisal_id', '=', 'c.appraisal_id').onRef('b.person_id', '=', 'c.about_person_id'),
    )
    .select([
      'c.id',
      'c.about_person_id',
      'c.comment',
      'c.at',
      'a.name as author_name',
      'b.name as about_name',
    ])
    .where('c.appraisal_id', '=', appraisalId)
    .$if(authorPersonId !== undefined, (qb) => qb.where('c.author_person_id', '=', authorPersonId!))
    .orderBy('b.name')
    .orderBy('c.id')
    .execute();
}

export async function insertEvent(trx: Trx, row: Insertable<MemberAppraisalEventTable>): Promise<void> {
  await trx.insertInto('member_appraisal_event').values(row).execute();
}

export async function eventsOf(db: Q, appraisalId: number) {
  return db
    .selectFrom('member_appraisal_event')
    .selectAll()
    .where('appraisal_id', '=', appraisalId)
    .orderBy('id')
    .execute();
}

/** A record that may be the 党员大会 deciding the grades: its org, kind, status, title and day. */
export async function meetingRecord(db: Q, id: number) {
  return db
    .selectFrom('activity')
    .select(['id', 'org_id', 'kind', 'status', 'title', sql<string>`on_date::text`.as('on_date')])
    .where('id', '=', id)
    .executeTakeFirst();
}

// 限期改正 plans

const planBase = (db: Q) =>
  db
    .selectFrom('member_appraisal_plan as p')
    .innerJoin('member_appraisal as m', 'm.id', 'p.appraisal_id')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .innerJoin('person as pe', 'pe.id', 'p.person_id')
    .innerJoin('person as c', 'c.id', 'p.contact_person_id')
    .select([
      'p.id',
      'p.appraisal_id',
      'm.year',
      'p.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'p.person_id',
      'pe.name as person_name',
      'p.reason',
      'p.opened_on',
      'p.deadline',
      'p.measures',
      'p.contact_person_id',
      'c.name as contact_name',
      'p.status',
      'p.outcome_note',
      'p.proposal',
      'p.closed_on',
      'p.version',
    ]);

export async function plansOfAppraisal(db: Q, appraisalId: number) {
  return planBase(db).where('p.appraisal_id', '=', appraisalId).orderBy('p.id').execute();
}
export type PlanRow = Awaited<ReturnType<typeof plansOfAppraisal>>[number];

export async function findPlan(db: Q, id: number): Promise<PlanRow | undefined> {
  return planBase(db).where('p.id', '=', id).executeTakeFirst();
}

export async function lockPlan(trx: Trx, id: number): Promise<boolean> {
  return (
    (await trx
      .selectFrom('member_appraisal_plan')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()) !== undefined
  );
}

export async function insertPlan(trx: Trx, row: Insertable<MemberAppraisalPlanTable>): Promise<number> {
  const r = await trx
    .insertInto('member_appraisal_plan')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlan(
  trx: Trx,
  id: number,
  version: number,
  patch: Updateable<MemberAppraisalPlanTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'member_appraisal_plan', { id }, version, patch);
}

export async function insertPlanNote(
  trx: Trx,
  row: {
    plan_id: number;
    on_date: string;
    note: string;
    at: Date;
    actor_id: number | null;
    actor_name: string | null;
  },
): Promise<void> {
  await trx.insertInto('member_appraisal_plan_note').values(row).execute();
}

export async function notesOf(db: Q, planIds: readonly number[]) {
  return db
    .selectFrom('member_appraisal_plan_note')
    .select(['plan_id', 'on_date', 'note', 'actor_name'])
    .where('plan_id', 'in', ids(planIds))
    .orderBy('id')
    .execute();
}

/** People by id (a contact person must be a member of the branch). */
export async function peopleByIds(db: Q, personIds: readonly number[]) {
  return db
    .selectFrom('person as p')
    .leftJoin('org as po', 'po.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.status', 'p.party_status', 'po.path as org_path'])
    .where('p.id', 'in', ids(personIds))
    .execute();
}

// What others read

/** The appraisals a person is on the roll of (their 我的自评), newest first. */
export async function appraisalsOfPerson(db: Q, personId: number, fromYear: number) {
  return db
    .selectFrom('member_appraisal_member as r')
    .innerJoin('member_appraisal as m', 'm.id', 'r.appraisal_id')
    .innerJoin('org as o', 'o.id', 'm.org_id')
    .select([
      'm.id',
      'o.name as org_name',
      'm.year',
      'm.status',
      'm.ballot_id',
      'r.probationary',
      'r.self_assessment',
      'r.self_assessed_at',
      'r.decided_grade',
    ])
    .where('r.person_id', '=', personId)
    .where('m.year', '>=', fromYear)
    .orderBy('m.year', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
}

/** The completed appraisals of these orgs: their year and the 党员大会 record that decided. */
export async function completedOf(db: Q, orgIds: readonly number[]) {
  return db
    .selectFrom('member_appraisal')
    .select(['org_id', 'year', 'meeting_activity_id'])
    .where('status', '=', 'completed')
    .where('org_id', 'in', ids(orgIds))
    .execute();
}

/** The decided grades of completed appraisals of these orgs (null: all) in a year. */
export async function decidedGrades(db: Q, orgIds: readonly number[] | null, year: number) {
  return db
    .selectFrom('member_appraisal_member as r')
    .innerJoin('member_appraisal as m', 'm.id', 'r.appraisal_id')
    .select([
      'm.id as appraisal_id',
      'm.org_id',
      'm.year',
      'r.person_id',
      'r.decided_grade',
      'r.decided_reason',
    ])
    .where('m.status', '=', 'completed')
    .where('m.year', '=', year)
    .where('r.decided_grade', 'is not', null)
    .$if(orgIds !== null, (qb) => qb.where('m.org_id', 'in', ids(orgIds!)))
    .orderBy('m.org_id')
    .orderBy('r.person_id')
    .execute();
}

/** Appraisals not completed (for the year-end finding and the secretaries' 待办). */
export async function openAppraisals(db: Q, orgIds: readonly number[] | null) {
  return base(db)
    .select([
      'm.id',
      'm.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'm.year',
      'm.status',
      'm.peer_review',
    ])
    .where('m.status', '<>', 'completed')
    .$if(orgIds !== null, (qb) => qb.where('m.org_id', 'in', ids(orgIds!)))
    .orderBy('m.id')
    .execute();
}

/** Open 限期改正 plans (findings, 待办). */
export async function openPlans(db: Q, orgIds: readonly number[] | null) {
  return planBase(db)
    .where('p.status', '=', 'open' satisfies CorrectionPlanStatus)
    .$if(orgIds !== null, (qb) => qb.where('p.org_id', 'in', ids(orgIds!)))
    .orderBy('p.id')
    .execute();
}

/** The appraisals of these orgs whose year lies in [fromYear, toYear] (the assessment metric). */
export async function appraisalsOfYears(db: Q, orgIds: readonly number[], fromYear: number, toYear: number) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('member_appraisal')
    .select(['id', 'org_id', 'year', 'status', 'completed_on'])
    .where('org_id', 'in', [...orgIds])
    .where('year', '>=', fromYear)
    .where('year', '<=', toYear)
    .orderBy('year')
    .execute();
}
