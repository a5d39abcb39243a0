/**
 * A ballot (投票) people can trust, as pure rules: where it stands (its phase, from its stored status and the clock),
 * what may happen in each phase (a pure state machine: every illegal step refused with its reason), the check of
 * one voter's choices, the tally, and the two counters' entries of a batch of paper ballots compared item by item.
 *
 *   scheduled ──(opensAt)──→ open ──(closesAt, or the organiser's close)──→ closed ──publish──→ published
 *
 * Voting (on the phone, or marked by the organiser as voting on paper, e.g. a member away voting in writing) only
 * while open; paper ballots are entered by two counters once it is closed, counted with the phone ballots; the tally
 * is seen by nobody before it closes, by the organiser after, and by the voters once published — published only when
 * every paper ballot handed in is counted (papers counted = voters marked as voting on paper).
 */
import { type BallotPurpose, ballotChoiceLabel, ballotChoiceSets } from './choices.ts';

/** What is stored: open until the organiser closes it (or closesAt passes), then published. */
export const ballotStatuses = ['open', 'closed', 'published'] as const;
export type BallotStatus = (typeof ballotStatuses)[number];

/** Where a ballot stands now: the stored status read with the clock. */
export const ballotPhases = ['scheduled', 'open', 'closed', 'published'] as const;
export type BallotPhase = (typeof ballotPhases)[number];
export const ballotPhaseLabels: Record<BallotPhase, string> = {
  scheduled: '未开始',
  open: '投票中',
  closed: '已结束',
  published: '已公布',
};

/** What may be asked of a ballot. */
export const ballotActions = ['vote', 'mark_paper', 'close', 'enter_paper', 'publish'] as const;
export type BallotAction = (typeof ballotActions)[number];
export const ballotActionLabels: Record<BallotAction, string> = {
  vote: '投票',
  mark_paper: '登记纸质投票人',
  close: '结束投票',
  enter_paper: '录入纸质选票',
  publish: '公布结果',
};

/** The phases each action may start from. */
export const ballotActionFrom = {
  vote: ['open'],
  mark_paper: ['open'],
  close: ['scheduled', 'open'],
  enter_paper: ['closed'],
  publish: ['closed'],
} as const satisfies Record<BallotAction, readonly BallotPhase[]>;

/** Who asks for each action: the voter, or the organiser (a manager of the ballot's org). */
export const ballotActionActor = {
  vote: 'voter',
  mark_paper: 'organiser',
  close: 'organiser',
  enter_paper: 'organiser',
  publish: 'organiser',
} as const satisfies Record<BallotAction, 'voter' | 'organiser'>;

export interface BallotState {
  status: BallotStatus;
  opensAt: Date;
  closesAt: Date;
}

/** The phase at `now`: closed at closesAt even when nobody closed it. */
export function ballotPhase(state: BallotState, now: Date): BallotPhase {
  if (state.status !== 'open') return state.status;
  if (now.getTime() >= state.closesAt.getTime()) return 'closed';
  if (now.getTime() < state.opensAt.getTime()) return 'scheduled';
  return 'open';
}

/** Why an action is refused: the wrong phase (409) or something still missing (422). */
export interface BallotViolation {
  kind: 'conflict' | 'rule';
  message: string;
}

export interface BallotFacts {
  now: Date;
  /** Voters marked as voting on paper whose papers are not yet in a counted batch (publish needs none). */
  paperPending?: number;
}

export type BallotActionResult = { ok: true; state: BallotState } | { ok: false; violation: BallotViolation };

/** Applies one action at `facts.now`; the new stored state (closing stores `closed`, publishing `published`). */
export function applyBallotAction(
  state: BallotState,
  action: BallotAction,
  facts: BallotFacts,
): BallotActionResult {
  const phase = ballotPhase(state, facts.now);
  if (!(ballotActionFrom[action] as readonly BallotPhase[]).includes(phase)) {
    const why =
      action === 'vote' && phase === 'scheduled'
        ? '投票尚未开始'
        : action === 'vote' || action === 'mark_paper'
          ? '投票已结束'
          : action === 'enter_paper' && phase !== 'published'
            ? '投票结束后才能录入纸质选票'
            : action === 'publish' && phase !== 'published'
              ? '投票结束后才能公布结果'
              : `该投票${ballotPhaseLabels[phase]}，不能${ballotActionLabels[action]}`;
    return { ok: false, violation: { kind: 'conflict', message: why } };
  }
  if (action === 'publish' && (facts.paperPending ?? 0) > 0)
    return {
      ok: false,
      violation: {
        kind: 'rule',
        message: `还有 ${facts.paperPending} 张纸质选票未经两名计票人录入一致，不能公布结果`,
      },
    };
  if (action === 'close') return { ok: true, state: { ...state, status: 'closed' } };
  if (action === 'publish') return { ok: true, state: { ...state, status: 'published' } };
  return { ok: true, state };
}

/** The actions the actor may take now; the UI shows buttons from these and the server checks the same. */
export function allowedBallotActions(
  state: BallotState,
  now: Date,
  actor: { voter: boolean; organiser: boolean },
): Record<BallotAction, boolean> {
  const phase = ballotPhase(state, now);
  return Object.fromEntries(
    ballotActions.map((a) => [
      a,
      actor[ballotActionActor[a]] && (ballotActionFrom[a] as readonly BallotPhase[]).includes(phase),
    ]),
  ) as Record<BallotAction, boolean>;
}

/** The ballot's questions: its items and the choices its purpose offers. */
export interface BallotForm {
  purpose: BallotPurpose;
  items: readonly { key: string; label: string }[];
  allowAbstain: boolean;
}

/** One voter's paper: a choice (or null: 弃权) per item key. */
export type BallotChoices = Readonly<Record<string, string | null>>;

/** The choices a ballot of this purpose offers. */
export function choicesOf(purpose: BallotPurpose): readonly string[] {
  return ballotChoiceSets[purpose];
}

/** A problem with a voter's paper, naming the item. */
export interface ChoiceViolation {
  key: string | null;
  message: string;
}

/**
 * Checks one voter's choices: every item of the ballot once, each a choice of its purpose; blank (弃权) only where
 * the ballot allows it; no item the ballot does not have. Returns the paper to store (every item, blanks as null).
 */
export function checkChoices(
  form: BallotForm,
  given: readonly { key: string; choice: string | null }[],
): { ok: true; paper: Record<string, string | null> } | { ok: false; violations: ChoiceViolation[] } {
  const valid = choicesOf(form.purpose);
  const keys = new Set(form.items.map((i) => i.key));
  const violations: ChoiceViolation[] = [];
  const seen = new Map<string, string | null>();
  for (const g of given) {
    if (!keys.has(g.key)) violations.push({ key: g.key, message: '投票对象不在本次投票中' });
    else if (seen.has(g.key)) violations.push({ key: g.key, message: '同一投票对象只能选择一次' });
    else if (g.choice !== null && !valid.includes(g.choice))
      violations.push({ key: g.key, message: '选项不是本次投票的等次' });
    else seen.set(g.key, g.choice);
  }
  const paper: Record<string, string | null> = {};
  for (const item of form.items) {
    const choice = seen.get(item.key) ?? null;
    if (choice === null && !form.allowAbstain && !violations.some((v) => v.key === item.key))
      violations.push({ key: item.key, message: `请为“${item.label}”选择等次（本次投票不允许弃权）` });
    paper[item.key] = choice;
  }
  return violations.length > 0 ? { ok: false, violations } : { ok: true, paper };
}

/** What a counter enters for one item of a batch of paper ballots: per choice how many, and how many left it blank. */
export interface ItemCount {
  key: string;
  counts: Readonly<Record<string, number>>;
  abstain: number;
}

/**
 * Checks one counter's entry of a batch of `paperCount` papers: every item of the ballot once, counts of the
 * purpose's choices only, and per item the counts and blanks adding up to the papers (every paper answers every
 * item, a blank being 弃权; no blanks where the ballot allows none). Returns the entry with every choice present.
 */
export function checkBatchEntry(
  form: BallotForm,
  paperCount: number,
  entry: readonly ItemCount[],
): { ok: true; entry: ItemCount[] } | { ok: false; violations: ChoiceViolation[] } {
  const valid = choicesOf(form.purpose);
  const byKey = new Map<string, ItemCount>();
  const violations: ChoiceViolation[] = [];
  const keys = new Set(form.items.map((i) => i.key));
  for (const e of entry) {
    if (!keys.has(e.key)) violations.push({ key: e.key, message: '投票对象不在本次投票中' });
    else if (byKey.has(e.key)) violations.push({ key: e.key, message: '同一投票对象只能录入一次' });
    else if (Object.keys(e.counts).some((c) => !valid.includes(c)))
      violations.push({ key: e.key, message: '选项不是本次投票的等次' });
    else byKey.set(e.key, e);
  }
  const out: ItemCount[] = [];
  for (const item of form.items) {
    const e = byKey.get(item.key);
    if (!e) {
      if (!violations.some((v) => v.key === item.key))
        violations.push({ key: item.key, message: `缺少“${item.label}”的计票` });
      continue;
    }
    const counts = Object.fromEntries(valid.map((c) => [c, e.counts[c] ?? 0]));
    const sum = Object.values(counts).reduce((a, b) => a + b, 0) + e.abstain;
    if (!form.allowAbstain && e.abstain > 0)
      violations.push({ key: item.key, message: `“${item.label}”：本次投票不允许弃权` });
    else if (sum !== paperCount)
      violations.push({
        key: item.key,
        message: `“${item.label}”：各等次票数与弃权数之和为 ${sum}，应等于本批选票数 ${paperCount}`,
      });
    out.push({ key: item.key, counts, abstain: e.abstain });
  }
  return violations.length > 0 ? { ok: false, violations } : { ok: true, entry: out };
}

/** One difference between the two counters' entries: an item, a choice (null: 弃权), and what each entered. */
export interface EntryDifference {
  key: string;
  label: string;
  choice: string | null;
  choiceLabel: string;
  first: number;
  second: number;
}

/**
 * Compares the two counters' entries of the same batch (both checked by `checkBatchEntry`): the batch counts only
 * when they are identical; otherwise every differing count is listed, item by item, for a recount.
 */
export function compareBatchEntries(
  form: BallotForm,
  first: readonly ItemCount[],
  second: readonly ItemCount[],
): { match: boolean; differences: EntryDifference[] } {
  const a = new Map(first.map((e) => [e.key, e]));
  const b = new Map(second.map((e) => [e.key, e]));
  const differences: EntryDifference[] = [];
  for (const item of form.items) {
    const x = a.get(item.key);
    const y = b.get(item.key);
    for (const choice of [...choicesOf(form.purpose), null]) {
      const p = choice === null ? (x?.abstain ?? 0) : (x?.counts[choice] ?? 0);
      const q = choice === null ? (y?.abstain ?? 0) : (y?.counts[choice] ?? 0);
      if (p !== q)
        differences.push({
          key: item.key,
          label: item.label,
          choice,
          choiceLabel: choice === null ? '弃权' : ballotChoiceLabel(form.purpose, choice),
          first: p,
          second: q,
        });
    }
  }
  return { match: differences.length === 0, differences };
}

/** The count of one item: per choice, and the blanks (弃权). */
export interface ItemTally {
  key: string;
  label: string;
  counts: Record<string, number>;
  abstain: number;
}

/**
 * The tally: the phone papers and the counted paper batches added up item by item. Every paper answers every item
 * (a choice or a blank), so per item the counts and blanks add up to the papers cast.
 */
export function tallyBallot(
  form: BallotForm,
  phonePapers: readonly BallotChoices[],
  countedBatches: readonly { paperCount: number; entry: readonly ItemCount[] }[],
): { cast: number; castOnline: number; castOnPaper: number; items: ItemTally[] } {
  const valid = choicesOf(form.purpose);
  const items: ItemTally[] = form.items.map((i) => ({
    key: i.key,
    label: i.label,
    counts: Object.fromEntries(valid.map((c) => [c, 0])),
    abstain: 0,
  }));
  for (const paper of phonePapers)
    for (const t of items) {
      const choice = paper[t.key] ?? null;
      if (choice !== null && choice in t.counts) t.counts[choice]! += 1;
      else t.abstain += 1;
    }
  for (const batch of countedBatches) {
    const byKey = new Map(batch.entry.map((e) => [e.key, e]));
    for (const t of items) {
      const e = byKey.get(t.key);
      for (const c of valid) t.counts[c]! += e?.counts[c] ?? 0;
      t.abstain += e ? e.abstain : batch.paperCount;
    }
  }
  const castOnPaper = countedBatches.reduce((a, b) => a + b.paperCount, 0);
  return { cast: phonePapers.length + castOnPaper, castOnline: phonePapers.length, castOnPaper, items };
}

const localTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as people read it in messages: '2026-12-08 17:00' (Asia/Shanghai). */
export function ballotTimeLabel(instant: Date): string {
  const p = Object.fromEntries(localTime.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
