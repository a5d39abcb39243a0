import { describe, expect, it } from 'vitest';
import { indicatorSystemBody } from '../contracts/assessment.ts';
import {
  allowedIndicatorSystemEdits,
  copyIndicatorSystem,
  type IndicatorSystemDefinition,
  indicatorSystemEditProblems,
  indicatorSystemProblems,
  orgFitsLevel,
} from './system.ts';
import { systemFromTemplate } from './templates.ts';
import { makeSystem } from './test-fixtures.ts';

type Edit = (s: IndicatorSystemDefinition) => void;

const computedX1 = (s: IndicatorSystemDefinition) => {
  const i = s.dimensions[0]!.indicators[0]!;
  if (i.method !== 'computed') throw new Error('fixture');
  return i;
};

function problemsAfter(edit: Edit) {
  const s = makeSystem();
  edit(s);
  return indicatorSystemProblems(s);
}

describe('indicatorSystemProblems', () => {
  it('the fixture is consistent', () => {
    expect(indicatorSystemProblems(makeSystem())).toEqual([]);
  });

  it.each<[string, Edit, string, RegExp]>([
    // Weights and maxima.
    [
      'dimension maxima ≠ system maximum',
      (s) => {
        s.maxScore = 90;
      },
      'maxScore',
      /90 与一级指标满分之和 100/,
    ],
    [
      'indicator maxima ≠ dimension maximum',
      (s) => {
        s.dimensions[0]!.max = 25;
      },
      'dimensions.0.max',
      /25 与所属计分指标满分之和 30/,
    ],
    [
      'a dimension of bonus items only',
      (s) => {
        s.dimensions.push({
          id: 'Z',
          title: '加分',
          max: 0,
          bonusCap: null,
          deductionCap: null,
          indicators: [],
        });
      },
      'dimensions.2.max',
      /须大于 0/,
    ],
    // Bands.
    [
      'bands not starting at 0',
      (s) => {
        computedX1(s).bands[0]!.min = 0.1;
      },
      'dimensions.0.indicators.0.bands.0.min',
      /从 0 起/,
    ],
    [
      'overlapping bands',
      (s) => {
        computedX1(s).bands[1]!.min = 0.5;
      },
      'dimensions.0.indicators.0.bands.1.min',
      /重叠/,
    ],
    [
      'a gap between bands',
      (s) => {
        computedX1(s).bands[1]!.min = 0.7;
      },
      'dimensions.0.indicators.0.bands.1.min',
      /空缺/,
    ],
    [
      'a last band with an end',
      (s) => {
        computedX1(s).bands[2]!.max = 1;
      },
      'dimensions.0.indicators.0.bands.2.max',
      /最后一档不设上限/,
    ],
    [
      'a band ending before it starts',
      (s) => {
        computedX1(s).bands[1]!.max = 0.6;
      },
      'dimensions.0.indicators.0.bands.1.max',
      /须大于下限/,
    ],
    [
      'a band above the maximum',
      (s) => {
        computedX1(s).bands[2]!.points = 11;
      },
      'dimensions.0.indicators.0.bands.2.points',
      /0 到本项满分 10/,
    ],
    [
      'no band reaches the maximum',
      (s) => {
        computedX1(s).bands[2]!.points = 8;
      },
      'dimensions.0.indicators.0.bands',
      /须有一档得满分 10/,
    ],
    [
      'no band at all',
      (s) => {
        computedX1(s).bands = [];
      },
      'dimensions.0.indicators.0.bands',
      /至少设置一档/,
    ],
    // Metrics.
    [
      'an unknown metric',
      (s) => {
        (computedX1(s) as { metric: string }).metric = 'login_count';
      },
      'dimensions.0.indicators.0.metric',
      /“login_count”不在平台提供的数据指标目录中/,
    ],
    [
      'a metric of the other level',
      (s) => {
        computedX1(s).metric = 'first_topic_rate';
      },
      'dimensions.0.indicators.0.metric',
      /不适用于党支部/,
    ],
    [
      'a deduction counted from a ratio',
      (s) => {
        const d = s.dimensions[0]!.indicators[3]!;
        if (d.method === 'deduction') d.metric = 'talk_coverage';
      },
      'dimensions.0.indicators.3.metric',
      /不是次数/,
    ],
    // Caps.
    [
      'a negative item cap',
      (s) => {
        const b = s.dimensions[0]!.indicators[2]!;
        if (b.method === 'bonus') b.cap = -1;
      },
      'dimensions.0.indicators.2.cap',
      /不能为负数/,
    ],
    [
      'a negative dimension cap',
      (s) => {
        s.dimensions[0]!.deductionCap = -2;
      },
      'dimensions.0.deductionCap',
      /不能为负数/,
    ],
    [
      'a negative system cap',
      (s) => {
        s.bonusCap = -0.5;
      },
      'bonusCap',
      /不能为负数/,
    ],
    [
      'no points per item',
      (s) => {
        const b = s.dimensions[0]!.indicators[2]!;
        if (b.method === 'bonus') b.pointsPerItem = 0;
      },
      'dimensions.0.indicators.2.pointsPerItem',
      /须大于 0/,
    ],
    // Ids.
    [
      'a repeated id',
      (s) => {
        s.dimensions[1]!.indicators[0]!.id = 'X1';
      },
      'dimensions.1.indicators.0.id',
      /“X1”与/,
    ],
    [
      'a veto with an indicator’s id',
      (s) => {
        s.vetoes[0]!.id = 'Y';
      },
      'vetoes.0.id',
      /“Y”与/,
    ],
    // Modes.
    [
      'a pass/fail indicator in a score system',
      (s) => {
        s.dimensions[0]!.indicators.push({
          id: 'X9',
          title: 't',
          guidance: null,
          method: 'pass_fail',
          required: true,
          metric: null,
          threshold: null,
          notApplicable: 'full',
        });
      },
      'dimensions.0.indicators.4.method',
      /不能设达标项/,
    ],
    // Vetoes.
    [
      'a veto failing a score system',
      (s) => {
        s.vetoes[0]!.cap = { kind: 'fail' };
      },
      'vetoes.0.cap.kind',
      /最高星级或总分封顶/,
    ],
    [
      'a veto to a star level that does not exist',
      (s) => {
        s.vetoes[0]!.cap = { kind: 'max_stars', stars: 7 };
      },
      'vetoes.0.cap.stars',
      /评定星级中的一级/,
    ],
    [
      'a score cap at the maximum',
      (s) => {
        s.vetoes[2]!.cap = { kind: 'max_score', score: 100 };
      },
      'vetoes.2.cap.score',
      /不含满分/,
    ],
    [
      'a computed veto without a threshold',
      (s) => {
        s.vetoes[1]!.threshold = null;
      },
      'vetoes.1.threshold',
      /触发线/,
    ],
    // Ratings.
    [
      'star bands not from 0',
      (s) => {
        s.rating.starBands[0]!.minScore = 10;
      },
      'rating.starBands.0.minScore',
      /从 0 分起/,
    ],
    [
      'star bands out of order',
      (s) => {
        s.rating.starBands[3]!.minScore = 65;
      },
      'rating.starBands.3',
      /星级越高最低分越高/,
    ],
    [
      'a star band above the maximum',
      (s) => {
        s.rating.starBands[4]!.minScore = 101;
      },
      'rating.starBands.4.minScore',
      /0 到满分 100/,
    ],
    [
      'a quota on a level that does not exist',
      (s) => {
        s.rating.quotas[0]!.minStars = 6;
      },
      'rating.quotas.0.minStars',
      /评定星级中的一级/,
    ],
    [
      'two quotas on one level',
      (s) => void s.rating.quotas.push({ minStars: 5, maxPercent: 20 }),
      'rating.quotas.1.minStars',
      /只能设一条/,
    ],
    [
      'a rectify line above the model line',
      (s) => {
        s.rating.followUp.rectifyBelow = 6;
      },
      'rating.followUp.rectifyBelow',
      /不能高于示范线/,
    ],
    [
      'follow-up by stars without stars',
      (s) => {
        s.vetoes = [];
        s.rating.starBands = [];
        s.rating.quotas = [];
      },
      'rating.followUp.basis',
      /按得分划分/,
    ],
  ])('%s', (_what, edit, path, message) => {
    const problems = problemsAfter(edit);
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)!.message).toMatch(message);
  });

  it('a pass/fail system: no points, a threshold with a metric, vetoes only fail', () => {
    const s = systemFromTemplate('standard_branch', 2026);
    s.maxScore = 10;
    s.minPassedPercent = 120;
    const i = s.dimensions[0]!.indicators[0]!;
    if (i.method === 'pass_fail') i.threshold = null;
    s.vetoes[0]!.cap = { kind: 'max_score', score: 50 };
    s.dimensions[1]!.indicators.push({ id: 'J', title: 't', guidance: null, method: 'judgement', max: 5 });
    expect(indicatorSystemProblems(s).map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'maxScore',
        'minPassedPercent',
        'dimensions.0.indicators.0.threshold',
        'vetoes.0.cap.kind',
        'dimensions.1.indicators.3.method',
      ]),
    );
  });

  it('the request contract reports core’s problems on their paths, in Chinese', () => {
    const s = makeSystem();
    s.maxScore = 90;
    const r = indicatorSystemBody.safeParse(s);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['maxScore', expect.stringMatching(/^满分：/)],
      ]);
    const bad = indicatorSystemBody.safeParse({
      ...makeSystem(),
      dimensions: [{ id: '!', title: '', max: -1 }],
    });
    expect(bad.success).toBe(false);
  });
});

describe('a version in use is frozen', () => {
  it('while unused, anything may change; in use, only the name and description', () => {
    expect(allowedIndicatorSystemEdits(false)).toEqual({ structure: true, texts: true, delete: true });
    expect(allowedIndicatorSystemEdits(true)).toEqual({ structure: false, texts: true, delete: false });
    const before = makeSystem();
    const renamed = { ...makeSystem(), name: '新名称', description: '补充说明' };
    expect(indicatorSystemEditProblems(before, renamed, true)).toEqual([]);
    const rescored = makeSystem();
    computedX1(rescored).bands[1]!.points = 6;
    rescored.rating.quotas = [];
    expect(indicatorSystemEditProblems(before, rescored, false)).toEqual([]);
    expect(indicatorSystemEditProblems(before, rescored, true).map((p) => p.path)).toEqual([
      'dimensions',
      'rating',
    ]);
    expect(indicatorSystemEditProblems(before, rescored, true)[0]!.message).toMatch(/复制为新版本/);
  });

  it('a copy for the next year is a new, independent version', () => {
    const s = makeSystem();
    const next = copyIndicatorSystem(s, 2027, '2027年度测试体系');
    computedX1(next).max = 1;
    expect([next.year, next.name, computedX1(s).max]).toEqual([2027, '2027年度测试体系', 10]);
  });
});

describe('levels', () => {
  it.each([
    ['branch', 'branch', true],
    ['joint_branch', 'branch', true],
    ['temporary_branch', 'branch', true],
    ['general_branch', 'branch', false],
    ['general_branch', 'secondary', true],
    ['committee', 'secondary', false],
    ['group', 'branch', false],
  ] as const)('%s assessed by a %s system: %s', (type, level, fits) => {
    expect(orgFitsLevel(type, level)).toBe(fits);
  });
});
