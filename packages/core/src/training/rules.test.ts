import { describe, expect, it } from 'vitest';
import { evaluateTrainingRules } from './alerts.ts';
import {
  courseHoursCounted,
  courseHoursRefusal,
  isNewSecretaryTrained,
  lifeRecordHours,
  meetsTrainingRequirement,
  partyWorkIncentive,
  tallyTrainingHours,
  trainingStanding,
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
