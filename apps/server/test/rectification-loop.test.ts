/**
 * Rectification items in the weekly loop (issue 15, item 7 and the 待办): an item due within 7 days is a finding
 * and a 待办 of the branch, reminded once 3 days ahead (the 责任人, or the secretaries when the 责任人 has no account;
 * again after an extension); extended past the week its finding goes; overdue when
 * the day passes; submitted it goes and waits in the 总支's 待办, and after 14 days it is the 总支's finding;
 * returned it is the branch's 待办 again; extended twice it is reported. Who hears what (the org's secretaries and
 * the 责任人, never the one who acted), the finding's history naming the item opened from it and its 销号, and
 * marks: an edit of what no rule reads leaves none.
 */
import type { AlertDetail, InboxResponse, NotificationList, RectificationDetail } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processMarks } from '../src/http/findings-store.ts';
import { remindDeadlines } from '../src/modules/notifications/service.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Finding = { key: string; ruleId: string; orgId: number; state: string; message: string };

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let gsec: Client;
let secA: Client;
let secB: Client;
let otherSec: Client;
let resp: Client;
let meetingA: number;
let meetingB: number;
let meetingOther: number;
let respPerson: number;
let unaccounted: number;

/** Moves the test clock to a day; everyone signs in again (a jump of days ends the sessions). */
async function setDay(day: string) {
  t.clock.set(new Date(`${day}T04:00:00Z`));
  const again = (c: Client) => t.login(c.me!.user.username);
  [admin, gsec, secA, secB, otherSec, resp] = await Promise.all([
    again(admin),
    again(gsec),
    again(secA),
    again(secB),
    again(otherSec),
    again(resp),
  ]);
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  const [secPerson, person, noAccount] = await t.factory.people(tree.branchA.id, 3);
  respPerson = person!;
  unaccounted = noAccount!;
  meetingA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
  });
  meetingB = await insertActivity(t.db, {
    orgId: tree.branchB.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
  });
  meetingOther = await insertActivity(t.db, {
    orgId: tree.other.id,
    kind: 'general_meeting',
    onDate: '2026-06-10',
  });
  [admin, gsec, secA, secB, otherSec, resp] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }], { personId: secPerson! }),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
    t.as([{ role: 'member', orgId: null }], { personId: respPerson }),
  ]);
});
afterAll(() => t.close());

async function ok<T = RectificationDetail>(
  res: { statusCode: number; body: string; json: () => unknown },
  status = 200,
) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

async function create(c: Client, over: Record<string, unknown> = {}): Promise<RectificationDetail> {
  return ok(
    await c.post('/api/rectifications', {
      orgId: tree.branchA.id,
      source: 'upper_check',
      sourceLabel: '2026年上级党建工作督查',
      problem: '支委会未按月召开，会议记录不完整',
      responsiblePersonId: respPerson,
      deadline: '2026-06-30',
      ...over,
    }),
    201,
  );
}

const step = async (c: Client, id: number, transition: string, extra: Record<string, unknown> = {}) =>
  ok(await c.post(`/api/rectifications/${id}/transitions`, { transition, ...extra }));

const detail = async (c: Client, id: number) => ok(await c.get(`/api/rectifications/${id}`));

/** Measures, started, a meeting linked, the result, submitted: by the branch secretary `c`. */
async function submit(c: Client, id: number, meeting: number, started = false) {
  if (!started) {
    const d = await detail(c, id);
    await ok(
      await c.patch(`/api/rectifications/${id}`, { measures: '每月5日前召开支委会', version: d.version }),
    );
    await step(c, id, 'start');
    await ok(
      await c.post(`/api/rectifications/${id}/evidence`, { kind: 'activity', recordId: meeting }),
      201,
    );
  }
  const d = await detail(c, id);
  await ok(
    await c.patch(`/api/rectifications/${id}`, { result: '已按月召开支委会并归档', version: d.version }),
  );
  return step(c, id, 'submit');
}

/** The stored findings of the item's rules, open or not. */
async function findingsOf(id: number): Promise<Finding[]> {
  await admin.get('/api/inbox'); // brings the findings up to date with the test clock's day
  return t.db
    .selectFrom('finding')
    .select(['key', 'rule_id as ruleId', 'org_id as orgId', 'state', 'message'])
    .where('subject', '=', `rectification-${id}`)
    .orderBy('id')
    .execute();
}
const openRules = async (id: number) =>
  (await findingsOf(id)).filter((f) => f.state !== 'resolved').map((f) => `${f.ruleId}@${f.orgId}`);

const inbox = async (c: Client) => ((await c.get('/api/inbox')).json() as InboxResponse).items;
const inboxOf = async (c: Client, id: number) =>
  (await inbox(c)).filter((i) => i.link === `/rectifications/${id}`).map((i) => i.kind);
/** The morning's deadline reminders `c` has of the item. */
const reminders = async (c: Client, id: number) =>
  ((await c.get('/api/notifications?pageSize=100')).json() as NotificationList).items
    .filter((n) => n.kind === 'deadline.soon' && n.link === `/rectifications/${id}`)
    .map((n) => ({ title: n.title, body: n.body }));
const messages = async (c: Client, id: number) =>
  ((await c.get('/api/notifications?pageSize=100')).json() as NotificationList).items
    .filter((n) => n.link === `/rectifications/${id}`)
    .map((n) => n.kind);

describe('an item due within the week', () => {
  it('is a finding and a 待办 of the branch, reminded once 3 days ahead', async () => {
    const item = await create(gsec, { deadline: '2026-06-17', problem: '提醒测试：党员活动室制度未上墙' });
    expect(await openRules(item.id)).toEqual([`rectification.due_soon@${tree.branchA.id}`]);
    expect(await inboxOf(secA, item.id)).toEqual(['rectification.due']);
    expect(await inboxOf(gsec, item.id)).toEqual([]);
    const [f] = await findingsOf(item.id);
    expect(f!.message).toContain('将于 2026-06-17 到期（还有2天）');
    // The morning's reminder tells the item's 责任人 once, however many mornings it runs, and opens the item; the
    // branch's secretaries, who hear of the item otherwise, are not reminded as well.
    await remindDeadlines(t.db, t.clock);
    await setDay('2026-06-16');
    await remindDeadlines(t.db, t.clock);
    const reminded = await reminders(resp, item.id);
    expect(reminded).toEqual([
      { title: '3 天内到期：整改事项即将到期', body: expect.stringContaining('期限 2026-06-17') },
    ]);
    expect(await reminders(secA, item.id)).toEqual([]);
    expect(await reminders(gsec, item.id)).toEqual([]);
    // An extension is a new deadline: reminded once more, 3 days before it.
    await step(secA, item.id, 'request_extension', { until: '2026-06-19', reason: '等待党员返校' });
    await step(gsec, item.id, 'approve_extension');
    expect((await findingsOf(item.id))[0]!.message).toContain('将于 2026-06-19 到期');
    await remindDeadlines(t.db, t.clock);
    await remindDeadlines(t.db, t.clock);
    expect((await reminders(resp, item.id)).map((n) => n.body.slice(-15))).toEqual([
      '（期限 2026-06-19）',
      '（期限 2026-06-17）',
    ]);
    await setDay('2026-06-15');
  });

  it('reminds the secretaries when the 责任人 has no account, or there is none', async () => {
    const unheld = await create(gsec, {
      deadline: '2026-06-17',
      problem: '提醒测试：责任人未开通账号',
      responsiblePersonId: unaccounted,
    });
    const nobody = await create(gsec, {
      deadline: '2026-06-18',
      problem: '提醒测试：未指定责任人',
      responsiblePersonId: null,
    });
    await findingsOf(unheld.id);
    await remindDeadlines(t.db, t.clock);
    for (const id of [unheld.id, nobody.id]) {
      expect(await reminders(secA, id)).toHaveLength(1);
      expect(await reminders(resp, id)).toEqual([]);
    }
  });
});

describe('the weekly loop of one item', () => {
  let id: number;

  it('opened: the branch secretary and the 责任人 hear of it, the 总支 secretary who opened it does not', async () => {
    id = (await create(gsec, { deadline: '2026-06-20' })).id;
    expect(await messages(secA, id)).toEqual(['rectification.opened']);
    expect(await messages(resp, id)).toEqual(['rectification.opened']);
    expect(await messages(gsec, id)).toEqual([]);
    expect(await openRules(id)).toEqual([`rectification.due_soon@${tree.branchA.id}`]);
  });

  it("an extension asked for waits in the 总支 secretary's 待办; approved, the finding goes", async () => {
    await step(secA, id, 'request_extension', { until: '2026-07-31', reason: '须等新学期党员返校' });
    expect(await inboxOf(gsec, id)).toEqual(['rectification.extension']);
    expect(await inboxOf(admin, id)).toEqual([]);
    expect(await openRules(id)).toEqual([`rectification.due_soon@${tree.branchA.id}`]);
    await step(gsec, id, 'approve_extension');
    expect(await inboxOf(gsec, id)).toEqual([]);
    expect(await inboxOf(secA, id)).toEqual([]);
    expect(await openRules(id)).toEqual([]);
    expect(await messages(secA, id)).toEqual(['rectification.extension_decided', 'rectification.opened']);
    expect(await messages(resp, id)).toContain('rectification.extension_decided');
  });

  it("the day after the deadline it is overdue: a finding and the branch's 待办", async () => {
    await setDay('2026-08-02');
    expect(await openRules(id)).toEqual([`rectification.overdue@${tree.branchA.id}`]);
    const waiting = (await inbox(secA)).find((i) => i.link === `/rectifications/${id}`);
    expect(waiting).toMatchObject({ kind: 'rectification.due', overdue: true, dueDate: '2026-07-31' });
  });

  it("submitted, the overdue finding goes and the 总支 verifies; 14 days later it is the 总支's finding", async () => {
    await submit(secA, id, meetingA);
    expect(await openRules(id)).toEqual([]);
    expect(await inboxOf(secA, id)).toEqual([]);
    expect(await inboxOf(gsec, id)).toEqual(['rectification.verify']);
    expect(await inboxOf(admin, id)).toEqual([]);
    await setDay('2026-08-15');
    expect(await openRules(id)).toEqual([]);
    await setDay('2026-08-16');
    expect(await openRules(id)).toEqual([`rectification.verification_late@${tree.general.id}`]);
    expect((await inbox(gsec)).find((i) => i.link === `/rectifications/${id}`)).toMatchObject({
      kind: 'rectification.verify',
      dueDate: '2026-08-16',
      overdue: false,
    });
  });

  it("returned, it is the branch's 待办 again with the reason, until it is submitted again", async () => {
    await step(gsec, id, 'return', { reason: '会议记录缺少决议事项' });
    expect(await openRules(id)).toEqual([`rectification.overdue@${tree.branchA.id}`]);
    const returned = (await inbox(secA)).find((i) => i.link === `/rectifications/${id}`);
    expect(returned).toMatchObject({ kind: 'rectification.returned' });
    expect(returned!.detail).toContain('会议记录缺少决议事项');
    expect(await messages(secA, id)).toContain('rectification.returned');
    await submit(secA, id, meetingA, true);
    expect(await inboxOf(secA, id)).toEqual([]);
  });

  it('closed (销号): nothing waits and the branch hears of it; a 回头看 reopening is told too', async () => {
    await step(gsec, id, 'verify');
    expect(await openRules(id)).toEqual([]);
    expect(await inboxOf(gsec, id)).toEqual([]);
    expect(await messages(secA, id)).toContain('rectification.closed');
    expect(await messages(resp, id)).toContain('rectification.closed');
    await step(gsec, id, 'reopen', { reason: '十月支委会又未召开', until: '2026-09-30' });
    expect(await messages(secA, id)).toContain('rectification.reopened');
    expect(await messages(gsec, id)).toEqual([]);
    await setDay('2026-06-15');
  });
});

describe('who verifies what, in the 待办', () => {
  it("the 组织部 verifies a 直属支部's item; no 总支 secretary sees it", async () => {
    const item = await create(admin, {
      orgId: tree.other.id,
      responsiblePersonId: null,
      deadline: '2026-06-30',
    });
    expect(await messages(otherSec, item.id)).toEqual(['rectification.opened']);
    await submit(otherSec, item.id, meetingOther);
    expect(await inboxOf(admin, item.id)).toEqual(['rectification.verify']);
    expect(await inboxOf(gsec, item.id)).toEqual([]);
    expect(await inboxOf(secA, item.id)).toEqual([]);
  });

  it('a branch secretary of another branch sees nothing of branch A', async () => {
    const item = await create(gsec, { deadline: '2026-06-18' });
    expect(await inboxOf(secA, item.id)).toEqual(['rectification.due']);
    expect(await inboxOf(secB, item.id)).toEqual([]);
    expect(await inboxOf(otherSec, item.id)).toEqual([]);
  });
});

describe('an item extended twice', () => {
  it('is reported on its org once the second extension is approved, the first deadline kept', async () => {
    const item = await create(gsec, { deadline: '2026-06-30', problem: '两次延期测试：党小组会记录不全' });
    await step(secA, item.id, 'request_extension', { until: '2026-07-31', reason: '暑期' });
    await step(gsec, item.id, 'approve_extension');
    expect(await openRules(item.id)).toEqual([]);
    await step(secA, item.id, 'request_extension', { until: '2026-09-30', reason: '仍在暑期' });
    await step(gsec, item.id, 'approve_extension');
    expect(await openRules(item.id)).toEqual([`rectification.extended_twice@${tree.branchA.id}`]);
    const [f] = (await findingsOf(item.id)).filter((x) => x.state !== 'resolved');
    expect(f!.message).toContain('已延期2次（原定期限 2026-06-30，现期限 2026-09-30）');
  });
});

describe("the finding's history shows its item", () => {
  it('opened from a finding and closed (销号): both on the history, each naming the item', async () => {
    const alerts = (await admin.get(`/api/alerts?orgId=${tree.branchB.id}&orgOnly=true`)).json() as {
      items: { key: string }[];
    };
    const key = alerts.items[0]!.key;
    const item = await ok(await admin.post(`/api/alerts/${key}/rectification`, {}), 201);
    const history = async () => ((await admin.get(`/api/alerts/${key}`)).json() as AlertDetail).events;
    expect((await history()).at(-1)).toMatchObject({
      kind: 'rectification_opened',
      rectificationId: item.id,
      actorName: admin.me!.user.displayName,
    });
    await submit(secB, item.id, meetingB);
    await step(gsec, item.id, 'verify');
    const events = await history();
    expect(events.filter((e) => e.rectificationId !== null).map((e) => [e.kind, e.rectificationId])).toEqual([
      ['rectification_opened', item.id],
      ['rectification_closed', item.id],
    ]);
    expect(events.at(-1)!.comment).toBe('已按月召开支委会并归档');
    // Events of the evaluation name no item.
    expect(events[0]).toMatchObject({ kind: 'appeared', rectificationId: null });
  });
});

describe('marks', () => {
  it('an edit of what no rule reads leaves no mark; a deadline or a milestone does', async () => {
    const item = await create(gsec);
    await processMarks(t.db, t.clock, 'test');
    const marks = async () =>
      (
        await t.db
          .selectFrom('finding_dirty')
          .select('org_id')
          .where('source', '=', 'rectification')
          .execute()
      ).map((m) => m.org_id);
    await sql`update rectification set measures = '整改措施', result = '完成情况', clause = '依据',
      responsible_person_id = null, assisting_org_ids = ${[tree.branchB.id]}::int[], source_label = '说明',
      extension_until = '2026-07-31', extension_reason = '理由', updated_at = now(), version = version + 1
      where id = ${item.id}`.execute(t.db);
    await sql`insert into rectification_event (rectification_id, at, kind, note)
      values (${item.id}, now(), 'progress', '进展')`.execute(t.db);
    expect(await marks()).toEqual([]);
    await sql`update rectification set deadline = '2026-07-01' where id = ${item.id}`.execute(t.db);
    expect(await marks()).toEqual([tree.branchA.id]);
    await processMarks(t.db, t.clock, 'test');
    await sql`insert into rectification_milestone (rectification_id, position, title, due_on)
      values (${item.id}, 0, '召开专题会', '2026-06-20')`.execute(t.db);
    expect(await marks()).toEqual([tree.branchA.id]);
    await processMarks(t.db, t.clock, 'test');
    // The milestone due in 5 days brings the item into the week.
    expect(await openRules(item.id)).toEqual([`rectification.due_soon@${tree.branchA.id}`]);
  });
});
