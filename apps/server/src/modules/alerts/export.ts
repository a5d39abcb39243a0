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
import { addLedgerSheet, type LedgerColumn } from '../../files/xlsx.ts';

/** The columns; long texts wrap within caps that keep thirteen columns readable on one landscape page width. */
export const alertExportColumns: readonly LedgerColumn[] = [
  { header: '严重程度' },
  { header: '规则', maxWidth: 20 },
  { header: '党组织', maxWidth: 24 },
  { header: '说明', maxWidth: 30 },
  { header: '建议', maxWidth: 30 },
  { header: '依据（条款）', maxWidth: 24 },
  { header: '期间' },
  { header: '到期日' },
  { header: '状态' },
  { header: '首次发现' },
  { header: '解决日期' },
  { header: '确认说明', maxWidth: 20 },
  { header: '责任人' },
];

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

/** The workbook: the title, the export date, the header (repeated on every page) and one row per finding. */
export async function buildAlertsXlsx(
  title: string,
  today: IsoDate,
  findings: readonly AlertItem[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '监测预警',
    {
      title,
      subtitle: [`导出日期：${today}　共 ${findings.length} 条`],
      columns: alertExportColumns,
      keyColumns: 3,
      orientation: 'landscape',
    },
    findings.map(alertRow),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
