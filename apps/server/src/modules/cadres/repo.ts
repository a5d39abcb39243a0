/** SQL of the cadre roster: cadres with their person, every post with its unit, the writes. */
import type { RoleCode } from '@dangjian/core';
import type { Insertable } from 'kysely';
import type { CadrePostTable } from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

export async function listCadreRows(db: Q, q: string | undefined) {
  let query = db
    .selectFrom('cadre as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['c.id', 'c.person_id', 'p.name', 'p.party_status', 'o.name as org_name', 'c.note', 'c.version']);
  if (q) query = query.where('p.name', 'like', `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  return query.orderBy('p.name').orderBy('c.id').execute();
}

export async function getCadreRow(db: Q, id: number) {
  return db
    .selectFrom('cadre as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['c.id', 'c.person_id', 'p.name', 'p.party_status', 'o.name as org_name', 'c.note', 'c.version'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export async function postRows(db: Q, cadreIds: readonly number[]) {
  if (cadreIds.length === 0) return [];
  return db
    .selectFrom('cadre_post as cp')
    .innerJoin('unit as u', 'u.id', 'cp.unit_id')
    .selectAll('cp')
    .select('u.name as unit_name')
    .where('cp.cadre_id', 'in', cadreIds)
    .orderBy('cp.start_on', 'desc')
    .orderBy('cp.id', 'desc')
    .execute();
}

export async function cadreIdOfPerson(db: Q, personId: number): Promise<number | null> {
  const row = await db.selectFrom('cadre').select('id').where('person_id', '=', personId).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertCadre(
  trx: Trx,
  personId: number,
  note: string | null,
  now: Date,
): Promise<number> {
  const row = await trx
    .insertInto('cadre')
    .values({ person_id: personId, note, updated_at: now })
    .onConflict((oc) => oc.column('person_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** Every post of every cadre (current and past), for the term and rotation rules and the training classes. */
export async function allPostRows(db: Q) {
  return db
    .selectFrom('cadre_post as cp')
    .innerJoin('unit as u', 'u.id', 'cp.unit_id')
    .innerJoin('cadre as c', 'c.id', 'cp.cadre_id')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .selectAll('cp')
    .select(['u.name as unit_name', 'c.person_id', 'p.name'])
    .orderBy('cp.start_on', 'desc')
    .orderBy('cp.id', 'desc')
    .execute();
}

/** The posts of the given people overlapping [from, to], for the training classes. */
export async function postsOfPeopleBetween(db: Q, personIds: readonly number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('cadre_post as cp')
    .innerJoin('cadre as c', 'c.id', 'cp.cadre_id')
    .select(['c.person_id', 'cp.county_level', 'cp.start_on', 'cp.end_on'])
    .where('c.person_id', 'in', personIds)
    .where('cp.start_on', '<=', to)
    .where((eb) => eb.or([eb('cp.end_on', 'is', null), eb('cp.end_on', '>=', from)]))
    .execute();
}

export async function rotationRows(db: Q, cadreId: number) {
  return db
    .selectFrom('cadre_rotation')
    .selectAll()
    .where('cadre_id', '=', cadreId)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertRotation(
  trx: Trx,
  values: {
    cadre_id: number;
    kind: 'exchange' | 'rotation';
    on_date: string;
    document_no: string | null;
    from_post_id: number;
    to_post_id: number;
    note: string | null;
    actor_id: number | null;
  },
): Promise<number> {
  const row = await trx.insertInto('cadre_rotation').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Users holding a role with the given permission (the 组织部 for `cadre:file:manage`), enabled accounts. */
export async function usersWithRoles(db: Q, roles: readonly RoleCode[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_role as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .select('u.id')
    .distinct()
    .where('r.role', 'in', roles)
    .where('u.disabled', '=', false)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertPost(trx: Trx, values: Insertable<CadrePostTable>): Promise<number> {
  const row = await trx.insertInto('cadre_post').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function bumpCadre(
  trx: Trx,
  id: number,
  version: number,
  values: { note?: string | null; updated_at: Date },
): Promise<boolean> {
  return updateAtVersion(trx, 'cadre', { id }, version, values);
}

/** Ends a current post of the cadre; false when there is no such current post. */
export async function endPost(
  trx: Trx,
  cadreId: number,
  postId: number,
  endOn: string,
  reason: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('cadre_post')
    .set({ end_on: endOn, end_reason: reason })
    .where('id', '=', postId)
    .where('cadre_id', '=', cadreId)
    .where('end_on', 'is', null)
    .where('start_on', '<=', endOn)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The 党委 (the active root orgs), where the term and rotation findings are filed. */
export async function rootOrgs(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'name'])
    .where('parent_id', 'is', null)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
}

export async function cadreIdOfPost(db: Q, postId: number): Promise<number | null> {
  const row = await db
    .selectFrom('cadre_post')
    .select('cadre_id')
    .where('id', '=', postId)
    .executeTakeFirst();
  return row?.cadre_id ?? null;
}

/** A post still held, with its cadre. */
export async function currentPost(db: Q, postId: number) {
  return db
    .selectFrom('cadre_post')
    .select(['id', 'cadre_id', 'start_on'])
    .where('id', '=', postId)
    .where('end_on', 'is', null)
    .executeTakeFirst();
}

export async function setProbationEnd(trx: Trx, postId: number, probationEndOn: string): Promise<boolean> {
  const r = await trx
    .updateTable('cadre_post')
    .set({ probation_end_on: probationEndOn })
    .where('id', '=', postId)
    .where('end_on', 'is', null)
    .where('start_on', '<', probationEndOn)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A write to a cadre's posts moves the cadre's version (an open form of it is then refused, not overwritten). */
export async function touchCadre(trx: Trx, id: number, now: Date): Promise<void> {
  await trx
    .updateTable('cadre')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The cadre ids of those of `personIds` on the roster. */
export async function cadreIdsOfPeople(db: Q, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('cadre').select(['id', 'person_id']).where('person_id', 'in', personIds).execute();
}
