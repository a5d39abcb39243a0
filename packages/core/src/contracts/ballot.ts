/**
 * Requests and answers of ballots (投票): the summary and the tally the owning modules (述职评议, 民主评议党员) read
 * through the ballots service, the organiser's page (roll progress, paper batches, abilities), 我的投票 on the phone,
 * and the bodies of a vote, the voters marked as voting on paper, a batch of paper ballots and a counter's entry.
 */
import { z } from 'zod';
import { ballotActions, ballotPhases } from '../ballots/ballot.ts';
import { appraisalGrades, ballotPurposes, dutyReviewGrades } from '../ballots/choices.ts';
import { dbId, text } from './common.ts';

/** Every choice of every purpose: a body names a choice by its code, the service checks it against the purpose. */
export const ballotChoiceValues = [
  ...dutyReviewGrades,
  ...appraisalGrades,
  // 中层干部年度考核's (cadreReviewGrades) besides 优秀, which 民主评议党员 shares.
  'competent',
  'basically_competent',
  'incompetent',
] as const;

/** Limits of ballots, shared by the pages and the API. */
export const ballotLimits = {
  items: { max: 200 },
  voters: { max: 5000 },
  itemKey: { max: 60 },
  itemLabel: { max: 100 },
  title: { min: 2, max: 100 },
  paperCount: { max: 5000 },
  batchNote: { max: 100 },
} as const;

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const ballotFieldLabels = {
  ballotChoices: '选票',
  choice: '等次',
  itemKey: '投票对象',
  paperVoterIds: '纸质投票人',
  paperCount: '本批选票数',
  batchNote: '批次说明',
  batchId: '选票批次',
  itemCounts: '计票结果',
  choiceCounts: '各等次票数',
  abstain: '弃权数',
} as const;

const phase = z.enum(ballotPhases);
const purpose = z.enum(ballotPurposes);
const itemKey = z.string().trim().min(1).max(ballotLimits.itemKey.max);

export const ballotItem = z.object({ key: z.string(), label: z.string() });
export const ballotChoiceOption = z.object({ value: z.string(), label: z.string() });

/** A ballot's state and counts, never choices (the owning modules and every page read it). */
export const ballotSummary = z.object({
  id: z.number(),
  purpose,
  purposeRef: z.string(),
  /** The page of the owning record (e.g. /duty-reviews/12). */
  ownerLink: z.string().nullable(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  items: z.array(ballotItem),
  choices: z.array(ballotChoiceOption),
  allowAbstain: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: phase,
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  eligible: z.number(),
  voted: z.number(),
  votedOnline: z.number(),
  votedOnPaper: z.number(),
  /** Voters marked as voting on paper whose papers are in no counted batch yet. */
  paperPending: z.number(),
});
export type BallotSummary = z.infer<typeof ballotSummary>;

/** The count: per item, per choice, and the blanks; cast = papers counted (phone and paper). */
export const ballotTally = z.object({
  ballotId: z.number(),
  status: z.enum(['closed', 'published']),
  eligible: z.number(),
  cast: z.number(),
  castOnline: z.number(),
  castOnPaper: z.number(),
  /** Papers handed in and not yet counted (two matching entries); publication waits for 0. */
  paperPending: z.number(),
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      counts: z.record(z.string(), z.number()),
      abstain: z.number(),
    }),
  ),
});
export type BallotTally = z.infer<typeof ballotTally>;

export const entryDifference = z.object({
  key: z.string(),
  label: z.string(),
  choice: z.string().nullable(),
  choiceLabel: z.string(),
  first: z.number(),
  second: z.number(),
});

export const paperBatchStatuses = ['entering', 'mismatch', 'counted'] as const;
export type PaperBatchStatus = (typeof paperBatchStatuses)[number];
export const paperBatchStatusLabels: Record<PaperBatchStatus, string> = {
  entering: '录入中',
  mismatch: '两次录入不一致',
  counted: '已计入',
};

/** A batch of paper ballots: its papers, who has entered it (never what, until both agree), and the mismatches. */
export const paperBatch = z.object({
  id: z.number(),
  note: z.string().nullable(),
  paperCount: z.number(),
  status: z.enum(paperBatchStatuses),
  entries: z.number(),
  counters: z.array(z.string()),
  enteredByMe: z.boolean(),
  differences: z.array(entryDifference),
});
export type PaperBatch = z.infer<typeof paperBatch>;

/** The organiser's page: the roll's progress (who has voted, by which channel — never what), batches, abilities. */
export const ballotDetail = ballotSummary.extend({
  roll: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      voted: z.boolean(),
      channel: z.enum(['phone', 'paper']).nullable(),
    }),
  ),
  batches: z.array(paperBatch),
  /** Papers marked and not yet in a batch. */
  paperUnbatched: z.number(),
  abilities: z.object(
    Object.fromEntries(ballotActions.map((a) => [a, z.boolean()])) as Record<
      (typeof ballotActions)[number],
      z.ZodBoolean
    >,
  ),
  /** The tally once closed (organisers), else null. */
  tally: ballotTally.nullable(),
});
export type BallotDetail = z.infer<typeof ballotDetail>;

/** 我的投票: a ballot the caller is on the roll of. */
export const myBallot = z.object({
  id: z.number(),
  purpose,
  title: z.string(),
  orgName: z.string(),
  items: z.array(ballotItem),
  choices: z.array(ballotChoiceOption),
  allowAbstain: z.boolean(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: phase,
  voted: z.boolean(),
  channel: z.enum(['phone', 'paper']).nullable(),
  /** Published tallies only. */
  tally: ballotTally.nullable(),
});
export type MyBallot = z.infer<typeof myBallot>;
export const myBallotsResponse = z.object({ items: z.array(myBallot) });

/** POST /api/ballots/{id}/votes: one choice (or null: 弃权) per item. */
export const castVoteBody = z.strictObject({
  ballotChoices: z
    .array(
      z.strictObject({
        itemKey,
        choice: z.enum(ballotChoiceValues).nullable(),
      }),
    )
    .min(1)
    .max(ballotLimits.items.max),
});
export type CastVoteBody = z.infer<typeof castVoteBody>;
export const castVoteResponse = z.object({ ok: z.literal(true), ballotId: z.number() });

/** POST /api/ballots/{id}/paper-voters: voters who handed in a paper (or voted in writing while away). */
export const markPaperVotersBody = z.strictObject({
  paperVoterIds: z
    .array(dbId)
    .min(1)
    .max(ballotLimits.voters.max)
    .refine((ids) => new Set(ids).size === ids.length, { message: '不能重复' }),
});

/** POST /api/ballots/{id}/paper-batches: a stack of paper ballots to be entered by two counters. */
export const createPaperBatchBody = z.strictObject({
  paperCount: z.int().min(1).max(ballotLimits.paperCount.max),
  batchNote: text(1, ballotLimits.batchNote.max).nullable().default(null),
});

/** POST /api/ballots/{id}/paper-batches/{batchId}/entries: one counter's count of the batch, item by item. */
export const paperEntryBody = z.strictObject({
  itemCounts: z
    .array(
      z.strictObject({
        itemKey,
        choiceCounts: z
          .array(z.strictObject({ choice: z.enum(ballotChoiceValues), count: z.int().min(0).max(100_000) }))
          .max(ballotChoiceValues.length),
        abstain: z.int().min(0).max(100_000),
      }),
    )
    .min(1)
    .max(ballotLimits.items.max),
});
export type PaperEntryBody = z.infer<typeof paperEntryBody>;

export const batchParams = z.strictObject({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  batchId: z.coerce.number().int().positive().max(2_147_483_647),
});
