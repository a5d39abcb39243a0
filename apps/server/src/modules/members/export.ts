/**
 * The roster export: the filtered list as xlsx (the columns the user chose, masked as the user sees
 * them), written row batch by row batch with exceljs's streaming writer. The printable roster of one
 * branch is roster.ts.
 */
import { PassThrough, type Readable } from 'node:stream';
import {
  AppError,
  educationLabels,
  ethnicityLabels,
  genderLabels,
  type IsoDate,
  type MemberColumnKey,
  type MemberListItem,
  memberCategoryLabels,
  memberColumnLabels,
  type memberExportQuery,
  memberFlagLabels,
  memberFlags,
  memberStatusLabels,
  partyStatusLabels,
  postLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { startLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { streamMembers } from './service.ts';

const yesNo = (b: boolean) => (b ? '是' : '否');
export const labelOf = <K extends string>(labels: Record<K, string>, v: K | string | null) =>
  v === null ? null : ((labels as Record<string, string>)[v] ?? v);

/** The cell a column shows for a member, in words (labels from the dictionaries). */
function cellOf(m: MemberListItem, key: MemberColumnKey): string | number | null {
  switch (key) {
    case 'gender':
      return labelOf(genderLabels, m.gender);
    case 'ethnicity':
      return labelOf(ethnicityLabels, m.ethnicity);
    case 'education':
      return labelOf(educationLabels, m.education);
    case 'category':
      return labelOf(memberCategoryLabels, m.category);
    case 'partyStatus':
      return labelOf(partyStatusLabels, m.partyStatus);
    case 'posts':
      return m.posts.map((p) => postLabels[p]).join('、') || null;
    case 'flags':
      return (
        memberFlags
          .filter((f) => m[f])
          .map((f) => memberFlagLabels[f])
          .join('、') || null
      );
    case 'isDualLeader':
      return yesNo(m.isDualLeader);
    case 'status':
      return labelOf(memberStatusLabels, m.status);
    default:
      return m[key];
  }
}

export type MemberExportQuery = z.output<typeof memberExportQuery>;

/**
 * The filtered roster as an xlsx stream. Scope and filter errors (an org outside the scope → 404)
 * are thrown before the first byte; full ID numbers and phones need member:member:sensitive.
 */
export async function exportMembersXlsx(
  db: Db,
  actor: Actor,
  query: MemberExportQuery,
  today: IsoDate,
): Promise<Readable> {
  if (query.unmasked && !actor.permissions.has('member:member:sensitive'))
    throw new AppError('FORBIDDEN', '没有导出完整身份证号和电话的权限');
  const { columns, ...filter } = query;
  const batches = streamMembers(db, actor, filter, today);
  let batch = await batches.next();

  const out = new PassThrough();
  let closed = false;
  out.on('close', () => {
    closed = true;
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const cellsOf = (m: MemberListItem) => columns.map((key) => cellOf(m, key));
  // The columns are sized from the first batch: the streaming writer writes them before the first row.
  const ledger = startLedgerSheet(
    workbook,
    '党员名册',
    {
      title: '党员名册',
      subtitle: [`导出日期：${today}`],
      columns: columns.map((key) => ({ header: memberColumnLabels[key] })),
      // 姓名 (and the columns before it) identify a member on every page of a wide roster.
      keyColumns: columns.slice(0, 3).indexOf('name') + 1,
    },
    batch.done ? [] : batch.value.map(cellsOf),
  );
  void (async () => {
    try {
      while (!batch.done && !closed) {
        for (const m of batch.value) ledger.addRow(cellsOf(m)).commit();
        batch = await batches.next();
      }
      if (closed) {
        await batches.return(undefined);
        return;
      }
      ledger.sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return out;
}
