/**
 * 民主评议党员和述职评议年度统计 (Excel) through the shared print frame (files/xlsx.ts): a sheet of the branches —
 * how far each appraisal went, 参加评议人数, 预备党员 (not graded) and the four grades, with a total row — and a
 * sheet of the published 述职 grades, counted by level above the secretaries. What the page shows, for the
 * 党内统计年报.
 */
import {
  appraisalGradeLabels,
  appraisalGrades,
  appraisalStatusLabels,
  branchAppraisalStateLabels,
  dutyReviewGradeLabels,
  dutyReviewGrades,
  dutyReviewLevelLabels,
  formatChineseDate,
  type IsoDate,
  type PartyStatisticsQuery,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { partyStatistics } from './service.ts';

/** GET /api/party-statistics.xlsx. */
export async function buildPartyStatistics(
  db: Db,
  actor: Actor,
  query: PartyStatisticsQuery,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const s = await partyStatistics(db, actor, query, today);
  const scope = s.org?.name ?? '本单位';
  const a = s.appraisal;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '民主评议党员',
    {
      title: `${s.year}年度民主评议党员情况统计`,
      subtitle: [
        `${scope}：党支部 ${a.branches} 个，已完成 ${a.completed} 个，未完成 ${a.notCompleted} 个；参加评议 ${a.participants} 人（预备党员 ${a.probationary} 人不评定等次）；导出日期 ${formatChineseDate(today)}`,
      ],
      columns: [
        { header: '序号' },
        { header: '党支部', maxWidth: 24 },
        { header: '评议情况', maxWidth: 14 },
        { header: '完成日期' },
        { header: '参加评议人数' },
        { header: '预备党员' },
        ...appraisalGrades.map((g) => ({ header: appraisalGradeLabels[g] })),
      ],
      keyColumns: 2,
    },
    [
      ...a.rows.map((r, i) => [
        i + 1,
        r.org.name,
        r.state === 'in_progress' && r.status
          ? `${branchAppraisalStateLabels[r.state]}（${appraisalStatusLabels[r.status]}）`
          : branchAppraisalStateLabels[r.state],
        r.completedOn ?? '',
        r.participants,
        r.probationary,
        ...appraisalGrades.map((g) => (r.counts ? r.counts[g] : '')),
      ]),
      [
        '合计',
        `已完成 ${a.completed} 个`,
        '',
        '',
        a.participants,
        a.probationary,
        ...appraisalGrades.map((g) => a.counts[g]),
      ],
    ],
  );
  const d = s.dutyReview;
  addLedgerSheet(
    wb,
    '述职评议',
    {
      title: `${s.year}年度书记抓党建述职评议考核等次统计`,
      subtitle: [
        `${scope}：已公布等次 ${d.graded} 人；${
          d.levels
            .map(
              (l) =>
                `${dutyReviewLevelLabels[l.level]} ${l.total} 人（${dutyReviewGrades.map((g) => `${dutyReviewGradeLabels[g]}${l.counts[g]}`).join('、')}）`,
            )
            .join('；') || '本年度尚无公布的述职评议结果'
        }`,
      ],
      columns: [
        { header: '序号' },
        { header: '党组织', maxWidth: 24 },
        { header: '书记' },
        { header: '述职层级', maxWidth: 18 },
        { header: '等次' },
      ],
      keyColumns: 2,
    },
    d.rows.map((r, i) => [
      i + 1,
      r.org.name,
      r.personName,
      dutyReviewLevelLabels[r.level],
      dutyReviewGradeLabels[r.grade],
    ]),
  );
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `${s.year}年度${scope}民主评议党员和述职评议统计.xlsx`,
  };
}
