import type { ImportLayout, MemberRecord } from '@dangjian/core';
import { type RawBuilder, sql } from 'kysely';
import type { Db, ResolvedScope, Trx } from '../../../http/context.ts';
import { pathInScope } from '../../../http/scope.ts';
import { memberRecordColumns, toPersonColumns } from '../record.ts';

/** Key of the advisory lock that lets one roster import commit at a time. */
const importLockKey = 727_002;

/** Rows per bulk statement (one jsonb parameter each). */
const batchSize = 2000;

/** Serialises commits of imports, so the people read for matching stay as read until commit. */
export async function lockImports(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${importLockKey})`.execute(trx);
}

/** Active orgs of the scope with their parent's type: where imported people may be placed. */
export async function orgsInScope(db: Db | Trx, scope: ResolvedScope) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.name',
      'o.short_name',
      'o.type',
      'o.path',
      'o.parent_id',
      'parent.type as parent_type',
    ])
    .where('o.archived_at', 'is', null)
    .where(pathInScope(scope, 'o.path'))
    .orderBy('o.path')
    .execute();
}

/** Units and majors by name (not scoped: they are the college's). */
export async function unitsAndMajors(db: Db | Trx) {
  const [units, majors] = await Promise.all([
    db.selectFrom('unit').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('major').select(['id', 'name']).orderBy('id').execute(),
  ]);
  return { units, majors };
}

/** People holding any of the ID numbers, with their record, standing and org. */
export async function peopleByIdNumbers(db: Db | Trx, idNumbers: readonly string[]) {
  if (idNumbers.length === 0) return [];
  return db
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      ...memberRecordColumns.map((c) => `p.${c}` as const),
      'p.status',
      'o.path as org_path',
      'o.type as org_type',
      'o.parent_id as org_parent_id',
    ])
    .where(sql<boolean>`p.id_number = any(${[...idNumbers]}::text[])`)
    .execute();
}
export type ExistingPerson = Awaited<ReturnType<typeof peopleByIdNumbers>>[number];

/** The most recent import of the same file content. */
export async function lastImportOf(db: Db | Trx, sha256: string) {
  return db
    .selectFrom('member_import')
    .select(['id', 'at', 'actor_name'])
    .where('file_sha256', '=', sha256)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** SQL types of the record columns, for jsonb_to_recordset. */
const columnTypes: Record<(typeof memberRecordColumns)[number], string> = {
  name: 'text',
  gender: 'text',
  ethnicity: 'text',
  birth_date: 'date',
  id_number: 'text',
  phone: 'text',
  education: 'text',
  category: 'text',
  position: 'text',
  title: 'text',
  unit_id: 'integer',
  major_id: 'integer',
  grade: 'text',
  class_name: 'text',
  party_status: 'text',
  joined_on: 'date',
  confirmed_on: 'date',
  org_id: 'integer',
  is_mobile: 'boolean',
  is_abroad: 'boolean',
  is_in_hardship: 'boolean',
  is_dual_leader: 'boolean',
  dual_leader_kind: 'text',
  dual_leader_note: 'text',
};
const recordset = (extra: string) =>
  sql.raw(`${extra}${memberRecordColumns.map((c) => `${c} ${columnTypes[c]}`).join(', ')}`);
const columnList = sql.raw(memberRecordColumns.join(', '));

function jsonRows(rows: readonly Record<string, unknown>[]): RawBuilder<unknown> {
  return sql`${JSON.stringify(rows)}::jsonb`;
}

/** Inserts people in bulk (each with an ID number); returns ID number → new person id. */
export async function insertPeople(trx: Trx, records: readonly MemberRecord[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < records.length; i += batchSize) {
    const batch = records.slice(i, i + batchSize).map(toPersonColumns);
    const result = await sql<{ id: number; id_number: string }>`
      insert into person (${columnList}, updated_at)
      select ${columnList}, now() from jsonb_to_recordset(${jsonRows(batch)}) as v(${recordset('')})
      returning id, id_number`.execute(trx);
    for (const r of result.rows) ids.set(r.id_number, r.id);
  }
  return ids;
}

/** Rewrites the record columns of people in bulk and bumps their version. */
export async function updatePeople(
  trx: Trx,
  updates: readonly { personId: number; record: MemberRecord }[],
): Promise<void> {
  const set = sql.raw(memberRecordColumns.map((c) => `${c} = v.${c}`).join(', '));
  for (let i = 0; i < updates.length; i += batchSize) {
    const batch = updates
      .slice(i, i + batchSize)
      .map((u) => ({ id: u.personId, ...toPersonColumns(u.record) }));
    await sql`
      update person as p set ${set}, version = p.version + 1, updated_at = now()
      from jsonb_to_recordset(${jsonRows(batch)}) as v(${recordset('id integer, ')})
      where p.id = v.id`.execute(trx);
  }
}

/** Appends the history entry of a committed import. */
export async function insertImport(
  trx: Trx,
  row: {
    fileName: string;
    sha256: string;
    layout: ImportLayout;
    actorId: number;
    actorName: string;
    rowCount: number;
    created: number;
    updated: number;
    unchanged: number;
    changes: unknown;
  },
): Promise<number> {
  const r = await trx
    .insertInto('member_import')
    .values({
      file_name: row.fileName,
      file_sha256: row.sha256,
      layout: row.layout,
      actor_id: row.actorId,
      actor_name: row.actorName,
      row_count: row.rowCount,
      created_count: row.created,
      updated_count: row.updated,
      unchanged_count: row.unchanged,
      changes: JSON.stringify(row.changes),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** One page of the import history, newest first; `actorId` limits it to one person's imports. */
export async function pageImports(db: Db, actorId: number | null, page: number, pageSize: number) {
  let q = db.selectFrom('member_import');
  if (actorId !== null) q = q.where('actor_id', '=', actorId);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'file_name',
        'file_sha256',
        'layout',
        'actor_name',
        'at',
        'row_count',
        'created_count',
        'updated_count',
        'unchanged_count',
      ])
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
