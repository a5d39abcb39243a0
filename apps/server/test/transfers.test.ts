import { inflateRawSync } from 'node:zlib';
import { idNumberCheckChar, type TransferDetail, type TransferPage } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPrintFrame, titleParagraphXml } from './fixtures/docx.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;
type Finding = { ruleId: string; orgId: number; message: string; clause: { source: string; text: string } };

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let groupA: number;
let temporary: number;
let admin: Client;
let secA: Client;
let secB: Client;
let secOther: Client;
let leader: Client;

/** A valid 18-character ID number for a birth date 'YYYYMMDD' (odd `seq` digit 3 → male). */
function idNumber(birth: string, seq = '123'): string {
  const body = `110105${birth}${seq}`;
  return body + idNumberCheckChar(body);
}

/** The text of one entry of a zip archive (a .docx), read through its central directory. */
function readZipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLength) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the archive`);
}

const person = (id: number) =>
  t.db
    .selectFrom('person')
    .select(['id', 'name', 'status', 'org_id', 'left_on', 'id_number'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const openPosts = (personId: number) =>
  t.db
    .selectFrom('appointment')
    .select(['org_id', 'post', 'end_date'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
const events = async (personId: number) =>
  (
    await t.db
      .selectFrom('person_event')
      .select('kind')
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute()
  ).map((e) => e.kind);
const alerts = async (c: Client, ruleId: string) =>
  ((await c.get(`/api/alerts?ruleId=${ruleId}`)).json() as { items: Finding[] }).items;

beforeAll(async () => {
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  groupA = (await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '软件第一党小组' })).id;
  temporary = (
    await t.factory.org({ parentId: tree.general.id, type: 'temporary_branch', name: '实习临时党支部' })
  ).id;
  [admin, secA, secB, secOther, leader] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
    t.as([{ role: 'school_leader', orgId: null }]),
  ]);
});
afterAll(() => t.close());

describe('access', () => {
  it('401 without a session, 403 without the permission', async () => {
    expect((await t.anonymous.get('/api/transfers')).statusCode).toBe(401);
    const member = await t.as([{ role: 'member', orgId: null }]);
    expect((await member.get('/api/transfers')).statusCode).toBe(403);
    const res = await leader.post('/api/transfers', { kind: 'internal' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('is documented in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/transfers'].get).toBeDefined();
    expect(doc.paths['/api/transfers'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/transfers/{id}/letter.docx'].get).toBeDefined();
  });
});

describe('internal transfer requested by the sending branch', () => {
  let personId: number;
  let transfer: TransferDetail;

  beforeAll(async () => {
    personId = await t.factory.person({ orgId: groupA, name: '赵书记' });
    await t.factory.people(tree.branchA.id, 3);
    await t.factory.term({
      orgId: tree.branchA.id,
      start: '2024-01-01',
      end: '2027-01-01',
      team: [{ personId, post: 'secretary' }],
    });
    await t.db
      .insertInto('appointment')
      .values([
        { person_id: personId, org_id: groupA, post: 'group_leader', start_date: '2024-01-01' },
        { person_id: personId, org_id: tree.general.id, post: 'organiser', start_date: '2024-01-01' },
      ])
      .execute();
  });

  it('the sending branch asks; the request is visible to both sides only', async () => {
    const res = await secA.post('/api/transfers', {
      kind: 'internal',
      requestedSide: 'from',
      personId,
      toOrgId: tree.branchB.id,
      requestedOn: '2026-06-10',
      reason: '工作调动',
    });
    expect(res.statusCode).toBe(201);
    transfer = res.json();
    expect(transfer).toMatchObject({
      kind: 'internal',
      status: 'requested',
      personName: '赵书记',
      fromOrgId: groupA,
      toOrgId: tree.branchB.id,
      requestedSide: 'from',
      waitingDays: 5,
    });
    expect(transfer.abilities).toMatchObject({ confirm: false, reject: false, cancel: true });

    const seenByB = (await secB.get(`/api/transfers/${transfer.id}`)).json() as TransferDetail;
    expect(seenByB.abilities).toMatchObject({ confirm: true, reject: true, cancel: false });
    expect((await secOther.get(`/api/transfers/${transfer.id}`)).statusCode).toBe(404);
    const otherList = (await secOther.get('/api/transfers')).json() as TransferPage;
    expect(otherList.items.map((i) => i.id)).not.toContain(transfer.id);
    const leaderView = (await leader.get(`/api/transfers/${transfer.id}`)).json() as TransferDetail;
    expect(Object.values(leaderView.abilities).some(Boolean)).toBe(false);
  });

  it('the answering branch has it in 待办; the asking branch does not', async () => {
    const kinds = async (c: typeof secA) =>
      ((await c.get('/api/inbox')).json() as { items: { kind: string; link: string }[] }).items
        .filter((i) => i.kind === 'transfer.confirm')
        .map((i) => i.link);
    expect(await kinds(secB)).toEqual(['/transfers']);
    expect(await kinds(secA)).toEqual([]);
    expect(await kinds(secOther)).toEqual([]);
  });

  it('the requesting side cannot confirm its own request; an outsider gets 404', async () => {
    const own = await secA.post(`/api/transfers/${transfer.id}/confirm`, { version: transfer.version });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toContain('另一方');
    const outsider = await secOther.post(`/api/transfers/${transfer.id}/confirm`, {
      version: transfer.version,
    });
    expect(outsider.statusCode).toBe(404);
  });

  it('a second transfer of the same member waits for the first', async () => {
    const res = await secA.post('/api/transfers', {
      kind: 'internal',
      requestedSide: 'from',
      personId,
      toOrgId: tree.other.id,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('尚未办结');
  });

  it('the receiving branch confirms: the member moves and the posts in the old branch end', async () => {
    const stale = await secB.post(`/api/transfers/${transfer.id}/confirm`, { version: transfer.version + 1 });
    expect(stale.statusCode).toBe(409);
    const future = await secB.post(`/api/transfers/${transfer.id}/confirm`, {
      version: transfer.version,
      transferredOn: '2026-06-16',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.fields[0].path).toBe('transferredOn');

    const before = (await admin.get('/api/orgs')).json() as { id: number; memberCount: number }[];
    const res = await secB.post(`/api/transfers/${transfer.id}/confirm`, {
      version: transfer.version,
      transferredOn: '2026-06-12',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', decidedOn: '2026-06-12' });
    expect(Object.values(res.json().abilities).some(Boolean)).toBe(false);

    expect((await person(personId)).org_id).toBe(tree.branchB.id);
    expect(await openPosts(personId)).toEqual([
      { org_id: tree.branchA.id, post: 'secretary', end_date: '2026-06-12' },
      { org_id: groupA, post: 'group_leader', end_date: '2026-06-12' },
      { org_id: tree.general.id, post: 'organiser', end_date: null },
    ]);
    expect(await events(personId)).toEqual(['transfer_requested', 'post_ended', 'post_ended', 'transferred']);

    const after = (await admin.get('/api/orgs')).json() as { id: number; memberCount: number }[];
    const count = (list: typeof after, id: number) => list.find((o) => o.id === id)!.memberCount;
    expect(count(after, tree.branchA.id)).toBe(count(before, tree.branchA.id) - 1);
    expect(count(after, tree.branchB.id)).toBe(count(before, tree.branchB.id) + 1);
    // Now the branch has no secretary: the org rules see it at once.
    expect((await alerts(admin, 'team.secretary_missing')).some((f) => f.orgId === tree.branchA.id)).toBe(
      true,
    );

    const again = await secB.post(`/api/transfers/${transfer.id}/confirm`, { version: transfer.version + 1 });
    expect(again.statusCode).toBe(422);
  });
});

describe('internal transfer requested by the receiving branch', () => {
  let personId: number;
  const id = idNumber('19900307');

  beforeAll(async () => {
    personId = await t.factory.person({ orgId: tree.branchA.id, name: '钱多多' });
    await t.db.updateTable('person').set({ id_number: id }).where('id', '=', personId).execute();
  });

  it('names the member by 姓名 and 身份证号, which must match the roster', async () => {
    const wrong = await secB.post('/api/transfers', {
      kind: 'internal',
      requestedSide: 'to',
      personName: '钱少少',
      idNumber: id,
      toOrgId: tree.branchB.id,
    });
    expect(wrong.statusCode).toBe(404);
    const notMine = await secB.post('/api/transfers', {
      kind: 'internal',
      requestedSide: 'to',
      personName: '钱多多',
      idNumber: id,
      toOrgId: tree.other.id,
    });
    expect(notMine.statusCode).toBe(403);
  });

  it('refuses a target that cannot hold members or is the same org', async () => {
    for (const toOrgId of [temporary, tree.general.id, tree.branchA.id]) {
      const res = await secA.post('/api/transfers', {
        kind: 'internal',
        requestedSide: 'from',
        personId,
        toOrgId,
      });
      expect(res.statusCode, String(toOrgId)).toBe(400);
      expect(res.json().details.fields[0].path).toBe('toOrgId');
      expect(res.json().message).toMatch(/^接收党组织：/);
    }
  });

  it('the sending branch rejects; the requester cannot', async () => {
    const created = await secB.post('/api/transfers', {
      kind: 'internal',
      requestedSide: 'to',
      personName: '钱多多',
      idNumber: id,
      toOrgId: tree.branchB.id,
    });
    expect(created.statusCode).toBe(201);
    const tr = created.json() as TransferDetail;
    expect(tr.fromOrgName).toBe('软件教工党支部');
    expect(
      (await secB.post(`/api/transfers/${tr.id}/reject`, { version: tr.version, reason: '不同意' }))
        .statusCode,
    ).toBe(403);
    const noReason = await secA.post(`/api/transfers/${tr.id}/reject`, { version: tr.version });
    expect(noReason.statusCode).toBe(400);
    const res = await secA.post(`/api/transfers/${tr.id}/reject`, {
      version: tr.version,
      reason: '尚在任期内',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', decisionNote: '尚在任期内' });
    expect((await person(personId)).org_id).toBe(tree.branchA.id);
  });

  it('a request left unanswered for more than 15 days is an alert on the side that must answer', async () => {
    const res = await secA.post('/api/transfers', {
      kind: 'internal',
      requestedSide: 'from',
      personId,
      toOrgId: tree.other.id,
      requestedOn: '2026-05-20',
    });
    expect(res.statusCode).toBe(201);
    const mine = await alerts(secOther, 'transfer.internal_pending');
    expect(mine.map((f) => f.orgId)).toEqual([tree.other.id]);
    expect(mine[0]?.message).toContain('钱多多');
    expect(await alerts(secB, 'transfer.internal_pending')).toEqual([]);
    const tr = res.json() as TransferDetail;
    const cancelled = await secA.post(`/api/transfers/${tr.id}/cancel`, {
      version: tr.version,
      reason: '重新安排',
    });
    expect(cancelled.json().status).toBe('cancelled');
    expect(await alerts(secOther, 'transfer.internal_pending')).toEqual([]);
  });
});

describe('outgoing transfer (介绍信)', () => {
  let personId: number;
  let letter: TransferDetail;
  const id = idNumber('19880512', '135');
  const body = {
    kind: 'outgoing',
    externalOrgName: '中共杭州市西湖区委组织部',
    externalUnit: '杭州某某科技有限公司',
    validDays: 30,
    duesPaidUntil: '2026-04',
    issuedOn: '2026-05-01',
    reason: '工作调动',
  };

  beforeAll(async () => {
    personId = await t.factory.person({ orgId: tree.branchA.id, name: '孙立人' });
    await t.db
      .updateTable('person')
      .set({ id_number: id, ethnicity: '03', gender: 'male', phone: '13800138000' })
      .where('id', '=', personId)
      .execute();
    await t.db
      .insertInto('appointment')
      .values({
        person_id: personId,
        org_id: tree.branchA.id,
        post: 'group_leader',
        start_date: '2025-01-01',
      })
      .execute();
  });

  it('refuses a validity over 90 days (3 months), naming the field', async () => {
    const res = await secA.post('/api/transfers', { ...body, personId, validDays: 91 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.fields[0].path).toBe('validDays');
    expect(res.json().message).toContain('90');
  });

  it('issues a numbered letter; the member stays on the roster until the receipt', async () => {
    expect((await secB.post('/api/transfers', { ...body, personId })).statusCode).toBe(404);
    const res = await secA.post('/api/transfers', { ...body, personId });
    expect(res.statusCode).toBe(201);
    letter = res.json();
    expect(letter).toMatchObject({
      kind: 'outgoing',
      status: 'issued',
      letterNumber: '2026-001',
      issuedOn: '2026-05-01',
      expiresOn: '2026-05-31',
      isReceiptOverdue: true,
      duesPaidUntil: '2026-04',
    });
    expect(letter.person?.idNumber).toBe(`110${'*'.repeat(11)}${id.slice(-4)}`);
    expect(letter.abilities).toMatchObject({ recordReceipt: true, cancel: true, downloadLetter: true });
    expect((await person(personId)).status).toBe('active');
    const dup = await secA.post('/api/transfers', {
      ...body,
      personId: await t.factory.person({ orgId: tree.branchA.id }),
      letterNumber: '2026-001',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('the letter is a Word document in three parts with the member and the letter number', async () => {
    // Without unmasked=true the letter is masked like every other answer.
    const masked = await secA.get(`/api/transfers/${letter.id}/letter.docx`);
    expect(masked.statusCode).toBe(200);
    const maskedText = readZipEntry(masked.rawPayload, 'word/document.xml').replace(/<[^>]+>/g, '');
    expect(maskedText).not.toContain(id);
    expect(maskedText).toContain(`110${'*'.repeat(11)}${id.slice(-4)}`);
    const res = await secA.get(`/api/transfers/${letter.id}/letter.docx?unmasked=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = readZipEntry(res.rawPayload, 'word/document.xml').replace(/<[^>]+>/g, '');
    for (const part of ['存根', '中国共产党党员组织关系介绍信', '回执']) expect(text).toContain(part);
    expect(text).toContain('孙立人');
    expect(text).toContain('2026-001');
    expect(text).toContain('有效期30天');
    expect(text).toContain(id);
    expect(text).toContain('回族');
    expect(text).toContain('37岁');
    expect(text).toContain('党费已交到2026年4月');
    expect(text).toContain('中共杭州市西湖区委组织部');
    expect(text).toContain('中共测试学院委员会软件教工党支部');
    // One A4 page in the shared frame: three titles, page numbers.
    expectPrintFrame(res.rawPayload, 'portrait');
    expect(titleParagraphXml(res.rawPayload).map((p) => p.replace(/<[^>]+>/g, ''))).toEqual([
      '中国共产党党员组织关系介绍信（存根）',
      '中国共产党党员组织关系介绍信',
      '中国共产党党员组织关系介绍信（回执）',
    ]);

    expect((await secB.get(`/api/transfers/${letter.id}/letter.docx`)).statusCode).toBe(404);
    expect((await leader.get(`/api/transfers/${letter.id}/letter.docx`)).statusCode).toBe(403);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'transfer.letter')
      .executeTakeFirst();
    expect(audit?.summary).toContain('2026-001');
  });

  it('an overdue receipt is an alert on the sending branch, with its source', async () => {
    const mine = await alerts(secA, 'transfer.receipt_overdue');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ orgId: tree.branchA.id });
    expect(mine[0]?.message).toContain('2026-001');
    expect(mine[0]?.clause.text).toContain('回执退回前');
    expect(await alerts(secB, 'transfer.receipt_overdue')).toEqual([]);
    const overdue = (await secA.get('/api/transfers?overdue=true')).json() as TransferPage;
    expect(overdue.items.map((i) => i.id)).toEqual([letter.id]);
  });

  it('recording the receipt takes the member off the roster and clears the alert', async () => {
    const early = await secA.post(`/api/transfers/${letter.id}/receipt`, {
      version: letter.version,
      receiptOn: '2026-04-30',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().details.fields[0].path).toBe('receiptOn');
    const res = await secA.post(`/api/transfers/${letter.id}/receipt`, {
      version: letter.version,
      receiptOn: '2026-06-10',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'completed',
      receiptOn: '2026-06-10',
      isReceiptOverdue: false,
    });
    expect(res.json().abilities).toMatchObject({ recordReceipt: false, cancel: false, downloadLetter: true });
    expect(await person(personId)).toMatchObject({ status: 'transferred_out', left_on: '2026-05-01' });
    expect(await openPosts(personId)).toEqual([
      { org_id: tree.branchA.id, post: 'group_leader', end_date: '2026-05-01' },
    ]);
    expect(await events(personId)).toEqual(['transfer_requested', 'post_ended', 'transferred_out']);
    expect(await alerts(secA, 'transfer.receipt_overdue')).toEqual([]);
    const people = (await secA.get('/api/people?q=孙立人')).json() as unknown[];
    expect(people).toEqual([]);
  });

  it('a cancelled letter leaves the member on the roster and cannot be printed', async () => {
    const other = await t.factory.person({ orgId: tree.branchA.id, name: '周作废' });
    const created = (
      await secA.post('/api/transfers', { ...body, personId: other, issuedOn: undefined })
    ).json() as TransferDetail;
    expect(created).toMatchObject({
      letterNumber: '2026-002',
      issuedOn: '2026-06-15',
      expiresOn: '2026-07-15',
    });
    const res = await secA.post(`/api/transfers/${created.id}/cancel`, {
      version: created.version,
      reason: '调动取消',
    });
    expect(res.json().status).toBe('cancelled');
    expect((await person(other)).status).toBe('active');
    expect((await secA.get(`/api/transfers/${created.id}/letter.docx`)).statusCode).toBe(422);
  });
});

describe('incoming transfer', () => {
  const id = idNumber('19920818', '246');
  const incoming = {
    kind: 'incoming',
    letterNumber: '西组转〔2026〕88号',
    externalOrgName: '中共杭州市西湖区委组织部',
    issuedOn: '2026-06-05',
    validDays: 30,
    receivedOn: '2026-06-08',
    duesPaidUntil: '2026-05',
    person: {
      name: '吴晓梅',
      gender: 'female',
      ethnicity: '01',
      idNumber: id,
      category: 'staff',
      partyStatus: 'full',
      joinedOn: '2014-06-01',
      confirmedOn: '2015-06-01',
    },
  };

  it('registers the letter with the member record checked like any other', async () => {
    const withTarget = { ...incoming, toOrgId: tree.branchB.id };
    const badId = await secB.post('/api/transfers', {
      ...withTarget,
      person: { ...withTarget.person, idNumber: `${id.slice(0, 17)}0` },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details.fields[0].path).toBe('person.idNumber');
    const expired = await secB.post('/api/transfers', { ...withTarget, validDays: 2 });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().details.fields[0].path).toBe('receivedOn');
    expect((await secA.post('/api/transfers', withTarget)).statusCode).toBe(400);

    const res = await secB.post('/api/transfers', withTarget);
    expect(res.statusCode).toBe(201);
    const tr = res.json() as TransferDetail;
    expect(tr).toMatchObject({
      kind: 'incoming',
      status: 'registered',
      personId: null,
      personName: '吴晓梅',
    });
    expect(tr.person?.idNumber).not.toContain(id.slice(6, 14));
    expect(tr.abilities).toMatchObject({ place: true, cancel: true });
    expect((await secA.get(`/api/transfers/${tr.id}`)).statusCode).toBe(404);

    const twice = await secB.post('/api/transfers', withTarget);
    expect(twice.statusCode).toBe(409);

    const placed = await secB.post(`/api/transfers/${tr.id}/place`, {
      version: tr.version,
      placedOn: '2026-06-09',
    });
    expect(placed.statusCode).toBe(200);
    const after = placed.json() as TransferDetail;
    expect(after).toMatchObject({ status: 'completed', toOrgId: tree.branchB.id, decidedOn: '2026-06-09' });
    const p = await person(after.personId!);
    expect(p).toMatchObject({ name: '吴晓梅', status: 'active', org_id: tree.branchB.id, id_number: id });
    expect(await events(p.id)).toEqual(['transferred_in']);
  });

  it('a member who transferred out earlier comes back as the same person', async () => {
    const returning = await t.db
      .selectFrom('person')
      .select(['id', 'id_number'])
      .where('name', '=', '孙立人')
      .executeTakeFirstOrThrow();
    const res = await admin.post('/api/transfers', {
      ...incoming,
      toOrgId: tree.other.id,
      letterNumber: '西组转〔2026〕99号',
      person: {
        ...incoming.person,
        name: '孙立人',
        gender: 'male',
        ethnicity: '03',
        idNumber: returning.id_number,
      },
    });
    expect(res.statusCode).toBe(201);
    const tr = res.json() as TransferDetail;
    const placed = (await secOther.post(`/api/transfers/${tr.id}/place`, { version: tr.version })).json();
    expect(placed.personId).toBe(returning.id);
    expect(await person(returning.id)).toMatchObject({
      status: 'active',
      org_id: tree.other.id,
      left_on: null,
    });
    expect((await events(returning.id)).at(-1)).toBe('transferred_in');
  });
});

describe('GET /api/transfers', () => {
  it('filters by kind and status, pages, and shows only what touches the scope', async () => {
    const all = (await admin.get('/api/transfers?pageSize=100')).json() as TransferPage;
    expect(all.today).toBe('2026-06-15');
    expect(new Set(all.items.map((i) => i.kind))).toEqual(new Set(['internal', 'outgoing', 'incoming']));
    const outgoing = (
      await admin.get('/api/transfers?kind=outgoing&status=completed')
    ).json() as TransferPage;
    expect(outgoing.items.every((i) => i.kind === 'outgoing' && i.status === 'completed')).toBe(true);
    expect(outgoing.total).toBe(1);
    const page = (await admin.get('/api/transfers?pageSize=2&page=2')).json() as TransferPage;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all.total);
    const byName = (
      await admin.get(`/api/transfers?q=${encodeURIComponent('吴晓梅')}`)
    ).json() as TransferPage;
    expect(byName.items.map((i) => i.personName)).toEqual(['吴晓梅']);
    const qian = await t.db
      .selectFrom('person')
      .select('id')
      .where('name', '=', '钱多多')
      .executeTakeFirstOrThrow();
    const ofPerson = (await admin.get(`/api/transfers?personId=${qian.id}`)).json() as TransferPage;
    expect(ofPerson.items.map((i) => i.status).sort()).toEqual(['cancelled', 'rejected']);

    const b = (await secB.get('/api/transfers?pageSize=100')).json() as TransferPage;
    expect(b.items.length).toBeGreaterThan(0);
    for (const i of b.items) expect([i.fromOrgId, i.toOrgId]).toContain(tree.branchB.id);
    expect((await secB.get(`/api/transfers?orgId=${tree.branchA.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/transfers?kind=sideways')).statusCode).toBe(400);
  });

  it('lists every branch of the college as a target, marking those in scope', async () => {
    const res = await secA.get('/api/transfers/target-orgs');
    expect(res.statusCode).toBe(200);
    const targets = res.json() as { id: number; inScope: boolean }[];
    const ids = targets.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([tree.branchA.id, tree.branchB.id, tree.other.id, groupA]));
    expect(ids).not.toContain(temporary);
    expect(ids).not.toContain(tree.general.id);
    expect(targets.find((o) => o.id === tree.branchB.id)?.inScope).toBe(false);
    expect(targets.find((o) => o.id === groupA)?.inScope).toBe(true);
    expect((await leader.get('/api/transfers/target-orgs')).statusCode).toBe(403);
  });
});
