/**
 * One masking rule everywhere: no answer of any GET route — JSON, or the XML inside an xlsx/docx — holds a
 * seeded person's full 18-character ID number or 11-digit phone, unless the caller holds
 * member:member:sensitive and sent `unmasked=true`, and then the read left an audit entry. A person's own
 * numbers under /api/me are theirs to see. The test walks the route table: a GET route without an entry in
 * `urls` fails the test, so a new route is covered as soon as it exists.
 */
import { idNumberCheckChar, type RecruitmentEvent, type RoleCode, roleDefinitions } from '@dangjian/core';
import { sql } from 'kysely';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { closedGeneralMeeting, createTestApp, type TestApp } from './helpers.ts';
import { insertDossier } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const today = '2026-06-15';
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

/** Full numbers of every seeded person, and whose they are. */
const secrets: { personId: number | null; value: string }[] = [];
const ids = {} as {
  a: number[];
  self: number;
  activity: number;
  held: number;
  attachment: number;
  dossier: number;
  applicant: number;
  document: number;
  transfer: number;
  incoming: number;
  correction: number;
  alertKey: string;
  rectification: number;
  supervisedTask: number;
  inspection: number;
  campaign: number;
  dutyReview: number;
  dutySubject: number;
  appraisal: number;
  ballot: number;
  evidenceFile: number;
  indicatorSystem: number;
  assessment: number;
  training: number;
  cadre: number;
  cadreAppointment: number;
  cadreReview: number;
  externalTraining: number;
  reserve: number;
};

let seq = 10;
function idFor(birth: string): string {
  seq += 1;
  const body = `110105${birth.replaceAll('-', '')}${String(seq % 100).padStart(2, '0')}1`;
  return `${body}${idNumberCheckChar(body)}`;
}
const phoneFor = () => `139${String(10_000_000 + ++seq * 7919).slice(-8)}`;

/** Gives a person a valid ID number and phone and remembers both. */
async function giveNumbers(personId: number, birth = '1985-04-12') {
  const idNumber = idFor(birth);
  const phone = phoneFor();
  await t.db
    .updateTable('person')
    .set({ id_number: idNumber, phone, birth_date: birth, gender: 'male' })
    .where('id', '=', personId)
    .execute();
  secrets.push({ personId, value: idNumber }, { personId, value: phone });
}

/** The URLs that exercise each GET route (path parameters filled with seeded rows). */
const urls: Record<string, () => string[]> = {
  'GET /api/health': () => ['/api/health'],
  'GET /api/setup/status': () => ['/api/setup/status'],
  'GET /api/openapi.json': () => ['/api/openapi.json'],
  'GET /api/auth/me': () => ['/api/auth/me'],
  'GET /api/users': () => ['/api/users'],
  'GET /api/orgs': () => ['/api/orgs'],
  'GET /api/orgs/:id': () => [`/api/orgs/${tree.branchA.id}`],
  'GET /api/units': () => ['/api/units'],
  'GET /api/majors': () => ['/api/majors'],
  'GET /api/people': () => ['/api/people'],
  'GET /api/members': () => ['/api/members'],
  'GET /api/members/stats': () => ['/api/members/stats'],
  'GET /api/members/:id': () => [`/api/members/${ids.a[0]}`, `/api/members/${ids.self}`],
  'GET /api/members/:id/timeline': () => [`/api/members/${ids.a[0]}/timeline`],
  'GET /api/members/:id/attendance': () => [`/api/members/${ids.a[0]}/attendance?year=2026`],
  'GET /api/members/:id/attendance.xlsx': () => [`/api/members/${ids.a[0]}/attendance.xlsx?year=2026`],
  'GET /api/members/import/template': () => ['/api/members/import/template'],
  'GET /api/members/imports': () => ['/api/members/imports'],
  'GET /api/members/export': () => ['/api/members/export', '/api/members/export?columns=name,idNumber,phone'],
  'GET /api/members/roster.docx': () => [`/api/members/roster.docx?orgId=${tree.branchA.id}`],
  'GET /api/me/member': () => ['/api/me/member'],
  'GET /api/member-corrections': () => ['/api/member-corrections'],
  'GET /api/alerts': () => ['/api/alerts'],
  'GET /api/alerts/rules': () => ['/api/alerts/rules'],
  'GET /api/alerts/:key': () => [`/api/alerts/${ids.alertKey}`],
  'GET /api/notifications': () => ['/api/notifications'],
  'GET /api/inbox': () => ['/api/inbox'],
  'GET /api/search': () => [
    '/api/search?q=党员',
    `/api/search?q=${secrets.find((s) => s.personId === ids.a[0])!.value}`,
    `/api/search?q=${secrets.find((s) => s.personId === ids.applicant)!.value}`,
  ],
  'GET /api/setup/checklist': () => ['/api/setup/checklist'],
  'GET /api/audit-log/catalogue': () => ['/api/audit-log/catalogue'],
  'GET /api/notifications/preferences': () => ['/api/notifications/preferences'],
  'GET /api/notifications/robots': () => [`/api/notifications/robots?orgId=${tree.branchA.id}`],
  'GET /api/alerts/export.xlsx': () => ['/api/alerts/export.xlsx'],
  'GET /api/dashboard': () => ['/api/dashboard'],
  'GET /api/overview': () => ['/api/overview'],
  'GET /api/settings/rules': () => ['/api/settings/rules'],
  'GET /api/settings/go-live': () => ['/api/settings/go-live'],
  'GET /api/settings/security': () => ['/api/settings/security'],
  'GET /api/settings/security-hint': () => ['/api/settings/security-hint'],
  'GET /api/audit-log': () => ['/api/audit-log?pageSize=100'],
  'GET /api/audit-log/checkpoint': () => ['/api/audit-log/checkpoint'],
  'GET /api/compliance': () => ['/api/compliance'],
  'GET /api/compliance/rates': () => ['/api/compliance/rates'],
  'GET /api/compliance/reminders': () => ['/api/compliance/reminders'],
  'GET /api/activities': () => ['/api/activities'],
  'GET /api/activities/invitees': () => [
    `/api/activities/invitees?orgId=${tree.branchA.id}&kind=general_meeting&date=${today}`,
  ],
  'GET /api/activities/ledger.xlsx': () => [`/api/activities/ledger.xlsx?orgId=${tree.branchA.id}&year=2026`],
  'GET /api/activities/:id': () => [`/api/activities/${ids.activity}`],
  'GET /api/activities/:id/minutes.docx': () => [`/api/activities/${ids.activity}/minutes.docx`],
  'GET /api/activities/:id/sign-in-code': () => [`/api/activities/${ids.held}/sign-in-code`],
  'GET /api/activities/:id/attachments/:attachmentId': () => [
    `/api/activities/${ids.activity}/attachments/${ids.attachment}`,
  ],
  'GET /api/me/activities': () => ['/api/me/activities'],
  'GET /api/me/attendance': () => ['/api/me/attendance'],
  'GET /api/recruitment': () => ['/api/recruitment'],
  'GET /api/recruitment/:id': () => [`/api/recruitment/${ids.dossier}`],
  'GET /api/recruitment/pipeline': () => ['/api/recruitment/pipeline'],
  'GET /api/recruitment/ledger': () => ['/api/recruitment/ledger'],
  'GET /api/recruitment/reminders': () => ['/api/recruitment/reminders'],
  'GET /api/recruitment/:id/documents/:documentId': () => [
    `/api/recruitment/${ids.dossier}/documents/${ids.document}`,
  ],
  'GET /api/recruitment/:id/materials/:kind.docx': () => [
    `/api/recruitment/${ids.dossier}/materials/talk_record.docx`,
    `/api/recruitment/${ids.dossier}/materials/public_notice.docx`,
  ],
  'GET /api/recruitment/templates': () => ['/api/recruitment/templates'],
  'GET /api/recruitment/steps': () => ['/api/recruitment/steps'],
  'GET /api/recruitment/templates/:kind.docx': () => ['/api/recruitment/templates/talk_record.docx'],
  'GET /api/me/recruitment': () => ['/api/me/recruitment'],
  'GET /api/transfers': () => ['/api/transfers'],
  'GET /api/transfers/target-orgs': () => ['/api/transfers/target-orgs'],
  'GET /api/transfers/:id': () => [`/api/transfers/${ids.transfer}`, `/api/transfers/${ids.incoming}`],
  'GET /api/transfers/:id/letter.docx': () => [`/api/transfers/${ids.transfer}/letter.docx`],
  'GET /api/rectifications': () => ['/api/rectifications'],
  'GET /api/rectifications/ledger.xlsx': () => ['/api/rectifications/ledger.xlsx'],
  'GET /api/rectifications/board': () => ['/api/rectifications/board'],
  'GET /api/rectifications/:id': () => [`/api/rectifications/${ids.rectification}`],
  'GET /api/rectifications/:id/evidence/:evidenceId/file': () => [
    `/api/rectifications/${ids.rectification}/evidence/${ids.evidenceFile}/file`,
  ],
  'GET /api/supervised-tasks': () => ['/api/supervised-tasks'],
  'GET /api/supervised-tasks/ledger.xlsx': () => ['/api/supervised-tasks/ledger.xlsx'],
  'GET /api/supervised-tasks/:id': () => [`/api/supervised-tasks/${ids.supervisedTask}`],
  'GET /api/supervised-tasks/:id/sheet.docx': () => [
    `/api/supervised-tasks/${ids.supervisedTask}/sheet.docx`,
  ],
  'GET /api/inspections': () => ['/api/inspections'],
  'GET /api/inspections/:id': () => [`/api/inspections/${ids.inspection}`],
  'GET /api/inspections/:id/ledger.xlsx': () => [`/api/inspections/${ids.inspection}/ledger.xlsx`],
  'GET /api/rectification-campaigns': () => ['/api/rectification-campaigns'],
  'GET /api/rectification-campaigns/:id': () => [`/api/rectification-campaigns/${ids.campaign}`],
  'GET /api/rectification-campaigns/:id/report.xlsx': () => [
    `/api/rectification-campaigns/${ids.campaign}/report.xlsx`,
  ],
  'GET /api/indicator-systems': () => ['/api/indicator-systems'],
  'GET /api/indicator-systems/templates': () => ['/api/indicator-systems/templates'],
  'GET /api/indicator-systems/:id': () => [`/api/indicator-systems/${ids.indicatorSystem}`],
  'GET /api/duty-reviews': () => ['/api/duty-reviews'],
  'GET /api/member-appraisals': () => ['/api/member-appraisals'],
  'GET /api/party-statistics': () => ['/api/party-statistics?year=2026'],
  'GET /api/party-statistics.xlsx': () => ['/api/party-statistics.xlsx?year=2026'],
  'GET /api/member-appraisals/:id': () => [`/api/member-appraisals/${ids.appraisal}`],
  'GET /api/member-appraisals/:id/register.docx': () => [
    `/api/member-appraisals/${ids.appraisal}/register.docx`,
  ],
  'GET /api/member-appraisals/:id/summary.xlsx': () => [
    `/api/member-appraisals/${ids.appraisal}/summary.xlsx`,
  ],
  'GET /api/me/member-appraisals': () => ['/api/me/member-appraisals'],
  'GET /api/me/ballots': () => ['/api/me/ballots'],
  'GET /api/ballots/:id': () => [`/api/ballots/${ids.ballot}`],
  'GET /api/ballots/:id/tally': () => [`/api/ballots/${ids.ballot}/tally`],
  'GET /api/cadres': () => ['/api/cadres'],
  'GET /api/cadres/:id': () => [`/api/cadres/${ids.cadre}`],
  'GET /api/cadre-appointments': () => ['/api/cadre-appointments'],
  'GET /api/cadre-appointments/:id': () => [`/api/cadre-appointments/${ids.cadreAppointment}`],
  'GET /api/cadre-reviews': () => ['/api/cadre-reviews'],
  'GET /api/cadre-reviews/:id': () => [`/api/cadre-reviews/${ids.cadreReview}`],
  'GET /api/cadre-reviews/:id/results.xlsx': () => [`/api/cadre-reviews/${ids.cadreReview}/results.xlsx`],
  'GET /api/cadre-reviews/cadres/:cadreId/history': () => [`/api/cadre-reviews/cadres/${ids.cadre}/history`],
  'GET /api/cadre-reserve': () => ['/api/cadre-reserve'],
  'GET /api/cadre-reserve/:id': () => [`/api/cadre-reserve/${ids.reserve}`],
  'GET /api/cadre-reserve/roster.xlsx': () => ['/api/cadre-reserve/roster.xlsx'],
  'GET /api/cadre-reserve/settings': () => ['/api/cadre-reserve/settings'],
  'GET /api/trainings': () => ['/api/trainings'],
  'GET /api/trainings/:id': () => [`/api/trainings/${ids.training}`],
  'GET /api/external-trainings/:id': () => [`/api/external-trainings/${ids.externalTraining}`],
  'GET /api/external-trainings/:id/certificate': () => [
    `/api/external-trainings/${ids.externalTraining}/certificate`,
  ],
  'GET /api/training-hours': () => ['/api/training-hours?year=2026'],
  'GET /api/training-hours.xlsx': () => ['/api/training-hours.xlsx?year=2026'],
  'GET /api/training-hours/:personId': () => [`/api/training-hours/${ids.a[0]}?year=2026`],
  'GET /api/me/training-hours': () => ['/api/me/training-hours?year=2026'],
  'GET /api/training-incentives': () => ['/api/training-incentives?year=2026'],
  'GET /api/training-incentives.xlsx': () => ['/api/training-incentives.xlsx?year=2026'],
  'GET /api/settings/training': () => ['/api/settings/training'],
  'GET /api/settings/cadre-terms': () => ['/api/settings/cadre-terms'],
  'GET /api/settings/cadre-appointments': () => ['/api/settings/cadre-appointments'],
  'GET /api/duty-reviews/:id': () => [`/api/duty-reviews/${ids.dutyReview}`],
  'GET /api/duty-reviews/:id/results.xlsx': () => [`/api/duty-reviews/${ids.dutyReview}/results.xlsx`],
  'GET /api/duty-reviews/:id/subjects/:subjectId/evidence': () => [
    `/api/duty-reviews/${ids.dutyReview}/subjects/${ids.dutySubject}/evidence`,
  ],
  'GET /api/assessments': () => ['/api/assessments'],
  'GET /api/assessments/:id': () => [`/api/assessments/${ids.assessment}`],
  'GET /api/assessments/:id/results.xlsx': () => [`/api/assessments/${ids.assessment}/results.xlsx`],
  'GET /api/assessments/:id/orgs/:orgId': () => [
    `/api/assessments/${ids.assessment}/orgs/${tree.branchA.id}`,
  ],
  'GET /api/assessments/:id/orgs/:orgId/scorecard.docx': () => [
    `/api/assessments/${ids.assessment}/orgs/${tree.branchA.id}/scorecard.docx`,
  ],
  'GET /api/orgs/:id/assessments': () => [`/api/orgs/${tree.branchA.id}/assessments`],
};

/** The text of an answer: the body, or every XML part of an Office (zip) file with the tags taken out. */
function textOf(raw: Buffer): string {
  if (raw.length > 4 && raw[0] === 0x50 && raw[1] === 0x4b) {
    const zip = new PizZip(raw);
    return Object.values(zip.files)
      .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
      .map((f) => {
        const xml = f.asText();
        return `${xml}\n${xml.replace(/<[^>]+>/g, '')}`;
      })
      .join('\n');
  }
  return raw.toString('utf8');
}

async function auditCount(): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*)::text as n from audit_log where outcome = 'success'`.execute(t.db);
  return Number(r.rows[0]!.n);
}

const withUnmasked = (url: string) => `${url}${url.includes('?') ? '&' : '?'}unmasked=true`;

const roles: RoleCode[] = [
  'org_admin',
  'general_branch_secretary',
  'branch_secretary',
  'school_leader',
  'member',
  'sys_admin',
  'security_admin',
  'auditor',
];
const clients = {} as Record<RoleCode, Client>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  ids.a = await t.factory.people(tree.branchA.id, 4);
  const b = await t.factory.people(tree.branchB.id, 2);
  ids.self = await t.factory.person({ orgId: tree.branchA.id, name: '本人党员' });
  for (const p of [...ids.a, ...b, ids.self]) await giveNumbers(p);

  // A closed 支部党员大会 with minutes and an attachment; a held one for the sign-in code.
  ids.activity = await closedGeneralMeeting(t.db, { orgId: tree.branchA.id, onDate: today, present: ids.a });
  await t.db
    .updateTable('activity')
    .set({ host_person_id: ids.a[0]!, recorder_person_id: ids.a[1]! })
    .where('id', '=', ids.activity)
    .execute();
  ids.attachment = (
    await t.db
      .insertInto('activity_attachment')
      .values({
        activity_id: ids.activity,
        kind: 'file',
        file_name: 'a.txt',
        mime_type: 'text/plain',
        size: 1,
        sha256: '0'.repeat(64),
        content: Buffer.from('a'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  ids.held = await insertActivity(t.db, {
    orgId: tree.branchA.id,
    kind: 'general_meeting',
    onDate: today,
    status: 'held',
    attendees: [{ personId: ids.a[0]!, status: 'expected' }],
  });

  // A dossier whose applicant has numbers, with a document and two Word materials available.
  const events: RecruitmentEvent[] = [
    { step: 'application', date: '2026-03-01', actorId: 1, documents: [] },
    { step: 'application_talk', date: '2026-03-10', actorId: 1, documents: [] },
  ];
  const dossier = await insertDossier(t.db, { orgId: tree.branchA.id, events, name: '申请人甲' });
  ids.dossier = dossier.id;
  ids.applicant = dossier.personId;
  await giveNumbers(dossier.personId, '2003-09-01');
  ids.document = (
    await t.db
      .insertInto('recruitment_document')
      .values({
        recruitment_id: dossier.id,
        kind: 'application_letter',
        title: '入党申请书',
        on_date: '2026-03-01',
        file_name: 'a.txt',
        mime_type: 'text/plain',
        size: 1,
        sha256: '0'.repeat(64),
        content: Buffer.from('a'),
        uploader_name: '测试',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

  for (const role of roles)
    clients[role] = await t.as(
      [
        {
          role,
          orgId:
            role === 'branch_secretary'
              ? tree.branchA.id
              : role === 'general_branch_secretary'
                ? tree.general.id
                : null,
        },
      ],
      role === 'member' ? { personId: ids.self } : {},
    );

  // An outgoing letter (the printed letter holds the number) and an incoming one (a snapshot holds it).
  const sec = clients.branch_secretary;
  const out = await sec.post('/api/transfers', {
    kind: 'outgoing',
    personId: ids.a[3],
    externalOrgName: '中共杭州市西湖区委组织部',
    validDays: 30,
    duesPaidUntil: '2026-05',
  });
  expect(out.statusCode, out.body).toBe(201);
  ids.transfer = out.json().id;
  const incomingId = idFor('1992-08-18');
  const incomingPhone = phoneFor();
  secrets.push({ personId: null, value: incomingId }, { personId: null, value: incomingPhone });
  const inc = await sec.post('/api/transfers', {
    kind: 'incoming',
    letterNumber: '西组转〔2026〕88号',
    externalOrgName: '中共杭州市西湖区委组织部',
    issuedOn: '2026-06-05',
    validDays: 30,
    toOrgId: tree.branchA.id,
    person: {
      name: '转入人员',
      gender: 'male',
      ethnicity: '01',
      idNumber: incomingId,
      phone: incomingPhone,
      category: 'staff',
      partyStatus: 'full',
      joinedOn: '2014-06-01',
      confirmedOn: '2015-06-01',
    },
  });
  expect(inc.statusCode, inc.body).toBe(201);
  ids.incoming = inc.json().id;

  // The member asks to correct their own phone: the request holds a new full number.
  const newPhone = phoneFor();
  secrets.push({ personId: ids.self, value: newPhone });
  const corr = await clients.member.post('/api/me/member/corrections', {
    changes: { phone: newPhone },
    reason: '手机号码已更换',
  });
  expect(corr.statusCode, corr.body).toBe(201);
  ids.correction = corr.json().id;
  // A finding assigned to a member whose numbers are secret: its detail names the person, never the numbers.
  const alerts = await clients.org_admin!.get(`/api/alerts?orgId=${tree.branchA.id}&pageSize=1`);
  ids.alertKey = alerts.json().items[0].key;
  const assigned = await clients.org_admin!.post(`/api/alerts/${ids.alertKey}/assign`, {
    personId: ids.a[0],
  });
  expect(assigned.statusCode, assigned.body).toBe(200);
  // A rectification item whose 责任人 has secret numbers, with the transfer of another linked and a file.
  const item = await sec.post('/api/rectifications', {
    orgId: tree.branchA.id,
    source: 'manual',
    problem: '党员组织关系转接未及时办理',
    responsiblePersonId: ids.a[0],
    deadline: '2026-07-31',
  });
  expect(item.statusCode, item.body).toBe(201);
  ids.rectification = item.json().id;
  // A supervised task of the 党委会 led by the branch, with a progress report.
  const meeting = await insertActivity(t.db, {
    orgId: tree.committee.id,
    kind: 'committee_meeting',
    onDate: '2026-06-10',
    title: '党委会',
  });
  const task = await clients.org_admin!.post('/api/supervised-tasks', {
    activityId: meeting,
    title: '党员组织关系集中排查',
    leadOrgId: tree.branchA.id,
    deadline: '2026-07-31',
  });
  expect(task.statusCode, task.body).toBe(201);
  ids.supervisedTask = task.json().id;
  // A cadre over a member whose numbers are secret: the cadre file must not carry them.
  const cadreUnit = await t.db
    .insertInto('unit')
    .values({ name: '机电工程学院', kind: 'college' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cadre = await clients.org_admin!.post('/api/cadres', {
    personId: ids.a[0],
    post: {
      unitId: cadreUnit.id,
      title: '党总支书记',
      level: 'principal',
      track: 'party',
      startOn: '2026-03-01',
    },
  });
  expect(cadre.statusCode, cadre.body).toBe(201);
  ids.cadre = cadre.json().id;
  // …with a 交流 in its history.
  const rotated = await clients.org_admin!.post(`/api/cadres/${ids.cadre}/rotations`, {
    version: cadre.json().version,
    fromPostId: cadre.json().currentPosts[0].id,
    kind: 'exchange',
    onDate: '2026-06-01',
    to: { unitId: cadreUnit.id, title: '副院长', level: 'deputy', track: 'admin', startOn: '2026-06-01' },
  });
  expect(rotated.statusCode, rotated.body).toBe(201);
  const appointment = await clients.org_admin!.post('/api/cadre-appointments', {
    personId: ids.a[1],
    unitId: cadreUnit.id,
    postTitle: '副院长',
    level: 'deputy',
    track: 'admin',
  });
  expect(appointment.statusCode, appointment.body).toBe(201);
  ids.cadreAppointment = appointment.json().id;
  // The yearly review of that cadre: its rows name the cadre, never their numbers.
  const cadreReview = await clients.org_admin!.post('/api/cadre-reviews', { year: 2026 });
  expect(cadreReview.statusCode, cadreReview.body).toBe(201);
  ids.cadreReview = cadreReview.json().id;
  // A reserve candidate over the same member: the reserve file must not carry the numbers either.
  const reserve = await clients.org_admin!.post('/api/cadre-reserve', {
    personId: ids.a[0],
    level: 'deputy',
    nominatedOn: '2026-03-01',
    nominationSource: '组织推荐',
  });
  expect(reserve.statusCode, reserve.body).toBe(201);
  ids.reserve = reserve.json().id;
  // A course of branch A with members whose numbers are secret, and an external training proven by a file.
  const course = await sec.post('/api/trainings', {
    orgId: tree.branchA.id,
    title: '党员集中轮训',
    startsOn: '2026-06-01',
    endsOn: '2026-06-02',
    hours: 8,
    personIds: [ids.a[0], ids.a[1]],
  });
  expect(course.statusCode, course.body).toBe(201);
  ids.training = course.json().id;
  const external = await sec.post('/api/external-trainings', {
    personId: ids.a[0],
    title: '网络专题培训',
    organiser: '共产党员网',
    startsOn: '2026-05-01',
    endsOn: '2026-05-10',
    hours: 6,
  });
  expect(external.statusCode, external.body).toBe(201);
  ids.externalTraining = external.json().id;
  const certificate = await t.app.inject({
    method: 'POST',
    url: `/api/external-trainings/${ids.externalTraining}/certificate?fileName=${encodeURIComponent('证书.pdf')}`,
    headers: { cookie: sec.cookie, 'x-csrf-token': sec.csrf, 'content-type': 'application/octet-stream' },
    payload: Buffer.from('%PDF-1.4\n结业证书\n%%EOF\n'),
  });
  expect(certificate.statusCode, certificate.body).toBe(201);
  // A 巡察 round of the 总支 whose feedback names a 责任人 of branch A.
  const round = await clients.org_admin!.post('/api/inspections', {
    name: '十四届党委第三轮巡察',
    kind: 'regular',
    startsOn: '2026-04-01',
    endsOn: '2026-05-15',
    orgIds: [tree.general.id],
    team: [{ role: 'leader', name: '王建国', personId: ids.a[2] }],
  });
  expect(round.statusCode, round.body).toBe(201);
  ids.inspection = round.json().id;
  const fed = await clients.org_admin!.post(
    `/api/inspections/${ids.inspection}/units/${tree.general.id}/feedback`,
    {
      feedbackOn: '2026-06-10',
      problems: [{ problem: '发展党员工作台账不完整', responsiblePersonId: ids.a[1] }],
    },
  );
  expect(fed.statusCode, fed.body).toBe(200);
  const campaign = await clients.org_admin!.post('/api/rectification-campaigns', {
    name: '2026年“个个过关、全面过硬”问题清单',
    year: 2026,
    kind: 'all_pass_check',
    orgIds: [tree.branchA.id],
    listDueOn: '2026-07-15',
    summaryDueOn: '2026-09-30',
  });
  expect(campaign.statusCode, campaign.body).toBe(201);
  ids.campaign = campaign.json().id;
  // A 星级 round over the college, branch A's 自评 linking the transfer of one of its members.
  const system = await clients.org_admin!.post('/api/indicator-systems', {
    source: 'template',
    template: 'star_branch',
    year: 2026,
  });
  expect(system.statusCode, system.body).toBe(201);
  ids.indicatorSystem = system.json().id;
  const assessment = await clients.org_admin!.post('/api/assessments', {
    systemId: ids.indicatorSystem,
    title: '2026年上半年星级党支部评定',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-14',
    scopeOrgId: tree.committee.id,
  });
  expect(assessment.statusCode, assessment.body).toBe(201);
  ids.assessment = assessment.json().id;
  const card = await sec.get(`/api/assessments/${ids.assessment}/orgs/${tree.branchA.id}`);
  const judged = await sec.put(`/api/assessments/${ids.assessment}/orgs/${tree.branchA.id}`, {
    judgements: [{ itemId: 'C5', value: 3, links: [{ kind: 'transfer', id: String(ids.transfer) }] }],
    version: card.json().version,
  });
  expect(judged.statusCode, judged.body).toBe(200);
  // A 述职评议 of the 总支 reviewing branch A's secretary (a member with full numbers seeded).
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2025-01-01',
    end: '2028-01-01',
    team: [{ personId: ids.a[0]!, post: 'secretary' }],
  });
  const review = await clients.org_admin!.post('/api/duty-reviews', {
    year: 2026,
    orgId: tree.general.id,
    level: 'branch',
  });
  expect(review.statusCode, review.body).toBe(201);
  ids.dutyReview = review.json().id;
  ids.dutySubject = review.json().subjects[0].id;
  // A 民主评议党员 of branch A (its members with full numbers seeded) in its 民主测评, a ballot of the ballots module
  // whose roll holds them; closed, so the tally answers too.
  const appraisal = await sec.post('/api/member-appraisals', { orgId: tree.branchA.id, year: 2026 });
  expect(appraisal.statusCode, appraisal.body).toBe(201);
  ids.appraisal = appraisal.json().id;
  const voting = await sec.post(`/api/member-appraisals/${ids.appraisal}/transitions`, {
    transition: 'open_voting',
    votingClosesOn: '2026-06-25',
  });
  expect(voting.statusCode, voting.body).toBe(200);
  ids.ballot = voting.json().ballot.id;
  expect((await sec.post(`/api/ballots/${ids.ballot}/close`)).statusCode).toBe(200);
  const linked = await sec.post(`/api/rectifications/${ids.rectification}/evidence`, {
    kind: 'transfer',
    recordId: ids.transfer,
  });
  expect(linked.statusCode, linked.body).toBe(201);
  ids.evidenceFile = (
    await t.db
      .insertInto('rectification_evidence')
      .values({
        rectification_id: ids.rectification,
        kind: 'file',
        note: '线下材料',
        file_name: 'a.txt',
        mime_type: 'text/plain',
        size: 1,
        sha256: '0'.repeat(64),
        content: Buffer.from('a'),
        added_by_name: '测试',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

describe('masking', () => {
  it('every GET route has URLs to exercise it', () => {
    const unknown = t.app.routeTable
      .filter((r) => r.method === 'GET' && !(`${r.method} ${r.url}` in urls))
      .map((r) => r.url);
    expect(unknown).toEqual([]);
  });

  for (const role of roles) {
    it(`as ${role}: no full ID number or phone without unmasked=true and the permission, and each such read audited`, async () => {
      const c = clients[role];
      const maySee = (roleDefinitions[role].permissions as readonly string[]).includes(
        'member:member:sensitive',
      );
      const leaks: string[] = [];
      const reached: string[] = [];
      for (const r of t.app.routeTable.filter((x) => x.method === 'GET')) {
        for (const base of urls[`${r.method} ${r.url}`]?.() ?? []) {
          for (const url of [base, withUnmasked(base)]) {
            const before = await auditCount();
            const res = await c.get(url);
            if (res.statusCode < 400) reached.push(url);
            const text = textOf(res.rawPayload);
            const shown = secrets.filter((s) => text.includes(s.value));
            if (shown.length === 0) continue;
            const own =
              url.startsWith('/api/me/') && shown.every((s) => s.personId === ids.self && role === 'member');
            if (own) continue;
            const asked = url !== base && maySee;
            const audited = (await auditCount()) > before;
            if (!asked || !audited)
              leaks.push(
                `${url} shows ${shown.map((s) => s.value).join(', ')} (asked: ${asked}, audited: ${audited})`,
              );
          }
        }
      }
      expect(leaks).toEqual([]);
      // The walk reached real answers, not only refusals.
      expect(reached.length).toBeGreaterThan(3);
    });
  }

  it('a holder of the permission who asks does see full numbers where they are shown (and it is audited)', async () => {
    const sec = clients.branch_secretary;
    const secret = secrets.find((s) => s.personId === ids.a[0])!.value;
    for (const url of [`/api/members/${ids.a[0]}?unmasked=true`, `/api/members?unmasked=true`]) {
      const before = await auditCount();
      const res = await sec.get(url);
      expect(res.body, url).toContain(secret);
      expect(await auditCount(), url).toBe(before + 1);
    }
    const applicantId = secrets.find((s) => s.personId === ids.applicant)!.value;
    const before = await auditCount();
    const dossier = await sec.get(`/api/recruitment/${ids.dossier}?unmasked=true`);
    expect(dossier.json().person.masked).toBe(false);
    expect(dossier.body).toContain(applicantId);
    expect(await auditCount()).toBe(before + 1);
    const masked = await sec.get(`/api/recruitment/${ids.dossier}`);
    expect(masked.json().person.masked).toBe(true);
    expect(masked.body).not.toContain(applicantId);
  });
});
