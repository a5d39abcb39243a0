import { describe, expect, it } from 'vitest';
import { indicatorSystemBody } from '../contracts/assessment.ts';
import { assessmentTemplateKeys } from './dictionaries.ts';
import { scoreAssessment } from './scoring.ts';
import { indicatorSystemProblems, indicatorsOf } from './system.ts';
import { assessmentTemplates, systemFromTemplate } from './templates.ts';

describe('built-in templates', () => {
  for (const key of assessmentTemplateKeys)
    it(`${key} passes indicatorSystemProblems and the request contract`, () => {
      const system = systemFromTemplate(key, 2026);
      expect(indicatorSystemProblems(system)).toEqual([]);
      const parsed = indicatorSystemBody.safeParse(system);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      if (parsed.success) expect(parsed.data).toEqual(system);
    });

  it('the 星级 template has the six dimensions, 100 points, vetoes capping at 二星级 and the 30 % quota', () => {
    const s = systemFromTemplate('star_branch', 2026);
    expect(s.dimensions.map((d) => d.title)).toEqual([
      '班子建设',
      '工作运行',
      '党员管理',
      '组织生活',
      '基础保障',
      '作用发挥',
    ]);
    expect(s.maxScore).toBe(100);
    const methods = new Set(indicatorsOf(s).map(({ indicator }) => indicator.method));
    expect([...methods].sort()).toEqual(['bonus', 'computed', 'deduction', 'judgement']);
    expect(s.vetoes.map((v) => v.cap)).toEqual(s.vetoes.map(() => ({ kind: 'max_stars', stars: 2 })));
    expect(s.vetoes.map((v) => v.title)).toEqual(
      expect.arrayContaining(['超期未换届超过一年', expect.stringContaining('严重违纪')]),
    );
    expect(s.rating.quotas).toEqual([{ minStars: 5, maxPercent: 30 }]);
    expect(s.rating.minAgeMonths).toBe(12);
  });

  it('the standardisation templates are pass/fail: 七个有力 for branches, 五个到位 for 二级党组织', () => {
    const branch = systemFromTemplate('standard_branch', 2026);
    expect(branch.mode).toBe('pass_fail');
    expect(branch.dimensions).toHaveLength(7);
    expect(branch.dimensions.every((d) => d.title.endsWith('有力'))).toBe(true);
    const secondary = systemFromTemplate('standard_secondary', 2026);
    expect(secondary.level).toBe('secondary');
    expect(secondary.dimensions.map((d) => d.title.endsWith('到位'))).toEqual([true, true, true, true, true]);
    expect(systemFromTemplate('all_pass_branch', 2026).dimensions.map((d) => d.title)).toEqual([
      '政治过硬',
      '组织过硬',
      '队伍过硬',
      '制度过硬',
      '作用过硬',
    ]);
  });

  it('the yearly 党建考评 is 100 points over the 五个到位 and gives no stars', () => {
    const s = systemFromTemplate('annual_secondary', 2026);
    expect(s.maxScore).toBe(100);
    expect(s.dimensions.map((d) => d.max)).toEqual([20, 20, 20, 20, 20]);
    expect(s.rating.starBands).toEqual([]);
    expect(scoreAssessment(s, {}, [], []).stars).toBeNull();
  });

  it('a copy is the school’s own: editing it leaves the template alone', () => {
    const copy = systemFromTemplate('star_branch', 2027);
    copy.dimensions[0]!.title = '改过的名称';
    expect(assessmentTemplates.star_branch.dimensions[0]!.title).toBe('班子建设');
    expect(copy.name).toBe('2027年度星级党支部评定指标体系');
  });
});
