/**
 * Evidence of a rectification item read through the modules that own the records (issue 15, item 2): the steps
 * recorded on the dossiers of an org's branches (GET /api/recruitment/steps, scoped, searched by applicant, the
 * latest first) offered by the evidence picker; a dossier step, a term and a transfer linked as evidence, each
 * titled and dated by its own module, with the page that shows it; a record outside the scope answers like a
 * missing one.
 */
import type { RecruitmentStepPage, RectificationDetail } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { insertDossier, walk } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let gsec: Client;
let secA: Client;
let secB: Client;
let member: Client;
let item: RectificationDetail;
const ids = {} as { dossierA: number; dossierB: number; termA: number };
const missingId = 2_000_000_000;

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  ids.dossierA = (
    await insertDossier(t.db, {
      orgId: tree.branchA.id,
      name: '王申请',
      events: walk([
        ['application', '2025-09-01'],
        ['application_talk', '2025-09-15'],
        ['activist_designation', '2026-03-10'],
      ]),
    })
  ).id;
  await insertDossier(t.db, {
    orgId: tree.branchA.id,
    name: '李申请',
    events: walk([['application', '2026-05-06']]),
  });
  ids.dossierB = (
    await insertDossier(t.db, {
      orgId: tree.branchB.id,
      name: '赵申请',
      events: walk([['application', '2026-04-01']]),
    })
  ).id;
  ids.termA = await t.factory.term({ orgId: tree.branchA.id, start: '2026-06-01', end: '2029-05-31' });
  [gsec, secA, secB, member] = await Promise.all([
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'member', orgId: null }]),
  ]);
  const res = await gsec.post('/api/rectifications', {
    orgId: tree.branchA.id,
    source: 'upper_check',
    problem: '入党积极分子确定程序不规范，未经支委会研究',
    deadline: '2026-07-31',
  });
  expect(res.statusCode, res.body).toBe(201);
  item = res.json() as RectificationDetail;
});
afterAll(() => t?.close());

const steps = async (c: Client, query: string) => {
  const res = await c.get(`/api/recruitment/steps?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RecruitmentStepPage;
};

describe('GET /api/recruitment/steps: the dossier steps of an org', () => {
  it('lists the steps recorded under the org, the latest first, with the applicant and the branch', async () => {
    const page = await steps(secA, `orgId=${tree.branchA.id}`);
    expect(page.total).toBe(4);
    expect(page.items.map((s) => `${s.date} ${s.personName} ${s.no} ${s.label}`)).toEqual([
      '2026-05-06 李申请 1 递交入党申请书',
      '2026-03-10 王申请 3 推荐和确定入党积极分子',
      '2025-09-15 王申请 2 党组织派人谈话',
      '2025-09-01 王申请 1 递交入党申请书',
    ]);
    expect(page.items[1]).toMatchObject({ recruitmentId: ids.dossierA, orgName: '软件教工党支部' });
    // The 总支 sees its branches' steps; a page and an applicant's name narrow them.
    expect((await steps(gsec, `orgId=${tree.general.id}`)).total).toBe(5);
    const second = await steps(gsec, `orgId=${tree.general.id}&page=2&pageSize=2`);
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.items.map((s) => s.date)).toEqual(['2026-03-10', '2025-09-15']);
    expect((await steps(gsec, `orgId=${tree.general.id}&q=${encodeURIComponent('赵')}`)).items).toEqual([
      expect.objectContaining({ personName: '赵申请', recruitmentId: ids.dossierB }),
    ]);
  });

  it('answers an org outside the scope like a missing one, and 403 without the permission', async () => {
    const foreign = await secB.get(`/api/recruitment/steps?orgId=${tree.branchA.id}`);
    const missing = await secB.get(`/api/recruitment/steps?orgId=${missingId}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect((await member.get(`/api/recruitment/steps?orgId=${tree.branchA.id}`)).statusCode).toBe(403);
    const bad = await secA.get('/api/recruitment/steps');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('党支部');
  });
});

describe('evidence read through the owning modules', () => {
  it('a dossier step, a term: linked, titled and dated by their modules, with their pages', async () => {
    const [step] = (await steps(secA, `orgId=${tree.branchA.id}&q=${encodeURIComponent('王')}`)).items;
    const linkStep = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'recruitment_step',
      recordId: step!.id,
      note: '补开支委会研究确定',
    });
    expect(linkStep.statusCode, linkStep.body).toBe(201);
    const linkTerm = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'term',
      recordId: ids.termA,
    });
    expect(linkTerm.statusCode, linkTerm.body).toBe(201);
    const d = linkTerm.json() as RectificationDetail;
    expect(d.evidence).toEqual([
      expect.objectContaining({
        kind: 'recruitment_step',
        recordId: step!.id,
        title: '王申请：推荐和确定入党积极分子',
        date: '2026-03-10',
        path: `/recruitment/${ids.dossierA}`,
        note: '补开支委会研究确定',
      }),
      expect.objectContaining({
        kind: 'term',
        recordId: ids.termA,
        title: '软件教工党支部 第1届',
        date: '2026-06-01',
        path: `/orgs/${tree.branchA.id}`,
      }),
    ]);
    expect(d.events.filter((e) => e.kind === 'evidence_added').map((e) => e.note)).toEqual([
      '发展党员程序步骤：王申请：推荐和确定入党积极分子',
      '换届（届次）记录：软件教工党支部 第1届',
    ]);
  });

  it('a step of another branch’s dossier answers like a missing one', async () => {
    const [other] = (await steps(gsec, `orgId=${tree.branchB.id}`)).items;
    const foreign = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'recruitment_step',
      recordId: other!.id,
    });
    const missing = await secA.post(`/api/rectifications/${item.id}/evidence`, {
      kind: 'recruitment_step',
      recordId: missingId,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    expect(foreign.body).not.toContain('赵申请');
  });
});
