import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import { severities } from '../dictionaries.ts';
import { type LifeRuleId, lifeRuleCatalogue, lifeRuleIds } from '../rules/catalogue.ts';
import type { Finding } from '../rules/org-rules.ts';
import { defaultRuleSettings, type RuleSettings } from '../settings.ts';
import type { AttendanceRow } from './attendance.ts';
import {
  evaluateLifeRules,
  type HeldActivityFacts,
  indexLifeCounts,
  type LifeFacts,
  type LifeOrgFacts,
  lifeRequirementsOf,
  lookbackStart,
  type MemberLifeFacts,
  requiredFrom,
} from './compliance.ts';
import type { ActivityKind } from './dictionaries.ts';
import { parsePeriodKey, periodsBetween } from './periods.ts';

// The college: a 党委 (1) over a 党总支 (2) over a branch with a committee (10) and its 党小组 (11), plus a
// 直属党支部 led by a secretary only (20).
const committee: LifeOrgFacts = {
  id: 1,
  name: '中共某职业技术学院委员会',
  type: 'committee',
  parentId: null,
  hasCommittee: true,
  activeFrom: '2010-01-01',
};
const general: LifeOrgFacts = {
  id: 2,
  name: '信息工程学院党总支',
  type: 'general_branch',
  parentId: 1,
  hasCommittee: true,
  activeFrom: '2010-01-01',
};
const branch: LifeOrgFacts = {
  id: 10,
  name: '软件技术教工党支部',
  type: 'branch',
  parentId: 2,
  hasCommittee: true,
  activeFrom: '2010-01-01',
};
const group: LifeOrgFacts = {
  id: 11,
  name: '第一党小组',
  type: 'group',
  parentId: 10,
  hasCommittee: false,
  activeFrom: '2010-01-01',
};
const small: LifeOrgFacts = {
  id: 20,
  name: '后勤党支部',
  type: 'branch',
  parentId: 1,
  hasCommittee: false,
  activeFrom: '2010-01-01',
};

const today: IsoDate = '2026-11-10';

let nextId = 1;
function act(orgId: number, kind: ActivityKind, onDate: IsoDate, over: Partial<HeldActivityFacts> = {}) {
  return { id: nextId++, orgId, kind, onDate, hasFirstTopic: false, quorumReached: null, ...over };
}

/**
 * Everything `org` owes, held on the 5th of each month from 2024 to `to`: monthly 支委会 and 主题党日, a
 * 党员大会 and a 党课 in the first month of each quarter (so two 党课 a term), 组织生活会 and 民主评议 in
 * November, the 党小组会, and the 第一议题 at the 党委/党总支's 中心组学习.
 */
function fullLife(org: LifeOrgFacts, to: IsoDate = today): HeldActivityFacts[] {
  const out: HeldActivityFacts[] = [];
  for (const m of periodsBetween('2024-01-01', to, 'month')) {
    const day = `${m.key}-05`;
    if (day > to) break;
    const month = Number(m.key.slice(5));
    if (org.type === 'group') out.push(act(org.id, 'group_meeting', day));
    else if (org.type === 'committee' || org.type === 'general_branch')
      out.push(act(org.id, 'study_group_session', day, { hasFirstTopic: true }));
    else {
      if (org.hasCommittee) out.push(act(org.id, 'committee_meeting', day));
      out.push(act(org.id, 'theme_day', day));
      if (month % 3 === 1) out.push(act(org.id, 'general_meeting', day), act(org.id, 'lecture', day));
      if (month === 11) out.push(act(org.id, 'review_meeting', day), act(org.id, 'member_appraisal', day));
    }
  }
  return out;
}

function member(over: Partial<MemberLifeFacts> = {}): MemberLifeFacts {
  return {
    personId: 100,
    name: '李四',
    orgId: 11,
    branchId: 10,
    memberSince: '2015-01-01',
    isLeader: false,
    talkDates: ['2025-06-01', '2026-06-01'],
    attendance: [],
    ...over,
  };
}

/** Attendance rows on the 5th of each month from `firstMonth`, one per mark (P present, A absent, L leave). */
function rows(firstMonth: string, marks: string): AttendanceRow[] {
  const months = periodsBetween(`${firstMonth}-01`, '2030-12-31', 'month');
  return [...marks].flatMap((mark, i): AttendanceRow[] => {
    const m = months[i];
    if (!m || mark === '-') return [];
    const status = mark === 'P' ? 'present' : mark === 'L' ? 'leave' : 'absent';
    return [{ activityId: 1000 + i, onDate: `${m.key}-05`, status }];
  });
}

const allOrgs = [committee, general, branch, group, small];

function facts(over: Partial<LifeFacts> = {}, to: IsoDate = today): LifeFacts {
  return {
    orgs: allOrgs,
    activities: allOrgs.flatMap((o) => fullLife(o, to)),
    members: [],
    ...over,
  };
}

function evaluate(
  f: LifeFacts = facts(),
  on: IsoDate = today,
  settings: RuleSettings = defaultRuleSettings,
): Finding<LifeRuleId>[] {
  return evaluateLifeRules(f, settings, on);
}

/** The facts with the activities matching `drop` removed. */
function without(
  drop: (a: HeldActivityFacts) => boolean,
  to: IsoDate = today,
  over: Partial<LifeFacts> = {},
) {
  const f = facts(over, to);
  return { ...f, activities: f.activities.filter((a) => !drop(a)) };
}

const on = (orgId: number, kind: ActivityKind, from: IsoDate, to: IsoDate) => (a: HeldActivityFacts) =>
  a.orgId === orgId && a.kind === kind && a.onDate >= from && a.onDate <= to;

function summary(findings: readonly Finding<LifeRuleId>[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.orgId} ${f.period ?? ''} ${f.severity}`);
}

describe('lifeRequirementsOf', () => {
  it.each<[string, LifeOrgFacts, Partial<RuleSettings>, string[]]>([
    [
      'a branch with a committee',
      branch,
      {},
      [
        'committee_meeting/month/1',
        'general_meeting/quarter/1',
        'lecture/quarter/1',
        'theme_day/month/1',
        'review_meeting/year/1',
        'member_appraisal/year/1',
      ],
    ],
    [
      'a secretary-only branch, 党课 per term',
      small,
      { lectureByTerm: true, lecturesPerTerm: 3 },
      [
        'general_meeting/quarter/1',
        'lecture/term/3',
        'theme_day/month/1',
        'review_meeting/year/1',
        'member_appraisal/year/1',
      ],
    ],
    [
      'a joint branch',
      { ...small, type: 'joint_branch' },
      {},
      [
        'general_meeting/quarter/1',
        'lecture/quarter/1',
        'theme_day/month/1',
        'review_meeting/year/1',
        'member_appraisal/year/1',
      ],
    ],
    [
      'a temporary branch with a committee',
      { ...branch, type: 'temporary_branch' },
      {},
      [
        'committee_meeting/month/1',
        'general_meeting/quarter/1',
        'lecture/quarter/1',
        'theme_day/month/1',
        'review_meeting/year/1',
        'member_appraisal/year/1',
      ],
    ],
    ['a 党小组', group, {}, ['group_meeting/month/1']],
    ['a 党总支', general, {}, ['first_topic/month/1']],
    ['a 党委', committee, {}, ['first_topic/month/1']],
    ['a 党总支 when the 第一议题 is not checked', general, { firstTopicRequired: false }, []],
  ])('%s', (_name, org, change, expected) => {
    const got = lifeRequirementsOf(org, { ...defaultRuleSettings, ...change }).map(
      (r) => `${r.item}/${r.unit}/${r.needed}`,
    );
    expect(got).toEqual(expected);
  });
});

describe('requiredFrom and lookbackStart', () => {
  it.each<[string, number, IsoDate]>([
    ['2026-03', 10, '2026-03-01'],
    ['2026-Q2', 10, '2026-04-01'],
    ['2026-2027-1', 10, '2026-09-01'],
    ['2026', 10, '2026-10-01'],
    ['2026', 9, '2026-09-01'],
    ['2026', 12, '2026-12-01'],
  ])('%s with warnings from month %i: %s', (key, yearlyWarningFromMonth, day) => {
    expect(requiredFrom(parsePeriodKey(key)!, { yearlyWarningFromMonth })).toBe(day);
  });

  it.each<[IsoDate, number, IsoDate]>([
    ['2026-11-10', 12, '2025-11-01'],
    ['2026-11-30', 12, '2025-11-01'],
    ['2026-01-01', 3, '2025-10-01'],
    ['2026-03-31', 24, '2024-03-01'],
  ])('lookback from %s of %i months starts %s', (day, complianceLookbackMonths, start) => {
    expect(lookbackStart(day, { complianceLookbackMonths })).toBe(start);
  });
});

describe('indexLifeCounts', () => {
  const counts = indexLifeCounts([
    act(10, 'committee_meeting', '2026-03-01'),
    act(10, 'committee_meeting', '2026-03-31'),
    act(10, 'committee_meeting', '2026-04-01'),
    act(2, 'study_group_session', '2026-03-10', { hasFirstTopic: true }),
    act(2, 'work_meeting', '2026-03-11', { hasFirstTopic: true }),
    act(2, 'theme_day', '2026-03-12', { hasFirstTopic: true }),
    act(2, 'committee_meeting', '2026-04-12', { hasFirstTopic: true }),
    act(10, 'talk', '2026-03-12'),
  ]);
  it.each<[number, 'committee_meeting' | 'first_topic' | 'theme_day', string, number]>([
    [10, 'committee_meeting', '2026-03', 2],
    [10, 'committee_meeting', '2026-04', 1],
    [10, 'committee_meeting', '2026-Q1', 2],
    [10, 'committee_meeting', '2026', 3],
    [11, 'committee_meeting', '2026', 0],
    [2, 'first_topic', '2026-03', 2],
    [2, 'first_topic', '2026-04', 1],
    [2, 'theme_day', '2026-03', 1],
    [2, 'committee_meeting', '2026-04', 1],
  ])('org %i, %s in %s: %i', (orgId, item, key, n) => {
    expect(counts.count(orgId, item, parsePeriodKey(key)!)).toBe(n);
  });
});

describe('a college that holds everything', () => {
  it('has no findings', () => {
    expect(evaluate()).toEqual([]);
  });

  it.each<IsoDate>(['2026-01-01', '2026-03-31', '2026-06-30', '2026-12-31', '2027-01-04'])(
    'has none on %s either',
    (day) => {
      expect(evaluate(facts({}, day), day)).toEqual([]);
    },
  );
});

describe('monthly items: 支委会 (第十二条), 主题党日, 党小组会 (第十三条), 第一议题', () => {
  it.each<[string, number, ActivityKind, LifeRuleId, string]>([
    [
      '支委会',
      10,
      'committee_meeting',
      'life.committee_meeting_missing',
      '软件技术教工党支部2026年10月未召开支委会。',
    ],
    ['主题党日', 10, 'theme_day', 'life.theme_day_missing', '软件技术教工党支部2026年10月未开展主题党日。'],
    ['党小组会', 11, 'group_meeting', 'life.group_meeting_missing', '第一党小组2026年10月未召开党小组会。'],
    [
      '第一议题 of the 党总支',
      2,
      'study_group_session',
      'life.first_topic_missing',
      '信息工程学院党总支2026年10月未在党委会、党政联席会或中心组学习中落实“第一议题”。',
    ],
    [
      '第一议题 of the 党委',
      1,
      'study_group_session',
      'life.first_topic_missing',
      '中共某职业技术学院委员会2026年10月未在党委会、党政联席会或中心组学习中落实“第一议题”。',
    ],
  ])('a month without %s is a warning on that org', (_name, orgId, kind, ruleId, message) => {
    const findings = evaluate(without(on(orgId, kind, '2026-10-01', '2026-10-31')));
    expect(summary(findings)).toEqual([`${ruleId} ${orgId} 2026-10 warning`]);
    const f = findings[0]!;
    expect(f.message).toBe(message);
    expect(f.dueDate).toBe('2026-10-31');
    expect(f.clause).toEqual(lifeRuleCatalogue[ruleId].clause);
    expect(f.personId).toBeUndefined();
  });

  it('a branch without a committee owes no 支委会', () => {
    const f = without((a) => a.orgId === 20 && a.kind === 'committee_meeting');
    expect(evaluate(f)).toEqual([]);
  });

  it.each<[string, IsoDate, boolean]>([
    ['on the first day of the month', '2026-10-01', false],
    ['on the last day of the month', '2026-10-31', false],
    ['on the last day of the month before', '2026-09-30', true],
    ['on the first day of the next month', '2026-11-01', true],
  ])('a 支委会 %s (%s) satisfies October: %s → finding', (_name, onDate, expected) => {
    const f = without(on(10, 'committee_meeting', '2026-10-01', '2026-10-31'));
    const findings = evaluate({ ...f, activities: [...f.activities, act(10, 'committee_meeting', onDate)] });
    expect(summary(findings)).toEqual(expected ? ['life.committee_meeting_missing 10 2026-10 warning'] : []);
  });

  it('each missing month is its own finding', () => {
    const findings = evaluate(without(on(10, 'theme_day', '2026-01-01', '2026-03-31')));
    expect(findings.map((f) => f.period)).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('the 第一议题 counts only on a 党委会, 党政联席会 or 中心组学习 with the flag', () => {
    const f = without(on(2, 'study_group_session', '2026-10-01', '2026-10-31'));
    const withKind = (kind: ActivityKind, hasFirstTopic: boolean) =>
      evaluate({ ...f, activities: [...f.activities, act(2, kind, '2026-10-20', { hasFirstTopic })] });
    expect(withKind('committee_meeting', true)).toEqual([]);
    expect(withKind('joint_meeting', true)).toEqual([]);
    expect(summary(withKind('joint_meeting', false))).toEqual(['life.first_topic_missing 2 2026-10 warning']);
    expect(withKind('work_meeting', true)).toEqual([]);
    expect(withKind('study_group_session', true)).toEqual([]);
    expect(summary(withKind('study_group_session', false))).toEqual([
      'life.first_topic_missing 2 2026-10 warning',
    ]);
    expect(summary(withKind('theme_day', true))).toEqual(['life.first_topic_missing 2 2026-10 warning']);
  });

  it('the 第一议题 is not checked when the school does not require it', () => {
    const f = without((a) => a.kind === 'study_group_session');
    // 党委 and 党总支, 12 finished months each (November is not yet in its reminder days).
    expect(summary(evaluate(f)).filter((s) => s.startsWith('life.first_topic'))).toHaveLength(24);
    expect(evaluate(f, today, { ...defaultRuleSettings, firstTopicRequired: false })).toEqual([]);
  });
});

describe('the lookback window (complianceLookbackMonths)', () => {
  const none = without((a) => a.orgId === 10 && a.kind === 'committee_meeting');

  it.each<[number, IsoDate, string, string]>([
    // [lookback, today, first month checked, last month checked]
    [12, '2026-11-10', '2025-11', '2026-10'],
    [12, '2026-11-30', '2025-11', '2026-11'],
    [3, '2026-11-10', '2026-08', '2026-10'],
    [24, '2026-11-10', '2024-11', '2026-10'],
  ])('%i months back from %s: %s to %s', (complianceLookbackMonths, day, first, last) => {
    const settings = { ...defaultRuleSettings, complianceLookbackMonths };
    const periods = evaluate(none, day, settings)
      .filter((f) => f.ruleId === 'life.committee_meeting_missing')
      .map((f) => f.period!)
      .sort();
    expect(periods[0]).toBe(first);
    expect(periods[periods.length - 1]).toBe(last);
  });
});

describe('the period under way gives at most an info reminder in its last lifeReminderDays days', () => {
  const noNovember = (day: IsoDate) => without(on(10, 'committee_meeting', '2026-11-01', '2026-11-30'), day);

  it.each<[IsoDate, number, string | null]>([
    ['2026-11-15', 14, null],
    ['2026-11-16', 14, 'info'],
    ['2026-11-30', 14, 'info'],
    ['2026-11-29', 0, null],
    ['2026-11-30', 0, 'info'],
    ['2026-11-01', 31, 'info'],
    ['2026-12-01', 14, 'warning'],
  ])('on %s with %i days: %s', (day, lifeReminderDays, severity) => {
    const settings = { ...defaultRuleSettings, lifeReminderDays };
    const findings = evaluate(noNovember(day), day, settings).filter(
      (f) => f.period === '2026-11' && f.orgId === 10 && f.ruleId === 'life.committee_meeting_missing',
    );
    expect(findings.map((f) => f.severity)).toEqual(severity ? [severity] : []);
    if (severity === 'info') {
      expect(findings[0]!.message).toBe(
        '软件技术教工党支部本月（2026年11月）尚未召开支委会，请于 2026-11-30 前完成。',
      );
      expect(findings[0]!.dueDate).toBe('2026-11-30');
    }
  });

  it('disappears as soon as a closed 支委会 is on record', () => {
    const f = noNovember('2026-11-20');
    expect(evaluate(f, '2026-11-20')).toHaveLength(1);
    const held = { ...f, activities: [...f.activities, act(10, 'committee_meeting', '2026-11-20')] };
    expect(evaluate(held, '2026-11-20')).toEqual([]);
  });
});

describe('activeFrom: periods before an org existed are not required', () => {
  const young = (activeFrom: IsoDate): LifeFacts => ({
    orgs: [{ ...branch, activeFrom }],
    activities: [],
    members: [],
  });

  it.each<[IsoDate, string[]]>([
    ['2026-10-01', ['2026-10']],
    ['2026-10-02', []],
    ['2026-09-01', ['2026-09', '2026-10']],
    ['2026-09-30', ['2026-10']],
    ['2027-01-01', []],
  ])('founded %s: months without a 支委会 %j', (activeFrom, months) => {
    const periods = evaluate(young(activeFrom))
      .filter((f) => f.ruleId === 'life.committee_meeting_missing')
      .map((f) => f.period);
    expect(periods).toEqual(months);
  });

  it.each<[IsoDate, boolean]>([
    ['2026-07-01', true],
    ['2026-07-02', false],
  ])('founded %s: Q3 党员大会 required %s', (activeFrom, required) => {
    const periods = evaluate(young(activeFrom))
      .filter((f) => f.ruleId === 'life.general_meeting_missing')
      .map((f) => f.period);
    expect(periods).toEqual(required ? ['2026-Q3'] : []);
  });
});

describe('quarterly items: 党员大会 (第十一条) and 党课', () => {
  it.each<[ActivityKind, LifeRuleId, string]>([
    [
      'general_meeting',
      'life.general_meeting_missing',
      '软件技术教工党支部2026年第三季度未召开支部党员大会。',
    ],
    ['lecture', 'life.lecture_missing', '软件技术教工党支部2026年第三季度未上党课。'],
  ])('a quarter without a %s', (kind, ruleId, message) => {
    const findings = evaluate(without(on(10, kind, '2026-07-01', '2026-09-30')));
    expect(summary(findings)).toEqual([`${ruleId} 10 2026-Q3 warning`]);
    expect(findings[0]!.message).toBe(message);
    expect(findings[0]!.dueDate).toBe('2026-09-30');
  });

  it('any day of the quarter satisfies it', () => {
    const f = without(on(10, 'general_meeting', '2026-07-01', '2026-09-30'));
    expect(
      evaluate({ ...f, activities: [...f.activities, act(10, 'general_meeting', '2026-09-30')] }),
    ).toEqual([]);
  });

  it.each<[IsoDate, string | null]>([
    ['2026-12-16', null],
    ['2026-12-17', 'info'],
    ['2027-01-01', 'warning'],
  ])('the quarter under way without a 党员大会, on %s: %s', (day, severity) => {
    const f = without(on(10, 'general_meeting', '2026-10-01', '2026-12-31'), day);
    const got = evaluate(f, day).filter((x) => x.period === '2026-Q4');
    expect(got.map((x) => x.severity)).toEqual(severity ? [severity] : []);
    if (severity === 'info')
      expect(got[0]!.message).toContain('本季度（2026年第四季度）尚未召开支部党员大会');
  });
});

describe('党课 per term (lectureByTerm, lecturesPerTerm)', () => {
  const byTerm = (lecturesPerTerm: number): RuleSettings => ({
    ...defaultRuleSettings,
    lectureByTerm: true,
    lecturesPerTerm,
  });

  it('two a term (January and October, April and July) satisfy 2', () => {
    expect(evaluate(facts(), today, byTerm(2))).toEqual([]);
  });

  it('a term short of lectures', () => {
    const findings = evaluate(facts(), today, byTerm(3)).filter((f) => f.orgId === 10);
    // The window starts 2025-11-01: the term that ended in August 2025 is no longer checked.
    expect(summary(findings)).toEqual([
      'life.lecture_missing 10 2025-2026-1 warning',
      'life.lecture_missing 10 2025-2026-2 warning',
    ]);
    expect(findings[1]!.message).toBe(
      '软件技术教工党支部2025-2026学年第二学期上党课 2 次，少于应有的 3 次。',
    );
    expect(findings[1]!.dueDate).toBe('2026-08-31');
  });

  it('a quarter without a lecture is fine when the term has enough', () => {
    const f = without(on(10, 'lecture', '2026-07-01', '2026-09-30'));
    const extra = [act(10, 'lecture', '2026-04-20')];
    expect(evaluate({ ...f, activities: [...f.activities, ...extra] }, today, byTerm(2))).toEqual([]);
  });

  it('reminds in the last days of the term with what is still needed', () => {
    const day = '2027-02-20';
    const got = evaluate(facts({}, day), day, byTerm(3)).filter((f) => f.period === '2026-2027-1');
    expect(summary(got)).toEqual([
      'life.lecture_missing 10 2026-2027-1 info',
      'life.lecture_missing 20 2026-2027-1 info',
    ]);
    expect(got[0]!.message).toBe(
      '软件技术教工党支部本学期（2026-2027学年第一学期）已上党课 2 次，还需 1 次，请于 2027-02-28 前完成。',
    );
  });
});

describe('yearly items: 组织生活会 and 民主评议党员', () => {
  const noneIn2026 = (day: IsoDate) =>
    without(
      (a) =>
        a.orgId === 10 &&
        (a.kind === 'review_meeting' || a.kind === 'member_appraisal') &&
        a.onDate >= '2026-01-01',
      day,
    );

  it.each<[IsoDate, number, string[]]>([
    ['2026-09-30', 10, []],
    ['2026-10-01', 10, ['warning', 'warning']],
    ['2026-12-31', 10, ['warning', 'warning']],
    ['2026-11-30', 12, []],
    ['2026-12-01', 12, ['warning', 'warning']],
    ['2026-09-01', 9, ['warning', 'warning']],
    ['2027-01-01', 10, ['error', 'error']],
  ])('none in 2026, on %s with warnings from month %i: %j', (day, yearlyWarningFromMonth, severities) => {
    const settings = { ...defaultRuleSettings, yearlyWarningFromMonth };
    const got = evaluate(noneIn2026(day), day, settings).filter((f) => f.period === '2026' && f.orgId === 10);
    expect(got.map((f) => f.ruleId)).toEqual(
      severities.length ? ['life.review_meeting_missing', 'life.member_appraisal_missing'] : [],
    );
    expect(got.map((f) => f.severity)).toEqual(severities);
    for (const f of got) expect(f.dueDate).toBe('2026-12-31');
  });

  it('the messages of a finished and of the current year', () => {
    expect(evaluate(noneIn2026('2027-01-01'), '2027-01-01')[0]!.message).toBe(
      '软件技术教工党支部2026年未召开组织生活会。',
    );
    expect(evaluate(noneIn2026('2026-10-01'), '2026-10-01')[0]!.message).toBe(
      '软件技术教工党支部本年度（2026年）尚未召开组织生活会，请于 2026-12-31 前完成。',
    );
  });

  it.each<[IsoDate, boolean]>([
    ['2026-10-01', true],
    ['2026-10-02', false],
  ])('a branch founded %s owes the 2026 组织生活会: %s', (activeFrom, owed) => {
    const f: LifeFacts = { orgs: [{ ...small, activeFrom }], activities: [], members: [] };
    const got = evaluate(f, '2027-01-01').filter((x) => x.ruleId === 'life.review_meeting_missing');
    expect(got.map((x) => x.period)).toEqual(owed ? ['2026'] : []);
  });
});

describe('votes without a quorum (第十一条, 第十二条)', () => {
  it.each<[ActivityKind, boolean | null, IsoDate, LifeRuleId | null]>([
    ['general_meeting', false, '2026-10-15', 'life.quorum_not_reached'],
    ['general_meeting', true, '2026-10-15', null],
    ['general_meeting', null, '2026-10-15', null],
    ['committee_meeting', false, '2026-10-15', 'life.committee_quorum_not_reached'],
    ['general_meeting', false, '2025-11-01', 'life.quorum_not_reached'],
    ['general_meeting', false, '2025-10-31', null],
    ['theme_day', false, '2026-10-15', null],
  ])('a %s with quorum %s on %s: %s', (kind, quorumReached, onDate, ruleId) => {
    const f = facts();
    const extra = act(10, kind, onDate, { quorumReached, title: '接收预备党员' });
    const got = evaluate({ ...f, activities: [...f.activities, extra] });
    expect(got.map((x) => x.ruleId)).toEqual(ruleId ? [ruleId] : []);
    if (ruleId) {
      expect(got[0]).toMatchObject({ severity: 'error', orgId: 10, period: onDate.slice(0, 7) });
      expect(got[0]!.message).toContain(`于 ${onDate} 召开的`);
      expect(got[0]!.message).toContain('“接收预备党员”');
    }
  });

  it('an org not in the facts is skipped', () => {
    const f = facts();
    expect(
      evaluate({
        ...f,
        activities: [...f.activities, act(99, 'general_meeting', '2026-10-15', { quorumReached: false })],
      }),
    ).toEqual([]);
  });
});

describe('谈心谈话 once a year, per member', () => {
  it.each<[string, Partial<MemberLifeFacts>, IsoDate, string[]]>([
    ['a talk this year', {}, today, []],
    ['no talk this year, before October', { talkDates: ['2025-06-01'] }, '2026-09-30', []],
    ['no talk this year, from October', { talkDates: ['2025-06-01'] }, '2026-10-01', ['2026 warning']],
    ['no talk last year, January', { talkDates: ['2026-01-02'] }, '2026-01-05', ['2025 error']],
    ['no talk at all', { talkDates: [] }, today, ['2025 error', '2026 warning']],
    [
      'joined on 1 October: owes this year',
      { talkDates: [], memberSince: '2026-10-01' },
      today,
      ['2026 warning'],
    ],
    ['joined on 2 October: owes nothing yet', { talkDates: [], memberSince: '2026-10-02' }, today, []],
    ['a talk on the last day of the year counts', { talkDates: ['2025-12-31', '2026-01-01'] }, today, []],
    [
      'a talk dated after today does not count',
      { talkDates: ['2025-12-31', '2026-12-01'] },
      today,
      ['2026 warning'],
    ],
  ])('%s', (_name, over, day, expected) => {
    const got = evaluate(facts({ members: [member(over)] }, day), day).filter(
      (f) => f.ruleId === 'life.talk_missing',
    );
    expect(got.map((f) => `${f.period} ${f.severity}`)).toEqual(expected);
    for (const f of got) expect(f).toMatchObject({ personId: 100, orgId: 11, orgName: '第一党小组' });
  });

  it('the message names the member and the year', () => {
    const got = evaluate(facts({ members: [member({ talkDates: [] })] }));
    expect(got.map((f) => f.message)).toEqual([
      '李四2025年未开展谈心谈话。',
      '李四本年度（2026年）尚未开展谈心谈话，请于 2026-12-31 前完成。',
    ]);
  });
});

describe('absence without leave (党章 第九条; absenceWarningMonths)', () => {
  it.each<[string, string, Partial<RuleSettings>, string | null]>([
    ['2 months', 'PAA', {}, null],
    ['3 months', 'PAAA', {}, 'life.absence_warning warning'],
    ['5 months', 'PAAAAA', {}, 'life.absence_warning warning'],
    ['6 months', 'PAAAAAA', {}, 'life.absence_lapsed error'],
    ['6 months with neutral months between', 'PAA--AAAA', {}, 'life.absence_lapsed error'],
    ['6 months broken by an approved leave', 'AAALAAA', {}, 'life.absence_warning warning'],
    ['a presence in the latest month', 'AAAAAAAP', {}, null],
    ['2 months with a warning from 2', 'PAA', { absenceWarningMonths: 2 }, 'life.absence_warning warning'],
    ['4 months with a warning from 5', 'PAAAA', { absenceWarningMonths: 5 }, null],
  ])('%s', (_name, marks, change, expected) => {
    const m = member({ attendance: rows('2026-01', marks) });
    const got = evaluate(facts({ members: [m] }), today, { ...defaultRuleSettings, ...change }).filter((f) =>
      f.ruleId.startsWith('life.absence'),
    );
    expect(got.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(expected ? [expected] : []);
    for (const f of got) expect(f).toMatchObject({ personId: 100, orgId: 11 });
  });

  it('names the months and ends on the latest one', () => {
    const m = member({ attendance: rows('2026-05', 'PA-AA') });
    const f = evaluate(facts({ members: [m] })).find((x) => x.ruleId === 'life.absence_warning')!;
    expect(f.message).toBe(
      '李四自2026年6月以来连续 3 个月无故不参加党的组织生活（2026年6月、2026年8月、2026年9月）。',
    );
    expect(f.period).toBe('2026-09');
  });

  it('counts only from the day the member joined the branch', () => {
    const m = member({ attendance: rows('2026-01', 'AAAAAAA'), memberSince: '2026-04-01' });
    const got = evaluate(facts({ members: [m] })).filter((f) => f.ruleId.startsWith('life.absence'));
    expect(got.map((f) => f.message)).toEqual([expect.stringContaining('连续 4 个月')]);
  });
});

describe('双重组织生活 of party-member leaders (dualLifePerQuarter)', () => {
  const leader = (attendance: AttendanceRow[], over: Partial<MemberLifeFacts> = {}) =>
    member({ isLeader: true, orgId: 10, attendance, ...over });
  // Present in every month of 2025-11 .. 2026-06, nothing in Q3, present in October.
  const marks = 'PPPPPPPP---P';

  it.each<[string, MemberLifeFacts, Partial<RuleSettings>, string[]]>([
    ['present every quarter', leader(rows('2025-11', 'PPPPPPPPPPPP')), {}, []],
    ['absent from every activity of Q3', leader(rows('2025-11', marks)), {}, ['2026-Q3 warning']],
    ['absent (not just not listed) in Q3', leader(rows('2025-11', 'PPPPPPPPAAAP')), {}, ['2026-Q3 warning']],
    [
      'once a quarter is not enough when 2 are required',
      leader(rows('2025-10', 'P--P--P--P--P-')),
      { dualLifePerQuarter: 2 },
      ['2025-Q4 warning', '2026-Q1 warning', '2026-Q2 warning', '2026-Q3 warning'],
    ],
    ['not a leader', member({ attendance: rows('2025-11', marks) }), {}, []],
    ['joined the branch during Q3', leader(rows('2025-11', marks), { memberSince: '2026-07-02' }), {}, []],
  ])('%s', (_name, m, change, expected) => {
    const got = evaluate(facts({ members: [m] }), today, { ...defaultRuleSettings, ...change }).filter(
      (f) => f.ruleId === 'life.dual_life_missing',
    );
    expect(got.map((f) => `${f.period} ${f.severity}`)).toEqual(expected);
    for (const f of got) expect(f).toMatchObject({ personId: 100, orgId: 10, orgName: '软件技术教工党支部' });
  });

  it('the messages', () => {
    const got = evaluate(facts({ members: [leader(rows('2025-11', marks))] }));
    expect(got[0]!.message).toBe('党员领导干部李四2026年第三季度未参加所在党支部（党小组）的组织生活。');
    const twice = evaluate(facts({ members: [leader(rows('2025-11', 'PPPPPPPPP--P'))] }), today, {
      ...defaultRuleSettings,
      dualLifePerQuarter: 2,
    });
    expect(twice.map((f) => f.message)).toContain(
      '党员领导干部李四2026年第三季度参加所在党支部（党小组）组织生活 1 次，少于 2 次。',
    );
  });

  it.each<[IsoDate, string[]]>([
    ['2026-12-16', []],
    ['2026-12-17', ['2026-Q4 info']],
  ])('the quarter under way, on %s: %j', (day, expected) => {
    const m = leader(rows('2025-11', 'PPPPPPPPPPP'));
    const got = evaluate(facts({ members: [m] }, day), day).filter(
      (f) => f.ruleId === 'life.dual_life_missing',
    );
    expect(got.map((f) => `${f.period} ${f.severity}`)).toEqual(expected);
  });
});

describe('attribution of member findings', () => {
  it.each<[string, LifeOrgFacts[], number | null]>([
    ['to the member’s 党小组', allOrgs, 11],
    ['to the branch when the group is not among the orgs', [committee, general, branch, small], 10],
    ['nowhere when neither is', [committee, general, small], null],
  ])('%s', (_name, orgs, orgId) => {
    const f: LifeFacts = {
      orgs,
      activities: orgs.flatMap((o) => fullLife(o)),
      members: [member({ talkDates: [] })],
    };
    const got = evaluate(f).filter((x) => x.ruleId === 'life.talk_missing');
    expect(got.map((x) => x.orgId)).toEqual(orgId === null ? [] : [orgId, orgId]);
  });
});

describe('every finding', () => {
  // One case per rule, all at once.
  const f = without(
    (a) =>
      (a.onDate >= '2026-07-01' && a.onDate <= '2026-09-30' && a.orgId !== 20) ||
      (a.orgId === 10 &&
        (a.kind === 'review_meeting' || a.kind === 'member_appraisal') &&
        a.onDate >= '2026-01-01'),
    '2026-11-10',
    {
      members: [
        member({ personId: 1, name: '甲', talkDates: [], attendance: rows('2026-01', 'PAAAAAA') }),
        member({ personId: 2, name: '乙', attendance: rows('2026-06', 'PAAA') }),
        member({
          personId: 3,
          name: '丙',
          isLeader: true,
          orgId: 10,
          attendance: rows('2026-04', 'PPP---P'),
        }),
      ],
    },
  );
  const findings = evaluate(
    {
      ...f,
      activities: [
        ...f.activities,
        act(10, 'general_meeting', '2026-10-20', { quorumReached: false }),
        act(10, 'committee_meeting', '2026-10-21', { quorumReached: false }),
      ],
    },
    '2026-11-10',
  );

  it('covers every rule in the catalogue', () => {
    expect([...new Set(findings.map((x) => x.ruleId))].sort()).toEqual([...lifeRuleIds].sort());
  });

  it('carries the title, kind and clause of its rule, a period and a message', () => {
    for (const x of findings) {
      const rule = lifeRuleCatalogue[x.ruleId];
      expect(x.title).toBe(rule.title);
      expect(x.kind).toBe(rule.kind);
      expect(x.clause).toEqual(rule.clause);
      expect(x.clause.source).toMatch(/^(《|本校)/);
      expect(x.period).toBeTruthy();
      expect(x.message).not.toBe('');
      expect(x.suggestion).not.toBe('');
    }
  });

  it('member findings carry the person', () => {
    const memberRules: LifeRuleId[] = [
      'life.talk_missing',
      'life.absence_warning',
      'life.absence_lapsed',
      'life.dual_life_missing',
    ];
    for (const x of findings) expect(x.personId !== undefined).toBe(memberRules.includes(x.ruleId));
  });

  it('is sorted error, warning, info, then by org id', () => {
    const rank = (x: Finding<LifeRuleId>) => severities.indexOf(x.severity);
    for (let i = 1; i < findings.length; i++) {
      const a = findings[i - 1]!;
      const b = findings[i]!;
      expect(rank(a) < rank(b) || (rank(a) === rank(b) && a.orgId <= b.orgId)).toBe(true);
    }
  });
});
