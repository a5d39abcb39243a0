/**
 * The 民主评议党员登记表 (Word, one page per member on the roll: 个人自评 summary, 民主测评 result, 支委会 proposal,
 * 党员大会 decision) and the 汇总表 of the branch (Excel, a row per member), through the shared print frames
 * (files/docx.ts, files/xlsx.ts).
 */
import {
  type AppraisalGrade,
  appraisalGradeLabels,
  appraisalGrades,
  appraisalStatusLabels,
  correctionPlanStatusLabels,
  correctionProposalLabels,
  formatChineseDate,
  type IsoDate,
  type MemberAppraisalDetail,
} from '@dangjian/core';
import { PageBreak, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { createDocx, formRow, formTable, paragraph, titleParagraphs } from '../../files/docx.ts';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { getAppraisalDetail } from './service.ts';

type Member = MemberAppraisalDetail['roll'][number];

/** The 自评 as the register prints it: at most this many characters, then an ellipsis (the full text stays online). */
const selfSummaryChars = 400;

const grade = (g: AppraisalGrade | null) => (g ? appraisalGradeLabels[g] : '');

/** 优秀 12 票，合格 20 票…, 弃权 1 票. */
function votesLine(m: Member): string {
  if (!m.votes) return '';
  const parts = appraisalGrades.map((g) => `${appraisalGradeLabels[g]} ${m.votes!.counts[g] ?? 0} 票`);
  return `${parts.join('，')}${m.votes.abstain > 0 ? `，弃权 ${m.votes.abstain} 票` : ''}`;
}

function summaryOf(text: string | null): string {
  if (!text) return '（未填写）';
  return text.length > selfSummaryChars ? `${text.slice(0, selfSummaryChars)}……` : text;
}

/** GET /api/member-appraisals/{id}/register.docx. */
export async function buildRegister(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string }> {
  const a = await getAppraisalDetail(db, actor, id, today, now);
  const meeting = a.meetingActivity
    ? `${formatChineseDate(a.meetingActivity.onDate)} ${a.meetingActivity.title}`
    : '';
  const plans = new Map(a.plans.map((p) => [p.personId, p]));
  const children: (Paragraph | ReturnType<typeof formTable>)[] = [];
  a.roll.forEach((m, i) => {
    if (i > 0) children.push(new Paragraph({ children: [new PageBreak()] }));
    const plan = plans.get(m.personId);
    children.push(
      ...titleParagraphs([`${a.year}年度民主评议党员登记表`]),
      paragraph(`党支部：${a.org.name}`, { after: 120 }),
      formTable([
        formRow('姓名', m.name),
        formRow('党员类别', m.probationary ? '预备党员（参加评议，不评定等次）' : '正式党员'),
        formRow(
          '个人自评',
          a.abilities.managePlans ? summaryOf(m.selfAssessment) : m.selfAssessedAt ? '已填写' : '（未填写）',
          {
            split: true,
            minLines: 6,
          },
        ),
        formRow('民主测评', m.probationary ? '—' : votesLine(m) || '（尚未计票）', { minLines: 2 }),
        formRow(
          '支委会意见',
          m.probationary
            ? '—'
            : m.proposedGrade
              ? `建议评定为${grade(m.proposedGrade)}${m.proposedReason ? `。理由：${m.proposedReason}` : ''}`
              : '',
          { minLines: 2 },
        ),
        formRow(
          '党员大会决定',
          m.probationary
            ? '—'
            : m.decidedGrade
              ? `评定为${grade(m.decidedGrade)}${m.decidedReason ? `。理由：${m.decidedReason}` : ''}${meeting ? `（${meeting}）` : ''}`
              : '',
          { minLines: 2 },
        ),
        ...(plan
          ? [
              formRow(
                '限期改正',
                [
                  `改正期限：${formatChineseDate(plan.deadline)}；帮教联系人：${plan.contactName}`,
                  `改正措施：${plan.measures}`,
                  `结论：${correctionPlanStatusLabels[plan.status]}${plan.proposal ? `，提出${correctionProposalLabels[plan.proposal]}的意见` : ''}`,
                ],
                { split: true },
              ),
            ]
          : []),
        formRow('备注', '', { minLines: 2 }),
      ]),
      paragraph(`党支部书记（签字）：${'\u3000'.repeat(8)}党支部（盖章）：`, { before: 360 }),
    );
  });
  const buffer = await createDocx({ title: `${a.year}年度${a.org.name}民主评议党员登记表`, children });
  return { buffer, fileName: `民主评议党员登记表-${a.year}-${a.org.name}.docx` };
}

/** GET /api/member-appraisals/{id}/summary.xlsx: the 汇总表 of the branch. */
export async function buildSummary(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string }> {
  const a = await getAppraisalDetail(db, actor, id, today, now);
  const plans = new Map(a.plans.map((p) => [p.personId, p]));
  const cells = a.roll.map((m, i) => {
    const plan = plans.get(m.personId);
    return [
      i + 1,
      m.name,
      m.probationary ? '预备党员' : '正式党员',
      m.selfAssessedAt ? '已填写' : '未填写',
      ...appraisalGrades.map((g) => (m.votes ? (m.votes.counts[g] ?? 0) : '')),
      m.votes ? m.votes.abstain : '',
      m.probationary ? '不评定等次' : grade(m.proposedGrade),
      m.probationary ? '不评定等次' : grade(m.decidedGrade),
      m.decidedReason ?? '',
      plan ? `限期至 ${plan.deadline}，${correctionPlanStatusLabels[plan.status]}` : '',
    ];
  });
  const decided = a.roll.filter((m) => m.decidedGrade !== null);
  const count = (g: AppraisalGrade) => decided.filter((m) => m.decidedGrade === g).length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '汇总表',
    {
      title: `${a.year}年度民主评议党员汇总表`,
      subtitle: [
        `${a.org.name}：参评 ${a.rollSize} 人，其中正式党员 ${a.graded} 人（优秀至多 ${a.excellentMax} 人）；${appraisalStatusLabels[a.status]}`,
        decided.length > 0
          ? `党员大会决定：${appraisalGrades.map((g) => `${appraisalGradeLabels[g]} ${count(g)} 人`).join('，')}${a.meetingActivity ? `（${a.meetingActivity.onDate}）` : ''}`
          : `导出日期 ${formatChineseDate(today)}`,
      ],
      columns: [
        { header: '序号' },
        { header: '姓名', maxWidth: 12 },
        { header: '党员类别' },
        { header: '个人自评' },
        ...appraisalGrades.map((g) => ({ header: `测评${appraisalGradeLabels[g]}` })),
        { header: '弃权' },
        { header: '支委会意见' },
        { header: '党员大会决定' },
        { header: '不合格理由', maxWidth: 24 },
        { header: '限期改正', maxWidth: 22 },
      ],
      keyColumns: 2,
      orientation: 'landscape',
    },
    cells,
  );
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `民主评议党员汇总表-${a.year}-${a.org.name}.xlsx`,
  };
}
