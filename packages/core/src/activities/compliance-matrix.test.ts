import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import { defaultRuleSettings } from '../settings.ts';
import type { AttendanceRow } from './attendance.ts';
import {
  evaluateLifeRules,
  type HeldActivityFacts,
  type LifeFacts,
  type LifeOrgFacts,
  type MemberLifeFacts,
} from './compliance.ts';
import {
  type ComplianceCell,
  type ComplianceMatrix,
  complianceMatrix,
  complianceRates,
  upcomingDeadlines,
} from './compliance-matrix.ts';
import type { ActivityKind } from './dictionaries.ts';
import { periodsBetween } from './periods.ts';

const today: IsoDate = '2026-11-10';

const org = (o: Partial<LifeOrgFacts> & Pick<LifeOrgFacts, 'id' | 'name' | 'type'>): LifeOrgFacts => ({
  parentId: null,
  hasCommittee: false,
  activeFrom: '2010-01-01',
  ...o,
});

// 党委 (1) ─ 党总支 (2) ─ branch (10) ─ 党小组 (11); 党委 (1) ─ 直属党支部 (20), founded 2026-09-15.
const orgs: LifeOrgFacts[] = [
  org({ id: 1, name: '党委', type: 'committee', hasCommittee: true, path: '1' }),
  org({
    id: 2,
    name: '信息学院党总支',
    type: 'general_branch',
    parentId: 1,
    hasCommittee: true,
    path: '1.2',
  }),
  org({ id: 10, name: '软件党支部', type: 'branch', parentId: 2, hasCommittee: true, path: '1.2.10' }),
  org({ id: 11, name: '第一党小组', type: 'group', parentId: 10, path: '1.2.10.11' }),
  org({ id: 20, name: '后勤党支部', type: 'branch', parentId: 1, activeFrom: '2026-09-15', path: '1.20' }),
];

let nextId = 1;
const act = (
  orgId: number,
  kind: ActivityKind,
  onDate: IsoDate,
  hasFirstTopic = false,
): HeldActivityFacts => ({
  id: nextId++,
  orgId,
  kind,
  onDate,
  hasFirstTopic,
  quorumReached: null,
});

const activities: HeldActivityFacts[] = [
  // Branch 10: 支委会 in September and October only; 主题党日 every month; Q3 党员大会 and 党课.
  act(10, 'committee_meeting', '2026-09-10'),
  act(10, 'committee_meeting', '2026-10-10'),
  ...['07', '08', '09', '10', '11'].map((m) => act(10, 'theme_day', `2026-${m}-05`)),
  act(10, 'general_meeting', '2026-08-20'),
  act(10, 'lecture', '2026-07-10'),
  // Group 11: every month but August and November.
  ...['07', '09', '10'].map((m) => act(11, 'group_meeting', `2026-${m}-15`)),
  // 党总支 2: 第一议题 every month; the 党委 never.
  ...['07', '08', '09', '10', '11'].map((m) => act(2, 'study_group_session', `2026-${m}-03`, true)),
  // Branch 20: a 主题党日 in November only.
  act(20, 'theme_day', '2026-11-06'),
];

const facts: LifeFacts = { orgs, activities, members: [] };

const byMonth = complianceMatrix(facts, defaultRuleSettings, {
  from: '2026-07-01',
  to: '2026-12-31',
  unit: 'month',
  today,
});

function row(m: ComplianceMatrix, orgId: number) {
  const r = m.rows.find((x) => x.orgId === orgId);
  expect(r).toBeDefined();
  return r!;
}

const states = (cells: readonly ComplianceCell[]) => cells.map((c) => c.state);

describe('complianceMatrix by month', () => {
  it('has a column per month and a row per org that owes something, in the order given', () => {
    expect(byMonth.columns.map((c) => c.key)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
    expect(byMonth.rows.map((r) => r.orgId)).toEqual([1, 2, 10, 11, 20]);
    expect(byMonth.unit).toBe('month');
  });

  it('a branch: partial where the 支委会 is missing, ok, open while the month runs', () => {
    const r = row(byMonth, 10);
    expect(states(r.cells)).toEqual(['partial', 'partial', 'ok', 'ok', 'open', 'open']);
    expect(r.cells[0]).toMatchObject({
      periodKey: '2026-07',
      label: '2026年7月',
      held: { theme_day: 1, lecture: 1 },
      required: ['committee_meeting', 'theme_day'],
      missing: ['committee_meeting'],
    });
  });

  it('a quarterly requirement sits in the quarter’s last month and is met by any day of the quarter', () => {
    const sep = row(byMonth, 10).cells[2]!;
    expect(sep.required).toEqual(['committee_meeting', 'general_meeting', 'lecture', 'theme_day']);
    expect(sep.held).toEqual({ committee_meeting: 1, theme_day: 1 });
    expect(sep.requirements.find((r) => r.item === 'general_meeting')).toEqual({
      item: 'general_meeting',
      periodKey: '2026-Q3',
      periodLabel: '2026年第三季度',
      needed: 1,
      count: 1,
      met: true,
      pending: false,
      dueDate: '2026-09-30',
    });
  });

  it('December, still to come, shows the quarter’s and the year’s items already under way', () => {
    const dec = row(byMonth, 10).cells[5]!;
    expect(dec.required).toEqual(['general_meeting', 'lecture', 'review_meeting', 'member_appraisal']);
    expect(dec.requirements.every((r) => r.pending && !r.met)).toBe(true);
    expect(dec.state).toBe('open');
  });

  it('counts due and met requirements; pending ones apart', () => {
    // Due: Jul 2, Aug 2, Sep 4, Oct 2, Nov 1 (the 主题党日 already held); met: 1 + 1 + 4 + 2 + 1.
    expect(row(byMonth, 10)).toMatchObject({ required: 11, met: 9, pending: 5 });
  });

  it('a 党小组: missing when its only requirement is missed, none in the future', () => {
    const r = row(byMonth, 11);
    expect(states(r.cells)).toEqual(['ok', 'missing', 'ok', 'ok', 'open', 'none']);
    expect(r).toMatchObject({ required: 4, met: 3, pending: 1 });
  });

  it('a branch founded mid-September owes nothing before October', () => {
    const r = row(byMonth, 20);
    // October: no 主题党日; November: held; December: the quarter's and the year's items (founded before
    // 1 October, so it owes the 2026 组织生活会 and 民主评议).
    expect(states(r.cells)).toEqual(['none', 'none', 'none', 'missing', 'ok', 'open']);
    expect(r.cells[4]).toMatchObject({ required: ['theme_day'], missing: [], held: { theme_day: 1 } });
    expect(r.cells[5]!.required).toEqual([
      'general_meeting',
      'lecture',
      'review_meeting',
      'member_appraisal',
    ]);
  });

  it('the 党总支 and the 党委 owe the 第一议题', () => {
    expect(states(row(byMonth, 2).cells)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'none']);
    expect(states(row(byMonth, 1).cells)).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
      'open',
      'none',
    ]);
  });

  it('rows carry the parent, the superior (through the branch for a 党小组) and the path', () => {
    expect(byMonth.rows.map((r) => [r.orgId, r.parentId, r.superiorId, r.superiorName, r.path])).toEqual([
      [1, null, null, null, '1'],
      [2, 1, 1, '党委', '1.2'],
      [10, 2, 2, '信息学院党总支', '1.2.10'],
      [11, 10, 2, '信息学院党总支', '1.2.10.11'],
      [20, 1, 1, '党委', '1.20'],
    ]);
  });

  it('leaves out the 党委 and 党总支 when the 第一议题 is not checked', () => {
    const m = complianceMatrix(
      facts,
      { ...defaultRuleSettings, firstTopicRequired: false },
      {
        from: '2026-07-01',
        to: '2026-07-31',
        unit: 'month',
        today,
      },
    );
    expect(m.rows.map((r) => r.orgId)).toEqual([10, 11, 20]);
  });

  it('a column range in the future is all none', () => {
    const m = complianceMatrix(facts, defaultRuleSettings, {
      from: '2027-02-01',
      to: '2027-03-31',
      unit: 'month',
      today,
    });
    for (const r of m.rows) expect(states(r.cells)).toEqual(['none', 'none']);
  });
});

describe('complianceMatrix by quarter', () => {
  const byQuarter = complianceMatrix(facts, defaultRuleSettings, {
    from: '2026-08-15',
    to: '2026-11-01',
    unit: 'quarter',
    today,
  });

  it('has the quarters overlapping the range', () => {
    expect(byQuarter.columns.map((c) => c.label)).toEqual(['2026年第三季度', '2026年第四季度']);
  });

  it('holds each month’s requirements and the quarter’s', () => {
    const [q3, q4] = row(byQuarter, 10).cells;
    expect(q3).toMatchObject({
      state: 'partial',
      missing: ['committee_meeting'],
      held: { committee_meeting: 1, theme_day: 3, general_meeting: 1, lecture: 1 },
    });
    expect(q3!.requirements.map((r) => `${r.item} ${r.periodKey} ${r.met}`)).toEqual([
      'committee_meeting 2026-07 false',
      'committee_meeting 2026-08 false',
      'committee_meeting 2026-09 true',
      'general_meeting 2026-Q3 true',
      'lecture 2026-Q3 true',
      'theme_day 2026-07 true',
      'theme_day 2026-08 true',
      'theme_day 2026-09 true',
    ]);
    // Q4 so far: October met, November under way, December not yet started; quarter and year under way.
    expect(q4!.state).toBe('open');
    expect(q4!.requirements.map((r) => `${r.item} ${r.periodKey}`)).toEqual([
      'committee_meeting 2026-10',
      'committee_meeting 2026-11',
      'general_meeting 2026-Q4',
      'lecture 2026-Q4',
      'theme_day 2026-10',
      'theme_day 2026-11',
      'review_meeting 2026',
      'member_appraisal 2026',
    ]);
  });

  it('a 党课 per term sits in the quarter where the term ends', () => {
    const settings = { ...defaultRuleSettings, lectureByTerm: true };
    const m = complianceMatrix(facts, settings, {
      from: '2026-01-01',
      to: '2026-12-31',
      unit: 'quarter',
      today,
    });
    const lectureTerms = row(m, 10).cells.map((c) =>
      c.requirements.filter((r) => r.item === 'lecture').map((r) => `${r.periodKey} ${r.count}/${r.needed}`),
    );
    expect(lectureTerms).toEqual([['2025-2026-1 0/2'], [], ['2025-2026-2 1/2'], []]);
  });
});

describe('complianceRates', () => {
  it('aggregates rows per 党总支 (with its own row) and for the 党委 with its 直属支部', () => {
    const rates = complianceRates(byMonth);
    expect(rates.map((r) => [r.superiorId, r.superiorName, r.orgCount, r.required, r.met])).toEqual([
      // The 党委's own 第一议题 row (4 due, none met) with its 直属支部 (2 due, 1 met).
      [1, '党委本级及直属党支部', 2, 6, 1],
      // The 党总支's own row (5 due, all met) with its two branches (15 due, 12 met).
      [2, '信息学院党总支', 3, 20, 17],
    ]);
    expect(rates[1]!.rate).toBeCloseTo(17 / 20);
    expect(rates[0]!.rate).toBeCloseTo(1 / 6);
  });

  it('the rate is null when nothing was due', () => {
    const m = complianceMatrix(facts, defaultRuleSettings, {
      from: '2027-01-01',
      to: '2027-01-31',
      unit: 'month',
      today,
    });
    expect(complianceRates(m).every((r) => r.rate === null && r.required === 0)).toBe(true);
  });
});

describe('upcomingDeadlines', () => {
  const summary = (day: IsoDate, days?: number, settings = defaultRuleSettings) =>
    upcomingDeadlines(facts, settings, day, days).map(
      (o) => `${o.orgId}: ${o.items.map((i) => `${i.item} ${i.periodKey} ${i.daysLeft}`).join(', ')}`,
    );

  it('nothing ends within 14 days on 10 November', () => {
    expect(summary(today)).toEqual([]);
  });

  it.each<[IsoDate, number | undefined, string[]]>([
    [
      '2026-11-16',
      undefined,
      ['1: first_topic 2026-11 14', '10: committee_meeting 2026-11 14', '11: group_meeting 2026-11 14'],
    ],
    [
      '2026-11-20',
      45,
      [
        '1: first_topic 2026-11 10',
        '10: committee_meeting 2026-11 10, general_meeting 2026-Q4 41, lecture 2026-Q4 41, review_meeting 2026 41, member_appraisal 2026 41',
        '11: group_meeting 2026-11 10',
        '20: general_meeting 2026-Q4 41, lecture 2026-Q4 41, review_meeting 2026 41, member_appraisal 2026 41',
      ],
    ],
    [
      '2026-11-30',
      0,
      ['1: first_topic 2026-11 0', '10: committee_meeting 2026-11 0', '11: group_meeting 2026-11 0'],
    ],
  ])('on %s within %s days', (day, days, expected) => {
    expect(summary(day, days)).toEqual(expected);
  });

  it('uses the school’s reminder days by default', () => {
    expect(summary('2026-11-20', undefined, { ...defaultRuleSettings, lifeReminderDays: 5 })).toEqual([]);
  });

  it('gives each item its period, due date and what is still needed', () => {
    const [first] = upcomingDeadlines(facts, defaultRuleSettings, '2026-11-16');
    expect(first).toEqual({
      orgId: 1,
      orgName: '党委',
      type: 'committee',
      path: '1',
      items: [
        {
          item: 'first_topic',
          periodKey: '2026-11',
          periodLabel: '2026年11月',
          dueDate: '2026-11-30',
          daysLeft: 14,
          count: 0,
          needed: 1,
        },
      ],
    });
  });

  it('agrees with the info findings of the same day', () => {
    const day = '2026-11-16';
    const infos = evaluateLifeRules(facts, defaultRuleSettings, day)
      .filter((f) => f.severity === 'info')
      .map((f) => `${f.orgId} ${f.period}`)
      .sort();
    const deadlines = upcomingDeadlines(facts, defaultRuleSettings, day)
      .flatMap((o) => o.items.map((i) => `${o.orgId} ${i.periodKey}`))
      .sort();
    expect(deadlines).toEqual(infos);
  });
});

describe('at the size of a large college', () => {
  // 40 党总支 × 15 branches = 600 branches, 2 党小组 each; 24 months of activities (~60k records);
  // 10,000 members with two years of attendance.
  const big: LifeOrgFacts[] = [org({ id: 1, name: '党委', type: 'committee' })];
  let id = 2;
  const branchIds: number[] = [];
  const groupIds: number[] = [];
  for (let g = 0; g < 40; g++) {
    const gid = id++;
    big.push(org({ id: gid, name: `总支${g}`, type: 'general_branch', parentId: 1 }));
    for (let b = 0; b < 15; b++) {
      const bid = id++;
      branchIds.push(bid);
      big.push(
        org({ id: bid, name: `支部${bid}`, type: 'branch', parentId: gid, hasCommittee: b % 3 !== 0 }),
      );
      for (let k = 0; k < 2; k++) {
        const kid = id++;
        groupIds.push(kid);
        big.push(org({ id: kid, name: `小组${kid}`, type: 'group', parentId: bid }));
      }
    }
  }
  const months = periodsBetween('2025-01-01', '2026-12-31', 'month');
  const acts: HeldActivityFacts[] = [];
  for (const [i, m] of months.entries()) {
    for (const bid of branchIds) {
      acts.push(act(bid, 'theme_day', `${m.key}-05`), act(bid, 'committee_meeting', `${m.key}-12`));
      if (i % 3 === 0) acts.push(act(bid, 'general_meeting', `${m.key}-20`));
    }
    for (const gid of groupIds) if ((gid + i) % 7 !== 0) acts.push(act(gid, 'group_meeting', `${m.key}-15`));
  }
  const members: MemberLifeFacts[] = [];
  for (let p = 0; p < 10_000; p++) {
    const gid = groupIds[p % groupIds.length]!;
    const attendance: AttendanceRow[] = months.map((m, i) => ({
      activityId: i,
      onDate: `${m.key}-05`,
      status: (p + i) % 11 === 0 ? 'absent' : 'present',
    }));
    members.push({
      personId: p,
      name: `党员${p}`,
      orgId: gid,
      branchId: gid - 1,
      memberSince: '2020-01-01',
      isLeader: p % 50 === 0,
      talkDates: p % 4 === 0 ? [] : ['2025-05-01', '2026-05-01'],
      attendance,
    });
  }
  const bigFacts: LifeFacts = { orgs: big, activities: acts, members };

  it('evaluates, builds a 24-month matrix and the deadlines quickly', () => {
    expect(acts.length).toBeGreaterThan(40_000);
    const t0 = Date.now();
    const findings = evaluateLifeRules(bigFacts, defaultRuleSettings, '2026-11-20');
    const t1 = Date.now();
    const m = complianceMatrix(bigFacts, defaultRuleSettings, {
      from: '2025-01-01',
      to: '2026-12-31',
      unit: 'month',
      today: '2026-11-20',
    });
    const t2 = Date.now();
    const d = upcomingDeadlines(bigFacts, defaultRuleSettings, '2026-11-20');
    const t3 = Date.now();
    expect(findings.length).toBeGreaterThan(0);
    expect(m.rows).toHaveLength(1 + 40 + 600 + 1200);
    expect(d.length).toBeGreaterThan(0);
    // Generous bounds (a few hundred ms each on an idle machine): a quadratic scan would take minutes.
    expect(t1 - t0).toBeLessThan(5000);
    expect(t2 - t1).toBeLessThan(5000);
    expect(t3 - t2).toBeLessThan(2000);
  }, 60_000);
});
