/**
 * The 巡察整改台账 (Excel) of one round, through the shared print frame (files/xlsx.ts): a sheet of the units — the
 * feedback's day, the figures counted from their items now, the report's due day and the day it came in with the
 * figures it reported, the 回头看 and how many items came back — and a sheet of every problem fed back, with its
 * 责任人, measures, deadline, where it stands and what the 回头看 found. A unit's secretary gets its own part only.
 */
import {
  formatChineseDate,
  type IsoDate,
  inspectionKindLabels,
  inspectionLookbackOutcomeLabels,
  inspectionReportDue,
  inspectionUnitStatusLabels,
  isInspectionReportOverdue,
  rectificationStatusLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { figuresOf } from './presenter.ts';
import { getLedgerData } from './service.ts';

/** GET /api/inspections/{id}/ledger.xlsx: the round's 巡察整改台账. */
export async function buildInspectionLedger(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { round, units } = await getLedgerData(db, actor, id, today);
  const heading = `${round.name}（${inspectionKindLabels[round.kind]}，${formatChineseDate(round.starts_on)}至${formatChineseDate(round.ends_on)}）`;
  const exported = `导出日期 ${formatChineseDate(today)}；整改数据按整改事项统计，报告时数据为提交整改报告当日的统计`;

  const unitRows = units.map(({ unit: u, items, verdicts }, i) => {
    const now = figuresOf(items);
    const due = u.feedback_on ? inspectionReportDue(u.feedback_on, round.report_months) : null;
    const reported = u.report_figures;
    const rebound = [...verdicts.values()].filter((o) => o === 'rebound').length;
    return [
      i + 1,
      u.org_name,
      inspectionUnitStatusLabels[u.status],
      u.feedback_on ?? '',
      now.total,
      now.closed,
      now.inProgress,
      now.overdue,
      due ? `${due}${isInspectionReportOverdue(u.status, due, today) ? '（逾期）' : ''}` : '',
      u.report_submitted_on ?? '',
      reported
        ? `问题${reported.total}项，已销号${reported.closed}项，整改中${reported.inProgress}项，逾期${reported.overdue}项`
        : '',
      u.lookback_on ?? '',
      u.lookback_on ? `${verdicts.size}项已销号问题中反弹${rebound}项` : '',
    ];
  });
  const itemRows = units.flatMap(({ unit: u, items, verdicts }) =>
    items.map((x) => {
      const verdict = verdicts.get(x.item.id);
      return [
        0,
        u.org_name,
        x.item.problem,
        x.clause ?? '',
        x.item.responsiblePerson?.name ?? '',
        x.measures ?? '',
        x.item.nextDue,
        `${rectificationStatusLabels[x.item.status]}${x.item.reopenCount > 0 ? '（曾反弹）' : ''}`,
        x.item.overdue ? '逾期' : '',
        x.closedOn ?? '',
        verdict ? inspectionLookbackOutcomeLabels[verdict] : '',
      ];
    }),
  );
  itemRows.forEach((r, i) => {
    r[0] = i + 1;
  });
  const all = figuresOf(units.flatMap((u) => u.items));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '整改情况',
    {
      title: '巡察整改台账',
      subtitle: [
        heading,
        `被巡察单位 ${units.length} 个；反馈问题 ${all.total} 项，已销号 ${all.closed} 项，整改中 ${all.inProgress} 项，逾期 ${all.overdue} 项`,
        exported,
      ],
      columns: [
        { header: '序号' },
        { header: '被巡察单位', maxWidth: 18 },
        { header: '状态' },
        { header: '反馈日期', text: true },
        { header: '问题数' },
        { header: '已销号' },
        { header: '整改中' },
        { header: '逾期' },
        { header: '整改报告期限', text: true },
        { header: '报告提交日期', text: true },
        { header: '报告时数据', maxWidth: 24 },
        { header: '回头看日期', text: true },
        { header: '回头看结果', maxWidth: 18 },
      ],
      keyColumns: 2,
      orientation: 'landscape',
    },
    unitRows,
  );
  addLedgerSheet(
    wb,
    '问题清单',
    {
      title: '巡察反馈问题整改清单',
      subtitle: [heading, exported],
      columns: [
        { header: '序号' },
        { header: '被巡察单位', maxWidth: 16 },
        { header: '问题', maxWidth: 34 },
        { header: '依据', maxWidth: 24 },
        { header: '责任人' },
        { header: '整改措施', maxWidth: 30 },
        { header: '整改期限', text: true },
        { header: '状态' },
        { header: '逾期' },
        { header: '销号日期', text: true },
        { header: '回头看' },
      ],
      keyColumns: 3,
      orientation: 'landscape',
    },
    itemRows,
  );
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `巡察整改台账-${round.name}-${today}.xlsx`,
  };
}
