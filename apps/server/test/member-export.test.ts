import {
  defaultMemberColumns,
  type ImportColumn,
  importColumnLabels,
  importTemplateColumns,
  maskIdNumber,
  maskPhone,
  memberColumnLabels,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectPrintFrame, occurrences } from './fixtures/docx.ts';
import { idNumberFor, sheetRows, xlsxOf, zipPartText } from './fixtures/member-xlsx.ts';
import { createTestApp, type TestApp } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let admin: Client;
let sec: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let groupA: { id: number };

const people = [
  {
    name: '陈一',
    id: idNumberFor('19800101', 1),
    phone: '13811110001',
    branch: '软件教工党支部',
    status: '正式党员',
  },
  {
    name: '林二',
    id: idNumberFor('19810202', 2, 'female'),
    phone: '13811110002',
    branch: '软件教工党支部',
    group: '第一党小组',
    status: '正式党员',
  },
  {
    name: '黄三',
    id: idNumberFor('19990303', 3),
    phone: '13811110003',
    branch: '软件教工党支部',
    status: '预备党员',
  },
  {
    name: '何四',
    id: idNumberFor('20000404', 4),
    phone: '13811110004',
    branch: '网络学生党支部',
    status: '正式党员',
  },
];

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  groupA = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '第一党小组' });
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
  const headers = importTemplateColumns.map((c) => importColumnLabels[c]);
  const row = (v: Partial<Record<ImportColumn, unknown>>) => importTemplateColumns.map((c) => v[c] ?? null);
  const file = await xlsxOf([
    headers,
    ...people.map((p) =>
      row({
        name: p.name,
        idNumber: p.id,
        phone: p.phone,
        ethnicity: '汉族',
        education: '大学本科',
        category: '教工',
        partyStatus: p.status,
        joinedOn: p.status === '正式党员' ? '2020-07-01' : '2026-03-01',
        confirmedOn: p.status === '正式党员' ? '2021-07-01' : null,
        branchName: p.branch,
        groupName: p.group ?? null,
        isMobile: p.name === '陈一' ? '是' : '否',
      }),
    ),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/members/import?mode=commit',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': xlsxType },
    payload: file,
  });
  if (res.statusCode !== 200) throw new Error(res.body);
});
afterAll(() => t.close());

/** The export and its table (header, then the members), checked to print like a ledger. */
const exportAs = async (c: Client, query: string) => {
  const res = await c.get(`/api/members/export?${query}`);
  return {
    res,
    rows: res.statusCode === 200 ? (await expectPrintReady(res.rawPayload, 'member-export')).table : [],
  };
};

describe('xlsx export', () => {
  it('writes the chosen columns in words, masked as the list shows them, with the filter applied', async () => {
    const { res, rows } = await exportAs(
      admin,
      `orgId=${tree.branchA.id}&sort=name&columns=name,idNumber,phone,gender,ethnicity,education,partyStatus,branchName,groupName,flags`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(xlsxType);
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="members-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
    );
    expect(rows[0]).toEqual([
      '姓名',
      '身份证号',
      '联系电话',
      '性别',
      '民族',
      '学历',
      '党籍状态',
      '所在党支部',
      '党小组',
      '标记',
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => r[0]).sort()).toEqual(['林二', '陈一', '黄三'].sort());
    const lin = body.find((r) => r[0] === '林二')!;
    expect(lin).toEqual([
      '林二',
      maskIdNumber(people[1]!.id),
      maskPhone(people[1]!.phone),
      '女',
      '汉族',
      '大学本科',
      '正式党员',
      '软件教工党支部',
      '第一党小组',
    ]);
    expect(body.find((r) => r[0] === '陈一')![9]).toBe('流动党员');
    expect(res.body).not.toContain(people[0]!.id);
  });

  it('uses the default columns when none are chosen, and other filters', async () => {
    const { rows } = await exportAs(admin, 'partyStatus=probationary');
    expect(rows[0]).toEqual(defaultMemberColumns.map((c) => memberColumnLabels[c]));
    expect(rows.slice(1).map((r) => r[0])).toEqual(['黄三']);
    const bad = await admin.get('/api/members/export?columns=name,salary');
    expect(bad.statusCode).toBe(400);
  });

  it('unmasked needs member:member:sensitive and is audited', async () => {
    const { res, rows } = await exportAs(
      admin,
      `unmasked=true&columns=name,idNumber,phone&orgId=${tree.branchB.id}`,
    );
    expect(res.statusCode).toBe(200);
    expect(rows.slice(1)).toEqual([['何四', people[3]!.id, people[3]!.phone]]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'summary'])
      .where('action', '=', 'member.export')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_name: admin.me!.user.username,
      summary: expect.stringContaining('完整身份证号'),
    });

    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    expect((await leader.get('/api/members/export?unmasked=true')).statusCode).toBe(403);
    const masked = await exportAs(leader, 'columns=name,idNumber');
    expect(masked.rows).toHaveLength(5);
    expect(masked.rows.slice(1).every((r) => String(r[1]).includes('*'))).toBe(true);
  });

  it('a branch secretary exports their own branch only; another branch answers 404', async () => {
    const { rows } = await exportAs(sec, 'columns=name,branchName');
    expect(rows.slice(1).map((r) => r[1])).toEqual(['软件教工党支部', '软件教工党支部', '软件教工党支部']);
    expect((await sec.get(`/api/members/export?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
  });

  it('401 without a session, 403 without the permission', async () => {
    expect((await t.anonymous.get('/api/members/export')).statusCode).toBe(401);
    const plain = await t.as([{ role: 'member', orgId: null }]);
    expect((await plain.get('/api/members/export')).statusCode).toBe(403);
    expect((await plain.get(`/api/members/roster.docx?orgId=${tree.branchA.id}`)).statusCode).toBe(403);
  });

  it('an unmasked export with the import columns imports back with nothing changed', async () => {
    const { rows } = await exportAs(
      admin,
      'unmasked=true&columns=name,gender,ethnicity,birthDate,idNumber,phone,education,category,partyStatus,joinedOn,confirmedOn,branchName,groupName,posts,age',
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/members/import?mode=dry-run',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': xlsxType },
      payload: await xlsxOf(rows),
    });
    expect(res.json()).toMatchObject({ problemCount: 0, unchanged: 4, created: 0, updated: 0 });
    expect(res.json().ignoredColumns.map((c: { header: string }) => c.header)).toEqual(['党内职务', '年龄']);
  });

  it('the exported file itself imports back: its title rows above the header are skipped', async () => {
    const file = await admin.get(
      '/api/members/export?unmasked=true&columns=name,idNumber,category,partyStatus,joinedOn,confirmedOn,branchName,groupName',
    );
    expect((await sheetRows(file.rawPayload))[0]?.[0]).toBe('党员名册');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/members/import?mode=dry-run',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': xlsxType },
      payload: file.rawPayload,
    });
    expect(res.json()).toMatchObject({ headerRow: 3, problemCount: 0, unchanged: 4, created: 0 });
  });
});

describe('printable roster', () => {
  it('is a landscape Word table of the branch with title, date printed and every member', async () => {
    const res = await admin.get(`/api/members/roster.docx?orgId=${tree.branchA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(docxType);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('软件教工党支部党员名册'));
    const xml = zipPartText(res.rawPayload, 'word/document.xml');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('软件教工党支部党员名册');
    expect(text).toContain('打印日期：2026年6月15日');
    expect(text).toContain('共 3 人（正式党员 2 人，预备党员 1 人）');
    for (const h of [
      '序号',
      '姓名',
      '性别',
      '民族',
      '出生年月',
      '学历',
      '入党时间',
      '转正时间',
      '党籍状态',
      '党内职务',
      '党小组',
      '备注',
    ])
      expect(text).toContain(h);
    for (const p of people.slice(0, 3)) expect(text).toContain(p.name);
    expect(text).not.toContain('何四');
    expect(text).toContain('1981.02');
    expect(text).toContain('正式党员第一党小组');
    expect(text).toContain('正式党员流动党员');
    // Landscape A4 with page numbers; the header repeats, rows keep whole, 五号 in rows of 20 pt (about
    // twenty members a page).
    expectPrintFrame(res.rawPayload, 'landscape');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:trHeight w:val="400" w:hRule="atLeast"/>');
    expect(occurrences(xml, '<w:cantSplit/>')).toBe(4);
    expect(xml).toContain('<w:sz w:val="21"/>');
    expect(xml).not.toContain(people[0]!.id.slice(-6));
  });

  it('also for a 党小组; not for a 党总支; another branch answers 404', async () => {
    const group = await admin.get(`/api/members/roster.docx?orgId=${groupA.id}`);
    expect(zipPartText(group.rawPayload, 'word/document.xml')).toContain('第一党小组党员名册');
    const general = await admin.get(`/api/members/roster.docx?orgId=${tree.general.id}`);
    expect(general.statusCode).toBe(400);
    expect(general.json().message).toContain('党支部');
    expect((await sec.get(`/api/members/roster.docx?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
  });
});
