/**
 * The 三会一课 ledger (台账) of a branch for a year, as xlsx: a 汇总 sheet with the records held per
 * month (and, when given, what the rules found missing), then one sheet per kind with a row per
 * closed record. Only closed (归档) records count: an open record is not yet part of the ledger.
 */
import {
  type ActivityKind,
  AppError,
  activityKindLabels,
  type ResolutionOutcome,
  type ReviewRating,
  resolutionOutcomeLabels,
  reviewRatingLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet, type LedgerCell, type LedgerColumn } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import * as repo from './repo.ts';

/** Kinds of the 汇总 sheet, in the order a secretary reads them. */
export const ledgerSummaryKinds = [
  'committee_meeting',
  'general_meeting',
  'group_meeting',
  'lecture',
  'theme_day',
] as const satisfies readonly ActivityKind[];

/** Org types whose ledger may be printed (the records of a 党小组 appear in its branch's ledger). */
const ledgerOrgTypes = ['branch', 'joint_branch', 'temporary_branch', 'general_branch', 'group'];

/** One closed record as the ledger prints it. */
export interface LedgerRecord {
  id: number;
  orgName: string;
  kind: ActivityKind;
  title: string;
  onDate: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  hostName: string | null;
  recorderName: string | null;
  expected: number;
  present: number;
  leave: number;
  absent: number;
  absentNames: string | null;
  firstTopic: string | null;
  resolutions: string[];
  review: string | null;
}

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** '14:30–16:00' in the college's time zone. */
export function timeRange(startsAt: Date, endsAt: Date | null): string {
  return endsAt ? `${clock.format(startsAt)}–${clock.format(endsAt)}` : clock.format(startsAt);
}

/** A resolution in one line: the vote counts and the outcome (支部条例 第十一条), or 不表决. */
export function resolutionLine(r: {
  title: string;
  is_vote: boolean;
  entitled: number | null;
  present_entitled: number | null;
  votes_for: number | null;
  votes_against: number | null;
  abstentions: number | null;
  written_for: number | null;
  written_against: number | null;
  outcome: ResolutionOutcome;
}): string {
  const outcome = resolutionOutcomeLabels[r.outcome] ?? r.outcome;
  if (!r.is_vote) return `${r.title}（${outcome}）`;
  const wf = r.written_for ?? 0;
  const wa = r.written_against ?? 0;
  const written = wf + wa > 0 ? `，其中书面表决赞成${wf}票、反对${wa}票` : '';
  return (
    `${r.title}（有表决权${r.entitled}人，到会${r.present_entitled}人；` +
    `赞成${(r.votes_for ?? 0) + wf}票，反对${(r.votes_against ?? 0) + wa}票，弃权${r.abstentions ?? 0}票${written}；${outcome}）`
  );
}

/** A supervision rating with its comments, as one cell. */
export function reviewLine(r: {
  rating: ReviewRating;
  content_comment: string | null;
  procedure_comment: string | null;
  reviewer_name: string;
}): string {
  const comments = [r.content_comment, r.procedure_comment].filter(Boolean).join('；');
  const label = reviewRatingLabels[r.rating] ?? r.rating;
  return `${label}（${r.reviewer_name}）${comments ? `：${comments}` : ''}`;
}

/** The org of a ledger, in scope, with the type check; 404 outside the scope. */
export async function ledgerOrg(db: Db, actor: Actor, orgId: number) {
  const org = await repo.findOrgWithType(db, orgId);
  assertInScope(actor.scope, org?.path);
  if (!ledgerOrgTypes.includes(org!.type))
    throw new AppError(
      'VALIDATION_FAILED',
      '组织（orgId）：三会一课台账按党支部或党小组生成，请选择一个党支部',
    );
  return org!;
}

/** Closed records of the org and its 党小组 in [from, to], with everything the ledger prints. */
export async function ledgerRecords(
  db: Db,
  orgId: number,
  from: string,
  to: string,
): Promise<LedgerRecord[]> {
  const rows = await repo.ledgerRows(db, orgId, from, to);
  const ids = rows.map((r) => r.id);
  const [resolutions, reviews] = ids.length
    ? await Promise.all([repo.resolutionsOfMany(db, ids), repo.reviewsOfMany(db, ids)])
    : [[], []];
  const resolutionsOf = new Map<number, string[]>();
  for (const r of resolutions) {
    const list = resolutionsOf.get(r.activity_id) ?? [];
    list.push(resolutionLine(r));
    resolutionsOf.set(r.activity_id, list);
  }
  const reviewOf = new Map<number, string>();
  for (const r of reviews) if (!reviewOf.has(r.activity_id)) reviewOf.set(r.activity_id, reviewLine(r));
  return rows.map((r) => {
    const c = JSON.parse(r.counts ?? '{}') as {
      expected?: number;
      present?: number;
      leave?: number;
      absent?: number;
      absentNames?: string | null;
    };
    return {
      id: r.id,
      orgName: r.org_name,
      kind: r.kind,
      title: r.title,
      onDate: r.on_date,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      place: r.place,
      hostName: r.host_name,
      recorderName: r.recorder_name,
      expected: c.expected ?? 0,
      present: c.present ?? 0,
      leave: c.leave ?? 0,
      absent: c.absent ?? 0,
      absentNames: c.absentNames ?? null,
      firstTopic: r.first_topic,
      resolutions: resolutionsOf.get(r.id) ?? [],
      review: reviewOf.get(r.id) ?? null,
    };
  });
}

/** What the rules found missing in one month of the ledger's year (1–12), in words. */
export type MissingByMonth = ReadonlyMap<number, readonly string[]>;

/** Columns of a kind's sheet: the date identifies a record; 主题 and the 决议 wrap. */
const recordColumns: readonly LedgerColumn[] = [
  { header: '日期' },
  { header: '时间' },
  { header: '主题', maxWidth: 30 },
  { header: '地点' },
  { header: '主持人' },
  { header: '记录人' },
  { header: '应到' },
  { header: '实到' },
  { header: '请假' },
  { header: '缺席' },
  { header: '缺席人员', maxWidth: 20 },
  { header: '第一议题', maxWidth: 24 },
  { header: '决议（表决结果）', maxWidth: 40 },
  { header: '督促检查评价', maxWidth: 28 },
];

const note = '说明：本台账只收录已归档的活动记录；筹备中、进行中和已取消的活动不计入。';

/**
 * Builds the ledger workbook. `missing` (from the compliance rules, when available) adds a 缺项
 * column to the 汇总 sheet.
 */
export async function buildLedgerXlsx(
  orgName: string,
  year: number,
  records: readonly LedgerRecord[],
  missing?: MissingByMonth,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  const summaryRows: LedgerCell[][] = [];
  const totals = ledgerSummaryKinds.map(() => 0);
  for (let month = 1; month <= 12; month++) {
    const prefix = `${year}-${String(month).padStart(2, '0')}`;
    const counts = ledgerSummaryKinds.map(
      (k) => records.filter((r) => r.kind === k && r.onDate.startsWith(prefix)).length,
    );
    counts.forEach((n, i) => {
      totals[i]! += n;
    });
    const row: LedgerCell[] = [`${month}月`, ...counts, counts.reduce((a, b) => a + b, 0)];
    if (missing) row.push((missing.get(month) ?? []).join('；') || '—');
    summaryRows.push(row);
  }
  summaryRows.push(['全年', ...totals, totals.reduce((a, b) => a + b, 0)]);
  const summaryColumns: LedgerColumn[] = [
    { header: '月份' },
    ...ledgerSummaryKinds.map((k) => ({ header: activityKindLabels[k] })),
    { header: '合计' },
  ];
  if (missing) summaryColumns.push({ header: '缺项（按组织生活制度）', maxWidth: 48 });
  const summary = addLedgerSheet(
    wb,
    '汇总',
    { title: `${orgName} ${year}年“三会一课”台账汇总`, subtitle: [note], columns: summaryColumns },
    summaryRows,
  );
  summary.sheet.lastRow!.font = { bold: true };

  const kinds = [
    ...ledgerSummaryKinds,
    ...[...new Set(records.map((r) => r.kind))].filter(
      (k) => !(ledgerSummaryKinds as readonly string[]).includes(k),
    ),
  ];
  for (const kind of kinds) {
    const rows = records
      .filter((x) => x.kind === kind)
      .map((r) => [
        r.onDate,
        timeRange(r.startsAt, r.endsAt),
        r.orgName === orgName ? r.title : `${r.title}（${r.orgName}）`,
        r.place ?? '',
        r.hostName ?? '',
        r.recorderName ?? '',
        r.expected,
        r.present,
        r.leave,
        r.absent,
        r.absentNames ?? '',
        r.firstTopic ?? '—',
        r.resolutions.join('\n'),
        r.review ?? '',
      ]);
    addLedgerSheet(
      wb,
      activityKindLabels[kind],
      {
        title: `${orgName} ${year}年${activityKindLabels[kind]}记录`,
        subtitle: [note],
        columns: recordColumns,
        keyColumns: 1,
        orientation: 'landscape',
      },
      rows,
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
