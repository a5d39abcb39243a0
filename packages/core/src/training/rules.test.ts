import { describe, expect, it } from 'vitest';
import { evaluateTrainingRules } from './alerts.ts';
import {
  courseHoursCounted,
  courseHoursRefusal,
  isNewSecretaryTrained,
  lifeRecordHours,
  meetsTrainingRequirement,
  partyWorkIncentive,
  seniorCadreStanding,
  tallyTrainingHours,
  trainingStanding,
  trainingWindowOf,
  yearlyRequirementOf,
} from './rules.ts';
import { defaultTrainingSettings } from './settings.ts';

describe('courseHoursCounted: absence ≤ 1/7 of the hours', () => {
  it.each([
    // hours, status, absent, counted
    [7, 'present', 0, 7],
    [7, 'present', 1, 7],
    [7, 'present', 1.1, 0],
    [14, 'present', 2, 14],
    [14, 'present', 2.1, 0],
    [24, 'present', 3.4, 24],
    [24, 'present', 3.5, 0],
    [3.5, 'present', 0.5, 3.5],
    [3.5, 'present', 0.6, 0],
    [7, 'absent', 0, 0],
    [7, 'enrolled', 0, 0],
  ] as const)('%s 学时, %s, missed %s → %s', (hours, status, absentHours, counted) => {
    expect(courseHoursCounted(hours, { status, absentHours })).toBe(counted);
    expect(courseHoursRefusal(hours, { status, absentHours }) === null).toBe(counted > 0);
  });
});

describe('requirements by class, at their boundaries', () => {
  it.each([
    ['member', 31, false],
    ['member', 31.9, false],
    ['member', 32, true],
    ['org_leader', 55, false],
    ['org_leader', 55.9, false],
    ['org_leader', 56, true],
    ['cadre', 89, false],
    ['cadre', 89.9, false],
    ['cadre', 90, true],
    ['senior_cadre', 549.5, false],
    ['senior_cadre', 550, true],
  ] as const)('%s with %s 学时 → met %s', (cls, hours, met) => {
    expect(meetsTrainingRequirement(cls, hours)).toBe(met);
  });

  it('binds the highest yearly class, never the sum, and cites its clause', () => {
    expect(yearlyRequirementOf(['member', 'org_leader'])?.hours).toBe(56);
    expect(yearlyRequirementOf(['member', 'org_leader', 'cadre'])?.hours).toBe(90);
    expect(yearlyRequirementOf(['member'])?.clause.article).toBe('第二十条');
    expect(yearlyRequirementOf(['senior_cadre'])).toBeNull();
    expect(yearlyRequirementOf([])).toBeNull();
    expect(trainingStanding(['member', 'org_leader'], 55)).toMatchObject({ short: 1, met: false });
    expect(trainingStanding(['member', 'org_leader'], 56)).toMatchObject({ short: 0, met: true });
    expect(trainingStanding(['member'], 31.5)).toMatchObject({ short: 0.5, met: false });
  });
});

describe('sources', () => {
  it('converts 党课 and the study part of 主题党日 by the settings', () => {
    const s = { lectureHours: 2, themeDayStudyHours: 1 };
    expect(lifeRecordHours({ kind: 'lecture', segmentNames: [] }, s)).toBe(2);
    expect(lifeRecordHours({ kind: 'theme_day', segmentNames: ['学习', '交流'] }, s)).toBe(1);
    expect(lifeRecordHours({ kind: 'theme_day', segmentNames: ['理论学习'] }, s)).toBe(1);
    expect(lifeRecordHours({ kind: 'theme_day', segmentNames: ['实做'] }, s)).toBe(0);
  });

  it('adds to one decimal, per source', () => {
    const item = (source: 'course' | 'lecture' | 'external', hours: number) => ({
      source,
      recordId: 1,
      title: 't',
      onDate: '2026-01-01',
      hours,
    });
    expect(
      tallyTrainingHours([item('course', 0.1), item('course', 0.2), item('lecture', 2), item('external', 8)]),
    ).toEqual({
      total: 10.3,
      bySource: { course: 0.3, external: 8, lecture: 2, theme_day: 0 },
    });
  });
});

describe('县处级: 550 over the 5 calendar years ending with the year asked', () => {
  it('the window is year−4 … year, whole calendar years', () => {
    expect(trainingWindowOf(5, 2026)).toEqual({
      fromYear: 2022,
      toYear: 2026,
      from: '2022-01-01',
      to: '2026-12-31',
    });
  });

  it.each([
    [549.9, 0.1, false],
    [550, 0, true],
    [550.1, 0, true],
    [0, 550, false],
  ])('%s hours over the window → short %s, met %s', (hours, short, met) => {
    expect(seniorCadreStanding(['member', 'cadre', 'senior_cadre'], hours)).toMatchObject({
      hours,
      short,
      met,
      required: { hours: 550, years: 5, clause: { source: '《干部教育培训工作条例》（2023）' } },
    });
  });

  it('only a person in the class has a window; their yearly requirement stays the cadre 90', () => {
    expect(seniorCadreStanding(['member', 'cadre'], 0)).toBeNull();
    expect(trainingStanding(['member', 'cadre', 'senior_cadre'], 89.9)).toMatchObject({
      short: 0.1,
      required: { trainingClass: 'cadre', hours: 90 },
    });
  });

  it('hours of 5 years add up across the window: the items of 2022–2026 count, 2021 and 2027 do not', () => {
    const w = trainingWindowOf(5, 2026);
    const item = (onDate: string, hours: number) => ({
      source: 'external' as const,
      recordId: 1,
      title: '调训',
      onDate,
      hours,
    });
    const items = [
      item('2021-12-31', 100),
      item('2022-01-01', 110),
      item('2023-06-30', 110),
      item('2024-06-30', 110),
      item('2025-06-30', 110),
      item('2026-12-31', 109.9),
      item('2027-01-01', 100),
    ];
    const within = tallyTrainingHours(items.filter((i) => i.onDate >= w.from && i.onDate <= w.to)).total;
    expect(within).toBe(549.9);
    expect(seniorCadreStanding(['senior_cadre'], within)?.met).toBe(false);
  });
});

describe('new secretaries: trained within 6 months of taking office', () => {
  it.each([
    [['2026-03-01'], true],
    [['2026-09-01'], true],
    [['2026-09-02'], false],
    [['2026-02-28'], false],
    [[], false],
  ] as const)('took office 2026-03-01, trained on %j → %s', (days, trained) => {
    expect(isNewSecretaryTrained('2026-03-01', days)).toBe(trained);
  });
});

describe('evaluateTrainingRules', () => {
  const person = {
    personId: 7,
    name: '张三',
    org: { id: 3, name: '第一党支部' },
    classes: ['member'] as const,
  };
  const settings = { reminderFromMonth: 10 };

  it('a 中层干部 of the roster is held to 90 a year under its own rule (89 short, 90 met)', () => {
    const cadre = { ...person, classes: ['member', 'org_leader', 'cadre'] as const };
    const [f] = evaluateTrainingRules([{ ...cadre, hours: 89 }], [], '2026-10-01', settings);
    expect(f).toMatchObject({ ruleId: 'training.cadre_hours_short', personId: 7 });
    expect(f!.message).toContain('还差 1 学时');
    expect(f!.clause.source).toContain('干部教育培训工作条例');
    expect(evaluateTrainingRules([{ ...cadre, hours: 90 }], [], '2026-10-01', settings)).toEqual([]);
  });

  it('a 县处级 cadre under 550 over 2022–2026 gets its own finding from the reminder month, besides the yearly 90', () => {
    const senior = { ...person, classes: ['member', 'cadre', 'senior_cadre'] as const, hours: 90 };
    expect(evaluateTrainingRules([{ ...senior, windowHours: 549.9 }], [], '2026-09-30', settings)).toEqual(
      [],
    );
    const [f, ...rest] = evaluateTrainingRules(
      [{ ...senior, windowHours: 549.9 }],
      [],
      '2026-10-01',
      settings,
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      ruleId: 'training.senior_cadre_hours_short',
      personId: 7,
      period: '2026',
      clause: { source: '《干部教育培训工作条例》（2023）' },
    });
    expect(f!.message).toContain('2022—2026年');
    expect(f!.message).toContain('还差 0.1 学时');
    expect(evaluateTrainingRules([{ ...senior, windowHours: 550 }], [], '2026-10-01', settings)).toEqual([]);
    const both = evaluateTrainingRules(
      [{ ...senior, hours: 80, windowHours: 300 }],
      [],
      '2026-10-01',
      settings,
    ).map((x) => x.ruleId);
    expect(both.sort()).toEqual(['training.cadre_hours_short', 'training.senior_cadre_hours_short']);
  });

  it('reminds a person under the year from the reminder month only, per person, citing the clause', () => {
    expect(evaluateTrainingRules([{ ...person, hours: 31 }], [], '2026-09-30', settings)).toEqual([]);
    const [f, ...rest] = evaluateTrainingRules([{ ...person, hours: 31 }], [], '2026-10-01', settings);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      ruleId: 'training.member_hours_short',
      personId: 7,
      period: '2026',
      orgId: 3,
      clause: { article: '第二十条' },
    });
    expect(evaluateTrainingRules([{ ...person, hours: 32 }], [], '2026-12-01', settings)).toEqual([]);
    const [leader] = evaluateTrainingRules(
      [{ ...person, classes: ['member', 'org_leader'], hours: 55 }],
      [],
      '2026-11-01',
      settings,
    );
    expect(leader?.ruleId).toBe('training.leader_hours_short');
    expect(
      evaluateTrainingRules(
        [{ ...person, classes: ['member', 'org_leader'], hours: 56 }],
        [],
        '2026-11-01',
        settings,
      ),
    ).toEqual([]);
  });

  it('finds a new secretary untrained the day after 6 months, not on the day', () => {
    const s = {
      personId: 9,
      name: '李四',
      org: { id: 4, name: '第二党支部' },
      since: '2026-03-01',
      trainedOn: [],
    };
    expect(evaluateTrainingRules([], [s], '2026-09-01', settings)).toEqual([]);
    const [f] = evaluateTrainingRules([], [s], '2026-09-02', settings);
    expect(f).toMatchObject({ ruleId: 'training.new_secretary_untrained', dueDate: '2026-09-01', orgId: 4 });
    expect(evaluateTrainingRules([], [{ ...s, trainedOn: ['2026-05-10'] }], '2026-12-01', settings)).toEqual(
      [],
    );
  });
});

describe('partyWorkIncentive', () => {
  const d = defaultTrainingSettings;
  it('credits the highest post once a year, and the 双带头人 secretary the teaching reduction', () => {
    expect(partyWorkIncentive([{ post: 'secretary', orgType: 'branch' }], true, d)).toEqual({
      post: 'secretary',
      postLabel: '支部书记',
      workload: 10,
      teachingReduction: 60,
    });
    expect(
      partyWorkIncentive(
        [
          { post: 'committee_member', orgType: 'branch' },
          { post: 'group_leader', orgType: 'group' },
        ],
        true,
        { ...d, groupLeaderWorkload: 12 },
      ),
    ).toMatchObject({ post: 'group_leader', workload: 12, teachingReduction: 0 });
    expect(partyWorkIncentive([{ post: 'secretary', orgType: 'committee' }], false, d)).toMatchObject({
      post: null,
      workload: 0,
    });
    expect(partyWorkIncentive([{ post: 'organiser', orgType: 'general_branch' }], false, d).workload).toBe(0);
    expect(partyWorkIncentive([], true, d).teachingReduction).toBe(0);
  });
});
