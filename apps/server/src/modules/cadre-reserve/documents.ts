/**
 * 后备干部名册 through the shared print frame (files/xlsx.ts): every candidate the list's filters hold, with their
 * level, status, age, post, plan and 挂职 — for the 组织部's 动态调整 and the 党委's 研判.
 */
import {
  formatChineseDate,
  genderLabels,
  type IsoDate,
  type ReserveRosterQuery,
  reserveLevelLabels,
  reserveStatusLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Db } from '../../http/context.ts';
import { candidateRows } from './service.ts';

/** GET /api/cadre-reserve/roster.xlsx. */
export async function buildReserveRoster(
  db: Db,
  q: ReserveRosterQuery,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { items, poolReviewDueOn } = await candidateRows(db, q, today);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '后备干部名册',
    {
      title: '后备干部名册',
      subtitle: [
        `共 ${items.length} 人；导出日期 ${formatChineseDate(today)}${
          poolReviewDueOn ? `；下次动态调整 ${formatChineseDate(poolReviewDueOn)}` : ''
        }`,
      ],
      columns: [
        { header: '序号' },
        { header: '姓名' },
        { header: '性别' },
        { header: '年龄' },
        { header: '所在单位', maxWidth: 20 },
        { header: '现岗位/职务', maxWidth: 24 },
        { header: '后备层级', maxWidth: 16 },
        { header: '状态' },
        { header: '提名日期' },
        { header: '挂职', maxWidth: 24 },
        { header: '逾期培养事项' },
        { header: '超龄' },
      ],
      keyColumns: 2,
    },
    items.map((r, i) => [
      i + 1,
      r.name,
      r.gender ? genderLabels[r.gender] : null,
      r.age,
      r.unitName ?? r.orgName,
      r.cadre ? r.cadre.posts.join('、') : r.position,
      reserveLevelLabels[r.level],
      reserveStatusLabels[r.status],
      r.nominatedOn,
      r.secondedTo,
      r.overdueItems || null,
      r.overAge ? '是' : null,
    ]),
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `后备干部名册-${today}.xlsx` };
}
