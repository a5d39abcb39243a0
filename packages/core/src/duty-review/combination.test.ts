import { describe, expect, it } from 'vitest';
import {
  combineDutyReview,
  type DutyReviewRule,
  defaultDutyReviewRule,
  describeDutyReviewRule,
  dutyReviewRuleProblems,
} from './combination.ts';

const rule: DutyReviewRule = { ...defaultDutyReviewRule, poorShare: null };
const v = (good: number, fairly_good: number, average: number, poor: number) => ({
  good,
  fairly_good,
  average,
  poor,
});

describe('combineDutyReview: band edges are exact and inclusive (测评 70% + 党委评价 30%; 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60)', () => {
  // points 100 / 85 / 70 / 0
  it.each([
    ['all 好, evaluation 90 → 97', v(10, 0, 0, 0), 90, 97, 'good'],
    ['测评 90 (9 好 1 差) and 评价 90 → exactly 90: 好', v(9, 0, 0, 1), 90, 90, 'good'],
    ['测评 90 and 评价 89 → 89.7: 较好', v(9, 0, 0, 1), 89, 89.7, 'fairly_good'],
    ['测评 85 (all 较好) and 评价 70 → 80.5: 较好', v(0, 5, 0, 0), 70, 80.5, 'fairly_good'],
    ['测评 80 (8 好 2 差) and 评价 80 → exactly 80: 较好', v(8, 0, 0, 2), 80, 80, 'fairly_good'],
    ['测评 80 and 评价 79 → 79.7: 一般', v(8, 0, 0, 2), 79, 79.7, 'average'],
    ['测评 60 (6 好 4 差) and 评价 60 → exactly 60: 一般', v(6, 0, 0, 4), 60, 60, 'average'],
    ['测评 60 and 评价 59 → 59.7: 差', v(6, 0, 0, 4), 59, 59.7, 'poor'],
    ['测评 66.67 (2 好 1 差) and 评价 100 → 76.67: 一般', v(2, 0, 0, 1), 100, 76.67, 'average'],
  ] as const)('%s', (_name, votes, evaluation, score, grade) => {
    const r = combineDutyReview(rule, votes, evaluation);
    expect(r.ok && { score: r.score, grade: r.grade }).toEqual({ score, grade });
  });

  it('a score exactly on a band edge takes that band (whole numbers, no float rounding decides)', () => {
    const only = { ...rule, ballotWeight: 100, evaluationWeight: 0 };
    // 好 100, 较好 85, 一般 70, 差 0 — 9 好 + 1 差 = 90 exactly
    expect(combineDutyReview(only, v(9, 0, 0, 1), null)).toMatchObject({
      ok: true,
      score: 90,
      grade: 'good',
    });
    // 8 好 + 1 一般 + 1 差 = 87 → 较好; 2 好 + 1 一般 + 1 差 … 3 votes of 80 edge: 好 + 较好 + … use 80 = (100+85+70+… )
    expect(combineDutyReview(only, v(8, 0, 1, 1), null)).toMatchObject({ score: 87, grade: 'fairly_good' });
    // 一般 ×6 + 好 ×0 … 60 = 6 × 70 + 1 × 0 … (420)/7 = 60 exactly
    expect(combineDutyReview(only, v(0, 0, 6, 1), null)).toMatchObject({ score: 60, grade: 'average' });
    // 59.99…: (3×70 + 0)/… 5 一般 + 1 差 = 58.33 → 差
    expect(combineDutyReview(only, v(0, 0, 5, 1), null)).toMatchObject({ grade: 'poor' });
    // 1/3 edge: 2 好 + 1 差 = 66.67 → 一般 (not rounded up into anything)
    expect(combineDutyReview(only, v(2, 0, 0, 1), null)).toMatchObject({ score: 66.67, grade: 'average' });
  });

  it('without votes, or without the evaluation its weight needs, nothing is computed', () => {
    expect(combineDutyReview(rule, v(0, 0, 0, 0), 90)).toEqual({
      ok: false,
      reason: '没有有效测评票，无法计算测评得分',
    });
    expect(combineDutyReview(rule, v(1, 0, 0, 0), null)).toEqual({
      ok: false,
      reason: '尚未填写党委（党总支）评价分',
    });
    expect(
      combineDutyReview({ ...rule, ballotWeight: 100, evaluationWeight: 0 }, v(1, 0, 0, 0), null).ok,
    ).toBe(true);
  });
});

describe('combineDutyReview: a share of 差 votes caps the grade when the school sets it', () => {
  const capped = (atLeastPercent: number, cap: 'average' | 'poor'): DutyReviewRule => ({
    ...rule,
    ballotWeight: 100,
    evaluationWeight: 0,
    poorShare: { atLeastPercent, cap },
  });
  it.each([
    // 20 好 + 10 差 = 66.67 → 一般 anyway; 27 好 + 3 差 = 90 → 好, 10% 差
    ['10% 差 reaches 10% → at most 一般', capped(10, 'average'), v(27, 0, 0, 3), 'good', 'average', true],
    ['10% 差 below 11% → 好 stays', capped(11, 'average'), v(27, 0, 0, 3), 'good', 'good', false],
    [
      'exactly one third: 1 of 3 at 34% → not reached',
      capped(34, 'average'),
      v(2, 0, 0, 1),
      'average',
      'average',
      false,
    ],
    ['cap 差: 10% reaches 10% → 差', capped(10, 'poor'), v(27, 0, 0, 3), 'good', 'poor', true],
    [
      'a grade already below the cap is not raised',
      capped(1, 'average'),
      v(0, 0, 5, 1),
      'poor',
      'poor',
      false,
    ],
  ] as const)('%s', (_n, r, votes, bandGrade, grade, isCapped) => {
    const out = combineDutyReview(r, votes, null);
    expect(out.ok && [out.bandGrade, out.grade, out.cappedBy !== null]).toEqual([bandGrade, grade, isCapped]);
  });
});

describe('dutyReviewRuleProblems', () => {
  it('accepts the default rule and says it in words', () => {
    expect(dutyReviewRuleProblems(defaultDutyReviewRule)).toEqual([]);
    expect(describeDutyReviewRule(defaultDutyReviewRule)).toContain(
      '民主测评得分 × 70% + 党委（党总支）评价分 × 30%',
    );
  });
  it.each([
    ['weights not summing to 100', { ballotWeight: 70, evaluationWeight: 20 }, 'rule.ballotWeight'],
    ['weights summing to 101', { ballotWeight: 71, evaluationWeight: 30 }, 'rule.ballotWeight'],
    ['no ballot at all', { ballotWeight: 0, evaluationWeight: 100 }, 'rule.ballotWeight'],
    ['fractional weight', { ballotWeight: 70.5, evaluationWeight: 29.5 }, 'rule.ballotWeight'],
    ['bands out of order', { bands: { good: 80, fairly_good: 80, average: 60 } }, 'rule.bands.fairly_good'],
    [
      'points out of order',
      { points: { good: 100, fairly_good: 100, average: 70, poor: 0 } },
      'rule.points.fairly_good',
    ],
    [
      'a 差 share of 0%',
      { poorShare: { atLeastPercent: 0, cap: 'average' as const } },
      'rule.poorShare.atLeastPercent',
    ],
  ])('refuses %s', (_n, change, path) => {
    const problems = dutyReviewRuleProblems({ ...defaultDutyReviewRule, ...change });
    expect(problems.map((p) => p.path)).toContain(path);
    for (const p of problems) expect(p.message).toMatch(/：/);
  });
  it('accepts weights 100 + 0 and 1 + 99', () => {
    expect(
      dutyReviewRuleProblems({ ...defaultDutyReviewRule, ballotWeight: 100, evaluationWeight: 0 }),
    ).toEqual([]);
    expect(
      dutyReviewRuleProblems({ ...defaultDutyReviewRule, ballotWeight: 1, evaluationWeight: 99 }),
    ).toEqual([]);
  });
});
