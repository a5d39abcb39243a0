/**
 * The 督办单 (one task, Word) and the 督办台账 (the list's tasks, Excel), through the shared print frames
 * (files/docx.ts, files/xlsx.ts).
 */
import {
  formatChineseDate,
  type IsoDate,
  progressReportCadenceLabels,
  type SupervisedTaskDetail,
  type SupervisedTaskListQuery,
  supervisedTaskEventLabels,
  supervisedTaskStatusLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { createDocx, formRow, formTable, paragraph, titleParagraphs } from '../../files/docx.ts';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { presentItem, sourceKindLabel } from './presenter.ts';
import * as repo from './repo.ts';
import { dayOf, filtersOf, getTaskDetail } from './service.ts';

/** The task's number as the sheet and the ledger print it. */
export const taskNumber = (t: { id: number; issuedOn: string }) =>
  `督办〔${t.issuedOn.slice(0, 4)}〕${String(t.id).padStart(3, '0')}号`;

/** GET /api/supervised-tasks/{id}/sheet.docx: the 督办单 of one task in the actor's scope. */
export async function buildSheet(
  db: Db,
  actor: Actor,
  id: number,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const t: SupervisedTaskDetail = await getTaskDetail(db, actor, id, today);
  const progress = t.events.filter((e) => e.kind === 'progress');
  const steps = t.events.filter((e) => e.kind !== 'progress' && e.kind !== 'created');
  const deadline =
    t.deadline === t.originalDeadline
      ? formatChineseDate(t.deadline)
      : `${formatChineseDate(t.deadline)}（原定 ${formatChineseDate(t.originalDeadline)}，已延期${t.extensions}次）`;
  const rows = [
    formRow('督办编号', taskNumber(t)),
    formRow('督办事项', t.title),
    formRow('事项来源', [
      `${t.activity.kindLabel}：${t.activity.title}（${formatChineseDate(t.activity.onDate)}）`,
      ...(t.resolution ? [`决议事项：${t.resolution.title}`] : []),
    ]),
    formRow('督办要求', t.content ?? '', { split: true, minLines: 3 }),
    formRow('交办单位', t.issuerOrg.name),
    formRow('牵头单位', t.leadOrg.name),
    formRow('协办单位', t.assistingOrgs.map((o) => o.name).join('、') || '无'),
    formRow('交办日期', formatChineseDate(t.issuedOn)),
    formRow('办结期限', deadline),
    formRow('进展报告', progressReportCadenceLabels[t.cadence]),
    formRow('办理状态', `${supervisedTaskStatusLabels[t.status]}${t.overdue ? '（已逾期）' : ''}`),
    formRow(
      '办理进展',
      progress.length > 0
        ? progress.map((p) => `${dayOf(p.at)} ${p.actorName ?? ''}：${p.note ?? ''}`)
        : ['（尚无进展报告）'],
      { split: true, minLines: 2 },
    ),
    formRow(
      '办理经过',
      steps.length > 0
        ? steps.map(
            (e) =>
              `${dayOf(e.at)} ${e.actorName ?? ''} ${supervisedTaskEventLabels[e.kind]}${e.until ? `（${e.until}）` : ''}${e.note && e.kind !== 'report_done' ? `：${e.note}` : ''}`,
          )
        : ['（尚未签收）'],
      { split: true },
    ),
    formRow('办理结果', t.result ?? '', { split: true, minLines: 3 }),
    formRow('交办单位意见', t.status === 'done' ? `已确认办结（${dayOf(t.doneAt!)}）` : '', { minLines: 3 }),
  ];
  const buffer = await createDocx({
    title: `${t.issuerOrg.name}督办单`,
    children: [
      ...titleParagraphs([t.issuerOrg.name, '督 办 单']),
      paragraph(taskNumber(t), { align: 'right', after: 120 }),
      formTable(rows),
      paragraph(`牵头单位负责人（签字）：${'\u3000'.repeat(8)}交办单位（盖章）：`, { before: 480 }),
    ],
  });
  return { buffer, fileName: `督办单-${t.issuedOn.slice(0, 4)}-${t.id}-${t.leadOrg.name}.docx` };
}

/** GET /api/supervised-tasks/ledger.xlsx: the 督办台账 of the tasks the list's filters select. */
export async function buildLedger(
  db: Db,
  actor: Actor,
  query: Omit<SupervisedTaskListQuery, 'page' | 'pageSize'>,
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { rows } = await repo.taskPage(db, await filtersOf(db, actor, query, today), today, null);
  const progress = await repo.progressOf(
    db,
    rows.map((r) => r.id),
  );
  const assisting = new Map(
    (await repo.orgsByIds(db, [...new Set(rows.flatMap((r) => r.assisting_org_ids))])).map((o) => [
      o.id,
      o.name,
    ]),
  );
  const cells = rows.map((r, i) => {
    const t = presentItem(r, today);
    const reports = progress.get(r.id) ?? [];
    return [
      i + 1,
      taskNumber(t),
      t.title,
      `${sourceKindLabel(r)}：${t.activity.title}`,
      t.activity.onDate,
      t.issuerOrg.name,
      t.leadOrg.name,
      r.assisting_org_ids.map((id) => assisting.get(id) ?? '').join('、'),
      t.issuedOn,
      t.deadline,
      t.extensions > 0 ? `${t.originalDeadline}（延期${t.extensions}次）` : '',
      progressReportCadenceLabels[t.cadence],
      reports.length,
      t.lastReportOn ?? '',
      supervisedTaskStatusLabels[t.status],
      t.overdue ? '逾期' : '',
      r.result ?? '',
    ];
  });
  const overdue = cells.filter((c) => c[15] === '逾期').length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '督办台账',
    {
      title: '督办事项台账',
      subtitle: [`共 ${cells.length} 项，其中逾期 ${overdue} 项；导出日期 ${formatChineseDate(today)}`],
      columns: [
        { header: '序号' },
        { header: '督办编号', maxWidth: 16 },
        { header: '督办事项', maxWidth: 28 },
        { header: '事项来源', maxWidth: 24 },
        { header: '会议日期', text: true },
        { header: '交办单位', maxWidth: 16 },
        { header: '牵头单位', maxWidth: 16 },
        { header: '协办单位', maxWidth: 18 },
        { header: '交办日期', text: true },
        { header: '办结期限', text: true },
        { header: '原定期限', maxWidth: 14 },
        { header: '进展报告' },
        { header: '报告次数' },
        { header: '最近报告', text: true },
        { header: '状态' },
        { header: '逾期' },
        { header: '办理结果', maxWidth: 28 },
      ],
      keyColumns: 3,
      orientation: 'landscape',
    },
    cells,
  );
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `督办台账-${today}.xlsx` };
}
