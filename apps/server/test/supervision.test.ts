/**
 * Supervised tasks (督办事项, issue 15 item 6) through the API: who reaches the endpoints (401/403/cross-scope
 * 404), a 党委会 decision issued by the 组织部 to a 总支, accepted, reported on and confirmed done; a 总支 issuing
 * from its own 党务工作例会; refused sources, units and steps; extensions that keep the first deadline; the 待办,
 * the findings and the overdue escalation with the clock moved past the deadline; the 督办单 and the 督办台账.
 */
import type { InboxResponse, SupervisedTaskDetail, SupervisedTaskItem } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueTasks } from '../src/modules/supervision/service.ts';
import { insertActivity } from './fixtures/activities.ts';
import { docxText } from './fixtures/docx.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const clock = testClock(new Date('2026-06-15T04:00:00Z'));
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let gsec: Client;
let secA: Client;
let secB: Client;
let otherSec: Client;
let leader: Client;
let member: Client;
const ids = {} as {
  committeeMeeting: number;
  resolution: number;
  failedResolution: number;
  workMeeting: number;
  branchMeeting: number;
  plannedMeeting: number;
};
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  ids.committeeMeeting = await insertActivity(t.db, {
    orgId: tree.committee.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
    title: '2026年第6次党委会',
    resolutions: [
      { title: '开展党支部标准化规范化建设达标验收', content: '各总支6月底前完成自查' },
      {
        title: '调整党费收缴办法',
        vote: {
          entitled: 9,
          presentEntitled: 8,
          votesFor: 3,
          votesAgainst: 5,
          abstentions: 0,
          outcome: 'failed',
        },
      },
    ],
  });
  const res = await t.db
    .selectFrom('activity_resolution')
    .select(['id', 'outcome'])
    .where('activity_id', '=', ids.committeeMeeting)
    .orderBy('position')
    .execute();
  ids.resolution = res[0]!.id;
  ids.failedResolution = res[1]!.id;
  ids.workMeeting = await insertActivity(t.db, {
    orgId: tree.general.id,
    kind: 'work_meeting',
    onDate: '2026-06-12',
    title: '信息学院党总支6月党务工作例会',
  });
  ids.branchMeeting = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
    title: '软件教工党支部支委会',
  });
  ids.plannedMeeting = await insertActivity(t.db, {
    orgId: tree.committee.id,
    kind: 'committee_meeting',
    onDate: '2026-06-30',
    status: 'planned',
  });
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

const taskBody = (over: Record<string, unknown> = {}) => ({
  activityId: ids.committeeMeeting,
  resolutionId: ids.resolution,
  title: '完成党支部标准化规范化建设自查',
  content: '各总支组织所属支部对照标准逐项自查，形成自查报告',
  leadOrgId: tree.general.id,
  assistingOrgIds: [tree.other.id],
  deadline: '2026-07-31',
  cadence: 'monthly',
  ...over,
});

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as SupervisedTaskDetail;
}
const create = async (c: Client, over: Record<string, unknown> = {}) =>
  ok(await c.post('/api/supervised-tasks', taskBody(over)), 201);
const step = (c: Client, id: number, transition: string, extra: Record<string, unknown> = {}) =>
  c.post(`/api/supervised-tasks/${id}/transitions`, { transition, ...extra });
const inboxOf = async (c: Client, id: number) =>
  ((await c.get('/api/inbox')).json() as InboxResponse).items
    .filter((i) => i.link === `/supervised-tasks/${id}`)
    .map((i) => i.kind);
const messagesOf = async (c: Client, id: number) =>
  (
    (await c.get('/api/notifications?pageSize=100')).json() as { items: { kind: string; link: string }[] }
  ).items
    .filter((n) => n.link === `/supervised-tasks/${id}`)
    .map((n) => n.kind);

describe('who may reach the endpoints', () => {
  let task: SupervisedTaskDetail;
  beforeAll(async () => {
    task = await create(admin);
  });
  const endpoints = (id: number) => [
    { method: 'GET', url: '/api/supervised-tasks' },
    { method: 'GET', url: '/api/supervised-tasks/ledger.xlsx' },
    { method: 'POST', url: '/api/supervised-tasks', body: taskBody() },
    { method: 'GET', url: `/api/supervised-tasks/${id}` },
    { method: 'GET', url: `/api/supervised-tasks/${id}/sheet.docx` },
    { method: 'PATCH', url: `/api/supervised-tasks/${id}`, body: { title: '新标题', version: 0 } },
    { method: 'POST', url: `/api/supervised-tasks/${id}/transitions`, body: { transition: 'accept' } },
    { method: 'POST', url: `/api/supervised-tasks/${id}/progress`, body: { note: '已部署' } },
  ];

  it('401 without a session, 403 for a member on all and for the 校领导 on every write', async () => {
    for (const e of endpoints(task.id)) {
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
    expect((await leader.get(`/api/supervised-tasks/${task.id}`)).statusCode).toBe(200);
  });

  it('a task is seen by its issuer, lead and assisting units only; others get 404 as for a missing one', async () => {
    expect((await gsec.get(`/api/supervised-tasks/${task.id}`)).statusCode).toBe(200); // lead
    expect((await otherSec.get(`/api/supervised-tasks/${task.id}`)).statusCode).toBe(200); // assisting
    expect((await secA.get(`/api/supervised-tasks/${task.id}`)).statusCode).toBe(404); // below the lead
    expect((await secA.get(`/api/supervised-tasks/${task.id}/sheet.docx`)).statusCode).toBe(404);
    expect((await admin.get(`/api/supervised-tasks/${missingId}`)).statusCode).toBe(404);
    const list = (await secA.get('/api/supervised-tasks')).json() as { items: SupervisedTaskItem[] };
    expect(list.items.map((i) => i.id)).not.toContain(task.id);
    const step404 = await secA.post(`/api/supervised-tasks/${task.id}/transitions`, { transition: 'accept' });
    expect(step404.statusCode).toBe(404);
  });
});

describe('a 党委会 decision from issue to 已办结', () => {
  it('the 组织部 issues, the 总支 accepts, reports progress and reports it done, the 组织部 confirms', async () => {
    const task = await create(admin);
    expect(task).toMatchObject({
      status: 'awaiting_acceptance',
      issuerOrg: { id: tree.committee.id },
      leadOrg: { id: tree.general.id },
      activity: { id: ids.committeeMeeting, kindLabel: '党委会' },
      resolution: { id: ids.resolution },
      assistingOrgs: [{ id: tree.other.id }],
      issuedOn: '2026-06-15',
      nextReportDue: '2026-07-15',
      overdue: false,
    });
    expect(task.abilities).toMatchObject({ edit: true, accept: false, confirm_done: false });
    expect(await messagesOf(gsec, task.id)).toEqual(['supervised_task.assigned']);
    expect(await messagesOf(otherSec, task.id)).toEqual(['supervised_task.assigned']);
    expect(await inboxOf(gsec, task.id)).toEqual(['supervised_task.accept']);

    const seen = await ok(await gsec.get(`/api/supervised-tasks/${task.id}`));
    expect(seen.abilities).toMatchObject({
      accept: true,
      request_extension: true,
      reportProgress: false,
      edit: false,
    });
    // The lead may not confirm, the assigner may not accept.
    expect((await step(admin, task.id, 'accept')).statusCode).toBe(403);
    expect(
      (await gsec.post(`/api/supervised-tasks/${task.id}/progress`, { note: '已部署' })).statusCode,
    ).toBe(409);

    const accepted = await ok(await step(gsec, task.id, 'accept'));
    expect(accepted.status).toBe('in_progress');
    expect(accepted.abilities.reportProgress).toBe(true);
    expect((await step(gsec, task.id, 'accept')).statusCode).toBe(409);
    expect(
      (
        await gsec.patch(`/api/supervised-tasks/${task.id}`, {
          title: '改一下标题',
          version: accepted.version,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.patch(`/api/supervised-tasks/${task.id}`, {
          title: '改一下标题',
          version: accepted.version,
        })
      ).statusCode,
    ).toBe(409);

    const reported = await ok(
      await gsec.post(`/api/supervised-tasks/${task.id}/progress`, { note: '已部署各支部开展自查' }),
      201,
    );
    expect(reported.lastReportOn).toBe('2026-06-15');
    expect(reported.nextReportDue).toBe('2026-07-15');

    const noResult = await step(gsec, task.id, 'report_done');
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().message).toContain('办理结果');
    const done = await ok(
      await step(gsec, task.id, 'report_done', { result: '各支部均已完成自查并形成报告' }),
    );
    expect(done).toMatchObject({ status: 'reported_done', result: '各支部均已完成自查并形成报告' });
    expect(await inboxOf(admin, task.id)).toEqual(['supervised_task.confirm']);
    expect((await step(gsec, task.id, 'confirm_done')).statusCode).toBe(403);

    const returned = await ok(await step(admin, task.id, 'return', { reason: '缺少直属支部的自查报告' }));
    expect(returned.status).toBe('in_progress');
    expect(await messagesOf(gsec, task.id)).toContain('supervised_task.decided');
    await ok(await step(gsec, task.id, 'report_done', { result: '已补齐直属支部自查报告' }));
    const confirmed = await ok(await step(admin, task.id, 'confirm_done'));
    expect(confirmed.status).toBe('done');
    expect(confirmed.doneAt).not.toBeNull();
    expect(confirmed.events.map((e) => e.kind)).toEqual([
      'created',
      'accept',
      'progress',
      'report_done',
      'return',
      'report_done',
      'confirm_done',
    ]);
    expect(Object.values(confirmed.abilities).some(Boolean)).toBe(false);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'supervised_task')
      .where('target_id', '=', String(task.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('supervised_task.transition');
  });

  it('a 总支 issues from its own 党务工作例会 to its branch; the branch secretary is the lead', async () => {
    const task = await create(gsec, {
      activityId: ids.workMeeting,
      resolutionId: null,
      leadOrgId: tree.branchA.id,
      assistingOrgIds: [tree.branchB.id],
      cadence: 'weekly',
    });
    expect(task.issuerOrg.id).toBe(tree.general.id);
    expect(task.activity.kindLabel).toBe('党务工作例会');
    expect(task.abilities.edit).toBe(true);
    const asLead = await ok(await secA.get(`/api/supervised-tasks/${task.id}`));
    expect(asLead.abilities.accept).toBe(true);
    const asAssisting = await ok(await secB.get(`/api/supervised-tasks/${task.id}`));
    expect(Object.values(asAssisting.abilities).some(Boolean)).toBe(false);
    // The 组织部 oversees the 总支's tasks too (it covers the issuer), the 总支 cannot issue from the 党委会.
    expect((await admin.get(`/api/supervised-tasks/${task.id}`)).json().abilities.edit).toBe(true);
    expect((await gsec.post('/api/supervised-tasks', taskBody())).statusCode).toBe(404);
  });
});

describe('what is refused', () => {
  it('sources that are not a 党委会/党务工作例会 held, failed resolutions, units outside the issuer', async () => {
    const branch = await admin.post(
      '/api/supervised-tasks',
      taskBody({
        activityId: ids.branchMeeting,
        resolutionId: null,
        leadOrgId: tree.branchB.id,
        assistingOrgIds: [],
      }),
    );
    expect(branch.statusCode).toBe(400);
    expect(branch.json().message).toContain('党委会');
    const planned = await admin.post(
      '/api/supervised-tasks',
      taskBody({ activityId: ids.plannedMeeting, resolutionId: null }),
    );
    expect(planned.statusCode).toBe(400);
    const failed = await admin.post(
      '/api/supervised-tasks',
      taskBody({ resolutionId: ids.failedResolution }),
    );
    expect(failed.statusCode).toBe(400);
    const otherRes = await gsec.post(
      '/api/supervised-tasks',
      taskBody({
        activityId: ids.workMeeting,
        resolutionId: ids.resolution,
        leadOrgId: tree.branchA.id,
        assistingOrgIds: [],
      }),
    );
    expect(otherRes.statusCode).toBe(404);
    const outside = await gsec.post(
      '/api/supervised-tasks',
      taskBody({
        activityId: ids.workMeeting,
        resolutionId: null,
        leadOrgId: tree.other.id,
        assistingOrgIds: [],
      }),
    );
    expect(outside.statusCode).toBe(404);
    const self = await admin.post('/api/supervised-tasks', taskBody({ leadOrgId: tree.committee.id }));
    expect(self.statusCode).toBe(404);
    const same = await admin.post('/api/supervised-tasks', taskBody({ assistingOrgIds: [tree.general.id] }));
    expect(same.statusCode).toBe(400);
    const past = await admin.post('/api/supervised-tasks', taskBody({ deadline: '2026-06-15' }));
    expect(past.statusCode).toBe(400);
    const byBranch = await secA.post('/api/supervised-tasks', taskBody());
    expect(byBranch.statusCode).toBe(403);
  });

  it('an extension keeps the first deadline; a second request waits for the first decision', async () => {
    const task = await create(admin, { deadline: '2026-06-30' });
    await ok(await step(gsec, task.id, 'accept'));
    expect((await step(gsec, task.id, 'request_extension', { reason: '暑期' })).statusCode).toBe(400);
    await ok(await step(gsec, task.id, 'request_extension', { reason: '暑期放假', until: '2026-09-15' }));
    expect(
      (await step(gsec, task.id, 'request_extension', { reason: '再延', until: '2026-10-15' })).statusCode,
    ).toBe(409);
    expect(await inboxOf(admin, task.id)).toEqual(['supervised_task.extension']);
    const approved = await ok(await step(admin, task.id, 'approve_extension'));
    expect(approved).toMatchObject({
      deadline: '2026-09-15',
      originalDeadline: '2026-06-30',
      extensions: 1,
      extensionRequest: null,
    });
    const stale = await step(gsec, task.id, 'report_done', { result: 'x', version: task.version });
    expect(stale.statusCode).toBe(409);
  });
});

describe('the 督办单 and the 督办台账', () => {
  it('the sheet names the task, its source and units; the ledger lists the filtered tasks', async () => {
    const task = await create(admin, { title: '督办单测试事项' });
    const sheet = await admin.get(`/api/supervised-tasks/${task.id}/sheet.docx`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-disposition']).toContain(`supervised-task-${task.id}.docx`);
    const xml = docxText(sheet.rawPayload);
    for (const s of [
      '督 办 单',
      '督办单测试事项',
      '2026年第6次党委会',
      '信息学院党总支',
      '图书馆直属党支部',
      '2026年7月31日',
    ])
      expect(xml).toContain(s);
    const ledger = await admin.get('/api/supervised-tasks/ledger.xlsx?q=督办单测试');
    expect(ledger.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues().flat().map(String);
    expect(values).toContain('督办单测试事项');
    expect(values.some((v) => v.startsWith('共 1 项'))).toBe(true);
  });
});

describe('reminders, findings and the overdue escalation', () => {
  it('not yet due, nothing waits; past the deadline it is 逾期, found, escalated once to the lead secretary', async () => {
    const task = await create(admin, {
      title: '整改党费收缴台账',
      deadline: '2026-06-25',
      leadOrgId: tree.other.id,
      assistingOrgIds: [],
      cadence: 'weekly',
    });
    await ok(await step(otherSec, task.id, 'accept'));
    expect(await inboxOf(otherSec, task.id)).toEqual([]);
    clock.advance(11 * 86_400_000); // 2026-06-26: the weekly report of 06-22 missing, the deadline passed
    try {
      // Sessions expire over a week: sign in again.
      const [lead, adm] = await Promise.all([
        t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
        t.as([{ role: 'org_admin', orgId: null }]),
      ]);
      const d = await ok(await lead.get(`/api/supervised-tasks/${task.id}`));
      expect(d).toMatchObject({ overdue: true, reportMissing: true });
      expect((await inboxOf(lead, task.id)).sort()).toEqual([
        'supervised_task.due',
        'supervised_task.report',
      ]);
      const list = (await adm.get('/api/supervised-tasks?overdue=true')).json() as {
        items: SupervisedTaskItem[];
      };
      expect(list.items[0]!.id).toBe(task.id);
      const findings = await t.db
        .selectFrom('finding')
        .select(['rule_id', 'org_id', 'state'])
        .where('subject', '=', `supervised-task-${task.id}`)
        .execute();
      expect(
        findings
          .filter((f) => f.state !== 'resolved')
          .map((f) => f.rule_id)
          .sort(),
      ).toEqual(['supervision.overdue', 'supervision.report_missing']);
      expect(await escalateOverdueTasks(t.db, clock)).toBeGreaterThanOrEqual(1);
      await escalateOverdueTasks(t.db, clock);
      expect((await messagesOf(lead, task.id)).filter((k) => k === 'supervised_task.overdue')).toHaveLength(
        1,
      );
    } finally {
      clock.advance(-11 * 86_400_000);
    }
  });
});
