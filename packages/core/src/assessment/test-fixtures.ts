/** A small system and helpers for the assessment tests (not exported from core). */
import type { MetricKey } from './metrics.ts';
import type { AssessmentFacts, Judgement } from './scoring.ts';
import type { IndicatorSystemDefinition } from './system.ts';

/**
 * Two dimensions, 100 points: X (30: a computed 10, a judged 20, a judged bonus, a computed deduction; bonus cap
 * 5, deduction cap 3) and Y (70: a computed 30, a judged 40, a judged bonus); system bonus cap 8; vetoes capping
 * at 二星级 (judged and computed) and at 59 points (judged).
 */
export function makeSystem(): IndicatorSystemDefinition {
  return {
    kind: 'star_rating',
    level: 'branch',
    name: '测试体系',
    year: 2026,
    description: null,
    mode: 'score',
    maxScore: 100,
    bonusCap: 8,
    deductionCap: null,
    minPassedPercent: 100,
    dimensions: [
      {
        id: 'X',
        title: '工作运行',
        max: 30,
        bonusCap: 5,
        deductionCap: 3,
        indicators: [
          {
            id: 'X1',
            title: '三会一课',
            guidance: null,
            method: 'computed',
            max: 10,
            metric: 'three_meetings_one_lecture_rate',
            bands: [
              { min: 0, max: 0.6, points: 0 },
              { min: 0.6, max: 0.9, points: 5 },
              { min: 0.9, max: null, points: 10 },
            ],
            notApplicable: 'full',
          },
          { id: 'X2', title: '工作计划', guidance: null, method: 'judgement', max: 20 },
          {
            id: 'X3',
            title: '表彰',
            guidance: null,
            method: 'bonus',
            pointsPerItem: 2,
            cap: 6,
            metric: null,
          },
          {
            id: 'X4',
            title: '逾期整改',
            guidance: null,
            method: 'deduction',
            pointsPerItem: 1,
            cap: 4,
            metric: 'rectifications_overdue',
          },
        ],
      },
      {
        id: 'Y',
        title: '班子建设',
        max: 70,
        bonusCap: null,
        deductionCap: null,
        indicators: [
          {
            id: 'Y1',
            title: '按期换届',
            guidance: null,
            method: 'computed',
            max: 30,
            metric: 'term_overdue_days',
            bands: [
              { min: 0, max: 1, points: 30 },
              { min: 1, max: 365, points: 10 },
              { min: 365, max: null, points: 0 },
            ],
            notApplicable: 'zero',
          },
          { id: 'Y2', title: '履职', guidance: null, method: 'judgement', max: 40 },
          {
            id: 'Y3',
            title: '经验推广',
            guidance: null,
            method: 'bonus',
            pointsPerItem: 3,
            cap: 9,
            metric: null,
          },
        ],
      },
    ],
    vetoes: [
      {
        id: 'V1',
        title: '严重违纪',
        guidance: null,
        metric: null,
        threshold: null,
        cap: { kind: 'max_stars', stars: 2 },
      },
      {
        id: 'V2',
        title: '超期未换届超过一年',
        guidance: null,
        metric: 'term_overdue_days',
        threshold: 365,
        cap: { kind: 'max_stars', stars: 2 },
      },
      {
        id: 'V3',
        title: '重大事故',
        guidance: null,
        metric: null,
        threshold: null,
        cap: { kind: 'max_score', score: 59 },
      },
    ],
    rating: {
      starBands: [
        { stars: 1, minScore: 0 },
        { stars: 2, minScore: 60 },
        { stars: 3, minScore: 70 },
        { stars: 4, minScore: 80 },
        { stars: 5, minScore: 90 },
      ],
      quotas: [{ minStars: 5, maxPercent: 30 }],
      minAgeMonths: 12,
      followUp: { basis: 'stars', exemplaryFrom: 5, rectifyBelow: 3, shortfallPercent: 60 },
    },
  };
}

/** Facts with the given metric values (no records). */
export function facts(values: Partial<Record<MetricKey, number | null>>): AssessmentFacts {
  const out: AssessmentFacts = {};
  for (const [k, v] of Object.entries(values) as [MetricKey, number | null][])
    out[k] = { value: v, detail: null, records: [{ kind: 'activity', id: '1', label: null }] };
  return out;
}

/** A judgement of an item at a level. */
export function judge(
  itemId: string,
  value: number | boolean,
  level: Judgement['level'] = 'department',
  comment: string | null = '说明',
): Judgement {
  return { itemId, level, value, comment, links: [] };
}

/** Facts and judgements giving full marks on the test system, with no bonus, deduction or veto. */
export const fullFacts = facts({
  three_meetings_one_lecture_rate: 1,
  rectifications_overdue: 0,
  term_overdue_days: 0,
});
export const fullJudgements: Judgement[] = [judge('X2', 20), judge('Y2', 40)];
