import type { IsoDate, PostCode } from '@dangjian/core';
import { teamPosts } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type { AppointmentTable, NewOrg, OrgTable, TermTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';
import { orgTrailNames, type SearchPage, type SearchText } from '../../http/search.ts';

type Q = Db | Trx;

/** All orgs matching the condition, ordered for a tree (depth, sort order, id). */
export async function listOrgRows(
  db: Q,
  where: RawBuilder<SqlBool>,
  opts: { includeArchived: boolean; q?: string },
) {
  let query = db
    .selectFrom('org as o')
    .leftJoin('unit as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select('u.name as unit_name')
    .where(where);
  if (!opts.includeArchived) query = query.where('o.archived_at', 'is', null);
  if (opts.q) {
    const like = `%${escapeLike(opts.q)}%`;
    query = query.where((eb) =>
      eb.or([eb('o.name', 'like', like), eb('o.short_name', 'like', like), eb('o.code', 'like', like)]),
    );
  }
  return query.orderBy('o.depth').orderBy('o.sort_order').orderBy('o.id').execute();
}

export async function findOrg(db: Q, id: number) {
  return db
    .selectFrom('org as o')
    .leftJoin('unit as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select('u.name as unit_name')
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Locks the org row for the rest of the transaction. */
export async function lockOrg(trx: Trx, id: number) {
  return trx.selectFrom('org').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function orgNamesByIds(db: Q, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Active members per org path and party status (members sit in a branch or one of its groups). */
export async function memberCountsByPath(db: Q) {
  return db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['o.path', 'p.party_status'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('p.status', '=', 'active')
    .where('p.party_status', 'is not', null)
    .groupBy(['o.path', 'p.party_status'])
    .execute();
}

/** Active (non-archived) members directly in each org, split by party status. */
/** Active members per org and party status; only in `orgIds` when given. */
export async function memberCountsByOrg(db: Q, orgIds?: readonly number[]) {
  let q = db
    .selectFrom('person')
    .select(['org_id', 'party_status'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'active')
    .where('org_id', 'is not', null)
    .where('party_status', 'is not', null);
  if (orgIds) q = q.where('org_id', '=', sql<number>`any(${[...orgIds]}::int[])`);
  return q.groupBy(['org_id', 'party_status']).execute();
}

export async function insertOrg(
  trx: Trx,
  values: Omit<NewOrg, 'path' | 'depth'> & { parentPath: string; parentDepth: number },
) {
  const { parentPath, parentDepth, ...rest } = values;
  const row = await trx
    .insertInto('org')
    .values({ ...rest, path: '', depth: parentDepth + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('org')
    .set({ path: `${parentPath}${row.id}/` })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

export async function updateOrgRow(trx: Trx, id: number, now: Date, values: Updateable<OrgTable>) {
  await trx
    .updateTable('org')
    .set({ ...values, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Re-roots the subtree at `oldPath` under `newPath`, shifting depths. */
export async function moveSubtree(trx: Trx, oldPath: string, newPath: string, depthDelta: number) {
  await trx
    .updateTable('org')
    .set({
      path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

export async function countActiveChildren(db: Q, id: number): Promise<number> {
  const r = await db
    .selectFrom('org')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('parent_id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActiveMembersInSubtree(db: Q, path: string): Promise<number> {
  const r = await db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('p.status', '=', 'active')
    .where('o.path', 'like', `${path}%`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function majorsOfOrg(db: Q, orgId: number) {
  return db
    .selectFrom('org_major as om')
    .innerJoin('major as m', 'm.id', 'om.major_id')
    .select(['m.id', 'm.name', 'm.kind'])
    .where('om.org_id', '=', orgId)
    .orderBy('m.id')
    .execute();
}

export async function replaceOrgMajors(trx: Trx, orgId: number, majorIds: number[]) {
  await trx.deleteFrom('org_major').where('org_id', '=', orgId).execute();
  if (majorIds.length > 0)
    await trx
      .insertInto('org_major')
      .values(majorIds.map((m) => ({ org_id: orgId, major_id: m })))
      .execute();
}

export async function countExisting(db: Q, table: 'unit' | 'major', ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function termsOfOrg(db: Q, orgId: number) {
  return db.selectFrom('term').selectAll().where('org_id', '=', orgId).orderBy('number', 'desc').execute();
}

export async function findTerm(db: Q, id: number) {
  return db
    .selectFrom('term as t')
    .innerJoin('org as o', 'o.id', 't.org_id')
    .selectAll('t')
    .select(['o.path as org_path', 'o.type as org_type', 'o.archived_at as org_archived_at'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Appointments of an org with the person's standing. */
export async function appointmentsOfOrg(db: Q, orgId: number) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.person_id',
      'a.org_id',
      'a.term_id',
      'a.post',
      'a.start_date',
      'a.end_date',
      'p.name as person_name',
      'p.party_status',
      'p.is_dual_leader',
    ])
    .where('a.org_id', '=', orgId)
    .orderBy('a.start_date', 'desc')
    .orderBy('a.id')
    .execute();
}

export async function findAppointment(db: Q, id: number) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .selectAll('a')
    .select(['o.path as org_path'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** People with their org path, for checking team candidates. */
export async function peopleWithOrgPath(db: Q, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.party_status', 'p.status', 'p.confirmed_on', 'o.path as org_path'])
    .where('p.id', 'in', ids)
    .execute();
}

/**
 * 正式党员 of an org and its 党小组 on `day`, as the roster records them: 转正 by then, joined by then and not
 * gone before it (for the committee rule of a new term, 支部条例 第十八条).
 */
export async function fullMembersOn(db: Q, path: string, day: IsoDate): Promise<number> {
  const row = await db
    .selectFrom('person as p')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('o.path', 'like', `${path}%`)
    .where('p.party_status', '=', 'full')
    .where((eb) => eb.or([eb('p.confirmed_on', 'is', null), eb('p.confirmed_on', '<=', day)]))
    .where((eb) => eb.or([eb('p.joined_on', 'is', null), eb('p.joined_on', '<=', day)]))
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'active'),
        eb.and([eb('p.left_on', 'is not', null), eb('p.left_on', '>', day)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// The facts of the org rules (the org findings provider, findings.ts).

/** Active orgs with the columns the rules read. */
export async function activeOrgs(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'parent_id', 'path', 'depth', 'type', 'name', 'category', 'unit_id'])
    .where('archived_at', 'is', null)
    .execute();
}

/** The term in force on `today` for each org (of `orgIds` when given): started, not ended, latest start first. */
export async function currentTerms(db: Q, today: IsoDate, orgIds?: readonly number[]) {
  let q = db
    .selectFrom('term')
    .selectAll()
    .where('start_date', '<=', today)
    .where('actual_end_date', 'is', null);
  if (orgIds) q = q.where('org_id', '=', sql<number>`any(${[...orgIds]}::int[])`);
  return q.orderBy('org_id').orderBy('start_date', 'desc').execute();
}

/** Team posts and organiser posts active on `today` (in `orgIds` when given), with the holder's name and 双带头人 flag. */
export async function activeAppointments(db: Q, today: IsoDate, orgIds?: readonly number[]) {
  let q = db
    .selectFrom('appointment as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.org_id', 'a.term_id', 'a.post', 'a.person_id', 'p.name', 'p.is_dual_leader'])
    .where('a.start_date', '<=', today)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', today)]))
    .where('a.post', 'in', [...teamPosts, 'organiser']);
  if (orgIds) q = q.where('a.org_id', '=', sql<number>`any(${[...orgIds]}::int[])`);
  return q.execute();
}

export async function allUnits(db: Q) {
  return db.selectFrom('unit').select(['id', 'name', 'kind']).orderBy('sort_order').orderBy('id').execute();
}

/** Ends the org's open term on `date` (archiving); returns nothing. */
export async function endOpenTermsOfOrg(trx: Trx, orgId: number, date: string): Promise<void> {
  await trx
    .updateTable('term')
    .set({ actual_end_date: date })
    .where('org_id', '=', orgId)
    .where('actual_end_date', 'is', null)
    .execute();
}

/** Ends every open post of the org on `date` (archiving); returns nothing. */
export async function endOpenAppointmentsOfOrg(trx: Trx, orgId: number, date: string): Promise<void> {
  await trx
    .updateTable('appointment')
    .set({ end_date: date })
    .where('org_id', '=', orgId)
    .where('end_date', 'is', null)
    .execute();
}

/** Ends the org's open term on `endPrev`, bumping its version (换届); returns nothing. */
export async function endPreviousTerm(trx: Trx, orgId: number, endPrev: string): Promise<void> {
  await trx
    .updateTable('term')
    .set({ actual_end_date: endPrev, version: (eb) => eb('version', '+', 1) })
    .where('org_id', '=', orgId)
    .where('actual_end_date', 'is', null)
    .execute();
}

/** Ends the open term posts of the org that started by `endPrev` (换届); returns nothing. */
export async function endPreviousTermPosts(trx: Trx, orgId: number, endPrev: string): Promise<void> {
  await trx
    .updateTable('appointment')
    .set({ end_date: endPrev })
    .where('org_id', '=', orgId)
    .where('term_id', 'is not', null)
    .where('end_date', 'is', null)
    .where('start_date', '<=', endPrev)
    .execute();
}

/** Inserts a term; returns its id. */
export async function insertTerm(trx: Trx, values: Insertable<TermTable>) {
  return trx.insertInto('term').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts several appointments (none when the list is empty); returns nothing. */
export async function insertAppointments(trx: Trx, values: Insertable<AppointmentTable>[]): Promise<void> {
  if (values.length === 0) return;
  await trx.insertInto('appointment').values(values).execute();
}

/** Inserts one appointment; returns its id. */
export async function insertAppointment(trx: Trx, values: Insertable<AppointmentTable>) {
  return trx.insertInto('appointment').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Sets a term's fields and bumps its version; returns nothing. */
export async function updateTermRow(trx: Trx, termId: number, values: Updateable<TermTable>): Promise<void> {
  await trx
    .updateTable('term')
    .set({ ...values, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', termId)
    .execute();
}

/** The open posts (person, post) of a term. */
export async function openPostsOfTerm(db: Q, termId: number) {
  return db
    .selectFrom('appointment')
    .select(['person_id', 'post'])
    .where('term_id', '=', termId)
    .where('end_date', 'is', null)
    .execute();
}

/** The open appointment of this person to this post in the org (its id), if any. */
export async function findOpenAppointment(db: Q, orgId: number, post: PostCode, personId: number) {
  return db
    .selectFrom('appointment')
    .select('id')
    .where('org_id', '=', orgId)
    .where('post', '=', post)
    .where('person_id', '=', personId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
}

/** Ends one appointment on `endDate`; returns nothing. */
export async function endAppointmentRow(trx: Trx, id: number, endDate: string): Promise<void> {
  await trx.updateTable('appointment').set({ end_date: endDate }).where('id', '=', id).execute();
}

/**
 * One page of the orgs whose name, short name or code holds the text, in the scope (archived ones last); each
 * row carries the total and its trail. Exact names first, then names starting with the text.
 */
export async function searchOrgRows(db: Q, where: RawBuilder<SqlBool>, s: SearchText, page: SearchPage) {
  const order = sql`o.name <> ${s.text} and coalesce(o.short_name, '') <> ${s.text}, o.name not ${sql.raw(s.like)} ${s.prefix}, o.archived_at is not null, o.depth, o.sort_order, o.id`;
  const hits = db
    .selectFrom('org as o')
    .where(where)
    .where((eb) =>
      eb.or([
        eb('o.name', s.like, s.contains),
        eb('o.short_name', s.like, s.contains),
        eb('o.code', s.like, s.contains),
      ]),
    )
    .select([
      'o.id',
      'o.name',
      'o.type',
      'o.archived_at',
      'o.path',
      sql<string>`count(*) over ()`.as('total'),
      sql<string>`row_number() over (order by ${order})`.as('rank'),
    ])
    .orderBy('rank')
    .limit(page.limit)
    .offset(page.offset);
  return db
    .selectFrom(hits.as('h'))
    .select(['h.id', 'h.name', 'h.type', 'h.archived_at', 'h.total', orgTrailNames('h.path').as('trail')])
    .orderBy('h.rank')
    .execute();
}

/** Terms (届次) by id with their org, as another module links them (a rectification's evidence). */
export async function linkedTerms(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('term as t')
    .innerJoin('org as o', 'o.id', 't.org_id')
    .select(['t.id', 't.number', 't.start_date', 'o.id as org_id', 'o.name as org_name', 'o.path'])
    .where('t.id', 'in', [...ids])
    .execute();
}

/**
 * The team in office on `day` of each org of `orgIds` (its term started last by then): the people holding a post
 * on that day, with the post. For 述职评议 (the secretaries reviewed, the committee members who vote).
 */
export async function teamsOn(db: Db | Trx, orgIds: readonly number[], day: IsoDate) {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<{ org_id: number; person_id: number; person_name: string; post: PostCode }>`
    select a.org_id, a.person_id, p.name as person_name, a.post
    from appointment a
    join person p on p.id = a.person_id
    where a.org_id = any(${[...orgIds]}::int[])
      and a.start_date <= ${day} and (a.end_date is null or a.end_date >= ${day})
      and (a.term_id is null or a.term_id = (select t.id from term t where t.org_id = a.org_id and t.start_date <= ${day}
        order by t.start_date desc, t.id desc limit 1))
    order by a.org_id, a.start_date desc, a.id desc`.execute(db);
  return rows;
}

/** Posts held at some time from `from` to `to` (appointments overlapping the period), with the org's type and path. */
export async function postsHeldBetween(
  db: Db | Trx,
  q: { personIds?: readonly number[] | undefined; posts: readonly PostCode[]; from: string; to: string },
) {
  if (q.personIds?.length === 0 || q.posts.length === 0) return [];
  let qb = db
    .selectFrom('appointment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select([
      'a.person_id',
      'p.name as person_name',
      'a.org_id',
      'o.name as org_name',
      'o.type as org_type',
      'o.path',
      'a.post',
      'a.start_date',
      'a.end_date',
    ])
    .where('a.post', 'in', [...q.posts])
    .where('a.start_date', '<=', q.to)
    .where((eb) => eb.or([eb('a.end_date', 'is', null), eb('a.end_date', '>=', q.from)]));
  if (q.personIds) qb = qb.where('a.person_id', 'in', [...q.personIds]);
  return qb.orderBy('a.person_id').orderBy('a.start_date').execute();
}

/** The first day each of the given people took the post anywhere (their first appointment to it). */
export async function firstDaysInPost(db: Db | Trx, personIds: readonly number[], post: PostCode) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('appointment')
    .select(['person_id', (eb) => eb.fn.min('start_date').as('first_day')])
    .where('person_id', 'in', [...personIds])
    .where('post', '=', post)
    .groupBy('person_id')
    .execute();
}
