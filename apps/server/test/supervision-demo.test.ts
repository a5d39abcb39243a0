/**
 * The demo's supervised tasks and the meetings they come from, as the platform shows them on first start (issue 15,
 * item 9): the 党委 meets at the 党委会 about twice a month and each 二级学院's 党总支 at a monthly 党政联席会, both
 * with their decisions; most of the 30 tasks carry out a 党委会 decision, some a 总支's 党务工作例会 decision and a
 * few a 党政联席会 decision, each linked to the decision itself; zongzhi issues some to zhibu's branch.
 */
import type { ActivityPage, SupervisedTaskDetail, SupervisedTaskItem } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;
let zongzhi: Client;
let zhibu: Client;
let tasks: SupervisedTaskItem[];

beforeAll(async () => {
  t = await createDemoTestApp(new Date('2026-12-06T02:00:00Z'));
  zzb = await t.login('zzb', demoPassword);
  zongzhi = await t.login('zongzhi', demoPassword);
  zhibu = await t.login('zhibu', demoPassword);
  tasks = ((await zzb.get('/api/supervised-tasks?pageSize=100')).json() as { items: SupervisedTaskItem[] })
    .items;
}, 120_000);
afterAll(() => t.close());

const records = async (c: Client, query: string) => {
  const res = await c.get(`/api/activities?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ActivityPage;
};

describe('the demo’s deciding meetings', () => {
  it('the 党委 holds the 党委会 about twice a month, each 二级学院’s 总支 a monthly 党政联席会', async () => {
    const committee = await records(
      zzb,
      `kind=committee_meeting&from=2026-01-01&to=2026-11-30&q=${encodeURIComponent('党委2026年')}`,
    );
    const ofCommittee = committee.items.filter((a) => a.org.name.startsWith('中共'));
    expect(ofCommittee).toHaveLength(committee.total);
    expect(ofCommittee.length).toBeGreaterThanOrEqual(20);
    expect(ofCommittee.length).toBeLessThanOrEqual(22);
    const joint = await records(zongzhi, 'kind=joint_meeting&from=2026-01-01&to=2026-11-30');
    expect(joint.total).toBe(11);
    expect(joint.items.every((a) => a.org.name === '信息工程学院党总支')).toBe(true);
    expect((await records(zhibu, 'kind=joint_meeting')).total).toBe(0);
  });
});

describe('the demo’s supervised tasks', () => {
  it('30, most from the 党委会, some from a 总支’s 党务工作例会, a few from a 党政联席会', () => {
    expect(tasks).toHaveLength(30);
    const count = (label: string) => tasks.filter((x) => x.activity.kindLabel === label).length;
    expect(count('党委会')).toBe(20);
    expect(count('党务工作例会')).toBe(6);
    expect(count('党政联席会')).toBe(4);
  });

  it('each carries out a decision recorded on its meeting, shown with the task', async () => {
    for (const item of tasks.slice(0, 10)) {
      const d = (await zzb.get(`/api/supervised-tasks/${item.id}`)).json() as SupervisedTaskDetail;
      expect(d.resolution?.title).toBe(d.title);
      const meeting = (await zzb.get(`/api/activities/${d.activity.id}`)).json() as {
        resolutions: { id: number; title: string }[];
      };
      expect(meeting.resolutions).toContainEqual(expect.objectContaining({ id: d.resolution!.id }));
    }
  });

  it('zongzhi issues some to zhibu’s branch, which zhibu sees and acts on', async () => {
    const orgOf = async (c: Client) =>
      ((await c.get('/api/auth/me')).json() as { user: { roles: { orgId: number }[] } }).user.roles[0]!.orgId;
    const [general, branch] = await Promise.all([orgOf(zongzhi), orgOf(zhibu)]);
    const issued = tasks.filter((x) => x.issuerOrg.id === general && x.leadOrg.id === branch);
    expect(issued.length).toBeGreaterThanOrEqual(1);
    const seen = (await zhibu.get(`/api/supervised-tasks/${issued[0]!.id}`)).json() as SupervisedTaskDetail;
    expect(Object.values(seen.abilities).some(Boolean) || seen.status === 'done').toBe(true);
    const asIssuer = (
      await zongzhi.get(`/api/supervised-tasks/${issued[0]!.id}`)
    ).json() as SupervisedTaskDetail;
    expect(asIssuer.issuerOrg.id).toBe(general);
  });
});
