import { describe, expect, it } from 'vitest';
import {
  followUpBand,
  quotaAllowance,
  quotaConflicts,
  type RatedResult,
  ratingEligibility,
  rectificationProposals,
  scoreOutOf100,
  starLabel,
} from './results.ts';
import { scoreAssessment } from './scoring.ts';
import { systemFromTemplate } from './templates.ts';
import { facts, fullFacts, fullJudgements, judge, makeSystem } from './test-fixtures.ts';

describe('eligibility: a branch younger than a year on the reference date is not rated', () => {
  it.each([
    ['2025-12-31', '2026-12-31', true],
    ['2026-01-01', '2026-12-31', false],
    ['2025-06-15', '2026-06-15', true],
    ['2025-06-16', '2026-06-15', false],
    ['2024-02-29', '2025-02-28', true],
    ['2024-02-29', '2025-02-27', false],
    ['2027-01-01', '2026-12-31', false],
    ['1990-01-01', '2026-12-31', true],
  ])('founded %s, reference %s → rated %s', (founded, ref, eligible) => {
    expect(ratingEligibility(founded, ref, 12).eligible).toBe(eligible);
  });

  it('says why, and from when it will be rated', () => {
    const e = ratingEligibility('2026-03-01', '2026-12-31', 12);
    expect(e).toEqual({
      eligible: false,
      reason: '成立于 2026-03-01，至考核参照日 2026-12-31 不满1年，本轮不参加评定（2027-03-01 起可参评）',
    });
    expect(ratingEligibility('2026-12-30', '2026-12-31', null).eligible).toBe(true);
    expect(ratingEligibility('2026-10-01', '2026-12-31', 6)).toMatchObject({
      reason: expect.stringContaining('不满6个月'),
    });
  });
});

const results = (n: number, fiveStars: number): RatedResult[] =>
  Array.from({ length: n }, (_, i) => ({
    orgId: i + 1,
    orgName: `第${i + 1}支部`,
    stars: i < fiveStars ? 5 : 3,
  }));

describe('quotas: 五星级 at most 30 % of the rated branches', () => {
  const quota = [{ minStars: 5, maxPercent: 30 }];
  it.each([
    [3, 0],
    [10, 3],
    [31, 9],
    [1, 0],
    [4, 1],
    [100, 30],
  ])('%s rated → at most %s', (rated, allowed) => {
    expect(quotaAllowance(rated, 30)).toBe(allowed);
    expect(quotaConflicts(results(rated, allowed), quota)).toEqual([]);
    expect(quotaConflicts(results(rated, allowed + 1), quota)).toHaveLength(1);
  });

  it('percentages are whole-number arithmetic: 29 % of 100 is 29, not 28', () => {
    expect(quotaAllowance(100, 29)).toBe(29);
    expect(quotaAllowance(7, 100)).toBe(7);
    expect(quotaAllowance(7, 0)).toBe(0);
  });

  it('a refusal names the rule and the orgs', () => {
    const [c] = quotaConflicts(results(10, 4), quota);
    expect(c).toMatchObject({ ratedCount: 10, allowed: 3, actual: 4 });
    expect(c!.orgs.map((o) => o.orgName)).toEqual(['第1支部', '第2支部', '第3支部', '第4支部']);
    expect(c!.message).toBe(
      '五星级不超过参评党组织的30%：参评 10 个，最多 3 个，现有 4 个（第1支部、第2支部、第3支部、第4支部）',
    );
  });

  it('a level and above: 四星级及以上 at most 60 %', () => {
    const r = [...results(5, 2), ...results(5, 0).map((x) => ({ ...x, orgId: x.orgId + 5, stars: 4 }))];
    const c = quotaConflicts(r, [
      { minStars: 5, maxPercent: 30 },
      { minStars: 4, maxPercent: 60 },
    ]);
    expect(c.map((x) => [x.rule.minStars, x.allowed, x.actual])).toEqual([[4, 6, 7]]);
    expect(c[0]!.message).toMatch(/^四星级及以上不超过参评党组织的60%/);
  });

  it('orgs not rated do not count; a partial set is checked against the whole round', () => {
    const r = [...results(3, 3), { orgId: 99, orgName: '新支部', stars: null }];
    expect(quotaConflicts(r, quota)[0]).toMatchObject({ ratedCount: 3, allowed: 0 });
    expect(quotaConflicts(results(3, 3), quota, 10)).toEqual([]);
    expect(quotaConflicts(results(4, 4), quota, 10)).toHaveLength(1);
  });
});

describe('follow-up bands', () => {
  const system = makeSystem();
  const scored = (x2: number, y2: number, extra = [] as ReturnType<typeof judge>[]) =>
    scoreAssessment(system, fullFacts, [judge('X2', x2), judge('Y2', y2), ...extra], []);

  it.each([
    [20, 40, 5, 'exemplary'],
    [20, 25, 4, 'improve'],
    [20, 15, 3, 'improve'],
    [20, 5, 2, 'rectify'],
  ] as const)('X2 %s, Y2 %s → %s stars → %s', (x2, y2, stars, band) => {
    const s = scored(x2, y2);
    expect(s.stars).toBe(stars);
    expect(followUpBand(system, s)).toBe(band);
  });

  it('a veto means 整改 whatever the score', () => {
    expect(followUpBand(system, scored(20, 40, [judge('V1', true)]))).toBe('rectify');
  });

  it('by score: the yearly 党建考评 — 示范 from 90, 整改 below 70', () => {
    const annual = systemFromTemplate('annual_secondary', 2026);
    const at = (total: number) => followUpBand(annual, { ...scoreAssessment(annual, {}, [], []), total });
    expect([at(90), at(89.99), at(70), at(69.99)]).toEqual(['exemplary', 'improve', 'improve', 'rectify']);
  });

  it('pass/fail: 不达标 → 整改; all passed → 示范; passed with optional items failing → 提升', () => {
    const std = systemFromTemplate('all_pass_branch', 2026);
    const s = scoreAssessment(std, {}, [], []);
    expect(followUpBand(std, s)).toBe('rectify');
    expect(followUpBand(std, { ...s, passed: true, passedCount: s.passFailCount })).toBe('exemplary');
    expect(followUpBand(std, { ...s, passed: true, passedCount: s.passFailCount - 1 })).toBe('improve');
  });

  it('the score out of 100 for the performance export', () => {
    expect(scoreOutOf100({ total: 45, maxScore: 50 })).toBe(90);
    expect(scoreOutOf100({ total: 0, maxScore: 0 })).toBe(0);
    expect(starLabel(5)).toBe('五星级');
  });
});

describe('rectification proposals of a 整改 result', () => {
  const system = makeSystem();

  it('none unless the band is 整改', () => {
    const s = scoreAssessment(system, fullFacts, fullJudgements, []);
    expect(rectificationProposals(system, s)).toEqual([]);
  });

  it('vetoes, deductions and base indicators under 60 % of their maximum, each with its evidence', () => {
    const s = scoreAssessment(
      system,
      facts({ three_meetings_one_lecture_rate: 0.55, rectifications_overdue: 2, term_overdue_days: 400 }),
      [judge('X2', 12, 'department', '年度计划未落实'), judge('Y2', 24)],
      [],
    );
    expect(followUpBand(system, s)).toBe('rectify');
    expect(rectificationProposals(system, s)).toEqual([
      {
        itemId: 'V2',
        reason: 'veto',
        dimensionTitle: null,
        problem: '【测试体系】一票否决：超期未换届超过一年（超期未换届天数：400 天）',
      },
      {
        itemId: 'X1',
        reason: 'shortfall',
        dimensionTitle: '工作运行',
        problem: '【测试体系·工作运行】三会一课：得 0 分（满分 10 分；“三会一课”按期完成率：55%）',
      },
      {
        itemId: 'X4',
        reason: 'deduction',
        dimensionTitle: '工作运行',
        problem: '【测试体系·工作运行】逾期整改：扣 2 分（2 项；逾期未销号的整改事项数：2）',
      },
      {
        itemId: 'Y1',
        reason: 'shortfall',
        dimensionTitle: '班子建设',
        problem: '【测试体系·班子建设】按期换届：得 0 分（满分 30 分；超期未换届天数：400 天）',
      },
    ]);
  });

  it('exactly 60 % is not a shortfall; a judged shortfall quotes the comment', () => {
    const s = scoreAssessment(
      system,
      fullFacts,
      [judge('X2', 11.99, 'department', '计划未经支委会研究'), judge('Y2', 24), judge('V1', true)],
      [],
    );
    const p = rectificationProposals(system, s);
    expect(p.map((x) => x.itemId)).toEqual(['V1', 'X2']);
    expect(p[1]!.problem).toBe(
      '【测试体系·工作运行】工作计划：得 11.99 分（满分 20 分；计划未经支委会研究）',
    );
  });

  it('a failed pass/fail indicator becomes an item', () => {
    const std = systemFromTemplate('all_pass_branch', 2026);
    const s = scoreAssessment(std, facts({ talk_coverage: 0.8 }), [], []);
    const p = rectificationProposals(std, s);
    expect(p.find((x) => x.itemId === 'G3.1')).toMatchObject({
      reason: 'failed',
      problem: expect.stringContaining('谈心谈话全覆盖：未达标（谈心谈话覆盖率：80%）'),
    });
  });
});
