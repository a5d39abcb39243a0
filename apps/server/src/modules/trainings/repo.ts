/**
 * SQL of the trainings module: courses and their attendance, external training, and the reads of the hours, the
 * classes and the findings. Row types stay here; the service maps them.
 */
import type { TrainingAttendanceStatus } from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';

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
