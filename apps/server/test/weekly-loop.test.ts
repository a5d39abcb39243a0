// The week of a secretary and a member (issue 13): a published meeting reaches the members, a leave
// request reaches the secretary's 待办 and messages and is decided before the meeting starts, the member
// hears the decision; a record nobody attended cannot be archived as held, a 支委会 short of its quorum is
// archived as 未达到法定人数 and does not count; host and recorder are present from the start; a finding
// assigned to someone is in their 待办 until the record that fixes it resolves it.
import type { ActivityDetail, InboxResponse, NotificationList } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let sec: Client;
let member: Client;
let people: number[];

const at = (d: string, time = '14:00') => `${d}T${time}:00+08:00`;
const inbox = async (c: Client) => (await c.get('/api/inbox')).json() as InboxResponse;
const messages = async (c: Client) => (await c.get('/api/notifications')).json() as NotificationList;
async function step(a: { id: number }, name: string, extra: Record<string, unknown> = {}) {
  const version = ((await sec.get(`/api/activities/${a.id}`)).json() as ActivityDetail).version;
  return sec.post(`/api/activities/${a.id}/${name}`, { version, ...extra });
}
async function withMinutes(a: { id: number }) {
  const v = ((await sec.get(`/api/activities/${a.id}`)).json() as ActivityDetail).version;
  const res = await sec.patch(`/api/activities/${a.id}`, { minutes: '会议记录正文', version: v });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T02:00:00Z')) });
  tree = await t.factory.tree();
  people = await t.factory.people(tree.branchA.id, 7);
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2025-01-01',
    end: '2027-12-31',
    teamKind: 'committee',
    team: people
      .slice(0, 5)
      .map((personId, i) => ({ personId, post: i === 0 ? 'secretary' : 'committee_member' })),
  });
  sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }], { personId: people[0]! });
  member = await t.as([{ role: 'member', orgId: null }], { personId: people[6]! });
});
afterAll(() => t.close());

describe('each role sees what applies to it', () => {
  it('a member has 我的党员信息 but, never having applied, no 我的入党进度; a secretary without a person has neither', async () => {
    expect(member.me!.user.person).toEqual({ isMember: true, hasDossier: false });
    const plain = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
    expect(plain.me!.user.person).toBeNull();
  });
});

describe('a leave request, before the meeting', () => {
  it('the notice reaches the member; the request reaches the secretary; the decision reaches the member', async () => {
    const created = await sec.post('/api/activities', {
      orgId: tree.branchA.id,
      kind: 'general_meeting',
      title: '6月支部党员大会',
      startsAt: at('2026-06-20'),
      place: '党员活动室',
      notice: '请全体党员准时参加',
    });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json() as ActivityDetail;
    expect((await step(a, 'publish')).statusCode).toBe(200);
    const notice = (await messages(member)).items.find((n) => n.kind === 'activity.published');
    expect(notice?.title).toBe('活动通知：6月支部党员大会');
    expect(notice?.body).toContain('6月20日 14:00，党员活动室');

    const asked = await member.post(`/api/activities/${a.id}/leave`, { reason: '外出培训' });
    expect(asked.statusCode, asked.body).toBe(200);
    const todo = await inbox(sec);
    const leave = todo.items.find((i) => i.kind === 'leave.decide');
    expect(leave).toMatchObject({
      dueDate: '2026-06-20',
      overdue: false,
      link: `/activities/${a.id}?tab=attendance`,
    });
    expect(leave!.detail).toBe('外出培训');
    expect((await messages(sec)).items.map((n) => n.kind)).toContain('leave.requested');

    // Still only published: the secretary may decide now.
    const detail = (await sec.get(`/api/activities/${a.id}`)).json() as ActivityDetail;
    expect(detail.status).toBe('published');
    expect(detail.abilities.decideLeave).toBe(true);
    const decided = await sec.post(`/api/activities/${a.id}/leave/${people[6]}/decision`, { approve: true });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await inbox(sec)).items.filter((i) => i.kind === 'leave.decide')).toEqual([]);
    const answer = (await messages(member)).items.find((n) => n.kind === 'leave.decided');
    expect(answer?.title).toBe('请假已批准：6月支部党员大会');
  });
});

describe('what counts as held', () => {
  it('host and recorder are present from the start, and can be corrected', async () => {
    const a = (
      await sec.post('/api/activities', {
        orgId: tree.branchA.id,
        kind: 'general_meeting',
        title: '主持人出席',
        startsAt: at('2026-06-15', '09:00'),
        hostPersonId: people[0],
        recorderPersonId: people[1],
      })
    ).json() as ActivityDetail;
    const started = (await step(a, 'start')).json() as ActivityDetail;
    const status = (id: number) => started.attendees.find((x) => x.personId === id)?.status;
    expect([status(people[0]!), status(people[1]!), status(people[2]!)]).toEqual([
      'present',
      'present',
      'expected',
    ]);
    const corrected = await sec.post(`/api/activities/${a.id}/attendance`, {
      personId: people[1],
      status: 'absent',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
  });

  it('a record nobody attended cannot be archived as held', async () => {
    const a = (
      await sec.post('/api/activities', {
        orgId: tree.branchA.id,
        kind: 'committee_meeting',
        title: '无人出席的支委会',
        startsAt: at('2026-06-15', '10:00'),
      })
    ).json() as ActivityDetail;
    expect((await step(a, 'start')).statusCode).toBe(200);
    await withMinutes(a);
    const refused = await step(a, 'close');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('没有人出席');
    expect((await step(a, 'cancel', { reason: '未能召开' })).statusCode).toBe(200);
  });

  it('a 支委会 with 1 of 5 委员 present is archived as 未达到法定人数 and does not count', async () => {
    const a = (
      await sec.post('/api/activities', {
        orgId: tree.branchA.id,
        kind: 'committee_meeting',
        title: '6月支委会',
        startsAt: at('2026-06-15', '11:00'),
        hostPersonId: people[0],
      })
    ).json() as ActivityDetail;
    expect((await step(a, 'start')).statusCode).toBe(200);
    await withMinutes(a);
    const closed = await step(a, 'close');
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as ActivityDetail).quorumMet).toBe(false);
    // This month's 支委会 is still owed (the rule reminds before the month ends: look at the month's finding).
    t.clock.set(new Date('2026-07-02T02:00:00Z'));
    sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }], { personId: people[0]! });
    const alerts = await sec.get(`/api/alerts?orgId=${tree.branchA.id}&period=2026-06&pageSize=100`);
    const rules = (alerts.json() as { items: { ruleId: string }[] }).items.map((f) => f.ruleId);
    expect(rules).toContain('life.committee_meeting_missing');
  });
});

describe('a finding assigned to someone', () => {
  it('is in their 待办 and their messages until it is resolved', async () => {
    const list = await sec.get(`/api/alerts?orgId=${tree.branchA.id}&pageSize=1`);
    const key = (list.json() as { items: { key: string }[] }).items[0]!.key;
    const res = await sec.post(`/api/alerts/${key}/assign`, { personId: people[6], comment: '请跟进' });
    expect(res.statusCode, res.body).toBe(200);
    // The clock moved on a fortnight: the member signs in again, as the same user.
    member = await t.login(member.me!.user.username);
    const todo = await inbox(member);
    expect(todo.items.map((i) => i.link)).toContain(`/alerts/${key}`);
    expect(todo.byKind).toContainEqual({ kind: 'finding.assigned', label: '整改指派给我的预警', count: 1 });
    const msg = (await messages(member)).items.find((n) => n.kind === 'finding.assigned');
    expect(msg?.link).toBe(`/alerts/${key}`);
    expect(msg?.body).toContain('请跟进');
  });
});
