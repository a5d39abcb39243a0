/**
 * The demo's 问题清单 rounds as the platform shows them on first start: the 组织部 sees the year's “个个过关、全面过硬”
 * round with who has not submitted first, and a current round due within the week; zhibu sees only its own row, the
 * list it has to submit in its 待办 and its 即将截止 alert; an item of a list names its campaign.
 */
import type { CampaignDetail, CampaignItem, InboxResponse, RectificationDetail } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let zzb: Client;
let zhibu: Client;
let zongzhi: Client;
let campaigns: CampaignItem[];

beforeAll(async () => {
  t = await createDemoTestApp(new Date('2026-12-06T02:00:00Z'));
  zzb = await t.login('zzb', demoPassword);
  zhibu = await t.login('zhibu', demoPassword);
  zongzhi = await t.login('zongzhi', demoPassword);
  campaigns = ((await zzb.get('/api/rectification-campaigns')).json() as { items: CampaignItem[] }).items;
}, 120_000);
afterAll(() => t.close());

const detail = async (c: Client, id: number) => {
  const res = await c.get(`/api/rectification-campaigns/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CampaignDetail;
};

describe('the demo’s 问题清单 rounds', () => {
  it('the 组织部 sees both rounds of the whole college, the current one first', () => {
    expect(campaigns.map((c) => [c.name, c.kind])).toEqual([
      ['2026年“三会一课”落实情况专项自查问题清单', 'self_check'],
      ['2026年“个个过关、全面过硬”问题清单', 'all_pass_check'],
    ]);
    const allPass = campaigns[1]!;
    expect(allPass).toMatchObject({ listDueOn: '2026-04-15', summaryDueOn: '2026-07-05' });
    expect(allPass.progress.listOverdue).toBe(2);
    expect(allPass.progress.listSubmitted).toBe(allPass.progress.orgs - 2);
    expect(allPass.progress.summaryOverdue).toBeGreaterThanOrEqual(4);
    expect(allPass.progress.figures.items).toBeGreaterThan(10);
    expect(allPass.progress.figures.closed).toBeGreaterThan(allPass.progress.figures.items / 2);
  });

  it('the progress table puts who has not submitted first; the missing lists are found as overdue', async () => {
    const allPass = await detail(zzb, campaigns[1]!.id);
    expect(allPass.rows.slice(0, 2).map((r) => r.listStatus)).toEqual(['overdue', 'overdue']);
    expect(allPass.rows.filter((r) => r.listStatus === 'submitted_late')).toHaveLength(2);
    const returned = allPass.rows.find((r) => r.events.some((e) => e.kind === 'return_list'))!;
    expect(returned.events.map((e) => e.kind)).toEqual([
      'submit_list',
      'return_list',
      'submit_list',
      'submit_summary',
    ]);
    const overdue = await t.db
      .selectFrom('finding')
      .select('org_id')
      .where('rule_id', '=', 'campaign.list_overdue')
      .where('subject', '=', `campaign-${allPass.id}`)
      .where('state', '<>', 'resolved')
      .execute();
    expect(overdue.map((f) => f.org_id).sort()).toEqual(
      allPass.rows
        .filter((r) => r.listStatus === 'overdue')
        .map((r) => r.org.id)
        .sort(),
    );
  });

  it('zhibu sees its own row only: the year’s list and summary in, the current list to submit in its 待办 and alerts', async () => {
    const own = ((await zhibu.get('/api/rectification-campaigns')).json() as { items: CampaignItem[] }).items;
    expect(own.map((c) => c.ownRow?.listStatus)).toEqual(['not_submitted', 'submitted']);
    const current = await detail(zhibu, own[0]!.id);
    expect(current.rows).toHaveLength(1);
    expect(current.rows[0]).toMatchObject({
      listStatus: 'not_submitted',
      figures: { items: 1 },
      abilities: { submit_list: true, registerItems: true },
    });
    const inbox = ((await zhibu.get('/api/inbox')).json() as InboxResponse).items.filter(
      (i) => i.kind === 'rectification_campaign.list',
    );
    const [month, day] = [Number(current.listDueOn.slice(5, 7)), Number(current.listDueOn.slice(8, 10))];
    expect(inbox.map((i) => i.title)).toEqual([`提交问题清单（截止 ${month}月${day}日）：${current.name}`]);
    const alerts = (
      await zhibu.get(
        `/api/alerts?orgId=${current.rows[0]!.org.id}&orgOnly=true&ruleId=campaign.list_due_soon`,
      )
    ).json() as { total: number };
    expect(alerts.total).toBe(1);
    const year = await detail(zhibu, own[1]!.id);
    expect(year.rows[0]).toMatchObject({
      listStatus: 'submitted',
      summaryStatus: 'submitted',
      summaryFigures: { items: 2 },
    });
  });

  it('zongzhi sees its own row and its branches’, and has its own list to submit', async () => {
    const current = await detail(zongzhi, campaigns[0]!.id);
    expect(current.rows.length).toBeGreaterThan(2);
    expect(current.ownRow?.listStatus).toBe('not_submitted');
    const todo = ((await zongzhi.get('/api/inbox')).json() as InboxResponse).items.filter(
      (i) => i.kind === 'rectification_campaign.list',
    );
    expect(todo).toHaveLength(1);
  });

  it('an item of a list names its campaign, and the campaign lists its items', async () => {
    const items = (await zhibu.get(`/api/rectifications?campaignId=${campaigns[0]!.id}`)).json() as {
      items: { id: number }[];
      total: number;
    };
    expect(items.total).toBe(1);
    const item = (await zhibu.get(`/api/rectifications/${items.items[0]!.id}`)).json() as RectificationDetail;
    expect(item).toMatchObject({
      source: 'manual',
      campaign: { id: campaigns[0]!.id, name: campaigns[0]!.name },
    });
  });
});
