import type { ActivityDetail, ActivityPage, InviteeList, MyActivities } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxContentType } from '../src/http/download.ts';
import { hostileUploads, realDocx, realPdf, realPng } from './fixtures/uploads.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let secA: Client;
let secB: Client;
let general: Client;
let leader: Client;
let memberC: Client;
let full: number[];
let probationary: number;
let dualLeader: number;
let groupMember: number;
let movedIn: number;
let committeeMembers: number[];
let memberPerson: number;

const day = '2026-06-18';
const at = (d: string, time = '14:00') => `${d}T${time}:00+08:00`;

async function create(c: Client, body: Record<string, unknown>) {
  return c.post('/api/activities', {
    orgId: tree.branchA.id,
    kind: 'general_meeting',
    title: '支部党员大会',
    startsAt: at(day),
    ...body,
  });
}
async function created(body: Record<string, unknown> = {}): Promise<ActivityDetail> {
  const res = await create(secA, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as ActivityDetail;
}
async function step(a: { id: number }, name: string, extra: Record<string, unknown> = {}) {
  const version = ((await secA.get(`/api/activities/${a.id}`)).json() as ActivityDetail).version;
  return secA.post(`/api/activities/${a.id}/${name}`, { version, ...extra });
}
async function held(body: Record<string, unknown> = {}): Promise<ActivityDetail> {
  const a = await created(body);
  const res = await step(a, 'start');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ActivityDetail;
}
async function markPresent(a: { id: number }, personIds: number[]) {
  for (const personId of personIds) {
    const r = await secA.post(`/api/activities/${a.id}/attendance`, {
      personId,
      status: 'present',
      reason: '现场签到',
    });
    expect(r.statusCode, r.body).toBe(200);
  }
}
async function closed(): Promise<ActivityDetail> {
  const a = await held();
  // Someone attended: a record nobody attended cannot be archived as held.
  await markPresent(a, [full[0]!]);
  const v = ((await secA.get(`/api/activities/${a.id}`)).json() as ActivityDetail).version;
  expect(
    (await secA.patch(`/api/activities/${a.id}`, { minutes: '会议记录正文', version: v })).statusCode,
  ).toBe(200);
  const res = await step(a, 'close');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ActivityDetail;
}

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  const group = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '软件第一党小组' });
  full = await t.factory.people(tree.branchA.id, 6);
  probationary = await t.factory.person({
    orgId: tree.branchA.id,
    status: 'probationary',
    name: '预备党员甲',
  });
  groupMember = await t.factory.person({ orgId: group.id, name: '小组党员' });
  dualLeader = await t.factory.person({ orgId: tree.branchA.id, name: '校党委委员' });
  await t.factory.term({
    orgId: tree.committee.id,
    start: '2024-01-01',
    end: '2029-01-01',
    teamKind: 'committee',
    team: [{ personId: dualLeader, post: 'committee_member' }],
  });
  committeeMembers = full.slice(0, 3);
  await t.factory.term({
    orgId: tree.branchA.id,
    start: '2025-01-01',
    end: '2028-01-01',
    teamKind: 'committee',
    team: [
      { personId: full[0]!, post: 'secretary' },
      { personId: full[1]!, post: 'organization_officer' },
      { personId: full[2]!, post: 'publicity_officer' },
    ],
  });
  movedIn = await t.factory.person({ orgId: tree.branchA.id, name: '转入党员' });
  await t.db
    .insertInto('person_event')
    .values({ person_id: movedIn, kind: 'transferred', on_date: '2026-06-20', summary: '校内转入' })
    .execute();
  memberPerson = full[5]!;
  [admin, secA, secB, general, leader, memberC] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
    t.as([{ role: 'member', orgId: null }], { personId: memberPerson }),
  ]);
});
afterAll(() => t?.close());

describe('access', () => {
  it('answers 401, 403 and 404 as the scope and permissions say', async () => {
    const a = await created();
    const urls = [`/api/activities`, `/api/activities/${a.id}`, `/api/me/activities`, `/api/me/attendance`];
    for (const url of urls) expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
    expect((await t.anonymous.post(`/api/activities/${a.id}/start`, { version: 0 })).statusCode).toBe(401);
    expect((await memberC.get('/api/activities')).statusCode).toBe(403);
    expect((await memberC.get(`/api/activities/${a.id}`)).statusCode).toBe(403);
    expect((await leader.get(`/api/activities/${a.id}`)).statusCode).toBe(200);
    expect((await create(leader, {})).statusCode).toBe(403);
    expect((await leader.post(`/api/activities/${a.id}/start`, { version: a.version })).statusCode).toBe(403);
    expect((await secA.post(`/api/activities/${a.id}/reviews`, { rating: 'standard' })).statusCode).toBe(403);
    // Another branch's secretary: the record does not exist for them.
    expect((await secB.get(`/api/activities/${a.id}`)).statusCode).toBe(404);
    expect(
      (await secB.patch(`/api/activities/${a.id}`, { title: '改名', version: a.version })).statusCode,
    ).toBe(404);
    expect((await secB.post(`/api/activities/${a.id}/start`, { version: a.version })).statusCode).toBe(404);
    expect(
      (
        await secB.post(`/api/activities/${a.id}/attendance`, {
          personId: full[0],
          status: 'present',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await secB.put(`/api/activities/${a.id}/resolutions`, { items: [], version: a.version })).statusCode,
    ).toBe(404);
    expect((await secB.get(`/api/activities/${a.id}/sign-in-code`)).statusCode).toBe(404);
    expect((await create(secB, {})).statusCode).toBe(400);
    expect((await secA.get('/api/activities/999999')).statusCode).toBe(404);
    const listB = (await secB.get('/api/activities')).json() as ActivityPage;
    expect(listB.items.find((i) => i.id === a.id)).toBeUndefined();
    const listA = (
      await secA.get(`/api/activities?kind=general_meeting&from=${day}&to=${day}`)
    ).json() as ActivityPage;
    expect(listA.items.find((i) => i.id === a.id)?.counts.expected).toBeGreaterThan(0);
  });
});

describe('planning', () => {
  it('names the field of a bad input and changes nothing', async () => {
    const before = await t.db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await create(secA, { startsAt: '2026-06-18 14:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('开始时间');
    const order = await create(secA, { endsAt: at(day, '13:00') });
    expect(order.statusCode).toBe(400);
    expect(order.json().message).toContain('结束时间');
    const kind = await create(secA, { kind: 'theme_day', orgId: tree.general.id });
    expect(kind.json().message).toContain('党组织');
    const talk = await create(secA, { kind: 'talk', hostPersonId: full[0] });
    expect(talk.json().message).toContain('谈话对象');
    const host = await create(secA, { hostPersonId: await t.factory.person({ orgId: tree.branchB.id }) });
    expect(host.json().message).toContain('主持人');
    const first = await create(secA, {
      agenda: [
        { title: '学习讲话', isFirstTopic: true },
        { title: '再学习', isFirstTopic: true },
      ],
    });
    expect(first.statusCode).toBe(400);
    const after = await t.db
      .selectFrom('activity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('computes the attendees from the org on the day', async () => {
    const a = await created();
    const ids = a.attendees.map((x) => x.personId);
    expect(ids).toEqual(expect.arrayContaining([...full, probationary, groupMember, dualLeader]));
    expect(ids).not.toContain(movedIn);
    expect(a.attendees.find((x) => x.personId === probationary)).toMatchObject({
      partyStatus: 'probationary',
      mayVote: false,
    });
    expect(a.attendees.find((x) => x.personId === full[3])).toMatchObject({ role: 'member', mayVote: true });
    const dual = a.attendees.find((x) => x.personId === dualLeader)!;
    expect(dual.role).toBe('dual_life');
    expect(dual.leaderPosts[0]).toContain('中共测试学院委员会');
    expect(a.votes).toMatchObject({ entitled: 8, presentEntitled: 0, quorumReached: false, neededToPass: 5 });

    const later = await created({ startsAt: at('2026-06-25') });
    expect(later.attendees.map((x) => x.personId)).toContain(movedIn);
    // Moving the date before the meeting recomputes the list.
    const moved = await secA.patch(`/api/activities/${later.id}`, {
      startsAt: at(day),
      version: later.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as ActivityDetail).attendees.map((x) => x.personId)).not.toContain(movedIn);

    const committee = await created({ kind: 'committee_meeting', title: '支委会' });
    expect(committee.attendees.map((x) => x.personId).sort()).toEqual([...committeeMembers].sort());
    const preview = (
      await secA.get(`/api/activities/invitees?orgId=${tree.branchA.id}&kind=committee_meeting&date=${day}`)
    ).json() as InviteeList;
    expect(preview.items).toHaveLength(3);
    const talk = await created({
      kind: 'talk',
      title: '谈心谈话',
      hostPersonId: full[0],
      partnerPersonId: full[4],
      topic: '思想交流',
    });
    expect(talk.attendees.map((x) => x.personId)).toEqual([full[0], full[4]]);
  });
});

describe('life cycle', () => {
  it('publishes, starts, refuses a stale version, closes with minutes and turns the expected absent', async () => {
    const a = await created();
    const noNotice = await step(a, 'publish');
    expect(noNotice.statusCode).toBe(400);
    expect(noNotice.json().message).toContain('会议通知');
    expect(
      (await secA.patch(`/api/activities/${a.id}`, { notice: '周四下午开会', version: a.version }))
        .statusCode,
    ).toBe(200);
    const stale = await secA.post(`/api/activities/${a.id}/publish`, { version: a.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('刷新');
    const published = await step(a, 'publish');
    expect(published.statusCode).toBe(200);
    expect((published.json() as ActivityDetail).noticePublishedAt).not.toBeNull();
    expect((await step(a, 'close')).statusCode).toBe(409);
    const started = (await step(a, 'start')).json() as ActivityDetail;
    expect(started).toMatchObject({ status: 'held', signInOpen: true });
    expect(started.abilities).toMatchObject({
      close: true,
      manageAttendance: true,
      showSignInCode: true,
      publish: false,
    });
    await markPresent(a, [full[0]!]);
    const noMinutes = await step(a, 'close');
    expect(noMinutes.statusCode).toBe(400);
    expect(noMinutes.json().message).toContain('会议记录');
    const v = ((await secA.get(`/api/activities/${a.id}`)).json() as ActivityDetail).version;
    expect(
      (await secA.patch(`/api/activities/${a.id}`, { minutes: '会议记录', version: v })).statusCode,
    ).toBe(200);
    const closedRes = await step(a, 'close');
    expect(closedRes.statusCode).toBe(200);
    const c = closedRes.json() as ActivityDetail;
    expect(c.status).toBe('closed');
    expect(c.counts).toMatchObject({ present: 1, absent: c.attendees.length - 1, pending: 0 });
    const ro = await secA.patch(`/api/activities/${a.id}`, { minutes: '改', version: c.version });
    expect(ro.statusCode).toBe(409);
    expect(ro.json().message).toContain('已归档');
    expect((await step(a, 'cancel', { reason: '取消' })).statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(a.id))
      .execute();
    expect(audit.map((x) => x.action)).toEqual(
      expect.arrayContaining(['activity.create', 'activity.publish', 'activity.close']),
    );
  });

  it('cancels with a reason only', async () => {
    const a = await created();
    expect((await step(a, 'cancel')).statusCode).toBe(400);
    const res = await step(a, 'cancel', { reason: '与期末考试冲突' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as ActivityDetail).cancelReason).toBe('与期末考试冲突');
  });
});

describe('attendance and leave', () => {
  it('lets a member ask for leave and the secretary approve or refuse it', async () => {
    const a = await created();
    const mine = (await memberC.get('/api/me/activities')).json() as MyActivities;
    expect(mine.upcoming.find((x) => x.id === a.id)).toMatchObject({
      myStatus: 'expected',
      canRequestLeave: true,
    });
    const asked = await memberC.post(`/api/activities/${a.id}/leave`, { reason: '外出培训' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await memberC.post(`/api/activities/${a.id}/leave`, { reason: '再次' })).statusCode).toBe(409);
    const outsiderLeave = await secB.post(`/api/activities/${a.id}/leave`, { reason: '不在名单' });
    expect(outsiderLeave.statusCode).toBe(403);
    expect(outsiderLeave.json().code).toBe('NOT_INVITED');
    const approved = await secA.post(`/api/activities/${a.id}/leave/${memberPerson}/decision`, {
      approve: true,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const row = (approved.json() as ActivityDetail).attendees.find((x) => x.personId === memberPerson)!;
    expect(row.status).toBe('leave');
    expect(row.leave).toMatchObject({ status: 'approved', reason: '外出培训' });

    const b = await created();
    await memberC.post(`/api/activities/${b.id}/leave`, { reason: '身体不适' });
    const refused = await secA.post(`/api/activities/${b.id}/leave/${memberPerson}/decision`, {
      approve: false,
      note: '请尽量参加',
    });
    const r = (refused.json() as ActivityDetail).attendees.find((x) => x.personId === memberPerson)!;
    expect(r.status).toBe('expected');
    expect(r.leave).toMatchObject({ status: 'rejected', note: '请尽量参加' });
  });

  it('needs a reason to mark someone present by hand, only while held', async () => {
    const planned = await created();
    expect(
      (
        await secA.post(`/api/activities/${planned.id}/attendance`, {
          personId: full[0],
          status: 'present',
          reason: '补签',
        })
      ).statusCode,
    ).toBe(409);
    const a = await held();
    const noReason = await secA.post(`/api/activities/${a.id}/attendance`, {
      personId: full[0],
      status: 'present',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('原因');
    const notListed = await secA.post(`/api/activities/${a.id}/attendance`, {
      personId: movedIn,
      status: 'present',
      reason: '补签',
    });
    expect(notListed.statusCode).toBe(400);
    const ok = await secA.post(`/api/activities/${a.id}/attendance`, {
      personId: full[0],
      status: 'present',
      reason: '手机没电',
    });
    const row = (ok.json() as ActivityDetail).attendees.find((x) => x.personId === full[0])!;
    expect(row).toMatchObject({ status: 'present', signInMethod: 'manual', manualReason: '手机没电' });
  });

  it('adds and removes guests (列席), never members', async () => {
    const a = await created();
    const guest = await t.factory.person({ orgId: tree.branchB.id, name: '列席人员' });
    // A guest is named from the caller's scope: branch A's secretary cannot reach into branch B (and the
    // answer is the one for a missing id), the 总支 secretary above both branches can.
    const foreign = await secA.post(`/api/activities/${a.id}/guests`, { add: [guest] });
    const missing = await secA.post(`/api/activities/${a.id}/guests`, { add: [2_000_000_000] });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    const added = await general.post(`/api/activities/${a.id}/guests`, { add: [guest] });
    expect((added.json() as ActivityDetail).attendees.find((x) => x.personId === guest)).toMatchObject({
      role: 'guest',
      mayVote: false,
    });
    expect((await secA.post(`/api/activities/${a.id}/guests`, { remove: [full[0]] })).statusCode).toBe(400);
    const removed = await secA.post(`/api/activities/${a.id}/guests`, { remove: [guest] });
    expect((removed.json() as ActivityDetail).attendees.find((x) => x.personId === guest)).toBeUndefined();
  });
});

describe('resolutions', () => {
  const vote = (o: Record<string, unknown>) => ({
    title: '接收预备党员',
    isVote: true,
    outcome: 'passed',
    ...o,
  });
  async function put(a: { id: number }, items: unknown[]) {
    const version = ((await secA.get(`/api/activities/${a.id}`)).json() as ActivityDetail).version;
    return secA.put(`/api/activities/${a.id}/resolutions`, { items, version });
  }

  it('records a motion that passed and refuses one claimed passed that did not', async () => {
    // 8 entitled (6 full members, the group member, the dual-life leader); the probationary member may not vote.
    const a = await held();
    expect(a.votes!.entitled).toBe(8);
    await markPresent(a, [...full, probationary]);
    const d = (await secA.get(`/api/activities/${a.id}`)).json() as ActivityDetail;
    expect(d.votes).toMatchObject({ presentEntitled: 6, quorumReached: true, neededToPass: 5 });
    const ok = await put(a, [
      vote({ votesFor: 5, votesAgainst: 1 }),
      { title: '通报', isVote: false, outcome: 'recorded' },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as ActivityDetail).resolutions[0]).toMatchObject({
      entitled: 8,
      presentEntitled: 6,
      votesFor: 5,
      outcome: 'passed',
    });

    const short = await put(a, [vote({ votesFor: 4, votesAgainst: 2 })]);
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('RESOLUTION_OUTCOME_MISMATCH');
    expect(short.json().message).toContain('第1项决议');
    // Written votes of absent entitled members tip it.
    expect((await put(a, [vote({ votesFor: 4, votesAgainst: 2, writtenFor: 1 })])).statusCode).toBe(200);
    // Too many votes for who was present.
    expect((await put(a, [vote({ votesFor: 7 })])).statusCode).toBe(422);
    // A passed vote recorded as failed is refused too.
    expect((await put(a, [vote({ votesFor: 6, outcome: 'failed' })])).statusCode).toBe(422);
    const stored = await t.db
      .selectFrom('activity_resolution')
      .selectAll()
      .where('activity_id', '=', a.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ votes_for: 4, written_for: 1, outcome: 'passed' });
  });

  it('refuses a motion passed without a quorum', async () => {
    const a = await held();
    await markPresent(a, full.slice(0, 4));
    const res = await put(a, [vote({ votesFor: 4, writtenFor: 1 })]);
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('半数');
    expect((await put(a, [vote({ votesFor: 4, writtenFor: 1, outcome: 'failed' })])).statusCode).toBe(200);
  });

  it('refuses resolutions of a record that is not held', async () => {
    const a = await created();
    expect((await put(a, [])).statusCode).toBe(409);
  });
});

describe('attachments', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 7),
  ]);
  const upload = (c: Client, id: number, q: string, body: Buffer, type = 'application/octet-stream') =>
    t.app.inject({
      method: 'POST',
      url: `/api/activities/${id}/attachments?${q}`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
      payload: body,
    });

  it('uploads, downloads and deletes a photo; refuses a fake photo and a file too large', async () => {
    const a = await held();
    const res = await upload(
      secA,
      a.id,
      `kind=photo&fileName=${encodeURIComponent('会场照片.png')}`,
      png,
      'image/png',
    );
    expect(res.statusCode, res.body).toBe(201);
    const f = (res.json() as ActivityDetail).attachments[0]!;
    expect(f).toMatchObject({
      kind: 'photo',
      mimeType: 'image/png',
      size: png.length,
      fileName: '会场照片.png',
    });
    const down = await secA.get(`/api/activities/${a.id}/attachments/${f.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(png)).toBe(true);
    expect(down.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('会场照片.png')}`,
    );
    // Clients that read only the plain name get what it is, with its extension.
    expect(down.headers['content-disposition']).toContain(
      `filename="activity-${a.id}-attachment-${f.id}.png"`,
    );
    expect((await secB.get(`/api/activities/${a.id}/attachments/${f.id}`)).statusCode).toBe(404);

    const fake = await upload(secA, a.id, 'kind=photo&fileName=x.jpg', Buffer.from('<svg>not a photo</svg>'));
    expect(fake.statusCode).toBe(415);
    const big = await upload(secA, a.id, 'kind=file&fileName=big.pdf', Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(big.statusCode).toBe(413);
    const doc = await upload(secA, a.id, 'kind=file&fileName=议程.pdf', Buffer.from('%PDF-1.4 test'));
    expect((doc.json() as ActivityDetail).attachments[1]).toMatchObject({ mimeType: 'application/pdf' });

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${a.id}/attachments/${f.id}`,
      headers: { cookie: secA.cookie, 'x-csrf-token': secA.csrf },
    });
    expect(del.statusCode, del.body).toBe(200);
    expect((await secA.get(`/api/activities/${a.id}/attachments/${f.id}`)).statusCode).toBe(404);
  });

  it('judges files by content: hostile files are refused under any name, real ones served with their type', async () => {
    const a = await held();
    for (const { what, content, names } of hostileUploads)
      for (const fileName of names)
        for (const kind of ['photo', 'file']) {
          const res = await upload(
            secA,
            a.id,
            `kind=${kind}&fileName=${encodeURIComponent(fileName)}`,
            content,
            'image/png',
          );
          expect(res.statusCode, `${what} as ${fileName} (${kind})`).toBe(415);
          expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
          expect(res.json().message).toMatch(/^(照片|附件)：/);
        }
    const docx = await realDocx();
    const accepted = [
      { q: 'kind=photo&fileName=p.png', body: realPng, type: 'image/png' },
      { q: 'kind=file&fileName=a.pdf', body: realPdf, type: 'application/pdf' },
      { q: `kind=file&fileName=${encodeURIComponent('纪要.docx')}`, body: docx, type: docxContentType },
    ];
    for (const f of accepted) {
      const res = await upload(secA, a.id, f.q, f.body, 'text/html');
      expect(res.statusCode, res.body).toBe(201);
      const stored = (res.json() as ActivityDetail).attachments.at(-1)!;
      expect(stored.mimeType).toBe(f.type);
      const down = await secA.get(`/api/activities/${a.id}/attachments/${stored.id}`);
      expect(down.headers['content-type']).toBe(f.type);
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect(down.rawPayload.equals(f.body)).toBe(true);
    }
  });
});

describe('supervision checks', () => {
  it('lets the 总支 or 组织部 rate a closed record and the branch answer once', async () => {
    const open = await created();
    expect(
      (await general.post(`/api/activities/${open.id}/reviews`, { rating: 'standard' })).statusCode,
    ).toBe(409);
    const a = await closed();
    expect(((await general.get(`/api/activities/${a.id}`)).json() as ActivityDetail).abilities.review).toBe(
      true,
    );
    const noComment = await general.post(`/api/activities/${a.id}/reviews`, { rating: 'nonstandard' });
    expect(noComment.statusCode).toBe(400);
    const res = await general.post(`/api/activities/${a.id}/reviews`, {
      rating: 'basic',
      contentComment: '学习内容不够具体',
      procedureComment: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    const review = (res.json() as ActivityDetail).reviews[0]!;
    expect(review).toMatchObject({ rating: 'basic', reviewerOrg: { id: tree.general.id } });
    expect((await admin.post(`/api/activities/${a.id}/reviews`, { rating: 'standard' })).statusCode).toBe(
      200,
    );

    const seen = (await secA.get(`/api/activities/${a.id}`)).json() as ActivityDetail;
    expect(seen.abilities).toMatchObject({ respond: true, review: false });
    expect(seen.rating).toBe('standard');
    const url = `/api/activities/${a.id}/reviews/${review.id}/response`;
    expect((await secB.post(url, { response: '已整改' })).statusCode).toBe(404);
    const answered = await secA.post(url, { response: '已补充学习材料' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as ActivityDetail).reviews[0]).toMatchObject({ response: '已补充学习材料' });
    expect((await secA.post(url, { response: '再答复' })).statusCode).toBe(409);
    const list = (await general.get('/api/activities?reviewed=true')).json() as ActivityPage;
    expect(list.items.map((i) => i.id)).toContain(a.id);
  });
});

describe('my activities', () => {
  it('shows the member their records and attendance', async () => {
    const res = await memberC.get('/api/me/activities');
    expect(res.statusCode).toBe(200);
    const mine = res.json() as MyActivities;
    expect(mine.upcoming.length).toBeGreaterThan(0);
    const att = await memberC.get('/api/me/attendance?year=2026');
    expect(att.statusCode, att.body).toBe(200);
    expect(att.json().personId).toBe(memberPerson);
  });
});
