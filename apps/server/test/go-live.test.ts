import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

// The school is set up on 2026-06-15 (Asia/Shanghai), with a branch that has held nothing; today is 2026-06-20.
let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let admin: Client;
let secretary: Client;
let branchId: number;
const clock = testClock();

type Finding = { ruleId: string; orgId: number; period?: string };
async function periods(ruleId: string): Promise<string[]> {
  const res = await admin.get(`/api/alerts?ruleId=${ruleId}&orgId=${branchId}`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as Finding[]).map((f) => f.period ?? '').sort();
}

beforeAll(async () => {
  t = await createTestApp({ clock, empty: true });
  const setup = await t.app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: {
      mode: 'own',
      schoolName: '江城职业学院',
      committeeName: '中共江城职业学院委员会',
      adminPassword: 'Jiang-Cheng-2026',
    },
  });
  expect(setup.statusCode).toBe(200);
  // Five days later: June's deadlines are within the 14 days of reminders.
  clock.set(new Date('2026-06-20T04:00:00Z'));
  const tree = await t.factory.tree();
  branchId = tree.branchA.id;
  for (const name of ['党员甲', '党员乙', '党员丙', '党员丁'])
    await t.factory.person({ orgId: branchId, name });
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  secretary = await t.as([{ role: 'branch_secretary', orgId: branchId }]);
});
afterAll(() => t.close());

describe('rules start from the go-live date', () => {
  it('a school set up today goes live today and sees no finding for an earlier period, only the current one', async () => {
    const res = await admin.get('/api/settings/go-live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ goLiveDate: '2026-06-15', ruleStarts: [] });
    // 主题党日 is owed every month, the 党员大会 every quarter: only the periods under way are reported.
    expect(await periods('life.theme_day_missing')).toEqual(['2026-06']);
    expect(await periods('life.general_meeting_missing')).toEqual(['2026-Q2']);
    // The compliance matrix asks nothing of the months before go-live either.
    const matrix = (
      await admin.get(`/api/compliance?orgId=${branchId}&from=2026-04-01&to=2026-06-30&unit=month`)
    ).json() as {
      rows: { orgId: number; cells: { periodKey: string; state: string; required: string[] }[] }[];
    };
    const cells = matrix.rows.find((r) => r.orgId === branchId)!.cells;
    expect(cells.map((c) => [c.periodKey, c.state])).toEqual([
      ['2026-04', 'none'],
      ['2026-05', 'none'],
      ['2026-06', 'open'],
    ]);
    // The reminders of upcoming deadlines are not filtered.
    const reminders = (await admin.get('/api/compliance/reminders')).json();
    expect(reminders.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orgId: branchId, item: 'theme_day', periodKey: '2026-06' }),
      ]),
    );
  });

  it('the 组织部 moves go-live back a year and the old findings appear at once', async () => {
    const res = await admin.put('/api/settings/go-live', { goLiveDate: '2025-06-15', ruleStarts: [] });
    expect(res.statusCode).toBe(200);
    const months = await periods('life.theme_day_missing');
    expect(months).toContain('2025-07');
    expect(months).toContain('2026-05');
    // June 2025 ends after go-live (2025-06-15), so it counts; May 2025 ended before.
    expect(months).not.toContain('2025-05');
    expect((await periods('life.general_meeting_missing')).length).toBeGreaterThan(1);
  });

  it('a rule own start hides that rule earlier findings only', async () => {
    const res = await admin.put('/api/settings/go-live', {
      goLiveDate: '2025-06-15',
      ruleStarts: [{ ruleId: 'life.theme_day_missing', startsOn: '2026-04-01' }],
    });
    expect(res.statusCode).toBe(200);
    expect(await periods('life.theme_day_missing')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect((await periods('life.general_meeting_missing')).length).toBeGreaterThan(1);
    expect((await admin.get('/api/settings/go-live')).json().ruleStarts).toEqual([
      { ruleId: 'life.theme_day_missing', startsOn: '2026-04-01' },
    ]);
  });

  it('a branch secretary may not change it; future and malformed dates are refused naming 启用日期', async () => {
    const denied = await secretary.put('/api/settings/go-live', { goLiveDate: '2020-01-01', ruleStarts: [] });
    expect(denied.statusCode).toBe(403);
    const future = await admin.put('/api/settings/go-live', { goLiveDate: '2026-06-21', ruleStarts: [] });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('启用日期');
    const malformed = await admin.put('/api/settings/go-live', { goLiveDate: '2026-13-01', ruleStarts: [] });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toContain('启用日期');
    expect((await admin.get('/api/settings/go-live')).json().goLiveDate).toBe('2025-06-15');
  });

  it('set-up refuses a go-live date in the future', async () => {
    const other = await createTestApp({ clock, empty: true });
    try {
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: {
          mode: 'own',
          schoolName: '江城职业学院',
          committeeName: '中共江城职业学院委员会',
          adminPassword: 'Jiang-Cheng-2026',
          goLiveDate: '2026-07-01',
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('启用日期');
    } finally {
      await other.close();
    }
  });
});
