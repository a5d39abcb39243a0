/**
 * The campaign's 报送情况汇总表 (Excel) through the shared print frame (files/xlsx.ts): one row per participating org
 * in the caller's scope, in the progress table's order (who has not submitted first) — the org, its 党总支, the
 * list's status and day, the items and how many are closed (销号), in progress and overdue today, the summary's
 * status and day. The summary texts are read on the campaign's page.
 */
import { campaignSubmissionStatusLabels, formatChineseDate, type IsoDate, toLocalDate } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { getCampaignDetail } from './service.ts';

const dayOf = (at: string | null) => (at ? toLocalDate(new Date(at)) : '');

/** GET /api/rectification-campaigns/{id}/report.xlsx: the 报送情况汇总表 of the orgs in the caller's scope. */
export async function buildCampaignReport(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const c = await getCampaignDetail(db, actor, id, today);
  const cells = c.rows.map((r, i) => [
    i + 1,
    r.org.name,
    r.parentName ?? '',
    campaignSubmissionStatusLabels[r.listStatus],
    dayOf(r.listSubmittedAt),
    r.noProblems ? '经自查未发现问题' : r.figures.items,
    r.figures.closed,
    r.figures.open,
    r.figures.overdue,
    campaignSubmissionStatusLabels[r.summaryStatus],
    dayOf(r.summarySubmittedAt),
  ]);
  const p = c.progress;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '报送情况',
    {
      title: `${c.name}报送情况汇总表`,
      subtitle: [
        `问题清单截止 ${formatChineseDate(c.listDueOn)}，整改总结截止 ${formatChineseDate(c.summaryDueOn)}；导出日期 ${formatChineseDate(today)}`,
        `共 ${p.orgs} 个党组织：问题清单已提交 ${p.listSubmitted} 个、逾期未提交 ${p.listOverdue} 个；整改总结已提交 ${p.summarySubmitted} 个、逾期未提交 ${p.summaryOverdue} 个；问题 ${p.figures.items} 个，已销号 ${p.figures.closed} 个，逾期 ${p.figures.overdue} 个`,
      ],
      columns: [
        { header: '序号' },
        { header: '党组织', maxWidth: 24 },
        { header: '所属党总支', maxWidth: 20 },
        { header: '问题清单' },
        { header: '提交日期', text: true },
        { header: '问题数', maxWidth: 16 },
        { header: '已销号' },
        { header: '整改中' },
        { header: '逾期' },
        { header: '整改总结' },
        { header: '提交日期', text: true },
      ],
      keyColumns: 2,
      orientation: 'landscape',
    },
    cells,
  );
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `${c.name}-报送情况-${today}.xlsx`,
  };
}
