import type { MemberCategory, RecruitmentOutcome, RecruitmentStage, RecruitmentStep } from '@dangjian/core';
import type { RawBuilder, SqlBool } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

function dossierQuery(db: Q) {
  return db
    .selectFrom('recruitment as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('org as g', (j) => j.onRef('g.id', '=', 'o.parent_id').on('g.type', '=', 'general_branch'))
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .selectAll('r')
    .select([
      'p.name as person_name',
      'p.gender',
      'p.category',
      'p.birth_date',
      'p.id_number',
      'p.phone',
      'p.grade',
      'p.class_name',
      'p.position',
      'p.party_status',
      'o.name as org_name',
      'o.path as org_path',
      'o.type as org_type',
      'g.id as general_id',
      'g.name as general_name',
      'u.name as unit_name',
    ]);
}

/** One dossier with its person, branch, 总支 and unit. */
export async function findDossier(db: Q, id: number) {
  return dossierQuery(db).where('r.id', '=', id).executeTakeFirst();
}
export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossier>>>;

/** Locks a dossier row for a change; false when it does not exist. */
export async function lockDossier(trx: Trx, id: number): Promise<boolean> {
  const r = await trx
    .selectFrom('recruitment')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return r !== undefined;
}

/** Dossiers in scope matching the SQL-side filters (the deadline filter and paging are done by the caller). */
export async function listDossierRows(
  db: Db,
  f: {
    scope: RawBuilder<SqlBool>;
    subtreePath?: string | undefined;
    stage?: RecruitmentStage | undefined;
    step?: RecruitmentStep | undefined;
    outcome?: RecruitmentOutcome | undefined;
    category?: MemberCategory | undefined;
    q?: string | undefined;
  },
) {
  let q = dossierQuery(db).where(f.scope);
  if (f.subtreePath) q = q.where('o.path', 'like', `${f.subtreePath}%`);
  if (f.stage) q = q.where('r.stage', '=', f.stage);
  if (f.step) q = q.where('r.current_step', '=', f.step);
  if (f.outcome) q = q.where('r.outcome', '=', f.outcome);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.q) q = q.where('p.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('r.applied_on').orderBy('r.id').execute();
}

/** The recorded steps of a dossier in order, with the linked activity's title. */
export async function eventsOf(db: Q, id: number) {
  return db
    .selectFrom('recruitment_event as e')
    .leftJoin('activity as a', 'a.id', 'e.activity_id')
    .selectAll('e')
    .select('a.title as activity_title')
    .where('e.recruitment_id', '=', id)
    .orderBy('e.seq')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Documents of a dossier (without their content), oldest first. */
export async function documentsOf(db: Q, id: number) {
  return db
    .selectFrom('recruitment_document')
    .select([
      'id',
      'kind',
      'title',
      'on_date',
      'file_name',
      'mime_type',
      'size',
      'uploader_name',
      'uploaded_at',
    ])
    .where('recruitment_id', '=', id)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
}
export type DocumentRow = Awaited<ReturnType<typeof documentsOf>>[number];

/** Names of persons by id. */
export async function personNames(db: Q, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The latest dossier of a person: the open one, else the last closed. */
export async function latestDossierIdOf(db: Q, personId: number): Promise<number | null> {
  const r = await db
    .selectFrom('recruitment')
    .select('id')
    .where('person_id', '=', personId)
    .orderBy((eb) => eb.case().when('outcome', '=', 'in_progress').then(0).else(1).end())
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r?.id ?? null;
}
