import {
  addDays,
  idNumberCheckChar,
  type MyRecruitment,
  publicNoticeEnd,
  type RecruitmentDetail,
  type RecruitmentPage,
  type RecruitmentStepResult,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxContentType } from '../src/http/download.ts';
import { hostileUploads, realDocx, realPdf, realPng } from './fixtures/uploads.ts';
import { closedGeneralMeeting, createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let group: { id: number };
let secA: Client;
let secB: Client;
let zzb: Client;
let leader: Client;
let full: number[];
let seq = 101;

/** A valid 身份证号 for a birth date (YYYYMMDD), each call a new one. */
function idFor(birth: string): string {
  seq += 2; // an odd sequence digit: male
  const body = `110101${birth}${seq}`;
  return body + idNumberCheckChar(body);
}

function applicant(name: string, birth = '19950505', extra: Record<string, unknown> = {}) {
  return { name, gender: 'male', idNumber: idFor(birth), category: 'staff', ...extra };
}

async function create(c: Client, body: Record<string, unknown>) {
  return c.post('/api/recruitment', { orgId: tree.branchA.id, ...body });
}
async function created(name: string, appliedOn: string): Promise<RecruitmentDetail> {
  const res = await create(secA, { applicant: applicant(name), appliedOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as RecruitmentDetail;
}
async function version(id: number): Promise<number> {
  return ((await secA.get(`/api/recruitment/${id}`)).json() as RecruitmentDetail).version;
}
async function step(c: Client, id: number, body: Record<string, unknown>) {
  return c.post(`/api/recruitment/${id}/steps`, { version: await version(id), ...body });
}
async function ok(c: Client, id: number, body: Record<string, unknown>): Promise<RecruitmentStepResult> {
  const res = await step(c, id, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RecruitmentStepResult;
}
/** A 5-working-day 公示 ending before `date`. */
function notice(date: string) {
  const startOn = addDays(date, -10);
  return { startOn, endOn: publicNoticeEnd(startOn, 5) };
}
const votes = (n: number) => ({
  entitled: n,
  presentEntitled: n,
  votesFor: n,
  votesAgainst: 0,
  abstentions: 0,
});
const violation = (res: { json: () => unknown }) =>
  res.json() as {
    code: string;
    message: string;
    details: {
      ruleId: string;
      violations: { ruleId: string; clause: { source: string; article: string } }[];
    };
  };

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2031-01-01T04:00:00Z')) });
  tree = await t.factory.tree();
  group = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '软件第一党小组' });
  full = await t.factory.people(tree.branchA.id, 5);
  secA = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  secB = await t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]);
  zzb = await t.as([{ role: 'org_admin', orgId: null }]);
  leader = await t.as([{ role: 'school_leader', orgId: null }]);
});
afterAll(() => t?.close());

describe('access and scope', () => {
  it('answers 401, 403 and 404 by role and scope on every route', async () => {
    const d = await created('范围甲', '2030-01-10');
    const a = t.anonymous;
    for (const [m, url] of [
      ['GET', '/api/recruitment'],
      ['GET', `/api/recruitment/${d.id}`],
      ['GET', '/api/me/recruitment'],
    ] as const)
      expect((await (m === 'GET' ? a.get(url) : a.post(url))).statusCode).toBe(401);
    expect((await a.post('/api/recruitment', {})).statusCode).toBe(401);

    // The school leader reads everything but writes nothing.
    expect((await leader.get(`/api/recruitment/${d.id}`)).statusCode).toBe(200);
    const leaderDetail = (await leader.get(`/api/recruitment/${d.id}`)).json() as RecruitmentDetail;
    expect(leaderDetail.abilities).toEqual({
      edit: false,
      approve: false,
      upload: false,
      viewSensitive: false,
    });
    expect(leaderDetail.person.idNumber).toMatch(/\*/);
    expect(
      (
        await leader.post('/api/recruitment', {
          applicant: applicant('校领导'),
          appliedOn: '2030-01-10',
          orgId: tree.branchA.id,
        })
      ).statusCode,
    ).toBe(403);
    expect((await step(leader, d.id, { step: 'application_talk', date: '2030-01-20' })).statusCode).toBe(403);
    expect((await leader.patch(`/api/recruitment/${d.id}`, { leavesOn: null, version: 0 })).statusCode).toBe(
      403,
    );

    // Another branch's secretary: 404 on the dossier, absent from the list, cannot open one in branch A.
    expect((await secB.get(`/api/recruitment/${d.id}`)).statusCode).toBe(404);
    expect((await step(secB, d.id, { step: 'application_talk', date: '2030-01-20' })).statusCode).toBe(404);
    expect((await secB.patch(`/api/recruitment/${d.id}`, { leavesOn: null, version: 0 })).statusCode).toBe(
      404,
    );
    expect((await secB.delete(`/api/recruitment/${d.id}/documents/1`)).statusCode).toBe(404);
    expect((await secB.get(`/api/recruitment/${d.id}/documents/1`)).statusCode).toBe(404);
    const listB = (await secB.get('/api/recruitment')).json() as RecruitmentPage;
    expect(listB.items.map((i) => i.id)).not.toContain(d.id);
    const res = await secB.post('/api/recruitment', {
      orgId: tree.branchA.id,
      applicant: applicant('越权'),
      appliedOn: '2030-01-10',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('党支部');

    // A 党总支 is not a branch.
    const gb = await zzb.post('/api/recruitment', {
      orgId: tree.general.id,
      applicant: applicant('总支'),
      appliedOn: '2030-01-10',
    });
    expect(gb.statusCode).toBe(422);
    expect(gb.json().message).toContain('党支部');

    const listA = (await secA.get('/api/recruitment?q=范围甲')).json() as RecruitmentPage;
    expect(listA.items).toHaveLength(1);
    expect(listA.items[0]).toMatchObject({
      org: { id: tree.branchA.id },
      generalBranch: { id: tree.general.id },
      currentStep: 'application',
      stage: 'application',
    });
  });
});

describe('create', () => {
  it('refuses a bad 身份证号, an under-18 applicant and a duplicate, writing nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('recruitment')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const good = idFor('19960101');
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const r1 = await create(secA, {
      applicant: { ...applicant('坏号码'), idNumber: bad },
      appliedOn: '2030-01-10',
    });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().message).toContain('身份证号');

    const young = idFor('20120301');
    const r2 = await create(secA, {
      applicant: { ...applicant('少年'), idNumber: young },
      appliedOn: '2030-02-28',
    });
    expect(r2.statusCode, r2.body).toBe(422);
    expect(violation(r2).details.ruleId).toBe('recruitment.applicant_age');
    expect(
      await t.db.selectFrom('person').select('id').where('id_number', '=', young).execute(),
    ).toHaveLength(0);
    expect(await count()).toBe(before);

    const a = applicant('重复');
    expect((await create(secA, { applicant: a, appliedOn: '2030-01-10' })).statusCode).toBe(201);
    const dup = await create(secA, { applicant: { ...a, name: '重复二' }, appliedOn: '2030-01-10' });
    expect(dup.statusCode).toBe(409);
    // The holder is in the secretary's scope, so it is named (the number itself is not echoed).
    expect(dup.json().message).toBe('身份证号：已登记为“重复”，请选择已有人员');

    // An existing member cannot apply; nor can someone with an open dossier.
    const member = await create(secA, { personId: full[0], appliedOn: '2030-01-10' });
    expect(member.statusCode).toBe(422);
    const person = (
      await t.db
        .selectFrom('person')
        .select('id')
        .where('id_number', '=', a.idNumber)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await create(secA, { personId: person, appliedOn: '2030-01-10' })).statusCode).toBe(409);
  });
});

describe('a 临时党支部', () => {
  it('cannot take an application (支部条例 第二章: 一般不发展党员): 422 with the clause, writing nothing', async () => {
    const temporary = await t.factory.org({
      parentId: tree.general.id,
      type: 'temporary_branch',
      name: '挂职临时党支部',
    });
    await t.factory.people(temporary.id, 3);
    const rows = async () => ({
      dossiers: (await t.db.selectFrom('recruitment').select('id').execute()).length,
      events: (await t.db.selectFrom('recruitment_event').select('id').execute()).length,
      people: (await t.db.selectFrom('person').select('id').execute()).length,
    });
    const before = await rows();
    const a = applicant('临时甲');
    const res = await zzb.post('/api/recruitment', {
      orgId: temporary.id,
      applicant: a,
      appliedOn: '2030-01-10',
    });
    expect(res.statusCode, res.body).toBe(422);
    const v = violation(res);
    expect(v.code).toBe('RULE_VIOLATION');
    expect(v.details.ruleId).toBe('recruitment.temporary_org');
    expect(v.message).toContain('临时党支部不能发展党员');
    expect(v.details.violations[0]?.clause).toMatchObject({ article: '第二章（临时党支部）' });
    expect(v.details.violations[0]?.clause.source).toContain('支部工作条例');
    expect(await rows()).toEqual(before);
    // The same applicant applies to their own unit's branch.
    expect((await create(zzb, { applicant: a, appliedOn: '2030-01-10' })).statusCode).toBe(201);
  });
});

describe('the procedure through the API', () => {
  it('takes an applicant from application to 正式党员, with the roster following', async () => {
    const d = await created('全程甲', '2027-09-10');
    const id = d.id;
    const personId = d.person.id;
    expect(d.expectedSteps).toEqual(['application_talk']);
    expect(d.dues[0]).toMatchObject({ kind: 'talk', dueOn: '2027-10-10' });

    // Skipping a step: 422 with the rule; a stale version: 409.
    const skip = await step(secA, id, {
      step: 'activist_designation',
      date: '2027-09-20',
      recommendation: 'member',
      publicNotice: null,
    });
    expect(skip.statusCode).toBe(422);
    expect(violation(skip).details.violations[0]?.ruleId).toBe('recruitment.step_order');
    const stale = await secA.post(`/api/recruitment/${id}/steps`, {
      step: 'application_talk',
      date: '2027-09-25',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);

    await ok(secA, id, { step: 'application_talk', date: '2027-09-25' });
    await ok(secA, id, {
      step: 'activist_designation',
      date: '2028-03-20',
      recommendation: 'member',
      publicNotice: notice('2028-03-20'),
    });
    // 备案 is the superior's: a branch secretary gets 403 naming the step.
    const filing = await step(secA, id, { step: 'activist_filing', date: '2028-03-21' });
    expect(filing.statusCode).toBe(403);
    expect(filing.json().message).toContain('上级党委备案');
    await ok(zzb, id, { step: 'activist_filing', date: '2028-03-21' });
    await ok(secA, id, { step: 'mentor_assignment', date: '2028-03-22', mentorIds: [full[0], full[1]] });
    await ok(secA, id, { step: 'activist_review', date: '2028-09-01' });
    await ok(secA, id, { step: 'activist_review', date: '2029-03-01' });

    // One year as activist: the day before the anniversary is refused with the rule and clause, the anniversary passes.
    const early = await step(secA, id, {
      step: 'candidate_designation',
      date: '2029-03-19',
      publicNotice: notice('2029-03-19'),
    });
    expect(early.statusCode).toBe(422);
    const v = violation(early);
    expect(v.code).toBe('RULE_VIOLATION');
    expect(v.details.violations[0]).toMatchObject({
      ruleId: 'recruitment.candidate_too_early',
      kind: 'national',
    });
    expect(v.details.violations[0]?.clause.article).toBeTruthy();
    await ok(secA, id, {
      step: 'candidate_designation',
      date: '2029-03-20',
      publicNotice: notice('2029-03-20'),
    });
    await ok(zzb, id, { step: 'candidate_filing', date: '2029-03-21' });
    await ok(secA, id, { step: 'sponsor_assignment', date: '2029-03-22', sponsorIds: [full[0], full[1]] });
    await ok(secA, id, { step: 'political_review', date: '2029-04-01', passed: true });
    await ok(secA, id, { step: 'training', date: '2029-04-10', days: 3, hours: 24 });
    await ok(secA, id, { step: 'committee_review', date: '2029-04-15' });
    await ok(zzb, id, { step: 'pre_examination', date: '2029-04-20', passed: true });
    await ok(secA, id, { step: 'application_form', date: '2029-04-25' });

    // A 支部大会 record whose attendance disagrees with the counts is refused.
    const meeting = await closedGeneralMeeting(t.db, {
      orgId: tree.branchA.id,
      onDate: '2029-05-10',
      present: full,
    });
    const wrong = await step(secA, id, {
      step: 'admission_meeting',
      date: '2029-05-10',
      activityId: meeting,
      votes: votes(6),
      publicNotice: notice('2029-05-10'),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().message).toContain('支部党员大会记录');
    await ok(secA, id, {
      step: 'admission_meeting',
      date: '2029-05-10',
      activityId: meeting,
      votes: votes(5),
      publicNotice: notice('2029-05-10'),
    });
    await ok(secA, id, { step: 'superior_talk', date: '2029-05-20', talkerRole: 'organiser' });
    const approval = { step: 'admission_approval', date: '2029-06-01', approved: true };
    expect((await step(secA, id, approval)).statusCode).toBe(403);
    const approved = await ok(zzb, id, approval);
    expect(approved.dossier).toMatchObject({ probationStartOn: '2029-05-10', probationEndOn: '2030-05-10' });

    const asMember = (await secA.get(`/api/members/${personId}`)).json();
    expect(asMember).toMatchObject({
      partyStatus: 'probationary',
      joinedOn: '2029-05-10',
      confirmedOn: null,
      orgId: tree.branchA.id,
    });

    await ok(zzb, id, { step: 'admission_filing', date: '2029-06-05' });
    await ok(secA, id, { step: 'group_placement', date: '2029-06-10', groupId: group.id });
    expect((await secA.get(`/api/members/${personId}`)).json()).toMatchObject({ orgId: group.id });
    await ok(secA, id, { step: 'oath', date: '2029-06-15' });
    await ok(secA, id, { step: 'probation_review', date: '2029-12-01' });
    await ok(secA, id, { step: 'confirmation_application', date: '2030-05-01' });
    await ok(secA, id, {
      step: 'confirmation_meeting',
      date: '2030-05-10',
      decision: 'confirm',
      votes: votes(5),
      publicNotice: notice('2030-05-10'),
    });
    expect((await step(secA, id, { step: 'confirmation_approval', date: '2030-05-20' })).statusCode).toBe(
      403,
    );
    await ok(zzb, id, { step: 'confirmation_approval', date: '2030-05-20' });
    const confirmed = (await secA.get(`/api/members/${personId}`)).json();
    expect(confirmed).toMatchObject({
      partyStatus: 'full',
      joinedOn: '2029-05-10',
      confirmedOn: '2030-05-10',
    });
    const done = await ok(secA, id, { step: 'archiving', date: '2030-05-25' });
    expect(done.dossier).toMatchObject({
      outcome: 'confirmed',
      confirmedOn: '2030-05-10',
      expectedSteps: [],
    });
    expect(done.dossier.abilities.edit).toBe(false);
    expect(done.dossier.history).toHaveLength(26);
    // Every material can be produced, each 公示 apart, all dated by their recorded steps.
    expect(
      done.dossier.materials.map((m: { label: string; available: boolean; onDate: string | null }) => [
        m.label,
        m.available,
        m.onDate,
      ]),
    ).toEqual([
      ['入党申请人谈话记录', true, '2027-09-25'],
      ['发展党员公示（入党积极分子）', true, notice('2028-03-20').startOn],
      ['发展党员公示（发展对象）', true, notice('2029-03-20').startOn],
      ['发展党员公示（中共预备党员）', true, notice('2029-05-10').startOn],
      ['发展党员公示（中共正式党员）', true, notice('2030-05-10').startOn],
      ['政治审查综合材料', true, '2029-04-01'],
      ['接收预备党员审批表', true, '2029-05-10'],
      ['预备党员转正审批表', true, '2030-05-10'],
    ]);
    const meetingEntry = done.dossier.history.find((h) => h.step === 'admission_meeting');
    expect(meetingEntry?.activity?.id).toBe(meeting);
    expect(meetingEntry?.details.map((x) => x.label)).toEqual(['表决', '公示']);
    expect(meetingEntry?.details[0]?.value).toContain('赞成 5 票');
    expect(done.dossier.history.find((h) => h.step === 'mentor_assignment')?.details[0]?.label).toBe(
      '培养联系人',
    );

    // Closed: no more steps.
    expect((await step(secA, id, { step: 'archiving', date: '2030-05-26' })).statusCode).toBe(422);
    // Every accepted step was audited.
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'recruitment.step')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(25);
  });

  it('warns of a talk later than a calendar month and accepts one within it', async () => {
    // March has 31 days: from 03-10 the talk is due by 04-10 (31 days) — no warning.
    const march = await created('三月申请', '2027-03-10');
    const r1 = await ok(secA, march.id, { step: 'application_talk', date: '2027-04-10' });
    expect(r1.warnings).toEqual([]);
    // April has 30 days: 29 days after 04-10 is fine, 31 days after is late (a warning, the step is kept).
    const april = await created('四月申请', '2027-04-10');
    const late = await ok(secA, april.id, { step: 'application_talk', date: '2027-05-11' });
    expect(late.warnings.map((w) => w.ruleId)).toEqual(['recruitment.talk_late']);
    expect(late.dossier.history.at(-1)?.warnings.map((w) => w.ruleId)).toEqual(['recruitment.talk_late']);
    const april2 = await created('四月申请二', '2027-04-10');
    expect((await ok(secA, april2.id, { step: 'application_talk', date: '2027-05-09' })).warnings).toEqual(
      [],
    );
  });

  it('waives a local rule with a reason and keeps it; refuses to waive a national one', async () => {
    const d = await created('豁免甲', '2027-09-10');
    const national = await step(secA, d.id, {
      step: 'application_talk',
      date: '2027-09-20',
      override: { ruleIds: ['recruitment.talk_late'], reason: '试图豁免' },
    });
    expect(national.statusCode).toBe(422);
    expect(violation(national).details.violations.map((x) => x.ruleId)).toContain(
      'recruitment.override_refused',
    );
    await ok(secA, d.id, { step: 'application_talk', date: '2027-09-20' });

    const tooEarly = {
      step: 'activist_designation',
      date: '2027-11-01',
      recommendation: 'league',
      publicNotice: notice('2027-11-01'),
    };
    const refused = await step(secA, d.id, tooEarly);
    expect(refused.statusCode).toBe(422);
    expect(violation(refused).details.violations[0]).toMatchObject({
      ruleId: 'recruitment.activist_too_early',
      kind: 'local',
    });
    const waived = await ok(secA, d.id, {
      ...tooEarly,
      override: { ruleIds: ['recruitment.activist_too_early'], reason: '经党委研究同意提前确定' },
    });
    const entry = waived.dossier.history.at(-1);
    expect(entry?.overrides).toEqual([
      {
        ruleId: 'recruitment.activist_too_early',
        title: expect.any(String),
        reason: '经党委研究同意提前确定',
      },
    ]);
    expect(entry?.details[0]).toEqual({ label: '推荐方式', value: '群团组织推优' });
  });

  it('changes the leaving date with the version and filters the list by deadline', async () => {
    const d = await created('期限甲', '2030-12-01');
    // Today is 2031-01-01: the talk was due 2031-01-01 — due today, reminding, not overdue.
    const soon = (await secA.get('/api/recruitment?due=soon&q=期限甲')).json() as RecruitmentPage;
    expect(soon.items.map((i) => i.id)).toEqual([d.id]);
    expect(soon.items[0]?.nextDue).toMatchObject({ kind: 'talk', overdue: false, reminding: true });
    expect(soon.items[0]?.daysInStage).toBe(31);
    const overdue = (await secA.get('/api/recruitment?due=overdue')).json() as RecruitmentPage;
    expect(overdue.items.map((i) => i.id)).not.toContain(d.id);
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.nextDue !== null)).toBe(true);

    const patched = await secA.patch(`/api/recruitment/${d.id}`, {
      leavesOn: '2032-06-30',
      version: d.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ leavesOn: '2032-06-30', version: d.version + 1 });
    expect(
      (await secA.patch(`/api/recruitment/${d.id}`, { leavesOn: null, version: d.version })).statusCode,
    ).toBe(409);
  });
});

describe('withdrawal', () => {
  it('closes the dossier with the reason and lets the person apply again later', async () => {
    const d = await created('撤回甲', '2030-03-01');
    const res = await ok(secA, d.id, { step: 'withdrawal', date: '2030-03-05', reason: '本人申请撤回' });
    expect(res.dossier).toMatchObject({ outcome: 'withdrawn', expectedSteps: [], dues: [] });
    expect(res.dossier.history.at(-1)).toMatchObject({
      step: 'withdrawal',
      no: 0,
      details: [{ label: '撤回理由', value: '本人申请撤回' }],
    });
    const row = await t.db
      .selectFrom('recruitment')
      .select(['closed_on', 'outcome'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ closed_on: '2030-03-05', outcome: 'withdrawn' });
    expect((await secA.get('/api/recruitment?q=撤回甲')).json().total).toBe(0);
    expect((await secA.get('/api/recruitment?q=撤回甲&outcome=all')).json().total).toBe(1);
    const again = await create(secA, { personId: d.person.id, appliedOn: '2030-09-01' });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('documents', () => {
  const upload = (c: Client, url: string, body: Buffer) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const pdf = Buffer.from('%PDF-1.4\n入党申请书\n%%EOF');

  it('uploads, downloads and deletes; refuses a fake type and deleting a document a step names', async () => {
    const d = await created('材料甲', '2030-06-01');
    const q = `kind=application_letter&fileName=${encodeURIComponent('入党申请书.pdf')}&onDate=2030-06-01`;
    expect((await upload(secB, `/api/recruitment/${d.id}/documents?${q}`, pdf)).statusCode).toBe(404);
    const res = await upload(secA, `/api/recruitment/${d.id}/documents?${q}`, pdf);
    expect(res.statusCode, res.body).toBe(201);
    const doc = (res.json() as RecruitmentDetail).documents[0]!;
    expect(doc).toMatchObject({
      kind: 'application_letter',
      title: '入党申请书',
      mimeType: 'application/pdf',
    });
    const fake = await upload(secA, `/api/recruitment/${d.id}/documents?kind=other&fileName=x.png`, pdf);
    expect(fake.statusCode).toBe(415);

    const got = await secA.get(`/api/recruitment/${d.id}/documents/${doc.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('入党申请书.pdf')}`,
    );

    // A document named by a step cannot be deleted; an unnamed one can.
    await ok(secA, d.id, { step: 'application_talk', date: '2030-06-10', documentIds: [doc.id] });
    expect((await secA.delete(`/api/recruitment/${d.id}/documents/${doc.id}`)).statusCode).toBe(409);
    const other = (
      await upload(
        secA,
        `/api/recruitment/${d.id}/documents?kind=report&fileName=note.txt`,
        Buffer.from('谈话要点'),
      )
    ).json() as RecruitmentDetail;
    const note = other.documents.find((x) => x.fileName === 'note.txt')!;
    expect((await leader.delete(`/api/recruitment/${d.id}/documents/${note.id}`)).statusCode).toBe(403);
    expect((await secA.delete(`/api/recruitment/${d.id}/documents/${note.id}`)).statusCode).toBe(200);
    expect((await secA.get(`/api/recruitment/${d.id}/documents/${note.id}`)).statusCode).toBe(404);
    const detail = (await secA.get(`/api/recruitment/${d.id}`)).json() as RecruitmentDetail;
    expect(detail.history.at(-1)?.documents).toEqual([{ id: doc.id, name: '入党申请书' }]);
    // A document of another dossier cannot be named by a step.
    const e = await created('材料乙', '2030-06-01');
    expect(
      (await step(secA, e.id, { step: 'application_talk', date: '2030-06-10', documentIds: [doc.id] }))
        .statusCode,
    ).toBe(400);
  });

  it('judges files by content on both upload routes; real files are served with their detected type', async () => {
    const d = await created('材料丙', '2030-11-01');
    const me = await t.as([{ role: 'member', orgId: null }], { personId: d.person.id });
    for (const { what, content, names } of hostileUploads)
      for (const fileName of names) {
        const name = encodeURIComponent(fileName);
        const routes = [
          {
            c: secA,
            url: `/api/recruitment/${d.id}/documents?kind=other&fileName=${name}&onDate=2030-11-01`,
          },
          { c: me, url: `/api/me/recruitment/documents?kind=thought_report&fileName=${name}` },
        ];
        for (const { c, url } of routes) {
          const res = await upload(c, url, content);
          expect(res.statusCode, `${what} as ${fileName}: ${url}`).toBe(415);
          expect(res.json().message).toMatch(/^文件：/);
        }
      }
    const docx = await realDocx('思想汇报');
    const accepted = [
      { fileName: '申请书.pdf', body: realPdf, type: 'application/pdf' },
      { fileName: '照片.png', body: realPng, type: 'image/png' },
      { fileName: '汇报.docx', body: docx, type: docxContentType },
    ];
    for (const f of accepted) {
      const q = `kind=other&fileName=${encodeURIComponent(f.fileName)}&onDate=2030-11-01`;
      const res = await upload(secA, `/api/recruitment/${d.id}/documents?${q}`, f.body);
      expect(res.statusCode, res.body).toBe(201);
      const doc = (res.json() as RecruitmentDetail).documents.find((x) => x.fileName === f.fileName)!;
      expect(doc.mimeType).toBe(f.type);
      const got = await secA.get(`/api/recruitment/${d.id}/documents/${doc.id}`);
      expect(got.headers['content-type']).toBe(f.type);
      expect(got.headers['content-disposition']).toMatch(/^attachment;/);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.rawPayload.equals(f.body)).toBe(true);
    }
    const own = await upload(me, `/api/me/recruitment/documents?kind=thought_report&fileName=r.docx`, docx);
    expect(own.statusCode, own.body).toBe(201);
  });

  it('shows the applicant their own dossier and takes their 思想汇报', async () => {
    const none = await t.as([{ role: 'member', orgId: null }]);
    const empty = await none.get('/api/me/recruitment');
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toBeNull();

    const d = await created('本人甲', '2030-11-01');
    const me = await t.as([{ role: 'member', orgId: null }], { personId: d.person.id });
    const mine = (await me.get('/api/me/recruitment')).json() as MyRecruitment;
    expect(mine).toMatchObject({ id: d.id, outcome: 'in_progress', currentStep: 'application' });
    expect(mine.done).toEqual([{ step: 'application', no: 1, label: '递交入党申请书', date: '2030-11-01' }]);
    expect(mine.next.map((n) => n.step)).toEqual(['application_talk']);
    expect(mine.dues[0]).toMatchObject({ kind: 'talk', overdue: true });

    const q = `kind=thought_report&fileName=${encodeURIComponent('思想汇报.txt')}`;
    const res = await upload(me, `/api/me/recruitment/documents?${q}`, Buffer.from('我的思想汇报'));
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as MyRecruitment).documents[0]).toMatchObject({
      kind: 'thought_report',
      onDate: '2031-01-01',
    });
    expect(
      (await upload(me, '/api/me/recruitment/documents?kind=report&fileName=a.txt', Buffer.from('x')))
        .statusCode,
    ).toBe(400);
    expect((await upload(none, `/api/me/recruitment/documents?${q}`, Buffer.from('x'))).statusCode).toBe(404);
    // The member cannot read the dossier through the secretaries' route.
    expect((await me.get(`/api/recruitment/${d.id}`)).statusCode).toBe(403);
  });
});
