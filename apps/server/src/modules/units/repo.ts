import type { Insertable, Updateable } from 'kysely';
import type { MajorTable, UnitTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

/** All units in display order (sort order, id). */
export async function listUnitRows(db: Q) {
  return db.selectFrom('unit').selectAll().orderBy('sort_order').orderBy('id').execute();
}

/** Inserts a unit; returns the whole new row. */
export async function insertUnit(trx: Trx, values: Insertable<UnitTable>) {
  return trx.insertInto('unit').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Locks a unit's row and returns it; undefined when missing. */
export async function lockUnit(trx: Trx, id: number) {
  return trx.selectFrom('unit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sets fields of a unit; returns the whole updated row. */
export async function updateUnitRow(trx: Trx, id: number, values: Updateable<UnitTable>) {
  return trx.updateTable('unit').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Majors (only those of `ids` when given) with their unit's name, by id. */
export async function listMajorRows(db: Q, ids?: number[]) {
  let q = db
    .selectFrom('major as m')
    .leftJoin('unit as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.name', 'm.kind', 'm.unit_id', 'u.name as unit_name']);
  if (ids) q = q.where('m.id', 'in', ids);
  return q.orderBy('m.id').execute();
}

/** The unit's id if the unit exists. */
export async function findUnitId(db: Q, id: number) {
  return db.selectFrom('unit').select('id').where('id', '=', id).executeTakeFirst();
}

/** Inserts a major; returns its id and name. */
export async function insertMajor(trx: Trx, values: Insertable<MajorTable>) {
  return trx.insertInto('major').values(values).returning(['id', 'name']).executeTakeFirstOrThrow();
}
