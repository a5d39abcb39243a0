import { describe, expect, it } from 'vitest';
import {
  allowedBallotActions,
  applyBallotAction,
  type BallotAction,
  type BallotForm,
  type BallotPhase,
  type BallotState,
  ballotActions,
  ballotPhase,
  checkBatchEntry,
  checkChoices,
  compareBatchEntries,
  tallyBallot,
} from './ballot.ts';

const opensAt = new Date('2026-12-01T00:00:00Z');
const closesAt = new Date('2026-12-08T00:00:00Z');
const before = new Date('2026-11-30T23:59:59Z');
const during = new Date('2026-12-03T00:00:00Z');
const atClose = closesAt;
const open: BallotState = { status: 'open', opensAt, closesAt };

describe('ballotPhase', () => {
  it.each<[string, BallotState, Date, BallotPhase]>([
    ['before opensAt', open, before, 'scheduled'],
    ['at opensAt', open, opensAt, 'open'],
    ['during', open, during, 'open'],
    ['at closesAt, closed by the clock', open, atClose, 'closed'],
    ['closed early by the organiser', { ...open, status: 'closed' }, during, 'closed'],
    ['published', { ...open, status: 'published' }, during, 'published'],
  ])('%s', (_n, state, now, phase) => {
    expect(ballotPhase(state, now)).toBe(phase);
  });
});

const closed: BallotState = { ...open, status: 'closed' };
const published: BallotState = { ...open, status: 'published' };

describe('applyBallotAction: every action from every phase', () => {
  const phases: [BallotPhase, BallotState, Date][] = [
    ['scheduled', open, before],
    ['open', open, during],
    ['closed', closed, during],
    ['published', published, during],
  ];
  const allowed: Record<BallotAction, BallotPhase[]> = {
    vote: ['open'],
    mark_paper: ['open'],
    close: ['scheduled', 'open'],
    enter_paper: ['closed'],
    publish: ['closed'],
  };
  const cases = phases.flatMap(([phase, state, now]) =>
    ballotActions.map((a) => [a, phase, state, now, allowed[a].includes(phase)] as const),
  );
  it.each(cases)('%s from %s → allowed %s', (action, _phase, state, now, ok) => {
    const r = applyBallotAction(state, action, { now, paperPending: 0 });
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.violation.kind).toBe('conflict');
      expect(r.violation.message).toMatch(/投票|结果|选票/);
    }
  });

  it('closing stores closed, publishing published; voting changes nothing', () => {
    const c = applyBallotAction(open, 'close', { now: during });
    expect(c.ok && c.state.status).toBe('closed');
    const p = applyBallotAction(closed, 'publish', { now: during, paperPending: 0 });
    expect(p.ok && p.state.status).toBe('published');
    const v = applyBallotAction(open, 'vote', { now: during });
    expect(v.ok && v.state).toEqual(open);
  });

  it('a ballot past closesAt is closed though nobody closed it: no vote, publishable', () => {
    const v = applyBallotAction(open, 'vote', { now: atClose });
    expect(v).toEqual({ ok: false, violation: { kind: 'conflict', message: '投票已结束' } });
    expect(applyBallotAction(open, 'publish', { now: atClose, paperPending: 0 }).ok).toBe(true);
  });

  it('refuses to vote before it opens', () => {
    const v = applyBallotAction(open, 'vote', { now: before });
    expect(!v.ok && v.violation.message).toBe('投票尚未开始');
  });

  it.each([
    [1, false],
    [0, true],
  ])('publish with %i paper ballots not yet counted → %s', (pending, ok) => {
    const r = applyBallotAction(closed, 'publish', { now: during, paperPending: pending });
    expect(r.ok).toBe(ok);
    if (!r.ok)
      expect(r.violation).toEqual({ kind: 'rule', message: expect.stringContaining('1 张纸质选票') });
  });
});

describe('allowedBallotActions', () => {
  it.each([
    [{ voter: true, organiser: false }, open, during, ['vote']],
    [{ voter: false, organiser: true }, open, during, ['mark_paper', 'close']],
    [{ voter: true, organiser: true }, closed, during, ['enter_paper', 'publish']],
    [{ voter: true, organiser: true }, published, during, []],
    [{ voter: false, organiser: false }, open, during, []],
  ] as const)('%o', (actor, state, now, expected) => {
    const a = allowedBallotActions(state, now, actor);
    expect(ballotActions.filter((x) => a[x])).toEqual(expected);
  });
});

const form: BallotForm = {
  purpose: 'duty_review',
  items: [
    { key: 'person-1', label: '张三' },
    { key: 'person-2', label: '李四' },
  ],
  allowAbstain: true,
};
const strict: BallotForm = { ...form, allowAbstain: false };

describe('checkChoices', () => {
  it.each<[string, BallotForm, { key: string; choice: string | null }[], string[] | null]>([
    [
      'every item graded',
      form,
      [
        { key: 'person-1', choice: 'good' },
        { key: 'person-2', choice: 'poor' },
      ],
      null,
    ],
    ['an item left out is a blank (弃权)', form, [{ key: 'person-1', choice: 'good' }], null],
    [
      'no blank where the ballot allows none',
      strict,
      [{ key: 'person-1', choice: 'good' }],
      ['请为“李四”选择等次（本次投票不允许弃权）'],
    ],
    ['an unknown item', form, [{ key: 'person-9', choice: 'good' }], ['投票对象不在本次投票中']],
    [
      'a grade of another purpose',
      form,
      [{ key: 'person-1', choice: 'excellent' }],
      ['选项不是本次投票的等次'],
    ],
    [
      'the same item twice',
      form,
      [
        { key: 'person-1', choice: 'good' },
        { key: 'person-1', choice: 'poor' },
      ],
      ['同一投票对象只能选择一次'],
    ],
  ])('%s', (_n, f, given, problems) => {
    const r = checkChoices(f, given);
    if (problems === null) expect(r.ok).toBe(true);
    else expect(!r.ok && r.violations.map((v) => v.message)).toEqual(problems);
  });

  it('stores every item, blanks as null', () => {
    expect(checkChoices(form, [{ key: 'person-2', choice: 'average' }])).toEqual({
      ok: true,
      paper: { 'person-1': null, 'person-2': 'average' },
    });
  });
});

const entry = (a: Record<string, number>, abstainA: number, b: Record<string, number>, abstainB: number) => [
  { key: 'person-1', counts: a, abstain: abstainA },
  { key: 'person-2', counts: b, abstain: abstainB },
];

describe('checkBatchEntry', () => {
  it.each<[string, BallotForm, number, ReturnType<typeof entry>, string | null]>([
    ['counts and blanks add up to the papers', form, 5, entry({ good: 4 }, 1, { good: 2, poor: 3 }, 0), null],
    ['one paper too many', form, 5, entry({ good: 5 }, 1, { good: 5 }, 0), '为 6，应等于本批选票数 5'],
    ['one paper too few', form, 5, entry({ good: 4 }, 0, { good: 5 }, 0), '为 4，应等于本批选票数 5'],
    ['blanks where none are allowed', strict, 5, entry({ good: 4 }, 1, { good: 5 }, 0), '不允许弃权'],
    ['a grade of another purpose', form, 5, entry({ qualified: 5 }, 0, { good: 5 }, 0), '选项不是'],
    ['an item missing', form, 5, [{ key: 'person-1', counts: { good: 5 }, abstain: 0 }], '缺少“李四”的计票'],
  ])('%s', (_n, f, papers, e, problem) => {
    const r = checkBatchEntry(f, papers, e);
    if (problem === null) expect(r.ok).toBe(true);
    else expect(!r.ok && r.violations.map((v) => v.message).join()).toContain(problem);
  });
});

describe('compareBatchEntries', () => {
  it('identical entries match', () => {
    const a = entry({ good: 4 }, 1, { good: 2, poor: 3 }, 0);
    expect(compareBatchEntries(form, a, entry({ good: 4 }, 1, { poor: 3, good: 2 }, 0))).toEqual({
      match: true,
      differences: [],
    });
  });

  it('lists every differing count, item by item', () => {
    const r = compareBatchEntries(
      form,
      entry({ good: 4 }, 1, { good: 2, poor: 3 }, 0),
      entry({ good: 3, fairly_good: 1 }, 1, { good: 2, poor: 3 }, 0),
    );
    expect(r.match).toBe(false);
    expect(r.differences).toEqual([
      { key: 'person-1', label: '张三', choice: 'good', choiceLabel: '好', first: 4, second: 3 },
      { key: 'person-1', label: '张三', choice: 'fairly_good', choiceLabel: '较好', first: 0, second: 1 },
    ]);
  });

  it('a blank count that differs is named 弃权', () => {
    const r = compareBatchEntries(
      form,
      entry({ good: 5 }, 0, { good: 5 }, 0),
      entry({ good: 4 }, 1, { good: 5 }, 0),
    );
    expect(r.differences.map((d) => d.choiceLabel)).toEqual(['好', '弃权']);
  });
});

describe('tallyBallot', () => {
  it('adds phone papers and counted batches; per item the counts and blanks equal the papers cast', () => {
    const t = tallyBallot(
      form,
      [
        { 'person-1': 'good', 'person-2': 'poor' },
        { 'person-1': 'good', 'person-2': null },
        { 'person-1': 'average', 'person-2': 'good' },
      ],
      [{ paperCount: 2, entry: entry({ good: 1, poor: 1 }, 0, { good: 1 }, 1) }],
    );
    expect(t.cast).toBe(5);
    expect(t.castOnline).toBe(3);
    expect(t.castOnPaper).toBe(2);
    expect(t.items[0]).toEqual({
      key: 'person-1',
      label: '张三',
      counts: { good: 3, fairly_good: 0, average: 1, poor: 1 },
      abstain: 0,
    });
    expect(t.items[1]!.counts).toEqual({ good: 2, fairly_good: 0, average: 0, poor: 1 });
    expect(t.items[1]!.abstain).toBe(2);
    for (const item of t.items)
      expect(Object.values(item.counts).reduce((a, b) => a + b, 0) + item.abstain).toBe(t.cast);
  });

  it('no papers: every count zero', () => {
    const t = tallyBallot(form, [], []);
    expect(t.cast).toBe(0);
    expect(t.items.every((i) => i.abstain === 0 && Object.values(i.counts).every((c) => c === 0))).toBe(true);
  });
});
