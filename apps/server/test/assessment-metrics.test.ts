// computeAssessmentFacts (issue 16): every metric of core's catalogue on small fixtures whose values are counted
// by hand, with the boundaries (a record on the period's first or last day, an org founded in the period, the
// reference date before the period's end, things that happened after it), the cases a metric does not apply to,
// the record refs behind each figure, and a statement count that does not grow with the number of orgs.
import {
  type AgendaItem,
  type AssessmentRecordRef,
  findingKey,
  type IsoDate,
  type MetricFact,
  type MetricKey,
  metricKeys,
  type RuleId,
  type Severity,
} from '@dangjian/core';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxMetricRecords } from '../src/http/assessment-metrics.ts';
import type { Db } from '../src/http/context.ts';
import { computeAssessmentFacts } from '../src/modules/assessment/metrics.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { eventFor, fullWalk, insertDossier, walk } from './recruitment-fixtures.ts';

// The round: the year 2025, judged on its last day (the test clock's today is 2026-06-15: later records exist).
const year = { periodStart: '2025-01-01', periodEnd: '2025-12-31', referenceDate: '2025-12-31' };
type Dates = typeof year;

let t: TestApp;
let committee: number;

async function factsOf(
  orgIds: readonly number[],
  metrics: readonly MetricKey[],
  dates: Dates = year,
  db?: Db,
) {
  return computeAssessmentFacts(db ?? t.db, { orgIds, metrics, ...dates });
}

async function fact(orgId: number, key: MetricKey, dates: Dates = year): Promise<MetricFact> {
  const f = (await factsOf([orgId], [key], dates)).get(orgId)?.[key];
  if (!f) throw new Error(`no fact ${key} for ${orgId}`);
  return f;
}

const ids = (records: readonly AssessmentRecordRef[]) => records.map((r) => r.id).sort();
const sorted = (list: readonly (number | string)[]) => list.map(String).sort();

async function org(
  name: string,
  type: 'general_branch' | 'branch' | 'group',
  parentId: number,
  extra: { category?: 'staff' | 'student'; foundedOn?: IsoDate } = {},
): Promise<number> {
  const o = await t.factory.org({ parentId, type, name, category: extra.category ?? null });
  if (extra.foundedOn)
    await t.db.updateTable('org').set({ founded_on: extra.foundedOn }).where('id', '=', o.id).execute();
  return o.id;
}

const record = (
  orgId: number,
  kind: Parameters<typeof insertActivity>[1]['kind'],
  onDate: IsoDate,
  extra = {},
) => insertActivity(t.db, { orgId, kind, onDate, ...extra });

/** A completed 民主评议党员 of the branch: only then does its record count (issue 17). */
const appraisalCompleted = (orgId: number, year: number) =>
  t.db
    .insertInto('member_appraisal')
    .values({
      org_id: orgId,
      year,
      status: 'completed',
      peer_review: false,
      started_on: `${year}-11-01`,
      completed_on: `${year}-12-20`,
      updated_at: new Date(),
    })
    .execute();

const firstTopic: AgendaItem[] = [
  { title: '学习习近平总书记最新重要讲话精神', isFirstTopic: true, note: null },
];

beforeAll(async () => {
  t = await createTestApp({ clock: testClock() });
  committee = (await t.factory.org({ parentId: null, type: 'committee', name: '中共测试学院委员会' })).id;
});
afterAll(async () => {
  await t?.close();
});

describe('organisational life of a branch', () => {
  let x: number;
  let group: number;
  let counted: number[];
  let young: number;
  let late: number;

  beforeAll(async () => {
    const general = await org('生活总支', 'general_branch', committee);
    x = await org('甲支部', 'branch', general);
    group = await org('甲支部第一党小组', 'group', x);
    counted = [];
    // 党员大会: Q1 on the period's first day, Q2 on a quarter's last day, none in Q3, Q4 on the period's last day.
    for (const d of ['2025-01-01', '2025-06-30', '2025-12-31'])
      counted.push(await record(x, 'general_meeting', d));
    // Outside the period, not closed, or archived without a quorum: none counts.
    await record(x, 'general_meeting', '2024-12-31');
    await record(x, 'general_meeting', '2026-01-01');
    await record(x, 'general_meeting', '2025-09-01', { status: 'held' });
    const noQuorum = await record(x, 'general_meeting', '2025-08-15');
    await t.db.updateTable('activity').set({ quorum_met: false }).where('id', '=', noQuorum).execute();
    // 党课 in Q1–Q3, none in Q4.
    for (const d of ['2025-02-10', '2025-05-10', '2025-08-10']) counted.push(await record(x, 'lecture', d));
    // The 党小组 meets every month but November.
    for (const m of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '12'])
      counted.push(await record(group, 'group_meeting', `2025-${m}-15`));
    // 主题党日 in 10 months (not February or March), on the period's first and last days among them.
    for (const d of [
      '2025-01-01',
      ...['04', '05', '06', '07', '08', '09', '10', '11'].map((m) => `2025-${m}-10`),
      '2025-12-31',
    ])
      await record(x, 'theme_day', d);
    await record(x, 'theme_day', '2024-12-31');
    // 组织生活会 on the period's first and last days, and one the year before; one 民主评议党员.
    await record(x, 'review_meeting', '2025-01-01');
    await record(x, 'review_meeting', '2025-12-31');
    await record(x, 'review_meeting', '2024-12-31');
    await record(x, 'member_appraisal', '2025-12-20');
    await appraisalCompleted(x, 2025);

    // Founded on 2025-05-10: Q3 and Q4 are owed, Q2 is not (it began before the branch).
    young = await org('新建支部', 'branch', general, { foundedOn: '2025-05-10' });
    await record(young, 'general_meeting', '2025-06-01');
    await record(young, 'general_meeting', '2025-08-01');
    await record(young, 'general_meeting', '2025-11-01');
    await record(young, 'lecture', '2025-09-01');
    // Founded after the year's 1 October: owes no 组织生活会 and no quarter of 2025.
    late = await org('年末新建支部', 'branch', general, { foundedOn: '2025-11-01' });
  });

  it('三会一课: owed periods (the 党小组 monthly meetings included) met on time, from records in the period', async () => {
    const f = await fact(x, 'three_meetings_one_lecture_rate');
    // 4 党员大会 + 4 党课 + 12 党小组会 owed; 3 + 3 + 11 held.
    expect(f.value).toBeCloseTo(17 / 20);
    expect(f.detail).toContain('应开展 20 期');
    expect(f.detail).toContain('已按期开展 17 期');
    // The refs are exactly the records counted.
    expect(ids(f.records)).toEqual(sorted(counted));
    expect(f.records.every((r) => r.kind === 'activity')).toBe(true);
  });

  it('三会一课 of a branch founded in the period: only the periods begun after its founding', async () => {
    const f = await fact(young, 'three_meetings_one_lecture_rate');
    expect(f.value).toBeCloseTo(3 / 4);
    expect(f.records).toHaveLength(3);
    expect(f.records.map((r) => r.label)).not.toContainEqual(expect.stringContaining('2025-06-01'));
    const none = await fact(late, 'three_meetings_one_lecture_rate');
    expect(none.value).toBeNull();
    expect(none.detail).toContain('成立于 2025-11-01');
  });

  it('a reference date before the period ends: periods still under way count only when met', async () => {
    const f = await fact(x, 'three_meetings_one_lecture_rate', { ...year, referenceDate: '2025-11-15' });
    // Q1–Q3 党员大会 (2 met) + Q1–Q3 党课 (3) + January–October 党小组会 (10): the Q4 ones and November are
    // still under way, December has not begun; nothing after 11-15 is read.
    expect(f.value).toBeCloseTo(15 / 16);
  });

  it('主题党日: months owed and months held', async () => {
    const f = await fact(x, 'theme_day_rate');
    expect(f.value).toBeCloseTo(10 / 12);
    expect(f.detail).toContain('应开展 12 个月，已开展 10 个月');
    expect(f.detail).toContain('2025年2月');
    expect(f.records).toHaveLength(10);
  });

  it('组织生活会 and 民主评议党员 held in the period; not applicable to a branch that owed none', async () => {
    expect((await fact(x, 'review_meeting_held')).value).toBe(2);
    expect((await fact(x, 'member_appraisal_held')).value).toBe(1);
    const none = await fact(late, 'review_meeting_held');
    expect(none.value).toBeNull();
    expect(none.detail).toContain('成立于 2025-11-01');
    // Founded in May, before the year's required-from day (1 October): owes one, held none.
    expect((await fact(young, 'review_meeting_held')).value).toBe(0);
  });

  it('branch metrics do not apply to a 总支 nor to the 党委', async () => {
    const general = (
      await t.db.selectFrom('org').select('parent_id').where('id', '=', x).executeTakeFirstOrThrow()
    ).parent_id!;
    const f = await fact(general, 'three_meetings_one_lecture_rate');
    expect(f).toEqual({ value: null, detail: '此项只适用于党支部', records: [] });
    const c = await fact(committee, 'findings_open');
    expect(c.value).toBeNull();
    expect(c.detail).toContain('不是考核对象');
  });
});

describe('谈心谈话 coverage and attendance', () => {
  let branch: number;
  let talks: number[];
  let records: number[];

  beforeAll(async () => {
    const general = await org('谈话总支', 'general_branch', committee);
    branch = await org('谈话支部', 'branch', general);
    const group = await org('谈话党小组', 'group', branch);
    const other = await org('外支部', 'branch', general);
    const [m1, m2, m4] = await t.factory.people(branch, 3);
    const m3 = await t.factory.person({ orgId: group, name: '小组党员' });
    // Joined the Party after the year's required-from day (1 October): owes no talk in 2025.
    const m5 = await t.factory.person({ orgId: branch, name: '新党员', status: 'probationary' });
    await t.db.updateTable('person').set({ joined_on: '2025-11-01' }).where('id', '=', m5).execute();
    const host = await t.factory.person({ orgId: other, name: '外支部书记' });
    talks = [
      await record(branch, 'talk', '2025-01-01', { hostPersonId: m1, partnerPersonId: m2 }),
      await record(branch, 'talk', '2025-12-31', { hostPersonId: host, partnerPersonId: m3 }),
    ];
    await record(branch, 'talk', '2024-12-31', { hostPersonId: m1, partnerPersonId: m4 });
    await record(branch, 'talk', '2025-06-01', { hostPersonId: m4!, partnerPersonId: host, status: 'held' });

    // Attendance: 3 of 4 at a 主题党日 (one on leave), 1 of 2 at the 党小组会 (a 列席 guest not counted), 1 of 2 at a
    // 党员大会 (an 'expected' row left on a closed record is an absence); one record the year before.
    const [p1, p2, p3, p4] = await t.factory.people(branch, 4);
    const [g1, g2] = await t.factory.people(group, 2);
    records = [
      await record(branch, 'theme_day', '2025-03-10', {
        attendees: [
          { personId: p1!, status: 'present' },
          { personId: p2!, status: 'present' },
          { personId: p3!, status: 'present' },
          { personId: p4!, status: 'leave' },
        ],
      }),
      await record(group, 'group_meeting', '2025-04-10', {
        attendees: [
          { personId: g1!, status: 'present' },
          { personId: g2!, status: 'absent' },
          { personId: host, status: 'present', role: 'guest' },
        ],
      }),
      await record(branch, 'general_meeting', '2025-05-10', {
        attendees: [
          { personId: p1!, status: 'present' },
          { personId: p2!, status: 'expected' },
        ],
      }),
    ];
    await record(branch, 'theme_day', '2024-12-15', { attendees: [{ personId: p1!, status: 'absent' }] });
  });

  it('counts members (their 党小组 too) who had a talk in the year, among those who owed one', async () => {
    const f = await fact(branch, 'talk_coverage');
    // The 4 attendance people and 2 group members owe a talk too (they had none): 3 of 10 owed.
    expect(f.value).toBeCloseTo(3 / 10);
    expect(f.detail).toContain('应谈 10 人，已谈 3 人');
    expect(ids(f.records)).toEqual(sorted(talks));
  });

  it('attendance: present over expected at the branch’s and its 党小组’s closed records', async () => {
    const f = await fact(branch, 'life_attendance_rate');
    expect(f.value).toBeCloseTo(5 / 8);
    expect(f.detail).toContain('应出席 8 人次，出席 5 人次，请假 1 人次，缺席 2 人次');
    expect(ids(f.records)).toEqual(sorted(records));
  });

  it('a branch without records or members has nothing to count', async () => {
    const general = await org('空总支', 'general_branch', committee);
    const empty = await org('空支部', 'branch', general);
    expect((await fact(empty, 'talk_coverage')).value).toBeNull();
    expect((await fact(empty, 'life_attendance_rate')).value).toBeNull();
  });
});

describe('organisational life of a 总支', () => {
  let general: number;
  let empty: number;

  beforeAll(async () => {
    general = await org('二级党组织甲', 'general_branch', committee);
    const full = await org('全勤支部', 'branch', general);
    const half = await org('半勤支部', 'branch', general);
    for (const q of ['02', '05', '08', '11']) {
      await record(full, 'general_meeting', `2025-${q}-05`);
      await record(full, 'lecture', `2025-${q}-06`);
    }
    for (const q of ['02', '05']) {
      await record(half, 'general_meeting', `2025-${q}-05`);
      await record(half, 'lecture', `2025-${q}-06`);
    }
    await record(full, 'review_meeting', '2025-11-20');
    await record(full, 'member_appraisal', '2025-12-10');
    await record(half, 'member_appraisal', '2025-12-11');
    await appraisalCompleted(full, 2025);
    await appraisalCompleted(half, 2025);
    // 第一议题 in January–October (a 党委会, a 中心组学习 and a 党政联席会 among them); a meeting in November without it.
    for (const m of ['01', '02', '03', '04', '05', '06', '07', '08'])
      await record(general, 'committee_meeting', `2025-${m}-05`, { agenda: firstTopic });
    await record(general, 'study_group_session', '2025-09-05', { agenda: firstTopic });
    await record(general, 'joint_meeting', '2025-10-05', { agenda: firstTopic });
    await record(general, 'committee_meeting', '2025-11-05');
    await record(general, 'study_group_session', '2025-03-01');
    await record(general, 'study_group_session', '2025-12-31');
    await record(general, 'study_group_session', '2026-01-02');
    await record(general, 'leadership_review_meeting', '2025-12-28');
    // Founded after the reference date: not yet one of its branches.
    await org('明年支部', 'branch', general, { foundedOn: '2026-02-01' });
    empty = await org('无支部总支', 'general_branch', committee);
  });

  it('三会一课 of its branches taken together', async () => {
    const f = await fact(general, 'branch_life_rate');
    expect(f.value).toBeCloseTo(12 / 16);
    expect(f.detail).toContain('所属 2 个支部应开展 16 期，已按期开展 12 期');
    expect(f.detail).toContain('半勤支部');
    expect(f.records).toHaveLength(12);
    expect((await fact(empty, 'branch_life_rate')).value).toBeNull();
  });

  it('组织生活会 and 民主评议党员: the share of its branches that held them', async () => {
    expect((await fact(general, 'review_meeting_rate')).value).toBeCloseTo(1 / 2);
    expect((await fact(general, 'member_appraisal_rate')).value).toBe(1);
  });

  it('第一议题 by month, and the 中心组 and 民主生活会 held', async () => {
    const f = await fact(general, 'first_topic_rate');
    expect(f.value).toBeCloseTo(10 / 12);
    expect(f.records).toHaveLength(10);
    // The 9-05 中心组 carried the 第一议题; 3-01 and 12-31 are counted as sessions too; 2026 is not.
    expect((await fact(general, 'study_group_sessions')).value).toBe(3);
    expect((await fact(general, 'leadership_review_meeting_held')).value).toBe(1);
  });
});

/** A stored finding with its history; state, severity and first/last seen follow from the events. */
async function insertFinding(f: {
  ruleId: RuleId;
  orgId: number;
  personId?: number;
  subject?: string;
  period?: string;
  events: readonly (readonly [
    'appeared' | 'reappeared' | 'resolved' | 'escalated' | 'eased',
    string,
    Severity?,
  ])[];
}): Promise<string> {
  const key = findingKey({
    ruleId: f.ruleId,
    orgId: f.orgId,
    subject: f.subject,
    personId: f.personId,
    period: f.period,
  });
  const at = (s: string) => new Date(s.length === 10 ? `${s}T10:00:00+08:00` : s);
  const last = f.events.at(-1)!;
  const severity = [...f.events].reverse().find((e) => e[2])?.[2] ?? 'warning';
  const stateEvents = f.events.filter((e) => e[0] !== 'escalated' && e[0] !== 'eased');
  const resolved = stateEvents.at(-1)![0] === 'resolved';
  const row = await t.db
    .insertInto('finding')
    .values({
      key,
      rule_id: f.ruleId,
      provider: 'test',
      org_id: f.orgId,
      person_id: f.personId ?? null,
      subject: f.subject ?? null,
      period: f.period ?? null,
      severity,
      message: `${f.ruleId} 测试预警`,
      suggestion: '处理',
      state: resolved ? 'resolved' : 'open',
      first_seen_at: at(f.events[0]![1]),
      last_seen_at: at(last[1]),
      resolved_at: resolved ? at(stateEvents.at(-1)![1]) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('finding_event')
    .values(
      f.events.map(([kind, when, sev]) => ({
        finding_id: row.id,
        at: at(when),
        kind,
        severity: sev ?? null,
      })),
    )
    .execute();
  return key;
}

describe('findings as they stood on the reference date', () => {
  let branch: number;
  let general: number;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    general = await org('预警总支', 'general_branch', committee);
    branch = await org('预警支部', 'branch', general);
    const group = await org('预警党小组', 'group', branch);
    const other = await org('预警支部二', 'branch', general);
    const otherGroup = await org('预警党小组二', 'group', other);
    const [p1, p2, p3, p4] = await t.factory.people(branch, 4);
    const [p5, p6, p7] = await t.factory.people(other, 3);
    const life = (
      ruleId: RuleId,
      personId: number,
      orgId: number,
      events: Parameters<typeof insertFinding>[0]['events'],
      period?: string,
    ) => insertFinding({ ruleId, orgId, personId, events, ...(period ? { period } : {}) });
    // Six months absent: open (on the 党小组), open on the reference day (resolved later), resolved on its evening.
    keys.f1 = await life('life.absence_lapsed', p1!, group, [['appeared', '2025-10-01', 'error']]);
    keys.f2 = await life('life.absence_lapsed', p2!, branch, [
      ['appeared', '2025-09-01', 'error'],
      ['resolved', '2026-01-10'],
    ]);
    keys.f3 = await life('life.absence_lapsed', p3!, branch, [
      ['appeared', '2025-08-01', 'error'],
      ['resolved', '2025-12-31T23:00:00+08:00'],
    ]);
    // The school's 3-month warning: open, a warning, not a six-month absence.
    keys.f4 = await life('life.absence_warning', p4!, branch, [['appeared', '2025-07-01', 'warning']]);
    // A reminder (提醒), never worse: not counted.
    keys.f5 = await life('life.talk_missing', p4!, branch, [['appeared', '2025-10-05', 'info']], '2025');
    // Found after the reference date.
    keys.f6 = await insertFinding({
      ruleId: 'term.overdue',
      orgId: branch,
      events: [['appeared', '2026-01-05', 'error']],
    });
    // A warning eased to a reminder before the reference date: not open as a warning then.
    keys.f7 = await insertFinding({
      ruleId: 'secretary.dual_leader',
      orgId: branch,
      events: [
        ['appeared', '2025-11-01', 'warning'],
        ['eased', '2025-12-01', 'info'],
      ],
    });
    // Found and resolved the year before... and after: appeared in 2024.
    keys.f8 = await insertFinding({
      ruleId: 'life.theme_day_missing',
      orgId: branch,
      period: '2024-11',
      events: [
        ['appeared', '2024-12-20', 'warning'],
        ['resolved', '2025-02-01'],
      ],
    });
    // Resolved, then back before the reference date (and resolved again after it).
    keys.f9 = await insertFinding({
      ruleId: 'life.general_meeting_missing',
      orgId: branch,
      period: '2025-Q1',
      events: [
        ['appeared', '2025-04-01', 'warning'],
        ['resolved', '2025-05-01'],
        ['reappeared', '2025-11-20', 'warning'],
        ['resolved', '2026-02-01'],
      ],
    });
    keys.f10 = await insertFinding({
      ruleId: 'branch.committee_required',
      orgId: branch,
      events: [['appeared', '2025-06-01', 'error']],
    });
    keys.f11 = await insertFinding({
      ruleId: 'transfer.receipt_overdue',
      orgId: branch,
      subject: 'transfer-1',
      events: [['appeared', '2025-12-01', 'warning']],
    });
    // The 总支's own: a secretary missing. Its branches': 双重组织生活 (two of one leader, one on a 党小组, one resolved)
    // and a transfer.
    keys.f12 = await insertFinding({
      ruleId: 'team.secretary_missing',
      orgId: general,
      events: [['appeared', '2025-03-01', 'error']],
    });
    keys.f13 = await life(
      'life.dual_life_missing',
      p5!,
      other,
      [['appeared', '2025-07-01', 'warning']],
      '2025-Q2',
    );
    keys.f14 = await life(
      'life.dual_life_missing',
      p5!,
      other,
      [['appeared', '2025-10-01', 'warning']],
      '2025-Q3',
    );
    keys.f15 = await life(
      'life.dual_life_missing',
      p6!,
      otherGroup,
      [['appeared', '2025-10-01', 'warning']],
      '2025-Q3',
    );
    keys.f16 = await life(
      'life.dual_life_missing',
      p7!,
      other,
      [
        ['appeared', '2025-07-01', 'warning'],
        ['resolved', '2025-10-01'],
      ],
      '2025-Q2',
    );
    keys.f17 = await insertFinding({
      ruleId: 'transfer.internal_pending',
      orgId: other,
      subject: 'transfer-2',
      events: [['appeared', '2025-11-01', 'warning']],
    });
  });

  it('open errors and warnings of a branch (its 党小组 included) on the reference date', async () => {
    const f = await fact(branch, 'findings_open');
    expect(f.value).toBe(6);
    expect(f.records.map((r) => r.id).sort()).toEqual(
      [keys.f1, keys.f2, keys.f4, keys.f9, keys.f10, keys.f11].sort(),
    );
    expect(f.records.every((r) => r.kind === 'finding')).toBe(true);
    // Errors first.
    expect(
      f.records
        .slice(0, 3)
        .map((r) => r.id)
        .sort(),
    ).toEqual([keys.f1, keys.f2, keys.f10].sort());
  });

  it('members absent six months: people of the open 党章第九条 findings', async () => {
    const f = await fact(branch, 'members_absent_six_months');
    expect(f.value).toBe(2);
    expect(ids(f.records)).toEqual([keys.f1, keys.f2].sort());
  });

  it('resolved rate: of the errors and warnings found in the period, those resolved by the reference date', async () => {
    const f = await fact(branch, 'findings_resolved_rate');
    // f1 f2 f3 f4 f7 f9 f10 f11 appeared in 2025 as a warning or worse; only f3 was resolved on 12-31.
    expect(f.value).toBeCloseTo(1 / 8);
    expect(f.records).toHaveLength(8);
    expect(f.records.at(-1)!.id).toBe(keys.f3);
    // A year later everything but f1, f4, f7, f10, f11 is resolved.
    const later = await fact(branch, 'findings_resolved_rate', { ...year, referenceDate: '2026-03-01' });
    expect(later.value).toBeCloseTo(3 / 8);
  });

  it('team findings: the org’s own', async () => {
    expect((await fact(branch, 'team_findings_open')).value).toBe(1);
    const g = await fact(general, 'team_findings_open');
    expect(g.value).toBe(1);
    expect(ids(g.records)).toEqual([keys.f12]);
  });

  it('a 总支: its own findings, its branches’ 双重组织生活 and transfers', async () => {
    expect((await fact(general, 'findings_open')).value).toBe(1);
    expect((await fact(general, 'findings_resolved_rate')).value).toBe(0);
    const dual = await fact(general, 'dual_life_missing');
    expect(dual.value).toBe(2);
    expect(ids(dual.records)).toEqual([keys.f13, keys.f14, keys.f15].sort());
    const transfers = await fact(general, 'transfers_overdue');
    expect(transfers.value).toBe(2);
    expect(ids(transfers.records)).toEqual([keys.f11, keys.f17].sort());
    expect((await fact(branch, 'transfers_overdue')).value).toBe(1);
  });

  it('before anything was found, a branch has no resolved rate', async () => {
    const f = await fact(branch, 'findings_resolved_rate', {
      periodStart: '2023-01-01',
      periodEnd: '2023-12-31',
      referenceDate: '2023-12-31',
    });
    expect(f.value).toBeNull();
    expect((await fact(branch, 'findings_open', { ...year, referenceDate: '2024-06-30' })).value).toBe(0);
  });
});

describe('发展党员 steps on time', () => {
  let general: number;
  let branch: number;
  const late: Record<string, number> = {};

  beforeAll(async () => {
    general = await org('发展总支', 'general_branch', committee);
    branch = await org('发展支部', 'branch', general);
    const other = await org('发展支部二', 'branch', general);
    const mentors = await t.factory.people(branch, 2);
    // 谈话 within a month of the application: late (due 02-10), on time, never held by the reference date.
    late.d1 = (
      await insertDossier(t.db, {
        orgId: branch,
        name: '迟谈',
        events: walk([
          ['application', '2025-01-10'],
          ['application_talk', '2025-02-20'],
        ]),
      })
    ).id;
    await insertDossier(t.db, {
      orgId: branch,
      name: '按期',
      events: walk([
        ['application', '2025-03-01'],
        ['application_talk', '2025-03-20'],
      ]),
    });
    late.d3 = (
      await insertDossier(t.db, {
        orgId: branch,
        name: '未谈',
        events: walk([['application', '2025-11-20']]),
      })
    ).id;
    // Due after the period, before it, or withdrawn before it fell due: none counts.
    await insertDossier(t.db, {
      orgId: branch,
      name: '年末申请',
      events: walk([['application', '2025-12-15']]),
    });
    await insertDossier(t.db, {
      orgId: branch,
      name: '去年',
      events: walk([
        ['application', '2024-11-01'],
        ['application_talk', '2024-11-10'],
      ]),
    });
    await insertDossier(t.db, {
      orgId: branch,
      name: '撤回',
      events: [eventFor('application', '2025-05-01'), eventFor('withdrawal', '2025-05-10')],
    });
    // The whole procedure: in 2025 the second 考察 half-year (due 01-15, done 01-10) and the superior's approval
    // (due 07-10, done 05-10) were on time; the 转正 steps fall in 2026.
    await insertDossier(t.db, { orgId: branch, name: '全程', events: walk(fullWalk, mentors) });
    await insertDossier(t.db, {
      orgId: other,
      name: '另一支部',
      events: walk([
        ['application', '2025-06-01'],
        ['application_talk', '2025-06-15'],
      ]),
    });
  });

  it('a branch: steps due in the period, taken by their deadline', async () => {
    const f = await fact(branch, 'recruitment_steps_on_time_rate');
    expect(f.value).toBeCloseTo(3 / 5);
    expect(f.detail).toContain('到期的发展党员程序步骤 5 个');
    expect(f.detail).toContain('逾期办理 1 个');
    expect(f.detail).toContain('未办理 1 个');
    // The step never taken first (named by its dossier), then the late one (its recorded step), then the rest.
    expect(f.records[0]).toMatchObject({
      kind: 'recruitment_step',
      id: `dossier-${late.d3}-step-application_talk`,
    });
    const lateEvent = await t.db
      .selectFrom('recruitment_event')
      .select('id')
      .where('recruitment_id', '=', late.d1!)
      .where('step', '=', 'application_talk')
      .executeTakeFirstOrThrow();
    expect(f.records[1]).toMatchObject({
      kind: 'recruitment_step',
      id: `dossier-${late.d1}-event-${lateEvent.id}`,
    });
    expect(f.records[1]!.label).toContain('期限 2025-02-10');
    expect(f.records).toHaveLength(5);
  });

  it('a 总支 counts its branches’ dossiers; nothing due is not applicable', async () => {
    expect((await fact(general, 'recruitment_steps_on_time_rate')).value).toBeCloseTo(4 / 6);
    const none = await fact(branch, 'recruitment_steps_on_time_rate', {
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
      referenceDate: '2027-12-31',
    });
    expect(none.value).toBeNull();
  });

  it('steps long before the period only move the procedure on: 2026 sees the 转正 steps', async () => {
    // The whole procedure's 转正 discussion (due 2026-05-10) and approval (due 2026-07-10) were on time; the 谈话 of
    // the application of 2025-12-15 (due 2026-01-15) was never held. Its application of 2023 is 26 months back.
    const f = await fact(branch, 'recruitment_steps_on_time_rate', {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      referenceDate: '2026-06-15',
    });
    expect(f.value).toBeCloseTo(2 / 3);
    expect(f.records.map((r) => r.label)).toEqual([
      expect.stringContaining('年末申请：同入党申请人谈话（期限 2026-01-15，未办理）'),
      expect.stringContaining('支部大会讨论转正（期限 2026-05-10，2026-04-10 办理）'),
      expect.stringContaining('上级党委审批转正（期限 2026-07-10，2026-05-10 办理）'),
    ]);
  });

  it('a step taken after the reference date is not yet taken on it', async () => {
    // On 2025-02-15 the late 谈话 (due 02-10) had not been held: still missed.
    const f = await fact(branch, 'recruitment_steps_on_time_rate', { ...year, referenceDate: '2025-02-15' });
    expect(f.value).toBeCloseTo(1 / 2);
    expect(f.records[0]!.id).toBe(`dossier-${late.d1}-step-application_talk`);
  });
});

describe('terms and 双带头人 on the reference date', () => {
  let general: number;
  const b: Record<string, number> = {};
  const terms: Record<string, number> = {};

  beforeAll(async () => {
    general = await org('换届总支', 'general_branch', committee);
    const secretary = async (orgId: number, dual: boolean) =>
      t.factory.person({ orgId, isDualLeader: dual, name: dual ? '双带头人书记' : '普通书记' });
    const term = async (key: string, orgId: number, start: IsoDate, end: IsoDate, dual: boolean | null) => {
      const team =
        dual === null ? [] : [{ personId: await secretary(orgId, dual), post: 'secretary' as const }];
      terms[key] = await t.factory.term({ orgId, start, end, team });
      return terms[key]!;
    };
    b.t1 = await org('超期支部', 'branch', general, { category: 'staff' });
    await term('t1', b.t1, '2022-12-01', '2025-12-01', true);
    b.t2 = await org('延期支部', 'branch', general, { category: 'staff' });
    await term('t2', b.t2, '2022-06-01', '2025-06-01', false);
    await t.db
      .updateTable('term')
      .set({ postponed_to: '2026-03-01', postponement_approved_on: '2025-05-01' })
      .where('id', '=', terms.t2!)
      .execute();
    b.t3 = await org('学生支部', 'branch', general, { category: 'student' });
    await term('t3', b.t3, '2025-01-01', '2028-01-01', false);
    b.t4 = await org('无届次支部', 'branch', general, { category: 'staff' });
    b.t5 = await org('末日支部', 'branch', general, { category: 'staff' });
    await term('t5', b.t5, '2022-12-31', '2025-12-31', true);
    b.t6 = await org('未成立支部', 'branch', general, { category: 'staff', foundedOn: '2026-03-01' });
    b.t7 = await org('迟批支部', 'branch', general, { category: 'staff' });
    await term('t7', b.t7, '2022-10-01', '2025-10-01', false);
    // Approved only after the reference date: on it the term was overdue.
    await t.db
      .updateTable('term')
      .set({ postponed_to: '2026-06-01', postponement_approved_on: '2026-01-10' })
      .where('id', '=', terms.t7!)
      .execute();
  });

  it('days overdue: the planned end, or an approved postponement; 0 on the last day; null without a term', async () => {
    const facts = await factsOf(Object.values(b), ['term_overdue_days']);
    const days = (k: string) => facts.get(b[k]!)?.term_overdue_days;
    expect(days('t1')!.value).toBe(30);
    expect(days('t1')!.records).toEqual([
      expect.objectContaining({ kind: 'term', id: `org:${b.t1}:term:${terms.t1}` }),
    ]);
    expect(days('t2')!.value).toBe(0);
    expect(days('t2')!.detail).toContain('经批准延期');
    expect(days('t3')!.value).toBe(0);
    expect(days('t4')!.value).toBeNull();
    expect(days('t5')!.value).toBe(0);
    expect(days('t6')!.value).toBeNull();
    expect(days('t7')!.value).toBe(91);
  });

  it('a 总支: branches in order, and its 教工 branches’ secretaries who are 双带头人', async () => {
    const inOrder = await fact(general, 'terms_in_order_rate');
    // On 2025-12-31: t1..t5 and t7 existed (t6 was founded later); t2, t3 and t5 were in order.
    expect(inOrder.value).toBeCloseTo(3 / 6);
    expect(inOrder.detail).toContain('无届次记录：无届次支部');
    const dual = await fact(general, 'dual_leader_rate');
    // 教工: t1 (yes), t2 (no), t4 (vacant), t5 (yes), t7 (no).
    expect(dual.value).toBeCloseTo(2 / 5);
    expect((await fact(general, 'term_overdue_days')).value).toBeNull();
  });

  it('a branch’s secretary: 1 or 0, vacant is 0, not applicable to a student branch', async () => {
    expect((await fact(b.t1!, 'dual_leader_secretary')).value).toBe(1);
    expect((await fact(b.t2!, 'dual_leader_secretary')).value).toBe(0);
    const vacant = await fact(b.t4!, 'dual_leader_secretary');
    expect(vacant.value).toBe(0);
    expect(vacant.detail).toContain('书记空缺');
    const student = await fact(b.t3!, 'dual_leader_secretary');
    expect(student.value).toBeNull();
    expect(student.detail).toContain('非教工党支部');
  });
});

/** Inserts a timeline entry at a Shanghai day (and optional time). */
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

describe('rectification items and supervised tasks, as they stood on the reference date', () => {
  let branch: number;
  let issuer: number;
  const items: Record<string, number> = {};
  const tasks: Record<string, number> = {};

  async function item(
    key: string,
    deadline: IsoDate,
    timeline: readonly (readonly [string, string, string | null, IsoDate | null])[],
    milestone?: IsoDate,
  ) {
    const row = await t.db
      .insertInto('rectification')
      .values({
        org_id: branch,
        source: 'manual',
        problem: `整改事项${key}`,
        status: (timeline.findLast((e) => e[2] !== null)?.[2] ?? 'pending') as 'pending',
        deadline,
        original_deadline: timeline[0]?.[3] ?? deadline,
        created_at: at(timeline[0]![1]),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    items[key] = row.id;
    await t.db
      .insertInto('rectification_event')
      .values(
        timeline.map(([kind, day, to, until]) => ({
          rectification_id: row.id,
          at: at(day, '11:00'),
          kind: kind as 'created',
          to_status: to as 'pending' | null,
          until,
        })),
      )
      .execute();
    if (milestone)
      await t.db
        .insertInto('rectification_milestone')
        .values({
          rectification_id: row.id,
          position: 1,
          title: '阶段目标',
          due_on: milestone,
          done_on: null,
        })
        .execute();
  }

  async function task(
    key: string,
    deadline: IsoDate,
    timeline: readonly (readonly [string, string, string | null])[],
    orgId = branch,
  ) {
    const row = await t.db
      .insertInto('supervised_task')
      .values({
        issuer_org_id: issuer,
        org_id: orgId,
        title: `督办事项${key}`,
        cadence: 'none',
        status: (timeline.findLast((e) => e[2] !== null)?.[2] ?? 'awaiting_acceptance') as 'done',
        issued_on: timeline[0]![1],
        deadline,
        original_deadline: deadline,
        created_at: at(timeline[0]![1]),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tasks[key] = row.id;
    await t.db
      .insertInto('supervised_task_event')
      .values(
        timeline.map(([kind, day, to]) => ({
          task_id: row.id,
          at: at(day, '11:00'),
          kind: kind as 'created',
          to_status: to as 'done' | null,
          until: kind === 'created' ? deadline : null,
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    issuer = await org('督办总支', 'general_branch', committee);
    branch = await org('整改支部', 'branch', issuer);
    const created = (day: IsoDate, deadline: IsoDate) => ['created', day, 'pending', deadline] as const;
    const step = (kind: string, day: IsoDate, to: string | null, until: IsoDate | null = null) =>
      [kind, day, to, until] as const;
    // Submitted on its deadline (the last day), verified later: on time.
    await item('i1', '2025-06-30', [
      created('2025-03-01', '2025-06-30'),
      step('start', '2025-03-02', 'in_progress'),
      step('submit', '2025-06-30', 'submitted'),
      step('verify', '2025-07-05', 'closed'),
    ]);
    // Submitted two days late.
    await item('i2', '2025-03-31', [
      created('2025-01-10', '2025-03-31'),
      step('start', '2025-01-11', 'in_progress'),
      step('submit', '2025-04-02', 'submitted'),
      step('verify', '2025-04-03', 'closed'),
    ]);
    // Extended to 10-31 before its deadline, submitted within the extension.
    await item('i3', '2025-10-31', [
      created('2025-06-01', '2025-09-30'),
      step('start', '2025-06-02', 'in_progress'),
      step('approve_extension', '2025-09-20', null, '2025-10-31'),
      step('submit', '2025-10-30', 'submitted'),
      step('verify', '2025-11-02', 'closed'),
    ]);
    // Past its deadline on the reference date, closed only after it.
    await item('i4', '2025-11-30', [
      created('2025-09-01', '2025-11-30'),
      step('start', '2025-09-02', 'in_progress'),
      step('submit', '2026-01-05', 'submitted'),
      step('verify', '2026-01-10', 'closed'),
    ]);
    // Due after the period; due on the reference date itself (over at its end).
    await item('i5', '2026-01-31', [
      created('2025-10-01', '2026-01-31'),
      step('start', '2025-10-02', 'in_progress'),
    ]);
    await item('i6', '2025-12-31', [
      created('2025-10-01', '2025-12-31'),
      step('start', '2025-10-02', 'in_progress'),
    ]);
    // Submitted in time but verified after the reference date: not closed on it (and not overdue: submitted).
    await item('i7', '2025-10-01', [
      created('2025-08-01', '2025-10-01'),
      step('start', '2025-08-02', 'in_progress'),
      step('submit', '2025-09-30', 'submitted'),
      step('verify', '2026-01-05', 'closed'),
    ]);
    // Opened after the reference date (with a deadline in the period): unknown on it.
    await item('i8', '2025-12-20', [created('2026-01-02', '2025-12-20')]);
    // A 长期整改 item whose milestone (11-30) passed undone: 阶段逾期.
    await item(
      'i9',
      '2026-03-31',
      [created('2025-09-01', '2026-03-31'), step('start', '2025-09-02', 'in_progress')],
      '2025-11-30',
    );

    const s = (kind: string, day: IsoDate, to: string | null) => [kind, day, to] as const;
    const issued = (day: IsoDate) => s('created', day, 'awaiting_acceptance');
    await task('s1', '2025-05-31', [
      issued('2025-03-01'),
      s('accept', '2025-03-02', 'in_progress'),
      s('report_done', '2025-05-31', 'reported_done'),
      s('confirm_done', '2025-06-10', 'done'),
    ]);
    await task('s2', '2025-05-31', [
      issued('2025-03-01'),
      s('accept', '2025-03-02', 'in_progress'),
      s('report_done', '2025-06-02', 'reported_done'),
      s('confirm_done', '2025-06-05', 'done'),
    ]);
    // Reported in time, returned, reported again after the deadline.
    await task('s3', '2025-08-31', [
      issued('2025-06-01'),
      s('accept', '2025-06-02', 'in_progress'),
      s('report_done', '2025-08-20', 'reported_done'),
      s('return', '2025-08-25', 'in_progress'),
      s('report_done', '2025-09-05', 'reported_done'),
      s('confirm_done', '2025-09-06', 'done'),
    ]);
    await task('s4', '2025-10-31', [issued('2025-09-01'), s('accept', '2025-09-02', 'in_progress')]);
    await task('s5', '2025-12-31', [issued('2025-09-01'), s('accept', '2025-09-02', 'in_progress')]);
    await task('s6', '2025-10-31', [
      issued('2025-09-01'),
      s('accept', '2025-09-02', 'in_progress'),
      s('report_done', '2025-10-30', 'reported_done'),
      s('confirm_done', '2026-01-03', 'done'),
    ]);
    const other = await org('别的牵头支部', 'branch', issuer);
    await task('s7', '2025-05-31', [issued('2025-03-01'), s('accept', '2025-03-02', 'in_progress')], other);
  });

  it('closed on time: deadline (with an approved extension) in the period, submitted by it and closed by the reference date', async () => {
    const f = await fact(branch, 'rectifications_closed_on_time_rate');
    // i1 ✓, i2 ✗ (late), i3 ✓ (extension), i4 ✗ (open then), i6 ✗ (due that day, open at its end), i7 ✗ (not yet
    // closed): 2 of 6. i5 is due later, i8 did not exist yet.
    expect(f.value).toBeCloseTo(2 / 6);
    expect(f.detail).toContain(
      '期限在考核期内的整改事项 6 项，按期销号 2 项，逾期销号 1 项，至 2025-12-31 未销号 3 项',
    );
    expect(ids(f.records)).toEqual(
      sorted([items.i1!, items.i2!, items.i3!, items.i4!, items.i6!, items.i7!]),
    );
    // The ones not closed first.
    expect(ids(f.records.slice(0, 3))).toEqual(sorted([items.i4!, items.i6!, items.i7!]));
  });

  it('overdue on the reference date: past the deadline or a milestone, still being rectified', async () => {
    const f = await fact(branch, 'rectifications_overdue');
    expect(f.value).toBe(3);
    expect(ids(f.records)).toEqual(sorted([items.i4!, items.i6!, items.i9!]));
    expect(f.detail).toContain('阶段逾期 1 项');
    // A day earlier i6 was not yet due.
    const before = await fact(branch, 'rectifications_overdue', { ...year, referenceDate: '2025-12-30' });
    expect(ids(before.records)).toEqual(sorted([items.i4!, items.i9!]));
    // Today (2026-06-15) i4 is closed; i5, i6, i8 and i9 are past due.
    const now = await fact(branch, 'rectifications_overdue', { ...year, referenceDate: '2026-06-15' });
    expect(ids(now.records)).toEqual(sorted([items.i5!, items.i6!, items.i8!, items.i9!]));
  });

  it('supervised tasks: reported done by the deadline and confirmed by the reference date', async () => {
    const f = await fact(branch, 'supervised_tasks_on_time_rate');
    // s1 ✓; s2 late; s3 reported again after the deadline; s4 open; s5 due that day and open at its end; s6 not
    // yet confirmed.
    expect(f.value).toBeCloseTo(1 / 6);
    expect(ids(f.records)).toEqual(
      sorted([tasks.s1!, tasks.s2!, tasks.s3!, tasks.s4!, tasks.s5!, tasks.s6!]),
    );
    const before = await fact(branch, 'supervised_tasks_on_time_rate', {
      ...year,
      referenceDate: '2025-12-30',
    });
    expect(before.value).toBeCloseTo(1 / 5);
    expect(f.records.at(-1)!.id).toBe(String(tasks.s1));
    const none = await fact(issuer, 'supervised_tasks_on_time_rate');
    expect(none.value).toBeNull();
  });
});

describe('computeAssessmentFacts as a whole', () => {
  it('gives every asked metric for every org, null with a reason where it does not apply, and unknown ids too', async () => {
    const general = await org('整体总支', 'general_branch', committee);
    const branch = await org('整体支部', 'branch', general, { category: 'staff' });
    const facts = await factsOf([general, branch, committee, 987654], metricKeys);
    for (const id of [general, branch, committee, 987654]) {
      const f = facts.get(id)!;
      expect(Object.keys(f).sort()).toEqual([...metricKeys].sort());
      for (const key of metricKeys) {
        expect(f[key]!.detail).toBeTruthy();
        expect(f[key]!.records.length).toBeLessThanOrEqual(maxMetricRecords);
      }
    }
    expect(facts.get(987654)!.findings_open).toEqual({ value: null, detail: '没有这个党组织', records: [] });
    expect(facts.get(general)!.talk_coverage!.detail).toBe('此项只适用于党支部');
    expect(facts.get(branch)!.branch_life_rate!.detail).toBe('此项只适用于二级党组织');
    expect(facts.get(branch)!.findings_open!.value).toBe(0);
  });

  it('lists at most 50 records and says how many there are', async () => {
    const general = await org('多记录总支', 'general_branch', committee);
    const branch = await org('多记录支部', 'branch', general);
    for (let i = 0; i < 55; i++)
      await record(
        branch,
        'theme_day',
        `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      );
    const f = await fact(branch, 'theme_day_rate');
    expect(f.value).toBe(1);
    expect(f.records).toHaveLength(maxMetricRecords);
    expect(f.detail).toContain('共 55 条');
  });

  it('the number of statements does not grow with the number of orgs', async () => {
    const general = await org('批量总支', 'general_branch', committee);
    const branches: number[] = [];
    for (let i = 0; i < 30; i++) {
      const b = await org(`批量支部${i}`, 'branch', general, { category: i % 2 ? 'staff' : 'student' });
      await t.factory.person({ orgId: b });
      await record(b, 'theme_day', '2025-03-10');
      branches.push(b);
    }
    const generals = [general];
    for (let i = 0; i < 3; i++) generals.push(await org(`批量总支${i}`, 'general_branch', committee));
    let statements = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    };
    const counted = t.db.withPlugin(counter);
    const run = async (orgIds: number[]) => {
      statements = 0;
      const facts = await factsOf(orgIds, metricKeys, year, counted);
      expect(facts.size).toBe(orgIds.length);
      return statements;
    };
    const few = await run([general, ...branches.slice(0, 2)]);
    const many = await run([...generals, ...branches]);
    expect(few).toBeGreaterThan(5);
    expect(many).toBe(few);
  });
});
