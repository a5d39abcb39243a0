/**
 * Reading a member roster spreadsheet: which column holds which field (our template, or a roster
 * exported from the 全国党员管理信息系统, matched by header), how a cell's text becomes a value, and
 * which problems each row has — all pure, so the server only streams cells in and resolves names.
 */
import { addDays, type IsoDate, isIsoDate } from '../dates.ts';
import {
  type Gender,
  genderLabels,
  type MemberCategory,
  memberCategoryLabels,
  type PartyStatus,
  partyStatusLabels,
} from '../dictionaries.ts';
import { limits } from '../limits.ts';
import {
  type DualLeaderKind,
  dualLeaderKindLabels,
  type EducationLevel,
  type Ethnicity,
  educationLabels,
  ethnicityLabels,
} from './dictionaries.ts';
import { normaliseIdNumber, toHalfWidth } from './id-number.ts';
import {
  checkMemberRecord,
  impliedBirthAndGender,
  type MemberField,
  type MemberProblem,
  type MemberRecord,
  memberFieldLabels,
} from './rules.ts';

/** A column of an import file: a record field, with the org, unit and major given by name. */
export type ImportColumn =
  | Exclude<MemberField, 'orgId' | 'unitId' | 'majorId'>
  | 'branchName'
  | 'groupName'
  | 'unitName'
  | 'majorName';

/** Headers of our template: the record's field labels, the org split into 所在党支部 and 党小组. */
export const importColumnLabels = {
  name: memberFieldLabels.name,
  gender: memberFieldLabels.gender,
  ethnicity: memberFieldLabels.ethnicity,
  birthDate: memberFieldLabels.birthDate,
  idNumber: memberFieldLabels.idNumber,
  phone: memberFieldLabels.phone,
  education: memberFieldLabels.education,
  category: memberFieldLabels.category,
  partyStatus: memberFieldLabels.partyStatus,
  joinedOn: memberFieldLabels.joinedOn,
  confirmedOn: memberFieldLabels.confirmedOn,
  branchName: '所在党支部',
  groupName: '党小组',
  unitName: memberFieldLabels.unitId,
  position: memberFieldLabels.position,
  title: memberFieldLabels.title,
  majorName: memberFieldLabels.majorId,
  grade: memberFieldLabels.grade,
  className: memberFieldLabels.className,
  isMobile: memberFieldLabels.isMobile,
  isAbroad: memberFieldLabels.isAbroad,
  isInHardship: memberFieldLabels.isInHardship,
  isDualLeader: memberFieldLabels.isDualLeader,
  dualLeaderKind: memberFieldLabels.dualLeaderKind,
  dualLeaderNote: memberFieldLabels.dualLeaderNote,
} as const satisfies Record<ImportColumn, string>;

/** Columns of the template, in order. */
export const importTemplateColumns = Object.keys(importColumnLabels) as ImportColumn[];

/** Columns a file must have: who (姓名, 身份证号), what (人员类别, 党籍状态, 入党日期) and where. */
export const requiredImportColumns = [
  'name',
  'idNumber',
  'category',
  'partyStatus',
  'joinedOn',
  'branchName',
] as const satisfies readonly ImportColumn[];

/**
 * Headers of the same columns in rosters exported from the 全国党员管理信息系统 and in common
 * hand-made rosters. A file using any of the national ones is recorded as the national layout.
 */
const nationalHeaders: Partial<Record<ImportColumn, readonly string[]>> = {
  idNumber: ['公民身份号码', '身份证号码'],
  phone: ['手机号码', '移动电话'],
  position: ['工作岗位'],
  branchName: ['所在党组织', '所在党支部名称', '党组织名称'],
  partyStatus: ['党员类型'],
  joinedOn: ['加入党组织日期'],
  confirmedOn: ['转为正式党员日期'],
};
const otherHeaders: Partial<Record<ImportColumn, readonly string[]>> = {
  name: ['党员姓名'],
  birthDate: ['出生年月', '出生年月日'],
  idNumber: ['身份证', '证件号码'],
  phone: ['手机号', '手机', '联系方式', '电话'],
  education: ['最高学历', '文化程度'],
  category: ['人员身份', '身份类别'],
  position: ['职务', '岗位', '职务岗位'],
  title: ['专业技术职务'],
  unitName: ['工作单位', '单位'],
  majorName: ['所学专业'],
  branchName: ['党支部', '所在支部'],
  groupName: ['所在党小组'],
  joinedOn: ['入党时间'],
  confirmedOn: ['转正时间'],
  isMobile: ['是否流动党员'],
  isAbroad: ['是否出国（境）', '出国境'],
  isInHardship: ['是否困难党员'],
  isDualLeader: ['是否双带头人'],
};

/** How the columns of a file were recognised, as the import history records it. */
export const importLayouts = ['template', 'national', 'mapped'] as const;
export type ImportLayout = (typeof importLayouts)[number];
export const importLayoutLabels = {
  template: '本系统导入模板',
  national: '全国党员管理信息系统导出名册',
  mapped: '按列名识别的名册',
} as const satisfies Record<ImportLayout, string>;

/** Most rows and columns a file may have (the reader refuses larger files before mapping). */
export const importFileLimits = { maxRows: 50_000, maxColumns: 200, headerSearchRows: 10 } as const;

/** A header as compared: half-width, no spaces, no required-marker asterisks. */
function headerKey(text: string): string {
  return toHalfWidth(text).replace(/[\s*]/g, '');
}

type HeaderKind = 'template' | 'national' | 'other';
const headerTable = new Map<string, { column: ImportColumn; kind: HeaderKind }>();
for (const column of importTemplateColumns) {
  headerTable.set(headerKey(importColumnLabels[column]), { column, kind: 'template' });
  for (const h of nationalHeaders[column] ?? []) headerTable.set(headerKey(h), { column, kind: 'national' });
  for (const h of otherHeaders[column] ?? []) headerTable.set(headerKey(h), { column, kind: 'other' });
}

function lookupHeader(text: string): { column: ImportColumn; kind: HeaderKind } | null {
  const key = headerKey(text);
  if (key === '') return null;
  // A hint in brackets, e.g. 入党日期(YYYY-MM-DD), is not part of the name.
  return headerTable.get(key) ?? headerTable.get(key.replace(/\([^)]*\)/g, '')) ?? null;
}

/** The column a header names, or null when it is not one we read. */
export function matchImportHeader(text: string): ImportColumn | null {
  return lookupHeader(text)?.column ?? null;
}

/** Spreadsheet column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** One problem of a file, row by row: `第12行 身份证号：校验位错误`. */
export interface ImportProblem {
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** The column's header as written in the file (our label when the file lacks the column). */
  column: string;
  message: string;
}

/** A problem at a row and column, with the message in the form users see. */
export function importProblem(row: number, column: string, detail: string): ImportProblem {
  return { row, column, message: `第${row}行 ${column}：${detail}` };
}

/** What a spreadsheet cell can hold once the reader has flattened rich text and hyperlinks. */
export type ImportCell = string | number | boolean | Date | null | undefined;

/** The header row of a file: which column (1-based) holds what, and what is ignored. */
export interface ImportHeader {
  row: number;
  layout: ImportLayout;
  columns: { index: number; column: ImportColumn; header: string }[];
  ignored: { index: number; header: string }[];
  /** Missing required columns and columns given twice. */
  problems: ImportProblem[];
}

function cellText(v: ImportCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * Reads a row as a header row when it names at least three columns we know, 姓名 among them;
 * returns null otherwise (title rows above the header, e.g. “党员名册”, are skipped this way).
 */
export function mapImportHeader(cells: readonly ImportCell[], row: number): ImportHeader | null {
  const columns: ImportHeader['columns'] = [];
  const ignored: ImportHeader['ignored'] = [];
  const problems: ImportProblem[] = [];
  const kinds = new Set<HeaderKind>();
  const seen = new Map<ImportColumn, number>();
  for (let index = 1; index < cells.length; index++) {
    const header = cellText(cells[index]).trim();
    if (header === '') continue;
    const hit = lookupHeader(header);
    if (!hit) {
      ignored.push({ index, header });
      continue;
    }
    const first = seen.get(hit.column);
    if (first !== undefined) {
      problems.push(
        importProblem(
          row,
          header,
          `与${columnLetter(first)}列重复（都表示“${importColumnLabels[hit.column]}”），请删除其中一列`,
        ),
      );
      continue;
    }
    seen.set(hit.column, index);
    kinds.add(hit.kind);
    columns.push({ index, column: hit.column, header });
  }
  if (columns.length < 3 || !seen.has('name')) return null;
  for (const c of requiredImportColumns)
    if (!seen.has(c)) problems.push(importProblem(row, importColumnLabels[c], '表头中缺少这一必填列'));
  const layout: ImportLayout = kinds.has('national')
    ? 'national'
    : kinds.size === 1 && ignored.length === 0
      ? 'template'
      : 'mapped';
  return { row, layout, columns, ignored, problems };
}

/** Values read from one row; a key is absent when the file has no such column. */
export interface ImportValues {
  name: string | null;
  gender: Gender | null;
  ethnicity: Ethnicity | null;
  birthDate: IsoDate | null;
  idNumber: string | null;
  phone: string | null;
  education: EducationLevel | null;
  category: MemberCategory | null;
  partyStatus: PartyStatus | null;
  joinedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
  branchName: string | null;
  groupName: string | null;
  unitName: string | null;
  position: string | null;
  title: string | null;
  majorName: string | null;
  grade: string | null;
  className: string | null;
  isMobile: boolean;
  isAbroad: boolean;
  isInHardship: boolean;
  isDualLeader: boolean;
  dualLeaderKind: DualLeaderKind | null;
  dualLeaderNote: string | null;
}

/** One data row: its values, the columns that could not be read, and why. */
export interface ImportRowDraft {
  row: number;
  values: Partial<ImportValues>;
  /** Columns whose cell could not be read (record checks on them would only repeat the problem). */
  invalid: ImportColumn[];
  problems: ImportProblem[];
}

/** The example row of our template (姓名 ends with “（示例）”) is skipped. */
export const templateExampleSuffix = '（示例）';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** Text of a cell as typed: half-width, no Excel text-marker apostrophe, trimmed. */
export function normaliseCellText(v: ImportCell): string {
  return toHalfWidth(cellText(v)).replace(/^\s*'/, '').trim();
}

/** A lookup key for dictionary values and names: half-width, no spaces, lower case. */
export function lookupKey(text: string): string {
  return toHalfWidth(text).replace(/^\s*'/, '').replace(/\s+/g, '').toLowerCase();
}

/** Org, unit and major names compare without spaces and in half-width forms. */
export function normaliseOrgName(name: string): string {
  return lookupKey(name);
}

/** 1900-date-system serial of 2099-12-31; larger numbers are not dates of this roster. */
const maxSerial = 73_050;

function fromSerial(serial: number, date1904: boolean): Parsed<IsoDate> {
  const day = Math.floor(serial);
  if (date1904) return ok(addDays('1904-01-01', day));
  if (day === 60) return bad('1900-02-29 不存在（Excel 的历史错误），请核对');
  // Excel counts 1900-02-29, which never was: serials from 61 on are one day late.
  return ok(day < 60 ? addDays('1899-12-31', day) : addDays('1899-12-30', day));
}

/**
 * A calendar day from a cell: a Date, an Excel serial number (1900 system unless `date1904`),
 * yyyymmdd as a number, or text such as 2015-07-01, 2015/7/1, 2015.07.01, 2015年7月1日, 20150701.
 */
export function parseImportDate(v: ImportCell, date1904 = false): Parsed<IsoDate | null> {
  if (v === null || v === undefined) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('不是有效的日期');
    return ok(v.toISOString().slice(0, 10));
  }
  let result: Parsed<IsoDate> | null = null;
  const text = normaliseCellText(v);
  if (text === '') return ok(null);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1_000_01_01 && v <= 9_999_12_31) result = fromYmd(String(v));
    else if (v >= 1 && v <= maxSerial) result = fromSerial(v, date1904);
  } else {
    const m =
      /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(
        text,
      );
    if (m) result = fromYmd(`${m[1]}${m[2]!.padStart(2, '0')}${m[3]!.padStart(2, '0')}`);
    else if (/^\d{8}$/.test(text)) result = fromYmd(text);
    // Some exports write the serial number as text.
    else if (/^\d{5}(\.\d+)?$/.test(text) && Number(text) <= maxSerial)
      result = fromSerial(Number(text), date1904);
  }
  if (result === null) return bad(`“${text}”不是日期，请填写如 2015-07-01`);
  if (!result.ok) return result;
  if (result.value < '1900-01-01' || result.value > '2099-12-31')
    return bad(`${result.value} 超出合理范围（1900–2099年）`);
  return result;
}

function fromYmd(ymd: string): Parsed<IsoDate> | null {
  const iso = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  return isIsoDate(iso) ? ok(iso) : bad(`${iso} 不是实际存在的日期`);
}

/** A dictionary: every accepted spelling (label, code, common variants) → code. */
function dictionary<C extends string>(
  labels: Record<C, string>,
  variants: Partial<Record<C, readonly string[]>> = {},
): Map<string, C> {
  const map = new Map<string, C>();
  for (const code of Object.keys(labels) as C[]) {
    map.set(lookupKey(code), code);
    map.set(lookupKey(labels[code]), code);
    for (const v of variants[code] ?? []) map.set(lookupKey(v), code);
  }
  return map;
}

const genderDictionary = dictionary(genderLabels, {
  male: ['男性', '1', 'm'],
  female: ['女性', '2', 'f'],
});
const ethnicityDictionary = (() => {
  const map = dictionary(ethnicityLabels);
  for (const [code, label] of Object.entries(ethnicityLabels) as [Ethnicity, string][]) {
    map.set(String(Number(code)), code);
    // 汉 for 汉族, 蒙古 for 蒙古族.
    map.set(lookupKey(label.replace(/族$/, '')), code);
  }
  return map;
})();
const educationDictionary = dictionary(educationLabels, {
  doctorate: ['博士', '博士研究生毕业'],
  master: ['硕士', '研究生', '硕士研究生毕业', '研究生毕业'],
  bachelor: ['本科', '大学', '大学本科毕业', '本科毕业'],
  associate: ['专科', '大专', '高职', '大学专科毕业', '大专毕业'],
  secondary: ['中专', '高中', '中技', '技校', '职高', '中等专科', '中专及高中', '高中及中专'],
  primary: ['初中', '小学', '小学及以下', '初中以下'],
});
const categoryDictionary = dictionary(memberCategoryLabels, {
  staff: ['教职工', '在职教职工', '在职教工', '教师', '职工', '在职职工', '在职人员', '在职'],
  student: ['在校学生', '在校生', '学生党员'],
  retired: ['离退休人员', '离休', '退休', '离休人员', '退休人员', '离退休教职工', '离退休干部'],
  other: ['其他人员', '其它'],
});
const partyStatusDictionary = dictionary(partyStatusLabels, {
  full: ['正式'],
  probationary: ['预备'],
});
const dualLeaderKindDictionary = dictionary(dualLeaderKindLabels, {
  major_leader: ['专业'],
  academic_leader: ['学术'],
});
const yesNo = new Map<string, boolean>(
  [
    ['是', true],
    ['否', false],
    ['有', true],
    ['无', false],
    ['y', true],
    ['n', false],
    ['yes', true],
    ['no', false],
    ['true', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['√', true],
    ['×', false],
  ].map(([k, v]) => [lookupKey(k as string), v as boolean]),
);

function fromDictionary<C>(map: Map<string, C>, text: string, hint: string): Parsed<C | null> {
  if (text === '') return ok(null);
  const code = map.get(lookupKey(text));
  return code === undefined ? bad(`无法识别“${text}”，${hint}`) : ok(code);
}

/** Free text: kept as typed (full-width punctuation included), line breaks become spaces. */
function freeText(text: string, max: number): Parsed<string | null> {
  const t = text.replace(/[\r\n\t]+/g, ' ').trim();
  if (t === '') return ok(null);
  if (/\p{Cc}/u.test(t)) return bad('不能包含控制字符');
  if (t.length > max) return bad(`不能超过 ${max} 个字符`);
  return ok(t);
}

/** The cell as typed, apostrophe removed, trimmed; full-width forms kept. */
function typedText(v: ImportCell): string {
  return cellText(v)
    .replace(/^[\s\u3000]*['\uFF07]/, '')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

const dictionaryHints = {
  gender: '请填写“男”或“女”',
  ethnicity: '请填写民族名称（如 汉族）或两位代码（如 01），见“字典”工作表',
  education: `请填写${Object.values(educationLabels).join('、')}之一`,
  category: `请填写${Object.values(memberCategoryLabels).join('、')}之一`,
  partyStatus: '请填写“正式党员”或“预备党员”',
  dualLeaderKind: `请填写${Object.values(dualLeaderKindLabels).join('或')}`,
  yesNo: '请填写“是”或“否”',
};

/** Reads one cell of a column; `null` is an empty cell. */
export function parseImportCell(
  column: ImportColumn,
  v: ImportCell,
  date1904 = false,
): Parsed<ImportValues[ImportColumn]> {
  const text = normaliseCellText(v);
  switch (column) {
    case 'name': {
      let t = typedText(v).replace(/[\r\n\t]+/g, ' ');
      // Printed rosters pad two-character names to align them: 张　三.
      t = /\p{Script=Han}/u.test(t) ? t.replace(/[\s\u3000]+/g, '') : t.replace(/\s+/g, ' ');
      return ok(t === '' ? null : t);
    }
    case 'idNumber':
      if (typeof v === 'number')
        return bad('被 Excel 存成了数字，末几位已经丢失；请把这一列设为“文本”格式后重新填写');
      return ok(text === '' ? null : normaliseIdNumber(text));
    case 'phone': {
      const t = (typeof v === 'number' ? String(v) : text).replace(/\s+/g, '').replace(/^\+?86-?(?=1)/, '');
      return ok(t === '' ? null : t);
    }
    case 'birthDate':
    case 'joinedOn':
    case 'confirmedOn':
      return parseImportDate(v, date1904);
    case 'gender':
      return fromDictionary(genderDictionary, text, dictionaryHints.gender);
    case 'ethnicity': {
      const t = typeof v === 'number' ? String(v).padStart(2, '0') : text;
      return fromDictionary(ethnicityDictionary, t, dictionaryHints.ethnicity);
    }
    case 'education':
      return fromDictionary(educationDictionary, text, dictionaryHints.education);
    case 'category':
      return fromDictionary(categoryDictionary, text, dictionaryHints.category);
    case 'partyStatus':
      return fromDictionary(partyStatusDictionary, text, dictionaryHints.partyStatus);
    case 'dualLeaderKind':
      return fromDictionary(dualLeaderKindDictionary, text, dictionaryHints.dualLeaderKind);
    case 'isMobile':
    case 'isAbroad':
    case 'isInHardship':
    case 'isDualLeader': {
      if (typeof v === 'boolean') return ok(v);
      if (text === '') return ok(false);
      const b = yesNo.get(lookupKey(text));
      return b === undefined ? bad(`无法识别“${text}”，${dictionaryHints.yesNo}`) : ok(b);
    }
    case 'grade': {
      if (text === '') return ok(null);
      return ok(text.replace(/(级|年级)$/, ''));
    }
    case 'branchName':
    case 'groupName':
    case 'unitName':
    case 'majorName':
      return freeText(typedText(v), limits.orgName.max * 2);
    case 'position':
    case 'title':
    case 'className':
      return freeText(typedText(v), limits.memberText.max);
    case 'dualLeaderNote':
      return freeText(typedText(v), 200);
  }
}

/** Values a required column may not leave empty. */
const requiredValue = new Set<ImportColumn>(requiredImportColumns);

/**
 * Reads one data row against the header. Returns null for a blank row or the template's example
 * row. Problems name the row and the file's own header.
 */
export function mapImportRow(
  header: ImportHeader,
  cells: readonly ImportCell[],
  row: number,
  date1904 = false,
): ImportRowDraft | null {
  const values: Partial<Record<ImportColumn, unknown>> = {};
  const invalid: ImportColumn[] = [];
  const problems: ImportProblem[] = [];
  let blank = true;
  for (const { index, column, header: title } of header.columns) {
    const v = cells[index];
    if (cellText(v).trim() !== '') blank = false;
    const parsed = parseImportCell(column, v, date1904);
    if (!parsed.ok) {
      values[column] = null;
      invalid.push(column);
      problems.push(importProblem(row, title, parsed.message));
    } else if (parsed.value === null && requiredValue.has(column)) {
      values[column] = null;
      invalid.push(column);
      problems.push(importProblem(row, title, '不能为空'));
    } else values[column] = parsed.value;
  }
  if (blank) return null;
  if (typeof values.name === 'string' && /[（(]示例[)）]$/.test(values.name)) return null;
  return { row, values: values as Partial<ImportValues>, invalid, problems };
}

/** What the server resolved from a row's names; `undefined` when the file has no such column. */
export interface ImportPlacement {
  orgId: number;
  unitId: number | null | undefined;
  majorId: number | null | undefined;
}

/**
 * The record a row describes. Over an existing record (matched by ID number) a column the file
 * lacks keeps its stored value; an empty cell clears it. Birth date and gender default to what a
 * valid ID number says, so an import stores them and a re-import finds nothing changed.
 */
export function importedRecord(
  values: Partial<ImportValues>,
  placement: ImportPlacement,
  existing: MemberRecord | null,
): MemberRecord {
  const base: MemberRecord = existing ?? {
    name: '',
    gender: null,
    ethnicity: null,
    birthDate: null,
    idNumber: null,
    phone: null,
    education: null,
    category: 'other',
    position: null,
    title: null,
    unitId: null,
    majorId: null,
    grade: null,
    className: null,
    partyStatus: 'full',
    joinedOn: null,
    confirmedOn: null,
    orgId: placement.orgId,
    isMobile: false,
    isAbroad: false,
    isInHardship: false,
    isDualLeader: false,
    dualLeaderKind: null,
    dualLeaderNote: null,
  };
  const take = <K extends keyof ImportValues & keyof MemberRecord>(key: K): MemberRecord[K] =>
    key in values ? ((values[key] ?? base[key]) as MemberRecord[K]) : base[key];
  const nullable = <K extends keyof ImportValues & keyof MemberRecord>(key: K): MemberRecord[K] =>
    key in values ? (values[key] as MemberRecord[K]) : base[key];
  const record: MemberRecord = {
    name: take('name'),
    gender: nullable('gender'),
    ethnicity: nullable('ethnicity'),
    birthDate: nullable('birthDate'),
    idNumber: take('idNumber'),
    phone: nullable('phone'),
    education: nullable('education'),
    category: take('category'),
    position: nullable('position'),
    title: nullable('title'),
    unitId: placement.unitId === undefined ? base.unitId : placement.unitId,
    majorId: placement.majorId === undefined ? base.majorId : placement.majorId,
    grade: nullable('grade'),
    className: nullable('className'),
    partyStatus: take('partyStatus'),
    joinedOn: nullable('joinedOn'),
    confirmedOn: nullable('confirmedOn'),
    orgId: placement.orgId,
    isMobile: take('isMobile'),
    isAbroad: take('isAbroad'),
    isInHardship: take('isInHardship'),
    isDualLeader: take('isDualLeader'),
    dualLeaderKind: nullable('dualLeaderKind'),
    dualLeaderNote: nullable('dualLeaderNote'),
  };
  const implied = impliedBirthAndGender(record);
  return {
    ...record,
    birthDate: record.birthDate ?? implied.birthDate,
    gender: record.gender ?? implied.gender,
  };
}

/** The import column a record field is read from. */
function columnOfField(field: MemberField): ImportColumn {
  if (field === 'orgId') return 'branchName';
  if (field === 'unitId') return 'unitName';
  if (field === 'majorId') return 'majorName';
  return field;
}

/** The title of a column in this file: its own header, else our label. */
export function importColumnTitle(header: ImportHeader, column: ImportColumn): string {
  return header.columns.find((c) => c.column === column)?.header ?? importColumnLabels[column];
}

/**
 * The record rules (checkMemberRecord) on an imported row, as row problems under the file's
 * headers. Problems on cells that could not be read are not repeated; `tolerated` are messages an
 * existing record already had, which an import that does not cause them need not fix.
 */
export function checkImportedRecord(
  record: MemberRecord,
  draft: ImportRowDraft,
  header: ImportHeader,
  today: IsoDate,
  tolerated: ReadonlySet<string> = new Set(),
): ImportProblem[] {
  const invalid = new Set(draft.invalid);
  return checkMemberRecord(record, today)
    .filter((p: MemberProblem) => !invalid.has(columnOfField(p.path)) && !tolerated.has(p.message))
    .map((p) => {
      const column = columnOfField(p.path);
      const detail = p.message.replace(`${memberFieldLabels[p.path]}：`, '');
      return importProblem(draft.row, importColumnTitle(header, column), detail);
    });
}
