/**
 * SQL of assessments (考核): indicator systems (list, one, lock, writes, whether a round uses one), rounds (the list of
 * those with an org in the caller's scope and their progress, one round with its system, the orgs a new round
 * takes), the orgs of a round (the board, one org locked, the writes: a step bumps the version, a recomputed score
 * does not), the steps, an org's final results, and what the findings and the 待办 read.
 */
import type {
  AssessedLevel,
  AssessmentKind,
  AssessmentStatus,
  IndicatorSystemDefinition,
} from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  AssessmentRoundTable,
  AssessmentStepTable,
  IndicatorSystemTable,
  OrgAssessmentTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

// Indicator systems

const inUse = sql<boolean>`exists (select 1 from assessment_round ar where ar.system_id = s.id)`;

const systemColumns = [
  's.id',
  's.kind',
  's.level',
  's.year',
  's.name',
  's.mode',
  's.definition',
  's.source',
  's.template_key',
  's.copied_from_id',
  's.updated_at',
  's.version',
] as const;

/** Filters of the systems' list. */
export interface SystemFilters {
  kind?: AssessmentKind | undefined;
  level?: AssessedLevel | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

function filteredSystems(db: Q, f: SystemFilters) {
  return db
    .selectFrom('indicator_system as s')
    .$if(f.kind !== undefined, (qb) => qb.where('s.kind', '=', f.kind!))
    .$if(f.level !== undefined, (qb) => qb.where('s.level', '=', f.level!))
    .$if(f.year !== undefined, (qb) => qb.where('s.year', '=', f.year!))
    .$if(f.q !== undefined, (qb) => qb.where('s.name', 'like', `%${escapeLike(f.q!)}%`));
}

/** One page of systems, the latest year first. */
export async function systemPage(db: Q, f: SystemFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filteredSystems(db, f)
      .select(systemColumns)
      .select(inUse.as('in_use'))
      .orderBy('s.year', 'desc')
      .orderBy('s.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filteredSystems(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type SystemRow = Awaited<ReturnType<typeof systemPage>>['rows'][number];

/** One system with whether a round uses it. */
export async function findSystem(db: Q, id: number) {
  return db
    .selectFrom('indicator_system as s')
    .select(systemColumns)
    .select(inUse.as('in_use'))
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/**
 * Locks a system's row: `update` to change it, `share` while a round is created on it (so a change and a new
 * round never pass each other: the change sees the round, or the round the changed version). False: no row.
 */
export async function lockSystem(trx: Trx, id: number, mode: 'update' | 'share'): Promise<boolean> {
  const q = trx.selectFrom('indicator_system').select('id').where('id', '=', id);
  const row = await (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a system; returns its id. */
export async function insertSystem(trx: Trx, values: Insertable<IndicatorSystemTable>): Promise<number> {
  const row = await trx
    .insertInto('indicator_system')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a system read at `version` and bumps it; false when someone changed it meanwhile. */
export async function updateSystem(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<IndicatorSystemTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'indicator_system', { id }, version, values);
}

/** JSON text of a definition, for a jsonb column. */
export const definitionJson = (d: IndicatorSystemDefinition) => JSON.stringify(d);

// Rounds

const roundBase = (db: Q) =>
  db
    .selectFrom('assessment_round as r')
    .innerJoin('indicator_system as s', 's.id', 'r.system_id')
    .innerJoin('org as so', 'so.id', 'r.scope_org_id');

const roundColumns = [
  'r.id',
  'r.title',
  'r.system_id',
  's.name as system_name',
  's.kind as system_kind',
  's.year as system_year',
  's.level as system_level',
  's.mode as system_mode',
  'r.scope_org_id',
  'so.name as scope_org_name',
  'so.path as scope_org_path',
  'r.period_start',
  'r.period_end',
  'r.reference_date',
  'r.notice_working_days',
  'r.self_due_on',
  'r.review_due_on',
  'r.created_at',
  'r.version',
] as const;

/** Filters of the rounds' list; a round is listed when one of its orgs lies in the scope. */
export interface RoundFilters {
  inScope: (column: string) => RawBuilder<SqlBool>;
  kind?: AssessmentKind | undefined;
  year?: number | undefined;
  q?: string | undefined;
}

function filteredRounds(db: Q, f: RoundFilters) {
  return roundBase(db)
    .where(
      sql<SqlBool>`exists (select 1 from org_assessment x inner join org xo on xo.id = x.org_id
        where x.round_id = r.id and ${f.inScope('xo.path')})`,
    )
    .$if(f.kind !== undefined, (qb) => qb.where('s.kind', '=', f.kind!))
    .$if(f.year !== undefined, (qb) => qb.where('s.year', '=', f.year!))
    .$if(f.q !== undefined, (qb) => qb.where('r.title', 'like', `%${escapeLike(f.q!)}%`));
}

/** One page of rounds, the newest first. */
export async function roundPage(db: Q, f: RoundFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filteredRounds(db, f)
      .select(roundColumns)
      .orderBy('r.period_end', 'desc')
      .orderBy('r.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filteredRounds(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type RoundRow = Awaited<ReturnType<typeof roundPage>>['rows'][number];

/** One round with its system's definition. */
export async function findRound(db: Q, id: number) {
  return roundBase(db)
    .select(roundColumns)
    .select(['s.definition', 's.template_key'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type RoundDetailRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/** How many orgs of each round (in the scope; null: all of them) are at each status. */
export async function progressOf(db: Q, roundIds: readonly number[], inScope: RawBuilder<SqlBool> | null) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('org_assessment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.round_id', 'a.status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('a.round_id', 'in', [...roundIds])
    .$if(inScope !== null, (qb) => qb.where(inScope!))
    .groupBy(['a.round_id', 'a.status'])
    .execute();
}

/** Locks a round's row (the decisions and results of its orgs, which its quotas bind together). */
export async function lockRound(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('assessment_round')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Changes a round's title and deadlines if it is still at `version`; false when it moved. */
export async function updateRound(
  trx: Trx,
  id: number,
  version: number,
  values: Pick<
    Updateable<AssessmentRoundTable>,
    'title' | 'self_due_on' | 'review_due_on' | 'notice_working_days'
  >,
): Promise<boolean> {
  return updateAtVersion(trx, 'assessment_round', { id }, version, values);
}

/** Inserts a round; returns its id. */
export async function insertRound(trx: Trx, values: Insertable<AssessmentRoundTable>): Promise<number> {
  const row = await trx
    .insertInto('assessment_round')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An org by id with its path (the scope of a new round). */
export async function findOrg(db: Q, id: number) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path', 'type', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The active orgs of the subtree at `path` (itself included), with their parent, for a new round. */
export async function orgsUnder(db: Q, path: string) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .select([
      'o.id',
      'o.name',
      'o.type',
      'o.founded_on',
      'o.sort_order',
      'o.parent_id',
      'p.type as parent_type',
    ])
    .where('o.path', 'like', `${escapeLike(path)}%`)
    .where('o.archived_at', 'is', null)
    .orderBy('o.path')
    .execute();
}

// The orgs of a round

const orgBase = (db: Q) =>
  db
    .selectFrom('org_assessment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .leftJoin('org as g', 'g.id', 'a.general_branch_id');

const orgColumns = [
  'a.id',
  'a.round_id',
  'a.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'o.sort_order',
  'o.parent_id',
  'p.name as parent_name',
  'a.general_branch_id',
  'g.name as general_branch_name',
  'g.path as general_branch_path',
  'a.status',
  'a.not_rated_reason',
  'a.decided_on',
  'a.notice_start_on',
  'a.notice_end_on',
  'a.judgements',
  'a.adjustments',
  'a.facts',
  'a.score',
  'a.computed_at',
  'a.facts_generation',
  'a.facts_day',
  'a.total',
  'a.stars',
  'a.passed',
  'a.vetoed',
  'a.pending_count',
  'a.follow_up',
  'a.finalised_on',
  'a.rectification_ids',
  'a.updated_at',
  'a.version',
] as const;

/** The orgs of a round in the scope, by the tree's order. */
export async function orgRowsOf(db: Q, roundId: number, inScope: RawBuilder<SqlBool>) {
  return orgBase(db)
    .select(orgColumns)
    .where('a.round_id', '=', roundId)
    .where(inScope)
    .orderBy('o.path')
    .execute();
}
export type OrgRow = Awaited<ReturnType<typeof orgRowsOf>>[number];

/** One org of a round. */
export async function findOrgAssessment(db: Q, roundId: number, orgId: number): Promise<OrgRow | undefined> {
  return orgBase(db)
    .select(orgColumns)
    .where('a.round_id', '=', roundId)
    .where('a.org_id', '=', orgId)
    .executeTakeFirst();
}

/** Locks one org of a round; false when the round has no such org. */
export async function lockOrgAssessment(trx: Trx, roundId: number, orgId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('org_assessment')
    .select('id')
    .where('round_id', '=', roundId)
    .where('org_id', '=', orgId)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts the orgs of a new round. */
export async function insertOrgAssessments(
  trx: Trx,
  rows: readonly Insertable<OrgAssessmentTable>[],
): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('org_assessment')
      .values([...rows])
      .execute();
}

/** Updates an org of a round read at `version` and bumps it (a step, a judgement); false when it changed meanwhile. */
export async function updateOrgAssessment(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<OrgAssessmentTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'org_assessment', { id }, version, values);
}

/** The statuses whose score still follows the records (core `mayRecompute`): the only rows a read refreshes. */
const recomputed = ['self_assessment', 'general_branch_review', 'department_review'] as const;

/**
 * What a read had seen before it computed an org's facts, stored with them: the largest record generation
 * (http/findings-store.ts `recordChanges`) and the day.
 */
export interface Freshness {
  facts_generation: number;
  facts_day: string;
}

/**
 * Stores a score recomputed from the records (read while they may still change) without bumping the version: no
 * one's change is overwritten (nothing happens when the row moved on, or a read that had seen more stored first),
 * and no one's version goes stale.
 */
export async function storeComputation(
  db: Q,
  id: number,
  version: number,
  values: Pick<
    Updateable<OrgAssessmentTable>,
    | 'facts'
    | 'score'
    | 'computed_at'
    | 'total'
    | 'stars'
    | 'passed'
    | 'vetoed'
    | 'pending_count'
    | 'follow_up'
  > &
    Freshness,
): Promise<boolean> {
  const row = await db
    .updateTable('org_assessment')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', recomputed)
    .where((eb) =>
      eb.or([
        eb('facts_generation', 'is', null),
        eb('facts_generation', '<=', String(values.facts_generation)),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores that the facts of `rows` (each at the version read) were found unchanged by a read that had seen
 * `fresh`: one statement; a row that moved on meanwhile keeps what it has.
 */
export async function storeFreshness(
  db: Q,
  rows: readonly { id: number; version: number }[],
  fresh: Freshness,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .updateTable('org_assessment')
    .set(fresh)
    .where(
      sql<SqlBool>`(id, version) in (select * from unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.version)}::int[]))`,
    )
    .where('status', 'in', recomputed)
    .where((eb) =>
      eb.or([
        eb('facts_generation', 'is', null),
        eb('facts_generation', '<=', String(fresh.facts_generation)),
      ]),
    )
    .execute();
}

/** Every org of a round with its status and stars (the quotas' base), unscoped. */
export async function quotaRowsOf(trx: Trx, roundId: number) {
  return trx
    .selectFrom('org_assessment as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.org_id', 'o.name as org_name', 'a.status', 'a.stars'])
    .where('a.round_id', '=', roundId)
    .orderBy('o.path')
    .execute();
}

/** Appends a step. */
export async function insertStep(trx: Trx, values: Insertable<AssessmentStepTable>): Promise<void> {
  await trx.insertInto('assessment_step').values(values).execute();
}

/** The steps of orgs of rounds, oldest first. */
export async function stepsOf(db: Q, orgAssessmentIds: readonly number[]) {
  if (orgAssessmentIds.length === 0) return [];
  return db
    .selectFrom('assessment_step')
    .select([
      'org_assessment_id',
      'at',
      'transition',
      'from_status',
      'to_status',
      'actor_id',
      'actor_name',
      'reason',
    ])
    .where('org_assessment_id', 'in', [...orgAssessmentIds])
    .orderBy('id')
    .execute();
}
export type StepRow = Awaited<ReturnType<typeof stepsOf>>[number];

/** An org's final results, the latest year first. */
export async function finalResultsOf(db: Q, orgId: number) {
  return db
    .selectFrom('org_assessment as a')
    .innerJoin('assessment_round as r', 'r.id', 'a.round_id')
    .innerJoin('indicator_system as s', 's.id', 'r.system_id')
    .select([
      'a.round_id',
      'r.title',
      's.kind',
      's.year',
      's.name as system_name',
      's.definition',
      'r.period_end',
      'a.total',
      'a.stars',
      'a.passed',
      'a.vetoed',
      'a.follow_up',
      'a.finalised_on',
    ])
    .where('a.org_id', '=', orgId)
    .where('a.status', '=', 'final')
    .orderBy('s.year', 'desc')
    .orderBy('r.period_end', 'desc')
    .orderBy('a.round_id', 'desc')
    .execute();
}

// What the findings and the 待办 read.

/**
 * Orgs waiting for their 自评 or their 总支's review in rounds with a deadline, of the college or of the orgs
 * `orgIds` (as the assessed org or its 总支).
 */
export async function openRowsForRules(db: Q, orgIds: readonly number[] | null) {
  return db
    .selectFrom('org_assessment as a')
    .innerJoin('assessment_round as r', 'r.id', 'a.round_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .leftJoin('org as g', 'g.id', 'a.general_branch_id')
    .select([
      'a.round_id',
      'r.title',
      'r.self_due_on',
      'r.review_due_on',
      'a.org_id',
      'o.name as org_name',
      'a.general_branch_id',
      'g.name as general_branch_name',
      'a.status',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('a.status', '=', 'self_assessment'), eb('r.self_due_on', 'is not', null)]),
        eb.and([eb('a.status', '=', 'general_branch_review'), eb('r.review_due_on', 'is not', null)]),
      ]),
    )
    .where('o.archived_at', 'is', null)
    .$if(orgIds !== null, (qb) =>
      qb.where((eb) =>
        eb.or([eb('a.org_id', 'in', [...orgIds!, 0]), eb('a.general_branch_id', 'in', [...orgIds!, 0])]),
      ),
    )
    .orderBy('a.round_id')
    .orderBy('o.path')
    .execute();
}

/** Orgs of rounds at `statuses`, whose org or 总支 is among `orgIds` (null: every one), for the 待办. */
export async function waitingRows(
  db: Q,
  statuses: readonly AssessmentStatus[],
  orgIds: readonly number[] | null,
) {
  if (orgIds !== null && orgIds.length === 0) return [];
  return db
    .selectFrom('org_assessment as a')
    .innerJoin('assessment_round as r', 'r.id', 'a.round_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select([
      'a.round_id',
      'r.title',
      'r.self_due_on',
      'r.review_due_on',
      'a.org_id',
      'o.name as org_name',
      'a.general_branch_id',
      'a.status',
      'a.notice_end_on',
    ])
    .where('a.status', 'in', [...statuses])
    .where('o.archived_at', 'is', null)
    .$if(orgIds !== null, (qb) =>
      qb.where((eb) =>
        eb.or([eb('a.org_id', 'in', [...orgIds!]), eb('a.general_branch_id', 'in', [...orgIds!])]),
      ),
    )
    .orderBy('a.round_id')
    .orderBy('o.path')
    .execute();
}
