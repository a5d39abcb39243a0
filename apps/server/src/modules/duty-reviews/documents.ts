/**
 * 述职评议考核结果 (Excel) through the shared print frame (files/xlsx.ts): one row per secretary — the org, the
 * secretary, the 测评 counts (好/较好/一般/差/弃权), the 测评 score, the 党委's evaluation, the combined score, the
 * computed grade and the grade set with an override's reason, and how many 点评 became 整改 items. The rule in words
 * heads the sheet, so the grade can be checked by hand. Before the grades are 审定 the sheet says it is a draft.
 */
import {
  dutyReviewGradeLabels,
  dutyReviewGrades,
  dutyReviewStatusLabels,
  formatChineseDate,
  type IsoDate,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { getReviewDetail } from './service.ts';

/** GET /api/duty-reviews/{id}/results.xlsx. */
export async function buildDutyReviewResults(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await getReviewDetail(db, actor, id, now);
  const decided = d.status === 'approved' || d.status === 'published';
  const cells = d.subjects.map((s, i) => {
    const v = s.votes;
    return [
      i + 1,
      s.org.name,
      s.person.name,
      ...dutyReviewGrades.map((g) => (v ? v.counts[g] : '')),
      v ? v.abstain : '',
      s.computed ? s.computed.ballotScore : '',
      s.evaluationScore ?? '',
      s.computed ? s.computed.score : '',
      s.computed ? dutyReviewGradeLabels[s.computed.grade] : (s.computeNote ?? ''),
      s.grade ? dutyReviewGradeLabels[s.grade] : '',
      s.overrideReason ?? '',
      s.comments.length,
      s.comments.filter((c) => c.rectificationId !== null).length,
    ];
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '述职评议考核结果',
    {
      title: `${d.title}结果`,
      subtitle: [
        `${d.org.name}组织；述职书记 ${d.subjects.length} 人，参加测评 ${d.voters} 人${d.ballot ? `，收回 ${d.ballot.cast} 票` : ''}；${
          decided ? dutyReviewStatusLabels[d.status] : `${dutyReviewStatusLabels[d.status]}（结果尚未审定）`
        }；导出日期 ${formatChineseDate(today)}`,
        `综合评定规则：${d.ruleText}`,
      ],
      columns: [
        { header: '序号' },
        { header: '党组织', maxWidth: 20 },
        { header: '书记' },
        { header: '好' },
        { header: '较好' },
        { header: '一般' },
        { header: '差' },
        { header: '弃权' },
        { header: '测评得分' },
        { header: '党委评价分' },
        { header: '综合得分' },
        { header: '计算等次', maxWidth: 16 },
        { header: '评定等次' },
        { header: '调整理由', maxWidth: 28 },
        { header: '点评条数' },
        { header: '转整改事项' },
      ],
      keyColumns: 3,
      orientation: 'landscape',
    },
    cells,
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `${d.title}结果.xlsx` };
}
