/**
 * The 党政联席会 (二级学院党政联席会议, kind `joint_meeting`, issue 15 item 6) through the API: only a 党总支 holds one;
 * its 委员会 is expected and the 学院's administrative leaders sit as 列席; decisions are recorded without a party
 * vote; archived, its 第一议题 counts for the 总支's month, its minutes are the 学院's 党政联席会议记录, the 总支's
 * ledger has a sheet of them, and a decision becomes a supervised task the 总支 gives to a branch below it.
 */
import type { ActivityDetail, InviteeList, SupervisedTaskDetail } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText, titleParagraphXml } from './fixtures/docx.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let gsec: Client;
let secA: Client;
let team: number[];
let dean: number;
let meeting: ActivityDetail;

const at = (d: string, time = '14:30') => `${d}T${time}:00+08:00`;
const jointBody = (over: Record<string, unknown> = {}) => ({
  orgId: tree.general.id,
  kind: 'joint_meeting',
  title: '信息工程学院2026年5月党政联席会',
  startsAt: at('2026-05-20'),
  agenda: [
    { title: '传达学习习近平总书记关于教育的重要论述', isFirstTopic: true },
    { title: '研究学院专业建设和人才培养方案调整' },
  ],
  ...over,
});

async function ok<T = ActivityDetail>(
  res: { statusCode: number; body: string; json: () => unknown },
  status = 200,
) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const versionOf = async (id: number) =>
  ((await gsec.get(`/api/activities/${id}`)).json() as ActivityDetail).version;

/** The stored 第一议题 finding of the 总支 for a month, if any, and its state. */
async function firstTopicFinding(period: string) {
  await admin.get('/api/inbox'); // brings the findings up to date with the test clock's day
  return t.db
    .selectFrom('finding')
    .select(['key', 'state'])
    .where('rule_id', '=', 'life.first_topic_missing')
    .where('org_id', '=', tree.general.id)
    .where('period', '=', period)
    .executeTakeFirst();
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  const unit = await t.db
    .insertInto('unit')
    .values({ name: '信息工程学院', kind: 'college' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.updateTable('org').set({ unit_id: unit.id }).where('id', '=', tree.general.id).execute();
  team = await t.factory.people(tree.branchA.id, 3);
  dean = await t.factory.person({ orgId: tree.branchB.id, name: '院长甲' });
  await t.factory.term({
    orgId: tree.general.id,
    start: '2024-09-01',
    end: '2027-09-01',
    teamKind: 'committee',
    team: [
      { personId: team[0]!, post: 'secretary' },
      { personId: team[1]!, post: 'deputy_secretary' },
      { personId: team[2]!, post: 'committee_member' },
    ],
  });
  [admin, gsec, secA] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
  ]);
});
afterAll(() => t?.close());

describe('who holds a 党政联席会', () => {
  it('a 党总支 with its 委员会 expected; a branch or the 党委 cannot hold one', async () => {
    const branch = await secA.post('/api/activities', jointBody({ orgId: tree.branchA.id }));
    expect(branch.statusCode).toBe(400);
    expect(branch.json().message).toBe('党组织：软件教工党支部不能召开党政联席会');
    const committee = await admin.post('/api/activities', jointBody({ orgId: tree.committee.id }));
    expect(committee.statusCode).toBe(400);
    expect(committee.json().message).toContain('不能召开党政联席会');
    const preview = await ok<InviteeList>(
      await gsec.get(`/api/activities/invitees?orgId=${tree.general.id}&kind=joint_meeting&date=2026-05-20`),
    );
    expect(preview.items.map((x) => x.personId).sort()).toEqual([...team].sort());
    meeting = await ok(await gsec.post('/api/activities', jointBody()), 201);
    expect(meeting.kind).toBe('joint_meeting');
    expect(meeting.attendees.map((x) => x.personId).sort()).toEqual([...team].sort());
    expect(meeting.votes).toBeNull();
  });
});

describe('a 党政联席会 held and archived', () => {
  it('seats the 院长 as 列席, records its decisions without a vote and archives', async () => {
    const guests = await ok(await gsec.post(`/api/activities/${meeting.id}/guests`, { add: [dean] }));
    expect(guests.attendees.find((x) => x.personId === dean)).toMatchObject({
      role: 'guest',
      mayVote: false,
    });
    await ok(
      await gsec.post(`/api/activities/${meeting.id}/start`, { version: await versionOf(meeting.id) }),
    );
    for (const personId of [...team, dean])
      await ok(
        await gsec.post(`/api/activities/${meeting.id}/attendance`, {
          personId,
          status: 'present',
          reason: '现场签到',
        }),
      );
    const voted = await gsec.put(`/api/activities/${meeting.id}/resolutions`, {
      version: await versionOf(meeting.id),
      items: [{ title: '调整专业设置', isVote: true, votesFor: 3, outcome: 'passed' }],
    });
    expect(voted.statusCode).toBe(400);
    expect(voted.json().message).toBe('第1项决议：党政联席会不进行表决');
    const decided = await ok(
      await gsec.put(`/api/activities/${meeting.id}/resolutions`, {
        version: await versionOf(meeting.id),
        items: [
          {
            title: '各支部10月底前完成专业人才培养方案修订',
            content: '由各教工党支部牵头，结合专业建设组织党员教师研讨',
            isVote: false,
            outcome: 'recorded',
          },
        ],
      }),
    );
    expect(decided.resolutions).toHaveLength(1);
    await ok(
      await gsec.patch(`/api/activities/${meeting.id}`, {
        minutes: '会议传达学习了有关重要论述，研究了专业建设工作。',
        version: await versionOf(meeting.id),
      }),
    );
    // The 第一议题 of May is missing until the meeting is archived.
    expect((await firstTopicFinding('2026-05'))?.state).toBe('open');
    meeting = await ok(
      await gsec.post(`/api/activities/${meeting.id}/close`, { version: await versionOf(meeting.id) }),
    );
    expect(meeting.status).toBe('closed');
  });

  it('counts for the 总支’s 第一议题 of its month', async () => {
    expect((await firstTopicFinding('2026-05'))?.state).toBe('resolved');
    expect((await firstTopicFinding('2026-04'))?.state).toBe('open');
  });

  it('prints as the 学院’s 党政联席会议记录, with the 列席 and the decisions', async () => {
    const res = await gsec.get(`/api/activities/${meeting.id}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '信息工程学院-2026-05-20-党政联席会议记录.docx',
    );
    const titles = titleParagraphXml(res.rawPayload).map((p) => p.replace(/<[^>]+>/g, ''));
    expect(titles).toEqual(['信息工程学院', '党政联席会议记录']);
    const text = docxText(res.rawPayload);
    expect(text).toContain('院长甲');
    expect(text).toContain('【第一议题】传达学习习近平总书记关于教育的重要论述');
    expect(text).toContain('决议1. 各支部10月底前完成专业人才培养方案修订');
  });

  it('has a sheet of its own in the 总支’s ledger', async () => {
    const res = await gsec.get(`/api/activities/ledger.xlsx?orgId=${tree.general.id}&year=2026`);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('党政联席会');
    expect(ws).toBeDefined();
    const values = (ws!.getRow(4).values as unknown[]).slice(1);
    expect(values[0]).toBe('2026-05-20');
    expect(values[2]).toBe('信息工程学院2026年5月党政联席会');
    expect(values).toContain('传达学习习近平总书记关于教育的重要论述');
    expect(values).toContain('各支部10月底前完成专业人才培养方案修订（不表决）');
  });
});

describe('a decision of the 党政联席会 supervised', () => {
  it('is given by the 总支 to a branch below it, which accepts it; a branch does not issue it', async () => {
    const body = {
      activityId: meeting.id,
      resolutionId: meeting.resolutions[0]!.id,
      title: '完成专业人才培养方案修订',
      content: '结合专业建设组织党员教师研讨',
      leadOrgId: tree.branchA.id,
      assistingOrgIds: [tree.branchB.id],
      deadline: '2026-10-31',
      cadence: 'monthly',
    };
    expect(
      (await secA.post('/api/supervised-tasks', { ...body, leadOrgId: tree.branchB.id })).statusCode,
    ).toBe(403);
    const outside = await gsec.post('/api/supervised-tasks', { ...body, leadOrgId: tree.other.id });
    expect(outside.statusCode).toBe(404);
    const task = await ok<SupervisedTaskDetail>(await gsec.post('/api/supervised-tasks', body), 201);
    expect(task.issuerOrg).toEqual({ id: tree.general.id, name: '信息学院党总支' });
    expect(task.activity).toMatchObject({ id: meeting.id, kindLabel: '党政联席会' });
    expect(task.abilities.accept).toBe(false);
    const seen = await ok<SupervisedTaskDetail>(await secA.get(`/api/supervised-tasks/${task.id}`));
    expect(seen.abilities.accept).toBe(true);
    await ok(await secA.post(`/api/supervised-tasks/${task.id}/transitions`, { transition: 'accept' }));
  });
});
