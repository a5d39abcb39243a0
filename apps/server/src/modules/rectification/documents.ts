/**
 * The 整改台账 (Excel) of the items the list's filters select, through the shared print frame (files/xlsx.ts):
 * one row per item with its source, who answers for it, the measures and the result, the deadline (and the
 * first one when extended), where it stands and when it was submitted and closed (销号). The clause and the
 * evidence are on the item's page; a count of evidence is no measure of the work, so it is not printed.
 */
import {
  formatChineseDate,
  type IsoDate,
  type RectificationListQuery,
  rectificationSourceLabels,
  rectificationStatusLabels,
  toLocalDate,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { presentItem } from './presenter.ts';
import * as repo from './repo.ts';
import { filtersOf } from './service.ts';

/** GET /api/rectifications/ledger.xlsx: the 整改台账 of the items the list's filters select. */
export async function buildRectificationLedger(
  db: Db,
  actor: Actor,
  query: Omit<RectificationListQuery, 'page' | 'pageSize'>,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const rows = await repo.ledgerRows(db, await filtersOf(db, actor, query, today));
  const milestones = await repo.milestonesOf(
    db,
    rows.map((r) => r.id),
  );
  const assisting = new Map(
    (await repo.orgNames(db, [...new Set(rows.flatMap((r) => r.assisting_org_ids))])).map((o) => [
      o.id,
      o.name,
    ]),
  );
  const cells = rows.map((r, i) => {
    const item = presentItem(r, milestones.get(r.id) ?? [], today);
    const source = rectificationSourceLabels[item.source];
    return [
      i + 1,
      item.orgName,
      item.problem,
      item.sourceLabel ? `${source}：${item.sourceLabel}` : source,
      item.responsiblePerson?.name ?? '',
      r.assisting_org_ids.map((id) => assisting.get(id) ?? '').join('、'),
      r.measures ?? '',
      item.deadline,
      item.extensions > 0 ? `${item.originalDeadline}（延期${item.extensions}次）` : '',
      `${rectificationStatusLabels[item.status]}${item.reopenCount > 0 ? '（曾反弹）' : ''}`,
      item.overdue ? '逾期' : '',
      r.result ?? '',
      r.submitted_at ? toLocalDate(r.submitted_at) : '',
      r.status === 'closed' && r.closed_at ? toLocalDate(r.closed_at) : '',
    ];
  });
  const overdue = cells.filter((c) => c[10] === '逾期').length;
  const closed = rows.filter((r) => r.status === 'closed').length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '整改台账',
    {
      title: '问题整改台账',
      subtitle: [
        `共 ${cells.length} 项，已销号 ${closed} 项，逾期 ${overdue} 项；导出日期 ${formatChineseDate(today)}`,
      ],
      columns: [
        { header: '序号' },
        { header: '整改单位', maxWidth: 18 },
        { header: '问题', maxWidth: 32 },
        { header: '来源', maxWidth: 20 },
        { header: '责任人' },
        { header: '协办单位', maxWidth: 16 },
        { header: '整改措施', maxWidth: 32 },
        { header: '整改期限', text: true },
        { header: '原定期限', maxWidth: 14 },
        { header: '状态' },
        { header: '逾期' },
        { header: '完成情况', maxWidth: 30 },
        { header: '提交日期', text: true },
        { header: '销号日期', text: true },
      ],
      keyColumns: 3,
      orientation: 'landscape',
    },
    cells,
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `整改台账-${today}.xlsx` };
}
