/**
 * The end of the procedure through the API: superior approval (its window, refusal), 编入党小组, the 预备期
 * and its extension, 取消预备党员资格, withdrawal, the 培养联系人 and 公示 rules, and concurrent steps. Dossiers
 * start from fixtures replayed by packages/core (recruitment-fixtures.ts) and go on through POST …/steps.
 */
import {
  addDays,
  publicNoticeEnd,
  type RecruitmentDetail,
  type RecruitmentEvent,
  type RecruitmentStepResult,
  type RuleSettings,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { eventFor, insertDossier, toAdmissionMeeting, walk } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Violation = {
  code: string;
  message: string;
  details: {
    ruleId: string;
    violations: { ruleId: string; field: string; clause: { source: string; article: string } }[];
    fields: { path: string; message: string }[];
  };
};

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let groupA: { id: number };
let groupB: { id: number };
let secA: Client;
let zzb: Client;
let full: number[];

/** 支部大会 resolution of the fixture path: the 预备期 runs 2026-04-20 → 2027-04-20. */
const resolution = '2026-04-20';
const votes = { entitled: 5, presentEntitled: 5, votesFor: 5, votesAgainst: 0, abstentions: 0 };
/** A 公示 of `days` working days ending the day before `date`. */
function notice(date: string, days = 5) {
  let startOn = addDays(date, -1);
  while (publicNoticeEnd(startOn, days) >= date) startOn = addDays(startOn, -1);
  return { startOn, endOn: publicNoticeEnd(startOn, days) };
}

/** A dossier replayed up to (and including) `upTo` of the fixture path, then 上级党委派人谈话 when asked. */
async function dossier(upTo: string, withTalk = false): Promise<{ id: number; personId: number }> {
  const path = toAdmissionMeeting.slice(0, toAdmissionMeeting.findIndex(([s]) => s === upTo) + 1);
  const events: RecruitmentEvent[] = walk(path, full);
  if (withTalk) events.push(eventFor('superior_talk', '2026-04-25'));
  return insertDossier(t.db, { orgId: tree.branchA.id, events });
}
const admitted = () => dossier('admission_meeting', true);

async function detail(id: number): Promise<RecruitmentDetail> {
  return (await secA.get(`/api/recruitment/${id}`)).json() as RecruitmentDetail;
}
async function step(c: Client, id: number, body: Record<string, unknown>) {
  return c.post(`/api/recruitment/${id}/steps`, { version: (await detail(id)).version, ...body });
}
async function ok(c: Client, id: number, body: Record<string, unknown>): Promise<RecruitmentStepResult> {
  const res = await step(c, id, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RecruitmentStepResult;
}
/** A refused step: 422 with the rule (and its clause) named; returns the body. */
async function refused(c: Client, id: number, body: Record<string, unknown>, ruleId: string) {
  const res = await step(c, id, body);
  expect(res.statusCode, res.body).toBe(422);
  const v = res.json() as Violation;
  expect(v.code).toBe('RULE_VIOLATION');
  expect(v.details.violations.map((x) => x.ruleId)).toContain(ruleId);
  expect(v.details.violations[0]?.clause.article).toBeTruthy();
  return v;
}
const personRow = (id: number) =>
  t.db
    .selectFrom('person')
    .select(['party_status', 'org_id', 'joined_on', 'confirmed_on'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const personEvents = (id: number) =>
  t.db
    .selectFrom('person_event')
    .select(['kind', 'on_date', 'summary'])
    .where('person_id', '=', id)
    .orderBy('id')
    .execute();
const eventCount = async (id: number) =>
  (await t.db.selectFrom('recruitment_event').select('seq').where('recruitment_id', '=', id).execute())
    .length;

/** Approval on 2026-06-01, 备案, 编入 (no group), 宣誓, 考察, 转正申请 on `applyOn`. */
async function toConfirmationApplication(id: number, applyOn: string) {
  await ok(zzb, id, { step: 'admission_approval', date: '2026-06-01', approved: true });
  await ok(zzb, id, { step: 'admission_filing', date: '2026-06-05' });
  await ok(secA, id, { step: 'group_placement', date: '2026-06-10' });
  await ok(secA, id, { step: 'oath', date: '2026-06-15' });
  await ok(secA, id, { step: 'probation_review', date: '2026-12-01' });
  await ok(secA, id, { step: 'confirmation_application', date: applyOn });
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2028-06-01T04:00:00Z')) });
  tree = await t.factory.tree();
  groupA = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '软件第一党小组' });
  groupB = await t.factory.org({ parentId: tree.branchB.id, type: 'group', name: '网络第一党小组' });
  full = await t.factory.people(tree.branchA.id, 5);
  secA = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  zzb = await t.as([{ role: 'org_admin', orgId: null }]);
});
afterAll(() => t?.close());

describe('延长预备期', () => {
  it('refuses a meeting before the 预备期 ends and 5 or 13 months; extends 6 months, then confirms at the new end', async () => {
    const d = await admitted();
    await toConfirmationApplication(d.id, '2027-04-01');
    expect(await detail(d.id)).toMatchObject({ probationStartOn: resolution, probationEndOn: '2027-04-20' });

    const early = await refused(
      secA,
      d.id,
      {
        step: 'confirmation_meeting',
        date: '2027-04-19',
        decision: 'confirm',
        votes,
        publicNotice: notice('2027-04-19'),
      },
      'recruitment.probation_not_ended',
    );
    expect(early.message).toContain('2027-04-20');
    const extend = {
      step: 'confirmation_meeting',
      date: '2027-04-20',
      decision: 'extend',
      votes,
      publicNotice: null,
    };
    for (const months of [5, 13]) {
      const v = await refused(
        secA,
        d.id,
        { ...extend, extensionMonths: months },
        'recruitment.extension_invalid',
      );
      expect(v.details.ruleId).toBe('recruitment.extension_invalid');
      expect(v.message).toContain('延长月数');
    }
    expect(await eventCount(d.id)).toBe(23);

    await ok(secA, d.id, { ...extend, extensionMonths: 6 });
    const approved = await ok(zzb, d.id, { step: 'confirmation_approval', date: '2027-05-01' });
    expect(approved.dossier).toMatchObject({
      outcome: 'in_progress',
      probationStartOn: resolution,
      probationEndOn: '2027-10-20',
      extensionMonths: 6,
      confirmedOn: null,
      expectedSteps: ['probation_review', 'confirmation_application'],
    });
    expect(approved.dossier.history.at(-2)?.details).toContainEqual({ label: '延长月数', value: '6 个月' });
    expect((await secA.get(`/api/members/${d.personId}`)).json()).toMatchObject({
      partyStatus: 'probationary',
      joinedOn: resolution,
      confirmedOn: null,
    });
    expect((await personEvents(d.personId)).at(-1)).toMatchObject({ kind: 'updated', on_date: '2027-05-01' });
    expect((await personEvents(d.personId)).at(-1)?.summary).toContain('2027-10-20');

    // The 预备期 was extended once: a meeting before the new end is refused, a second extension too.
    await ok(secA, d.id, { step: 'probation_review', date: '2027-07-01' });
    await ok(secA, d.id, { step: 'confirmation_application', date: '2027-10-10' });
    await refused(
      secA,
      d.id,
      {
        step: 'confirmation_meeting',
        date: '2027-10-19',
        decision: 'confirm',
        votes,
        publicNotice: notice('2027-10-19'),
      },
      'recruitment.probation_not_ended',
    );
    await refused(
      secA,
      d.id,
      { ...extend, date: '2027-10-20', extensionMonths: 6 },
      'recruitment.extension_invalid',
    );
    await ok(secA, d.id, {
      step: 'confirmation_meeting',
      date: '2027-10-20',
      decision: 'confirm',
      votes,
      publicNotice: notice('2027-10-20'),
    });
    const confirmed = await ok(zzb, d.id, { step: 'confirmation_approval', date: '2027-10-25' });
    expect(confirmed.dossier).toMatchObject({ confirmedOn: '2027-10-20', expectedSteps: ['archiving'] });
    expect((await secA.get(`/api/members/${d.personId}`)).json()).toMatchObject({
      partyStatus: 'full',
      joinedOn: resolution,
      confirmedOn: '2027-10-20',
    });
    expect((await personEvents(d.personId)).at(-1)).toMatchObject({
      kind: 'status_confirmed',
      on_date: '2027-10-20',
    });
  });
});

describe('取消预备党员资格', () => {
  it('takes the person off the roster on approval and closes the dossier', async () => {
    const d = await admitted();
    await toConfirmationApplication(d.id, '2026-12-10');
    await ok(secA, d.id, {
      step: 'confirmation_meeting',
      date: '2026-12-20',
      decision: 'revoke',
      votes,
      publicNotice: null,
    });
    // Until the superior approves, the person is still a 预备党员.
    expect((await personRow(d.personId)).party_status).toBe('probationary');
    const res = await ok(zzb, d.id, { step: 'confirmation_approval', date: '2027-01-05' });
    expect(res.dossier).toMatchObject({ outcome: 'revoked', expectedSteps: [], abilities: { edit: false } });
    expect(await personRow(d.personId)).toMatchObject({ party_status: null, org_id: null });
    expect((await secA.get(`/api/members/${d.personId}`)).statusCode).toBe(404);
    expect((await zzb.get(`/api/members/${d.personId}`)).statusCode).toBe(404);
    expect((await personEvents(d.personId)).map((e) => e.kind)).toEqual(['created', 'left']);

    const closed = await refused(
      secA,
      d.id,
      { step: 'archiving', date: '2027-01-10' },
      'recruitment.procedure_closed',
    );
    expect(closed.details.ruleId).toBe('recruitment.procedure_closed');
    await refused(
      secA,
      d.id,
      { step: 'withdrawal', date: '2027-01-10', reason: '本人申请' },
      'recruitment.procedure_closed',
    );
  });
});

describe('上级党委审批', () => {
  it('not approved: the dossier ends as not_admitted and the person never enters the roster', async () => {
    const d = await admitted();
    const res = await ok(zzb, d.id, { step: 'admission_approval', date: '2026-06-01', approved: false });
    expect(res.dossier).toMatchObject({ outcome: 'not_admitted', probationStartOn: null, expectedSteps: [] });
    expect(res.dossier.history.at(-1)?.details).toContainEqual({ label: '审批结论', value: '不批准' });
    expect(await personRow(d.personId)).toMatchObject({ party_status: null, org_id: null, joined_on: null });
    expect(await personEvents(d.personId)).toEqual([]);
    expect((await zzb.get(`/api/members/${d.personId}`)).statusCode).toBe(404);
  });

  it('refuses approval 3 months + 1 day after the resolution without a reason; accepts it with one up to 6 months', async () => {
    const d = await admitted();
    const late = { step: 'admission_approval', date: '2026-07-21', approved: true };
    const v = await refused(zzb, d.id, late, 'recruitment.approval_window');
    expect(v.details.fields.map((f) => f.path)).toContain('specialReason');
    await refused(
      zzb,
      d.id,
      { ...late, date: '2026-10-21', specialReason: '暑假期间党委会未能召开' },
      'recruitment.approval_window',
    );
    expect(await eventCount(d.id)).toBe(17);
    const res = await ok(zzb, d.id, { ...late, specialReason: '暑假期间党委会未能召开' });
    expect(res.dossier.history.at(-1)?.details).toContainEqual({
      label: '特殊情况说明',
      value: '暑假期间党委会未能召开',
    });
    expect(res.dossier).toMatchObject({ probationStartOn: resolution, probationEndOn: '2027-04-20' });
    expect(await personRow(d.personId)).toMatchObject({
      party_status: 'probationary',
      org_id: tree.branchA.id,
      joined_on: resolution,
    });
    expect((await personEvents(d.personId)).map((e) => e.kind)).toEqual(['created']);
  });

  it('places the 预备党员 in a 党小组 of the branch only; another branch’s group is refused and changes nothing', async () => {
    const d = await admitted();
    await ok(zzb, d.id, { step: 'admission_approval', date: '2026-06-01', approved: true });
    await ok(zzb, d.id, { step: 'admission_filing', date: '2026-06-05' });
    const before = await detail(d.id);
    const res = await step(secA, d.id, { step: 'group_placement', date: '2026-06-10', groupId: groupB.id });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().message).toContain('党小组');
    expect((res.json() as Violation).details.fields[0]?.path).toBe('groupId');
    expect((await detail(d.id)).version).toBe(before.version);
    expect(await eventCount(d.id)).toBe(19);
    expect((await personRow(d.personId)).org_id).toBe(tree.branchA.id);

    await ok(secA, d.id, { step: 'group_placement', date: '2026-06-10', groupId: groupA.id });
    expect((await personRow(d.personId)).org_id).toBe(groupA.id);
    expect((await personEvents(d.personId)).map((e) => e.kind)).toEqual(['created', 'updated']);
  });
});

describe('withdrawal', () => {
  it('is accepted before the approval and refused after it', async () => {
    const before = await admitted();
    const res = await ok(secA, before.id, {
      step: 'withdrawal',
      date: '2026-05-01',
      reason: '本人书面申请撤回',
    });
    expect(res.dossier).toMatchObject({ outcome: 'withdrawn', expectedSteps: [] });
    expect(await personRow(before.personId)).toMatchObject({ party_status: null, org_id: null });

    const after = await admitted();
    await ok(zzb, after.id, { step: 'admission_approval', date: '2026-06-01', approved: true });
    await refused(
      secA,
      after.id,
      { step: 'withdrawal', date: '2026-06-02', reason: '本人书面申请撤回' },
      'recruitment.step_order',
    );
  });
});

describe('培养联系人', () => {
  it('refuses a mentor who was a 预备党员 on the day, even if full now', async () => {
    const d = await dossier('activist_filing');
    const probationary = await t.factory.person({ orgId: tree.branchA.id, status: 'probationary' });
    const laterFull = await t.factory.person({ orgId: tree.branchA.id });
    await t.db
      .updateTable('person')
      .set({ confirmed_on: '2025-01-01' })
      .where('id', '=', laterFull)
      .execute();
    const mentor = { step: 'mentor_assignment', date: '2024-09-15' };
    for (const other of [probationary, laterFull]) {
      const v = await refused(secA, d.id, { ...mentor, mentorIds: [full[0], other] }, 'recruitment.mentors');
      expect(v.message).toContain('培养联系人');
      expect(v.message).toContain('正式党员');
    }
    await ok(secA, d.id, { ...mentor, mentorIds: [full[0]] });
  });
});

describe('公示', () => {
  it('needs the configured number of working days; the setting is read at each step', async () => {
    const designate = (days: number) => ({
      step: 'activist_designation',
      date: '2024-09-10',
      recommendation: 'member',
      publicNotice: notice('2024-09-10', days),
    });
    const d = await dossier('application_talk');
    const v = await refused(secA, d.id, designate(4), 'recruitment.public_notice');
    expect(v.message).toContain('5个工作日');
    await ok(secA, d.id, designate(5));

    const settings = (await zzb.get('/api/settings/rules')).json() as RuleSettings;
    const put = await zzb.put('/api/settings/rules', { ...settings, publicNoticeWorkingDays: 7 });
    expect(put.statusCode, put.body).toBe(200);
    const e = await dossier('application_talk');
    const v7 = await refused(secA, e.id, designate(5), 'recruitment.public_notice');
    expect(v7.message).toContain('7个工作日');
    await ok(secA, e.id, designate(7));
    expect((await zzb.put('/api/settings/rules', settings)).statusCode).toBe(200);
  });
});

describe('concurrent steps', () => {
  it('lets exactly one of two steps with the same version land', async () => {
    const d = await dossier('application');
    const { version } = await detail(d.id);
    const body = { step: 'application_talk', date: '2024-03-10', version };
    const answers = await Promise.all([
      secA.post(`/api/recruitment/${d.id}/steps`, body),
      secA.post(`/api/recruitment/${d.id}/steps`, { ...body, date: '2024-03-11' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await eventCount(d.id)).toBe(2);
    expect((await detail(d.id)).version).toBe(version + 1);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'recruitment.step')
      .where('target_id', '=', String(d.id))
      .execute();
    expect(audits).toHaveLength(1);
  });
});
