/**
 * SQL of 选拔任用: the list (filtered, scoped by the 党委 that decides, all read — a few hundred at most — and paged
 * by the service), one appointment with its person, unit, org and 党委会 record, its history, the 党委 and the
 * 党委会 record a step names, the writes, and what the findings and the 待办 read.
 */
import type { AppointmentStatus, CadrePostLevel } from '@dangjian/core';
import type { Insertable, RawBuilder, SqlBool, Updateable } from 'kysely';
import type { CadreAppointmentEventTable, CadreAppointmentTable } from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

const base = (db: Q) =>
  db
    .selectFrom('cadre_appointment as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('unit as u', 'u.id', 'c.unit_id')
    .innerJoin('org as o', 'o.id', 'c.org_id')
    .leftJoin('org as po', 'po.id', 'p.org_id')
    .leftJoin('activity as m', 'm.id', 'c.meeting_id')
    .selectAll('c')
    .select([
      'p.name',
      'u.name as unit_name',
      'o.name as org_name',
      'o.path as org_path',
      'po.name as person_org_name',
      'm.title as meeting_title',
      'm.on_date as meeting_on',
    ]);
export type AppointmentRow = NonNullable<Awaited<ReturnType<typeof findAppointment>>>;

export interface AppointmentFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  status?: AppointmentStatus | undefined;
  unitId?: number | undefined;
  level?: CadrePostLevel | undefined;
  q?: string | undefined;
}

/** Every appointment the scope holds with the filters, latest first. */
export async function listAppointments(db: Q, f: AppointmentFilters): Promise<AppointmentRow[]> {
  let q = base(db).where(f.inScope('o.path'));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.unitId !== undefined) q = q.where('c.unit_id', '=', f.unitId);
  if (f.level) q = q.where('c.level', '=', f.level);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'like', like), eb('c.post_title', 'like', like)]));
  }
  return q.orderBy('c.motion_on', 'desc').orderBy('c.id', 'desc').execute();
}

/** Open appointments (in 公示 or 试用期, or owing training) for the findings and the 待办. */
export async function openAppointments(db: Q): Promise<AppointmentRow[]> {
  return base(db)
    .where((eb) =>
      eb.or([
        eb('c.status', 'in', ['notice', 'probation']),
        eb.and([eb('c.status', '=', 'confirmed'), eb('c.training_due_on', 'is not', null)]),
      ]),
    )
    .orderBy('c.id')
    .execute();
}

export async function findAppointment(db: Q, id: number) {
  return base(db).where('c.id', '=', id).executeTakeFirst();
}

export async function lockAppointment(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('cadre_appointment')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** The 党委 (the root committee) that decides appointments. */
export async function deciding(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path'])
    .where('parent_id', 'is', null)
    .where('type', '=', 'committee')
    .where('archived_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/** A meeting record a decision may be linked to, with its org. */
export async function meetingRecord(db: Q, id: number) {
  return db
    .selectFrom('activity as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select([
      'a.id',
      'a.title',
      'a.kind',
      'a.status',
      'a.on_date',
      'a.org_id',
      'o.type as org_type',
      'o.path',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** An open appointment of the person (not ended: neither 转正/免去 nor vetoed/withdrawn). */
export async function openAppointmentOf(db: Q, personId: number) {
  return db
    .selectFrom('cadre_appointment')
    .select(['id', 'post_title'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['motion', 'recommended', 'inspected', 'decided', 'notice'])
    .executeTakeFirst();
}

export async function insertAppointment(
  trx: Trx,
  values: Insertable<CadreAppointmentTable>,
): Promise<number> {
  const row = await trx
    .insertInto('cadre_appointment')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAppointment(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<CadreAppointmentTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'cadre_appointment', { id }, version, values);
}

export async function insertEvent(trx: Trx, values: Insertable<CadreAppointmentEventTable>): Promise<void> {
  await trx.insertInto('cadre_appointment_event').values(values).execute();
}

export async function eventsOf(db: Q, id: number) {
  return db
    .selectFrom('cadre_appointment_event')
    .select(['at', 'kind', 'on_date', 'from_status', 'to_status', 'actor_name', 'note'])
    .where('appointment_id', '=', id)
    .orderBy('id')
    .execute();
}
