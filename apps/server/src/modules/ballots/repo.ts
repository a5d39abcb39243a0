/**
 * SQL of ballots (投票): the ballot with its org, the roll and its counts, the one atomic statement that records that
 * a voter voted, the papers (never joined to the roll: nothing links them), the paper batches and their entries, and
 * what 我的投票, the 待办 and the reminder read.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { ItemCount, PaperBatchStatus } from '@dangjian/core';
import { type Insertable, sql, type Updateable } from 'kysely';
import type { BallotPaperBatchTable, BallotTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';

type Q = Db | Trx;

const ballotColumns = [
  'b.id',
  'b.purpose',
  'b.purpose_ref',
  'b.org_id',
  'o.name as org_name',
  'o.path as org_path',
  'b.title',
  'b.items',
  'b.allow_abstain',
  'b.opens_at',
  'b.closes_at',
  'b.status',
  'b.closed_at',
  'b.published_at',
  'b.version',
] as const;

const ballots = (db: Q) => db.selectFrom('ballot as b').innerJoin('org as o', 'o.id', 'b.org_id');

export type BallotRow = Awaited<ReturnType<typeof findBallot>> & {};

/** One ballot with its org. */
export function findBallot(db: Q, id: number) {
  return ballots(db).select(ballotColumns).where('b.id', '=', id).executeTakeFirst();
}

/**
 * Locks the ballot row: `update` for the organiser's steps (close, publish, batches), `share` for a vote, so a vote
 * and a close never cross (votes do not wait for each other).
 */
export async function lockBallot(trx: Trx, id: number, mode: 'update' | 'share'): Promise<boolean> {
  const q = trx.selectFrom('ballot').select('id').where('id', '=', id);
  return (await (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst()) !== undefined;
}

export async function insertBallot(trx: Trx, row: Insertable<BallotTable>): Promise<number> {
  return (await trx.insertInto('ballot').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateBallot(trx: Trx, id: number, set: Updateable<BallotTable>): Promise<void> {
  await trx
    .updateTable('ballot')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The organising org of a new ballot. */
export function orgOf(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The people among `ids` that exist (a roll names existing people only). */
export async function existingPeople(db: Q, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('person').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertVoters(trx: Trx, ballotId: number, personIds: readonly number[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += 1000)
    await trx
      .insertInto('ballot_voter')
      .values(personIds.slice(i, i + 1000).map((p) => ({ ballot_id: ballotId, person_id: p })))
      .execute();
}

/** How many are on the roll and how many voted, by channel. */
export async function rollCounts(db: Q, ballotIds: readonly number[]) {
  if (ballotIds.length === 0) return new Map<number, { eligible: number; phone: number; paper: number }>();
  const rows = await db
    .selectFrom('ballot_voter')
    .select((eb) => [
      'ballot_id',
      eb.fn.countAll<string>().as('eligible'),
      sql<string>`count(*) filter (where channel = 'phone')`.as('phone'),
      sql<string>`count(*) filter (where channel = 'paper')`.as('paper'),
    ])
    .where('ballot_id', 'in', ballotIds)
    .groupBy('ballot_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.ballot_id,
      { eligible: Number(r.eligible), phone: Number(r.phone), paper: Number(r.paper) },
    ]),
  );
}

/** The roll with names, in name order: who voted and by which channel (never what). */
export function rollOf(db: Q, ballotId: number) {
  return db
    .selectFrom('ballot_voter as v')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .select(['v.person_id', 'p.name', 'v.voted_at', 'v.channel'])
    .where('v.ballot_id', '=', ballotId)
    .orderBy('p.name')
    .orderBy('v.person_id')
    .execute();
}

/** The voter's row on the roll, if any. */
export function voterRow(db: Q, ballotId: number, personId: number) {
  return db
    .selectFrom('ballot_voter')
    .select(['voted_at', 'channel'])
    .where('ballot_id', '=', ballotId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/**
 * Records that these voters voted, in one statement that only touches rows not yet voted: returns those it marked.
 * Two requests of the same voter cannot both mark the row (the second finds `voted_at` set, or waits for the first's
 * row lock and then finds it set).
 */
export async function markVoted(
  trx: Trx,
  ballotId: number,
  personIds: readonly number[],
  channel: 'phone' | 'paper',
  at: Date,
): Promise<number[]> {
  if (personIds.length === 0) return [];
  const rows = await trx
    .updateTable('ballot_voter')
    .set({ voted_at: at, channel })
    .where('ballot_id', '=', ballotId)
    .where('person_id', 'in', personIds)
    .where('voted_at', 'is', null)
    .returning('person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

/** Stores one voter's choices with nothing that names the voter or the moment. */
export async function insertPaper(
  trx: Trx,
  paper: { id: string; ballotId: number; choices: Record<string, string | null> },
): Promise<void> {
  await trx
    .insertInto('ballot_paper')
    .values({ id: paper.id, ballot_id: paper.ballotId, choices: JSON.stringify(paper.choices) })
    .execute();
}

/** The phone papers of a ballot (in uuid order, which says nothing of when or by whom). */
export async function papersOf(db: Q, ballotId: number): Promise<Record<string, string | null>[]> {
  const rows = await db
    .selectFrom('ballot_paper')
    .select('choices')
    .where('ballot_id', '=', ballotId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.choices);
}

/**
 * Writes a closed ballot's papers anew, in a random order under fresh uuids, in the closing transaction. A paper
 * written with its voter's roll row in one transaction shares that transaction's id (the rows' `xmin`) and sits
 * in the table in the order the votes came; after this they share the closing transaction's id and a shuffled
 * order, so nothing in the rows ties a paper to a voter or to the moment of a vote.
 */
export async function reshufflePapers(trx: Trx, ballotId: number): Promise<void> {
  const rows = await trx
    .deleteFrom('ballot_paper')
    .where('ballot_id', '=', ballotId)
    .returning('choices')
    .execute();
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  for (let from = 0; from < rows.length; from += 500)
    await trx
      .insertInto('ballot_paper')
      .values(
        rows.slice(from, from + 500).map((r) => ({
          id: randomUUID(),
          ballot_id: ballotId,
          choices: JSON.stringify(r.choices),
        })),
      )
      .execute();
}

/** Ballots past their closesAt still stored open (the clock closed them; nobody has written them since). */
export function elapsedOpenBallots(db: Q, now: Date) {
  return db
    .selectFrom('ballot')
    .select('id')
    .where('status', '=', 'open')
    .where('closes_at', '<=', now)
    .execute();
}

export async function countPapers(db: Q, ballotId: number): Promise<number> {
  const r = await db
    .selectFrom('ballot_paper')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ballot_id', '=', ballotId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Paper batches

export function batchesOf(db: Q, ballotIds: readonly number[]) {
  if (ballotIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ballot_paper_batch')
    .selectAll()
    .where('ballot_id', 'in', ballotIds)
    .orderBy('id')
    .execute();
}

export type BatchRow = Awaited<ReturnType<typeof batchesOf>>[number];

export function findBatch(db: Q, ballotId: number, batchId: number) {
  return db
    .selectFrom('ballot_paper_batch')
    .selectAll()
    .where('id', '=', batchId)
    .where('ballot_id', '=', ballotId)
    .executeTakeFirst();
}

export async function insertBatch(trx: Trx, row: Insertable<BallotPaperBatchTable>): Promise<number> {
  return (await trx.insertInto('ballot_paper_batch').values(row).returning('id').executeTakeFirstOrThrow())
    .id;
}

export async function updateBatch(
  trx: Trx,
  id: number,
  set: Updateable<BallotPaperBatchTable> & { status?: PaperBatchStatus },
): Promise<void> {
  await trx
    .updateTable('ballot_paper_batch')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** The entries of some batches: batch, slot (1 or 2) and the counts. */
export async function entriesOf(db: Q, batchIds: readonly number[]) {
  if (batchIds.length === 0) return [];
  return db
    .selectFrom('ballot_paper_entry')
    .select(['batch_id', 'slot', 'counts'])
    .where('batch_id', 'in', batchIds)
    .execute();
}

/** Writes a counter's entry into its slot (a recount replaces it). */
export async function putEntry(
  trx: Trx,
  entry: { id: string; batchId: number; slot: 1 | 2; counts: ItemCount[] },
): Promise<void> {
  await trx
    .insertInto('ballot_paper_entry')
    .values({
      id: entry.id,
      batch_id: entry.batchId,
      slot: entry.slot,
      counts: JSON.stringify(entry.counts),
    })
    .onConflict((oc) =>
      oc.columns(['batch_id', 'slot']).doUpdateSet({ id: entry.id, counts: JSON.stringify(entry.counts) }),
    )
    .execute();
}

// 我的投票, 待办, reminders

/** The ballots a person is on the roll of, newest first, with their own row. */
export function ballotsOfVoter(db: Q, personId: number, limit: number) {
  return ballots(db)
    .innerJoin('ballot_voter as v', 'v.ballot_id', 'b.id')
    .select([...ballotColumns, 'v.voted_at', 'v.channel'])
    .where('v.person_id', '=', personId)
    .orderBy('b.closes_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(limit)
    .execute();
}

/** Ballots still open (stored) that a person has not voted in. */
export function unvotedOpenBallots(db: Q, personId: number) {
  return ballots(db)
    .innerJoin('ballot_voter as v', 'v.ballot_id', 'b.id')
    .select(ballotColumns)
    .where('v.person_id', '=', personId)
    .where('v.voted_at', 'is', null)
    .where('b.status', '=', 'open')
    .execute();
}

/** Ballots of some orgs not yet published (the organiser's 待办 once they have closed). */
export function unpublishedBallotsOf(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return Promise.resolve([]);
  return ballots(db)
    .select(ballotColumns)
    .where('b.org_id', 'in', orgIds)
    .where('b.status', '<>', 'published')
    .execute();
}

/** Ballots still open whose closing falls in (from, to]. */
export function ballotsClosingBetween(db: Q, from: Date, to: Date) {
  return ballots(db)
    .select(ballotColumns)
    .where('b.status', '=', 'open')
    .where('b.closes_at', '>', from)
    .where('b.closes_at', '<=', to)
    .where('b.opens_at', '<=', from)
    .execute();
}

/** The accounts of the voters who have not voted yet. */
export async function unvotedAccounts(db: Q, ballotId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ballot_voter as v')
    .innerJoin('app_user as u', 'u.person_id', 'v.person_id')
    .select('u.id')
    .where('v.ballot_id', '=', ballotId)
    .where('v.voted_at', 'is', null)
    .where('u.disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}
