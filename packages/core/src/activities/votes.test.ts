import { describe, expect, it } from 'vitest';
import type { ResolutionOutcome } from './dictionaries.ts';
import {
  checkCommitteeQuorum,
  checkQuorum,
  checkResolutionOutcome,
  decideMotion,
  entitledVoters,
  type MotionCounts,
  moreThanHalfOf,
  type VoterRow,
} from './votes.ts';

describe('moreThanHalfOf', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [9, 5],
    [10, 6],
    [11, 6],
    [50, 26],
  ])('of %i is %i', (n, needed) => {
    expect(moreThanHalfOf(n)).toBe(needed);
  });
});

describe('entitledVoters (only 正式党员 vote)', () => {
  const row = (personId: number, over: Partial<VoterRow> = {}): VoterRow => ({
    personId,
    partyStatus: 'full',
    status: 'present',
    ...over,
  });

  it('counts full members, present or not, and leaves probationary members without a vote', () => {
    const v = entitledVoters([
      row(1),
      row(2),
      row(3, { status: 'leave' }),
      row(4, { status: 'absent' }),
      row(5, { status: 'expected' }),
      row(6, { partyStatus: 'probationary' }),
      row(7, { partyStatus: 'probationary', status: 'absent' }),
    ]);
    expect(v).toEqual({
      entitled: 5,
      presentEntitled: 2,
      entitledIds: [1, 2, 3, 4, 5],
      presentEntitledIds: [1, 2],
      absentEntitledIds: [3, 4, 5],
      presentWithoutVoteIds: [6],
    });
  });

  it.each<[string, Partial<VoterRow>, boolean]>([
    ['a member', { role: 'member' }, true],
    ['a dual-life leader of this branch', { role: 'dual_life' }, true],
    ['a guest (列席)', { role: 'guest' }, false],
    ['a member under 留党察看', { hasVotingRights: false }, false],
    ['a probationary member', { partyStatus: 'probationary' }, false],
  ])('%s: entitled %s', (_name, over, entitled) => {
    const v = entitledVoters([row(1, over)]);
    expect(v.entitled).toBe(entitled ? 1 : 0);
    expect(v.presentWithoutVoteIds).toEqual(entitled ? [] : [1]);
  });

  it('counts someone listed twice once, present if either row is present', () => {
    const v = entitledVoters([row(1, { status: 'absent' }), row(1, { role: 'dual_life' })]);
    expect(v).toMatchObject({ entitled: 1, presentEntitled: 1, absentEntitledIds: [] });
  });

  it('an empty list has no voters', () => {
    expect(entitledVoters([])).toMatchObject({ entitled: 0, presentEntitled: 0 });
  });
});

describe('checkQuorum (支部条例 第十一条: more than half present)', () => {
  it.each<[number, number, boolean, number]>([
    [0, 0, false, 1],
    [1, 0, false, 1],
    [1, 1, true, 1],
    [2, 1, false, 2],
    [2, 2, true, 2],
    [3, 1, false, 2],
    [3, 2, true, 2],
    [10, 5, false, 6],
    [10, 6, true, 6],
    [11, 5, false, 6],
    [11, 6, true, 6],
    [10, 11, false, 6],
  ])('%i entitled, %i present: %s (needs %i)', (entitled, presentEntitled, reached, needed) => {
    expect(checkQuorum({ entitled, presentEntitled })).toEqual({ quorumReached: reached, needed });
  });
});

describe('checkCommitteeQuorum (支部条例 第十二条: more than half of 委员)', () => {
  it.each<[number, number, boolean]>([
    [3, 1, false],
    [3, 2, true],
    [4, 2, false],
    [4, 3, true],
    [5, 2, false],
    [5, 3, true],
    [7, 3, false],
    [7, 4, true],
  ])('%i 委员, %i present: %s', (members, present, reached) => {
    expect(checkCommitteeQuorum({ members, present }).quorumReached).toBe(reached);
  });
});

describe('decideMotion (支部条例 第十一条: more than half of ALL entitled)', () => {
  const base: MotionCounts = {
    entitled: 10,
    presentEntitled: 8,
    votesFor: 6,
    votesAgainst: 1,
    abstentions: 1,
  };

  it.each<[string, Partial<MotionCounts>, { quorumReached: boolean; passed: boolean; totalFor: number }]>([
    ['6 of 10 for', {}, { quorumReached: true, passed: true, totalFor: 6 }],
    [
      'exactly half of 10 for (5) fails',
      { votesFor: 5, votesAgainst: 2 },
      { quorumReached: true, passed: false, totalFor: 5 },
    ],
    [
      'a majority of those present is not enough: 5 of 6 present, 10 entitled',
      { presentEntitled: 6, votesFor: 5, votesAgainst: 1, abstentions: 0 },
      { quorumReached: true, passed: false, totalFor: 5 },
    ],
    [
      'a written vote tips it: 5 present for + 1 written for',
      { presentEntitled: 6, votesFor: 5, votesAgainst: 1, abstentions: 0, writtenFor: 1 },
      { quorumReached: true, passed: true, totalFor: 6 },
    ],
    [
      'written votes against do not count for',
      { presentEntitled: 6, votesFor: 5, votesAgainst: 1, abstentions: 0, writtenAgainst: 4 },
      { quorumReached: true, passed: false, totalFor: 5 },
    ],
    [
      'exactly half present (5 of 10): no quorum, even with written votes enough',
      { presentEntitled: 5, votesFor: 5, votesAgainst: 0, abstentions: 0, writtenFor: 3 },
      { quorumReached: false, passed: false, totalFor: 8 },
    ],
    [
      'odd: 5 of 9 for passes',
      { entitled: 9, presentEntitled: 5, votesFor: 5, votesAgainst: 0, abstentions: 0 },
      { quorumReached: true, passed: true, totalFor: 5 },
    ],
    [
      'odd: 4 of 9 for fails',
      { entitled: 9, presentEntitled: 9, votesFor: 4, votesAgainst: 4, abstentions: 1 },
      { quorumReached: true, passed: false, totalFor: 4 },
    ],
    [
      'odd: 4 of 9 present is no quorum',
      { entitled: 9, presentEntitled: 4, votesFor: 4, votesAgainst: 0, abstentions: 0, writtenFor: 5 },
      { quorumReached: false, passed: false, totalFor: 9 },
    ],
    [
      'all abstain',
      { votesFor: 0, votesAgainst: 0, abstentions: 8 },
      { quorumReached: true, passed: false, totalFor: 0 },
    ],
    [
      'the smallest branch: 3 entitled, 2 present, 2 for',
      { entitled: 3, presentEntitled: 2, votesFor: 2, votesAgainst: 0, abstentions: 0 },
      { quorumReached: true, passed: true, totalFor: 2 },
    ],
    [
      '1 entitled, present, for',
      { entitled: 1, presentEntitled: 1, votesFor: 1, votesAgainst: 0, abstentions: 0 },
      { quorumReached: true, passed: true, totalFor: 1 },
    ],
    [
      'all present and for',
      { presentEntitled: 10, votesFor: 10, votesAgainst: 0, abstentions: 0 },
      { quorumReached: true, passed: true, totalFor: 10 },
    ],
  ])('%s', (_name, change, expected) => {
    const d = decideMotion({ ...base, ...change });
    expect(d).toMatchObject({ ...expected, problems: [] });
  });

  it('reports what was needed', () => {
    expect(decideMotion({ ...base, entitled: 11, presentEntitled: 9 })).toMatchObject({
      neededForQuorum: 6,
      neededToPass: 6,
    });
  });

  it('probationary members present change nothing: they are not in the counts', () => {
    // 6 full members (4 present, 4 for) and 3 probationary members present.
    const voters = entitledVoters([
      ...[1, 2, 3, 4].map((personId): VoterRow => ({ personId, partyStatus: 'full', status: 'present' })),
      ...[5, 6].map((personId): VoterRow => ({ personId, partyStatus: 'full', status: 'leave' })),
      ...[7, 8, 9].map(
        (personId): VoterRow => ({ personId, partyStatus: 'probationary', status: 'present' }),
      ),
    ]);
    const d = decideMotion({ ...voters, votesFor: 4, votesAgainst: 0, abstentions: 0 });
    expect(d).toMatchObject({ quorumReached: true, passed: true, neededToPass: 4 });
    expect(decideMotion({ ...voters, votesFor: 3, votesAgainst: 1, abstentions: 0 }).passed).toBe(false);
  });

  it.each<[string, Partial<MotionCounts>, string[]]>([
    [
      '0 entitled',
      { entitled: 0, presentEntitled: 0, votesFor: 0, votesAgainst: 0, abstentions: 0 },
      ['没有有表决权的党员，不能进行表决'],
    ],
    ['more present than entitled', { presentEntitled: 11 }, ['到会有表决权人数超过应到会有表决权人数']],
    [
      'more votes than present voters',
      { votesFor: 6, votesAgainst: 2, abstentions: 1 },
      ['赞成票数加弃权反对票数超过到会有表决权人数'],
    ],
    ['votes exactly the present voters', { votesFor: 6, votesAgainst: 1, abstentions: 1 }, []],
    ['written votes exactly the absent voters', { writtenFor: 1, writtenAgainst: 1 }, []],
    [
      'more written votes than absent voters',
      { writtenFor: 2, writtenAgainst: 1 },
      ['书面表决票数超过未到会有表决权人数'],
    ],
    [
      'a written vote when all came',
      { presentEntitled: 10, writtenFor: 1 },
      ['书面表决票数超过未到会有表决权人数'],
    ],
    ['a negative count', { votesAgainst: -1 }, ['反对票数必须是非负整数']],
    ['a fractional count', { entitled: 10.5 }, ['应到会有表决权人数必须是非负整数']],
    ['a fractional written vote', { writtenFor: 0.5 }, ['书面表决赞成票数必须是非负整数']],
    ['NaN', { abstentions: Number.NaN }, ['弃权票数必须是非负整数']],
  ])('checks the counts: %s', (_name, change, problems) => {
    const d = decideMotion({ ...base, ...change });
    expect(d.problems).toEqual(problems);
    if (problems.length > 0) expect(d.passed).toBe(false);
  });

  it('a committee decides by more than half of its 委员 (no written votes)', () => {
    expect(
      decideMotion({ entitled: 5, presentEntitled: 3, votesFor: 3, votesAgainst: 0, abstentions: 0 }).passed,
    ).toBe(true);
    expect(
      decideMotion({ entitled: 5, presentEntitled: 2, votesFor: 2, votesAgainst: 0, abstentions: 0 }),
    ).toMatchObject({ quorumReached: false, passed: false });
  });
});

describe('checkResolutionOutcome', () => {
  const passed = decideMotion({
    entitled: 10,
    presentEntitled: 8,
    votesFor: 6,
    votesAgainst: 2,
    abstentions: 0,
  });
  const failed = decideMotion({
    entitled: 10,
    presentEntitled: 8,
    votesFor: 5,
    votesAgainst: 3,
    abstentions: 0,
  });
  const noQuorum = decideMotion({
    entitled: 10,
    presentEntitled: 5,
    votesFor: 5,
    votesAgainst: 0,
    abstentions: 0,
    writtenFor: 2,
  });
  const invalid = decideMotion({
    entitled: 10,
    presentEntitled: 8,
    votesFor: 9,
    votesAgainst: 0,
    abstentions: 0,
  });

  it.each<[string, ResolutionOutcome, typeof passed, string[]]>([
    ['passed as passed', 'passed', passed, []],
    ['failed as failed', 'failed', failed, []],
    ['no quorum as failed', 'failed', noQuorum, []],
    ['anything without a vote', 'recorded', invalid, []],
    [
      'failed as passed',
      'passed',
      failed,
      ['赞成票未超过应到会有表决权党员的半数（需 6 票，实得 5 票），不能登记为通过'],
    ],
    [
      'no quorum as passed',
      'passed',
      noQuorum,
      ['到会有表决权的党员未超过半数（至少需 6 人），不能表决通过决议'],
    ],
    ['passed as failed', 'failed', passed, ['赞成票 6 票已超过应到会有表决权党员的半数，应登记为通过']],
    ['inconsistent counts', 'passed', invalid, ['赞成票数加弃权反对票数超过到会有表决权人数']],
  ])('%s', (_name, outcome, decision, problems) => {
    expect(checkResolutionOutcome(outcome, decision)).toEqual(problems);
  });
});
