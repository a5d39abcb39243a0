/**
 * SQL of 巡察 rounds: the list (a round is seen by whoever's scope holds one of its units; counted and paged in SQL,
 * newest first), one round with its team, units (with their orgs), verdicts and timeline, the orgs a round names,
 * the writes, and what the findings and the 待办 read. A unit's rectification items are the rectification module's
 * (its service.ts).
 */
import type { InspectionKind, InspectionUnitStatus } from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  InspectionEventTable,
  InspectionTable,
  InspectionTeamMemberTable,
  InspectionUnitTable,
  InspectionVerdictTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

const roundColumns = [
  'i.id',
  'i.name',
  'i.kind',
  'i.starts_on',
  'i.ends_on',
  'i.focus',
  'i.report_months',
  'i.lookback_months',
  'i.created_at',
  'i.updated_at',
  'i.version',
] as const;

/** Filters of the list, already resolved (the scope as a where-clause on an org path column). */
export interface RoundFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  kind?: InspectionKind | undefined;
  q?: string | undefined;
}

function filtered(db: Q, f: RoundFilters) {
  return db
    .selectFrom('inspection as i')
    .where(
      sql<SqlBool>`exists (select 1 from inspection_unit vu join org vo on vo.id = vu.org_id
        where vu.inspection_id = i.id and ${f.inScope('vo.path')})`,
    )
    .$if(f.kind !== undefined, (qb) => qb.where('i.kind', '=', f.kind!))
    .$if(f.q !== undefined, (qb) => qb.where('i.name', 'like', `%${escapeLike(f.q!)}%`));
}

/** One page of rounds, the latest first. */
export async function roundPage(db: Q, f: RoundFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select(roundColumns)
      .orderBy('i.starts_on', 'desc')
      .orderBy('i.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type RoundRow = Awaited<ReturnType<typeof roundPage>>['rows'][number];

/** One round with who created it. */
export async function findRound(db: Q, id: number) {
  return db
    .selectFrom('inspection as i')
    .leftJoin('app_user as cu', 'cu.id', 'i.created_by')
    .select(roundColumns)
    .select('cu.display_name as created_by_name')
    .where('i.id', '=', id)
    .executeTakeFirst();
}
export type RoundDetailRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/** Locks a round's row for the rest of the transaction; false when there is none. */
export async function lockRound(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('inspection')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

const unitColumns = [
  'u.id',
  'u.inspection_id',
  'u.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'o.type as org_type',
  'u.status',
  'u.feedback_on',
  'u.summary',
  'u.report_text',
  'u.report_submitted_on',
  'u.report_by_name',
  'u.report_figures',
  'u.returned_reason',
  'u.lookback_on',
  'u.lookback_note',
  'u.lookback_by_name',
  'u.version',
] as const;

const units = (db: Q) =>
  db.selectFrom('inspection_unit as u').innerJoin('org as o', 'o.id', 'u.org_id').select(unitColumns);

/** The units of rounds, by round, in the order of the org tree. */
export async function unitsOf(db: Q, roundIds: readonly number[]) {
  if (roundIds.length === 0) return [];
  return units(db)
    .where('u.inspection_id', 'in', [...roundIds])
    .orderBy('o.path')
    .execute();
}
export type UnitRow = Awaited<ReturnType<typeof unitsOf>>[number];

/** One unit of a round, locked for the rest of the transaction. */
export async function lockUnit(trx: Trx, roundId: number, orgId: number) {
  return units(trx)
    .where('u.inspection_id', '=', roundId)
    .where('u.org_id', '=', orgId)
    .forUpdate('u')
    .executeTakeFirst();
}

/** A round's 巡察组, in order. */
export async function teamOf(db: Q, id: number) {
  return db
    .selectFrom('inspection_team_member')
    .select(['role', 'name', 'title', 'person_id'])
    .where('inspection_id', '=', id)
    .orderBy('position')
    .execute();
}

/** What the 回头看 found of the units' closed items, by unit. */
export async function verdictsOf(db: Q, unitIds: readonly number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('inspection_verdict')
    .select(['inspection_unit_id', 'rectification_id', 'outcome', 'reason', 'until'])
    .where('inspection_unit_id', 'in', [...unitIds])
    .orderBy('rectification_id')
    .execute();
}

/** A round's timeline, oldest first, with the unit each step was on. */
export async function eventsOf(db: Q, id: number) {
  return db
    .selectFrom('inspection_event as e')
    .leftJoin('org as o', 'o.id', 'e.org_id')
    .select(['e.at', 'e.kind', 'e.org_id', 'o.name as org_name', 'e.actor_name', 'e.note'])
    .where('e.inspection_id', '=', id)
    .orderBy('e.id')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Orgs by id with what decides whether they may be inspected (type, parent's type, archived). */
export async function orgsByIds(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('org as o')
    .leftJoin('org as po', 'po.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.path', 'o.type', 'o.archived_at', 'po.type as parent_type'])
    .where('o.id', 'in', [...ids])
    .execute();
}

/** The names of people (a 巡察组 member linked to the platform is named as the roster names them). */
export async function peopleNames(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Inserts a round; returns its id. */
export async function insertRound(trx: Trx, values: Insertable<InspectionTable>): Promise<number> {
  const row = await trx.insertInto('inspection').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a round read at `version` and bumps the version; false when someone changed it meanwhile. */
export async function updateRound(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<InspectionTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'inspection', { id }, version, values);
}

/** Replaces a round's 巡察组. */
export async function replaceTeam(
  trx: Trx,
  id: number,
  team: readonly Omit<Insertable<InspectionTeamMemberTable>, 'inspection_id' | 'position'>[],
): Promise<void> {
  await trx.deleteFrom('inspection_team_member').where('inspection_id', '=', id).execute();
  await trx
    .insertInto('inspection_team_member')
    .values(team.map((m, position) => ({ ...m, inspection_id: id, position })))
    .execute();
}

/** Adds units to a round (each waits for its feedback). */
export async function insertUnits(trx: Trx, id: number, orgIds: readonly number[], now: Date): Promise<void> {
  if (orgIds.length === 0) return;
  await trx
    .insertInto('inspection_unit')
    .values(orgIds.map((org_id) => ({ inspection_id: id, org_id, updated_at: now })))
    .execute();
}

/** Takes units off a round, only those still waiting for their feedback; returns how many went. */
export async function deleteWaitingUnits(trx: Trx, id: number, orgIds: readonly number[]): Promise<number> {
  if (orgIds.length === 0) return 0;
  const rows = await trx
    .deleteFrom('inspection_unit')
    .where('inspection_id', '=', id)
    .where('org_id', 'in', [...orgIds])
    .where('status', '=', 'awaiting_feedback')
    .returning('id')
    .execute();
  return rows.length;
}

/** Updates a unit read at `version` and bumps the version; false when someone changed it meanwhile. */
export async function updateUnit(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<InspectionUnitTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'inspection_unit', { id }, version, values);
}

/** Records the 回头看's verdicts of a unit's closed items. */
export async function insertVerdicts(
  trx: Trx,
  rows: readonly Insertable<InspectionVerdictTable>[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('inspection_verdict')
      .values([...rows])
      .execute();
}

/** Appends an entry to a round's timeline. */
export async function insertEvent(trx: Trx, values: Insertable<InspectionEventTable>): Promise<void> {
  await trx.insertInto('inspection_event').values(values).execute();
}

// What the findings provider and the 待办 read.

const ruleColumns = [
  'u.inspection_id',
  'i.name as round_name',
  'i.ends_on',
  'i.report_months',
  'i.lookback_months',
  'u.org_id',
  'o.name as org_name',
  'u.status',
  'u.feedback_on',
  'u.returned_reason',
] as const;

const active = (db: Q, statuses: readonly InspectionUnitStatus[]) =>
  db
    .selectFrom('inspection_unit as u')
    .innerJoin('inspection as i', 'i.id', 'u.inspection_id')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .select(ruleColumns)
    .where('u.status', 'in', [...statuses])
    .where('o.archived_at', 'is', null);

/**
 * Units that have had their feedback and wait for their report or their 回头看, whose org is not archived, of
 * the college or of the subtrees of `orgIds`.
 */
export async function unitsForRules(db: Q, orgIds: readonly number[] | null) {
  return active(db, ['rectifying', 'reported'])
    .$if(orgIds !== null, (qb) =>
      qb.where(
        sql<SqlBool>`exists (select 1 from org x where x.id = any(${orgIds}::int[]) and o.path like x.path || '%')`,
      ),
    )
    .orderBy('u.id')
    .execute();
}
export type RuleUnitRow = Awaited<ReturnType<typeof unitsForRules>>[number];

/** Units of the orgs `orgIds` writing their report (the unit's 待办). */
export async function reportingUnits(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  return active(db, ['rectifying'])
    .where('u.org_id', 'in', [...orgIds])
    .orderBy('u.id')
    .execute();
}

/** Units waiting for the 巡察办: their feedback once the round's on-site work is over, or their 回头看. */
export async function unitsForOffice(db: Q, today: string) {
  return active(db, ['awaiting_feedback', 'reported'])
    .where((eb) =>
      eb.or([
        eb.and([eb('u.status', '=', 'awaiting_feedback'), eb('i.ends_on', '<', today)]),
        eb('u.status', '=', 'reported'),
      ]),
    )
    .orderBy('u.id')
    .execute();
}
