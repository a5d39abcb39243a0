/**
 * Rectification campaigns (问题清单, issue 15 item 4) through the API: who reaches the endpoints (401/403), issuing a
 * campaign to a 总支 (with its branches) and a 直属支部, scope (a branch sees its own row only, a 总支 its branches,
 * out-of-scope campaigns and orgs answer like missing ones), items registered with a list, submitting a list (empty
 * only with 经自查未发现问题), returning it, the summary with figures counted from the items, the findings and the
 * 待办 that come and go with the submissions, bad input that changes nothing, and the 报送情况汇总表.
 */
import type { CampaignDetail, CampaignItem, InboxResponse, RectificationDetail } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Res = { statusCode: number; body: string; json: () => unknown };

const clock = testClock(new Date('2026-06-15T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let group: number;
let archived: number;
let admin: Client;
let gsec: Client;
let secA: Client;
let secB: Client;
let otherSec: Client;
let leader: Client;
let member: Client;
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  group = (await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '第一党小组' })).id;
  archived = (await t.factory.org({ parentId: tree.committee.id, type: 'branch', name: '已撤销党支部' })).id;
  await t.db.updateTable('org').set({ archived_at: new Date() }).where('id', '=', archived).execute();
  [admin, gsec, secA, secB, otherSec, leader, member] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'member', orgId: null }]),
  ]);
});
afterAll(() => t.close());

const campaignBody = (over: Record<string, unknown> = {}) => ({
  name: '2026年“个个过关、全面过硬”问题清单',
  year: 2026,
  kind: 'all_pass_check',
  orgIds: [tree.general.id, tree.other.id],
  listDueOn: '2026-06-25',
  summaryDueOn: '2026-09-30',
  description: '对照“个个过关、全面过硬”标准逐项查摆问题。',
  ...over,
});
const itemBody = (campaignId: number, over: Record<string, unknown> = {}) => ({
  orgId: tree.branchA.id,
  source: 'all_pass_visit',
  problem: '支部工作手册记录不完整',
  deadline: '2026-08-31',
  campaignId,
  ...over,
});

async function ok<T = CampaignDetail>(res: Res, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const issue = async (over: Record<string, unknown> = {}) =>
  ok(await admin.post('/api/rectification-campaigns', campaignBody(over)), 201);
const rowOf = (c: CampaignDetail, orgId: number) => c.rows.find((r) => r.org.id === orgId)!;
const orgsOf = (c: CampaignDetail) => c.rows.map((r) => r.org.id).sort((a, b) => a - b);
const submitList = (c: Client, id: number, orgId: number, body: Record<string, unknown> = {}) =>
  c.post(`/api/rectification-campaigns/${id}/orgs/${orgId}/list`, body);
const submitSummary = (c: Client, id: number, orgId: number, summary: string) =>
  c.post(`/api/rectification-campaigns/${id}/orgs/${orgId}/summary`, { summary });
const returnPart = (c: Client, id: number, orgId: number, part: string, reason?: string) =>
  c.post(`/api/rectification-campaigns/${id}/orgs/${orgId}/return`, { part, reason });
const inboxOf = async (c: Client, id: number) =>
  ((await c.get('/api/inbox')).json() as InboxResponse).items.filter(
    (i) => i.link === `/rectification-campaigns/${id}`,
  );
const messagesOf = async (c: Client, id: number) =>
  (
    (await c.get('/api/notifications?pageSize=100')).json() as { items: { kind: string; link: string }[] }
  ).items
    .filter((n) => n.link === `/rectification-campaigns/${id}`)
    .map((n) => n.kind);
const summaryText =
  '对照问题清单逐项整改：支部工作手册已补齐，组织生活记录按月归档，整改情况已在支部党员大会上通报。';

describe('who may reach the endpoints', () => {
  it('401 without a session, 403 for a member on all, for the 校领导 and a secretary on issuing', async () => {
    const c = await issue();
    const endpoints = [
      { method: 'GET', url: '/api/rectification-campaigns' },
      { method: 'GET', url: `/api/rectification-campaigns/${c.id}` },
      { method: 'GET', url: `/api/rectification-campaigns/${c.id}/report.xlsx` },
      { method: 'POST', url: '/api/rectification-campaigns', body: campaignBody() },
      { method: 'POST', url: `/api/rectification-campaigns/${c.id}/orgs/${tree.branchA.id}/list`, body: {} },
      {
        method: 'POST',
        url: `/api/rectification-campaigns/${c.id}/orgs/${tree.branchA.id}/summary`,
        body: { summary: summaryText },
      },
      {
        method: 'POST',
        url: `/api/rectification-campaigns/${c.id}/orgs/${tree.branchA.id}/return`,
        body: { part: 'list', reason: '请补充' },
      },
    ] as const;
    for (const e of endpoints) {
      const anon = await t.app.inject({
        method: e.method,
        url: e.url,
        ...('body' in e ? { payload: e.body } : {}),
      });
      expect(anon.statusCode, `${e.method} ${e.url}`).toBe(401);
      const m = e.method === 'GET' ? await member.get(e.url) : await member.post(e.url, e.body);
      expect(m.statusCode, `${e.method} ${e.url}`).toBe(403);
      if (e.method === 'POST') expect((await leader.post(e.url, e.body)).statusCode).toBe(403);
    }
    expect((await leader.get(`/api/rectification-campaigns/${c.id}`)).statusCode).toBe(200);
    expect((await gsec.post('/api/rectification-campaigns', campaignBody())).statusCode).toBe(403);
    expect((await secA.post('/api/rectification-campaigns', campaignBody())).statusCode).toBe(403);
  });
});

describe('issuing and scope', () => {
  let c: CampaignDetail;
  let onlyOther: CampaignDetail;
  beforeAll(async () => {
    c = await issue({ name: '2026年“个个过关、全面过硬”问题清单（范围）' });
    onlyOther = await issue({ name: '图书馆专项自查问题清单', kind: 'self_check', orgIds: [tree.other.id] });
  });

  it('a 总支 takes part with its branches; the 党委 issues; every secretary is told and has it to do', async () => {
    expect(orgsOf(c)).toEqual(
      [tree.general.id, tree.branchA.id, tree.branchB.id, tree.other.id].sort((a, b) => a - b),
    );
    expect(c).toMatchObject({
      issuerOrg: { id: tree.committee.id },
      issuedOn: '2026-06-15',
      itemSource: 'all_pass_visit',
      progress: { orgs: 4, listSubmitted: 0, listOverdue: 0, summarySubmitted: 0 },
      ownRow: null,
    });
    expect(onlyOther.itemSource).toBe('manual');
    for (const s of [gsec, secA, secB, otherSec])
      expect(await messagesOf(s, c.id)).toEqual(['rectification_campaign.issued']);
    const todo = await inboxOf(secA, c.id);
    expect(todo.map((i) => [i.kind, i.title, i.dueDate, i.overdue])).toEqual([
      [
        'rectification_campaign.list',
        '提交问题清单（截止 6月25日）：2026年“个个过关、全面过硬”问题清单（范围）',
        '2026-06-25',
        false,
      ],
    ]);
    // The 总支 secretary submits the 总支's own list; its branches' lists are theirs.
    expect((await inboxOf(gsec, c.id)).map((i) => i.orgName)).toEqual(['信息学院党总支']);
    // The 组织部 submits nothing.
    expect(await inboxOf(admin, c.id)).toEqual([]);
  });

  it('a branch sees its own row, a 总支 its own and its branches’, the 组织部 all; others as missing', async () => {
    expect(orgsOf(await ok(await secA.get(`/api/rectification-campaigns/${c.id}`)))).toEqual([
      tree.branchA.id,
    ]);
    expect(orgsOf(await ok(await gsec.get(`/api/rectification-campaigns/${c.id}`)))).toEqual(
      [tree.general.id, tree.branchA.id, tree.branchB.id].sort((a, b) => a - b),
    );
    expect((await ok(await admin.get(`/api/rectification-campaigns/${c.id}`))).rows).toHaveLength(4);
    const mine = await ok(await secA.get(`/api/rectification-campaigns/${c.id}`));
    expect(mine.ownRow).toMatchObject({ orgId: tree.branchA.id, listStatus: 'not_submitted' });
    expect(mine.progress.orgs).toBe(1);

    // A campaign without the branch: not listed, and its page answers exactly like a missing one.
    const list = (await secA.get('/api/rectification-campaigns?pageSize=100')).json() as {
      items: CampaignItem[];
    };
    expect(list.items.map((i) => i.id)).toContain(c.id);
    expect(list.items.map((i) => i.id)).not.toContain(onlyOther.id);
    const foreign = await secA.get(`/api/rectification-campaigns/${onlyOther.id}`);
    const missing = await secA.get(`/api/rectification-campaigns/${missingId}`);
    expect([foreign.statusCode, foreign.json()]).toEqual([missing.statusCode, missing.json()]);
    expect(foreign.statusCode).toBe(404);
    expect((await secA.get(`/api/rectification-campaigns/${onlyOther.id}/report.xlsx`)).statusCode).toBe(404);

    // Another branch's row, a campaign not in scope, an org that does not take part: all like a missing one.
    const answers = await Promise.all([
      submitList(secA, c.id, tree.branchB.id, { noProblems: true }),
      submitList(secA, c.id, missingId, { noProblems: true }),
      submitList(secA, onlyOther.id, tree.other.id, { noProblems: true }),
      submitList(secA, missingId, tree.branchA.id, { noProblems: true }),
      submitList(admin, onlyOther.id, tree.branchA.id, { noProblems: true }),
    ]);
    for (const a of answers) expect([a.statusCode, a.json()]).toEqual([404, answers[1]!.json()]);
    expect(JSON.stringify(answers.map((a) => a.json()))).not.toContain('网络学生党支部');
  });

  it('the list filters by year and name; the year of another round shows nothing', async () => {
    const q = encodeURIComponent('图书馆专项');
    const found = (await admin.get(`/api/rectification-campaigns?q=${q}`)).json() as {
      items: CampaignItem[];
    };
    expect(found.items.map((i) => i.id)).toEqual([onlyOther.id]);
    const other = (await admin.get('/api/rectification-campaigns?year=2025')).json() as { total: number };
    expect(other.total).toBe(0);
  });
});

describe('a branch’s problem list, its return, and its summary', () => {
  let c: CampaignDetail;
  let first: RectificationDetail;
  let second: RectificationDetail;
  beforeAll(async () => {
    c = await issue({ name: '2026年“个个过关、全面过硬”问题清单（报送）' });
  });

  it('items registered with the list take the campaign as their source; a wrong source is refused', async () => {
    first = await ok<RectificationDetail>(await secA.post('/api/rectifications', itemBody(c.id)), 201);
    expect(first).toMatchObject({
      source: 'all_pass_visit',
      sourceLabel: c.name,
      campaign: { id: c.id, name: c.name },
    });
    second = await ok<RectificationDetail>(
      await secA.post('/api/rectifications', itemBody(c.id, { problem: '党员教育管理台账不规范' })),
      201,
    );
    const manual = await secA.post('/api/rectifications', itemBody(c.id, { source: 'manual' }));
    expect(manual.statusCode).toBe(400);
    expect(manual.json().message).toContain('个个过关');
    // The campaign's items are its list: the rectification list filters by it.
    const items = (await secA.get(`/api/rectifications?campaignId=${c.id}`)).json() as { total: number };
    expect(items.total).toBe(2);
    const detail = await ok(await secA.get(`/api/rectification-campaigns/${c.id}`));
    expect(rowOf(detail, tree.branchA.id)).toMatchObject({
      figures: { items: 2, closed: 0, open: 2, overdue: 0 },
      abilities: { submit_list: true, registerItems: true, return_list: false },
    });
    expect(rowOf(detail, tree.branchA.id).items.map((i) => [i.id, i.status, i.overdue])).toEqual([
      [first.id, 'pending', false],
      [second.id, 'pending', false],
    ]);
    // The 总支's own list holds its own problems, not its branches'.
    const asGeneral = await ok(await gsec.get(`/api/rectification-campaigns/${c.id}`));
    expect(rowOf(asGeneral, tree.general.id).items).toEqual([]);
    expect(rowOf(asGeneral, tree.branchA.id).items).toHaveLength(2);
  });

  it('the branch submits its list; the 待办 goes; no more items, no second submission', async () => {
    const stale = await submitList(secA, c.id, tree.branchA.id, { version: 7 });
    expect(stale.statusCode).toBe(409);
    const withStatement = await submitList(secA, c.id, tree.branchA.id, { noProblems: true });
    expect(withStatement.statusCode).toBe(400);
    expect(withStatement.json().message).toContain('已登记 2 个问题');
    const done = await ok(await submitList(secA, c.id, tree.branchA.id, { note: '已经支委会研究' }));
    const row = rowOf(done, tree.branchA.id);
    expect(row).toMatchObject({
      listStatus: 'submitted',
      listNote: '已经支委会研究',
      noProblems: false,
      abilities: { submit_list: false, registerItems: false, submit_summary: true },
    });
    expect(row.events.map((e) => [e.kind, e.note])).toEqual([['submit_list', '2个问题。已经支委会研究']]);
    expect(await inboxOf(secA, c.id)).toEqual([]);
    expect((await submitList(secA, c.id, tree.branchA.id)).statusCode).toBe(409);
    const late = await secA.post('/api/rectifications', itemBody(c.id, { problem: '又发现一个问题' }));
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toContain('问题清单已于 6月15日 提交');
    // The 总支 sees it submitted, and who has not: first.
    const seen = await ok(await gsec.get(`/api/rectification-campaigns/${c.id}`));
    expect(seen.rows.map((r) => [r.org.id, r.listStatus])).toEqual([
      [tree.general.id, 'not_submitted'],
      [tree.branchB.id, 'not_submitted'],
      [tree.branchA.id, 'submitted'],
    ]);
    expect(seen.progress).toMatchObject({ orgs: 3, listSubmitted: 1 });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'rectification_campaign')
      .where('target_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'rectification_campaign.create',
      'rectification_campaign.submit_list',
    ]);
  });

  it('an empty list needs the statement 经自查未发现问题; the 总支 may not submit for its branch', async () => {
    expect((await submitList(gsec, c.id, tree.branchB.id, { noProblems: true })).statusCode).toBe(403);
    const bare = await submitList(secB, c.id, tree.branchB.id);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details.fields[0].path).toBe('noProblems');
    const none = await ok(await submitList(secB, c.id, tree.branchB.id, { noProblems: true }));
    expect(rowOf(none, tree.branchB.id)).toMatchObject({ listStatus: 'submitted', noProblems: true });
  });

  it('the 总支 returns the list with a reason; the branch is told, may add items and submits again', async () => {
    expect((await returnPart(secA, c.id, tree.branchA.id, 'list', '自己退回')).statusCode).toBe(403);
    const noReason = await returnPart(gsec, c.id, tree.branchA.id, 'list');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('退回理由');
    // The 总支's own list is the 组织部's to return.
    await ok(await submitList(gsec, c.id, tree.general.id, { noProblems: true }));
    expect((await returnPart(gsec, c.id, tree.general.id, 'list', '请补充')).statusCode).toBe(403);
    const back = await ok(await returnPart(admin, c.id, tree.general.id, 'list', '总支班子自身问题未查摆'));
    expect(rowOf(back, tree.general.id)).toMatchObject({
      listStatus: 'not_submitted',
      noProblems: false,
      listReturn: { reason: '总支班子自身问题未查摆' },
    });

    const returned = await ok(
      await returnPart(gsec, c.id, tree.branchA.id, 'list', '问题查摆不够具体，请补充'),
    );
    expect(rowOf(returned, tree.branchA.id)).toMatchObject({
      listStatus: 'not_submitted',
      listReturn: { reason: '问题查摆不够具体，请补充' },
      abilities: { return_list: false },
    });
    expect(await messagesOf(secA, c.id)).toContain('rectification_campaign.returned');
    const [todo] = await inboxOf(secA, c.id);
    expect(todo!.detail).toContain('问题查摆不够具体');
    await ok<RectificationDetail>(
      await secA.post('/api/rectifications', itemBody(c.id, { problem: '发展党员材料归档不及时' })),
      201,
    );
    const again = await ok(await submitList(secA, c.id, tree.branchA.id));
    const row = rowOf(again, tree.branchA.id);
    expect(row.listReturn).toBeNull();
    expect(row.events.map((e) => e.kind)).toEqual(['submit_list', 'return_list', 'submit_list']);
    expect(row.figures.items).toBe(3);
  });

  it('the summary needs the list first; its figures are counted from the items, never typed', async () => {
    const early = await submitSummary(otherSec, c.id, tree.other.id, summaryText);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('请先提交问题清单');
    const short = await submitSummary(secA, c.id, tree.branchA.id, '已整改');
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('整改总结');
    // One item closed, one past its deadline, one still in time.
    await t.db
      .updateTable('rectification')
      .set({ status: 'closed', closed_at: new Date() })
      .where('id', '=', first.id)
      .execute();
    await t.db
      .updateTable('rectification')
      .set({ deadline: '2026-06-10', original_deadline: '2026-06-10' })
      .where('id', '=', second.id)
      .execute();
    const typed = await secA.post(`/api/rectification-campaigns/${c.id}/orgs/${tree.branchA.id}/summary`, {
      summary: summaryText,
      closed: 3,
    });
    expect(typed.statusCode).toBe(400);
    const sent = await ok(await submitSummary(secA, c.id, tree.branchA.id, summaryText));
    const row = rowOf(sent, tree.branchA.id);
    expect(row).toMatchObject({
      summaryStatus: 'submitted',
      summary: summaryText,
      summaryFigures: { items: 3, closed: 1, open: 2, overdue: 1 },
      figures: { items: 3, closed: 1, open: 2, overdue: 1 },
      abilities: { submit_summary: false },
    });
    expect(row.events.at(-1)).toMatchObject({
      kind: 'submit_summary',
      note: '问题3个，已销号1个，整改中2个，逾期1个',
    });
    expect((await submitSummary(secA, c.id, tree.branchA.id, summaryText)).statusCode).toBe(409);
    // The list cannot go back while the summary is in.
    const listBack = await returnPart(gsec, c.id, tree.branchA.id, 'list', '请补充');
    expect(listBack.statusCode).toBe(409);
    expect(listBack.json().message).toContain('先退回整改总结');
  });

  it('a returned summary is kept as the draft; the figures are counted again when it is sent again', async () => {
    const back = await ok(
      await returnPart(gsec, c.id, tree.branchA.id, 'summary', '请写明逾期问题的后续安排'),
    );
    expect(rowOf(back, tree.branchA.id)).toMatchObject({
      summaryStatus: 'not_submitted',
      summary: summaryText,
      summaryFigures: null,
      summaryReturn: { reason: '请写明逾期问题的后续安排' },
    });
    await t.db
      .updateTable('rectification')
      .set({ status: 'closed', closed_at: new Date() })
      .where('id', '=', second.id)
      .execute();
    const again = await ok(
      await submitSummary(secA, c.id, tree.branchA.id, `${summaryText}逾期问题已于6月整改到位。`),
    );
    expect(rowOf(again, tree.branchA.id).summaryFigures).toEqual({
      items: 3,
      closed: 2,
      open: 1,
      overdue: 0,
    });
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['a short name', () => ({ name: '清单' }), '问题清单名称'],
    ['no orgs', () => ({ orgIds: [] }), '参加的党组织'],
    ['the same org twice', () => ({ orgIds: [tree.other.id, tree.other.id] }), '参加的党组织'],
    ['a summary due before the list', () => ({ summaryDueOn: '2026-06-20' }), '整改总结报送截止日期'],
    ['a list due yesterday', () => ({ listDueOn: '2026-06-14' }), '问题清单报送截止日期'],
    ['a wrong date', () => ({ listDueOn: '2026-02-30' }), '问题清单报送截止日期'],
    ['an unknown kind', () => ({ kind: 'survey' }), '类型'],
    ['a year out of range', () => ({ year: 1900 }), '年度'],
    ['an unknown field', () => ({ colour: 'red' }), ''],
  ] as const)('refuses %s', async (_, over, field) => {
    const count = async () =>
      (
        await t.db
          .selectFrom('rectification_campaign')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const res = await admin.post('/api/rectification-campaigns', campaignBody(over()));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(field) });
    expect(await count()).toBe(before);
  });

  it('refuses the 党委 itself, a 党小组, an archived org; an unknown org answers like a missing one', async () => {
    for (const [orgId, text] of [
      [tree.committee.id, '党委'],
      [group, '党小组'],
      [archived, '已撤销'],
    ] as const) {
      const res = await admin.post('/api/rectification-campaigns', campaignBody({ orgIds: [orgId] }));
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(text);
    }
    const missing = await admin.post('/api/rectification-campaigns', campaignBody({ orgIds: [missingId] }));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('参加的党组织');
  });

  it('an item names a campaign out of scope like a missing one, and one its org is not in with the reason', async () => {
    const onlyOther = await issue({ name: '直属支部问题清单', orgIds: [tree.other.id] });
    const foreign = await secA.post('/api/rectifications', itemBody(onlyOther.id));
    const missing = await secA.post('/api/rectifications', itemBody(missingId));
    expect([foreign.statusCode, foreign.json()]).toEqual([404, missing.json()]);
    const notIn = await admin.post('/api/rectifications', itemBody(onlyOther.id));
    expect(notIn.statusCode).toBe(400);
    expect(notIn.json().message).toContain('不在《直属支部问题清单》的范围内');
  });
});

describe('the 报送情况汇总表', () => {
  it('lists the orgs in scope, who has not submitted first, and prints like a ledger', async () => {
    const c = await issue({ name: '2026年汇总表测试问题清单' });
    await ok(await submitList(otherSec, c.id, tree.other.id, { noProblems: true }));
    const res = await admin.get(`/api/rectification-campaigns/${c.id}/report.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`rectification-campaign-${c.id}-2026-06-15.xlsx`);
    const printed = await expectPrintReady(res.rawPayload, 'campaign-report');
    expect(printed.title).toBe('2026年汇总表测试问题清单报送情况汇总表');
    const [header, ...rows] = printed.table;
    expect(header).toEqual(expect.arrayContaining(['党组织', '问题清单', '问题数', '已销号', '整改总结']));
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      ['信息学院党总支', '未提交'],
      ['软件教工党支部', '未提交'],
      ['网络学生党支部', '未提交'],
      ['图书馆直属党支部', '已提交'],
    ]);
    const own = await expectPrintReady(
      (await secB.get(`/api/rectification-campaigns/${c.id}/report.xlsx`)).rawPayload,
      'campaign-report-b',
    );
    expect(own.table.slice(1).map((r) => r[1])).toEqual(['网络学生党支部']);
  });
});

describe('findings and 待办 come and go with the submissions', () => {
  const open = async (id: number) =>
    (
      await t.db
        .selectFrom('finding')
        .select(['rule_id', 'org_id', 'state', 'due_date'])
        .where('subject', '=', `campaign-${id}`)
        .where('state', '<>', 'resolved')
        .orderBy('org_id')
        .execute()
    ).map((f) => [f.rule_id, f.org_id]);

  it('due within 7 days: found on every org not submitted; a submission resolves its own; overdue after the day', async () => {
    const c = await issue({
      name: '2026年组织生活专项自查问题清单',
      kind: 'self_check',
      listDueOn: '2026-06-20',
    });
    await admin.get('/api/rectification-campaigns');
    expect(await open(c.id)).toEqual(
      [tree.general.id, tree.branchA.id, tree.branchB.id, tree.other.id]
        .sort((a, b) => a - b)
        .map((o) => ['campaign.list_due_soon', o]),
    );
    const alerts = (
      await secA.get(
        `/api/alerts?orgId=${tree.branchA.id}&orgOnly=true&ruleId=campaign.list_due_soon&pageSize=100`,
      )
    ).json() as { items: { message: string; clause: { source: string; article: string } }[] };
    const f = alerts.items.find((a) => a.message.includes('组织生活专项自查'))!;
    expect(f.message).toBe(
      '《2026年组织生活专项自查问题清单》：问题清单将于 2026-06-20 截止报送（还有5天）。',
    );
    expect(f.clause.article).toBe('问题清单报送');
    await ok(await submitList(otherSec, c.id, tree.other.id, { noProblems: true }));
    expect((await open(c.id)).map(([, org]) => org)).not.toContain(tree.other.id);

    clock.advance(8 * 86_400_000); // 2026-06-23: past the list's day
    try {
      const [lateA, adm] = await Promise.all([
        t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
        t.as([{ role: 'org_admin', orgId: null }]),
      ]);
      const seen = await ok(await adm.get(`/api/rectification-campaigns/${c.id}`));
      expect(seen.rows.map((r) => r.listStatus)).toEqual(['overdue', 'overdue', 'overdue', 'submitted']);
      expect(seen.progress).toMatchObject({ listSubmitted: 1, listOverdue: 3 });
      expect((await open(c.id)).map(([rule]) => rule)).toEqual([
        'campaign.list_overdue',
        'campaign.list_overdue',
        'campaign.list_overdue',
      ]);
      const [todo] = await inboxOf(lateA, c.id);
      expect(todo).toMatchObject({ kind: 'rectification_campaign.list', overdue: true });
      const sent = await ok(await submitList(lateA, c.id, tree.branchA.id, { noProblems: true }));
      expect(rowOf(sent, tree.branchA.id).listStatus).toBe('submitted_late');
      expect((await open(c.id)).map(([, org]) => org)).not.toContain(tree.branchA.id);
    } finally {
      clock.advance(-8 * 86_400_000);
    }
  });
});
