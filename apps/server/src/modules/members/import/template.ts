/**
 * The import template: the roster sheet with our headers, an example row and drop-down lists, a
 * 字典 sheet with the codes and names the importer accepts (and the branches the user may import
 * into), and a sheet of instructions.
 */
import {
  canHoldMembers,
  dualLeaderKindLabels,
  educationLabels,
  ethnicities,
  ethnicityLabels,
  genderLabels,
  type ImportColumn,
  idNumberCheckChar,
  importColumnLabels,
  importFileLimits,
  importTemplateColumns,
  memberCategoryLabels,
  memberImportMaxBytes,
  partyStatusLabels,
  requiredImportColumns,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import {
  columnWidths,
  drawBorders,
  rowHeight,
  setPlainPrintPage,
  startLedgerSheet,
} from '../../../files/xlsx.ts';
import type { Actor, Db } from '../../../http/context.ts';
import * as repo from './repo.ts';

/** Rows of the roster sheet that get drop-down lists. */
const validatedRows = 5000;

/** A valid, obviously invented ID number for the example row. */
function exampleIdNumber(): string {
  const body = '11010119900307451';
  return body + idNumberCheckChar(body);
}

type Dictionary = {
  title: string;
  column: ImportColumn | null;
  head: [string, string];
  rows: [string, string][];
};

/** Builds the template for the actor: its 字典 lists the branches and 党小组 of the actor's scope. */
export async function buildImportTemplate(db: Db, actor: Actor): Promise<Buffer> {
  const [orgs, { units, majors }] = await Promise.all([
    repo.orgsInScope(db, actor.scope),
    repo.unitsAndMajors(db),
  ]);
  const branches = orgs.filter((o) => o.type !== 'group' && canHoldMembers(o.type, o.parent_type ?? null));
  const branchName = new Map(branches.map((o) => [o.id, o.name]));
  const groups = orgs.filter(
    (o) => o.type === 'group' && o.parent_id !== null && branchName.has(o.parent_id),
  );

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  const required = new Set<ImportColumn>(requiredImportColumns);
  const textColumns = new Set<ImportColumn>([
    'idNumber',
    'phone',
    'birthDate',
    'joinedOn',
    'confirmedOn',
    'grade',
  ]);
  const example: Partial<Record<ImportColumn, string>> = {
    name: '张三（示例）',
    gender: '男',
    ethnicity: '汉族',
    birthDate: '1990-03-07',
    idNumber: exampleIdNumber(),
    phone: '13800000000',
    education: educationLabels.bachelor,
    category: memberCategoryLabels.staff,
    partyStatus: partyStatusLabels.full,
    joinedOn: '2015-07-01',
    confirmedOn: '2016-07-01',
    branchName: branches[0]?.name ?? '某某党支部',
    position: '专任教师',
    title: '讲师',
    isMobile: '否',
    isAbroad: '否',
    isInHardship: '否',
    isDualLeader: '否',
  };
  // A form to fill: fixed widths with room to type, 姓名 repeated on every printed page.
  const roster = startLedgerSheet(
    wb,
    '党员名册',
    {
      title: '党员名册导入模板',
      subtitle: ['填写前请阅读“填写说明”工作表；红色列名为必填列，示例行导入时忽略。'],
      columns: importTemplateColumns.map((c) => ({
        header: importColumnLabels[c],
        width: c === 'idNumber' ? 22 : c === 'branchName' || c === 'unitName' ? 24 : 13,
        text: textColumns.has(c),
      })),
      keyColumns: 1,
    },
    [],
  );
  const { sheet, headerRow } = roster;
  const dict = wb.addWorksheet('字典');
  const help = wb.addWorksheet('填写说明');

  sheet.getRow(headerRow).eachCell((cell, col) => {
    const column = importTemplateColumns[col - 1]!;
    if (!required.has(column)) return;
    cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = '必填';
  });
  const exampleRow = roster.addRow(importTemplateColumns.map((c) => example[c] ?? null));
  exampleRow.font = { italic: true, color: { argb: 'FF808080' } };

  const dictionaries: Dictionary[] = [
    {
      title: '性别',
      column: 'gender',
      head: ['代码', '名称'],
      rows: [
        ['1', genderLabels.male],
        ['2', genderLabels.female],
      ],
    },
    {
      title: '民族（GB/T 3304）',
      column: 'ethnicity',
      head: ['代码', '名称'],
      rows: ethnicities.map((code) => [code, ethnicityLabels[code]]),
    },
    { title: '学历', column: 'education', head: ['代码', '名称'], rows: Object.entries(educationLabels) },
    {
      title: '人员类别',
      column: 'category',
      head: ['代码', '名称'],
      rows: Object.entries(memberCategoryLabels),
    },
    {
      title: '党籍状态',
      column: 'partyStatus',
      head: ['代码', '名称'],
      rows: Object.entries(partyStatusLabels),
    },
    {
      title: '是否',
      column: null,
      head: ['代码', '名称'],
      rows: [
        ['1', '是'],
        ['0', '否'],
      ],
    },
    {
      title: '双带头人类型',
      column: 'dualLeaderKind',
      head: ['代码', '名称'],
      rows: Object.entries(dualLeaderKindLabels),
    },
    {
      title: '所在党支部（您的管理范围）',
      column: 'branchName',
      head: ['序号', '名称'],
      rows: branches.map((o, i) => [String(i + 1), o.name]),
    },
    {
      title: '党小组',
      column: null,
      head: ['所属党支部', '党小组'],
      rows: groups.map((g) => [branchName.get(g.parent_id!)!, g.name]),
    },
    {
      title: '所在单位',
      column: 'unitName',
      head: ['序号', '名称'],
      rows: units.map((u, i) => [String(i + 1), u.name]),
    },
    {
      title: '专业',
      column: 'majorName',
      head: ['序号', '名称'],
      rows: majors.map((m, i) => [String(i + 1), m.name]),
    },
  ];
  const lists = new Map<ImportColumn | 'yesNo', string>();
  dictionaries.forEach((d, i) => {
    const first = i * 3 + 1;
    const [codeWidth, nameWidth] = columnWidths([{ header: d.head[0] }, { header: d.head[1] }], d.rows);
    dict.getColumn(first).width = codeWidth;
    dict.getColumn(first + 1).width = nameWidth;
    dict.getCell(1, first).value = d.title;
    dict.getCell(1, first).font = { bold: true };
    dict.getCell(2, first).value = d.head[0];
    dict.getCell(2, first + 1).value = d.head[1];
    d.rows.forEach(([code, label], r) => {
      dict.getCell(r + 3, first).value = code;
      dict.getCell(r + 3, first + 1).value = label;
    });
    drawBorders(dict, 2, first, d.rows.length + 2, first + 1);
    if (d.rows.length === 0) return;
    const letter = dict.getColumn(first + 1).letter;
    const range = `'字典'!$${letter}$3:$${letter}$${d.rows.length + 2}`;
    if (d.column) lists.set(d.column, range);
    if (d.title === '是否') lists.set('yesNo', range);
  });
  setPlainPrintPage(
    dict,
    dict.columns.map((c) => c.width ?? 9),
    'landscape',
  );

  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  importTemplateColumns.forEach((c, i) => {
    const isFlag = c === 'isMobile' || c === 'isAbroad' || c === 'isInHardship' || c === 'isDualLeader';
    const range = lists.get(isFlag ? 'yesNo' : c);
    if (!range) return;
    const letter = sheet.getColumn(i + 1).letter;
    validations.add(`${letter}${headerRow + 1}:${letter}${headerRow + validatedRows}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      // A warning, not a stop: codes from the 字典 sheet (01 for 汉族) are accepted too.
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: importColumnLabels[c],
      error: '不在下拉列表中。可以填写“字典”工作表中的名称或代码；确认无误请点“是”继续',
    });
  });

  const lines = [
    '党员名册导入说明',
    `1. 第${headerRow}行为表头，请勿修改列名；第${headerRow + 1}行为示例，姓名以“（示例）”结尾的行导入时忽略，可删除。表头以上的标题行可以保留。`,
    `2. 红色列为必填：${requiredImportColumns.map((c) => importColumnLabels[c]).join('、')}。`,
    '3. 身份证号、联系电话、日期列已设为文本格式，请勿改为数字（18位身份证号存成数字会丢失末几位）。',
    '4. 日期可写作 2015-07-01、2015/7/1、2015.07.01、2015年7月1日、20150701，也可使用 Excel 日期。',
    '5. 性别、民族、学历、人员类别、党籍状态等可从下拉列表选择，也可填写“字典”工作表中的代码；民族填“汉族”或“01”均可。',
    '6. 所在党支部须是您管理范围内的党支部（见“字典”工作表）；党小组可不填，填写时须属于该党支部。',
    '7. 已登记的党员按身份证号匹配并更新有变化的信息：表中没有的列保持原值，留空的单元格会清空原值；调整到其他党支部须办理组织关系转接。',
    '8. 先点击“检查”，系统按行列出全部问题（如：第12行 身份证号：校验位错误）；修改后重新上传，没有问题时才能确认导入。导入要么全部成功，要么不写入任何数据；同一文件重复导入不会产生变化。',
    `9. 单个文件不超过 ${memberImportMaxBytes / 1024 / 1024} MB、${importFileLimits.maxRows.toLocaleString('en-US')} 行、${importFileLimits.maxColumns} 列；请勿使用公式。`,
    '10. 也可直接导入从全国党员管理信息系统导出的党员名册（按列名识别，如“公民身份号码”“所在党组织”“加入党组织日期”，多余的列会被忽略）。',
  ];
  // Narrow enough for a portrait page at full size, also where Calibri is missing (LibreOffice on Linux).
  const helpWidth = 70;
  help.getColumn(1).width = helpWidth;
  setPlainPrintPage(help, [helpWidth], 'portrait');
  lines.forEach((text, i) => {
    const c = help.getCell(i + 1, 1);
    c.value = text;
    c.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) c.font = { bold: true, size: 14 };
    help.getRow(i + 1).height = rowHeight([text], [helpWidth]) + (i === 0 ? 8 : 0);
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
