/**
 * The demo's 巡察 rounds as the platform shows them on first start: the 组织部 and the leaders see both rounds of
 * the whole college; zongzhi sees its own part of the current round only, its 整改报告 in its 待办 and a 即将到期
 * alert; the item the 回头看 reopened names its round and shows the step; the 巡察整改台账 prints.
 */
import type { InboxResponse, InspectionDetail, InspectionItem, RectificationDetail } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;
let zongzhi: Client;
let leader: Client;
let rounds: InspectionItem[];

beforeAll(async () => {
  t = await createDemoTestApp(new Date('2026-12-06T02:00:00Z'));
  zzb = await t.login('zzb', demoPassword);
  zongzhi = await t.login('zongzhi', demoPassword);
  leader = await t.login('leader', demoPassword);
  rounds = ((await zzb.get('/api/inspections')).json() as { items: InspectionItem[] }).items;
}, 120_000);
afterAll(() => t.close());

const detail = async (c: Client, id: number) => {
  const res = await c.get(`/api/inspections/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as InspectionDetail;
};

describe('the demo’s 巡察 rounds', () => {
  it('the 组织部 and the leaders see both rounds, the current one first, every unit of each', async () => {
    expect(rounds).toHaveLength(2);
    const [current, past] = rounds;
    expect(current!.units.map((u) => u.status).sort()).toEqual(['rectifying', 'rectifying', 'reported']);
    expect(past!.units.every((u) => u.status === 'looked_back')).toBe(true);
    const seen = ((await leader.get('/api/inspections')).json() as { items: InspectionItem[] }).items;
    expect(seen.map((r) => r.units.length)).toEqual(rounds.map((r) => r.unitCount));
    const full = await detail(zzb, past!.id);
    expect(full.abilities.edit).toBe(true);
    expect(full.team.filter((m) => m.role === 'leader')).toHaveLength(1);
    expect(full.units.every((u) => u.report !== null && u.lookback !== null)).toBe(true);
    expect(full.events.map((e) => e.kind)).toContain('record_lookback');
  });

  it('zongzhi sees its own part of the current round, its report to submit in 待办 and the alert', async () => {
    const own = ((await zongzhi.get('/api/inspections')).json() as { items: InspectionItem[] }).items;
    expect(own).toHaveLength(1);
    const round = await detail(zongzhi, own[0]!.id);
    expect(round.units).toHaveLength(1);
    const unit = round.units[0]!;
    expect(unit).toMatchObject({
      status: 'rectifying',
      abilities: { submit_report: true, record_feedback: false },
    });
    expect(unit.items.length).toBe(unit.figures.total);
    const inbox = (await zongzhi.get('/api/inbox')).json() as InboxResponse;
    expect(inbox.items.filter((i) => i.kind === 'inspection.report').map((i) => i.title)).toEqual([
      `提交巡察整改报告（截止 ${unit.reportDue}）`,
    ]);
    const found = await t.db
      .selectFrom('finding')
      .select('rule_id')
      .where('subject', '=', `inspection-${round.id}-${unit.orgId}`)
      .where('state', '<>', 'resolved')
      .execute();
    expect(found.map((f) => f.rule_id)).toEqual(['inspection.report_due_soon']);
    // The past round inspected other units: zongzhi cannot open it.
    expect((await zongzhi.get(`/api/inspections/${rounds[1]!.id}`)).statusCode).toBe(404);
  });

  it('the item the 回头看 found back names its round and shows the reopening', async () => {
    const past = await detail(zzb, rounds[1]!.id);
    const verdict = past.units.flatMap((u) => u.lookback!.verdicts).find((v) => v.outcome === 'rebound')!;
    const item = (
      await zzb.get(`/api/rectifications/${verdict.rectificationId}`)
    ).json() as RectificationDetail;
    expect(item).toMatchObject({
      source: 'inspection',
      status: 'in_progress',
      reopenCount: 1,
      inspection: { id: past.id, name: past.name },
    });
    expect(item.events.map((e) => e.kind)).toContain('reopen');
  });

  it('the 巡察整改台账 of the past round prints its units and problems', async () => {
    const res = await zzb.get(`/api/inspections/${rounds[1]!.id}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    const units = await expectPrintReady(res.rawPayload, 'demo-inspection-units', '整改情况');
    expect(units.table.length - 1).toBe(rounds[1]!.unitCount);
    const problems = await expectPrintReady(res.rawPayload, 'demo-inspection-problems', '问题清单');
    expect(problems.table.slice(1).some((r) => r.includes('问题反弹'))).toBe(true);
  });
});
