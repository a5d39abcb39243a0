// A finding's life through the real API: it appears, is acknowledged (and stays visible above), is
// assigned, is resolved by the write that fixes it (which the history names), and reappears when the
// problem comes back, under the same key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Item = {
  key: string;
  ruleId: string;
  orgId: number;
  state: string;
  firstSeenAt: string;
  resolvedAt: string | null;
  resolvedBy: {
    auditId: number | null;
    action: string;
    targetType: string | null;
    targetId: string | null;
    actorName: string | null;
  } | null;
  acknowledgedBy: string | null;
  ackComment: string | null;
  assignee: { personId: number; name: string } | null;
  reopenCount: number;
};
type Detail = {
  item: Item;
  events: {
    kind: string;
    actorName: string | null;
    comment: string | null;
    assigneeName: string | null;
    cause: Item['resolvedBy'];
  }[];
  abilities: { acknowledge: boolean; assign: boolean };
};
type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let a: number[];
let b: number[];
let sec: Client;
let general: Client;
let secB: Client;
let key: string;

const dualLeaderOf = async (c: Client, orgId: number, state = 'active') => {
  const res = await c.get(`/api/alerts?orgId=${orgId}&ruleId=secretary.dual_leader&state=${state}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Item[] }).items;
};
const detail = async (c: Client, k = key) => {
  const res = await c.get(`/api/alerts/${k}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
};

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T02:00:00Z')) });
  tree = await t.factory.tree();
  // A staff branch whose secretary is not a 双带头人: secretary.dual_leader (教党〔2018〕26号).
  a = await t.factory.people(tree.branchA.id, 7);
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2025-01-01',
    end: '2027-12-31',
    teamKind: 'committee',
    team: a
      .slice(0, 3)
      .map((personId, i) => ({ personId, post: i === 0 ? 'secretary' : 'committee_member' })),
  });
  b = await t.factory.people(tree.branchB.id, 3);
  sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  general = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
  secB = await t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]);
});
afterAll(() => t.close());

describe('a finding has an identity and a history', () => {
  it('appears with a stable key, first seen now, open', async () => {
    const [f, ...rest] = await dualLeaderOf(sec, tree.branchA.id);
    expect(rest).toEqual([]);
    expect(f!.state).toBe('open');
    expect(f!.key).toBe(`secretary.dual_leader:${tree.branchA.id}:-:-`);
    expect(f!.firstSeenAt).toBe('2026-06-15T02:00:00.000Z');
    key = f!.key;
    const d = await detail(sec);
    expect(d.events.map((e) => e.kind)).toEqual(['appeared']);
    expect(d.abilities).toEqual({ acknowledge: true, assign: true });
  });

  it('is acknowledged with a comment; the levels above still see it, acknowledged', async () => {
    t.clock.advance(600_000);
    const empty = await sec.post(`/api/alerts/${key}/acknowledge`, { comment: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('说明');
    const ack = await sec.post(`/api/alerts/${key}/acknowledge`, { comment: '已报总支，拟下月认定' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((ack.json() as Detail).item.state).toBe('acknowledged');
    const again = await sec.post(`/api/alerts/${key}/acknowledge`, { comment: '再次确认' });
    expect(again.statusCode).toBe(409);

    const above = await dualLeaderOf(general, tree.branchA.id);
    expect(above.map((f) => [f.key, f.state, f.ackComment])).toEqual([
      [key, 'acknowledged', '已报总支，拟下月认定'],
    ]);
    const d = await detail(general);
    expect(d.events.at(-1)).toMatchObject({ kind: 'acknowledged', comment: '已报总支，拟下月认定' });
    expect(d.events.at(-1)!.actorName).toBeTruthy();
  });

  it('is assigned to a person in scope, never to one outside it', async () => {
    const outside = await sec.post(`/api/alerts/${key}/assign`, { personId: b[0] });
    const missing = await sec.post(`/api/alerts/${key}/assign`, { personId: 2_000_000 });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    const res = await sec.post(`/api/alerts/${key}/assign`, { personId: a[1], comment: '请组织委员跟进' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d.item.assignee?.personId).toBe(a[1]);
    expect(d.events.at(-1)).toMatchObject({ kind: 'assigned', comment: '请组织委员跟进' });
    expect(d.events.at(-1)!.assigneeName).toBe(d.item.assignee!.name);
    const mine = await sec.get(`/api/alerts?assigneeId=${a[1]}`);
    expect((mine.json() as { items: Item[] }).items.map((f) => f.key)).toEqual([key]);
    // The assignee, a member without 查看监测预警, may read the finding assigned to them (and do nothing else).
    const assignee = await t.as([{ role: 'member', orgId: null }], { personId: a[1]! });
    const own = await assignee.get(`/api/alerts/${key}`);
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as Detail).abilities).toEqual({ acknowledge: false, assign: false });
    expect((await assignee.get('/api/alerts')).statusCode).toBe(403);
  });

  it('is out of reach outside the scope, exactly like a missing one', async () => {
    const missingKey = `secretary.dual_leader:${tree.branchA.id + 10_000}:-:-`;
    for (const path of ['', '/acknowledge']) {
      const method = path ? 'post' : 'get';
      const foreign = await secB[method](`/api/alerts/${key}${path}`, { comment: '越权' });
      const missing = await secB[method](`/api/alerts/${missingKey}${path}`, { comment: '越权' });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(missing.json());
    }
    const bad = await sec.get('/api/alerts/not-a-key');
    expect(bad.statusCode).toBe(400);
    const member = await t.as([{ role: 'member', orgId: null }]);
    expect((await member.get(`/api/alerts/${key}`)).statusCode).toBe(404);
  });

  it('is resolved by the write that fixes it, and the history says which', async () => {
    t.clock.advance(600_000);
    const fix = await sec.patch(`/api/people/${a[0]}/dual-leader`, {
      isDualLeader: true,
      dualLeaderKind: 'academic_leader',
      dualLeaderNote: '专业带头人',
    });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(await dualLeaderOf(sec, tree.branchA.id)).toEqual([]);
    const [resolved] = await dualLeaderOf(general, tree.branchA.id, 'resolved');
    expect(resolved!.key).toBe(key);
    expect(resolved!.resolvedAt).toBe('2026-06-15T02:20:00.000Z');
    expect(resolved!.resolvedBy).toMatchObject({ action: 'person.dual-leader', targetId: String(a[0]) });
    expect(resolved!.resolvedBy!.actorName).toBeTruthy();
    // The cause names the write's own audit entry (noted on its marks in the statement that appended it).
    const entry = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'person.dual-leader')
      .where('target_id', '=', String(a[0]))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(resolved!.resolvedBy!.auditId).toBe(Number(entry.id));
    const d = await detail(general);
    expect(d.events.map((e) => e.kind)).toEqual(['appeared', 'acknowledged', 'assigned', 'resolved']);
    expect(d.events.at(-1)!.cause).toMatchObject({ action: 'person.dual-leader' });
    expect(d.abilities).toEqual({ acknowledge: false, assign: false });
    const late = await sec.post(`/api/alerts/${key}/acknowledge`, { comment: '补充说明' });
    expect(late.statusCode).toBe(409);
  });

  it('reappears under the same key when the problem comes back: open again, the assignee kept', async () => {
    t.clock.advance(86_400_000);
    // Sessions do not outlive a day of idleness: sign in again.
    sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    const undo = await sec.patch(`/api/people/${a[0]}/dual-leader`, { isDualLeader: false });
    expect(undo.statusCode, undo.body).toBe(200);
    const [f] = await dualLeaderOf(sec, tree.branchA.id);
    expect(f).toMatchObject({ key, state: 'open', reopenCount: 1, ackComment: null, resolvedAt: null });
    expect(f!.firstSeenAt).toBe('2026-06-15T02:00:00.000Z');
    expect(f!.assignee?.personId).toBe(a[1]);
    const d = await detail(sec);
    expect(d.events.map((e) => e.kind)).toEqual([
      'appeared',
      'acknowledged',
      'assigned',
      'resolved',
      'reappeared',
    ]);
  });

  it('is filtered by the day it first appeared and by state, with counts per state', async () => {
    const on = (q: string) =>
      sec.get(`/api/alerts?orgId=${tree.branchA.id}&ruleId=secretary.dual_leader&${q}`);
    const before = await on('appearedTo=2026-06-14');
    expect((before.json() as { total: number }).total).toBe(0);
    const that = await on('appearedFrom=2026-06-15&appearedTo=2026-06-15');
    expect((that.json() as { items: Item[] }).items.map((f) => f.key)).toEqual([key]);
    const all = await sec.get(`/api/alerts?orgId=${tree.branchA.id}&state=all&pageSize=200`);
    const body = all.json() as { items: Item[]; counts: { byState: Record<string, number> } };
    const { open, acknowledged, resolved } = body.counts.byState;
    expect(open! + acknowledged! + resolved!).toBe(body.items.length);
    const inverted = await on('appearedFrom=2026-07-01&appearedTo=2026-06-01');
    expect(inverted.statusCode).toBe(200);
    expect((inverted.json() as { total: number }).total).toBe(0);
  });
});
