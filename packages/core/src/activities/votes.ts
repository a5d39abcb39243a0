/**
 * Voting rules of a 支部党员大会 and a 支委会.
 *
 * 《中国共产党支部工作条例（试行）》第十一条: 表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有
 * 表决权的党员的半数为通过. 第十二条: 党支部委员会会议须有半数以上委员到会方可进行.
 * 《中国共产党章程》: only 正式党员 vote (预备党员 and members under 留党察看 have no vote).
 *
 * "More than half" is strict throughout: of 10, 6 is needed; of 9, 5.
 */
import type { PartyStatus } from '../dictionaries.ts';
import type { AttendanceStatus, AttendeeRole, ResolutionOutcome } from './dictionaries.ts';

/** The smallest whole number strictly greater than half of `n` (超过半数). */
export function moreThanHalfOf(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** One row of a meeting's attendance list, as far as voting is concerned. */
export interface VoterRow {
  personId: number;
  partyStatus: PartyStatus;
  status: AttendanceStatus;
  /** 列席 guests never vote; members and dual-life leaders (members of this branch) do. Default 'member'. */
  role?: AttendeeRole;
  /** False for a member under 留党察看, who has no vote while it lasts. Default true. */
  hasVotingRights?: boolean;
}

/** Who may vote at a general meeting and who of them came. */
export interface EntitledVoters {
  /** 应到会有表决权的党员: full members on the list with voting rights. */
  entitled: number;
  /** 到会有表决权的党员. */
  presentEntitled: number;
  entitledIds: number[];
  presentEntitledIds: number[];
  /** Entitled but not present: the only members who may cast a written vote (书面表决). */
  absentEntitledIds: number[];
  /** Present without a vote: 预备党员, members under 留党察看 and guests. */
  presentWithoutVoteIds: number[];
}

/**
 * Entitled voters of a 党员大会 among its attendees (支部条例 第十一条; 党章: only 正式党员 vote). A
 * 预备党员 who is present counts as present but not as entitled. Someone listed twice counts once.
 */
export function entitledVoters(rows: readonly VoterRow[]): EntitledVoters {
  const people = new Map<number, { entitled: boolean; present: boolean }>();
  for (const r of rows) {
    const entitled = r.partyStatus === 'full' && r.role !== 'guest' && r.hasVotingRights !== false;
    const p = people.get(r.personId) ?? { entitled: false, present: false };
    p.entitled ||= entitled;
    p.present ||= r.status === 'present';
    people.set(r.personId, p);
  }
  const out: EntitledVoters = {
    entitled: 0,
    presentEntitled: 0,
    entitledIds: [],
    presentEntitledIds: [],
    absentEntitledIds: [],
    presentWithoutVoteIds: [],
  };
  for (const [id, p] of people) {
    if (p.entitled) {
      out.entitledIds.push(id);
      (p.present ? out.presentEntitledIds : out.absentEntitledIds).push(id);
    } else if (p.present) {
      out.presentWithoutVoteIds.push(id);
    }
  }
  out.entitled = out.entitledIds.length;
  out.presentEntitled = out.presentEntitledIds.length;
  return out;
}

/** Whether a meeting may vote, and how many must be present for it to. */
export interface Quorum {
  quorumReached: boolean;
  /** Present voters needed: more than half of those entitled (at least 1). */
  needed: number;
}

/** Quorum of a 党员大会: more than half of the entitled voters present (支部条例 第十一条). */
export function checkQuorum(c: { entitled: number; presentEntitled: number }): Quorum {
  const needed = moreThanHalfOf(c.entitled);
  return {
    quorumReached: c.entitled > 0 && c.presentEntitled <= c.entitled && c.presentEntitled >= needed,
    needed,
  };
}

/** Quorum of a 支委会: more than half of the 委员 present (支部条例 第十二条). */
export function checkCommitteeQuorum(c: { members: number; present: number }): Quorum {
  return checkQuorum({ entitled: c.members, presentEntitled: c.present });
}

/** The counts of one vote. For a 支委会, `entitled` is the number of 委员 and written votes are 0. */
export interface MotionCounts {
  /** 应到会有表决权人数. */
  entitled: number;
  /** 到会有表决权人数. */
  presentEntitled: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  /** Written votes (书面表决) of absent entitled members; they count towards passing, not towards quorum. */
  writtenFor?: number;
  writtenAgainst?: number;
}

/** What a vote decided: quorum, outcome, what was needed, and any inconsistency in the counts. */
export interface MotionDecision {
  quorumReached: boolean;
  passed: boolean;
  /** Present entitled voters the meeting needed. */
  neededForQuorum: number;
  /** Votes for needed: more than half of ALL entitled voters, not of those present. */
  neededToPass: number;
  /** Votes for at the meeting plus written votes for. */
  totalFor: number;
  totalAgainst: number;
  /** Inconsistent counts, in Chinese; when there are any, the motion is not passed. */
  problems: string[];
}

const countLabels = {
  entitled: '应到会有表决权人数',
  presentEntitled: '到会有表决权人数',
  votesFor: '赞成票数',
  votesAgainst: '反对票数',
  abstentions: '弃权票数',
  writtenFor: '书面表决赞成票数',
  writtenAgainst: '书面表决反对票数',
} as const satisfies Record<keyof MotionCounts, string>;

/**
 * Decides a motion (支部条例 第十一条): it needs a quorum, and passes with votes for (present plus written)
 * greater than half of all entitled voters. Counts must be whole, non-negative and consistent: present
 * votes no more than the present voters, written votes no more than the absent voters.
 */
export function decideMotion(c: MotionCounts): MotionDecision {
  const writtenFor = c.writtenFor ?? 0;
  const writtenAgainst = c.writtenAgainst ?? 0;
  const neededForQuorum = moreThanHalfOf(c.entitled);
  const neededToPass = moreThanHalfOf(c.entitled);
  const totalFor = c.votesFor + writtenFor;
  const totalAgainst = c.votesAgainst + writtenAgainst;
  const problems: string[] = [];
  const all = { ...c, writtenFor, writtenAgainst };
  for (const key of Object.keys(countLabels) as (keyof MotionCounts)[]) {
    const v = all[key];
    if (!Number.isInteger(v) || v < 0) problems.push(`${countLabels[key]}必须是非负整数`);
  }
  if (problems.length > 0)
    return {
      quorumReached: false,
      passed: false,
      neededForQuorum,
      neededToPass,
      totalFor,
      totalAgainst,
      problems,
    };
  if (c.entitled === 0) problems.push('没有有表决权的党员，不能进行表决');
  if (c.presentEntitled > c.entitled) problems.push('到会有表决权人数超过应到会有表决权人数');
  if (c.votesFor + c.votesAgainst + c.abstentions > c.presentEntitled)
    problems.push('赞成票数加弃权反对票数超过到会有表决权人数');
  if (writtenFor + writtenAgainst > Math.max(0, c.entitled - c.presentEntitled))
    problems.push('书面表决票数超过未到会有表决权人数');
  const { quorumReached } = checkQuorum(c);
  return {
    quorumReached,
    passed: problems.length === 0 && quorumReached && totalFor >= neededToPass,
    neededForQuorum,
    neededToPass,
    totalFor,
    totalAgainst,
    problems,
  };
}

/**
 * Whether the outcome a secretary records agrees with the vote: a resolution cannot pass without a
 * quorum or without the votes, and a vote that passed cannot be recorded as failed. Empty when it agrees.
 */
export function checkResolutionOutcome(outcome: ResolutionOutcome, d: MotionDecision): string[] {
  if (outcome === 'recorded') return [];
  if (d.problems.length > 0) return [...d.problems];
  if (outcome === 'passed' && !d.quorumReached)
    return [`到会有表决权的党员未超过半数（至少需 ${d.neededForQuorum} 人），不能表决通过决议`];
  if (outcome === 'passed' && !d.passed)
    return [
      `赞成票未超过应到会有表决权党员的半数（需 ${d.neededToPass} 票，实得 ${d.totalFor} 票），不能登记为通过`,
    ];
  if (outcome === 'failed' && d.passed)
    return [`赞成票 ${d.totalFor} 票已超过应到会有表决权党员的半数，应登记为通过`];
  return [];
}
