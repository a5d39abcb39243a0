/**
 * 协办 orgs of a rectification item (issue 15, item 1): the secretaries of an assisting org read the item (the list's
 * 协办 filter, tagged; the detail) and report their part as progress, but take no step and edit nothing; an org that
 * neither leads nor assists sees nothing, answered like a missing item; the lead's own lists and the board are
 * unchanged.
 */
import type { RectificationBoard, RectificationDetail, RectificationItem } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Page = { items: RectificationItem[]; total: number };

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let general2: number;
let branchC: number;
let admin: Client;
let gsec: Client;
let g2sec: Client;
let secA: Client;
let secB: Client;
let secC: Client;
let item: RectificationDetail;
let meetingA: number;
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  general2 = (
    await t.factory.org({ parentId: tree.committee.id, type: 'general_branch', name: '机电学院党总支' })
  ).id;
  branchC = (await t.factory.org({ parentId: general2, type: 'branch', name: '机电教工党支部' })).id;
  meetingA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
    title: '六月支委会',
  });
  [admin, gsec, g2sec, secA, secB, secC] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'general_branch_secretary', orgId: general2 }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'branch_secretary', orgId: branchC }]),
  ]);
  // The 组织部 opens an item of branch A that 机电教工党支部 (another 总支's) and the 直属支部 assist.
  const res = await admin.post('/api/rectifications', {
    orgId: tree.branchA.id,
    source: 'upper_check',
    sourceLabel: '2026年上级党建工作督查',
    problem: '联合开展的党员志愿服务活动无记录',
    assistingOrgIds: [branchC, tree.other.id],
    deadline: '2026-07-31',
  });
  expect(res.statusCode, res.body).toBe(201);
  item = res.json() as RectificationDetail;
});
afterAll(() => t?.close());

const listed = async (c: Client, q = '') =>
  ((await c.get(`/api/rectifications?pageSize=200${q}`)).json() as Page).items.map((i) => ({
    id: i.id,
    assisting: i.assisting,
  }));
const detail = async (c: Client) => c.get(`/api/rectifications/${item.id}`);
const progress = (c: Client, id = item.id) =>
  c.post(`/api/rectifications/${id}/progress`, { note: '已组织本支部党员志愿者参加，名单已报牵头支部' });

describe('the secretaries of a 协办 org', () => {
  it('find the item under 协办事项, tagged, not among their own', async () => {
    expect(await listed(secC)).toEqual([]);
    expect(await listed(secC, '&assisting=true')).toEqual([{ id: item.id, assisting: true }]);
    // The 总支 above the 协办 branch too, also filtered by that branch.
    expect(await listed(g2sec, '&assisting=true')).toEqual([{ id: item.id, assisting: true }]);
    expect(await listed(g2sec, `&assisting=true&orgId=${branchC}`)).toEqual([
      { id: item.id, assisting: true },
    ]);
    expect(await listed(g2sec, `&assisting=false`)).toEqual([]);
    // The lead lists it as its own, not as assisted; the 组织部 reaches every org, so assists none.
    expect(await listed(secA)).toEqual([{ id: item.id, assisting: false }]);
    expect(await listed(secA, '&assisting=true')).toEqual([]);
    expect(await listed(admin, '&assisting=true')).toEqual([]);
    // The board counts the items of the orgs in scope only.
    const board = (await g2sec.get('/api/rectifications/board')).json() as RectificationBoard;
    expect(board.totals.total).toBe(0);
  });

  it('read it with its timeline; they may report progress and nothing else', async () => {
    const res = await detail(secC);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as RectificationDetail;
    expect(d.assisting).toBe(true);
    expect(d.assistingOrgs.map((o) => o.id)).toEqual([branchC, tree.other.id]);
    expect(Object.entries(d.abilities).filter(([, v]) => v)).toEqual([['progress', true]]);
    expect((await detail(secA)).json()).toMatchObject({
      assisting: false,
      abilities: { edit: true, progress: true },
    });
  });

  it('report their part as progress, named on the timeline', async () => {
    const res = await progress(secC);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as RectificationDetail;
    expect(d.events.at(-1)).toMatchObject({
      kind: 'progress',
      note: '协办单位机电教工党支部：已组织本支部党员志愿者参加，名单已报牵头支部',
    });
    const own = (
      await secA.post(`/api/rectifications/${item.id}/progress`, { note: '已制定整改方案' })
    ).json();
    expect((own as RectificationDetail).events.at(-1)!.note).toBe('已制定整改方案');
  });

  it('do not edit it, link evidence or take a step (403)', async () => {
    const { version } = (await detail(secC)).json() as RectificationDetail;
    const refusals = [
      await secC.patch(`/api/rectifications/${item.id}`, { measures: '协办单位的措施', version }),
      await secC.post(`/api/rectifications/${item.id}/transitions`, { transition: 'start' }),
      await secC.post(`/api/rectifications/${item.id}/evidence`, { kind: 'activity', recordId: meetingA }),
    ];
    for (const r of refusals) {
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().message).toContain('软件教工党支部');
    }
  });

  it('report no more once it is submitted', async () => {
    let d = (await detail(secA)).json() as RectificationDetail;
    await secA.patch(`/api/rectifications/${item.id}`, { measures: '补登活动记录', version: d.version });
    expect(
      (await secA.post(`/api/rectifications/${item.id}/transitions`, { transition: 'start' })).statusCode,
    ).toBe(200);
    await secA.post(`/api/rectifications/${item.id}/evidence`, { kind: 'activity', recordId: meetingA });
    d = (await detail(secA)).json() as RectificationDetail;
    await secA.patch(`/api/rectifications/${item.id}`, { result: '已补登并归档', version: d.version });
    expect(
      (await secA.post(`/api/rectifications/${item.id}/transitions`, { transition: 'submit' })).statusCode,
    ).toBe(200);
    expect((await progress(secC)).statusCode).toBe(409);
    const seen = (await detail(secC)).json() as RectificationDetail;
    expect(seen.abilities.progress).toBe(false);
  });
});

describe('an org that neither leads nor assists', () => {
  it('sees nothing of the item, answered like a missing one', async () => {
    expect(await listed(secB, '&assisting=true')).toEqual([]);
    expect(await listed(secB)).toEqual([]);
    for (const [res, gone] of [
      [await detail(secB), await secB.get(`/api/rectifications/${missingId}`)],
      [await progress(secB), await progress(secB, missingId)],
    ] as const) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(gone.json());
    }
    // A filter on an org outside the scope answers like a missing one, with 协办 too.
    const foreign = await secB.get(`/api/rectifications?assisting=true&orgId=${branchC}`);
    const missing = await secB.get(`/api/rectifications?assisting=true&orgId=${missingId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    // The 总支 above the lead reads it as its own (it verifies it), not as 协办.
    expect(await listed(gsec, '&assisting=true')).toEqual([]);
  });
});
