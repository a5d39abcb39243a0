/**
 * The 发展党员工作台账 (GET /api/recruitment/ledger) as xlsx: one row per person in the scope, ordered by
 * branch then application date, with every step's date (the latest one and the count for the repeatable
 * reviews), the people and results the inspections ask for, and the next deadline. Dates are text
 * 'YYYY-MM-DD' so that Excel never reformats them.
 */
import {
  genderLabels,
  type IsoDate,
  isOverdue,
  memberCategoryLabels,
  type RecruitmentEvent,
  type RecruitmentOutcome,
  recruitmentDueKindLabels,
  recruitmentOutcomeLabels,
  recruitmentStageLabels,
  recruitmentStepInfo,
  recruitmentSteps,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet, type LedgerColumn } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { subtreePathInScope } from '../../http/scope.ts';
import { getRuleSettings } from '../settings/service.ts';
import { type Dossier, duesOf, loadDossiers, loadOrgNodes, type OrgNode, stageOf } from './pipeline.ts';
import * as repo from './repo.ts';

/** Columns before the 25 step columns; 序号 and 姓名 identify a row on every page. */
const leadColumns: readonly LedgerColumn[] = [
  { header: '序号' },
  { header: '姓名' },
  { header: '性别' },
  { header: '出生日期' },
  { header: '人员类别' },
  { header: '所在党支部' },
  { header: '所属党总支' },
];
/** Columns after the step columns. */
const tailColumns: readonly LedgerColumn[] = [
  { header: '培养联系人' },
  { header: '入党介绍人' },
  { header: '政审结论' },
  { header: '培训学时' },
  { header: '支部大会表决（赞成/应到）' },
  { header: '预备期起止' },
  { header: '转正日期' },
  { header: '当前阶段' },
  { header: '状态' },
  { header: '下一期限', maxWidth: 34 },
];

/** Header of a step column: "3. 推荐和确定入党积极分子". */
export const stepHeader = (step: (typeof recruitmentSteps)[number]): string =>
  `${recruitmentStepInfo[step].no}. ${recruitmentStepInfo[step].label}`;

/** The column (1-based) of a step in the ledger. */
export const stepColumn = (step: (typeof recruitmentSteps)[number]): number =>
  leadColumns.length + recruitmentSteps.indexOf(step) + 1;

/** Everything one ledger row prints beyond the dossier itself. */
interface Extras {
  events: { step: string; date: IsoDate; event: RecruitmentEvent }[];
  names: ReadonlyMap<number, string>;
  generalBranch: string;
  nextDue: string;
}

/** The latest event of a step, if any. */
function lastOf<S extends RecruitmentEvent['step']>(
  events: Extras['events'],
  step: S,
): (RecruitmentEvent & { step: S }) | undefined {
  const found = events.filter((e) => e.step === step).at(-1)?.event;
  return found?.step === step ? (found as RecruitmentEvent & { step: S }) : undefined;
}

/** The cells of one person's row. */
export function ledgerRow(index: number, d: Dossier, x: Extras): (string | number)[] {
  const s = d.state;
  const stepCells = recruitmentSteps.map((step) => {
    const dates = x.events.filter((e) => e.step === step).map((e) => e.date);
    const last = dates.at(-1);
    if (!last) return '';
    return recruitmentStepInfo[step].repeatable ? `${last}（共${dates.length}次）` : last;
  });
  const names = (ids: readonly number[]) => ids.map((id) => x.names.get(id) ?? `#${id}`).join('、');
  const review = lastOf(x.events, 'political_review');
  const training = lastOf(x.events, 'training');
  const meeting = lastOf(x.events, 'admission_meeting');
  const stage = stageOf(s);
  const gender = d.gender === 'male' || d.gender === 'female' ? genderLabels[d.gender] : '';
  const category = memberCategoryLabels[d.category as keyof typeof memberCategoryLabels] ?? d.category;
  return [
    index,
    d.personName,
    gender,
    d.birthDate ?? '',
    category,
    d.orgName,
    x.generalBranch,
    ...stepCells,
    names(s.mentorIds),
    names(s.sponsorIds),
    review ? (review.passed ? '合格' : '不合格') : '',
    training ? `${training.days}天/${training.hours}学时` : '',
    meeting ? `${meeting.votes.votesFor + (meeting.votes.writtenFor ?? 0)}/${meeting.votes.entitled}` : '',
    s.probationStartOn && s.probationEndOn ? `${s.probationStartOn} 至 ${s.probationEndOn}` : '',
    s.confirmedOn ?? '',
    stage ? recruitmentStageLabels[stage] : '',
    recruitmentOutcomeLabels[d.outcome],
    x.nextDue,
  ];
}

/** The workbook: the title, the export date, the header (repeated on every page) and one row per person. */
export async function buildRecruitmentLedgerXlsx(
  title: string,
  today: IsoDate,
  rows: readonly (string | number)[][],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '发展党员工作台账',
    {
      title,
      subtitle: [`导出日期：${today}　共 ${rows.length} 人`],
      columns: [
        ...leadColumns,
        ...recruitmentSteps.map((step) => ({ header: stepHeader(step) })),
        ...tailColumns,
      ],
      keyColumns: 2,
      orientation: 'landscape',
    },
    rows,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Name of the scope the ledger covers: the chosen org, the whole school, or the caller's orgs. */
async function scopeName(db: Db, actor: Actor, orgId: number | undefined): Promise<string> {
  const ids = orgId !== undefined ? [orgId] : actor.scope.kind === 'subtrees' ? actor.scope.orgIds : [];
  if (ids.length === 0) return '全校';
  const rows = await repo.orgNamesByPath(db, ids);
  return rows.map((r) => r.name).join('、');
}

const generalBranchOf = (d: Dossier, orgs: ReadonlyMap<number, OrgNode>): string => {
  const ids = d.orgPath.split('/').filter(Boolean).map(Number).reverse();
  for (const id of ids) {
    const o = orgs.get(id);
    if (o?.type === 'general_branch') return o.name;
  }
  return '（党委直属）';
};

/** GET /api/recruitment/ledger: the workbook and its file name. */
export async function recruitmentLedger(
  db: Db,
  actor: Actor,
  query: { orgId?: number | undefined; outcome: RecruitmentOutcome | 'all'; year?: number | undefined },
  today: IsoDate,
): Promise<{ buffer: Buffer; fileName: string }> {
  const underPath = query.orgId === undefined ? undefined : await subtreePathInScope(db, actor, query.orgId);
  const [all, orgs, settings, school, name] = await Promise.all([
    loadDossiers(db, { scope: actor.scope, underPath }),
    loadOrgNodes(db),
    getRuleSettings(db),
    repo.institutionName(db),
    scopeName(db, actor, query.orgId),
  ]);
  const dossiers = all.filter(
    (d) =>
      (query.outcome === 'all' || d.outcome === query.outcome) &&
      (query.year === undefined || d.state.appliedOn?.startsWith(`${query.year}-`)),
  );
  const ids = dossiers.map((d) => d.id);
  const events = ids.length ? await repo.eventsOfDossiers(db, ids) : [];
  const eventsOf = new Map<number, Extras['events']>();
  for (const e of events) {
    const list = eventsOf.get(e.recruitment_id) ?? [];
    list.push({ step: e.step, date: e.on_date, event: e.event as RecruitmentEvent });
    eventsOf.set(e.recruitment_id, list);
  }
  const personIds = [...new Set(dossiers.flatMap((d) => [...d.state.mentorIds, ...d.state.sponsorIds]))];
  const people = personIds.length ? await repo.personIdNames(db, personIds) : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  const rows = dossiers.map((d, i) => {
    const due = duesOf(d, settings, today)[0];
    const nextDue = due
      ? `${due.dueOn} ${recruitmentDueKindLabels[due.kind]}${isOverdue(due, today) ? '（已逾期）' : ''}`
      : '';
    return ledgerRow(i + 1, d, {
      events: eventsOf.get(d.id) ?? [],
      names,
      generalBranch: generalBranchOf(d, orgs),
      nextDue,
    });
  });
  const yearText = query.year === undefined ? '' : `（${query.year}年递交申请）`;
  const title = `${school?.name ?? ''} 发展党员工作台账 — ${name}${yearText}`;
  return {
    buffer: await buildRecruitmentLedgerXlsx(title, today, rows),
    fileName: `发展党员工作台账-${name}-${today}.xlsx`,
  };
}
