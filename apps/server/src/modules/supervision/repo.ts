/**
 * SQL of supervised tasks (督办事项): the list (filtered by scope — the issuer, the lead unit or an assisting unit
 * in it —, counted and paged in SQL, overdue first), one task with its orgs, record and resolution, its timeline,
 * the source record and the orgs a task names, the writes, and what the findings, the 待办 and the overdue
 * escalation read.
 */
import type { SupervisedTaskStatus } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type { SupervisedTaskEventTable, SupervisedTaskTable } from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

const base = (db: Q) =>
  db
    .selectFrom('supervised_task as s')
    .innerJoin('org as lo', 'lo.id', 's.org_id')
    .innerJoin('org as io', 'io.id', 's.issuer_org_id')
    .leftJoin('activity as a', 'a.id', 's.activity_id')
    .leftJoin('org as ao', 'ao.id', 'a.org_id');

const itemColumns = [
  's.id',
  's.title',
  's.issuer_org_id',
  'io.name as issuer_name',
  'io.path as issuer_path',
  'io.type as issuer_type',
  's.org_id',
  'lo.name as lead_name',
  'lo.path as lead_path',
  's.activity_id',
  'a.title as activity_title',
  'a.on_date as activity_on_date',
  'a.kind as activity_kind',
  'ao.type as activity_org_type',
  's.status',
  's.cadence',
  's.issued_on',
  's.deadline',
  's.original_deadline',
  's.extensions',
  's.extension_until',
  's.extension_reason',
  's.last_report_on',
  's.assisting_org_ids',
  's.updated_at',
  's.version',
] as const;

/** Filters of the list, already resolved (scope as a where-clause builder, the lead's subtree as a path). */
export interface TaskFilters {
  /** The scope's where-clause on an org path column. */
  inScope: (column: string) => RawBuilder<SqlBool>;
  leadSubtreePath?: string | undefined;
  status?: SupervisedTaskStatus | undefined;
  /** Only tasks not yet reported done whose deadline is before this day. */
  overdueOn?: string | undefined;
  activityId?: number | undefined;
  q?: string | undefined;
}

/** A task is seen by whoever's scope holds its issuer, its lead unit or one of its assisting units. */
function visible(inScope: TaskFilters['inScope']): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${inScope('io.path')} or ${inScope('lo.path')} or exists (select 1 from org xo
    where xo.id = any(s.assisting_org_ids) and ${inScope('xo.path')}))`;
}

function filtered(db: Q, f: TaskFilters) {
  return base(db)
    .where(visible(f.inScope))
    .$if(f.leadSubtreePath !== undefined, (qb) =>
      qb.where('lo.path', 'like', `${escapeLike(f.leadSubtreePath!)}%`),
    )
    .$if(f.status !== undefined, (qb) => qb.where('s.status', '=', f.status!))
    .$if(f.overdueOn !== undefined, (qb) =>
      qb
        .where('s.status', 'in', ['awaiting_acceptance', 'in_progress'])
        .where(sql<SqlBool>`s.deadline < ${f.overdueOn!}::date`),
    )
    .$if(f.activityId !== undefined, (qb) => qb.where('s.activity_id', '=', f.activityId!))
    .$if(f.q !== undefined, (qb) => {
      const like = `%${escapeLike(f.q!)}%`;
      return qb.where((eb) =>
        eb.or([eb('s.title', 'like', like), eb('s.content', 'like', like), eb('lo.name', 'like', like)]),
      );
    });
}

/** Overdue first, then open by deadline, then reported done, then done (newest first). */
const order = (today: string) =>
  sql`case when s.status in ('awaiting_acceptance', 'in_progress') and s.deadline < ${today}::date then 0
    when s.status in ('awaiting_acceptance', 'in_progress') then 1 when s.status = 'reported_done' then 2 else 3 end`;

/** One page of tasks (all of them when `page` is null: the 督办台账). */
export async function taskPage(
  db: Q,
  f: TaskFilters,
  today: string,
  page: { limit: number; offset: number } | null,
) {
  const rows = filtered(db, f)
    .select(itemColumns)
    .select(['s.content', 's.result'])
    .orderBy(order(today))
    .orderBy(sql`case when s.status = 'done' then null else s.deadline end`)
    .orderBy('s.id', 'desc');
  const [items, count] = await Promise.all([
    (page ? rows.limit(page.limit).offset(page.offset) : rows).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: items, total: Number(count.n) };
}
export type ItemRow = Awaited<ReturnType<typeof taskPage>>['rows'][number];

/** One task with what its detail and checks need. */
export async function findTask(db: Q, id: number) {
  return base(db)
    .leftJoin('activity_resolution as r', 'r.id', 's.resolution_id')
    .leftJoin('app_user as cu', 'cu.id', 's.created_by')
    .select(itemColumns)
    .select([
      's.content',
      's.result',
      's.resolution_id',
      'r.title as resolution_title',
      's.accepted_at',
      's.reported_done_at',
      's.done_at',
      'cu.display_name as created_by_name',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type DetailRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

/** Locks a task's row for the rest of the transaction; false when there is none. */
export async function lockTask(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('supervised_task')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** A meeting record a task may come from, with its org. */
export async function sourceRecord(db: Q, id: number) {
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

/** A resolution of a record. */
export async function resolutionOf(db: Q, activityId: number, resolutionId: number) {
  return db
    .selectFrom('activity_resolution')
    .select(['id', 'title', 'outcome'])
    .where('activity_id', '=', activityId)
    .where('id', '=', resolutionId)
    .executeTakeFirst();
}

/** Orgs by id with their paths and types (the lead and assisting units). */
export async function orgsByIds(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path', 'type', 'archived_at'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Inserts a task; returns its id. */
export async function insertTask(trx: Trx, values: Insertable<SupervisedTaskTable>): Promise<number> {
  const row = await trx
    .insertInto('supervised_task')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a task read at `version` and bumps the version; false when someone changed it meanwhile. */
export async function updateTask(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<SupervisedTaskTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'supervised_task', { id }, version, values);
}

/** Appends an entry to a task's timeline. */
export async function insertEvent(trx: Trx, values: Insertable<SupervisedTaskEventTable>): Promise<void> {
  await trx.insertInto('supervised_task_event').values(values).execute();
}

/** A task's timeline, oldest first. */
export async function eventsOf(db: Q, id: number) {
  return db
    .selectFrom('supervised_task_event')
    .select(['at', 'kind', 'actor_name', 'from_status', 'to_status', 'note', 'until'])
    .where('task_id', '=', id)
    .orderBy('id')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Progress reports of tasks (the 督办单 and the 台账 list them), oldest first, by task. */
export async function progressOf(db: Q, ids: readonly number[]) {
  const byTask = new Map<number, { at: Date | string; actorName: string | null; note: string | null }[]>();
  if (ids.length === 0) return byTask;
  const rows = await db
    .selectFrom('supervised_task_event')
    .select(['task_id', 'at', 'actor_name', 'note'])
    .where('task_id', 'in', [...ids])
    .where('kind', '=', 'progress')
    .orderBy('id')
    .execute();
  for (const r of rows)
    byTask.set(r.task_id, [
      ...(byTask.get(r.task_id) ?? []),
      { at: r.at, actorName: r.actor_name, note: r.note },
    ]);
  return byTask;
}

// What the findings provider, the 待办 and the escalation read.

/** Tasks not yet done whose lead unit is not archived, of the college or of the subtrees of `orgIds`. */
export async function openTasksForRules(db: Q, orgIds: readonly number[] | null) {
  return db
    .selectFrom('supervised_task as s')
    .innerJoin('org as lo', 'lo.id', 's.org_id')
    .select([
      's.id',
      's.title',
      's.org_id',
      'lo.name as lead_name',
      's.status',
      's.cadence',
      's.issued_on',
      's.deadline',
      's.original_deadline',
      's.extensions',
      's.extension_until',
      's.extension_reason',
      's.last_report_on',
    ])
    .where('s.status', 'in', ['awaiting_acceptance', 'in_progress'])
    .where('lo.archived_at', 'is', null)
    .$if(orgIds !== null, (qb) =>
      qb.where(
        sql<SqlBool>`exists (select 1 from org x where x.id = any(${orgIds}::int[]) and lo.path like x.path || '%')`,
      ),
    )
    .orderBy('s.id')
    .execute();
}
export type RuleTaskRow = Awaited<ReturnType<typeof openTasksForRules>>[number];

/** Tasks not yet done that the orgs `orgIds` lead or issued. */
export async function openTasksForInbox(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return base(db)
    .select(itemColumns)
    .where('s.status', '<>', 'done')
    .where('lo.archived_at', 'is', null)
    .where((eb) => eb.or([eb('s.org_id', 'in', [...orgIds]), eb('s.issuer_org_id', 'in', [...orgIds])]))
    .orderBy('s.id')
    .execute();
}

/** Open tasks past their deadline on `today` (the morning's escalation). */
export async function overdueTasks(db: Q, today: string) {
  return db
    .selectFrom('supervised_task as s')
    .innerJoin('org as lo', 'lo.id', 's.org_id')
    .innerJoin('org as io', 'io.id', 's.issuer_org_id')
    .select(['s.id', 's.title', 's.org_id', 'lo.name as lead_name', 'io.name as issuer_name', 's.deadline'])
    .where('s.status', 'in', ['awaiting_acceptance', 'in_progress'])
    .where('s.deadline', '<', today)
    .where('lo.archived_at', 'is', null)
    .orderBy('s.id')
    .execute();
}
