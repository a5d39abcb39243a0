/**
 * SQL of rectification campaigns (问题清单): the list (a campaign is seen by whoever's scope holds one of its
 * participating orgs), one campaign, its participating orgs with what their progress needs, the items registered
 * with its lists (their status and next due date, as core `rectificationNextDue` computes it), the orgs a campaign
 * is issued to, the writes, and what the findings and the 待办 read.
 */
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  RectificationCampaignEventTable,
  RectificationCampaignOrgTable,
  RectificationCampaignTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

const campaignColumns = [
  'c.id',
  'c.name',
  'c.year',
  'c.kind',
  'c.issuer_org_id',
  'io.name as issuer_name',
  'c.issued_on',
  'c.list_due_on',
  'c.summary_due_on',
  'c.description',
  'c.version',
] as const;

/** Filters of the list, already resolved: the scope as a where-clause builder on an org path column. */
export interface CampaignFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  year?: number | undefined;
  q?: string | undefined;
}

/** A campaign is visible where the scope holds one of its participating orgs. */
const visible = (inScope: CampaignFilters['inScope']) =>
  sql<SqlBool>`exists (select 1 from rectification_campaign_org vc join org vo on vo.id = vc.org_id
    where vc.campaign_id = c.id and ${inScope('vo.path')})`;

function filtered(db: Q, f: CampaignFilters) {
  return db
    .selectFrom('rectification_campaign as c')
    .innerJoin('org as io', 'io.id', 'c.issuer_org_id')
    .where(visible(f.inScope))
    .$if(f.year !== undefined, (qb) => qb.where('c.year', '=', f.year!))
    .$if(f.q !== undefined, (qb) => qb.where('c.name', 'like', `%${escapeLike(f.q!)}%`));
}

/** One page of campaigns, the newest first. */
export async function campaignPage(db: Q, f: CampaignFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select(campaignColumns)
      .orderBy('c.issued_on', 'desc')
      .orderBy('c.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type CampaignRow = Awaited<ReturnType<typeof campaignPage>>['rows'][number];

/** One campaign with who issued it. */
export async function findCampaign(db: Q, id: number) {
  return db
    .selectFrom('rectification_campaign as c')
    .innerJoin('org as io', 'io.id', 'c.issuer_org_id')
    .leftJoin('app_user as cu', 'cu.id', 'c.created_by')
    .select(campaignColumns)
    .select('cu.display_name as created_by_name')
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CampaignDetailRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

const rowColumns = [
  'co.campaign_id',
  'co.org_id',
  'o.name as org_name',
  'o.type as org_type',
  'o.path as org_path',
  'o.parent_id',
  'po.name as parent_name',
  'po.type as parent_type',
  'po.path as parent_path',
  'co.list_submitted_at',
  'co.list_submitted_by_name',
  'co.no_problems',
  'co.list_note',
  'co.list_returned_at',
  'co.list_returned_by_name',
  'co.list_return_reason',
  'co.summary',
  'co.summary_submitted_at',
  'co.summary_submitted_by_name',
  'co.summary_items',
  'co.summary_closed',
  'co.summary_open',
  'co.summary_overdue',
  'co.summary_returned_at',
  'co.summary_returned_by_name',
  'co.summary_return_reason',
  'co.version',
] as const;

const rowBase = (db: Q) =>
  db
    .selectFrom('rectification_campaign_org as co')
    .innerJoin('org as o', 'o.id', 'co.org_id')
    .leftJoin('org as po', 'po.id', 'o.parent_id');

/** The participating orgs of campaigns whose org lies in the scope, in the tree's order. */
export async function rowsOf(db: Q, campaignIds: readonly number[], scope: RawBuilder<SqlBool>) {
  if (campaignIds.length === 0) return [];
  return rowBase(db)
    .select(rowColumns)
    .where('co.campaign_id', 'in', [...campaignIds])
    .where(scope)
    .orderBy('o.path')
    .execute();
}
export type ParticipantRow = Awaited<ReturnType<typeof rowsOf>>[number];

/** One participating org, locked for the rest of the transaction (`share`: others may read it, not change it). */
export async function lockRow(trx: Trx, campaignId: number, orgId: number, mode: 'update' | 'share') {
  const q = rowBase(trx)
    .innerJoin('rectification_campaign as c', 'c.id', 'co.campaign_id')
    .select(rowColumns)
    .select(['c.name as campaign_name', 'c.kind', 'c.list_due_on', 'c.summary_due_on'])
    .where('co.campaign_id', '=', campaignId)
    .where('co.org_id', '=', orgId);
  return (mode === 'update' ? q.forUpdate('co') : q.forShare('co')).executeTakeFirst();
}
export type LockedRow = NonNullable<Awaited<ReturnType<typeof lockRow>>>;

/** The next due date of an item: its earliest open milestone, else its deadline (core `rectificationNextDue`). */
const nextDue = sql<string>`coalesce((select min(m.due_on) from rectification_milestone m
  where m.rectification_id = r.id and m.done_on is null), r.deadline)`;

/** The items registered with the campaigns' lists whose org lies in the scope, with what their figures read. */
export async function itemFactsOf(db: Q, campaignIds: readonly number[], scope: RawBuilder<SqlBool>) {
  if (campaignIds.length === 0) return [];
  return db
    .selectFrom('rectification as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('person as p', 'p.id', 'r.responsible_person_id')
    .select([
      'r.id',
      'r.campaign_id',
      'r.org_id',
      'r.problem',
      'r.status',
      nextDue.as('next_due'),
      'p.name as person_name',
    ])
    .where('r.campaign_id', 'in', [...campaignIds])
    .where(scope)
    .orderBy('r.id')
    .execute();
}

export type ItemFactRow = Awaited<ReturnType<typeof itemFactsOf>>[number];

/** The items of one org's list (for the figures written with its summary). */
export async function itemFactsOfRow(db: Q, campaignId: number, orgId: number) {
  return db
    .selectFrom('rectification as r')
    .select(['r.status', nextDue.as('next_due')])
    .where('r.campaign_id', '=', campaignId)
    .where('r.org_id', '=', orgId)
    .execute();
}

/** A participating org's history, oldest first. */
export async function eventsOf(db: Q, campaignId: number, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return db
    .selectFrom('rectification_campaign_event')
    .select(['org_id', 'at', 'kind', 'actor_name', 'note'])
    .where('campaign_id', '=', campaignId)
    .where('org_id', 'in', [...orgIds])
    .orderBy('id')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Orgs by id with their type, path, parent and whether they are archived (the orgs a campaign is issued to). */
export async function orgsByIds(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'archived_at'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The branches (not archived) directly under the given 党总支. */
export async function branchesUnder(db: Q, generalBranchIds: readonly number[]) {
  if (generalBranchIds.length === 0) return [];
  return db
    .selectFrom('org')
    .select(['id', 'name', 'type', 'path', 'parent_id', 'archived_at'])
    .where('parent_id', 'in', [...generalBranchIds])
    .where('type', 'in', ['branch', 'joint_branch', 'temporary_branch'])
    .where('archived_at', 'is', null)
    .execute();
}

/** Inserts a campaign; returns its id. */
export async function insertCampaign(
  trx: Trx,
  values: Insertable<RectificationCampaignTable>,
): Promise<number> {
  const row = await trx
    .insertInto('rectification_campaign')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts the participating orgs of a campaign. */
export async function insertRows(
  trx: Trx,
  rows: readonly Insertable<RectificationCampaignOrgTable>[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('rectification_campaign_org')
      .values([...rows])
      .execute();
}

/** Updates a participating org read at `version` and bumps the version; false when it changed meanwhile. */
export async function updateRow(
  trx: Trx,
  campaignId: number,
  orgId: number,
  version: number,
  values: Updateable<RectificationCampaignOrgTable>,
): Promise<boolean> {
  return updateAtVersion(
    trx,
    'rectification_campaign_org',
    { campaign_id: campaignId, org_id: orgId },
    version,
    values,
  );
}

/** Appends an entry to a participating org's history. */
export async function insertEvent(
  trx: Trx,
  values: Insertable<RectificationCampaignEventTable>,
): Promise<void> {
  await trx.insertInto('rectification_campaign_event').values(values).execute();
}

// What the findings provider and the 待办 read.

/**
 * Participating orgs (not archived) whose list or summary is not in, with their campaign's dates: of the college,
 * or of the subtrees of `orgIds`.
 */
export async function openRowsForRules(db: Q, orgIds: readonly number[] | null) {
  return db
    .selectFrom('rectification_campaign_org as co')
    .innerJoin('rectification_campaign as c', 'c.id', 'co.campaign_id')
    .innerJoin('org as o', 'o.id', 'co.org_id')
    .select([
      'c.id as campaign_id',
      'c.name as campaign_name',
      'c.list_due_on',
      'c.summary_due_on',
      'co.org_id',
      'o.name as org_name',
      'co.list_submitted_at',
      'co.summary_submitted_at',
    ])
    .where('co.summary_submitted_at', 'is', null)
    .where('o.archived_at', 'is', null)
    .$if(orgIds !== null, (qb) =>
      qb.where(
        sql<SqlBool>`exists (select 1 from org x where x.id = any(${orgIds}::int[]) and o.path like x.path || '%')`,
      ),
    )
    .orderBy('c.id')
    .orderBy('co.org_id')
    .execute();
}

/** Participating rows of the orgs `orgIds` whose list or summary is not in (the 待办 of their secretaries). */
export async function openRowsOf(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return rowBase(db)
    .innerJoin('rectification_campaign as c', 'c.id', 'co.campaign_id')
    .select(rowColumns)
    .select(['c.name as campaign_name', 'c.list_due_on', 'c.summary_due_on'])
    .where('co.org_id', 'in', [...orgIds])
    .where('co.summary_submitted_at', 'is', null)
    .where('o.archived_at', 'is', null)
    .orderBy('c.id')
    .execute();
}
