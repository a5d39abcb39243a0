import { type IndicatorSystemDefinition, systemFromTemplate } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import {
  baseSum,
  describeBand,
  describePath,
  dimensionSum,
  indicatorOfMethod,
  nextItemId,
  normalizeDefinition,
  problemsByPath,
  problemsOf,
  withoutPrefix,
} from './system-model';

const template = systemFromTemplate('star_branch', 2026);
const copy = (): IndicatorSystemDefinition =>
  JSON.parse(JSON.stringify(template)) as IndicatorSystemDefinition;

describe('problemsOf', () => {
  it('finds nothing in a built-in template', () => {
    expect(problemsOf(template)).toEqual([]);
  });

  it('names the field of a dimension whose maximum is not its indicators’ sum, and the system’s', () => {
    const s = copy();
    if (s.dimensions[0]!.indicators[3]!.method === 'judgement') s.dimensions[0]!.indicators[3]!.max = 5;
    expect(problemsOf(s).map((p) => p.path)).toEqual(['dimensions.0.max']);
    s.dimensions[0]!.max += 2;
    expect(problemsOf(s).map((p) => p.path)).toEqual(['maxScore']);
  });

  it('checks what the form holds while editing: missing lists, cleared numbers', () => {
    const paths = problemsOf({
      ...copy(),
      dimensions: undefined,
      vetoes: undefined,
      maxScore: null as unknown as number,
    });
    expect(paths.map((p) => p.path)).toEqual(expect.arrayContaining(['dimensions', 'maxScore']));
  });

  it('groups messages by path', () => {
    const m = problemsByPath([
      { path: 'a', message: '1' },
      { path: 'a', message: '2' },
      { path: 'b', message: '3' },
    ]);
    expect(m.get('a')).toEqual(['1', '2']);
    expect(m.get('b')).toEqual(['3']);
  });
});

describe('normalizeDefinition', () => {
  it('trims texts, empties to null, and keeps only the fields of a veto’s consequence', () => {
    const s = copy();
    const v = s.vetoes[0]!;
    const n = normalizeDefinition({
      ...s,
      name: ' 星级 ',
      description: '  ',
      vetoes: [{ ...v, guidance: '', cap: { kind: 'max_score', score: 59, stars: 2 } as never }],
    });
    expect(n.name).toBe('星级');
    expect(n.description).toBeNull();
    expect(n.vetoes[0]!.guidance).toBeNull();
    expect(n.vetoes[0]!.cap).toEqual({ kind: 'max_score', score: 59 });
  });

  it('drops a threshold left behind when the metric was cleared', () => {
    const s = copy();
    const n = normalizeDefinition({ ...s, vetoes: [{ ...s.vetoes[1]!, metric: null }] });
    expect(n.vetoes[0]).toMatchObject({ metric: null, threshold: null });
  });
});

describe('paths and sums', () => {
  it('strips the body’s prefix from the server’s field paths', () => {
    expect(
      withoutPrefix(
        [
          { path: 'definition.dimensions.0.max', message: 'x' },
          { path: 'version', message: 'y' },
        ],
        'definition',
      ),
    ).toEqual([
      { path: 'dimensions.0.max', message: 'x' },
      { path: 'version', message: 'y' },
    ]);
  });

  it('describes where a path is for people', () => {
    expect(describePath(template, 'dimensions.1.indicators.0.bands.2.min')).toBe(
      `一级指标 B“工作运行” › 二级指标 B1“${template.dimensions[1]!.indicators[0]!.title}” › 分档第 3 档 › 下限`,
    );
    expect(describePath(template, 'dimensions.3.indicators')).toBe('一级指标 D“组织生活” › 二级指标');
    expect(describePath(template, 'vetoes.1.cap.stars')).toBe(
      `一票否决项 V2“${template.vetoes[1]!.title}” › 最高星级`,
    );
    expect(describePath(template, 'vetoes.1.cap.kind')).toBe(
      `一票否决项 V2“${template.vetoes[1]!.title}” › 否决后果`,
    );
    expect(describePath(template, 'rating.starBands.0.minScore')).toBe('评定规则 › 星级分档第 1 条 › 最低分');
    expect(describePath(template, 'maxScore')).toBe('满分');
  });

  it('sums the base indicators of a dimension and the dimensions of the system', () => {
    expect(baseSum(template.dimensions[0]!)).toBe(template.dimensions[0]!.max);
    expect(dimensionSum(template)).toBe(template.maxScore);
  });

  it('proposes the first id of a prefix not taken anywhere in the system', () => {
    expect(nextItemId(template, 'A')).toBe('A5');
    expect(nextItemId(template, 'V')).toBe(`V${template.vetoes.length + 1}`);
    expect(nextItemId({}, 'D')).toBe('D1');
  });
});

describe('indicatorOfMethod', () => {
  const keep = { id: 'A9', title: '新指标', guidance: null };
  it('gives each method its own fields and keeps id, title and guidance', () => {
    expect(indicatorOfMethod('judgement', keep, 'branch', 4)).toEqual({
      ...keep,
      method: 'judgement',
      max: 4,
    });
    const computed = indicatorOfMethod('computed', keep, 'branch', 4);
    expect(computed).toMatchObject({ ...keep, method: 'computed', max: 4, notApplicable: 'full' });
    expect(computed.method === 'computed' && computed.bands.at(-1)).toEqual({ min: 1, max: null, points: 4 });
    expect(indicatorOfMethod('pass_fail', keep, 'secondary')).toEqual({
      ...keep,
      method: 'pass_fail',
      required: true,
      metric: null,
      threshold: null,
      notApplicable: 'full',
    });
  });

  it('makes a new computed indicator that passes core’s band checks', () => {
    const s = copy();
    s.dimensions[0]!.indicators.push(indicatorOfMethod('computed', keep, 'branch', 4));
    s.dimensions[0]!.max += 4;
    s.maxScore += 4;
    expect(problemsOf(s)).toEqual([]);
  });
});

describe('describeBand', () => {
  it.each([
    ['three_meetings_one_lecture_rate', { min: 0.95, max: null, points: 10 }, '95% 及以上：10 分'],
    ['three_meetings_one_lecture_rate', { min: 0.6, max: 0.8, points: 4 }, '60% 至 80%（不含）：4 分'],
    ['team_findings_open', { min: 0, max: 1, points: 5 }, '0：5 分'],
    ['term_overdue_days', { min: 1, max: 90, points: 2 }, '1 天 至 90 天（不含）：2 分'],
    [null, { min: 2, max: null, points: 1 }, '2 及以上：1 分'],
    ['team_findings_open', { min: 0, points: undefined }, ''],
  ] as const)('%s %o reads %s', (metric, band, text) => {
    expect(describeBand(metric, band)).toBe(text);
  });
});
