import { describe, expect, it } from 'vitest';
import { type Adjustment, bandFor, judgementProblems, scoreAssessment, starsForScore } from './scoring.ts';
import { systemFromTemplate } from './templates.ts';
import { facts, fullFacts, fullJudgements, judge, makeSystem } from './test-fixtures.ts';

const system = makeSystem();
const x1 = system.dimensions[0]!.indicators[0]!;
const bands = x1.method === 'computed' ? x1.bands : [];

const indicator = (score: ReturnType<typeof scoreAssessment>, id: string) =>
  score.dimensions.flatMap((d) => d.indicators).find((i) => i.id === id)!;

describe('bands', () => {
  it.each([
    [0, 0],
    [0.5999, 0],
    [0.6, 5],
    [0.8999, 5],
    [0.9, 10],
    [1, 10],
    [1.5, 10],
  ])('a 三会一课 rate of %s scores %s', (value, points) => {
    expect(bandFor(bands, value)?.points).toBe(points);
    const s = scoreAssessment(
      system,
      { ...fullFacts, ...facts({ three_meetings_one_lecture_rate: value }) },
      fullJudgements,
      [],
    );
    const x = indicator(s, 'X1');
    expect(x.points).toBe(points);
    expect(x.provenance).toMatchObject({
      kind: 'metric',
      computed: { metric: 'three_meetings_one_lecture_rate', value, band: bandFor(bands, value) },
    });
  });

  it('a value below every band matches none and scores 0', () => {
    expect(bandFor(bands, -1)).toBeNull();
  });

  it('a metric that does not apply scores by notApplicable: full marks, or 0', () => {
    const s = scoreAssessment(
      system,
      facts({ three_meetings_one_lecture_rate: null, term_overdue_days: null, rectifications_overdue: 0 }),
      fullJudgements,
      [],
    );
    expect(indicator(s, 'X1')).toMatchObject({
      points: 10,
      provenance: { kind: 'metric', notApplicable: true },
    });
    expect(indicator(s, 'Y1')).toMatchObject({
      points: 0,
      provenance: { kind: 'metric', notApplicable: true },
    });
    expect(s.missingMetrics).toEqual([]);
  });

  it('a metric the facts lack scores 0 and is listed, not hidden', () => {
    const s = scoreAssessment(system, facts({ rectifications_overdue: 0 }), fullJudgements, []);
    expect(indicator(s, 'X1').points).toBe(0);
    expect(indicator(s, 'X1').provenance).toMatchObject({ computed: { missing: true, display: '无数据' } });
    expect(s.missingMetrics).toEqual(['three_meetings_one_lecture_rate', 'term_overdue_days']);
  });
});

describe('weights and subtotals', () => {
  it('full marks give the maximum: dimensions add up to 100', () => {
    const s = scoreAssessment(system, fullFacts, fullJudgements, []);
    expect(s.dimensions.map((d) => [d.id, d.base, d.subtotal])).toEqual([
      ['X', 30, 30],
      ['Y', 70, 70],
    ]);
    expect(s.total).toBe(100);
    expect(s.stars).toBe(5);
    expect(s.pending).toEqual([]);
  });

  it('judged points are clamped to the indicator maximum and keep two decimals', () => {
    const s = scoreAssessment(system, fullFacts, [judge('X2', 12.35), judge('Y2', 55)], []);
    expect(indicator(s, 'X2').points).toBe(12.35);
    expect(indicator(s, 'Y2').points).toBe(40);
    expect(s.total).toBe(92.35);
  });

  it('an item with no judgement scores 0 and is pending', () => {
    const s = scoreAssessment(system, fullFacts, [judge('X2', 20)], []);
    expect(indicator(s, 'Y2')).toMatchObject({ points: 0, provenance: { kind: 'pending' } });
    expect(s.pending).toEqual(['Y2']);
    expect(s.total).toBe(60);
  });

  it('the latest level counts, with the 自评 kept beside it', () => {
    const s = scoreAssessment(
      system,
      fullFacts,
      [
        judge('X2', 18, 'self'),
        judge('X2', 15, 'general_branch'),
        judge('X2', 16, 'department'),
        judge('Y2', 40),
      ],
      [],
    );
    expect(indicator(s, 'X2')).toMatchObject({
      points: 16,
      provenance: { kind: 'judgement', judgement: { level: 'department', value: 16 }, selfValue: 18 },
    });
    const order = scoreAssessment(
      system,
      fullFacts,
      [
        judge('X2', 16, 'department'),
        judge('X2', 15, 'general_branch'),
        judge('X2', 18, 'self'),
        judge('Y2', 40),
      ],
      [],
    );
    expect(order.total).toBe(s.total);
  });

  it('an override keeps its reason next to the computed value', () => {
    const adj: Adjustment = { itemId: 'X1', level: 'department', value: 8, reason: '两次会议记录补录已核实' };
    const s = scoreAssessment(
      system,
      { ...fullFacts, ...facts({ three_meetings_one_lecture_rate: 0.7 }) },
      fullJudgements,
      [adj],
    );
    expect(indicator(s, 'X1')).toMatchObject({
      points: 8,
      provenance: {
        kind: 'override',
        computedValue: 5,
        computed: { value: 0.7, display: '70%', band: { min: 0.6, max: 0.9, points: 5 } },
        adjustment: { reason: '两次会议记录补录已核实' },
      },
    });
  });
});

describe('bonus and deduction caps', () => {
  it.each([
    // [X3 count, Y3 count, overdue rectifications, X bonus, Y bonus, X deduction, X cap, total]
    [1, 0, 0, 2, 0, 0, null, 100],
    [3, 0, 0, 5, 0, 0, 'dimension', 100],
    [3, 1, 0, 5, 3, 0, 'dimension', 100],
    [3, 3, 0, 5, 3, 0, 'dimension', 100],
    [0, 3, 0, 0, 8, 0, null, 100],
    [0, 0, 2, 0, 0, 2, null, 98],
    [0, 0, 4, 0, 0, 3, null, 97],
    [0, 0, 9, 0, 0, 3, null, 97],
  ] as const)(
    'bonus ×%s, ×%s, %s overdue → X +%s, Y +%s, X −%s',
    (b1, b2, overdue, xb, yb, xd, xCap, total) => {
      const s = scoreAssessment(
        system,
        { ...fullFacts, ...facts({ rectifications_overdue: overdue }) },
        [...fullJudgements, judge('X3', b1), judge('Y3', b2)],
        [],
      );
      const [x, y] = s.dimensions;
      expect([x!.bonus, y!.bonus, x!.deduction, x!.bonusCappedBy]).toEqual([xb, yb, xd, xCap]);
      expect(s.total).toBe(total);
    },
  );

  it('a bonus restores lost points but never lifts a dimension above its maximum', () => {
    const s = scoreAssessment(system, fullFacts, [judge('X2', 17), judge('Y2', 40), judge('X3', 3)], []);
    expect(s.dimensions[0]).toMatchObject({ base: 27, bonus: 5, subtotal: 30 });
    expect(s.total).toBe(100);
  });

  it('the system cap is taken in dimension order and named', () => {
    const s = scoreAssessment(
      system,
      { ...fullFacts, ...facts({ three_meetings_one_lecture_rate: 0 }) },
      [judge('X2', 10), judge('Y2', 20), judge('X3', 3), judge('Y3', 3)],
      [],
    );
    expect(s.dimensions.map((d) => [d.bonus, d.bonusCappedBy])).toEqual([
      [5, 'dimension'],
      [3, 'system'],
    ]);
    expect(s.dimensions.map((d) => d.subtotal)).toEqual([15, 53]);
  });

  it('deductions never take a dimension below 0', () => {
    const s = scoreAssessment(
      system,
      { ...fullFacts, ...facts({ three_meetings_one_lecture_rate: 0, rectifications_overdue: 9 }) },
      [judge('X2', 1), judge('Y2', 40)],
      [],
    );
    expect(s.dimensions[0]).toMatchObject({ base: 1, deduction: 3, subtotal: 0 });
  });

  it('an item cap of a deduction counted from a metric: 1 point each, at most 4', () => {
    const s = scoreAssessment(
      system,
      { ...fullFacts, ...facts({ rectifications_overdue: 7 }) },
      fullJudgements,
      [],
    );
    expect(indicator(s, 'X4')).toMatchObject({ count: 7, points: 4, provenance: { kind: 'metric' } });
  });
});

describe('vetoes', () => {
  it('a judged veto caps the stars at 二星级, whatever the score', () => {
    const s = scoreAssessment(system, fullFacts, [...fullJudgements, judge('V1', true)], []);
    expect([s.total, s.starsBeforeVeto, s.stars, s.vetoed]).toEqual([100, 5, 2, true]);
  });

  it('a computed veto fires past its threshold: 超期未换届 366 days, not 365', () => {
    const at = (days: number) =>
      scoreAssessment(system, { ...fullFacts, ...facts({ term_overdue_days: days }) }, fullJudgements, []);
    expect(at(365).vetoes[1]!.triggered).toBe(false);
    expect(at(366).vetoes[1]).toMatchObject({ triggered: true, provenance: { computed: { value: 366 } } });
    expect(at(366).stars).toBe(2);
  });

  it('a score cap keeps the total at 59 and the stars follow', () => {
    const s = scoreAssessment(system, fullFacts, [...fullJudgements, judge('V3', true)], []);
    expect([s.scoreBeforeVeto, s.total, s.stars]).toEqual([100, 59, 1]);
  });

  it('a veto does not raise a lower result', () => {
    const s = scoreAssessment(system, fullFacts, [judge('X2', 0), judge('Y2', 20), judge('V1', true)], []);
    expect([s.total, s.stars]).toEqual([60, 2]);
    const low = scoreAssessment(system, fullFacts, [judge('X2', 0), judge('Y2', 0), judge('V1', true)], []);
    expect(low.stars).toBe(1);
  });

  it('a reviewer may override a computed veto, with the reason kept', () => {
    const s = scoreAssessment(
      system,
      { ...fullFacts, ...facts({ term_overdue_days: 400 }) },
      fullJudgements,
      [{ itemId: 'V2', level: 'department', value: false, reason: '上级党委已批准延期，届次记录待更正' }],
    );
    expect(s.vetoes[1]).toMatchObject({
      triggered: false,
      provenance: { kind: 'override', computedValue: true },
    });
    expect(s.vetoed).toBe(false);
  });
});

describe('pass/fail systems', () => {
  const std = systemFromTemplate('standard_branch', 2026);
  const allGood = facts({
    three_meetings_one_lecture_rate: 1,
    theme_day_rate: 1,
    transfers_overdue: 0,
    members_absent_six_months: 0,
    recruitment_steps_on_time_rate: null,
    review_meeting_held: 1,
    member_appraisal_held: 1,
    talk_coverage: 1,
    team_findings_open: 0,
    term_overdue_days: 0,
    dual_leader_secretary: null,
    rectifications_closed_on_time_rate: 1,
  });
  const judgedAll = ['S1.3', 'S5.1', 'S6.1', 'S7.1'].map((id) => judge(id, true));

  it('everything passes: 达标, 16 of 16', () => {
    const s = scoreAssessment(std, allGood, judgedAll, []);
    expect([s.passed, s.passedCount, s.passFailCount, s.total, s.stars]).toEqual([true, 16, 16, 0, null]);
  });

  it('a required indicator failing fails the result, and its dimension', () => {
    const s = scoreAssessment(std, { ...allGood, ...facts({ talk_coverage: 0.95 }) }, judgedAll, []);
    expect(s.passed).toBe(false);
    expect(s.dimensions.find((d) => d.id === 'S3')!.passed).toBe(false);
  });

  it('optional indicators may fail down to the threshold: 13 of 16 (81 %) passes, 12 of 16 (75 %) does not', () => {
    const optional = ['S1.3', 'S6.1', 'S7.1'].map((id) => judge(id, false));
    const three = scoreAssessment(std, allGood, [...optional, judge('S5.1', true)], []);
    expect([three.passedCount, three.passed]).toEqual([13, true]);
    const four = scoreAssessment(
      std,
      { ...allGood, ...facts({ rectifications_closed_on_time_rate: 0.5 }) },
      [...optional, judge('S5.1', true)],
      [],
    );
    expect([four.passedCount, four.passed]).toEqual([12, false]);
  });

  it('a veto fails the result even when every indicator passes', () => {
    const s = scoreAssessment(std, allGood, [...judgedAll, judge('V1', true)], []);
    expect([s.passedCount, s.passed]).toEqual([16, false]);
  });

  it('an undecided judged indicator is pending and not passed', () => {
    const s = scoreAssessment(std, allGood, [], []);
    expect(s.pending).toEqual(['S1.3', 'S5.1', 'S6.1', 'S7.1']);
    expect(s.passed).toBe(false);
  });
});

describe('stars from score bands', () => {
  const starBands = system.rating.starBands;
  it.each([
    [0, 1],
    [59.99, 1],
    [60, 2],
    [69.99, 2],
    [70, 3],
    [80, 4],
    [89.99, 4],
    [90, 5],
    [100, 5],
  ])('%s points → %s stars', (total, stars) => {
    expect(starsForScore(starBands, total)).toBe(stars);
  });
  it('no bands, no stars', () => {
    expect(starsForScore([], 100)).toBeNull();
  });
});

describe('judgementProblems', () => {
  it('accepts the entries of a 自评 and a review', () => {
    expect(
      judgementProblems(
        system,
        [judge('X2', 20, 'self', null), judge('X2', 18, 'department'), judge('X3', 2, 'self', null)],
        [{ itemId: 'X1', level: 'department', value: 5, reason: '核实' }],
      ),
    ).toEqual([]);
  });

  it.each([
    [judge('Z9', 1), 'judgements.0.itemId', /没有编号为“Z9”/],
    [judge('X1', 5), 'judgements.0.itemId', /自动计算/],
    [judge('X4', 1), 'judgements.0.itemId', /自动计算/],
    [judge('V2', true), 'judgements.0.itemId', /自动计算/],
    [judge('X2', 21), 'judgements.0.value', /0 到 20 分/],
    [judge('X2', -1), 'judgements.0.value', /0 到 20 分/],
    [judge('X2', 1.234), 'judgements.0.value', /两位小数/],
    [judge('X2', true), 'judgements.0.value', /分值/],
    [judge('X3', 1.5), 'judgements.0.value', /整数/],
    [judge('V1', 1), 'judgements.0.value', /是否触发/],
    [judge('X2', 10, 'department', null), 'judgements.0.comment', /写明理由/],
    [judge('V1', true, 'general_branch', ' '), 'judgements.0.comment', /一票否决/],
    [judge('V1', false, 'self'), 'judgements.0.itemId', /总支、组织部认定/],
  ] as const)('%o → %s', (j, path, message) => {
    const problems = judgementProblems(system, [j], []);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('a 自评 below full marks needs no comment; one entry per item and level', () => {
    expect(judgementProblems(system, [judge('X2', 10, 'self', null)], [])).toEqual([]);
    expect(
      judgementProblems(system, [judge('X2', 10, 'self'), judge('X2', 12, 'self')], []).map((p) => p.path),
    ).toEqual(['judgements.1.itemId']);
  });

  it('overrides: only of computed items, in range, with a reason', () => {
    const p = judgementProblems(
      system,
      [],
      [
        { itemId: 'X2', level: 'department', value: 5, reason: 'r' },
        { itemId: 'X1', level: 'department', value: 11, reason: 'r' },
        { itemId: 'X4', level: 'general_branch', value: 2, reason: '  ' },
        { itemId: 'V2', level: 'department', value: false, reason: 'r' },
      ],
    );
    expect(p.map((x) => x.path)).toEqual([
      'adjustments.0.itemId',
      'adjustments.1.value',
      'adjustments.2.reason',
    ]);
  });
});
