/** SQL of the 年轻干部储备: candidates with their person, plan items, 挂职, 轮岗 and steps; the writes. */
import type { Insertable, Updateable } from 'kysely';
import type {
  CadreReserveEventTable,
  CadreReservePlanItemTable,
  CadreReserveRotationTable,
  CadreReserveSecondmentTable,
  CadreReserveTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

function candidates(db: Q) {
  return db
    .selectFrom('cadre_reserve as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .selectAll('c')
    .select([
      'p.name',
      'p.gender',
      'p.birth_date',
      'p.position',
      'o.name as org_name',
      'u.name as unit_name',
    ]);
}

export type CandidateRow = Awaited<ReturnType<typeof getCandidate>> & {};

/** Every candidate (a few dozen a year: the list filters after reading), by name. */
export async function listCandidates(db: Q, q: string | undefined) {
  let query = candidates(db);
  if (q) query = query.where('p.name', 'like', `%${escapeLike(q)}%`);
  return query.orderBy('p.name').orderBy('c.id').execute();
}

export async function getCandidate(db: Q, id: number) {
  return candidates(db).where('c.id', '=', id).executeTakeFirst();
}

/** Locks a candidate's row for a write; false when there is none. */
export async function lockCandidate(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('cadre_reserve')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCandidate(
  trx: Trx,
  values: Insertable<CadreReserveTable>,
): Promise<number | null> {
  const row = await trx
    .insertInto('cadre_reserve')
    .values(values)
    .onConflict((oc) =>
      oc.column('person_id').where('status', 'in', ['nominated', 'admitted', 'in_training']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Writes the candidate at `version` (bumping it); false when someone else wrote first. */
export async function updateCandidate(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<CadreReserveTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'cadre_reserve', { id }, version, values);
}

export async function planItems(db: Q, candidateIds: readonly number[]) {
  if (candidateIds.length === 0) return [];
  return db
    .selectFrom('cadre_reserve_plan_item')
    .selectAll()
    .where('candidate_id', 'in', candidateIds)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

export async function countPlanItems(db: Q, candidateId: number): Promise<number> {
  const row = await db
    .selectFrom('cadre_reserve_plan_item')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('candidate_id', '=', candidateId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPlanItem(
  trx: Trx,
  values: Insertable<CadreReservePlanItemTable>,
): Promise<number> {
  const row = await trx
    .insertInto('cadre_reserve_plan_item')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getPlanItem(db: Q, candidateId: number, itemId: number) {
  return db
    .selectFrom('cadre_reserve_plan_item')
    .selectAll()
    .where('id', '=', itemId)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
}

export async function updatePlanItem(
  trx: Trx,
  itemId: number,
  values: Updateable<CadreReservePlanItemTable>,
): Promise<void> {
  await trx.updateTable('cadre_reserve_plan_item').set(values).where('id', '=', itemId).execute();
}

export async function secondments(db: Q, candidateIds: readonly number[]) {
  if (candidateIds.length === 0) return [];
  return db
    .selectFrom('cadre_reserve_secondment')
    .selectAll()
    .where('candidate_id', 'in', candidateIds)
    .orderBy('from_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertSecondment(
  trx: Trx,
  values: Insertable<CadreReserveSecondmentTable>,
): Promise<number> {
  const row = await trx
    .insertInto('cadre_reserve_secondment')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function rotations(db: Q, candidateId: number) {
  return db
    .selectFrom('cadre_reserve_rotation')
    .selectAll()
    .where('candidate_id', '=', candidateId)
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertRotation(
  trx: Trx,
  values: Insertable<CadreReserveRotationTable>,
): Promise<number> {
  const row = await trx
    .insertInto('cadre_reserve_rotation')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function events(db: Q, candidateId: number) {
  return db
    .selectFrom('cadre_reserve_event')
    .selectAll()
    .where('candidate_id', '=', candidateId)
    .orderBy('id')
    .execute();
}

export async function insertEvent(trx: Trx, values: Insertable<CadreReserveEventTable>): Promise<void> {
  await trx.insertInto('cadre_reserve_event').values(values).execute();
}

/** The 党委 (the root org), on which the pool's findings are filed. */
export async function rootOrg(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'name'])
    .where('parent_id', 'is', null)
    .where('archived_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}
