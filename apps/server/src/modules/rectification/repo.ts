/**
 * SQL of rectification items: the list (filtered, counted and paged in SQL, with the next due date computed as
 * core's `rectificationNextDue` does), one item with its orgs, milestones, evidence (joined to the records it
 * links) and timeline, the records evidence may link, and the writes.
 */
import type { RectificationSource, RectificationStatus } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  RectificationEventTable,
  RectificationEvidenceTable,
  RectificationTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** The earliest open milestone, else the deadline (core `rectificationNextDue`), for filters and order. */
const nextDue = sql<string>`coalesce((select min(m.due_on) from rectification_milestone m
  where m.rectification_id = r.id and m.done_on is null), r.deadline)`;

const base = (db: Q) =>
  db
    .selectFrom('rectification as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('person as p', 'p.id', 'r.responsible_person_id');

const itemColumns = [
  'r.id',
  'r.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'r.source',
  'r.source_label',
  'r.problem',
  'r.responsible_person_id',
  'p.name as person_name',
  'r.status',
  'r.deadline',
  'r.original_deadline',
  'r.extensions',
  'r.extension_until',
  'r.extension_reason',
  'r.reopen_count',
  'r.created_at',
  'r.updated_at',
  'r.version',
] as const;

const evidenceCount = sql<number>`(select count(*)::int from rectification_evidence e
  where e.rectification_id = r.id)`;

/** The paths of an item's 协办 orgs: a caller whose scope reaches one of them may read the item. */
const assistingPaths = sql<string[]>`(select coalesce(array_agg(ao.path), '{}') from org ao
  where ao.id = any(r.assisting_org_ids))`;

/** The key of the finding an item was opened from. */
const findingKey = sql<string | null>`(select fk.key from finding fk where fk.id = r.finding_id)`;

/** Filters of the list, already resolved (scope as a where-clause, org as a subtree path). */
export interface ItemFilters {
  scope: RawBuilder<SqlBool>;
  subtreePath?: string | undefined;
  source?: RectificationSource | undefined;
  status?: RectificationStatus | undefined;
  /** Items opened from this 巡察 round's feedback. */
  inspectionId?: number | undefined;
  /** Only items still being rectified whose next due date is before this day. */
  overdueOn?: string | undefined;
  responsiblePersonId?: number | undefined;
  /**
   * Only the items the caller assists: their org outside `scope` and a 协办 org inside `inScope` (a column's clause),
   * under `subtreePath` when given (then the org filter names the 协办 org, not the item's).
   */
  assisting?:
    | { inScope: (column: string) => RawBuilder<SqlBool>; subtreePath?: string | undefined }
    | undefined;
  /** Items opened from the finding of this key. */
  findingKey?: string | undefined;
  /** Items registered with this campaign's problem lists. */
  campaignId?: number | undefined;
  q?: string | undefined;
}

function filtered(db: Q, f: ItemFilters) {
  const assisting = f.assisting;
  return base(db)
    .where(assisting ? sql<SqlBool>`not ${f.scope}` : f.scope)
    .$if(assisting !== undefined, (qb) =>
      qb.where(
        sql<SqlBool>`exists (select 1 from org ao where ao.id = any(r.assisting_org_ids)
          and ${assisting!.inScope('ao.path')}
          ${assisting!.subtreePath ? sql`and ao.path like ${`${escapeLike(assisting!.subtreePath)}%`}` : sql``})`,
      ),
    )
    .$if(f.subtreePath !== undefined, (qb) => qb.where('o.path', 'like', `${escapeLike(f.subtreePath!)}%`))
    .$if(f.source !== undefined, (qb) => qb.where('r.source', '=', f.source!))
    .$if(f.status !== undefined, (qb) => qb.where('r.status', '=', f.status!))
    .$if(f.inspectionId !== undefined, (qb) => qb.where('r.inspection_id', '=', f.inspectionId!))
    .$if(f.overdueOn !== undefined, (qb) =>
      qb
        .where('r.status', 'in', ['pending', 'in_progress'])
        .where(sql<SqlBool>`${nextDue} < ${f.overdueOn!}::date`),
    )
    .$if(f.responsiblePersonId !== undefined, (qb) =>
      qb.where('r.responsible_person_id', '=', f.responsiblePersonId!),
    )
    .$if(f.campaignId !== undefined, (qb) => qb.where('r.campaign_id', '=', f.campaignId!))
    .$if(f.findingKey !== undefined, (qb) =>
      qb.where(sql<SqlBool>`r.finding_id = (select fk.id from finding fk where fk.key = ${f.findingKey!})`),
    )
    .$if(f.q !== undefined, (qb) => {
      const like = `%${escapeLike(f.q!)}%`;
      return qb.where((eb) =>
        eb.or([eb('r.problem', 'like', like), eb('r.measures', 'like', like), eb('o.name', 'like', like)]),
      );
    });
}

/** One page of items: those still open first, by their next due date, then the newest. */
export async function itemPage(db: Q, f: ItemFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select(itemColumns)
      .select(['r.activity_id', findingKey.as('finding_key'), evidenceCount.as('evidence_count')])
      .orderBy(sql`case when r.status = 'closed' then 1 else 0 end`)
      .orderBy(nextDue)
      .orderBy('r.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type ItemRow = Awaited<ReturnType<typeof itemPage>>['rows'][number];

/** The unit an org belongs to: the 党总支 or 直属党支部 below the 党委 (the 党委 itself for its own items). */
const unitId = sql<number>`coalesce(nullif(split_part(o.path, '/', 3), ''), split_part(o.path, '/', 2))::int`;

/** Items the filters select, counted per unit, source and status, with those overdue on `today`: the board. */
export async function boardCounts(db: Q, f: ItemFilters, today: string) {
  const rows = await filtered(db, f)
    .select([
      unitId.as('unit_id'),
      'r.source',
      'r.status',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) filter (where r.status in ('pending', 'in_progress')
        and ${nextDue} < ${today}::date))::int`.as('overdue'),
    ])
    .groupBy([unitId, 'r.source', 'r.status'])
    .execute();
  const ids = [...new Set(rows.map((r) => r.unit_id))];
  const units = ids.length
    ? await db.selectFrom('org').select(['id', 'name', 'type', 'path']).where('id', 'in', ids).execute()
    : [];
  return { rows, units };
}

/**
 * Every item the filters select, in the list's order, with what the 整改台账 prints beyond the list: the clause,
 * the measures and the result, the 协办 orgs, and when it was submitted and closed.
 */
export async function ledgerRows(db: Q, f: ItemFilters) {
  return filtered(db, f)
    .select(itemColumns)
    .select(['r.activity_id', findingKey.as('finding_key'), evidenceCount.as('evidence_count')])
    .select(['r.clause', 'r.measures', 'r.result', 'r.assisting_org_ids', 'r.submitted_at', 'r.closed_at'])
    .orderBy(sql`case when r.status = 'closed' then 1 else 0 end`)
    .orderBy(nextDue)
    .orderBy('r.id', 'desc')
    .execute();
}

/** One item with what its detail and the checks need: its org, the org above, the top of the tree. */
export async function findItem(db: Q, id: number) {
  return base(db)
    .leftJoin('org as po', 'po.id', 'o.parent_id')
    .leftJoin('org as ro', (j) => j.on(sql<SqlBool>`ro.id = split_part(o.path, '/', 2)::int`))
    .leftJoin('finding as f', 'f.id', 'r.finding_id')
    .leftJoin('activity as a', 'a.id', 'r.activity_id')
    .leftJoin('inspection as ins', 'ins.id', 'r.inspection_id')
    .leftJoin('app_user as cu', 'cu.id', 'r.created_by')
    .leftJoin('rectification_campaign as rc', 'rc.id', 'r.campaign_id')
    .select(itemColumns)
    .select(evidenceCount.as('evidence_count'))
    .select(assistingPaths.as('assisting_paths'))
    .select([
      'o.type as org_type',
      'o.parent_id',
      'po.type as parent_type',
      'po.path as parent_path',
      'po.name as parent_name',
      'ro.id as root_id',
      'ro.name as root_name',
      'r.finding_id',
      'f.key as finding_key',
      'r.activity_id',
      'a.title as activity_title',
      'a.on_date as activity_on_date',
      'r.source_ref',
      'r.inspection_id',
      'ins.name as inspection_name',
      'r.clause',
      'r.measures',
      'r.result',
      'r.assisting_org_ids',
      'r.submitted_at',
      'r.closed_at',
      'cu.display_name as created_by_name',
      'r.campaign_id',
      'rc.name as campaign_name',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type DetailRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

/** Locks an item's row for the rest of the transaction; false when there is none. */
export async function lockItem(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('rectification')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** The milestones of items, in order, by item. */
export async function milestonesOf(db: Q, ids: readonly number[]) {
  const byItem = new Map<number, { title: string; dueOn: string; doneOn: string | null }[]>();
  if (ids.length === 0) return byItem;
  const rows = await db
    .selectFrom('rectification_milestone')
    .select(['rectification_id', 'title', 'due_on', 'done_on'])
    .where('rectification_id', 'in', ids)
    .orderBy('rectification_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byItem.get(r.rectification_id) ?? [];
    list.push({ title: r.title, dueOn: r.due_on, doneOn: r.done_on });
    byItem.set(r.rectification_id, list);
  }
  return byItem;
}

/** Replaces an item's milestones. */
export async function replaceMilestones(
  trx: Trx,
  id: number,
  milestones: readonly { title: string; dueOn: string; doneOn: string | null }[],
): Promise<void> {
  await trx.deleteFrom('rectification_milestone').where('rectification_id', '=', id).execute();
  if (milestones.length > 0)
    await trx
      .insertInto('rectification_milestone')
      .values(
        milestones.map((m, i) => ({
          rectification_id: id,
          position: i,
          title: m.title,
          due_on: m.dueOn,
          done_on: m.doneOn,
        })),
      )
      .execute();
}

/** 协办 orgs by id with their paths (which of them a caller's scope reaches). */
export async function orgsWithPaths(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org').select(['id', 'name', 'path']).where('id', 'in', ids).orderBy('id').execute();
}

/** Names of orgs by id (协办 orgs). */
export async function orgNames(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** An org an item may be opened for, with the type of the org above it. */
export async function findOrg(db: Q, id: number) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as po', 'po.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.path', 'o.type', 'o.archived_at', 'po.type as parent_type'])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Inserts an item; returns its id. */
export async function insertItem(trx: Trx, values: Insertable<RectificationTable>): Promise<number> {
  const row = await trx.insertInto('rectification').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Updates an item read at `version` and bumps the version; false when someone changed it meanwhile. */
export async function updateItem(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<RectificationTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'rectification', { id }, version, values);
}

/** The item of a finding that is not yet closed (at most one: a partial unique index), other than `except`. */
export async function openItemOfFinding(db: Q, findingId: string, except?: number) {
  return db
    .selectFrom('rectification')
    .select('id')
    .where('finding_id', '=', findingId)
    .where('status', '<>', 'closed')
    .$if(except !== undefined, (qb) => qb.where('id', '<>', except!))
    .executeTakeFirst();
}

/** Appends an entry to an item's timeline. */
export async function insertEvent(trx: Trx, values: Insertable<RectificationEventTable>): Promise<void> {
  await trx.insertInto('rectification_event').values(values).execute();
}

/** An item's timeline, oldest first. */
export async function eventsOf(db: Q, id: number) {
  return db
    .selectFrom('rectification_event')
    .select(['at', 'kind', 'actor_name', 'from_status', 'to_status', 'note', 'until'])
    .where('rectification_id', '=', id)
    .orderBy('id')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Adds evidence; returns its id. */
export async function insertEvidence(
  trx: Trx,
  values: Insertable<RectificationEvidenceTable>,
): Promise<number> {
  const row = await trx
    .insertInto('rectification_evidence')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** How many pieces of evidence an item has. */
export async function countEvidence(db: Q, id: number): Promise<number> {
  const row = await db
    .selectFrom('rectification_evidence')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('rectification_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The evidence of an item linking this record already, if any. */
export async function linkedEvidence(
  db: Q,
  id: number,
  link: Pick<
    Insertable<RectificationEvidenceTable>,
    'kind' | 'activity_id' | 'term_id' | 'recruitment_event_id' | 'transfer_id' | 'finding_id'
  >,
) {
  const column = {
    activity: 'activity_id',
    term: 'term_id',
    recruitment_step: 'recruitment_event_id',
    transfer: 'transfer_id',
    finding: 'finding_id',
    file: null,
  } as const;
  const c = column[link.kind];
  const value = c ? link[c] : null;
  if (!c || value === null || value === undefined) return undefined;
  return db
    .selectFrom('rectification_evidence')
    .select('id')
    .where('rectification_id', '=', id)
    .where(c, '=', value as never)
    .executeTakeFirst();
}

/**
 * An item's evidence, oldest first: the ids of the records it links (their titles and days are read through the
 * owning modules' services) and, for a finding, its key, rule and org (the platform's findings table).
 */
export async function evidenceOf(db: Q, id: number) {
  return db
    .selectFrom('rectification_evidence as e')
    .leftJoin('finding as f', 'f.id', 'e.finding_id')
    .leftJoin('org as fo', 'fo.id', 'f.org_id')
    .select([
      'e.id',
      'e.kind',
      'e.note',
      'e.file_name',
      'e.size',
      'e.added_by_name',
      'e.added_at',
      'e.activity_id',
      'e.term_id',
      'e.recruitment_event_id',
      'e.transfer_id',
      'f.key as finding_key',
      'f.rule_id as finding_rule_id',
      'f.resolved_at as finding_resolved_at',
      'fo.name as finding_org_name',
    ])
    .where('e.rectification_id', '=', id)
    .orderBy('e.id')
    .execute();
}
export type EvidenceRow = Awaited<ReturnType<typeof evidenceOf>>[number];

/** One file of an item's evidence, with its content. */
export async function evidenceFile(db: Q, id: number, evidenceId: number) {
  return db
    .selectFrom('rectification_evidence')
    .select(['file_name', 'mime_type', 'content'])
    .where('rectification_id', '=', id)
    .where('id', '=', evidenceId)
    .where('kind', '=', 'file')
    .executeTakeFirst();
}

/** Removes one piece of an item's evidence; returns what it was. */
export async function deleteEvidence(trx: Trx, id: number, evidenceId: number) {
  return trx
    .deleteFrom('rectification_evidence')
    .where('rectification_id', '=', id)
    .where('id', '=', evidenceId)
    .returning(['id', 'kind', 'file_name', 'sha256'])
    .executeTakeFirst();
}

// What the findings provider and the 待办 read.

/** The item a deadline reminder concerns: its org and 责任人. */
export async function reminderTarget(db: Q, id: number) {
  return db
    .selectFrom('rectification')
    .select(['id', 'org_id', 'responsible_person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Items not yet closed, with their org, the org above and the top of the tree (the verifier is one of the two),
 * for the findings: of the whole college, or of the subtrees of `orgIds` (every item whose org or verifier is
 * one of them lies there).
 */
export async function openItemsForRules(db: Q, orgIds: readonly number[] | null) {
  return db
    .selectFrom('rectification as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('org as po', 'po.id', 'o.parent_id')
    .leftJoin('org as ro', (j) => j.on(sql<SqlBool>`ro.id = split_part(o.path, '/', 2)::int`))
    .select([
      'r.id',
      'r.org_id',
      'o.name as org_name',
      'o.type as org_type',
      'o.parent_id',
      'po.name as parent_name',
      'po.type as parent_type',
      'ro.id as root_id',
      'ro.name as root_name',
      'r.source',
      'r.problem',
      'r.status',
      'r.deadline',
      'r.original_deadline',
      'r.extensions',
      'r.extension_until',
      'r.extension_reason',
      'r.reopen_count',
      'r.submitted_at',
    ])
    .where('r.status', '<>', 'closed')
    .where('o.archived_at', 'is', null)
    .$if(orgIds !== null, (qb) =>
      qb.where(
        sql<SqlBool>`exists (select 1 from org x where x.id = any(${orgIds}::int[]) and o.path like x.path || '%')`,
      ),
    )
    .orderBy('r.id')
    .execute();
}
export type RuleItemRow = Awaited<ReturnType<typeof openItemsForRules>>[number];

/**
 * Items not yet closed that may wait for someone whose own orgs are `orgIds`: the item's org, the org above it or
 * the top of the tree is one of them. With the last step that moved the status (a 'return' leaves it returned
 * until submitted again) and its note.
 */
export async function openItemsForInbox(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  const ids = [...orgIds];
  const lastStep = (column: 'kind' | 'note') =>
    sql<string | null>`(select e.${sql.ref(column)} from rectification_event e where e.rectification_id = r.id
      and e.kind in ('start', 'submit', 'verify', 'return', 'reopen') order by e.id desc limit 1)`;
  return db
    .selectFrom('rectification as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('org as po', 'po.id', 'o.parent_id')
    .select([
      'r.id',
      'r.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'o.type as org_type',
      'o.parent_id',
      'po.path as parent_path',
      'po.type as parent_type',
      sql<number>`split_part(o.path, '/', 2)::int`.as('root_id'),
      'r.problem',
      'r.result',
      'r.status',
      'r.deadline',
      'r.original_deadline',
      'r.extensions',
      'r.extension_until',
      'r.extension_reason',
      'r.reopen_count',
      'r.submitted_at',
      lastStep('kind').as('last_step'),
      lastStep('note').as('last_step_note'),
    ])
    .where('r.status', '<>', 'closed')
    .where('o.archived_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('r.org_id', 'in', ids),
        eb('o.parent_id', 'in', ids),
        eb(sql<number>`split_part(o.path, '/', 2)::int`, 'in', ids),
      ]),
    )
    .orderBy('r.id')
    .execute();
}
