/**
 * The training ledgers through the shared print frame (files/xlsx.ts): 学时 per person per year (the list's
 * filters) and the party-work incentives of a year for HR.
 */
import {
  formatChineseDate,
  type IsoDate,
  incentivePostLabels,
  type TrainingHoursQuery,
  trainingClassLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { cadreClassesNote, hoursRows, listIncentives } from './service.ts';

const workbook = () => {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  return wb;
};

/** GET /api/training-hours.xlsx (or ?format=xlsx): every person the list's filters hold, with their sources. */
export async function buildHoursLedger(
  db: Db,
  actor: Actor,
  q: Omit<TrainingHoursQuery, 'page' | 'pageSize' | 'format'>,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { year, rows } = await hoursRows(db, actor, q, today);
  const short = rows.filter((r) => r.short > 0 || (r.window?.short ?? 0) > 0).length;
  const wb = workbook();
  addLedgerSheet(
    wb,
    `${year}年学时`,
    {
      title: `${year}年度党员学习培训学时登记表`,
      subtitle: [
        `共 ${rows.length} 人，其中未达要求 ${short} 人；导出日期 ${formatChineseDate(today)}`,
        cadreClassesNote,
      ],
      columns: [
        { header: '序号' },
        { header: '姓名' },
        { header: '所在党组织', maxWidth: 24 },
        { header: '人员类别', maxWidth: 20 },
        { header: '培训班' },
        { header: '外部培训' },
        { header: '党课' },
        { header: '主题党日（学习）' },
        { header: '合计学时' },
        { header: '要求学时' },
        { header: '尚差学时' },
        { header: '近5年学时（县处级）', maxWidth: 24 },
      ],
      keyColumns: 2,
    },
    rows.map((r, i) => [
      i + 1,
      r.name,
      r.org.name,
      r.classes.map((c) => trainingClassLabels[c]).join('、'),
      r.bySource.course,
      r.bySource.external,
      r.bySource.lecture,
      r.bySource.theme_day,
      r.total,
      r.required,
      r.short > 0 ? r.short : null,
      r.window
        ? `${r.window.fromYear}—${r.window.toYear}年 ${r.window.hours} / ${r.window.required}${r.window.short > 0 ? `，尚差 ${r.window.short}` : ''}`
        : null,
    ]),
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `学时登记表-${year}.xlsx` };
}

/** GET /api/training-incentives.xlsx: the year's 服务工作量 and 课时减免 per person, for HR. */
export async function buildIncentiveLedger(
  db: Db,
  actor: Actor,
  q: { year?: number | undefined; orgId?: number | undefined },
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { year, items } = await listIncentives(db, actor, q, today);
  const wb = workbook();
  addLedgerSheet(
    wb,
    `${year}年党务工作激励`,
    {
      title: `${year}年度党务工作激励（服务工作量与课时减免）`,
      subtitle: [
        `共 ${items.length} 人；导出日期 ${formatChineseDate(today)}；按任职记录计算，供人事部门核定`,
      ],
      columns: [
        { header: '序号' },
        { header: '姓名' },
        { header: '所在单位', maxWidth: 20 },
        { header: '党内职务', maxWidth: 36 },
        { header: '计量职务' },
        { header: '服务工作量' },
        { header: '双带头人' },
        { header: '课时减免' },
      ],
      keyColumns: 2,
    },
    items.map((r, i) => [
      i + 1,
      r.name,
      r.unitName,
      r.posts.join('、'),
      r.post ? incentivePostLabels[r.post] : null,
      r.workload,
      r.isDualLeader ? '是' : '否',
      r.teachingReduction || null,
    ]),
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `党务工作激励-${year}.xlsx` };
}
