/**
 * 巡察 (issue 15 item 5) through the API: who reaches the endpoints (401/403/cross-scope 404; a unit sees only its
 * own part); a round registered by the 组织部 and refused when its units, team or dates are wrong; the feedback
 * opening one rectification item per problem (source 巡察反馈, linked to the round, due with the report by
 * default); the 整改报告 with figures counted from the items, returned and submitted again; the 回头看 reopening a
 * closed item through the item's own transition; the findings and the 待办 appearing and going; corrections of the
 * round; the 巡察整改台账.
 */
import type {
  InboxResponse,
  InspectionDetail,
  InspectionItem,
  InspectionUnitDetail,
  RectificationDetail,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAllFindings, processMarks } from '../src/http/findings-store.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let gsec: Client;
let secA: Client;
let otherSec: Client;
let leader: Client;
let member: Client;
let workMeeting: number;
let responsible: number;
const missingId = 2_000_000_000;

/** Moves the test clock to a day; everyone signs in again (a jump of days ends the sessions). */
async function setDay(day: string) {
  t.clock.set(new Date(`${day}T04:00:00Z`));
  const again = (c: Client) => t.login(c.me!.user.username);
  [admin, gsec, secA, otherSec, leader, member] = await Promise.all([
    again(admin),
    again(gsec),
    again(secA),
    again(otherSec),
    again(leader),
    again(member),
  ]);
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  responsible = await t.factory.person({ orgId: tree.general.id });
  workMeeting = await insertActivity(t.db, {
    orgId: tree.general.id,
    kind: 'work_meeting',
    onDate: '2026-06-14',
    title: '信息学院党总支6月党务工作例会',
  });
  [admin, gsec, secA, otherSec, leader, member] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'member', orgId: null }]),
  ]);
});
afterAll(() => t.close());

const roundBody = (over: Record<string, unknown> = {}) => ({
  name: '十四届党委第三轮巡察',
  kind: 'regular',
  startsOn: '2026-04-01',
  endsOn: '2026-05-15',
  focus: '落实全面从严治党主体责任、基层党组织建设',
  orgIds: [tree.general.id, tree.other.id],
  team: [
    { role: 'leader', name: '王建国', title: '纪委副书记' },
    { role: 'deputy', name: '李红', title: '组织部副部长' },
    { role: 'member', name: '赵敏' },
  ],
  ...over,
});

const feedbackBody = (over: Record<string, unknown> = {}) => ({
  feedbackOn: '2026-06-12',
  summary: '总支履行主体责任有差距，支部组织生活不够规范。',
  problems: [
    {
      problem: '党总支理论学习中心组学习不够深入，专题研讨流于形式',
      clause: '高校基层组织工作条例 第十二条',
    },
    { problem: '党务工作例会研究党建工作不经常', responsiblePersonId: responsible },
    { problem: '发展党员工作台账不完整', deadline: '2026-12-31' },
  ],
  ...over,
});

async function ok<T = InspectionDetail>(
  res: { statusCode: number; body: string; json: () => unknown },
  status = 200,
) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const create = async (c: Client, over: Record<string, unknown> = {}) =>
  ok(await c.post('/api/inspections', roundBody(over)), 201);
const unitOf = (d: InspectionDetail, orgId: number) => d.units.find((u) => u.orgId === orgId)!;
const unitUrl = (id: number, orgId: number, step: string) => `/api/inspections/${id}/units/${orgId}/${step}`;
const inboxOf = async (c: Client, id: number) =>
  ((await c.get('/api/inbox')).json() as InboxResponse).items.filter((i) =>
    i.link.startsWith(`/inspections/${id}?`),
  );
const messagesOf = async (c: Client, id: number) =>
  (
    (await c.get('/api/notifications?pageSize=100')).json() as { items: { kind: string; link: string }[] }
  ).items
    .filter((n) => n.link.startsWith(`/inspections/${id}?`))
    .map((n) => n.kind);
const openFindings = async (id: number) =>
  (
    await t.db
      .selectFrom('finding')
      .select(['rule_id', 'org_id', 'due_date'])
      .where('subject', 'like', `inspection-${id}-%`)
      .where('state', '<>', 'resolved')
      .execute()
  )
    .map((f) => `${f.rule_id}@${f.org_id}`)
    .sort();

/** Measures, started, the 总支's meeting linked, the result, submitted by the 总支; verified by the 组织部. */
async function close(itemId: number) {
  const patch = async (body: Record<string, unknown>) => {
    const d = await ok<RectificationDetail>(await gsec.get(`/api/rectifications/${itemId}`));
    await ok(await gsec.patch(`/api/rectifications/${itemId}`, { ...body, version: d.version }));
  };
  const step = async (c: Client, transition: string) =>
    ok(await c.post(`/api/rectifications/${itemId}/transitions`, { transition }));
  await patch({ measures: '每月召开中心组学习，确定专题' });
  await step(gsec, 'start');
  await ok(
    await gsec.post(`/api/rectifications/${itemId}/evidence`, { kind: 'activity', recordId: workMeeting }),
    201,
  );
  await patch({ result: '已按计划开展专题学习研讨' });
  await step(gsec, 'submit');
  await step(admin, 'verify');
}

describe('who may reach the endpoints', () => {
  let round: InspectionDetail;
  beforeAll(async () => {
    round = await create(admin, { name: '权限测试巡察' });
  });
  const endpoints = (id: number) => [
    { method: 'GET', url: '/api/inspections' },
    { method: 'POST', url: '/api/inspections', body: roundBody() },
    { method: 'GET', url: `/api/inspections/${id}` },
    { method: 'GET', url: `/api/inspections/${id}/ledger.xlsx` },
    { method: 'PATCH', url: `/api/inspections/${id}`, body: { name: '新名称的巡察', version: 0 } },
    { method: 'POST', url: unitUrl(id, tree.other.id, 'feedback'), body: feedbackBody() },
    { method: 'POST', url: unitUrl(id, tree.other.id, 'report'), body: { report: 'x'.repeat(30) } },
    { method: 'POST', url: unitUrl(id, tree.other.id, 'return'), body: { reason: '缺少整改数据' } },
    {
      method: 'POST',
      url: unitUrl(id, tree.other.id, 'lookback'),
      body: { lookbackOn: '2026-06-15', note: '未见反弹', verdicts: [] },
    },
  ];

  it('401 without a session; 403 for a member on all and for the 校领导 on every write', async () => {
    for (const e of endpoints(round.id)) {
      const anon = await t.app.inject({ method: e.method as 'GET', url: e.url, payload: e.body });
      expect(anon.statusCode, `${e.method} ${e.url}`).toBe(401);
      const m =
        e.method === 'GET'
          ? await member.get(e.url)
          : await member[e.method.toLowerCase() as 'post'](e.url, e.body);
      expect(m.statusCode, `${e.method} ${e.url}`).toBe(403);
      if (e.method !== 'GET') {
        const l = await leader[e.method.toLowerCase() as 'post'](e.url, e.body);
        expect(l.statusCode, `${e.method} ${e.url}`).toBe(403);
      }
    }
    const seen = await ok(await leader.get(`/api/inspections/${round.id}`));
    expect(seen.units.map((u) => u.orgId)).toEqual([tree.general.id, tree.other.id]);
    expect(seen.abilities.edit).toBe(false);
  });

  it('a unit sees the round and only its own part; an org not inspected gets 404 as for a missing round', async () => {
    const asOther = await ok(await otherSec.get(`/api/inspections/${round.id}`));
    expect(asOther.units.map((u) => u.orgId)).toEqual([tree.other.id]);
    expect(asOther.unitCount).toBe(2);
    const list = (await otherSec.get('/api/inspections')).json() as { items: InspectionItem[] };
    expect(list.items.find((r) => r.id === round.id)!.units.map((u) => u.orgId)).toEqual([tree.other.id]);
    // The 总支 secretary's scope holds branch A, but branch A is not inspected: the 总支 is.
    expect((await gsec.get(`/api/inspections/${round.id}`)).json().units).toHaveLength(1);
    const missing = await admin.get(`/api/inspections/${missingId}`);
    const hidden = await secA.get(`/api/inspections/${round.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual(missing.json());
    expect((await secA.get(`/api/inspections/${round.id}/ledger.xlsx`)).statusCode).toBe(404);
    const listA = (await secA.get('/api/inspections')).json() as { items: InspectionItem[] };
    expect(listA.items.map((r) => r.id)).not.toContain(round.id);
    // A step on a unit the caller cannot see answers as a unit that is not in the round.
    const other = await gsec.post(unitUrl(round.id, tree.other.id, 'report'), { report: 'x'.repeat(30) });
    const absent = await gsec.post(unitUrl(round.id, tree.branchA.id, 'report'), { report: 'x'.repeat(30) });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(absent.json());
  });
});

describe('registering a round', () => {
  it('the 组织部 registers it; every unit waits for its feedback; the audit log has it', async () => {
    const round = await create(admin);
    expect(round).toMatchObject({
      kind: 'regular',
      reportMonths: 2,
      lookbackMonths: 6,
      unitCount: 2,
      abilities: { edit: true },
      team: [
        { role: 'leader', name: '王建国', title: '纪委副书记', personId: null },
        { role: 'deputy', name: '李红' },
        { role: 'member', name: '赵敏', title: null },
      ],
    });
    expect(round.units.map((u) => [u.orgId, u.status, u.reportDue])).toEqual([
      [tree.general.id, 'awaiting_feedback', null],
      [tree.other.id, 'awaiting_feedback', null],
    ]);
    expect(unitOf(round, tree.general.id).abilities).toEqual({
      record_feedback: true,
      submit_report: false,
      return_report: false,
      record_lookback: false,
    });
    expect(round.events.map((e) => e.kind)).toEqual(['created']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('target_type', '=', 'inspection')
      .where('target_id', '=', String(round.id))
      .execute();
    expect(audit).toEqual([
      { action: 'inspection.create', summary: '登记巡察轮次：十四届党委第三轮巡察（2个被巡察单位）' },
    ]);
  });

  it('a team member linked to a person takes the roster name; a person out of scope answers as missing', async () => {
    const round = await create(admin, {
      team: [{ role: 'leader', name: '随便写', personId: responsible }],
    });
    const name = (
      await t.db.selectFrom('person').select('name').where('id', '=', responsible).executeTakeFirstOrThrow()
    ).name;
    expect(round.team).toEqual([{ role: 'leader', name, title: null, personId: responsible }]);
    const missing = await admin.post(
      '/api/inspections',
      roundBody({ team: [{ role: 'leader', name: '某人', personId: missingId }] }),
    );
    expect(missing.statusCode).toBe(404);
  });

  it('refuses units a kind does not inspect, a wrong team or dates, months beyond the limits, other roles', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ orgIds: [tree.branchA.id] }, 400, '专项巡察'],
      [{ orgIds: [tree.committee.id] }, 400, '党委本级'],
      [{ orgIds: [missingId] }, 404, '被巡察单位'],
      [{ orgIds: [] }, 400, '被巡察单位'],
      [{ orgIds: [tree.general.id, tree.general.id] }, 400, '被巡察单位'],
      [{ team: [{ role: 'member', name: '赵敏' }] }, 400, '组长'],
      [{ endsOn: '2026-03-31' }, 400, '结束日期'],
      [{ reportMonths: 3 }, 400, '整改报告期限'],
      [{ lookbackMonths: 2 }, 400, '回头看时间'],
      [{ kind: 'annual' }, 400, '巡察类型'],
    ];
    for (const [over, status, text] of cases) {
      const res = await admin.post('/api/inspections', roundBody(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().message, JSON.stringify(over)).toContain(text);
    }
    const special = await create(admin, { kind: 'special', orgIds: [tree.branchA.id] });
    expect(special.units.map((u) => u.orgId)).toEqual([tree.branchA.id]);
    expect((await gsec.post('/api/inspections', roundBody())).statusCode).toBe(403);
  });
});

describe('from the feedback to the 回头看', () => {
  let round: InspectionDetail;
  let items: InspectionUnitDetail['items'];

  it('the feedback opens one item per problem, due with the report unless given, linked to the round', async () => {
    round = await create(admin, { name: '十四届党委第四轮巡察' });
    const early = await admin.post(
      unitUrl(round.id, tree.general.id, 'feedback'),
      feedbackBody({ feedbackOn: '2026-03-31' }),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('反馈日期');
    expect((await gsec.post(unitUrl(round.id, tree.general.id, 'feedback'), feedbackBody())).statusCode).toBe(
      403,
    );
    const nobody = await admin.post(
      unitUrl(round.id, tree.general.id, 'feedback'),
      feedbackBody({ problems: [{ problem: '党费收缴不及时', responsiblePersonId: missingId }] }),
    );
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().message).toContain('责任人');

    const fed = await ok(await admin.post(unitUrl(round.id, tree.general.id, 'feedback'), feedbackBody()));
    const unit = unitOf(fed, tree.general.id);
    expect(unit).toMatchObject({
      status: 'rectifying',
      feedbackOn: '2026-06-12',
      reportDue: '2026-08-12',
      lookbackDue: '2026-12-12',
      reportOverdue: false,
      summary: '总支履行主体责任有差距，支部组织生活不够规范。',
      figures: { total: 3, closed: 0, inProgress: 3, overdue: 0 },
    });
    items = unit.items;
    expect(items.map((i) => [i.status, i.deadline, i.responsiblePerson?.id ?? null, i.clause])).toEqual([
      ['pending', '2026-08-12', null, '高校基层组织工作条例 第十二条'],
      ['pending', '2026-08-12', responsible, null],
      ['pending', '2026-12-31', null, null],
    ]);
    const item = await ok<RectificationDetail>(await gsec.get(`/api/rectifications/${items[0]!.id}`));
    expect(item).toMatchObject({
      source: 'inspection',
      sourceLabel: '十四届党委第四轮巡察',
      orgId: tree.general.id,
      inspection: { id: round.id, name: '十四届党委第四轮巡察' },
      verifier: { level: 'committee' },
    });
    expect(fed.events.map((e) => [e.kind, e.orgName])).toEqual([
      ['created', null],
      ['record_feedback', '信息学院党总支'],
    ]);
    expect(await messagesOf(gsec, round.id)).toEqual(['inspection.feedback']);
    const inbox = await inboxOf(gsec, round.id);
    expect(inbox.map((i) => [i.kind, i.title, i.dueDate, i.overdue])).toEqual([
      ['inspection.report', '提交巡察整改报告（截止 2026-08-12）', '2026-08-12', false],
    ]);
    // Once is enough: a second feedback is refused by the state; the other unit still waits.
    const again = await admin.post(unitUrl(round.id, tree.general.id, 'feedback'), feedbackBody());
    expect(again.statusCode).toBe(409);
    expect(unitOf(fed, tree.other.id).status).toBe('awaiting_feedback');
    expect(
      unitOf(await ok(await gsec.get(`/api/inspections/${round.id}`)), tree.general.id).abilities,
    ).toMatchObject({
      submit_report: true,
      record_feedback: false,
    });
  });

  it('the 整改报告: by the unit only, figures counted from the items (never sent), returned and submitted again', async () => {
    await close(items[0]!.id);
    const short = await gsec.post(unitUrl(round.id, tree.general.id, 'report'), { report: '已整改' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('整改报告');
    const typed = await gsec.post(unitUrl(round.id, tree.general.id, 'report'), {
      report: '对照反馈意见逐条整改，建立整改台账。'.repeat(2),
      figures: { total: 3, closed: 3 },
    });
    expect(typed.statusCode).toBe(400);
    const byOffice = await admin.post(unitUrl(round.id, tree.general.id, 'report'), {
      report: '对照反馈意见逐条整改，建立整改台账。'.repeat(2),
    });
    expect(byOffice.statusCode).toBe(403);
    expect(
      (
        await otherSec.post(unitUrl(round.id, tree.other.id, 'report'), {
          report: '整改情况报告。'.repeat(4),
        })
      ).statusCode,
    ).toBe(409);

    const text = '对照巡察反馈的3个问题逐条制定整改措施，建立整改台账，中心组学习已按计划开展。';
    const reported = unitOf(
      await ok(await gsec.post(unitUrl(round.id, tree.general.id, 'report'), { report: text })),
      tree.general.id,
    );
    expect(reported).toMatchObject({
      status: 'reported',
      report: {
        text,
        submittedOn: '2026-06-15',
        byName: gsec.me!.user.displayName,
        figures: { total: 3, closed: 1, inProgress: 2, overdue: 0 },
      },
      abilities: { submit_report: false },
    });
    expect(await inboxOf(gsec, round.id)).toEqual([]);
    expect(
      (await gsec.post(unitUrl(round.id, tree.general.id, 'return'), { reason: '不完整' })).statusCode,
    ).toBe(403);

    const returned = unitOf(
      await ok(
        await admin.post(unitUrl(round.id, tree.general.id, 'return'), {
          reason: '缺少主要负责人组织落实情况',
        }),
      ),
      tree.general.id,
    );
    expect(returned).toMatchObject({ status: 'rectifying', returnedReason: '缺少主要负责人组织落实情况' });
    expect(await messagesOf(gsec, round.id)).toContain('inspection.report_returned');
    const inbox = await inboxOf(gsec, round.id);
    expect(inbox.map((i) => i.kind)).toEqual(['inspection.report']);
    expect(inbox[0]!.detail).toContain('缺少主要负责人组织落实情况');
    const again = unitOf(
      await ok(
        await gsec.post(unitUrl(round.id, tree.general.id, 'report'), {
          report: `${text}书记履行第一责任人职责。`,
        }),
      ),
      tree.general.id,
    );
    expect(again).toMatchObject({ status: 'reported', returnedReason: null });
  });

  it('the 回头看: a verdict on every closed item; 反弹 reopens it through the item’s own step', async () => {
    const url = unitUrl(round.id, tree.general.id, 'lookback');
    const base = { lookbackOn: '2026-06-15', note: '查阅整改台账，走访支部，核实已销号问题' };
    const missingVerdict = await admin.post(url, { ...base, verdicts: [] });
    expect(missingVerdict.statusCode).toBe(400);
    expect(missingVerdict.json().message).toContain('还有1个已销号的整改事项未判定');
    const notClosed = await admin.post(url, {
      ...base,
      verdicts: [
        { rectificationId: items[0]!.id, outcome: 'confirmed' },
        { rectificationId: items[1]!.id, outcome: 'confirmed' },
      ],
    });
    expect(notClosed.statusCode).toBe(400);
    const noReason = await admin.post(url, {
      ...base,
      verdicts: [{ rectificationId: items[0]!.id, outcome: 'rebound' }],
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.fields.map((f: { path: string }) => f.path)).toEqual([
      'verdicts.0.reason',
      'verdicts.0.until',
    ]);
    // An item of another round or unit answers as a missing one.
    const foreign = await admin.post(url, {
      ...base,
      verdicts: [{ rectificationId: missingId, outcome: 'confirmed' }],
    });
    expect(foreign.statusCode).toBe(404);
    expect((await gsec.post(url, { ...base, verdicts: [] })).statusCode).toBe(403);

    const looked = unitOf(
      await ok(
        await admin.post(url, {
          ...base,
          verdicts: [
            {
              rectificationId: items[0]!.id,
              outcome: 'rebound',
              reason: '近两个月中心组又未开展专题研讨',
              until: '2026-08-31',
            },
          ],
        }),
      ),
      tree.general.id,
    );
    expect(looked).toMatchObject({
      status: 'looked_back',
      lookback: {
        on: '2026-06-15',
        verdicts: [{ rectificationId: items[0]!.id, outcome: 'rebound', until: '2026-08-31' }],
      },
      figures: { total: 3, closed: 0, inProgress: 3 },
      abilities: { record_lookback: false, return_report: false },
    });
    const item = await ok<RectificationDetail>(await gsec.get(`/api/rectifications/${items[0]!.id}`));
    expect(item).toMatchObject({ status: 'in_progress', reopenCount: 1, deadline: '2026-08-31' });
    expect(item.events.at(-1)).toMatchObject({
      kind: 'reopen',
      fromStatus: 'closed',
      toStatus: 'in_progress',
      note: '十四届党委第四轮巡察回头看：近两个月中心组又未开展专题研讨',
    });
    const messages = (
      (await gsec.get('/api/notifications?pageSize=100')).json() as { items: { kind: string }[] }
    ).items;
    expect(messages.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['rectification.reopened', 'inspection.lookback']),
    );
    expect((await admin.post(url, { ...base, verdicts: [] })).statusCode).toBe(409);
  });
});

describe('findings and the 待办 over time', () => {
  it('the report due within 7 days, then overdue; gone when it is in; the 回头看 due months later', async () => {
    const round = await create(admin, { name: '2026年机动巡察', kind: 'mobile', orgIds: [tree.other.id] });
    // Fed back on 04-18: the report is due on 06-18, three days from today.
    await ok(
      await admin.post(
        unitUrl(round.id, tree.other.id, 'feedback'),
        feedbackBody({
          feedbackOn: '2026-04-18',
          problems: [{ problem: '图书馆直属党支部三会一课记录不规范' }],
        }),
      ),
    );
    await processMarks(t.db, t.clock, 'test');
    expect(await openFindings(round.id)).toEqual([`inspection.report_due_soon@${tree.other.id}`]);
    // Renaming the round marks its units: the finding names the new name once re-evaluated.
    const renamed = await ok(
      await admin.patch(`/api/inspections/${round.id}`, {
        name: '2026年第二轮机动巡察',
        version: round.version,
      }),
    );
    expect(renamed.name).toBe('2026年第二轮机动巡察');
    await processMarks(t.db, t.clock, 'test');
    const [message] = await t.db
      .selectFrom('finding')
      .select('message')
      .where('subject', '=', `inspection-${round.id}-${tree.other.id}`)
      .where('state', '<>', 'resolved')
      .execute();
    expect(message!.message).toContain('2026年第二轮机动巡察于 2026-04-18 反馈');
    try {
      await setDay('2026-06-19');
      await evaluateAllFindings(t.db, t.clock, 'test');
      expect(await openFindings(round.id)).toEqual([`inspection.report_overdue@${tree.other.id}`]);
      const [due] = await inboxOf(otherSec, round.id);
      expect(due).toMatchObject({ kind: 'inspection.report', overdue: true, dueDate: '2026-06-18' });
      const listed = (await admin.get('/api/inspections?kind=mobile')).json() as { items: InspectionItem[] };
      expect(listed.items.find((r) => r.id === round.id)!.units[0]).toMatchObject({ reportOverdue: true });

      await ok(
        await otherSec.post(unitUrl(round.id, tree.other.id, 'report'), {
          report: '整改情况报告：'.repeat(5),
        }),
      );
      await processMarks(t.db, t.clock, 'test');
      expect(await openFindings(round.id)).toEqual([]);
      expect(await inboxOf(otherSec, round.id)).toEqual([]);

      // The 回头看 is due six months after the feedback (10-18): from a week before, found and in the 组织部's 待办.
      await setDay('2026-10-10');
      await evaluateAllFindings(t.db, t.clock, 'test');
      expect(await openFindings(round.id)).toEqual([]);
      expect(await inboxOf(admin, round.id)).toEqual([]);
      await setDay('2026-10-11');
      await evaluateAllFindings(t.db, t.clock, 'test');
      expect(await openFindings(round.id)).toEqual([`inspection.lookback_due@${tree.other.id}`]);
      expect((await inboxOf(admin, round.id)).map((i) => [i.kind, i.dueDate])).toEqual([
        ['inspection.lookback', '2026-10-18'],
      ]);
      await ok(
        await admin.post(unitUrl(round.id, tree.other.id, 'lookback'), {
          lookbackOn: '2026-10-11',
          note: '整改台账完整，问题仍在整改',
          verdicts: [],
        }),
      );
      await processMarks(t.db, t.clock, 'test');
      expect(await openFindings(round.id)).toEqual([]);
      expect(await inboxOf(admin, round.id)).toEqual([]);
    } finally {
      await setDay('2026-06-15');
    }
  });

  it('a unit not fed back once the round is over waits in the 组织部’s 待办', async () => {
    const round = await create(admin, {
      name: '已结束待反馈的巡察',
      orgIds: [tree.other.id],
      endsOn: '2026-06-14',
    });
    expect((await inboxOf(admin, round.id)).map((i) => i.kind)).toEqual(['inspection.feedback']);
    expect(await inboxOf(otherSec, round.id)).toEqual([]);
  });
});

describe('correcting a round', () => {
  it('name, dates and team at any time; a unit fed back stays; the months are fixed once a unit is fed back', async () => {
    const round = await create(admin, { name: '修改测试巡察' });
    const renamed = await ok(
      await admin.patch(`/api/inspections/${round.id}`, {
        name: '修改后的巡察名称',
        orgIds: [tree.general.id],
        reportMonths: 1,
        version: round.version,
      }),
    );
    expect(renamed).toMatchObject({ name: '修改后的巡察名称', reportMonths: 1, unitCount: 1 });
    expect(renamed.events.at(-1)).toMatchObject({
      kind: 'edited',
      note: '修改了巡察名称、被巡察单位、整改报告期限（月）',
    });
    const stale = await admin.patch(`/api/inspections/${round.id}`, {
      name: '再改一次名称',
      version: round.version,
    });
    expect(stale.statusCode).toBe(409);
    await ok(await admin.post(unitUrl(round.id, tree.general.id, 'feedback'), feedbackBody()));
    const current = await ok(await admin.get(`/api/inspections/${round.id}`));
    expect(unitOf(current, tree.general.id).reportDue).toBe('2026-07-12');
    const remove = await admin.patch(`/api/inspections/${round.id}`, {
      orgIds: [tree.other.id],
      version: current.version,
    });
    expect(remove.statusCode).toBe(409);
    const months = await admin.patch(`/api/inspections/${round.id}`, {
      reportMonths: 2,
      version: current.version,
    });
    expect(months.statusCode).toBe(409);
    const later = await admin.patch(`/api/inspections/${round.id}`, {
      startsOn: '2026-06-13',
      version: current.version,
    });
    expect(later.statusCode).toBe(400);
    const added = await ok(
      await admin.patch(`/api/inspections/${round.id}`, {
        orgIds: [tree.general.id, tree.other.id],
        team: [{ role: 'leader', name: '孙强' }],
        version: current.version,
      }),
    );
    expect(added.units.map((u) => [u.orgId, u.status])).toEqual([
      [tree.general.id, 'rectifying'],
      [tree.other.id, 'awaiting_feedback'],
    ]);
    expect(added.team).toEqual([{ role: 'leader', name: '孙强', title: null, personId: null }]);
    const empty = await admin.patch(`/api/inspections/${round.id}`, { version: added.version });
    expect(empty.statusCode).toBe(400);
  });
});

describe('the 巡察整改台账', () => {
  it('prints the units and every problem; a unit’s secretary gets its own part only', async () => {
    const round = await create(admin, { name: '台账测试巡察' });
    await ok(await admin.post(unitUrl(round.id, tree.general.id, 'feedback'), feedbackBody()));
    await ok(
      await admin.post(
        unitUrl(round.id, tree.other.id, 'feedback'),
        feedbackBody({ problems: [{ problem: '直属支部党员教育管理不严格' }] }),
      ),
    );
    const res = await admin.get(`/api/inspections/${round.id}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`inspection-${round.id}.xlsx`);
    const units = await expectPrintReady(res.rawPayload, 'inspection-units', '整改情况');
    expect(units.title).toBe('巡察整改台账');
    expect(units.table.slice(1).map((r) => [r[1], r[2], r[4], r[8]])).toEqual([
      ['信息学院党总支', '整改中', 3, '2026-08-12'],
      ['图书馆直属党支部', '整改中', 1, '2026-08-12'],
    ]);
    const problems = await expectPrintReady(res.rawPayload, 'inspection-problems', '问题清单');
    expect(problems.table.slice(1).map((r) => r[2])).toEqual([
      '党总支理论学习中心组学习不够深入，专题研讨流于形式',
      '党务工作例会研究党建工作不经常',
      '发展党员工作台账不完整',
      '直属支部党员教育管理不严格',
    ]);
    const own = await otherSec.get(`/api/inspections/${round.id}/ledger.xlsx`);
    const ownProblems = await expectPrintReady(own.rawPayload, 'inspection-own', '问题清单');
    expect(ownProblems.table.slice(1).map((r) => r[1])).toEqual(['图书馆直属党支部']);
  });
});
