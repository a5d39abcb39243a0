/**
 * The evidence pack of a 述职报告 (最多报一次: nothing typed again): the secretary's org's figures of the year read from
 * the records by the modules that own them — 三会一课 and 组织生活, 谈心谈话 (党员教育管理, 党员教育管理工作条例 第四十三条),
 * findings open and resolved, 发展党员 on time, rectifications — through the same metric providers the assessment
 * uses (each module's service), with the records behind each figure; and the org's assessment results of the year.
 */
import {
  AppError,
  type AssessedLevel,
  type DutyReviewEvidence,
  type DutyReviewEvidenceFact,
  formatMetricValue,
  type IsoDate,
  type MetricKey,
  metricCatalogue,
} from '@dangjian/core';
import type { MetricProvider } from '../../http/assessment-metrics.ts';
import type { Actor, Db } from '../../http/context.ts';
import { computeFindingMetrics } from '../alerts/service.ts';
import { orgAssessmentResults } from '../assessment/service.ts';
import { computeLifeMetrics } from '../compliance/service.ts';
import { metricOrgsOf } from '../org/service.ts';
import { computeRecruitmentMetrics } from '../recruitment/service.ts';
import { computeRectificationMetrics } from '../rectification/service.ts';
import { getReviewDetail } from './service.ts';

/** The figures of the pack, in the order shown, by the provider that computes them. */
const packMetrics: readonly [MetricKey, MetricProvider][] = [
  ['three_meetings_one_lecture_rate', computeLifeMetrics],
  ['theme_day_rate', computeLifeMetrics],
  ['talk_coverage', computeLifeMetrics],
  ['branch_life_rate', computeLifeMetrics],
  ['first_topic_rate', computeLifeMetrics],
  ['findings_open', computeFindingMetrics],
  ['findings_resolved_rate', computeFindingMetrics],
  ['recruitment_steps_on_time_rate', computeRecruitmentMetrics],
  ['rectifications_closed_on_time_rate', computeRectificationMetrics],
  ['rectifications_overdue', computeRectificationMetrics],
];

/** GET /api/duty-reviews/{id}/subjects/{subjectId}/evidence: the pack of one secretary's org for the campaign's year. */
export async function getEvidence(
  db: Db,
  actor: Actor,
  id: number,
  subjectId: number,
  today: IsoDate,
  now: Date,
): Promise<DutyReviewEvidence> {
  const detail = await getReviewDetail(db, actor, id, now);
  const subject = detail.subjects.find((s) => s.id === subjectId);
  if (!subject) throw new AppError('NOT_FOUND', '该述职评议中没有这位书记');
  const periodStart = `${detail.year}-01-01`;
  const yearEnd = `${detail.year}-12-31`;
  const periodEnd = today < yearEnd ? today : yearEnd;
  const [org] = await metricOrgsOf(db, [subject.org.id]);
  const facts: DutyReviewEvidenceFact[] = [];
  if (org?.level) {
    const level: AssessedLevel = org.level;
    const wanted = packMetrics.filter(([k]) =>
      (metricCatalogue[k].appliesTo as readonly AssessedLevel[]).includes(level),
    );
    const byProvider = new Map<MetricProvider, MetricKey[]>();
    for (const [k, p] of wanted) byProvider.set(p, [...(byProvider.get(p) ?? []), k]);
    const computed = await Promise.all(
      [...byProvider].map(([p, metrics]) =>
        p(db, { orgs: [org], periodStart, periodEnd, referenceDate: periodEnd, metrics }),
      ),
    );
    for (const [k] of wanted) {
      const fact = computed.map((m) => m.get(org.id)?.[k]).find((f) => f !== undefined);
      if (!fact) continue;
      facts.push({
        key: k,
        label: metricCatalogue[k].label,
        value: formatMetricValue(k, fact.value),
        detail: fact.detail ?? '',
        records: fact.records.map((r) => ({ kind: r.kind, id: r.id, label: r.label ?? null })),
      });
    }
  }
  const results = (await orgAssessmentResults(db, subject.org.id)).filter((r) => r.year === detail.year);
  for (const r of results)
    facts.push({
      key: `assessment-${r.roundId}`,
      label: `考核结果：${r.roundTitle}`,
      value:
        r.stars !== null
          ? `${r.stars}星`
          : r.scoreOutOf100 !== null
            ? `${r.scoreOutOf100}分`
            : r.passed !== null
              ? r.passed
                ? '合格'
                : '不合格'
              : '—',
      detail: `${r.systemName}${r.vetoed ? '（一票否决）' : ''}，${r.finalisedOn ?? ''}确定`,
      records: [],
    });
  if (results.length === 0)
    facts.push({
      key: 'assessment',
      label: '考核结果',
      value: '—',
      detail: `${detail.year}年度考核结果尚未确定`,
      records: [],
    });
  return { subjectId, periodStart, periodEnd, facts };
}
