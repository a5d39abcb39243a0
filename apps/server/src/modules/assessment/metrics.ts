/**
 * The record facts of a round (core `AssessmentFacts`): for every org and every metric the system names, the value
 * the records give, how it was counted and the records themselves. Each metric is computed by the module that owns
 * its records (a provider exported through that module's service.ts, see http/assessment-metrics.ts), for all the
 * round's orgs at once, so a round of the whole college costs a fixed number of statements.
 */
import {
  type AssessedLevel,
  type AssessmentFacts,
  assessedLevelLabels,
  type IsoDate,
  type MetricFact,
  type MetricKey,
  metricCatalogue,
  orgTypeLabels,
} from '@dangjian/core';
import { type MetricOrg, type MetricProvider, pushTo } from '../../http/assessment-metrics.ts';
import type { Db, Trx } from '../../http/context.ts';
import { computeFindingMetrics } from '../alerts/service.ts';
import { computeLifeMetrics } from '../compliance/service.ts';
import { computeDutyReviewMetrics } from '../duty-reviews/service.ts';
import { computeAppraisalMetrics } from '../member-appraisals/service.ts';
import { computeTermMetrics, metricOrgsOf } from '../org/service.ts';
import { computeRecruitmentMetrics } from '../recruitment/service.ts';
import { computeRectificationMetrics } from '../rectification/service.ts';
import { computeSupervisionMetrics } from '../supervision/service.ts';

/** Which provider computes each metric of core's catalogue. */
export const metricProviders = {
  three_meetings_one_lecture_rate: computeLifeMetrics,
  theme_day_rate: computeLifeMetrics,
  review_meeting_held: computeLifeMetrics,
  member_appraisal_held: computeLifeMetrics,
  member_appraisal_done: computeAppraisalMetrics,
  talk_coverage: computeLifeMetrics,
  life_attendance_rate: computeLifeMetrics,
  branch_life_rate: computeLifeMetrics,
  review_meeting_rate: computeLifeMetrics,
  member_appraisal_rate: computeLifeMetrics,
  first_topic_rate: computeLifeMetrics,
  study_group_sessions: computeLifeMetrics,
  leadership_review_meeting_held: computeLifeMetrics,
  members_absent_six_months: computeFindingMetrics,
  findings_open: computeFindingMetrics,
  findings_resolved_rate: computeFindingMetrics,
  team_findings_open: computeFindingMetrics,
  dual_life_missing: computeFindingMetrics,
  transfers_overdue: computeFindingMetrics,
  recruitment_steps_on_time_rate: computeRecruitmentMetrics,
  term_overdue_days: computeTermMetrics,
  terms_in_order_rate: computeTermMetrics,
  dual_leader_secretary: computeTermMetrics,
  dual_leader_rate: computeTermMetrics,
  rectifications_closed_on_time_rate: computeRectificationMetrics,
  rectifications_overdue: computeRectificationMetrics,
  supervised_tasks_on_time_rate: computeSupervisionMetrics,
  duty_review_grade: computeDutyReviewMetrics,
} as const satisfies Record<MetricKey, MetricProvider>;

/** The fact of a metric that does not apply to an org's level (or to an org no system assesses). */
function notApplicable(org: MetricOrg, key: MetricKey): MetricFact {
  const levels = metricCatalogue[key].appliesTo as readonly AssessedLevel[];
  const detail =
    org.level === null
      ? `${orgTypeLabels[org.type]}不是考核对象，不计算此项`
      : `此项只适用于${levels.map((l) => assessedLevelLabels[l]).join('、')}`;
  return { value: null, detail, records: [] };
}

/**
 * Every asked metric for every org of `orgIds` over the period, judged on the reference date: a fact per org and
 * metric (null where the metric does not apply: the org's level, or nothing to count, as the detail says). Each
 * provider runs once for all the orgs. An id that names no org gets null facts saying so.
 */
export async function computeAssessmentFacts(
  db: Db | Trx,
  input: {
    orgIds: readonly number[];
    periodStart: IsoDate;
    periodEnd: IsoDate;
    referenceDate: IsoDate;
    metrics: readonly MetricKey[];
  },
): Promise<Map<number, AssessmentFacts>> {
  const orgIds = [...new Set(input.orgIds)];
  const metrics = [...new Set(input.metrics)];
  const out = new Map<number, AssessmentFacts>(orgIds.map((id) => [id, {}]));
  if (orgIds.length === 0 || metrics.length === 0) return out;
  const orgs = await metricOrgsOf(db, orgIds);
  const keysOf = new Map<MetricProvider, MetricKey[]>();
  for (const key of metrics) {
    const provider: MetricProvider = metricProviders[key];
    pushTo(keysOf, provider, key);
  }
  const computed = await Promise.all(
    [...keysOf].map(([provider, keys]) =>
      provider(db, {
        orgs,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        referenceDate: input.referenceDate,
        metrics: keys,
      }),
    ),
  );
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  for (const [id, facts] of out) {
    const org = orgById.get(id);
    for (const key of metrics) {
      if (!org) {
        facts[key] = { value: null, detail: '没有这个党组织', records: [] };
        continue;
      }
      if (
        org.level === null ||
        !(metricCatalogue[key].appliesTo as readonly AssessedLevel[]).includes(org.level)
      ) {
        facts[key] = notApplicable(org, key);
        continue;
      }
      const fact = computed.map((m) => m.get(id)?.[key]).find((f) => f !== undefined);
      // A provider that leaves out an org it was asked for is a bug: fail rather than score on a gap.
      if (!fact) throw new Error(`metric ${key} was not computed for org ${id}`);
      facts[key] = fact;
    }
  }
  return out;
}
