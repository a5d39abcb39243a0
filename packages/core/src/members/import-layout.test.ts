import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from './id-number.ts';
import {
  checkImportedRecord,
  columnLetter,
  type ImportCell,
  type ImportColumn,
  type ImportHeader,
  importColumnLabels,
  importedRecord,
  importTemplateColumns,
  mapImportHeader,
  mapImportRow,
  matchImportHeader,
  normaliseOrgName,
  parseImportCell,
  parseImportDate,
} from './import-layout.ts';
import type { MemberRecord } from './rules.ts';

/** A valid ID number for a birth date (yyyymmdd) and gender. */
function idFor(birth: string, gender: 'male' | 'female' = 'male', seq = 12): string {
  const body = `110101${birth}${String(seq).padStart(2, '0')}${gender === 'male' ? 1 : 2}`;
  return body + idNumberCheckChar(body);
}

/** A row as the reader gives it: 1-based, index 0 unused. */
const cells = (...values: ImportCell[]): ImportCell[] => [undefined, ...values];

describe('header mapping', () => {
  it.each([
    // our template headers
    ...importTemplateColumns.map((c) => [importColumnLabels[c], c] as const),
    // the national system's headers and common variants
    ['公民身份号码', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['人员类别', 'category'],
    ['学历', 'education'],
    ['所在党组织', 'branchName'],
    ['所在党支部', 'branchName'],
    ['党籍状态', 'partyStatus'],
    ['党员类型', 'partyStatus'],
    ['入党日期', 'joinedOn'],
    ['加入党组织日期', 'joinedOn'],
    ['转正日期', 'confirmedOn'],
    ['联系电话', 'phone'],
    ['手机号码', 'phone'],
    ['工作岗位', 'position'],
    ['民族', 'ethnicity'],
    ['出生日期', 'birthDate'],
    ['性别', 'gender'],
    // full-width forms, spaces, required markers, bracketed hints
    ['出国(境)', 'isAbroad'],
    ['姓 名', 'name'],
    ['*姓名', 'name'],
    ['身份证号＊', 'idNumber'],
    ['入党日期（YYYY-MM-DD）', 'joinedOn'],
    ['\u3000性别\u3000', 'gender'],
  ] as const)('%s → %s', (header, column) => {
    expect(matchImportHeader(header)).toBe(column);
  });

  it.each(['籍贯', '序号', '备注', '', '姓名姓名'])('%s is not a column we read', (header) => {
    expect(matchImportHeader(header)).toBeNull();
  });

  it('maps our template as the template layout', () => {
    const h = mapImportHeader(cells(...importTemplateColumns.map((c) => importColumnLabels[c])), 1)!;
    expect(h.layout).toBe('template');
    expect(h.columns.map((c) => c.column)).toEqual(importTemplateColumns);
    expect(h.ignored).toEqual([]);
    expect(h.problems).toEqual([]);
  });

  it('maps a national roster by header, reporting extra columns as ignored', () => {
    const h = mapImportHeader(
      cells('序号', '姓名', '公民身份号码', '籍贯', '人员类别', '党员类型', '加入党组织日期', '所在党组织'),
      3,
    )!;
    expect(h.layout).toBe('national');
    expect(h.row).toBe(3);
    expect(h.columns.map((c) => [c.index, c.column])).toEqual([
      [2, 'name'],
      [3, 'idNumber'],
      [5, 'category'],
      [6, 'partyStatus'],
      [7, 'joinedOn'],
      [8, 'branchName'],
    ]);
    expect(h.ignored).toEqual([
      { index: 1, header: '序号' },
      { index: 4, header: '籍贯' },
    ]);
    expect(h.problems).toEqual([]);
  });

  it('a roster with our headers and extra columns is mapped', () => {
    expect(
      mapImportHeader(cells('姓名', '身份证号', '人员类别', '党籍状态', '入党日期', '所在党支部', '年龄'), 1)!
        .layout,
    ).toBe('mapped');
  });

  it('is not a header row without 姓名 or with fewer than three known columns', () => {
    expect(mapImportHeader(cells('党员名册'), 1)).toBeNull();
    expect(mapImportHeader(cells('姓名', '籍贯'), 1)).toBeNull();
    expect(mapImportHeader(cells('身份证号', '性别', '民族'), 1)).toBeNull();
  });

  it('reports missing required columns and columns given twice', () => {
    const h = mapImportHeader(cells('姓名', '性别', '身份证号', '公民身份号码', '入党日期'), 2)!;
    expect(h.problems.map((p) => p.message)).toEqual([
      '第2行 公民身份号码：与C列重复（都表示“身份证号”），请删除其中一列',
      '第2行 人员类别：表头中缺少这一必填列',
      '第2行 党籍状态：表头中缺少这一必填列',
      '第2行 所在党支部：表头中缺少这一必填列',
    ]);
  });
});

describe('dates', () => {
  it.each([
    ['2015-07-01', '2015-07-01'],
    ['2015/7/1', '2015-07-01'],
    ['2015.07.01', '2015-07-01'],
    ['2015年7月1日', '2015-07-01'],
    ['2015年07月01日', '2015-07-01'],
    ['20150701', '2015-07-01'],
    ['２０１５－０７－０１', '2015-07-01'],
    ["'2015-07-01", '2015-07-01'],
    ['  2015-07-01  ', '2015-07-01'],
    ['2015-07-01 00:00:00', '2015-07-01'],
    ['2015-07-01T00:00:00.000Z', '2015-07-01'],
    ['42186', '2015-07-01'],
    [42186, '2015-07-01'],
    [42186.75, '2015-07-01'],
    [20150701, '2015-07-01'],
    [new Date(Date.UTC(2015, 6, 1)), '2015-07-01'],
    // the 1900 system's boundaries: serial 1 is 1900-01-01, 59 is 02-28, 61 is 03-01
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [73050, '2099-12-31'],
    ['2024-02-29', '2024-02-29'],
    ['', null],
    [null, null],
    [undefined, null],
  ] as const)('%j → %s', (input, expected) => {
    expect(parseImportDate(input as ImportCell)).toEqual({ ok: true, value: expected });
  });

  it('reads serials of the 1904 system when the workbook says so', () => {
    expect(parseImportDate(40724, true)).toEqual({ ok: true, value: '2015-07-01' });
  });

  it.each([
    ['2015-02-30', '不是实际存在的日期'],
    ['2023-02-29', '不是实际存在的日期'],
    ['20151301', '不是实际存在的日期'],
    ['2015-7', '不是日期'],
    ['7/1/2015', '不是日期'],
    ['去年', '不是日期'],
    [60, '1900-02-29 不存在'],
    [0, '不是日期'],
    [-5, '不是日期'],
    [73051, '不是日期'],
    ['18991231', '超出合理范围'],
    ['2100-01-01', '超出合理范围'],
    [new Date(Number.NaN), '不是有效的日期'],
  ] as const)('%j is refused (%s)', (input, message) => {
    const r = parseImportDate(input as ImportCell);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('cells', () => {
  it.each([
    ['gender', '男', 'male'],
    ['gender', '女', 'female'],
    ['gender', '男性', 'male'],
    ['gender', 1, 'male'],
    ['gender', '2', 'female'],
    ['gender', 'Female', 'female'],
    ['ethnicity', '汉族', '01'],
    ['ethnicity', '汉', '01'],
    ['ethnicity', '01', '01'],
    ['ethnicity', 1, '01'],
    ['ethnicity', '1', '01'],
    ['ethnicity', '蒙古族', '02'],
    ['ethnicity', '５６', '56'],
    ['ethnicity', '基诺族', '56'],
    ['education', '博士研究生', 'doctorate'],
    ['education', '博士', 'doctorate'],
    ['education', '研究生', 'master'],
    ['education', '硕士研究生', 'master'],
    ['education', '大学本科', 'bachelor'],
    ['education', '大学', 'bachelor'],
    ['education', '本科', 'bachelor'],
    ['education', '大学专科', 'associate'],
    ['education', '大专', 'associate'],
    ['education', '中专', 'secondary'],
    ['education', '中专/高中', 'secondary'],
    ['education', '高中', 'secondary'],
    ['education', '初中及以下', 'primary'],
    ['education', 'bachelor', 'bachelor'],
    ['category', '教工', 'staff'],
    ['category', '在职教职工', 'staff'],
    ['category', '学生', 'student'],
    ['category', '离退休', 'retired'],
    ['category', '离退休人员', 'retired'],
    ['category', '其他', 'other'],
    ['category', 'student', 'student'],
    ['partyStatus', '正式党员', 'full'],
    ['partyStatus', '预备党员', 'probationary'],
    ['partyStatus', '预备', 'probationary'],
    ['partyStatus', 'full', 'full'],
    ['dualLeaderKind', '专业带头人', 'major_leader'],
    ['dualLeaderKind', '学术带头人', 'academic_leader'],
    ['isMobile', '是', true],
    ['isMobile', '否', false],
    ['isMobile', '', false],
    ['isMobile', true, true],
    ['isMobile', 'Y', true],
    ['isMobile', '√', true],
    ['isDualLeader', 0, false],
    ['idNumber', "'11010119900307451x", '11010119900307451X'],
    ['idNumber', '１１０１０１１９９００３０７４５１Ｘ', '11010119900307451X'],
    ['idNumber', ' 110101 19900307 451X ', '11010119900307451X'],
    ['phone', 13812345678, '13812345678'],
    ['phone', '１３８ １２３４ ５６７８', '13812345678'],
    ['phone', '+86 13812345678', '13812345678'],
    ['phone', '0571-88886666', '0571-88886666'],
    ['name', '  张三 ', '张三'],
    ['name', '张\u3000三', '张三'],
    ['name', "'李四", '李四'],
    ['name', '阿依古丽·买买提', '阿依古丽·买买提'],
    ['name', 'John  Smith', 'John Smith'],
    ['grade', 2024, '2024'],
    ['grade', '2024级', '2024'],
    ['position', ' 教师（兼班主任） ', '教师（兼班主任）'],
    ['className', '软件2401\n班', '软件2401 班'],
    ['branchName', "'软件教工党支部", '软件教工党支部'],
    ['position', '', null],
  ] as const)('%s: %j → %j', (column, input, expected) => {
    expect(parseImportCell(column as ImportColumn, input as ImportCell)).toEqual({
      ok: true,
      value: expected,
    });
  });

  it.each([
    ['gender', '未知', '无法识别“未知”，请填写“男”或“女”'],
    ['ethnicity', '57', '无法识别“57”'],
    ['ethnicity', '穿青人', '见“字典”工作表'],
    ['education', '博士后', '无法识别“博士后”'],
    ['category', '教工党员', '请填写教工、学生、离退休、其他之一'],
    ['partyStatus', '积极分子', '无法识别'],
    ['isMobile', '也许', '请填写“是”或“否”'],
    ['idNumber', 110101199003074510, '被 Excel 存成了数字'],
    ['position', 'x'.repeat(61), '不能超过 60 个字符'],
    ['dualLeaderNote', 'x'.repeat(201), '不能超过 200 个字符'],
    ['title', 'a\u0001b', '不能包含控制字符'],
  ] as const)('%s: %j is refused', (column, input, message) => {
    const r = parseImportCell(column as ImportColumn, input as ImportCell);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('rows', () => {
  const header = mapImportHeader(
    cells(
      '姓名',
      '公民身份号码',
      '性别',
      '人员类别',
      '党员类型',
      '加入党组织日期',
      '转正日期',
      '所在党组织',
      '学历',
    ),
    1,
  ) as ImportHeader;

  it('reads values under the file’s headers', () => {
    const id = idFor('19900307');
    const draft = mapImportRow(
      header,
      cells('张三', `'${id}`, '男', '在职教职工', '正式党员', 42186, '2016/7/1', '软件教工党支部', '大学'),
      5,
    )!;
    expect(draft.problems).toEqual([]);
    expect(draft.values).toEqual({
      name: '张三',
      idNumber: id,
      gender: 'male',
      category: 'staff',
      partyStatus: 'full',
      joinedOn: '2015-07-01',
      confirmedOn: '2016-07-01',
      branchName: '软件教工党支部',
      education: 'bachelor',
    });
  });

  it('names the row and the file’s header in each problem', () => {
    const draft = mapImportRow(
      header,
      cells('张三', '', '未知', '教工', '正式党员', '2015-13-01', '', '', '大学'),
      12,
    )!;
    expect(draft.problems.map((p) => p.message)).toEqual([
      '第12行 公民身份号码：不能为空',
      '第12行 性别：无法识别“未知”，请填写“男”或“女”',
      '第12行 加入党组织日期：2015-13-01 不是实际存在的日期',
      '第12行 所在党组织：不能为空',
    ]);
    expect(draft.problems[0]).toMatchObject({ row: 12, column: '公民身份号码' });
    expect(draft.invalid).toEqual(['idNumber', 'gender', 'joinedOn', 'branchName']);
  });

  it('skips blank rows (ignored columns do not count) and the template’s example row', () => {
    expect(mapImportRow(header, cells('', null, undefined, '  '), 3)).toBeNull();
    expect(mapImportRow(header, [], 3)).toBeNull();
    expect(mapImportRow(header, cells('张三（示例）', idFor('19900307')), 2)).toBeNull();
  });
});

describe('records and their checks', () => {
  const header = mapImportHeader(
    cells('姓名', '身份证号', '人员类别', '党籍状态', '入党日期', '转正日期', '所在党支部', '联系电话'),
    1,
  ) as ImportHeader;
  const today = '2026-06-15';
  const id = idFor('19900307', 'female');
  const row = (...values: ImportCell[]) => mapImportRow(header, cells(...values), 4)!;

  it('fills birth date and gender from the ID number; absent columns default on create', () => {
    const draft = row('李四', id, '教工', '正式党员', '2015-07-01', '2016-07-01', '软件教工党支部', '');
    const r = importedRecord(draft.values, { orgId: 7, unitId: undefined, majorId: undefined }, null);
    expect(r).toMatchObject({
      name: '李四',
      idNumber: id,
      birthDate: '1990-03-07',
      gender: 'female',
      category: 'staff',
      partyStatus: 'full',
      orgId: 7,
      phone: null,
      education: null,
      isDualLeader: false,
      unitId: null,
    });
    expect(checkImportedRecord(r, draft, header, today)).toEqual([]);
  });

  it('over an existing record keeps what the file lacks and clears what it leaves empty', () => {
    const existing: MemberRecord = {
      ...importedRecord(
        { name: '李四', idNumber: id, category: 'staff', joinedOn: '2015-07-01' },
        {
          orgId: 7,
          unitId: 3,
          majorId: null,
        },
        null,
      ),
      confirmedOn: '2016-07-01',
      education: 'master',
      phone: '13800000000',
      isDualLeader: true,
      dualLeaderKind: 'major_leader',
    };
    const draft = row('李四', id, '教工', '正式党员', '2015-07-01', '2016-07-01', '软件教工党支部', '');
    const r = importedRecord(draft.values, { orgId: 7, unitId: undefined, majorId: undefined }, existing);
    expect(r.education).toBe('master');
    expect(r.isDualLeader).toBe(true);
    expect(r.unitId).toBe(3);
    expect(r.phone).toBeNull();
  });

  it('maps record problems to the file’s columns: dates in the wrong order, check digit', () => {
    const wrongOrder = row('王五', id, '教工', '正式党员', '2016-07-01', '2015-07-01', '某支部', '');
    const r1 = importedRecord(wrongOrder.values, { orgId: 1, unitId: undefined, majorId: undefined }, null);
    expect(checkImportedRecord(r1, wrongOrder, header, today).map((p) => p.message)).toEqual([
      '第4行 转正日期：应晚于入党日期',
    ]);
    const badId = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    const badCheck = row('王五', badId, '教工', '正式党员', '2015-07-01', '2016-07-01', '某支部', '123');
    const r2 = importedRecord(badCheck.values, { orgId: 1, unitId: undefined, majorId: undefined }, null);
    expect(checkImportedRecord(r2, badCheck, header, today).map((p) => p.message)).toEqual([
      '第4行 身份证号：校验位错误',
      '第4行 联系电话：格式不正确（手机号11位，或带区号的固定电话）',
    ]);
  });

  it('does not repeat a problem for a cell that could not be read, and tolerates known ones', () => {
    const draft = row('赵六', id, '教工', '正式党员', '不详', '2016-07-01', '某支部', '');
    const r = importedRecord(draft.values, { orgId: 1, unitId: undefined, majorId: undefined }, null);
    expect(draft.problems.map((p) => p.message)).toEqual([
      '第4行 入党日期：“不详”不是日期，请填写如 2015-07-01',
    ]);
    expect(checkImportedRecord(r, draft, header, today)).toEqual([]);

    const late = row('赵六', id, '教工', '预备党员', '2020-07-01', '', '某支部', '');
    const r2 = importedRecord(late.values, { orgId: 1, unitId: undefined, majorId: undefined }, null);
    const problems = checkImportedRecord(r2, late, header, today);
    expect(problems.map((p) => p.column)).toEqual(['党籍状态']);
    const known = new Set([
      '党籍状态：预备期已超过两年，应办理转正或取消预备党员资格（《中国共产党章程》第七条）',
    ]);
    expect(checkImportedRecord(r2, late, header, today, known)).toEqual([]);
  });
});

describe('helpers', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [200, 'GR'],
    [16384, 'XFD'],
  ])('column %i is %s', (n, letter) => {
    expect(columnLetter(n)).toBe(letter);
  });

  it('org names compare without spaces and full-width forms', () => {
    expect(normaliseOrgName(' 软件 教工党支部（一） ')).toBe(normaliseOrgName('软件教工党支部(一)'));
  });
});
