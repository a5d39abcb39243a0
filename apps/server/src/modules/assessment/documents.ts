/**
 * The round's results (考核结果, Excel: per org its score, the score out of 100 the school's performance system weighs,
 * stars or 达标, vetoes, the follow-up band and the subtotal of every dimension) and an org's scorecard (考核评分表,
 * Word: every indicator with its points and where they came from), through the shared print frames (files/xlsx.ts,
 * files/docx.ts). Both read what the board and the scorecard show (their scores refreshed the same way).
 */
import {
  type AssessmentScoreOut,
  assessmentStatusLabels,
  assessmentTransitionLabels,
  followUpBandLabels,
  formatChineseDate,
  type IsoDate,
  isMetricKey,
  metricCatalogue,
  type OrgAssessmentDetail,
  reviewLevelLabels,
  roundPoints,
  scoreOutOf100,
  starLabel,
  toLocalDate,
} from '@dangjian/core';

type IndicatorScore = AssessmentScoreOut['dimensions'][number]['indicators'][number];
type VetoScore = AssessmentScoreOut['vetoes'][number];
type Provenance = IndicatorScore['provenance'];

const metricLabel = (m: string) => (isMetricKey(m) ? metricCatalogue[m].label : m);

import ExcelJS from 'exceljs';
import {
  contentWidth,
  createDocx,
  formRow,
  formTable,
  gridTable,
  paragraph,
  titleParagraphs,
} from '../../files/docx.ts';
import { addLedgerSheet, type LedgerCell } from '../../files/xlsx.ts';
import type { Actor, Db } from '../../http/context.ts';
import { getOrgAssessment, roundForDocuments } from './service.ts';

const value = (v: number | boolean) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
const sum = (xs: readonly number[]) => roundPoints(xs.reduce((a, x) => a + x, 0));
const dayOf = (at: string | null | undefined) => (at ? toLocalDate(new Date(at)) : '');

/** Where an item's points came from, in one line of words. */
export function provenanceText(p: Provenance): string {
  switch (p.kind) {
    case 'metric': {
      const c = p.computed;
      if (c.missing) return `${metricLabel(c.metric)}：无数据`;
      const records = c.records.length > 0 ? `；依据记录 ${c.records.length} 条` : '';
      return `按记录计算：${metricLabel(c.metric)} ${c.display}${c.detail ? `（${c.detail}）` : ''}${p.notApplicable ? '，不适用，按规则计分' : ''}${records}`;
    }
    case 'override': {
      const c = p.computed;
      const a = p.adjustment;
      return `按记录计算 ${value(p.computedValue)}（${metricLabel(c.metric)} ${c.display}），${reviewLevelLabels[a.level]}调整为 ${value(a.value)}：${a.reason}${a.byName ? `（${a.byName}）` : ''}`;
    }
    case 'judgement': {
      const j = p.judgement;
      const self = p.selfValue !== null ? `；自评 ${value(p.selfValue)}` : '';
      const links = j.links.length > 0 ? `；关联记录：${j.links.map((l) => l.label ?? l.id).join('、')}` : '';
      return `${reviewLevelLabels[j.level]} ${value(j.value)}${j.comment ? `：${j.comment}` : ''}${self}${links}`;
    }
    case 'pending':
      return '待评分';
    case 'default':
      return '未填报';
  }
}

/** An indicator's points as the scorecard prints them. */
function pointsText(i: IndicatorScore): string {
  switch (i.method) {
    case 'pass_fail':
      return i.passed ? '达标' : '不达标';
    case 'bonus':
      return i.points > 0 ? `+${i.points}` : '0';
    case 'deduction':
      return i.points > 0 ? `−${i.points}` : '0';
    default:
      return String(i.points);
  }
}

function maxText(i: IndicatorScore): string {
  if (i.method === 'pass_fail') return i.required ? '必达' : '—';
  if (i.method === 'bonus' || i.method === 'deduction') return `上限 ${i.max}`;
  return String(i.max);
}

const vetoCap = (v: VetoScore) =>
  v.cap.kind === 'max_stars'
    ? `最高${starLabel(v.cap.stars)}`
    : v.cap.kind === 'max_score'
      ? `总分不超过 ${v.cap.score}`
      : '不达标';

/** The result in words: 86.5 分（四星级）, 达标, 待评分. */
export function resultText(d: Pick<OrgAssessmentDetail, 'score' | 'status'>): string {
  const s = d.score;
  if (!s) return '不参评';
  if (s.mode === 'pass_fail') return s.passed ? '达标' : '不达标';
  return `${s.total} 分（满分 ${s.maxScore}）${s.stars !== null ? `，${starLabel(s.stars)}` : ''}`;
}

/** GET /api/assessments/{id}/orgs/{orgId}/scorecard.docx: an org's 考核评分表. */
export async function buildScorecard(
  db: Db,
  actor: Actor,
  roundId: number,
  orgId: number,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string }> {
  const d = await getOrgAssessment(db, actor, roundId, orgId, now);
  const s = d.score;
  const width = contentWidth('portrait');
  const columns = [
    { header: '编号', width: 700 },
    { header: '指标', width: 2600, align: 'left' as const },
    { header: '满分', width: 900 },
    { header: '得分', width: 800 },
    { header: '评分依据', width: width - 5000, align: 'left' as const },
  ];
  const dimensions = (s?.dimensions ?? []).flatMap((dim) => [
    paragraph(
      `${dim.id}　${dim.title}${s?.mode === 'score' ? `（满分 ${dim.max}，得分 ${dim.subtotal}${dim.bonus > 0 ? `，含加分 ${dim.bonus}` : ''}${dim.deduction > 0 ? `，扣分 ${dim.deduction}` : ''}）` : dim.passed ? '（达标）' : '（未达标）'}`,
      { bold: true, before: 240, after: 120, keepNext: true },
    ),
    gridTable({
      columns,
      rows: dim.indicators.map((i) => [
        i.id,
        i.title,
        maxText(i),
        pointsText(i),
        provenanceText(i.provenance),
      ]),
    }),
  ]);
  const vetoes =
    s && s.vetoes.length > 0
      ? [
          paragraph('一票否决', { bold: true, before: 240, after: 120, keepNext: true }),
          gridTable({
            columns: [
              { header: '编号', width: 700 },
              { header: '否决事项', width: 3500, align: 'left' },
              { header: '后果', width: 1500 },
              { header: '认定', width: width - 5700, align: 'left' },
            ],
            rows: s.vetoes.map((v) => [
              v.id,
              v.title,
              vetoCap(v),
              v.triggered ? `触发：${provenanceText(v.provenance)}` : '未触发',
            ]),
          }),
        ]
      : [];
  const info = [
    formRow('党组织', d.parentName ? `${d.orgName}（${d.parentName}）` : d.orgName),
    formRow('考核名称', d.round.title),
    formRow('指标体系', d.system.name),
    formRow(
      '考核期',
      `${formatChineseDate(d.round.periodStart)}至${formatChineseDate(d.round.periodEnd)}（参照日 ${formatChineseDate(d.round.referenceDate)}）`,
    ),
    formRow(
      '考核状态',
      `${assessmentStatusLabels[d.status]}${d.notRatedReason ? `：${d.notRatedReason}` : ''}`,
    ),
    formRow('考核结果', resultText(d)),
    ...(s && s.mode === 'score' ? [formRow('百分制得分', String(scoreOutOf100(s)))] : []),
    ...(s?.vetoed
      ? [
          formRow(
            '一票否决',
            s.vetoes.filter((v) => v.triggered).map((v) => v.title),
          ),
        ]
      : []),
    ...(d.followUp ? [formRow('结果运用', followUpBandLabels[d.followUp])] : []),
    ...(d.noticeStartOn && d.noticeEndOn
      ? [
          formRow(
            '党委审定与公示',
            `${d.decidedOn ? `${formatChineseDate(d.decidedOn)}党委审定；` : ''}公示 ${formatChineseDate(d.noticeStartOn)}至${formatChineseDate(d.noticeEndOn)}`,
          ),
        ]
      : []),
    ...(s && s.pending.length > 0 ? [formRow('待评分', s.pending.join('、'))] : []),
  ];
  const steps = d.history.map(
    (h) =>
      `${dayOf(h.at)} ${h.byName} ${assessmentTransitionLabels[h.transition]}${h.reason ? `：${h.reason}` : ''}`,
  );
  const buffer = await createDocx({
    title: `${d.orgName}考核评分表`,
    children: [
      ...titleParagraphs([d.round.title, `${d.orgName}考核评分表`]),
      formTable(info),
      ...dimensions,
      ...vetoes,
      paragraph('考核经过', { bold: true, before: 240, after: 120, keepNext: true }),
      ...(steps.length > 0 ? steps : ['（尚未提交自评）']).map((line) => paragraph(line)),
      paragraph(`打印日期：${formatChineseDate(toLocalDate(now))}`, { align: 'right', before: 240 }),
    ],
  });
  return { buffer, fileName: `考核评分表-${d.round.title}-${d.orgName}.docx` };
}

/** GET /api/assessments/{id}/results.xlsx: the results of the round's orgs in the actor's scope. */
export async function buildResults(
  db: Db,
  actor: Actor,
  roundId: number,
  today: IsoDate,
  now: Date,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { round, rows } = await roundForDocuments(db, actor, roundId, now);
  const system = round.definition;
  const scored = system.mode === 'score';
  const dims = system.dimensions;
  const cells: LedgerCell[][] = rows.map((r, n) => {
    const s = r.score;
    const decided = r.status === 'committee_decision' || r.status === 'public_notice' || r.status === 'final';
    const result = !s
      ? '不参评'
      : scored
        ? r.stars !== null
          ? starLabel(r.stars)
          : ''
        : s.passed
          ? '达标'
          : '不达标';
    const subtotals = dims.map((d) => {
      const ds = s?.dimensions.find((x) => x.id === d.id);
      if (!ds) return null;
      return scored ? ds.subtotal : ds.passed ? '达标' : '不达标';
    });
    return [
      n + 1,
      r.org_name,
      r.parent_name ?? '',
      r.status === 'not_rated' ? `不参评：${r.not_rated_reason ?? ''}` : assessmentStatusLabels[r.status],
      ...(scored ? [s ? s.total : null, s ? scoreOutOf100(s) : null] : []),
      result,
      s
        ? s.vetoed
          ? s.vetoes
              .filter((v) => v.triggered)
              .map((v) => v.title)
              .join('；')
          : '否'
        : '',
      decided && r.follow_up ? followUpBandLabels[r.follow_up] : '',
      ...subtotals,
      ...(scored
        ? [
            s ? sum(s.dimensions.map((d) => d.bonus)) : null,
            s ? sum(s.dimensions.map((d) => d.deduction)) : null,
          ]
        : [s ? `${s.passedCount}/${s.passFailCount}` : null]),
      r.finalised_on ?? '',
    ];
  });
  const final = rows.filter((r) => r.status === 'final').length;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  addLedgerSheet(
    wb,
    '考核结果',
    {
      title: `${round.title}结果`,
      subtitle: [
        `指标体系：${system.name}；考核期 ${round.period_start} 至 ${round.period_end}；参照日 ${round.reference_date}`,
        scored
          ? `党建得分按百分制折算（得分 ÷ 满分 ${system.maxScore} × 100），供学校年度绩效考核按不低于 20% 的权重使用；以“已确定”的结果为准（已确定 ${final} 个，共 ${rows.length} 个）。导出日期 ${formatChineseDate(today)}`
          : `以“已确定”的结果为准（已确定 ${final} 个，共 ${rows.length} 个）。导出日期 ${formatChineseDate(today)}`,
      ],
      columns: [
        { header: '序号' },
        { header: '党组织', maxWidth: 22 },
        { header: '上级党组织', maxWidth: 18 },
        { header: '考核状态', maxWidth: 24 },
        ...(scored ? [{ header: `得分（满分 ${system.maxScore}）` }, { header: '百分制得分' }] : []),
        { header: scored ? '星级' : '达标' },
        { header: '一票否决', maxWidth: 24 },
        { header: '结果运用' },
        ...dims.map((d) => ({ header: `${d.title}${scored ? `（${d.max}）` : ''}`, maxWidth: 14 })),
        ...(scored ? [{ header: '加分' }, { header: '扣分' }] : [{ header: '达标项' }]),
        { header: '确定日期', text: true },
      ],
      keyColumns: 2,
    },
    cells,
  );
  return {
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    fileName: `考核结果-${round.title}-${today}.xlsx`,
  };
}
