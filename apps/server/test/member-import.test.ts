import { columnLetter, type ImportColumn, importColumnLabels, importTemplateColumns } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  idNumberFor,
  inlineCell,
  sheetRows,
  withWrongCheckChar,
  xlsxOf,
  xlsxWithSheetData,
  zipPartText,
} from './fixtures/member-xlsx.ts';
import { createTestApp, type TestApp } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let admin: Client;
let sec: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let groupA: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  groupA = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '第一党小组' });
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  sec = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
});
afterAll(() => t.close());

const headers = importTemplateColumns.map((c) => importColumnLabels[c]);
/** A data row of our template, by field. */
const row = (v: Partial<Record<ImportColumn, unknown>>) => importTemplateColumns.map((c) => v[c] ?? null);
const member = (n: number, v: Partial<Record<ImportColumn, unknown>> = {}) =>
  row({
    name: `导入党员${'甲乙丙丁戊己庚辛壬癸'[n % 10]}`,
    idNumber: idNumberFor('19880512', n),
    category: '教工',
    partyStatus: '正式党员',
    joinedOn: '2012-06-20',
    confirmedOn: '2013-06-20',
    branchName: '软件教工党支部',
    ...v,
  });

function upload(c: Client, body: Buffer, mode = 'dry-run', fileName = 'roster.xlsx', type = xlsxType) {
  return t.app.inject({
    method: 'POST',
    url: `/api/members/import?mode=${mode}&fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
    payload: body,
  });
}

const count = async (table: 'person' | 'member_import' | 'person_event') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async () => [await count('person'), await count('member_import'), await count('person_event')];

describe('template', () => {
  it('has our headers, an example row and a 字典 sheet with the branches in scope', async () => {
    const res = await admin.get('/api/members/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(xlsxType);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('党员名册导入模板.xlsx'));
    // A form that prints like the roster: title, header repeated on every page, 姓名 on every page.
    const { title, headerRow, table } = await expectPrintReady(res.rawPayload, 'member-import-template');
    expect(title).toBe('党员名册导入模板');
    expect(table[0]).toEqual(headers);
    expect(table[1]?.[0]).toBe('张三（示例）');
    // The drop-down lists start at the example row.
    const genderColumn = columnLetter(importTemplateColumns.indexOf('gender') + 1);
    expect(zipPartText(res.rawPayload, 'xl/worksheets/sheet1.xml')).toContain(
      `sqref="${genderColumn}${headerRow + 1}:${genderColumn}${headerRow + 5000}"`,
    );
    const help = (await sheetRows(res.rawPayload, '填写说明')).flat();
    expect(help).toContain(
      `1. 第${headerRow}行为表头，请勿修改列名；第${headerRow + 1}行为示例，姓名以“（示例）”结尾的行导入时忽略，可删除。表头以上的标题行可以保留。`,
    );
    const dict = (await sheetRows(res.rawPayload, '字典')).flat();
    for (const v of [
      '汉族',
      '01',
      '大学本科',
      '教工',
      '正式党员',
      '软件教工党支部',
      '网络学生党支部',
      '第一党小组',
    ])
      expect(dict).toContain(v);
    expect(dict).not.toContain('信息学院党总支');
    // 民族 in code order: 汉族 (01) first, then 蒙古族 (02)…
    const names = dict.filter((v) => typeof v === 'string' && v.endsWith('族'));
    expect(names.slice(0, 3)).toEqual(['汉族', '蒙古族', '回族']);
    expect(res.headers['content-disposition']).toContain('filename="member-import-template.xlsx"');

    const mine = (await sheetRows((await sec.get('/api/members/import/template')).rawPayload, '字典')).flat();
    expect(mine).toContain('软件教工党支部');
    expect(mine).not.toContain('网络学生党支部');
  });

  it('uploaded untouched, has nothing to import (the example row is skipped)', async () => {
    const template = (await admin.get('/api/members/import/template')).rawPayload;
    const res = await upload(admin, template);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ layout: 'template', rowCount: 0, problemCount: 0, created: 0 });
  });
});

describe('dry run', () => {
  it('reports every problem by row and column and writes nothing', async () => {
    const before = await counts();
    const file = await xlsxOf([
      headers,
      member(1),
      member(2, { idNumber: withWrongCheckChar(idNumberFor('19880512', 2)) }),
      member(3, { joinedOn: '2014-06-20', confirmedOn: '2013-06-20' }),
      member(4, { branchName: '不存在的党支部' }),
      member(5, { idNumber: idNumberFor('19880512', 1) }),
      member(6, { gender: '未知', education: '博士后' }),
      member(7, { groupName: '第九党小组' }),
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      mode: 'dry-run',
      layout: 'template',
      headerRow: 1,
      rowCount: 7,
      created: 1,
    });
    expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
      '第3行 身份证号：校验位错误',
      '第4行 转正日期：应晚于入党日期',
      '第5行 所在党支部：“不存在的党支部”不存在或不在您的管理范围内',
      '第6行 身份证号：与第2行重复',
      '第7行 性别：无法识别“未知”，请填写“男”或“女”',
      '第7行 学历：无法识别“博士后”，请填写博士研究生、硕士研究生、大学本科、大学专科、中专/高中、初中及以下之一',
      '第8行 党小组：“软件教工党支部”下没有名为“第九党小组”的党小组',
    ]);
    expect(report.problems[0]).toMatchObject({ row: 3, column: '身份证号' });
    expect(report.problemCount).toBe(7);
    expect(await counts()).toEqual(before);
  });

  it('commit of a file with problems answers 422 with the same report and writes nothing', async () => {
    const before = await counts();
    const file = await xlsxOf([
      headers,
      member(1),
      member(2, { idNumber: withWrongCheckChar(idNumberFor('19880512', 2)) }),
    ]);
    const res = await upload(admin, file, 'commit');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('RULE_VIOLATION');
    expect(body.message).toContain('第3行 身份证号：校验位错误');
    expect(body.details.report.problems).toEqual([
      { row: 3, column: '身份证号', message: '第3行 身份证号：校验位错误' },
    ]);
    expect(body.details.report.committed).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe('commit', () => {
  const ids = [
    idNumberFor('19910101', 11),
    idNumberFor('19920202', 12, 'female'),
    idNumberFor('20000303', 13),
  ];
  let file: Buffer;

  it('creates everyone, with events, a history entry and an audit entry', async () => {
    file = await xlsxOf([
      headers,
      member(11, { idNumber: ids[0], name: '周一', phone: '13800001111', education: '硕士研究生' }),
      member(12, {
        idNumber: ids[1],
        name: '吴二',
        groupName: '第一党小组',
        partyStatus: '预备党员',
        joinedOn: '2026-01-10',
        confirmedOn: null,
      }),
      member(13, {
        idNumber: ids[2],
        name: '郑三',
        category: '学生',
        branchName: '网络学生党支部',
        joinedOn: '2019-05-04',
        confirmedOn: '2020-05-04',
        grade: '2018',
      }),
    ]);
    const res = await upload(admin, file, 'commit', '第一批.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      mode: 'commit',
      committed: true,
      created: 3,
      updated: 0,
      unchanged: 0,
      problemCount: 0,
    });
    expect(report.importId).toBeGreaterThan(0);

    const people = await t.db
      .selectFrom('person')
      .selectAll()
      .where('id_number', 'in', ids)
      .orderBy('id_number')
      .execute();
    expect(people.map((p) => [p.name, p.gender, p.birth_date, p.org_id, p.party_status])).toEqual([
      ['周一', 'male', '1991-01-01', tree.branchA.id, 'full'],
      ['吴二', 'female', '1992-02-02', groupA.id, 'probationary'],
      ['郑三', 'male', '2000-03-03', tree.branchB.id, 'full'],
    ]);
    expect(people[0]).toMatchObject({ phone: '13800001111', education: 'master', category: 'staff' });
    expect(people[2]).toMatchObject({ category: 'student', grade: '2018' });

    const events = await t.db
      .selectFrom('person_event')
      .select(['kind', 'summary'])
      .where(
        'person_id',
        'in',
        people.map((p) => p.id),
      )
      .execute();
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.kind === 'created' && e.summary.includes('第一批.xlsx'))).toBe(true);

    const history = await t.db
      .selectFrom('member_import')
      .selectAll()
      .where('id', '=', report.importId)
      .executeTakeFirstOrThrow();
    expect(history).toMatchObject({
      file_name: '第一批.xlsx',
      layout: 'template',
      actor_id: admin.me!.user.id,
      row_count: 3,
      created_count: 3,
      updated_count: 0,
      unchanged_count: 0,
    });
    expect(history.file_sha256).toBe(report.sha256);
    expect((history.changes as unknown[]).length).toBe(3);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['summary', 'target_id'])
      .where('action', '=', 'member.import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(String(report.importId));
    expect(audit.summary).toContain('新增 3 人');
  });

  it('re-importing the same file changes nothing and is still recorded', async () => {
    const [people, imports, events] = await counts();
    const res = await upload(admin, file, 'commit', '第一批.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, committed: true });
    expect(res.json().previousImport).not.toBeNull();
    expect(await counts()).toEqual([people, imports! + 1, events]);
  });

  it('updates a person matched by ID number, only the fields that changed', async () => {
    const before = await t.db
      .selectFrom('person')
      .selectAll()
      .where('id_number', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    const changed = await xlsxOf([
      headers,
      member(11, { idNumber: ids[0], name: '周一', phone: '13900002222', education: '博士研究生' }),
      member(12, {
        idNumber: ids[1],
        name: '吴二',
        groupName: '第一党小组',
        partyStatus: '预备党员',
        joinedOn: '2026-01-10',
        confirmedOn: null,
      }),
    ]);
    const res = await upload(admin, changed, 'commit');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(report.changes).toEqual([
      { row: 2, name: '周一', action: 'update', fields: ['联系电话', '学历'] },
    ]);
    const after = await t.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      phone: '13900002222',
      education: 'doctorate',
      version: before.version + 1,
      name: '周一',
    });
    const event = await t.db
      .selectFrom('person_event')
      .select(['kind', 'summary'])
      .where('person_id', '=', before.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.kind).toBe('imported');
    expect(event.summary).toContain('联系电话、学历');
    const history = await t.db
      .selectFrom('member_import')
      .select('changes')
      .where('id', '=', report.importId)
      .executeTakeFirstOrThrow();
    expect(history.changes).toEqual([
      {
        row: 2,
        personId: before.id,
        action: 'updated',
        fields: { phone: { from: '…1111', to: '…2222' }, education: { from: 'master', to: 'doctorate' } },
      },
    ]);
  });

  it('a column the file lacks keeps its value; moving to another branch needs a transfer', async () => {
    const res = await upload(
      admin,
      await xlsxOf([
        ['姓名', '身份证号', '人员类别', '党籍状态', '入党日期', '转正日期', '所在党支部'],
        ['周一', ids[0], '教工', '正式党员', '2012-06-20', '2013-06-20', '软件教工党支部'],
        ['郑三', ids[2], '学生', '正式党员', '2019-05-04', '2020-05-04', '软件教工党支部'],
      ]),
    );
    const report = res.json();
    expect(report.layout).toBe('template');
    expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
      '第3行 所在党支部：该党员现属“网络学生党支部”，调整到其他党支部须办理组织关系转接',
    ]);
    expect(report).toMatchObject({ unchanged: 1, updated: 0 });
  });
});

describe('the national system’s layout', () => {
  it('maps by header: title row, full-width characters, apostrophes, serial and text dates, extra columns', async () => {
    const id = idNumberFor('19850315', 21, 'female');
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['党员信息列表（导出时间：2026-06-01）']);
    ws.addRow([
      '序号',
      '姓名',
      '性别',
      '公民身份号码',
      '民族',
      '出生日期',
      '学历',
      '人员类别',
      '党员类型',
      '加入党组织日期',
      '转正日期',
      '所在党组织',
      '手机号码',
      '工作岗位',
      '籍贯',
    ]);
    ws.addRow([
      1,
      '王　芳',
      '女',
      `'${fullWidth}`,
      '01',
      '1985年3月15日',
      '大学',
      '在职教职工',
      '正式党员',
      40360,
      40725,
      '　软件教工党支部 ',
      13712345678,
      '辅导员',
      '浙江杭州',
    ]);
    const res = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()), 'commit', '全国系统导出.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ layout: 'national', headerRow: 2, created: 1, problemCount: 0 });
    expect(report.ignoredColumns).toEqual([
      { letter: 'A', header: '序号' },
      { letter: 'O', header: '籍贯' },
    ]);
    const p = await t.db
      .selectFrom('person')
      .selectAll()
      .where('id_number', '=', id)
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      name: '王芳',
      gender: 'female',
      ethnicity: '01',
      birth_date: '1985-03-15',
      education: 'bachelor',
      category: 'staff',
      party_status: 'full',
      joined_on: '2010-07-01',
      confirmed_on: '2011-07-01',
      org_id: tree.branchA.id,
      phone: '13712345678',
      position: '辅导员',
    });
  });
});

describe('Chinese text in large files', () => {
  it('survives the reader’s chunk boundaries byte for byte (names, positions, branch names)', async () => {
    const n = 3000;
    const position = (i: number) =>
      `党建工作联络员（第${'〇一二三四五六七八九'[i % 10]}组）${'岗'.repeat(1 + (i % 7))}${i}`;
    const name = (i: number) =>
      `测${String.fromCharCode(0x4e00 + i)}${String.fromCharCode(0x9000 + (i % 500))}`;
    const file = await xlsxOf([
      headers,
      ...Array.from({ length: n }, (_, i) =>
        member(i, {
          name: name(i),
          idNumber: idNumberFor('19770707', i % 500, 'male', String(110102 + Math.floor(i / 500))),
          position: position(i),
        }),
      ),
    ]);
    const res = await upload(admin, file, 'commit', '大文件.xlsx');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json().created).toBe(n);
    const stored = await t.db
      .selectFrom('person')
      .select(['name', 'position'])
      .where('position', 'like', '党建工作联络员%')
      .execute();
    const expected = new Map(Array.from({ length: n }, (_, i) => [name(i), position(i)]));
    expect(stored).toHaveLength(n);
    expect(stored.filter((p) => expected.get(p.name) !== p.position)).toEqual([]);
  });
});

describe('scope and people already registered', () => {
  it('a branch secretary’s other branches are unknown; people outside the scope cannot be touched', async () => {
    const outsider = idNumberFor('19700101', 31);
    const pid = await t.factory.person({ orgId: tree.branchB.id, name: '外支部' });
    await t.db.updateTable('person').set({ id_number: outsider }).where('id', '=', pid).execute();
    const gone = idNumberFor('19700101', 32);
    const did = await t.factory.person({ orgId: tree.branchA.id, name: '已故' });
    await t.db
      .updateTable('person')
      .set({ id_number: gone, status: 'deceased' })
      .where('id', '=', did)
      .execute();

    const before = await counts();
    const file = await xlsxOf([
      headers,
      member(31, { branchName: '网络学生党支部' }),
      member(32, { idNumber: outsider }),
      member(33, { idNumber: gone }),
      member(34),
    ]);
    const report = (await upload(sec, file)).json();
    expect(report.problems.map((p: { message: string }) => p.message)).toEqual([
      '第2行 所在党支部：“网络学生党支部”不存在或不在您的管理范围内',
      '第3行 身份证号：已登记在您管理范围以外的党组织，不能通过导入修改；调入请办理组织关系转接',
      '第4行 身份证号：该人员已不在册（死亡），不能通过导入修改',
    ]);
    expect(report.created).toBe(1);
    const commit = await upload(sec, file, 'commit');
    expect(commit.statusCode).toBe(422);
    expect(await counts()).toEqual(before);

    const own = await upload(sec, await xlsxOf([headers, member(34)]), 'commit');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().created).toBe(1);
  });

  it('the history shows a school-wide user every import, others their own', async () => {
    const all = (await admin.get('/api/members/imports?pageSize=100')).json();
    const mine = (await sec.get('/api/members/imports')).json();
    expect(all.total).toBeGreaterThan(mine.total);
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ createdCount: 1, actorName: sec.me!.user.username });
    expect(all.items[0]).toHaveProperty('sha256');
  });
});

describe('access', () => {
  it('401 without a session, 403 without the permission or the CSRF token', async () => {
    const file = await xlsxOf([headers, member(41)]);
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/members/import',
      headers: { 'content-type': xlsxType },
      payload: file,
    });
    expect(anon.statusCode).toBe(401);
    const leader = await t.as([{ role: 'school_leader', orgId: null }]);
    expect((await upload(leader, file)).statusCode).toBe(403);
    expect((await leader.get('/api/members/import/template')).statusCode).toBe(403);
    const plain = await t.as([{ role: 'member', orgId: null }]);
    expect((await upload(plain, file)).statusCode).toBe(403);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/members/import',
      headers: { cookie: admin.cookie, 'content-type': xlsxType },
      payload: file,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_FAILED');
  });

  it('is documented in OpenAPI with a binary request body', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/members/import'].post;
    expect(Object.keys(op.requestBody.content)).toContain(xlsxType);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['mode', 'fileName']),
    );
    for (const p of [
      '/api/members/export',
      '/api/members/import/template',
      '/api/members/imports',
      '/api/members/roster.docx',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});

describe('hostile files are refused with a clear message and change nothing', () => {
  let before: number[];
  beforeAll(async () => {
    before = await counts();
  });
  afterAll(async () => {
    expect(await counts()).toEqual(before);
  });

  const refused = async (body: Buffer, status: number, message: RegExp, type = xlsxType) => {
    for (const mode of ['dry-run', 'commit']) {
      const res = await upload(admin, body, mode, 'x.xlsx', type);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().message).toMatch(message);
    }
  };

  it('not a workbook: text, an old .xls, a Word document, a truncated file, JSON, nothing', async () => {
    await refused(Buffer.from('姓名,身份证号\n张三,1101'), 415, /不是 Excel 工作簿/);
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    await refused(ole, 415, /\.xls/);
    const good = await xlsxOf([headers, member(51)]);
    await refused(good.subarray(0, good.length - 30), 400, /已损坏/);
    const json = await upload(admin, Buffer.from('{}'), 'dry-run', 'x.xlsx', 'application/json');
    expect(json.statusCode).toBe(415);
    const empty = await upload(admin, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
  });

  it('larger than 20 MB (100 MB)', async () => {
    const res = await upload(admin, Buffer.alloc(100 * 1024 * 1024, 0x50));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('20 MB'),
    });
  });

  it('zip bombs: too large unpacked, an abnormal ratio, a directory that lies about sizes', async () => {
    await refused(
      xlsxWithSheetData(inlineCell('A1', '姓名'), [
        { name: 'xl/media/image1.png', data: Buffer.alloc(210 * 1024 * 1024) },
      ]),
      413,
      /超过 200 MB 的上限，疑似“压缩炸弹”/,
    );
    await refused(xlsxWithSheetData(Buffer.alloc(60 * 1024 * 1024, 0x20)), 413, /压缩比异常/);
    await refused(
      xlsxWithSheetData(Buffer.alloc(5 * 1024 * 1024, 0x20), [], { declaredSize: 1000 }),
      413,
      /压缩炸弹/,
    );
  });

  it('formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员名册');
    ws.addRow(headers);
    ws.addRow(member(52));
    ws.getCell('A2').value = { formula: '"张"&"三"', result: '张三' } as ExcelJS.CellFormulaValue;
    await refused(Buffer.from(await wb.xlsx.writeBuffer()), 400, /含有公式（A2）/);
  });

  it('100,000 columns, 60,000 rows', async () => {
    const wide = Array.from({ length: 100_000 }, (_, i) => inlineCell(`${columnLetter(i + 1)}1`, 'x')).join(
      '',
    );
    await refused(xlsxWithSheetData(`<row r="1">${wide}</row>`), 413, /超过 200 列/);
    const tall = Array.from(
      { length: 60_011 },
      (_, i) => `<row r="${i + 1}">${inlineCell(`A${i + 1}`, '张三')}</row>`,
    ).join('');
    await refused(xlsxWithSheetData(tall), 413, /超过 50,000 行/);
  });

  it('a header that cannot be found', async () => {
    await refused(await xlsxOf([['党员名册'], ['随便'], ['什么']]), 400, /没有表头/);
  });
});
