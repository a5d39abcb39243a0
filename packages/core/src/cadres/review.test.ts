import { describe, expect, it } from 'vitest';
import {
  applyCadreReviewStep,
  type CadreReviewFacts,
  type CadreReviewRule,
  cadreExcellentQuota,
  cadreExcellentQuotaProblem,
  cadreGradeProblems,
  cadreReviewFiveDimensions,
  cadreReviewRuleProblems,
  combineCadreReview,
  defaultCadreConsequenceRule,
  defaultCadreReviewRule,
  describeCadreReviewRule,
  dueConsequences,
  nextCadreReviewStep,
  pendingConsequences,
} from './review.ts';
import { type CadreReviewGradeFact, evaluateCadreReviewRules } from './review-rules.ts';

describe('cadreExcellentQuota: 20 % of those graded, rounded down', () => {
  it.each([
    [20, 20, 4],
    [5, 20, 1],
    [4, 20, 0],
    [9, 20, 1],
    [10, 20, 2],
    [14, 20, 2],
    [15, 20, 3],
    [180, 20, 36],
    [180, 15, 27],
    [7, 15, 1],
    [6, 15, 0],
    [0, 20, 0],
  ])('%i graded at %i%% → %i', (graded, percent, quota) => {
    expect(cadreExcellentQuota(graded, percent)).toBe(quota);
  });

  it.each([
    ['4 of 20 ok', 4, 20, null],
    ['5 of 20 refused', 5, 20, '优秀不超过 20%（向下取整 4 人），已评 5 人'],
    ['1 of 5 ok', 1, 5, null],
    ['2 of 5 refused', 2, 5, '向下取整 1 人'],
    ['0 of 4 ok', 0, 4, null],
    ['1 of 4 refused (0.8 rounds down to 0)', 1, 4, '向下取整 0 人'],
  ] as const)('%s', (_n, excellent, graded, message) => {
    const p = cadreExcellentQuotaProblem(excellent, graded, 20);
    if (message === null) expect(p).toBeNull();
    else {
      expect(p).toContain(message);
      expect(p).toContain('党政领导干部考核工作条例');
    }
  });
});

const v = (excellent: number, competent: number, basically_competent: number, incompetent: number) => ({
  excellent,
  competent,
  basically_competent,
  incompetent,
});
const noCap: CadreReviewRule = { ...defaultCadreReviewRule, lowShare: null };

describe('combineCadreReview: 测评 70% + 党委评价 30%; 优秀 ≥ 90, 称职 ≥ 70, 基本称职 ≥ 60 (inclusive)', () => {
  // points 100 / 80 / 60 / 0
  it.each([
    ['all 优秀, evaluation 100 → 100', v(10, 0, 0, 0), 100, 100, 'excellent'],
    ['测评 90 (1 优秀 1 称职 = 90) and 评价 90 → exactly 90: 优秀', v(1, 1, 0, 0), 90, 90, 'excellent'],
    ['测评 90 and 评价 89 → 89.7: 称职', v(1, 1, 0, 0), 89, 89.7, 'competent'],
    ['all 称职 (80) and 评价 50 → 71: 称职', v(0, 5, 0, 0), 50, 71, 'competent'],
    ['测评 70 (1 称职 1 基本称职) and 评价 70 → exactly 70: 称职', v(0, 1, 1, 0), 70, 70, 'competent'],
    ['测评 70 and 评价 69 → 69.7: 基本称职', v(0, 1, 1, 0), 69, 69.7, 'basically_competent'],
    ['all 基本称职 (60) and 评价 60 → exactly 60: 基本称职', v(0, 0, 4, 0), 60, 60, 'basically_competent'],
    ['all 基本称职 and 评价 59 → 59.7: 不称职', v(0, 0, 4, 0), 59, 59.7, 'incompetent'],
  ] as const)('%s', (_n, votes, evaluation, score, grade) => {
    const r = combineCadreReview(noCap, votes, evaluation);
    expect(r.ok && { score: r.score, grade: r.grade }).toEqual({ score, grade });
  });

  it('without votes, or without the evaluation its weight needs, nothing is computed', () => {
    expect(combineCadreReview(noCap, v(0, 0, 0, 0), 90)).toEqual({
      ok: false,
      reason: '没有有效测评票，无法计算测评得分',
    });
    expect(combineCadreReview(noCap, v(1, 0, 0, 0), null)).toEqual({
      ok: false,
      reason: '尚未填写党委评价分',
    });
    expect(
      combineCadreReview({ ...noCap, ballotWeight: 100, evaluationWeight: 0 }, v(1, 0, 0, 0), null).ok,
    ).toBe(true);
  });
});

describe('combineCadreReview: 基本称职 + 不称职 votes reaching the share cap the grade', () => {
  const only = (atLeastPercent: number, cap: 'basically_competent' | 'incompetent'): CadreReviewRule => ({
    ...defaultCadreReviewRule,
    ballotWeight: 100,
    evaluationWeight: 0,
    lowShare: { atLeastPercent, cap },
  });
  it.each([
    // 66 优秀 + 34 不称职 = 66 → 基本称职 anyway; 2 优秀 + 1 基本称职 = 86.67 → 称职 band
    [
      '1 low of 3 (33.3 %) under 34 % → 称职 stays',
      only(34, 'basically_competent'),
      v(2, 0, 1, 0),
      'competent',
      'competent',
      false,
    ],
    [
      '34 low of 100 reaches 34 % → 基本称职',
      only(34, 'basically_competent'),
      v(66, 0, 34, 0),
      'competent',
      'basically_competent',
      true,
    ],
    [
      '33 low of 100 → not reached',
      only(34, 'basically_competent'),
      v(67, 0, 33, 0),
      'competent',
      'competent',
      false,
    ],
    ['cap 不称职', only(34, 'incompetent'), v(66, 0, 34, 0), 'competent', 'incompetent', true],
    [
      'a grade already below the cap is not raised',
      only(1, 'basically_competent'),
      v(0, 0, 0, 5),
      'incompetent',
      'incompetent',
      false,
    ],
  ] as const)('%s', (_n, rule, votes, band, grade, capped) => {
    const r = combineCadreReview(rule, votes, null);
    expect(r.ok && [r.bandGrade, r.grade, r.cappedBy !== null]).toEqual([band, grade, capped]);
  });
});

describe('cadreReviewRuleProblems', () => {
  it('accepts the default and says it in words', () => {
    expect(cadreReviewRuleProblems(defaultCadreReviewRule)).toEqual([]);
    const text = describeCadreReviewRule(defaultCadreReviewRule);
    expect(text).toContain('民主测评项目：总体评价');
    expect(
      describeCadreReviewRule({ ...defaultCadreReviewRule, dimensions: [...cadreReviewFiveDimensions] }),
    ).toContain('民主测评项目：德、能、勤、绩、廉');
    expect(text).toContain('民主测评得分 × 70% + 党委评价分 × 30%');
    expect(text).toContain('优秀不超过参加考核人数的 20%（向下取整）');
  });
  it.each([
    ['weights not summing to 100', { ballotWeight: 70, evaluationWeight: 20 }, 'rule.ballotWeight'],
    ['no ballot', { ballotWeight: 0, evaluationWeight: 100 }, 'rule.ballotWeight'],
    [
      'bands out of order',
      { bands: { excellent: 70, competent: 70, basically_competent: 60 } },
      'rule.bands.competent',
    ],
    [
      'points out of order',
      { points: { excellent: 80, competent: 80, basically_competent: 60, incompetent: 0 } },
      'rule.points.competent',
    ],
    ['quota 21 %', { excellentQuotaPercent: 21 }, 'rule.excellentQuotaPercent'],
    ['no items', { dimensions: [] }, 'rule.dimensions'],
    ['repeated items', { dimensions: ['德', '德'] }, 'rule.dimensions'],
  ])('refuses %s', (_n, change, path) => {
    const problems = cadreReviewRuleProblems({ ...defaultCadreReviewRule, ...change });
    expect(problems.map((p) => p.path)).toContain(path);
    for (const p of problems) expect(p.message).toMatch(/：/);
  });
  it('accepts a 15 % and a 0 % quota', () => {
    expect(cadreReviewRuleProblems({ ...defaultCadreReviewRule, excellentQuotaPercent: 15 })).toEqual([]);
    expect(cadreReviewRuleProblems({ ...defaultCadreReviewRule, excellentQuotaPercent: 0 })).toEqual([]);
  });
});

describe('cadreGradeProblems: an override needs its reason', () => {
  it.each([
    ['the computed grade', 'competent', 'competent', null, 0],
    ['another without reason', 'competent', 'excellent', null, 1],
    ['another with blank reason', 'competent', 'excellent', '  ', 1],
    ['another with reason', 'competent', 'basically_competent', '年内受到通报批评', 0],
    ['nothing computed, no reason', null, 'competent', null, 1],
  ] as const)('%s', (_n, computed, grade, reason, problems) => {
    expect(cadreGradeProblems(computed, grade, reason)).toHaveLength(problems);
  });
});

describe('dueConsequences: the default rule', () => {
  const kinds = (g: Parameters<typeof dueConsequences>[1], prev: Parameters<typeof dueConsequences>[2]) =>
    dueConsequences(defaultCadreConsequenceRule, g, prev).map((d) => d.kind);
  it.each([
    ['优秀', 'excellent', null, []],
    ['称职', 'competent', 'basically_competent', []],
    ['基本称职 → 黄牌', 'basically_competent', null, ['yellow_card']],
    ['基本称职 after 称职 → 黄牌', 'basically_competent', 'competent', ['yellow_card']],
    [
      '基本称职 twice → 红牌 and 调整',
      'basically_competent',
      'basically_competent',
      ['red_card', 'post_adjustment'],
    ],
    ['不称职 → 红牌 and 调整', 'incompetent', null, ['red_card', 'post_adjustment']],
  ] as const)('%s', (_n, grade, prev, expected) => {
    expect(kinds(grade, prev)).toEqual(expected);
  });
  it('each names its reason; a school may ask nothing for 基本称职', () => {
    for (const d of dueConsequences(defaultCadreConsequenceRule, 'incompetent', null))
      expect(d.reason).toContain('不称职');
    expect(
      dueConsequences(
        { ...defaultCadreConsequenceRule, basically_competent: [] },
        'basically_competent',
        null,
      ),
    ).toEqual([]);
  });
  it('a recorded consequence of the kind settles it', () => {
    const due = dueConsequences(defaultCadreConsequenceRule, 'incompetent', null);
    expect(pendingConsequences(due, ['red_card']).map((d) => d.kind)).toEqual(['post_adjustment']);
    expect(pendingConsequences(due, ['red_card', 'post_adjustment'])).toEqual([]);
  });
});

describe('applyCadreReviewStep: 准备 → 述职 → 测评 → 评定 → 公布', () => {
  const facts = (over: Partial<CadreReviewFacts> = {}): CadreReviewFacts => ({
    subjects: [
      { name: '甲', reported: true, grade: 'excellent' },
      { name: '乙', reported: true, grade: 'competent' },
      { name: '丙', reported: true, grade: 'competent' },
      { name: '丁', reported: true, grade: 'competent' },
      { name: '戊', reported: true, grade: 'basically_competent' },
    ],
    tallied: true,
    excellentQuotaPercent: 20,
    ...over,
  });
  it.each([
    ['preparing', 'open_reports', 'reporting'],
    ['reporting', 'open_voting', 'voting'],
    ['voting', 'close_voting', 'grading'],
    ['grading', 'publish', 'published'],
  ] as const)('%s —%s→ %s', (from, step, to) => {
    expect(applyCadreReviewStep(from, step, facts())).toEqual({ ok: true, status: to });
    expect(nextCadreReviewStep(from)).toBe(step);
  });
  it('nothing after 公布', () => expect(nextCadreReviewStep('published')).toBeNull());

  const statuses = ['preparing', 'reporting', 'voting', 'grading', 'published'] as const;
  const steps = ['open_reports', 'open_voting', 'close_voting', 'publish'] as const;
  const legal = new Set([
    'preparing:open_reports',
    'reporting:open_voting',
    'voting:close_voting',
    'grading:publish',
  ]);
  it.each(statuses.flatMap((s) => steps.filter((t) => !legal.has(`${s}:${t}`)).map((t) => [s, t] as const)))(
    'refuses %s → %s as a conflict naming the stage',
    (status, step) => {
      const r = applyCadreReviewStep(status, step, facts());
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.violations[0]!.kind).toBe('conflict');
        expect(r.violations[0]!.message).toMatch(/^该年度考核处于.+阶段，不能/);
      }
    },
  );

  it.each([
    ['no cadres', 'preparing', 'open_reports', { subjects: [] }, '本轮考核没有干部'],
    [
      'a cadre without 述职',
      'reporting',
      'open_voting',
      { subjects: [{ name: '甲', reported: false, grade: null }] },
      '甲尚无述职',
    ],
    ['the ballot not counted', 'voting', 'close_voting', { tallied: false }, '测评票尚未结束计票'],
    [
      'a cadre not graded',
      'grading',
      'publish',
      { subjects: [{ name: '甲', reported: true, grade: null }] },
      '甲尚未评定等次',
    ],
    [
      '2 优秀 of 5 over the quota of 1',
      'grading',
      'publish',
      {
        subjects: [
          { name: '甲', reported: true, grade: 'excellent' },
          { name: '乙', reported: true, grade: 'excellent' },
          { name: '丙', reported: true, grade: 'competent' },
          { name: '丁', reported: true, grade: 'competent' },
          { name: '戊', reported: true, grade: 'competent' },
        ],
      },
      '优秀等次名额',
    ],
  ] as const)('refuses with its rule: %s', (_n, status, step, over, message) => {
    const r = applyCadreReviewStep(status, step, facts(over as Partial<CadreReviewFacts>));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.violations[0]!.kind).toBe('field');
      expect(r.violations[0]!.message).toContain(message);
    }
  });
});

describe('evaluateCadreReviewRules: a 不称职 or a 红牌 due raises a finding until recorded', () => {
  const fact = (over: Partial<CadreReviewGradeFact> = {}): CadreReviewGradeFact => ({
    subjectId: 7,
    year: 2026,
    roundTitle: '2026年度中层干部年度考核',
    org: { id: 1, name: '院党委' },
    personId: 42,
    name: '周主任',
    grade: 'incompetent',
    previousGrade: null,
    rule: defaultCadreConsequenceRule,
    recorded: [],
    ...over,
  });
  it.each([
    ['不称职, nothing recorded', fact(), ['红牌（诫勉）、调整职务（能上能下）尚未落实']],
    ['不称职, 红牌 recorded', fact({ recorded: ['red_card'] }), ['调整职务（能上能下）尚未落实']],
    ['不称职, both recorded', fact({ recorded: ['red_card', 'post_adjustment'] }), []],
    ['基本称职 once: a 黄牌 is no finding', fact({ grade: 'basically_competent' }), []],
    [
      '基本称职 twice: 红牌 due',
      fact({ grade: 'basically_competent', previousGrade: 'basically_competent' }),
      ['（连续两年），红牌（诫勉）、调整职务（能上能下）尚未落实'],
    ],
    ['称职', fact({ grade: 'competent' }), []],
  ] as const)('%s', (_n, f, messages) => {
    const found = evaluateCadreReviewRules([f]);
    expect(found).toHaveLength(messages.length);
    for (const [i, m] of messages.entries()) {
      expect(found[i]!.message).toContain(m);
      expect(found[i]).toMatchObject({
        ruleId: 'cadre_review.consequence_pending',
        orgId: 1,
        personId: 42,
        subject: 'cadre-review-subject-7',
        period: '2026',
      });
      expect(found[i]!.clause.source).toContain('党政领导干部考核工作条例');
    }
  });
});
