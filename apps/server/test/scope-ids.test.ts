/**
 * Every id a request names — in its body or its query — is checked against the caller's scope, and an id
 * outside the scope answers exactly like an id that does not exist (same status, code and message; no name).
 * The test walks the route table: every route whose body or query has id fields (keys ending in Id/Ids, at
 * any depth) must have an entry in `cases` below, field by field, or the test fails — so a new route or a
 * new id field is covered as soon as it exists.
 */
import { idNumberCheckChar, type RecruitmentEvent } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { closedGeneralMeeting, createTestApp, type TestApp } from './helpers.ts';
import { idFieldsOf } from './id-fields.ts';
import { insertDossier, passingVotes } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A valid id that no row has. */
const missingId = 2_000_000_000;
const today = '2026-06-15';

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let secA: Client;
let generalSec: Client;
/** Everything the foreign ids belong to, to check no answer names them. */
const foreignNames = ['乙支部甲', '乙支部乙', '乙申请人', '图书馆丙', '网络学生党支部', '乙党小组'];

const f = {} as {
  a: number[];
  groupA: number;
  groupB: number;
  b1: number;
  b2: number;
  bApplicant: number;
  bApplicantIdNumber: string;
  dossierA: number;
  docB: number;
  meetingB: number;
  plannedA: number;
  heldA: number;
  termA: number;
  termB: number;
  incomingA: { id: number; version: number };
  alertKeyA: string;
  rectificationA: number;
  workMeetingG: number;
  committeeMeeting: number;
  committeeResolution: number;
  taskG: number;
  campaignB: number;
  otherPerson: number;
  courseA: number;
};

let seq = 40;
let letters = 0;
function idFor(birth = '1995-03-15'): string {
  seq += 1;
  const body = `110105${birth.replaceAll('-', '')}${String(seq % 100).padStart(2, '0')}1`;
  return `${body}${idNumberCheckChar(body)}`;
}

/** A valid new member record placed in `orgId`. */
const member = (orgId: number) => ({
  name: '新党员',
  idNumber: idFor('1990-03-15'),
  ethnicity: '01',
  category: 'staff',
  partyStatus: 'full',
  joinedOn: '2012-06-01',
  confirmedOn: '2013-06-01',
  orgId,
});

const incomingBody = (toOrgId: number) => ({
  kind: 'incoming',
  letterNumber: `测转〔2026〕${++letters}号`,
  externalOrgName: '中共杭州市西湖区委组织部',
  issuedOn: '2026-06-05',
  validDays: 30,
  receivedOn: '2026-06-08',
  person: {
    name: '转入人员',
    gender: 'male',
    ethnicity: '01',
    idNumber: idFor('1992-08-18'),
    category: 'staff',
    partyStatus: 'full',
    joinedOn: '2014-06-01',
    confirmedOn: '2015-06-01',
  },
  toOrgId,
});

const step = (body: Record<string, unknown>) => ({ date: today, version: 1, ...body });

/** One request with `id` put in the field under test. */
interface Variant {
  /** Who sends it (default: the secretary of branch A). */
  as?: () => Client;
  request: (id: number) => { url: string; body?: unknown };
  /** Ids outside the sender's scope that must answer like `missingId`. */
  foreign: () => number[];
}
/** A field is checked by one or more variants, or exempt with the reason why. */
type FieldCase = Variant | Variant[] | { exempt: string };

const schoolWide = { exempt: '单位、专业是全校共用的字典，不属于任何党组织' };
const ruleCode = { exempt: '规则编号，不是数据行的 id' };
const accounts = {
  exempt: '账号由系统管理员（全校范围）管理：没有更小的范围可越出；关联人员和授权组织只查存在性',
};

/**
 * 巡察: every id a round names is sent by the 巡察办 (the 组织部, the whole college) — no smaller scope to step out
 * of; a missing id (unit, person, or an item not of the unit) answers as missing (inspections.test.ts).
 */
const byOffice = {
  exempt: '只有组织部（全校范围）登记巡察、录入反馈和回头看：没有更小的范围可越出；不存在的 id 按不存在回答',
};
const inspectionCases: Record<string, Record<string, FieldCase>> = {
  'POST /api/inspections': { orgIds: byOffice, 'team[].personId': byOffice },
  'PATCH /api/inspections/:id': { orgIds: byOffice, 'team[].personId': byOffice },
  'POST /api/inspections/:id/units/:orgId/feedback': { 'problems[].responsiblePersonId': byOffice },
  'POST /api/inspections/:id/units/:orgId/lookback': { 'verdicts[].rectificationId': byOffice },
};

/**
 * 考核: indicator systems are the school's (no org owns one); rounds are opened by the 组织部 over the whole college —
 * no smaller scope to step out of; an indicator's number is not a row's id. The records a judgement links are
 * checked in assessment.test.ts (their ids sit in `links[].id`).
 */
const assessmentCases: Record<string, Record<string, FieldCase>> = {
  'POST /api/indicator-systems': { systemId: { exempt: '指标体系是全校共用的，不属于任何党组织' } },
  'POST /api/assessments': {
    systemId: { exempt: '指标体系是全校共用的，不属于任何党组织' },
    scopeOrgId: { exempt: '只有组织部（全校范围）发起考核：没有更小的范围可越出；不存在的 id 按不存在回答' },
  },
  'PUT /api/assessments/:id/orgs/:orgId': {
    'judgements[].itemId': { exempt: '指标编号，不是数据行的 id' },
    'adjustments[].itemId': { exempt: '指标编号，不是数据行的 id' },
  },
};

/** Every route with id fields in its body or query, field by field. */
/** 培训: a course of branch A (f.courseA), its people and external training; the incentives are the 组织部's and 校领导's. */
const trainingCourse = (over: Record<string, unknown>) => ({
  orgId: tree.branchA.id,
  title: '党务工作者培训班',
  startsOn: '2026-06-01',
  endsOn: '2026-06-02',
  hours: 7,
  ...over,
});
const trainingOrgFilter = (url: string): Record<string, FieldCase> => ({
  orgId: {
    request: (id) => ({ url: `${url}?orgId=${id}` }),
    foreign: () => [tree.branchB.id, tree.other.id],
  },
});
const byLeaders = { exempt: '党务工作激励只有组织部和校领导（全校范围）可查：没有更小的范围可越出' };
const trainingCases: Record<string, Record<string, FieldCase>> = {
  'GET /api/trainings': trainingOrgFilter('/api/trainings'),
  'GET /api/training-hours': trainingOrgFilter('/api/training-hours'),
  'GET /api/training-hours.xlsx': trainingOrgFilter('/api/training-hours.xlsx'),
  'GET /api/training-incentives': { orgId: byLeaders },
  'GET /api/training-incentives.xlsx': { orgId: byLeaders },
  'POST /api/trainings': {
    orgId: {
      request: (id) => ({ url: '/api/trainings', body: trainingCourse({ orgId: id }) }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
    personIds: {
      request: (id) => ({ url: '/api/trainings', body: trainingCourse({ personIds: [f.a[0]!, id] }) }),
      foreign: () => [f.b1, f.otherPerson],
    },
  },
  'POST /api/trainings/:id/attendees': {
    personIds: {
      request: (id) => ({ url: `/api/trainings/${f.courseA}/attendees`, body: { personIds: [id] } }),
      foreign: () => [f.b1, f.otherPerson],
    },
  },
  'POST /api/trainings/:id/attendance': {
    personId: {
      request: (id) => ({
        url: `/api/trainings/${f.courseA}/attendance`,
        body: { personId: id, status: 'absent' },
      }),
      foreign: () => [f.b1, f.otherPerson],
    },
  },
  'POST /api/external-trainings': {
    personId: {
      request: (id) => ({
        url: '/api/external-trainings',
        body: {
          personId: id,
          title: '网络培训',
          organiser: '共产党员网',
          startsOn: '2026-05-01',
          endsOn: '2026-05-02',
          hours: 4,
          certificateNo: 'C-0001',
        },
      }),
      foreign: () => [f.b1, f.otherPerson],
    },
  },
};

/** 干部: cadre files are kept by the 组织部 alone (the whole college); missing ids answer as missing (cadres.test.ts). */
const byCadreOffice = {
  exempt:
    '中层干部档案只有组织部（全校范围）维护：没有更小的范围可越出；单位是全校字典；不存在的 id 按不存在回答',
};
const cases: Record<string, Record<string, FieldCase>> = {
  ...trainingCases,
  'GET /api/cadres': { unitId: schoolWide },
  'POST /api/cadres': { personId: byCadreOffice, 'post.unitId': byCadreOffice },
  'PATCH /api/cadres/:id': { 'addPost.unitId': byCadreOffice, 'endPost.postId': byCadreOffice },
  'POST /api/cadres/:id/rotations': { fromPostId: byCadreOffice, 'to.unitId': byCadreOffice },
  'GET /api/cadre-appointments': { unitId: schoolWide },
  'POST /api/cadre-appointments': { personId: byCadreOffice, unitId: byCadreOffice },
  'POST /api/cadre-appointments/:id/steps': { meetingId: byCadreOffice },
  'POST /api/cadre-reviews': { 'voters.representativeIds': byCadreOffice },
  'POST /api/cadre-reserve': { personId: byCadreOffice },
  'POST /api/activities': {
    orgId: {
      request: (id) => ({
        url: '/api/activities',
        body: {
          orgId: id,
          kind: 'general_meeting',
          title: '支部党员大会',
          startsAt: `${today}T14:00:00+08:00`,
        },
      }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
    ...Object.fromEntries(
      (['hostPersonId', 'recorderPersonId', 'partnerPersonId'] as const).map((key) => [
        key,
        {
          request: (id: number) => ({
            url: '/api/activities',
            body: {
              orgId: tree.branchA.id,
              kind: 'general_meeting',
              title: '支部党员大会',
              startsAt: `${today}T14:00:00+08:00`,
              [key]: id,
            },
          }),
          foreign: () => [f.b1, f.bApplicant],
        },
      ]),
    ),
    guestIds: {
      request: (id) => ({
        url: '/api/activities',
        body: {
          orgId: tree.branchA.id,
          kind: 'general_meeting',
          title: '支部党员大会',
          startsAt: `${today}T14:00:00+08:00`,
          guestIds: [id],
        },
      }),
      foreign: () => [f.b1, f.bApplicant],
    },
  },
  'PATCH /api/activities/:id': Object.fromEntries(
    (['hostPersonId', 'recorderPersonId', 'partnerPersonId'] as const).map((key) => [
      key,
      {
        request: (id: number) => ({ url: `/api/activities/${f.plannedA}`, body: { [key]: id, version: 0 } }),
        foreign: () => [f.b1, f.bApplicant],
      },
    ]),
  ),
  'POST /api/activities/:id/attendance': {
    personId: {
      request: (id) => ({
        url: `/api/activities/${f.heldA}/attendance`,
        body: { personId: id, status: 'present' },
      }),
      foreign: () => [f.b1],
    },
  },
  'POST /api/members': {
    orgId: {
      request: (id) => ({ url: '/api/members', body: member(id) }),
      foreign: () => [tree.branchB.id, f.groupB],
    },
    unitId: schoolWide,
    majorId: schoolWide,
  },
  'PATCH /api/members/:id': {
    orgId: {
      request: (id) => ({ url: `/api/members/${f.a[5]}`, body: { orgId: id, version: 0 } }),
      foreign: () => [tree.branchB.id, f.groupB],
    },
    unitId: schoolWide,
    majorId: schoolWide,
  },
  'POST /api/orgs': {
    parentId: {
      request: (id) => ({ url: '/api/orgs', body: { parentId: id, type: 'group', name: '新党小组' } }),
      foreign: () => [tree.branchB.id],
    },
    unitId: schoolWide,
    majorIds: schoolWide,
  },
  'PATCH /api/orgs/:id': { unitId: schoolWide, majorIds: schoolWide },
  'POST /api/orgs/:id/move': {
    parentId: {
      as: () => generalSec,
      request: (id) => ({ url: `/api/orgs/${f.groupA}/move`, body: { parentId: id, version: 0 } }),
      foreign: () => [tree.other.id],
    },
  },
  'POST /api/orgs/:id/terms': {
    'team[].personId': {
      request: (id) => ({
        url: `/api/orgs/${tree.branchA.id}/terms`,
        body: {
          number: 2,
          teamKind: 'secretary_only',
          startDate: '2026-06-01',
          plannedEndDate: '2029-05-31',
          team: [{ personId: id, post: 'secretary' }],
        },
      }),
      foreign: () => [f.b1, f.bApplicant],
    },
  },
  'POST /api/orgs/:id/appointments': {
    personId: {
      request: (id) => ({
        url: `/api/orgs/${f.groupA}/appointments`,
        body: { personId: id, post: 'group_leader', termId: null, startDate: today },
      }),
      foreign: () => [f.b1],
    },
    termId: {
      request: (id) => ({
        url: `/api/orgs/${tree.branchA.id}/appointments`,
        body: { personId: f.a[1], post: 'organization_officer', termId: id, startDate: today },
      }),
      foreign: () => [f.termB],
    },
  },
  'POST /api/recruitment': {
    orgId: {
      request: (id) => ({ url: '/api/recruitment', body: { orgId: id, personId: f.a[4], appliedOn: today } }),
      foreign: () => [tree.branchB.id],
    },
    // A member of another branch ("已是党员") and another branch's applicant: neither may be named.
    personId: {
      request: (id) => ({
        url: '/api/recruitment',
        body: { orgId: tree.branchA.id, personId: id, appliedOn: today },
      }),
      foreign: () => [f.b1, f.bApplicant],
    },
    'applicant.unitId': schoolWide,
    'applicant.majorId': schoolWide,
  },
  'POST /api/recruitment/:id/steps': {
    mentorIds: {
      request: (id) => ({
        url: `/api/recruitment/${f.dossierA}/steps`,
        body: step({ step: 'mentor_assignment', mentorIds: [f.a[0], id] }),
      }),
      foreign: () => [f.b1, f.bApplicant],
    },
    sponsorIds: {
      request: (id) => ({
        url: `/api/recruitment/${f.dossierA}/steps`,
        body: step({ step: 'sponsor_assignment', sponsorIds: [f.a[0], id] }),
      }),
      foreign: () => [f.b1],
    },
    activityId: {
      request: (id) => ({
        url: `/api/recruitment/${f.dossierA}/steps`,
        body: step({ step: 'admission_meeting', activityId: id, votes: passingVotes, publicNotice: null }),
      }),
      foreign: () => [f.meetingB],
    },
    groupId: {
      request: (id) => ({
        url: `/api/recruitment/${f.dossierA}/steps`,
        body: step({ step: 'group_placement', groupId: id }),
      }),
      foreign: () => [f.groupB],
    },
    documentIds: {
      request: (id) => ({
        url: `/api/recruitment/${f.dossierA}/steps`,
        body: step({ step: 'application_talk', documentIds: [id] }),
      }),
      foreign: () => [f.docB],
    },
    'override.ruleIds': ruleCode,
  },
  'POST /api/transfers': {
    personId: {
      request: (id) => ({
        url: '/api/transfers',
        body: {
          kind: 'outgoing',
          personId: id,
          externalOrgName: '中共杭州市西湖区委组织部',
          validDays: 30,
          duesPaidUntil: '2026-05',
        },
      }),
      foreign: () => [f.b1],
    },
    // 校内转接 names a receiving branch anywhere in the college (the sending side cannot see it): only
    // the incoming letter's branch is the caller's own, so that is the variant checked here.
    toOrgId: {
      request: (id) => ({ url: '/api/transfers', body: incomingBody(id) }),
      foreign: () => [tree.branchB.id],
    },
    'person.unitId': schoolWide,
    'person.majorId': schoolWide,
  },
  'POST /api/transfers/:id/place': {
    orgId: {
      request: (id) => ({
        url: `/api/transfers/${f.incomingA.id}/place`,
        body: { orgId: id, version: f.incomingA.version },
      }),
      foreign: () => [tree.branchB.id],
    },
  },
  'POST /api/majors': { unitId: schoolWide },
  'POST /api/audit-log/verify': { 'checkpoint.keyId': { exempt: '审计密钥编号，不是数据行的 id' } },
  'POST /api/users': { personId: accounts, 'roles[].orgId': accounts },
  'PATCH /api/users/:id': { personId: accounts, 'roles[].orgId': accounts },
  // Queries: a filter on an org (or person) outside the scope answers like one that does not exist.
  ...Object.fromEntries(
    [
      ['/api/activities', ''],
      ['/api/activities/ledger.xlsx', '&year=2026'],
      ['/api/activities/invitees', `&kind=general_meeting&date=${today}`],
      ['/api/compliance', ''],
      ['/api/members', ''],
      ['/api/members/export', ''],
      ['/api/members/roster.docx', ''],
      ['/api/members/stats', ''],
      ['/api/people', ''],
      ['/api/recruitment', ''],
      ['/api/recruitment/pipeline', ''],
      ['/api/recruitment/ledger', ''],
      ['/api/recruitment/steps', ''],
    ].map(([url, rest]) => [
      `GET ${url}`,
      {
        orgId: {
          request: (id: number) => ({ url: `${url}?orgId=${id}${rest}` }),
          foreign: () => [tree.branchB.id, tree.other.id],
        },
      },
    ]),
  ),
  'PUT /api/settings/go-live': { 'ruleStarts[].ruleId': ruleCode },
  'GET /api/alerts': {
    orgId: { request: (id) => ({ url: `/api/alerts?orgId=${id}` }), foreign: () => [tree.branchB.id] },
    ruleId: ruleCode,
    // A filter: findings outside the scope are never listed, whoever they are assigned to.
    assigneeId: { request: (id) => ({ url: `/api/alerts?assigneeId=${id}` }), foreign: () => [f.b1] },
  },
  'GET /api/alerts/export.xlsx': {
    orgId: {
      request: (id) => ({ url: `/api/alerts/export.xlsx?orgId=${id}` }),
      foreign: () => [tree.branchB.id],
    },
    ruleId: ruleCode,
    assigneeId: {
      request: (id) => ({ url: `/api/alerts/export.xlsx?assigneeId=${id}` }),
      foreign: () => [f.b1],
    },
  },
  'GET /api/notifications/robots': {
    orgId: {
      request: (id) => ({ url: `/api/notifications/robots?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'POST /api/notifications/robots': {
    orgId: {
      request: (id) => ({
        url: '/api/notifications/robots',
        body: { orgId: id, kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1' },
      }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'POST /api/alerts/:key/assign': {
    personId: {
      request: (id) => ({ url: `/api/alerts/${f.alertKeyA}/assign`, body: { personId: id } }),
      foreign: () => [f.b1, f.bApplicant],
    },
  },
  'GET /api/transfers': {
    orgId: { request: (id) => ({ url: `/api/transfers?orgId=${id}` }), foreign: () => [tree.branchB.id] },
    personId: { request: (id) => ({ url: `/api/transfers?personId=${id}` }), foreign: () => [f.b1] },
  },
  'GET /api/rectifications': rectificationFilters('/api/rectifications'),
  'GET /api/rectifications/ledger.xlsx': rectificationFilters('/api/rectifications/ledger.xlsx'),
  'GET /api/rectifications/board': {
    orgId: {
      request: (id) => ({ url: `/api/rectifications/board?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'POST /api/rectifications': {
    ...Object.fromEntries(
      (
        [
          ['orgId', (id: number) => ({ orgId: id }), () => [tree.branchB.id, f.groupB]],
          ['responsiblePersonId', (id: number) => ({ responsiblePersonId: id }), () => [f.b1, f.bApplicant]],
          [
            'assistingOrgIds',
            (id: number) => ({ assistingOrgIds: [id] }),
            () => [tree.branchB.id, tree.other.id],
          ],
          [
            'activityId',
            (id: number) => ({ source: 'supervision_check', activityId: id }),
            () => [f.meetingB],
          ],
          ['campaignId', (id: number) => ({ source: 'all_pass_visit', campaignId: id }), () => [f.campaignB]],
        ] as const
      ).map(([field, put, foreign]) => [
        field,
        {
          request: (id: number) => ({
            url: '/api/rectifications',
            body: { ...rectificationBody(), ...put(id) },
          }),
          foreign,
        },
      ]),
    ),
  },
  'PATCH /api/rectifications/:id': {
    responsiblePersonId: {
      request: (id) => ({
        url: `/api/rectifications/${f.rectificationA}`,
        body: { responsiblePersonId: id, version: 0 },
      }),
      foreign: () => [f.b1, f.bApplicant],
    },
    assistingOrgIds: {
      request: (id) => ({
        url: `/api/rectifications/${f.rectificationA}`,
        body: { assistingOrgIds: [id], version: 0 },
      }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'POST /api/rectifications/:id/evidence': {
    recordId: [
      {
        request: (id) => ({
          url: `/api/rectifications/${f.rectificationA}/evidence`,
          body: { kind: 'activity', recordId: id },
        }),
        foreign: () => [f.meetingB],
      },
      {
        request: (id) => ({
          url: `/api/rectifications/${f.rectificationA}/evidence`,
          body: { kind: 'term', recordId: id },
        }),
        foreign: () => [f.termB],
      },
    ],
  },
  'POST /api/alerts/:key/rectification': {
    responsiblePersonId: {
      request: (id) => ({
        url: `/api/alerts/${f.alertKeyA}/rectification`,
        body: { responsiblePersonId: id },
      }),
      foreign: () => [f.b1, f.bApplicant],
    },
  },
  'POST /api/rectification-campaigns': {
    orgIds: {
      exempt:
        '只有组织部（全校范围）部署问题清单：没有更小的范围可越出；不存在的党组织按不存在回答（API 测试）',
    },
  },
  ...inspectionCases,
  ...assessmentCases,
  // 投票: the people named must be on that ballot's roll (a list the organising module fixed); anyone else — out of
  // scope or not — answers as missing (ballots.test.ts).
  'POST /api/ballots/:id/paper-voters': {
    paperVoterIds: {
      exempt: '纸质投票人须在该投票的投票人名单中，名单外的人（无论是否在范围内）一律按不存在回答',
    },
  },
  'GET /api/party-statistics': {
    orgId: {
      request: (id) => ({ url: `/api/party-statistics?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'GET /api/party-statistics.xlsx': {
    orgId: {
      request: (id) => ({ url: `/api/party-statistics.xlsx?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'GET /api/member-appraisals': {
    orgId: {
      request: (id) => ({ url: `/api/member-appraisals?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'POST /api/member-appraisals': {
    orgId: {
      request: (id) => ({ url: '/api/member-appraisals', body: { orgId: id, year: 2026 } }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  // 民主评议党员: the people a step names must be on that appraisal's roll (fixed at 启动 from the branch), and the
  // 党员大会 record must be the branch's own; anyone or anything else — out of scope or not — answers as missing
  // (member-appraisals.test.ts).
  'POST /api/member-appraisals/:id/transitions': {
    'grades[].personId': { exempt: '评定等次的人须在该次民主评议的参评名单中，名单外的人一律按不存在回答' },
    'plans[].personId': { exempt: '限期改正的党员须是该次评议中被评为不合格的党员，其余一律按不存在回答' },
    'plans[].contactPersonId': { exempt: '帮教联系人须是参评名单中的正式党员，其余一律按不存在回答' },
    meetingActivityId: { exempt: '党员大会记录须是本支部的记录，其他支部的记录按不存在回答' },
  },
  'POST /api/me/member-appraisals/:id/peer-comments': {
    aboutPersonId: { exempt: '互评对象须在同一次民主评议的参评名单中，名单外的人一律按不存在回答' },
  },
  'GET /api/duty-reviews': {
    orgId: {
      request: (id) => ({ url: `/api/duty-reviews?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
  },
  'POST /api/duty-reviews': {
    orgId: {
      as: () => generalSec,
      request: (id) => ({ url: '/api/duty-reviews', body: { year: 2026, orgId: id, level: 'branch' } }),
      foreign: () => [tree.other.id, tree.committee.id],
    },
    'voters.representativeIds': {
      as: () => generalSec,
      request: (id) => ({
        url: '/api/duty-reviews',
        body: { year: 2026, orgId: tree.general.id, level: 'branch', voters: { representativeIds: [id] } },
      }),
      foreign: () => [f.otherPerson],
    },
  },
  'GET /api/supervised-tasks': supervisedTaskFilters('/api/supervised-tasks'),
  'GET /api/supervised-tasks/ledger.xlsx': supervisedTaskFilters('/api/supervised-tasks/ledger.xlsx'),
  'POST /api/supervised-tasks': Object.fromEntries(
    (
      [
        ['activityId', (id: number) => ({ activityId: id, resolutionId: null }), () => [f.committeeMeeting]],
        ['resolutionId', (id: number) => ({ resolutionId: id }), () => [f.committeeResolution]],
        ['leadOrgId', (id: number) => ({ leadOrgId: id }), () => [tree.other.id, tree.committee.id]],
        ['assistingOrgIds', (id: number) => ({ assistingOrgIds: [id] }), () => [tree.other.id]],
      ] as const
    ).map(([field, put, foreign]) => [
      field,
      {
        as: () => generalSec,
        request: (id: number) => ({
          url: '/api/supervised-tasks',
          body: { ...supervisedTaskBody(), ...put(id) },
        }),
        foreign,
      },
    ]),
  ),
  'PATCH /api/supervised-tasks/:id': {
    leadOrgId: {
      as: () => generalSec,
      request: (id) => ({ url: `/api/supervised-tasks/${f.taskG}`, body: { leadOrgId: id, version: 0 } }),
      foreign: () => [tree.other.id],
    },
    assistingOrgIds: {
      as: () => generalSec,
      request: (id) => ({
        url: `/api/supervised-tasks/${f.taskG}`,
        body: { assistingOrgIds: [id], version: 0 },
      }),
      foreign: () => [tree.other.id],
    },
  },
};

/** A supervised task the 总支 issues from its own 党务工作例会 to branch A. */
const supervisedTaskBody = () => ({
  activityId: f.workMeetingG,
  title: '完成支部标准化建设自查',
  leadOrgId: tree.branchA.id,
  deadline: '2026-09-30',
});

/** The list's (and the ledger's) id filters: tasks outside the scope are never listed. */
/** The filters of the rectification list and its 整改台账. */
function rectificationFilters(url: string): Record<string, FieldCase> {
  return {
    orgId: {
      request: (id) => ({ url: `${url}?orgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
    // A filter: items outside the scope are never listed, whoever is responsible for them.
    responsiblePersonId: {
      request: (id) => ({ url: `${url}?responsiblePersonId=${id}` }),
      foreign: () => [f.b1],
    },
    // A filter: a campaign of other orgs lists none of the caller's items.
    campaignId: {
      request: (id) => ({ url: `${url}?campaignId=${id}` }),
      foreign: () => [f.campaignB],
    },
  };
}

function supervisedTaskFilters(url: string): Record<string, FieldCase> {
  return {
    leadOrgId: {
      request: (id) => ({ url: `${url}?leadOrgId=${id}` }),
      foreign: () => [tree.branchB.id, tree.other.id],
    },
    activityId: {
      request: (id) => ({ url: `${url}?activityId=${id}` }),
      foreign: () => [f.committeeMeeting],
    },
  };
}

/** A rectification item of branch A entered by hand. */
const rectificationBody = () => ({
  orgId: tree.branchA.id,
  source: 'upper_check',
  problem: '支委会未按月召开',
  deadline: '2026-07-31',
});

/** Rows and success audit entries: any write through the API changes one of these. */
async function fingerprint(): Promise<string> {
  const tables = [
    'org',
    'person',
    'person_event',
    'term',
    'appointment',
    'activity',
    'activity_attendee',
    'recruitment',
    'recruitment_event',
    'transfer',
  ];
  const counts = await Promise.all(
    tables.map((name) =>
      sql<{ n: string }>`select count(*)::text as n from ${sql.table(name)}`.execute(t.db),
    ),
  );
  const audit = await sql<{
    n: string;
  }>`select count(*)::text as n from audit_log where outcome = 'success'`.execute(t.db);
  const versions = await sql<{ v: string }>`
    select concat_ws('/', (select sum(version) from org), (select sum(version) from person),
      (select sum(version) from activity), (select sum(version) from recruitment),
      (select sum(version) from transfer)) as v`.execute(t.db);
  return [...counts.map((c) => c.rows[0]!.n), audit.rows[0]!.n, versions.rows[0]!.v].join(',');
}

async function send(c: Client, method: Method, req: { url: string; body?: unknown }) {
  if (method === 'GET') return c.get(req.url);
  return c[method.toLowerCase() as 'post'](req.url, req.body ?? {});
}

/** The comparable part of an answer: status, and code and message for an error (else the body). */
function answer(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  if (res.statusCode < 400) return { status: res.statusCode, body: isJson ? res.body : '(binary)' };
  const j = JSON.parse(res.body) as { code: string; message: string };
  return { status: res.statusCode, code: j.code, message: j.message };
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  const group = (parentId: number, name: string) => t.factory.org({ parentId, type: 'group', name });
  f.groupA = (await group(tree.branchA.id, '甲党小组')).id;
  f.groupB = (await group(tree.branchB.id, '乙党小组')).id;
  f.a = await t.factory.people(tree.branchA.id, 6);
  f.b1 = await t.factory.person({ orgId: tree.branchB.id, name: '乙支部甲' });
  f.b2 = await t.factory.person({ orgId: tree.branchB.id, name: '乙支部乙' });
  f.otherPerson = await t.factory.person({ orgId: tree.other.id, name: '图书馆丙' });
  const application: RecruitmentEvent = {
    step: 'application',
    date: '2026-03-01',
    actorId: 1,
    documents: [],
  };
  const bDossier = await insertDossier(t.db, {
    orgId: tree.branchB.id,
    events: [application],
    name: '乙申请人',
  });
  f.bApplicant = bDossier.personId;
  f.bApplicantIdNumber = idFor('2000-05-10');
  await t.db
    .updateTable('person')
    .set({ id_number: f.bApplicantIdNumber })
    .where('id', '=', f.bApplicant)
    .execute();
  f.dossierA = (
    await insertDossier(t.db, { orgId: tree.branchA.id, events: [application], name: '甲申请人' })
  ).id;
  f.docB = (
    await t.db
      .insertInto('recruitment_document')
      .values({
        recruitment_id: bDossier.id,
        kind: 'application_letter',
        title: '入党申请书',
        on_date: '2026-03-01',
        file_name: 'a.txt',
        mime_type: 'text/plain',
        size: 1,
        sha256: '0'.repeat(64),
        content: Buffer.from('a'),
        uploader_name: '乙支部甲',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  f.meetingB = await closedGeneralMeeting(t.db, {
    orgId: tree.branchB.id,
    onDate: today,
    present: [f.b1, f.b2],
  });
  f.plannedA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'general_meeting',
    onDate: '2026-06-20',
    status: 'planned',
  });
  f.heldA = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'general_meeting',
    onDate: today,
    status: 'held',
    attendees: [{ personId: f.a[0]!, status: 'expected' }],
  });
  f.termA = await t.factory.term({
    orgId: tree.branchA.id,
    start: '2024-06-01',
    end: '2027-05-31',
    teamKind: 'committee',
    team: [{ personId: f.a[0]!, post: 'secretary' }],
  });
  f.termB = await t.factory.term({
    orgId: tree.branchB.id,
    start: '2024-06-01',
    end: '2027-05-31',
    teamKind: 'committee',
    team: [{ personId: f.b1, post: 'secretary' }],
  });
  secA = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  generalSec = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
  const incoming = await secA.post('/api/transfers', incomingBody(tree.branchA.id));
  expect(incoming.statusCode, incoming.body).toBe(201);
  f.incomingA = incoming.json() as { id: number; version: number };
  const alerts = await secA.get(`/api/alerts?orgId=${tree.branchA.id}&pageSize=1`);
  f.alertKeyA = alerts.json().items[0].key;
  const item = await secA.post('/api/rectifications', rectificationBody());
  expect(item.statusCode, item.body).toBe(201);
  f.rectificationA = item.json().id;
  f.workMeetingG = await insertActivity(t.db, {
    orgId: tree.general.id,
    kind: 'work_meeting',
    onDate: today,
    title: '总支党务工作例会',
  });
  f.committeeMeeting = await insertActivity(t.db, {
    orgId: tree.committee.id,
    kind: 'committee_meeting',
    onDate: today,
    title: '党委会',
    resolutions: [{ title: '党委会议定事项' }],
  });
  f.committeeResolution = (
    await t.db
      .selectFrom('activity_resolution')
      .select('id')
      .where('activity_id', '=', f.committeeMeeting)
      .executeTakeFirstOrThrow()
  ).id;
  const task = await generalSec.post('/api/supervised-tasks', supervisedTaskBody());
  expect(task.statusCode, task.body).toBe(201);
  f.taskG = task.json().id;
  const zzb = await t.as([{ role: 'org_admin', orgId: null }]);
  const campaign = await zzb.post('/api/rectification-campaigns', {
    name: '网络学生党支部问题清单',
    year: 2026,
    kind: 'all_pass_check',
    orgIds: [tree.branchB.id],
    listDueOn: '2026-07-15',
    summaryDueOn: '2026-09-30',
  });
  expect(campaign.statusCode, campaign.body).toBe(201);
  f.campaignB = campaign.json().id;
  const course = await secA.post('/api/trainings', trainingCourse({ personIds: [f.a[0]!] }));
  expect(course.statusCode, course.body).toBe(201);
  f.courseA = course.json().id;
});
afterAll(() => t.close());

describe('ids in bodies and queries', () => {
  it('every route with id fields has a case for each of them', () => {
    const missing: string[] = [];
    for (const r of t.app.routeTable) {
      const fields = [...idFieldsOf(r.bodySchema), ...idFieldsOf(r.querySchema)];
      const known = cases[`${r.method} ${r.url}`] ?? {};
      for (const field of fields) if (!(field in known)) missing.push(`${r.method} ${r.url} ${field}`);
    }
    expect(missing).toEqual([]);
  });

  it('the table names no route or field that no longer exists', () => {
    const stale: string[] = [];
    for (const [key, fields] of Object.entries(cases)) {
      const r = t.app.routeTable.find((x) => `${x.method} ${x.url}` === key);
      const actual = r ? [...idFieldsOf(r.bodySchema), ...idFieldsOf(r.querySchema)] : [];
      for (const field of Object.keys(fields)) if (!actual.includes(field)) stale.push(`${key} ${field}`);
    }
    expect(stale).toEqual([]);
  });

  for (const [key, fields] of Object.entries(cases)) {
    for (const [field, c] of Object.entries(fields)) {
      if ('exempt' in c) continue;
      it(`${key} ${field}: a foreign id answers like a missing one and writes nothing`, async () => {
        const method = key.split(' ')[0] as Method;
        for (const v of Array.isArray(c) ? c : [c]) {
          const who = v.as?.() ?? secA;
          const before = await fingerprint();
          const missing = await send(who, method, v.request(missingId));
          if (method !== 'GET') {
            expect(missing.statusCode, missing.body).toBeGreaterThanOrEqual(400);
            // The refusal is about this field (not another part of the sample body being invalid).
            const paths = ((missing.json().details?.fields ?? []) as { path: string }[]).map((p) => p.path);
            const root = field.split(/[.[]/)[0]!;
            expect(
              missing.statusCode === 404 || paths.some((p) => p.startsWith(root)),
              `${key} ${field}: ${missing.body}`,
            ).toBe(true);
          }
          for (const id of v.foreign()) {
            const foreign = await send(who, method, v.request(id));
            expect(answer(foreign), `${key} ${field}=${id}`).toEqual(answer(missing));
            for (const name of foreignNames)
              expect(foreign.body, `${key} ${field}=${id}`).not.toContain(name);
          }
          expect(await fingerprint(), `${key} ${field} wrote something`).toBe(before);
        }
      });
    }
  }
});

describe('lookups by value', () => {
  it('a new applicant whose ID number is on file elsewhere is not told whose it is', async () => {
    const before = await fingerprint();
    const res = await secA.post('/api/recruitment', {
      orgId: tree.branchA.id,
      appliedOn: today,
      applicant: { name: '新申请人', gender: 'male', idNumber: f.bApplicantIdNumber, category: 'student' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('身份证号：已登记在本校其他人员名下，请联系组织部');
    expect(res.body).not.toContain('乙申请人');
    expect(await fingerprint()).toBe(before);
  });

  it('a new member whose ID number belongs to someone out of scope is not told whose it is', async () => {
    const res = await secA.post('/api/members', {
      ...member(tree.branchA.id),
      idNumber: f.bApplicantIdNumber,
      joinedOn: '2020-06-01',
      confirmedOn: '2021-06-01',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).not.toContain('乙申请人');
  });

  it('within the scope the holder is still named', async () => {
    const idNumber = idFor('1991-01-01');
    await t.db.updateTable('person').set({ id_number: idNumber }).where('id', '=', f.a[3]!).execute();
    const name = (
      await t.db.selectFrom('person').select('name').where('id', '=', f.a[3]!).executeTakeFirstOrThrow()
    ).name;
    const res = await secA.post('/api/members', { ...member(tree.branchA.id), idNumber });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(name);
  });
});
