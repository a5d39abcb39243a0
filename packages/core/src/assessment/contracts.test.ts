import { describe, expect, it } from 'vitest';
import {
  assessmentTransitionBody,
  createAssessmentRoundBody,
  createIndicatorSystemBody,
  orgAssessmentBody,
  updateIndicatorSystemBody,
} from '../contracts/assessment.ts';
import { metricsForLevel } from './metrics.ts';
import { makeSystem } from './test-fixtures.ts';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.path.join('.'));

describe('assessment contracts', () => {
  it('a system comes from a template, a copy or a whole definition', () => {
    expect(
      createIndicatorSystemBody.safeParse({ source: 'template', template: 'star_branch', year: 2026 })
        .success,
    ).toBe(true);
    expect(createIndicatorSystemBody.safeParse({ source: 'copy', systemId: 3, year: 2027 }).success).toBe(
      true,
    );
    expect(
      createIndicatorSystemBody.safeParse({ source: 'definition', definition: makeSystem() }).success,
    ).toBe(true);
    expect(
      paths(createIndicatorSystemBody.safeParse({ source: 'template', template: 'nope', year: 2026 })),
    ).toEqual(['template']);
    const broken = { ...makeSystem(), maxScore: 95 };
    expect(paths(createIndicatorSystemBody.safeParse({ source: 'definition', definition: broken }))).toEqual([
      'definition.maxScore',
    ]);
  });

  it('a definition fills its defaults and refuses unknown fields and metrics', () => {
    const minimal = {
      kind: 'annual_review',
      level: 'secondary',
      name: '测试考评',
      year: 2026,
      mode: 'score',
      maxScore: 10,
      dimensions: [
        {
          id: 'A',
          title: '一',
          max: 10,
          indicators: [{ method: 'judgement', id: 'A1', title: '评审', guidance: null, max: 10 }],
        },
      ],
      rating: { followUp: { basis: 'score', exemplaryFrom: 9, rectifyBelow: 6 } },
    };
    const r = createIndicatorSystemBody.safeParse({ source: 'definition', definition: minimal });
    expect(r.success && r.data.source === 'definition' && r.data.definition).toMatchObject({
      description: null,
      bonusCap: null,
      vetoes: [],
      rating: { starBands: [], quotas: [], minAgeMonths: null, followUp: { shortfallPercent: 60 } },
    });
    const unknownMetric = {
      ...minimal,
      dimensions: [
        {
          ...minimal.dimensions[0],
          indicators: [
            { method: 'computed', id: 'A1', title: 't', max: 10, metric: 'photo_count', bands: [] },
          ],
        },
      ],
    };
    expect(
      paths(createIndicatorSystemBody.safeParse({ source: 'definition', definition: unknownMetric })),
    ).toContain('definition.dimensions.0.indicators.0.metric');
    expect(
      paths(
        createIndicatorSystemBody.safeParse({ source: 'definition', definition: { ...minimal, extra: 1 } }),
      ),
    ).toEqual(['definition']);
  });

  it('a PATCH changes something', () => {
    expect(updateIndicatorSystemBody.safeParse({ version: 1 }).success).toBe(false);
    expect(updateIndicatorSystemBody.safeParse({ name: '新名称', version: 1 }).success).toBe(true);
  });

  it('a round: the period in order, 公示 of 5 to 15 working days (5 by default)', () => {
    const body = {
      systemId: 1,
      title: '2026年度星级评定',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      scopeOrgId: 1,
    };
    const r = createAssessmentRoundBody.safeParse(body);
    expect(r.success && r.data.noticeWorkingDays).toBe(5);
    expect(paths(createAssessmentRoundBody.safeParse({ ...body, periodEnd: '2025-12-31' }))).toEqual([
      'periodEnd',
    ]);
    expect(paths(createAssessmentRoundBody.safeParse({ ...body, referenceDate: '2025-12-31' }))).toEqual([
      'referenceDate',
    ]);
    expect(paths(createAssessmentRoundBody.safeParse({ ...body, noticeWorkingDays: 4 }))).toEqual([
      'noticeWorkingDays',
    ]);
  });

  it('judgements carry points, counts or yes/no, with links to records', () => {
    const r = orgAssessmentBody.safeParse({
      judgements: [
        { itemId: 'X2', value: 18.5, comment: '计划已落实', links: [{ kind: 'activity', id: '12' }] },
        { itemId: 'S1.3', value: true },
      ],
      version: 3,
    });
    expect(r.success && r.data).toEqual({
      judgements: [
        {
          itemId: 'X2',
          value: 18.5,
          comment: '计划已落实',
          links: [{ kind: 'activity', id: '12', label: null }],
        },
        { itemId: 'S1.3', value: true, comment: null, links: [] },
      ],
      adjustments: [],
      version: 3,
    });
    expect(
      paths(orgAssessmentBody.safeParse({ judgements: [{ itemId: 'X2', value: '18' }], version: 0 })),
    ).toEqual(['judgements.0.value']);
    expect(
      paths(
        orgAssessmentBody.safeParse({
          judgements: [],
          adjustments: [{ itemId: 'X1', value: 5, reason: '' }],
          version: 0,
        }),
      ),
    ).toEqual(['adjustments.0.reason']);
    expect(
      paths(
        orgAssessmentBody.safeParse({
          judgements: [{ itemId: 'X2', value: 1, links: [{ kind: 'photo', id: '1' }] }],
          version: 0,
        }),
      ),
    ).toEqual(['judgements.0.links.0.kind']);
  });

  it('a transition names one of the steps', () => {
    expect(
      assessmentTransitionBody.safeParse({
        transition: 'record_decision',
        decidedOn: '2026-12-03',
        noticeStartOn: '2026-12-04',
      }).success,
    ).toBe(true);
    expect(paths(assessmentTransitionBody.safeParse({ transition: 'approve' }))).toEqual(['transition']);
  });

  it('the metric list of a level', () => {
    expect(metricsForLevel('secondary').map((m) => m.key)).toContain('first_topic_rate');
    expect(metricsForLevel('branch').map((m) => m.key)).not.toContain('first_topic_rate');
  });
});
