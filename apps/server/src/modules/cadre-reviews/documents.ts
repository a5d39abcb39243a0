/**
 * 中层干部年度考核结果 (Excel) through the shared print frame (files/xlsx.ts): one row per cadre — the posts, the
 * 测评 counts (优秀/称职/基本称职/不称职/弃权, added over the 测评项目), the 测评 score, the 党委's evaluation, the
 * combined score, the computed and the set grade with an override's reason, the consequences recorded. The rule and
 * the 优秀 quota head the sheet; before publication the sheet says it is not final.
 */
import {
  cadreConsequenceKindLabels,
  cadreReviewGradeLabels,
  cadreReviewGrades,
  cadreReviewStatusLabels,
  formatChineseDate,
  type IsoDate,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { reviewForDocument } from './service.ts';

/** GET /api/cadre-reviews/{id}/results.xlsx. */
export async function buildCadreReviewResults(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await reviewForDocument(db, actor, id, now);
  const cells = d.subjects.map((s, i) => {
    const v = s.votes;
    return [
      i + 1,
      s.name,
      s.posts,
      s.dutyReview ? `述职评议：${s.dutyReview.title}` : s.report ? '已述职' : '',
      ...cadreReviewGrades.map((g) => (v ? v.counts[g] : '')),
      v ? v.abstain : '',
      s.computed ? s.computed.ballotScore : '',
      s.evaluationScore ?? '',
      s.computed ? s.computed.score : '',
      s.computed ? cadreReviewGradeLabels[s.computed.grade] : (s.computeNote ?? ''),
      s.grade ? cadreReviewGradeLabels[s.grade] : '',
      s.overrideReason ?? '',
      s.consequences.map((c) => `${cadreConsequenceKindLabels[c.kind]}（${c.decidedOn}）`).join('；'),
    ];
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  const final = d.status === 'published';
  addLedgerSheet(
    wb,
    '年度考核结果',
    {
      title: `${d.title}结果`,
      subtitle: [
        `${d.orgName}组织；考核干部 ${d.subjects.length} 人，参加测评 ${d.voters} 人；优秀 ${d.excellent} 人（名额 ${d.excellentQuota} 人）；${
          final ? cadreReviewStatusLabels[d.status] : `${cadreReviewStatusLabels[d.status]}（结果尚未公布）`
        }；导出日期 ${formatChineseDate(today)}`,
        `综合评定规则：${d.ruleText}`,
      ],
      columns: [
        { header: '序号' },
        { header: '姓名' },
        { header: '现任职务', maxWidth: 30 },
        { header: '述职', maxWidth: 20 },
        { header: '优秀' },
        { header: '称职' },
        { header: '基本称职' },
        { header: '不称职' },
        { header: '弃权' },
        { header: '测评得分' },
        { header: '党委评价分' },
        { header: '综合得分' },
        { header: '计算等次', maxWidth: 16 },
        { header: '评定等次' },
        { header: '调整理由', maxWidth: 28 },
        { header: '结果运用', maxWidth: 28 },
      ],
      keyColumns: 2,
      orientation: 'landscape',
    },
    cells,
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${d.title}结果.xlsx` };
}
