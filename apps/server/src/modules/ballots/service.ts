/**
 * Ballots (投票) people can trust, for the modules that own them (述职评议, 民主评议党员): they create a ballot with its
 * items and roll in their own transaction, read its summary and tally, and close it in their own step. Voters vote
 * once (one atomic update of their roll row, then a paper that names nobody); the organiser (a manager of the ballot's
 * org) follows how many voted, closes, registers voters who voted on paper, has two counters enter each batch of paper
 * ballots (counted only when both agree) and publishes the tally to the voters. Core decides every step
 * (`applyBallotAction`, `checkChoices`, `checkBatchEntry`, `compareBatchEntries`, `tallyBallot`); nobody sees a count
 * of choices before the ballot closes.
 */
import { randomUUID } from 'node:crypto';
import {
  AppError,
  allowedBallotActions,
  applyBallotAction,
  type BallotAction,
  type BallotDetail,
  type BallotForm,
  type BallotPhase,
  type BallotPurpose,
  type BallotState,
  type BallotSummary,
  type BallotTally,
  type BallotViolation,
  ballotChoiceLabel,
  ballotFieldLabels,
  ballotLimits,
  ballotPhase,
  ballotTimeLabel,
  type CastVoteBody,
  type ChoiceViolation,
  checkBatchEntry,
  checkChoices,
  choicesOf,
  compareBatchEntries,
  type ItemCount,
  type MyBallot,
  type PaperBatch,
  type PaperEntryBody,
  tallyBallot,
} from '@dangjian/core';
import type { Actor, AuditChange, Clock, Db, Trx } from '../../http/context.ts';
import { isPathInScope, outOfScope } from '../../http/scope.ts';
import { notify, usersOfPeople } from '../notifications/service.ts';
import * as repo from './repo.ts';

type Q = Db | Trx;
type Row = repo.BallotRow;

/** A ballot: one paper (or phone screen) on which each voter gives one choice per item. */
export interface NewBallot {
  purpose: BallotPurpose;
  /** The owning record, e.g. `duty-review-12` or `member-appraisal-7`: the ballot page links back to it. */
  purposeRef: string;
  /** The organising org (scope: who may manage it; voters are scoped by the roll, not by org). */
  orgId: number;
  title: string;
  /** What is graded: one line per item (a secretary, a member). key is stable, e.g. `person-123`. */
  items: { key: string; label: string }[];
  /** The eligible voters by person id; each votes once (phone) or is marked as voting on paper. */
  voterPersonIds: number[];
  /** Voting opens at opensAt, closes at closesAt (or earlier by the organiser's close). */
  opensAt: Date;
  closesAt: Date;
  /** Items a voter may leave blank (弃权)? default true. */
  allowAbstain?: boolean;
}

export type { BallotSummary, BallotTally };

const notFound = () => new AppError('NOT_FOUND', '该投票不存在');
const linkOf = (id: number) => `/ballots/${id}`;
/** Where a voter sees their ballots. */
export const myBallotsLink = '/me/ballots';

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
}

/** A refusal of core's: the wrong phase (409) or what is still missing (422). */
function refusal(v: BallotViolation): AppError {
  return new AppError(v.kind === 'conflict' ? 'CONFLICT' : 'RULE_VIOLATION', v.message);
}

function choiceRefusal(field: string, label: string, violations: readonly ChoiceViolation[]): AppError {
  const message = `${label}：${violations.map((v) => v.message).join('；')}`;
  return new AppError('VALIDATION_FAILED', message, { fields: [{ path: field, message }] });
}

const stateOf = (r: Row): BallotState => ({ status: r.status, opensAt: r.opens_at, closesAt: r.closes_at });
const formOf = (r: Row): BallotForm => ({
  purpose: r.purpose,
  items: r.items,
  allowAbstain: r.allow_abstain,
});
/** Without a clock the stored status decides (closed once someone closed it); with one, closesAt closes it too. */
const phaseOf = (r: Row, now: Date | undefined): BallotPhase =>
  now ? ballotPhase(stateOf(r), now) : r.status === 'open' ? 'open' : r.status;

/** The page of the owning record: `duty-review-12` → `/duty-reviews/12`. */
function ownerLinkOf(purposeRef: string): string | null {
  const m = /^([a-z]+(?:-[a-z]+)*)-(\d+)$/.exec(purposeRef);
  return m ? `/${m[1]}s/${m[2]}` : null;
}

/** A manager of the ballot's org: sees how many voted, closes, registers paper voters, counts, publishes. */
function isOrganiser(actor: Actor, r: Row): boolean {
  return actor.permissions.has('ballot:ballot:manage') && isPathInScope(actor.scope, r.org_path);
}

function apply(r: Row, action: BallotAction, now: Date, paperPending = 0): BallotState {
  const result = applyBallotAction(stateOf(r), action, { now, paperPending });
  if (!result.ok) throw refusal(result.violation);
  return result.state;
}

/** The ballot locked for the organiser's step (NOT_FOUND out of their scope). */
async function loadForOrganiser(trx: Trx, actor: Actor, id: number): Promise<Row> {
  if (!(await repo.lockBallot(trx, id, 'update'))) throw notFound();
  const r = await repo.findBallot(trx, id);
  if (!r || !isOrganiser(actor, r)) throw notFound();
  return r;
}

// Creating (for the owning modules)

/**
 * Creates a ballot and its roll in the caller's transaction (the owning module's write, under its audit entry). The
 * actor's scope must cover the organising org; items need distinct keys, the roll existing people.
 */
export async function createBallot(trx: Trx, actor: Actor, input: NewBallot): Promise<{ id: number }> {
  const org = await repo.orgOf(trx, input.orgId);
  if (!org || !isPathInScope(actor.scope, org.path)) throw outOfScope('orgId', '组织投票的党组织');
  const title = input.title.trim();
  if (title.length < ballotLimits.title.min || title.length > ballotLimits.title.max)
    throw fieldError('title', `投票名称：${ballotLimits.title.min}～${ballotLimits.title.max} 个字符`);
  if (input.items.length === 0 || input.items.length > ballotLimits.items.max)
    throw fieldError('items', `投票对象：须有 1～${ballotLimits.items.max} 个`);
  const keys = new Set(input.items.map((i) => i.key));
  if (keys.size !== input.items.length) throw fieldError('items', '投票对象：不能重复');
  if (input.items.some((i) => !i.key || i.key.length > ballotLimits.itemKey.max || !i.label.trim()))
    throw fieldError('items', '投票对象：每项须有标识和名称');
  const voters = [...new Set(input.voterPersonIds)];
  if (voters.length === 0 || voters.length > ballotLimits.voters.max)
    throw fieldError('voterPersonIds', `投票人：须有 1～${ballotLimits.voters.max} 人`);
  const existing = await repo.existingPeople(trx, voters);
  if (voters.some((p) => !existing.has(p))) throw outOfScope('voterPersonIds', '投票人');
  if (input.closesAt.getTime() <= input.opensAt.getTime())
    throw fieldError('closesAt', '投票结束时间：须晚于开始时间');
  const id = await repo.insertBallot(trx, {
    purpose: input.purpose,
    purpose_ref: input.purposeRef,
    org_id: input.orgId,
    title,
    items: JSON.stringify(input.items.map((i) => ({ key: i.key, label: i.label.trim() }))),
    allow_abstain: input.allowAbstain ?? true,
    opens_at: input.opensAt,
    closes_at: input.closesAt,
    status: 'open',
    closed_at: null,
    published_at: null,
    created_by: actor.accountless ? null : actor.userId,
  });
  await repo.insertVoters(trx, id, voters);
  return { id };
}

// Reading

async function batchFigures(db: Q, r: Row, paperVoters: number) {
  const batches = await repo.batchesOf(db, [r.id]);
  const counted = batches.filter((b) => b.status === 'counted');
  const countedPapers = counted.reduce((a, b) => a + b.paper_count, 0);
  const batchedPapers = batches.reduce((a, b) => a + b.paper_count, 0);
  return {
    batches,
    counted,
    paperPending: paperVoters - countedPapers,
    paperUnbatched: paperVoters - batchedPapers,
  };
}

async function summaryOf(db: Q, r: Row, now: Date | undefined): Promise<BallotSummary> {
  const roll = (await repo.rollCounts(db, [r.id])).get(r.id) ?? { eligible: 0, phone: 0, paper: 0 };
  const { paperPending } = await batchFigures(db, r, roll.paper);
  return {
    id: r.id,
    purpose: r.purpose,
    purposeRef: r.purpose_ref,
    ownerLink: ownerLinkOf(r.purpose_ref),
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    items: r.items,
    choices: choicesOf(r.purpose).map((c) => ({ value: c, label: ballotChoiceLabel(r.purpose, c) })),
    allowAbstain: r.allow_abstain,
    opensAt: r.opens_at.toISOString(),
    closesAt: r.closes_at.toISOString(),
    status: phaseOf(r, now),
    closedAt: r.closed_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
    eligible: roll.eligible,
    voted: roll.phone + roll.paper,
    votedOnline: roll.phone,
    votedOnPaper: roll.paper,
    paperPending,
  };
}

/**
 * The ballot's state and counts (never choices). Pass `now` (the clock's) so a ballot past its closesAt reads as
 * closed; without it the stored status decides.
 */
export async function getBallotSummary(db: Q, id: number, now?: Date): Promise<BallotSummary | null> {
  const r = await repo.findBallot(db, id);
  return r ? summaryOf(db, r, now) : null;
}

async function tallyOf(db: Q, r: Row, now: Date | undefined): Promise<BallotTally | null> {
  const phase = phaseOf(r, now);
  if (phase !== 'closed' && phase !== 'published') return null;
  const roll = (await repo.rollCounts(db, [r.id])).get(r.id) ?? { eligible: 0, phone: 0, paper: 0 };
  const { counted, paperPending } = await batchFigures(db, r, roll.paper);
  const entries = await repo.entriesOf(
    db,
    counted.map((b) => b.id),
  );
  const agreed = new Map(entries.filter((e) => e.slot === 1).map((e) => [e.batch_id, e.counts]));
  const t = tallyBallot(
    formOf(r),
    await repo.papersOf(db, r.id),
    counted.map((b) => ({ paperCount: b.paper_count, entry: agreed.get(b.id) ?? [] })),
  );
  return {
    ballotId: r.id,
    status: phase,
    eligible: roll.eligible,
    cast: t.cast,
    castOnline: t.castOnline,
    castOnPaper: t.castOnPaper,
    paperPending,
    items: t.items,
  };
}

/**
 * Closed and counted: per item, per choice, counts; ballots cast = papers counted (phone papers and the paper
 * batches both counters agreed on). Null before closing. Pass `now` as for `getBallotSummary`.
 */
export async function getTally(db: Q, id: number, now?: Date): Promise<BallotTally | null> {
  const r = await repo.findBallot(db, id);
  return r ? tallyOf(db, r, now) : null;
}

function presentBatch(
  actor: Actor,
  b: repo.BatchRow,
  form: BallotForm,
  entries: Awaited<ReturnType<typeof repo.entriesOf>>,
): PaperBatch {
  const mine = entries.filter((e) => e.batch_id === b.id);
  const first = mine.find((e) => e.slot === 1);
  const second = mine.find((e) => e.slot === 2);
  return {
    id: b.id,
    note: b.note,
    paperCount: b.paper_count,
    status: b.status,
    entries: mine.length,
    counters: [b.first_counter_name, b.second_counter_name].filter((n): n is string => n !== null),
    enteredByMe: b.first_counter_id === actor.userId || b.second_counter_id === actor.userId,
    // What each entered is shown only where they differ, and only once both have entered.
    differences:
      b.status === 'mismatch' && first && second
        ? compareBatchEntries(form, first.counts, second.counts).differences
        : [],
  };
}

/** The organiser's page: progress (how many voted; who, never what), batches, abilities, and the tally once closed. */
export async function getBallotDetail(db: Q, actor: Actor, id: number, now: Date): Promise<BallotDetail> {
  const r = await repo.findBallot(db, id);
  if (!r || !isOrganiser(actor, r)) throw notFound();
  const summary = await summaryOf(db, r, now);
  const [roll, figures] = await Promise.all([repo.rollOf(db, id), batchFigures(db, r, summary.votedOnPaper)]);
  const entries = await repo.entriesOf(
    db,
    figures.batches.map((b) => b.id),
  );
  const me = actor.personId === null ? undefined : roll.find((v) => v.person_id === actor.personId);
  return {
    ...summary,
    roll: roll.map((v) => ({
      personId: v.person_id,
      name: v.name,
      voted: v.voted_at !== null,
      channel: v.channel,
    })),
    batches: figures.batches.map((b) => presentBatch(actor, b, formOf(r), entries)),
    paperUnbatched: figures.paperUnbatched,
    abilities: allowedBallotActions(stateOf(r), now, {
      voter: me !== undefined && me.voted_at === null,
      organiser: true,
    }),
    tally: await tallyOf(db, r, now),
  };
}

/**
 * GET /api/ballots/{id}/tally: the organiser once it is closed, a voter on the roll once it is published; anyone
 * else gets NOT_FOUND, as for a ballot that does not exist.
 */
export async function getTallyFor(db: Q, actor: Actor, id: number, now: Date): Promise<BallotTally> {
  const r = await repo.findBallot(db, id);
  if (!r) throw notFound();
  const organiser = isOrganiser(actor, r);
  const onRoll = actor.personId !== null && (await repo.voterRow(db, id, actor.personId)) !== undefined;
  if (!organiser && !onRoll) throw notFound();
  const phase = phaseOf(r, now);
  if (phase === 'scheduled' || phase === 'open')
    throw new AppError('CONFLICT', '投票结束前任何人都不能查看计票结果');
  if (!organiser && phase !== 'published') throw new AppError('CONFLICT', '计票结果尚未公布');
  return (await tallyOf(db, r, now))!;
}

/** 我的投票: the ballots the caller is on the roll of (open ones first), with the published tallies. */
export async function listMyBallots(db: Q, actor: Actor, now: Date): Promise<{ items: MyBallot[] }> {
  if (actor.personId === null) return { items: [] };
  const rows = await repo.ballotsOfVoter(db, actor.personId, 100);
  const order: Record<BallotPhase, number> = { open: 0, scheduled: 1, closed: 2, published: 3 };
  const items = await Promise.all(
    rows.map(async (r): Promise<MyBallot> => {
      const status = phaseOf(r, now);
      return {
        id: r.id,
        purpose: r.purpose,
        title: r.title,
        orgName: r.org_name,
        items: r.items,
        choices: choicesOf(r.purpose).map((c) => ({ value: c, label: ballotChoiceLabel(r.purpose, c) })),
        allowAbstain: r.allow_abstain,
        opensAt: r.opens_at.toISOString(),
        closesAt: r.closes_at.toISOString(),
        status,
        voted: r.voted_at !== null,
        channel: r.channel,
        tally: status === 'published' ? await tallyOf(db, r, now) : null,
      };
    }),
  );
  items.sort((a, b) => order[a.status] - order[b.status]);
  return { items };
}

// Voting

/**
 * POST /api/ballots/{id}/votes: the voter's choices, once. One transaction: the ballot row shared-locked (a close
 * waits for the votes under way, and a vote after it finds it closed), the voter's roll row marked in one statement
 * that only matches it while not yet voted (0 rows: already voted — also when 50 requests race), then the paper
 * stored under a fresh uuid with nothing that names the voter or the time. The audit entry names the ballot only.
 */
export async function castVote(
  trx: Trx,
  actor: Actor,
  id: number,
  body: CastVoteBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockBallot(trx, id, 'share'))) throw notFound();
  const r = await repo.findBallot(trx, id);
  if (!r) throw notFound();
  const onRoll = actor.personId === null ? undefined : await repo.voterRow(trx, id, actor.personId);
  if (!onRoll) {
    if (isOrganiser(actor, r)) throw new AppError('RULE_VIOLATION', '您不在本次投票的投票人名单中');
    throw notFound();
  }
  change.targetType = 'ballot';
  change.targetId = id;
  change.summary = `投票：${r.title}`;
  apply(r, 'vote', now);
  const checked = checkChoices(
    formOf(r),
    body.ballotChoices.map((c) => ({ key: c.itemKey, choice: c.choice })),
  );
  if (!checked.ok) throw choiceRefusal('ballotChoices', ballotFieldLabels.ballotChoices, checked.violations);
  const marked = await repo.markVoted(trx, id, [actor.personId!], 'phone', now);
  if (marked.length === 0)
    throw new AppError(
      'CONFLICT',
      onRoll.channel === 'paper' ? '您已通过纸质选票投票，不能再在手机上投票' : '您已投过票',
    );
  await repo.insertPaper(trx, { id: randomUUID(), ballotId: id, choices: checked.paper });
}

// The organiser's steps

/** Stores a ballot closed, its papers written anew in a shuffled order (repo.reshufflePapers) in the same transaction. */
async function storeClosed(trx: Trx, id: number, closedAt: Date) {
  await repo.updateBallot(trx, id, { status: 'closed', closed_at: closedAt });
  await repo.reshufflePapers(trx, id);
}

async function closeRow(trx: Trx, r: Row, now: Date, strict: boolean, change?: AuditChange) {
  const phase = ballotPhase(stateOf(r), now);
  if (!strict && (r.status !== 'open' || phase === 'closed')) {
    // Already closed by the organiser, or by the clock: the owning module's step stores it, nothing else.
    if (r.status === 'open') await storeClosed(trx, r.id, r.closes_at);
    return;
  }
  apply(r, 'close', now);
  await storeClosed(trx, r.id, now);
  if (change) {
    change.targetType = 'ballot';
    change.targetId = r.id;
    change.summary = `结束投票：${r.title}`;
    change.before = { status: phase };
    change.after = { status: 'closed' };
  }
}

/**
 * For the owning module's own close step (e.g. 民主测评 ends when the appraisal moves on): closes the ballot now, or
 * stores the close the clock made at closesAt; nothing when it is closed already. NOT_FOUND outside the actor's scope.
 */
export async function closeBallot(trx: Trx, actor: Actor, id: number, now: Date): Promise<void> {
  if (!(await repo.lockBallot(trx, id, 'update'))) throw notFound();
  const r = await repo.findBallot(trx, id);
  if (!r || !isPathInScope(actor.scope, r.org_path)) throw notFound();
  await closeRow(trx, r, now, false);
}

/** POST /api/ballots/{id}/close: the organiser ends the voting before closesAt. */
export async function closeByOrganiser(
  trx: Trx,
  actor: Actor,
  id: number,
  now: Date,
  change: AuditChange,
): Promise<void> {
  await closeRow(trx, await loadForOrganiser(trx, actor, id), now, true, change);
}

/**
 * POST /api/ballots/{id}/publish: the tally goes to the voters once closed and every paper ballot handed in is
 * counted (papers counted = voters marked as voting on paper). The voters with an account hear of it.
 */
export async function publishBallot(
  trx: Trx,
  actor: Actor,
  id: number,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForOrganiser(trx, actor, id);
  const roll = (await repo.rollCounts(trx, [id])).get(id) ?? { eligible: 0, phone: 0, paper: 0 };
  const { paperPending } = await batchFigures(trx, r, roll.paper);
  const phase = ballotPhase(stateOf(r), now);
  apply(r, 'publish', now, paperPending);
  const closedAt = r.closed_at ?? (now < r.closes_at ? now : r.closes_at);
  // Closed by the clock and not stored since: its papers are shuffled now, as a close would.
  if (r.status === 'open') await repo.reshufflePapers(trx, id);
  await repo.updateBallot(trx, id, { status: 'published', published_at: now, closed_at: closedAt });
  change.targetType = 'ballot';
  change.targetId = id;
  change.summary = `公布投票结果：${r.title}`;
  change.before = { status: phase };
  change.after = { status: 'published' };
  const voters = (await repo.rollOf(trx, id)).map((v) => v.person_id);
  await notify(
    trx,
    {
      kind: 'ballot.published',
      key: `ballot.published:${id}`,
      userIds: await usersOfPeople(trx, voters),
      title: `投票结果已公布：${r.title}`,
      body: `${r.org_name}组织的投票已结束并公布计票结果，可在“我的投票”中查看。`,
      link: myBallotsLink,
    },
    now,
  );
}

/**
 * POST /api/ballots/{id}/paper-voters: voters who handed in a paper ballot (or, away, voted in writing) are marked as
 * voting on paper, while voting is open, so they can no longer vote on the phone. A voter who has voted already
 * refuses the whole request; a person not on the roll answers as missing.
 */
export async function markPaperVoters(
  trx: Trx,
  actor: Actor,
  id: number,
  personIds: readonly number[],
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForOrganiser(trx, actor, id);
  apply(r, 'mark_paper', now);
  const roll = new Map((await repo.rollOf(trx, id)).map((v) => [v.person_id, v]));
  if (personIds.some((p) => !roll.has(p))) throw outOfScope('paperVoterIds', ballotFieldLabels.paperVoterIds);
  const marked = new Set(await repo.markVoted(trx, id, personIds, 'paper', now));
  const already = personIds.filter((p) => !marked.has(p)).map((p) => roll.get(p)!.name);
  if (already.length > 0) throw new AppError('CONFLICT', `${already.join('、')}已投过票，不能再登记纸质投票`);
  change.targetType = 'ballot';
  change.targetId = id;
  change.summary = `登记纸质投票人 ${personIds.length} 人：${r.title}`;
}

/**
 * POST /api/ballots/{id}/paper-batches: a stack of paper ballots, after closing, to be entered by two counters; its
 * papers cannot exceed those handed in and not yet in a batch.
 */
export async function createPaperBatch(
  trx: Trx,
  actor: Actor,
  id: number,
  body: { paperCount: number; batchNote: string | null },
  now: Date,
  change: AuditChange,
): Promise<number> {
  const r = await loadForOrganiser(trx, actor, id);
  apply(r, 'enter_paper', now);
  const roll = (await repo.rollCounts(trx, [id])).get(id) ?? { eligible: 0, phone: 0, paper: 0 };
  const { paperUnbatched } = await batchFigures(trx, r, roll.paper);
  if (body.paperCount > paperUnbatched)
    throw new AppError(
      'RULE_VIOLATION',
      `本批选票数：不能超过已登记纸质投票、尚未录入的选票数（${paperUnbatched} 张）`,
      {
        fields: [{ path: 'paperCount', message: `本批选票数：不能超过 ${paperUnbatched}` }],
      },
    );
  const batchId = await repo.insertBatch(trx, {
    ballot_id: id,
    note: body.batchNote,
    paper_count: body.paperCount,
    status: 'entering',
    created_by: actor.accountless ? null : actor.userId,
  });
  change.targetType = 'ballot';
  change.targetId = id;
  change.summary = `纸质选票批次 ${batchId}（${body.paperCount} 张）：${r.title}`;
  change.after = { paperCount: body.paperCount };
  return batchId;
}

/**
 * POST /api/ballots/{id}/paper-batches/{batchId}/entries: one counter's count of the batch. The first two different
 * accounts are its counters (a third is refused; a counter may re-enter after a mismatch); when both have entered,
 * the batch counts if the entries are identical, otherwise it shows the differences for a recount.
 */
export async function enterPaperBatch(
  trx: Trx,
  actor: Actor,
  id: number,
  batchId: number,
  body: PaperEntryBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await loadForOrganiser(trx, actor, id);
  const b = await repo.findBatch(trx, id, batchId);
  if (!b) throw outOfScope('batchId', ballotFieldLabels.batchId);
  apply(r, 'enter_paper', now);
  if (b.status === 'counted') throw new AppError('CONFLICT', '该批选票两次录入一致，已计入，不能再录入');
  const me = actor.userId;
  const slot: 1 | 2 | null =
    b.first_counter_id === me
      ? 1
      : b.second_counter_id === me
        ? 2
        : b.first_counter_id === null
          ? 1
          : b.second_counter_id === null
            ? 2
            : null;
  if (slot === null) throw new AppError('CONFLICT', '该批选票已由两名计票人录入，只有他们可以重新录入');
  const entry: ItemCount[] = body.itemCounts.map((e) => ({
    key: e.itemKey,
    counts: Object.fromEntries(e.choiceCounts.map((c) => [c.choice, c.count])),
    abstain: e.abstain,
  }));
  const checked = checkBatchEntry(formOf(r), b.paper_count, entry);
  if (!checked.ok) throw choiceRefusal('itemCounts', ballotFieldLabels.itemCounts, checked.violations);
  await repo.putEntry(trx, { id: randomUUID(), batchId, slot, counts: checked.entry });
  const name = actor.displayName;
  const counters =
    slot === 1
      ? { first_counter_id: me, first_counter_name: name }
      : { second_counter_id: me, second_counter_name: name };
  const entries = await repo.entriesOf(trx, [batchId]);
  const first = entries.find((e) => e.slot === 1);
  const second = entries.find((e) => e.slot === 2);
  const status =
    first && second
      ? compareBatchEntries(formOf(r), first.counts, second.counts).match
        ? 'counted'
        : 'mismatch'
      : 'entering';
  await repo.updateBatch(trx, batchId, {
    ...counters,
    status,
    counted_at: status === 'counted' ? now : null,
  });
  change.targetType = 'ballot';
  change.targetId = id;
  change.summary = `录入纸质选票批次 ${batchId}（第${slot === 1 ? '一' : '二'}次录入）：${r.title}`;
  change.after = { status };
}

// The clock's closes

/**
 * Hourly: a ballot the clock closed (closesAt passed) is stored closed and its papers shuffled, as the organiser's
 * close would, so the papers of no closed ballot keep the order or the transactions of the votes for long.
 */
export async function storeElapsedCloses(db: Db, clock: Clock): Promise<number> {
  const due = await repo.elapsedOpenBallots(db, clock.now());
  for (const { id } of due)
    await db.transaction().execute(async (trx) => {
      if (!(await repo.lockBallot(trx, id, 'update'))) return;
      const r = await repo.findBallot(trx, id);
      if (r?.status === 'open' && r.closes_at <= clock.now()) await storeClosed(trx, id, r.closes_at);
    });
  return due.length;
}

// Reminders

/**
 * Once, within the day before a ballot closes: the voters who have not voted hear that it is closing (the event's
 * key makes it once per ballot whatever the job's runs).
 */
export async function remindClosingBallots(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await repo.ballotsClosingBetween(db, now, new Date(now.getTime() + 24 * 3600_000));
  let sent = 0;
  for (const r of due) {
    await db.transaction().execute(async (trx) => {
      const userIds = await repo.unvotedAccounts(trx, r.id);
      if (userIds.length === 0) return;
      await notify(
        trx,
        {
          kind: 'ballot.closing',
          key: `ballot.closing:${r.id}`,
          userIds,
          title: `投票即将结束：${r.title}`,
          body: `${r.org_name}组织的投票将于 ${ballotTimeLabel(r.closes_at)} 结束，您尚未投票。`,
          link: myBallotsLink,
        },
        now,
      );
      sent += 1;
    });
  }
  return sent;
}

export { isOrganiser, linkOf as ballotLink, phaseOf };
