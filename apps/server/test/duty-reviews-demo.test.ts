/**
 * The demo's 述职评议 as the platform shows it on first start (issue 17 item 7): last year's campaign of the 党委
 * complete — grades published, one 差 with its finding, one override with its reason, every 点评 an open or closed
 * 整改 item —; this year's campaign of zongzhi's 总支 in 民主测评, the ballot open with about half the voters having
 * voted and zongzhi, zhibu and dangyuan still to vote on their phones. Also how long the planting takes.
 */
import type { BallotDetail, BallotTally, DutyReviewDetail, DutyReviewItem } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantDutyReviews } from '../src/demo/duty-reviews.ts';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;
let zongzhi: Client;
let zhibu: Client;
let dangyuan: Client;
let items: DutyReviewItem[];

beforeAll(async () => {
  t = await createDemoTestApp(new Date('2026-12-06T02:00:00Z'));
  zzb = await t.login('zzb', demoPassword);
  zongzhi = await t.login('zongzhi', demoPassword);
  zhibu = await t.login('zhibu', demoPassword);
  dangyuan = await t.login('dangyuan', demoPassword);
  items = ((await zzb.get('/api/duty-reviews')).json() as { items: DutyReviewItem[] }).items;
}, 180_000);
afterAll(() => t.close());

const detailOf = async (c: Client, id: number) => {
  const res = await c.get(`/api/duty-reviews/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DutyReviewDetail;
};

describe('the demo’s 述职评议', () => {
  it('last year’s campaign of the 党委 is published: every secretary graded, one 差, one override with its reason', async () => {
    const last = items.find((i) => i.year === 2025);
    expect(last).toMatchObject({ status: 'published', level: 'secondary' });
    const d = await detailOf(zzb, last!.id);
    expect(d.subjects.length).toBeGreaterThanOrEqual(5);
    expect(d.subjects.every((s) => s.grade !== null && s.reportSubmittedAt !== null)).toBe(true);
    expect(d.subjects.filter((s) => s.grade === 'poor')).toHaveLength(1);
    const overridden = d.subjects.filter((s) => s.overrideReason !== null);
    expect(overridden).toHaveLength(1);
    expect(overridden[0]!.grade).not.toBe(overridden[0]!.computed?.grade);
    for (const s of d.subjects) {
      expect(s.comments.length).toBe(2);
      expect(new Set(s.comments.map((c) => c.authorName)).size).toBe(2);
      // The grade stands on the tally: every voter's paper counted for every secretary.
      const v = s.votes!;
      expect(Object.values(v.counts).reduce((a, b) => a + b, 0) + v.abstain).toBe(d.voters);
    }
  });

  it('last year’s ballot counted papers too: two batches entered by zzb and admin, one recounted after a mismatch', async () => {
    const last = items.find((i) => i.year === 2025)!;
    const d = await detailOf(zzb, last.id);
    const res = await zzb.get(`/api/ballots/${d.ballot!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const ballot = res.json() as BallotDetail;
    const onPaper = ballot.roll.filter((v) => v.channel === 'paper');
    expect(onPaper).toHaveLength(4);
    expect(ballot.paperUnbatched).toBe(0);
    expect(ballot.batches.map((b) => [b.paperCount, b.status, b.entries])).toEqual([
      [2, 'counted', 2],
      [2, 'counted', 2],
    ]);
    for (const b of ballot.batches) expect(new Set(b.counters).size).toBe(2);
    const counterNames = new Set(ballot.batches.flatMap((b) => b.counters));
    expect(counterNames.size).toBe(2);
    expect(counterNames).toContain('系统管理员');
    // The second batch's second entry first differed, then agreed: the audit log holds both.
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['actor_name', 'after', 'summary'])
      .where('action', '=', 'ballot.paper_entry')
      .where('target_id', '=', String(ballot.id))
      .orderBy('at')
      .execute();
    expect(entries.map((e) => (e.after as { status: string }).status)).toEqual([
      'entering',
      'counted',
      'entering',
      'mismatch',
      'counted',
    ]);
    expect(new Set(entries.map((e) => e.actor_name)).size).toBe(2);
    // The tally counts every paper once: phone votes and papers together are the roll.
    const tally = (await zzb.get(`/api/ballots/${ballot.id}/tally`)).json() as BallotTally;
    expect(tally).toMatchObject({ paperPending: 0, castOnPaper: 4, cast: d.voters });
  });

  it('turned every 点评 into a 整改 item, and the 差 raises its finding', async () => {
    const last = items.find((i) => i.year === 2025)!;
    const d = await detailOf(zzb, last.id);
    expect(d.rectifiedAt).not.toBeNull();
    const ids = d.subjects.flatMap((s) => s.comments.map((c) => c.rectificationId));
    expect(ids.every((x) => typeof x === 'number')).toBe(true);
    const poor = d.subjects.find((s) => s.grade === 'poor')!;
    const findings = await t.db
      .selectFrom('finding')
      .select(['org_id'])
      .where('rule_id', '=', 'duty_review.poor')
      .where('state', '<>', 'resolved')
      .execute();
    expect(findings.map((f) => f.org_id)).toEqual([poor.org.id]);
  });

  it('this year zongzhi’s 总支 is in 民主测评: about half voted; zongzhi, zhibu and dangyuan can still vote on the phone', async () => {
    const current = items.find((i) => i.year === 2026);
    expect(current).toMatchObject({ status: 'voting', level: 'branch' });
    const d = await detailOf(zongzhi, current!.id);
    expect(d.abilities.manage).toBe(true);
    const { eligible, cast } = d.ballot!;
    expect(cast).toBeGreaterThanOrEqual(Math.floor(eligible / 2) - 1);
    expect(cast).toBeLessThanOrEqual(Math.ceil(eligible / 2));
    for (const c of [zongzhi, zhibu, dangyuan]) {
      const mine = (await c.get('/api/me/ballots')).json() as { items: { id: number; voted: boolean }[] };
      expect(mine.items.find((b) => b.id === d.ballot!.id)).toMatchObject({ voted: false });
    }
    // Nobody sees the choices before it closes.
    expect(d.subjects.every((s) => s.votes === null)).toBe(true);
  });

  it('plants in a small time (measured on the loaded college, a second time)', async () => {
    const start = performance.now();
    await plantDutyReviews(t.db, t.clock, 20261206);
    const ms = Math.round(performance.now() - start);
    console.log(`duty-reviews demo planting: ${ms} ms`);
    expect(ms).toBeLessThan(20_000);
  }, 60_000);
});
