/**
 * The demo's 年轻干部储备 (issue 18 item 5): about 25 young staff members in the pool with realistic ages, every
 * status, plans with items overdue, a 挂职 under way and others done, 轮岗 records, one candidate over the age
 * limit; the 组织部 sees them (findings and 待办), the 校领导 read them, a secretary does not; the 学时 of the
 * 年轻储备干部培训班 show on a candidate.
 */
import type { InboxResponse, ReserveCandidateDetail, ReserveCandidateItem } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cadreReserveFindingsProvider } from '../src/modules/cadre-reserve/findings.ts';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

const at = new Date('2026-12-06T02:00:00Z');
let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;
let leader: Client;
let zhibu: Client;

beforeAll(async () => {
  t = await createDemoTestApp(at);
  [zzb, leader, zhibu] = await Promise.all([
    t.login('zzb', demoPassword),
    t.login('leader', demoPassword),
    t.login('zhibu', demoPassword),
  ]);
}, 180_000);
afterAll(() => t.close());

describe('the demo’s reserve of young cadres', () => {
  it('holds about 25 young candidates in every status, one over the age limit', async () => {
    const page = (await zzb.get('/api/cadre-reserve?pageSize=100')).json() as {
      items: ReserveCandidateItem[];
      poolReviewDueOn: string | null;
    };
    const items = page.items;
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.length).toBeLessThanOrEqual(30);
    for (const i of items) {
      expect(i.age).not.toBeNull();
      expect(i.age!).toBeGreaterThanOrEqual(28);
      expect(i.age!).toBeLessThanOrEqual(37);
    }
    expect(new Set(items.map((i) => i.status))).toEqual(
      new Set(['nominated', 'admitted', 'in_training', 'appointed', 'withdrawn']),
    );
    expect(items.filter((i) => i.overAge)).toHaveLength(1);
    expect(items.some((i) => i.overdueItems > 0)).toBe(true);
    expect(items.filter((i) => i.secondedTo !== null).length).toBeGreaterThanOrEqual(1);
    expect(page.poolReviewDueOn).not.toBeNull();
    expect(page.poolReviewDueOn! <= '2026-12-31').toBe(true);
  });

  it('keeps 挂职 done and under way, 轮岗, plans and 学时 on the candidates', async () => {
    const items = (
      (await zzb.get('/api/cadre-reserve?status=in_training&pageSize=100')).json() as {
        items: ReserveCandidateItem[];
      }
    ).items;
    const details = await Promise.all(
      items.map(
        async (i) => (await leader.get(`/api/cadre-reserve/${i.id}`)).json() as ReserveCandidateDetail,
      ),
    );
    const secondments = details.flatMap((d) => d.secondments);
    expect(secondments.some((s) => s.phase === 'current')).toBe(true);
    expect(secondments.some((s) => s.phase === 'done')).toBe(true);
    expect(details.some((d) => d.rotations.length > 0)).toBe(true);
    expect(details.every((d) => d.planItems.length > 0)).toBe(true);
    expect(details.some((d) => d.trainingHours.sinceNominated > 0)).toBe(true);
  });

  it('finds and hands the cases to the 组织部, and shows a secretary nothing', async () => {
    const findings = await cadreReserveFindingsProvider.evaluate(t.db, '2026-12-06', null);
    const rules = new Set(findings.map((f) => f.ruleId));
    expect(rules).toEqual(
      new Set(['cadre_reserve.plan_item_overdue', 'cadre_reserve.over_age', 'cadre_reserve.review_due']),
    );
    const inbox = ((await zzb.get('/api/inbox')).json() as InboxResponse).byKind.map((k) => k.kind);
    expect(inbox).toEqual(
      expect.arrayContaining(['cadre_reserve.plan_item', 'cadre_reserve.over_age', 'cadre_reserve.review']),
    );
    expect((await zhibu.get('/api/cadre-reserve')).statusCode).toBe(403);
  });
});
