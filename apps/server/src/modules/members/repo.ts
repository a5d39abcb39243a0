import {
  addMonths,
  ageBandRanges,
  type IsoDate,
  type MemberFilter,
  type PostCode,
  partyYearsBandRanges,
} from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type { MemberCorrectionTable, PersonEventTable, PersonTable } from '../../db/schema.ts';
import type { Db, ResolvedScope, Trx } from '../../http/context.ts';
import { escapeLike, pathInScope } from '../../http/scope.ts';
import { orgTrailNames, type SearchPage, type SearchText } from '../../http/search.ts';
import { memberRecordColumns } from './record.ts';

/** The roster query: a person `p`, their org `o` (branch or 党小组), branch `b`, unit and major. */
function rosterQuery(db: Db | Trx) {
  return db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .innerJoin('org as b', (j) =>
      j.on((eb) =>
        eb(
          'b.id',
          '=',
          eb.case().when('o.type', '=', 'group').then(eb.ref('o.parent_id')).else(eb.ref('o.id')).end(),
        ),
      ),
    )
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .leftJoin('major as m', 'm.id', 'p.major_id')
    .select((eb) => [
      'p.id',
      ...memberRecordColumns.map((c) => `p.${c}` as const),
      'p.status',
      'p.left_on',
      'p.leave_note',
      'p.version',
      'o.type as org_type',
      'o.name as org_name',
      'o.path as org_path',
      'b.id as branch_id',
      'b.name as branch_name',
      'u.name as unit_name',
      'm.name as major_name',
      eb
        .selectFrom('appointment as a')
        .select(sql<PostCode[]>`coalesce(array_agg(distinct a.post), '{}')`.as('posts'))
        .whereRef('a.person_id', '=', 'p.id')
        .where('a.end_date', 'is', null)
        .as('posts'),
    ]);
}

export type MemberRow = Awaited<ReturnType<typeof findMember>> & object;

/** Years ago from today (whole months, so 29 February clamps to the 28th). */
const yearsAgo = (today: IsoDate, years: number) => addMonths(today, -12 * years);

/** The filtered roster query (no order, no paging). */
export function filteredMembers(
  db: Db | Trx,
  scope: ResolvedScope,
  f: MemberFilter,
  today: IsoDate,
  subtreePath: string | null,
  canSearchSensitive: boolean,
) {
  let q = rosterQuery(db).where(pathInScope(scope, 'o.path'));
  if (subtreePath) q = q.where('o.path', 'like', `${escapeLike(subtreePath)}%`);
  if (f.status === 'active') q = q.where('p.status', '=', 'active');
  else if (f.status === 'left') q = q.where('p.status', '<>', 'active');
  if (f.q) {
    const text = f.q;
    const upper = text.toUpperCase();
    q = q.where((eb) =>
      eb.or([
        eb('p.name', 'like', `%${escapeLike(text)}%`),
        // Without the right to see ID numbers and phones, only an exact number finds someone.
        canSearchSensitive
          ? eb('p.id_number', 'like', `%${escapeLike(upper)}%`)
          : eb('p.id_number', '=', upper),
        canSearchSensitive ? eb('p.phone', 'like', `%${escapeLike(text)}%`) : eb('p.phone', '=', text),
      ]),
    );
  }
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.partyStatus) q = q.where('p.party_status', '=', f.partyStatus);
  if (f.gender) q = q.where('p.gender', '=', f.gender);
  if (f.ethnicity) q = q.where('p.ethnicity', '=', f.ethnicity);
  if (f.education) q = q.where('p.education', '=', f.education);
  if (f.ageBand) {
    const [min, max] = ageBandRanges[f.ageBand];
    q = q
      .where('p.birth_date', '<=', yearsAgo(today, min))
      .where('p.birth_date', '>', yearsAgo(today, max + 1));
  }
  if (f.partyYearsBand) {
    const [min, max] = partyYearsBandRanges[f.partyYearsBand];
    const latest = yearsAgo(today, min);
    const earliest = yearsAgo(today, max + 1);
    q =
      min === 0
        ? q.where((eb) => eb.or([eb('p.confirmed_on', 'is', null), eb('p.confirmed_on', '>', earliest)]))
        : q.where('p.confirmed_on', '<=', latest).where('p.confirmed_on', '>', earliest);
  }
  if (f.joinedFrom) q = q.where('p.joined_on', '>=', f.joinedFrom);
  if (f.joinedTo) q = q.where('p.joined_on', '<=', f.joinedTo);
  if (f.isMobile !== undefined) q = q.where('p.is_mobile', '=', f.isMobile);
  if (f.isAbroad !== undefined) q = q.where('p.is_abroad', '=', f.isAbroad);
  if (f.isInHardship !== undefined) q = q.where('p.is_in_hardship', '=', f.isInHardship);
  if (f.isDualLeader !== undefined) q = q.where('p.is_dual_leader', '=', f.isDualLeader);
  if (f.post) {
    const post = f.post;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('appointment as a')
          .select('a.id')
          .whereRef('a.person_id', '=', 'p.id')
          .where('a.post', '=', post)
          .where('a.end_date', 'is', null),
      ),
    );
  }
  return q;
}

const sortColumns = {
  name: 'p.name',
  birthDate: 'p.birth_date',
  joinedOn: 'p.joined_on',
  confirmedOn: 'p.confirmed_on',
  branchName: 'b.name',
} as const;

/** One page of the filtered roster and the total count. */
export async function pageMembers(
  db: Db,
  query: ReturnType<typeof filteredMembers>,
  sort: keyof typeof sortColumns,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
) {
  const [rows, count] = await Promise.all([
    orderMembers(query, sort, order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom(query.as('f'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Orders the roster; ties broken by name and id so pages are stable. */
export function orderMembers(
  query: ReturnType<typeof filteredMembers>,
  sort: keyof typeof sortColumns,
  order: 'asc' | 'desc',
) {
  const nulls = order === 'asc' ? sql`nulls last` : sql`nulls first`;
  return query
    .orderBy(sql`${sql.ref(sortColumns[sort])} ${sql.raw(order)} ${nulls}`)
    .orderBy('p.name')
    .orderBy('p.id');
}

/** One person with their org, for the record page (any status). */
export async function findMember(db: Db | Trx, id: number) {
  return rosterQuery(db).where('p.id', '=', id).executeTakeFirst();
}

/** Locks a person row for an update in this transaction. */
export async function lockPerson(trx: Trx, id: number) {
  return trx
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.status', 'p.version', 'p.org_id', 'o.path as org_path'])
    .where('p.id', '=', id)
    .forUpdate('p')
    .executeTakeFirst();
}

/** All posts a person has held, newest first. */
export async function postHistory(db: Db | Trx, personId: number) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('term as t', 't.id', 'a.term_id')
    .select([
      'a.id',
      'a.post',
      'a.org_id',
      'o.name as org_name',
      'a.term_id',
      't.number as term_number',
      'a.start_date',
      'a.end_date',
    ])
    .where('a.person_id', '=', personId)
    .orderBy(sql`a.end_date is null`, 'desc')
    .orderBy('a.start_date', 'desc')
    .execute();
}

/** A person's timeline, newest first. */
export async function memberEvents(db: Db | Trx, personId: number) {
  return db
    .selectFrom('person_event')
    .select(['id', 'kind', 'on_date', 'at', 'summary', 'actor_name'])
    .where('person_id', '=', personId)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** The org a member would be placed in, with its parent's type (members go to branches or their 党小组). */
export async function findPlacementOrg(db: Db | Trx, orgId: number) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.path',
      'o.type',
      'o.name',
      'o.archived_at',
      'o.parent_id',
      'parent.type as parent_type',
      'parent.path as parent_path',
    ])
    .where('o.id', '=', orgId)
    .executeTakeFirst();
}

/** The person already holding an ID number, if any. */
export async function findByIdNumber(db: Db | Trx, idNumber: string) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'status'])
    .where('id_number', '=', idNumber)
    .executeTakeFirst();
}

/** Active people of a subtree, with what the statistics count. */
export async function statFacts(db: Db | Trx, subtreePaths: readonly string[]) {
  if (subtreePaths.length === 0) return [];
  return db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.gender',
      'p.ethnicity',
      'p.birth_date',
      'p.education',
      'p.category',
      'p.party_status',
      'p.confirmed_on',
      'o.path',
    ])
    .where('p.status', '=', 'active')
    .where((eb) => eb.or(subtreePaths.map((path) => eb('o.path', 'like', `${escapeLike(path)}%`))))
    .execute();
}

/** What the statistics know of one active person. */
export type StatFact = Awaited<ReturnType<typeof statFacts>>[number];

/** Active orgs of a subtree (for drill-down and branch checks). */
export async function subtreeOrgs(db: Db | Trx, subtreePaths: readonly string[]) {
  if (subtreePaths.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'parent_id', 'name', 'type', 'category', 'path', 'depth', 'sort_order'])
    .where('archived_at', 'is', null)
    .where((eb) => eb.or(subtreePaths.map((path) => eb('path', 'like', `${escapeLike(path)}%`))))
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Current secretaries (of current terms) of the given orgs. */
export async function currentSecretaries(db: Db | Trx, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('appointment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.org_id', 'p.id as person_id', 'p.name', 'p.is_dual_leader'])
    .where('a.org_id', 'in', orgIds)
    .where('a.post', '=', 'secretary')
    .where('a.end_date', 'is', null)
    .execute();
}

/** Inserts timeline events (one batch); returns nothing. */
export async function insertPersonEvents(trx: Trx, values: Insertable<PersonEventTable>[]): Promise<void> {
  await trx.insertInto('person_event').values(values).execute();
}
/** Rows of correction requests with the person's name, branch path and the decider's name. */
function correctionQuery(db: Db | Trx) {
  return db
    .selectFrom('member_correction as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .leftJoin('app_user as d', 'd.id', 'c.decided_by')
    .select([
      'c.id',
      'c.person_id',
      'p.name as person_name',
      'o.name as org_name',
      'o.path as org_path',
      'c.changes',
      'c.reason',
      'c.status',
      'c.requested_at',
      'c.decided_at',
      'd.display_name as decided_by_name',
      'c.decision_note',
    ]);
}
/** One row of `correctionQuery`. */
export type CorrectionRow = Awaited<ReturnType<ReturnType<typeof correctionQuery>['execute']>>[number];

/** A member's own correction requests, newest first, at most `limit`. */
export async function correctionsOfPerson(db: Db | Trx, personId: number, limit: number) {
  return correctionQuery(db)
    .where('c.person_id', '=', personId)
    .orderBy('c.requested_at', 'desc')
    .limit(limit)
    .execute();
}

/** One correction request (it must exist). */
export async function getCorrection(db: Db | Trx, id: number): Promise<CorrectionRow> {
  return correctionQuery(db).where('c.id', '=', id).executeTakeFirstOrThrow();
}

/** One correction request, its row locked for the transaction; undefined when missing. */
export async function lockCorrection(trx: Trx, id: number): Promise<CorrectionRow | undefined> {
  return correctionQuery(trx).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
}

/** A page of correction requests of members matching `where` (on `o.path`), newest first, and the total count. */
export async function listCorrectionRows(
  db: Db,
  where: RawBuilder<SqlBool>,
  status: CorrectionRow['status'] | undefined,
  page: { limit: number; offset: number },
) {
  let q = correctionQuery(db).where(where);
  if (status) q = q.where('c.status', '=', status);
  const [rows, count] = await Promise.all([
    q
      .orderBy('c.requested_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom(q.as('f'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count };
}

/** Inserts a correction request; returns its id. */
export async function insertCorrection(trx: Trx, values: Insertable<MemberCorrectionTable>) {
  return trx.insertInto('member_correction').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Sets fields of a correction request (withdrawal, decision); returns nothing. */
export async function updateCorrection(
  trx: Trx,
  id: number,
  values: Updateable<MemberCorrectionTable>,
): Promise<void> {
  await trx.updateTable('member_correction').set(values).where('id', '=', id).execute();
}

/** Sets a person's record columns and `updated_at`, bumping the version; returns nothing. */
export async function updatePersonRecord(
  trx: Trx,
  id: number,
  columns: Updateable<PersonTable>,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('person')
    .set({ ...columns, updated_at: now, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .execute();
}

/** Sets fields of a person, bumping the version; returns nothing. */
export async function updatePersonRow(trx: Trx, id: number, values: Updateable<PersonTable>): Promise<void> {
  await trx
    .updateTable('person')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .execute();
}

/** Inserts a person; returns the new id. */
export async function insertPerson(trx: Trx, values: Insertable<PersonTable>) {
  return trx.insertInto('person').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The unit's id if the unit exists. */
export async function findUnitId(db: Db | Trx, id: number) {
  return db.selectFrom('unit').select('id').where('id', '=', id).executeTakeFirst();
}

/** The major's id if the major exists. */
export async function findMajorId(db: Db | Trx, id: number) {
  return db.selectFrom('major').select('id').where('id', '=', id).executeTakeFirst();
}

/** An org's id, name and path (it must exist). */
export async function getOrgIdNamePath(db: Db | Trx, id: number) {
  return db.selectFrom('org').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** The active root orgs (id, name, path). */
export async function activeRootOrgs(db: Db | Trx) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path'])
    .where('parent_id', 'is', null)
    .where('archived_at', 'is', null)
    .execute();
}

/** The orgs of these ids (id, name, path). */
export async function orgsIdNamePath(db: Db | Trx, ids: number[]) {
  return db.selectFrom('org').select(['id', 'name', 'path']).where('id', 'in', ids).execute();
}

/** Locks a person's row and returns their id, name, status and org; undefined when missing. */
export async function lockPersonPlace(trx: Trx, id: number) {
  return trx
    .selectFrom('person')
    .select(['id', 'name', 'status', 'org_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A person's open posts (with the org's name and path), only in orgs under `underPath` when given. */
export async function openPostsOfPerson(db: Db | Trx, personId: number, underPath: string | null) {
  let q = db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.post', 'a.start_date', 'o.name as org_name', 'o.path'])
    .where('a.person_id', '=', personId)
    .where('a.end_date', 'is', null);
  if (underPath !== null) q = q.where('o.path', 'like', `${underPath}%`);
  return q.execute();
}

/** Ends one appointment on `end`; returns nothing. */
export async function endAppointmentOn(trx: Trx, id: number, end: string): Promise<void> {
  await trx.updateTable('appointment').set({ end_date: end }).where('id', '=', id).execute();
}

/** An org's type and path with its parent's path (it must exist). */
export async function getOrgWithParentPath(db: Db | Trx, id: number) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as parent', 'parent.id', 'o.parent_id')
    .select(['o.type', 'o.path', 'parent.path as parent_path'])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** An org's path (it must exist). */
export async function getOrgPath(db: Db | Trx, id: number) {
  return db.selectFrom('org').select('path').where('id', '=', id).executeTakeFirstOrThrow();
}

/** Locks the person with this 身份证号 (id, name, status); undefined when none. */
export async function lockByIdNumber(trx: Trx, idNumber: string) {
  return trx
    .selectFrom('person')
    .select(['id', 'name', 'status'])
    .where('id_number', '=', idNumber)
    .forUpdate()
    .executeTakeFirst();
}

/** Correction requests waiting for a decision, of people placed in these orgs, oldest first. */
export async function pendingCorrectionsIn(db: Db | Trx, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('member_correction as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['c.id', 'c.requested_at', 'c.reason', 'p.name as person_name', 'o.name as org_name'])
    .where('c.status', '=', 'pending')
    .where('p.org_id', 'in', [...orgIds])
    .orderBy('c.requested_at')
    .execute();
}

/**
 * One page of the roster people (any status) whose name holds the text, or whose ID number is exactly it, in the
 * scope; each row carries the total and its org trail. Exact names first, then names starting with the text,
 * 在册 before those who left. A sequential scan of `person` at this scale (no trigram index on 信创 databases).
 */
export async function searchMemberRows(db: Db | Trx, scope: ResolvedScope, s: SearchText, page: SearchPage) {
  const order = sql`p.name <> ${s.text}, p.name not ${sql.raw(s.like)} ${s.prefix}, p.status <> 'active', p.name, p.id`;
  const hits = db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .where(pathInScope(scope, 'o.path'))
    .where((eb) => {
      const byName = eb('p.name', s.like, s.contains);
      return s.idNumber === null ? byName : eb.or([byName, eb('p.id_number', '=', s.idNumber)]);
    })
    .select([
      'p.id',
      'p.name',
      'p.status',
      'p.party_status',
      'o.path as org_path',
      sql<string>`count(*) over ()`.as('total'),
      sql<string>`row_number() over (order by ${order})`.as('rank'),
    ])
    .orderBy('rank')
    .limit(page.limit)
    .offset(page.offset);
  return db
    .selectFrom(hits.as('h'))
    .select([
      'h.id',
      'h.name',
      'h.status',
      'h.party_status',
      'h.total',
      orgTrailNames('h.org_path').as('trail'),
    ])
    .orderBy('h.rank')
    .execute();
}
