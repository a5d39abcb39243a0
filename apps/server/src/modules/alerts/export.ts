/**
 * 监测预警 as xlsx (GET /api/alerts/export.xlsx): the list's current filters, no paging, one row per
 * finding in the list's order. A finding names an org and says what is wrong; it carries no ID number
 * or phone, so there is nothing to mask.
 */
import {
  type AlertItem,
  findingStateLabels,
  type IsoDate,
  severityLabels,
  toLocalDate,
} from '@dangjian/core';
import ExcelJS from 'exceljs';

/** Header and width of each column. */
export const alertExportColumns = [
  ['严重程度', 9],
  ['规则', 24],
  ['党组织', 26],
  ['说明', 48],
  ['建议', 40],
  ['依据（条款）', 40],
  ['期间', 12],
  ['到期日', 12],
  ['状态', 9],
  ['首次发现', 12],
  ['解决日期', 12],
  ['确认说明', 30],
  ['责任人', 10],
] as const;

/** A stored instant as the college's calendar day. */
const day = (iso: string | null) => (iso ? toLocalDate(new Date(iso)) : '');

/** The cells of one finding's row. */
export function alertRow(f: AlertItem): string[] {
  return [
    severityLabels[f.severity],
    f.title,
    f.orgName,
    f.message,
    f.suggestion,
    `${f.clause.source} ${f.clause.article}`,
    f.period ?? '',
    f.dueDate ?? '',
    findingStateLabels[f.state],
    day(f.firstSeenAt),
    day(f.resolvedAt),
    f.ackComment ?? '',
    f.assignee?.name ?? '',
  ];
}

/** The workbook: a title row, the export date, the header (frozen) and one row per finding. */
export async function buildAlertsXlsx(
  title: string,
  today: IsoDate,
  findings: readonly AlertItem[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  const sheet = wb.addWorksheet('监测预警');
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([`导出日期：${today}　共 ${findings.length} 条`]);
  const header = sheet.addRow(alertExportColumns.map(([h]) => h));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.columns = alertExportColumns.map(([, width]) => ({ width }));
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '3:3',
  };
  for (const f of findings) sheet.addRow(alertRow(f)).alignment = { vertical: 'top', wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
