/**
 * The assessment metric of 述职评议: the grade of the org's secretary in the published campaign of the year the
 * round's period ends in (好 4, 较好 3, 一般 2, 差 1; core `dutyReviewGradePoints`), null when none was published.
 */
import { dutyReviewGradeLabels, dutyReviewGradePoints, type MetricKey } from '@dangjian/core';
import {
  FactsByOrg,
  lastCountedDay,
  type MetricProvider,
  measuredOrgs,
  metricFact,
} from '../../http/assessment-metrics.ts';
import { publishedGrades } from './repo.ts';

export const dutyReviewMetricKeys = ['duty_review_grade'] as const satisfies readonly MetricKey[];

export const computeDutyReviewMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const key = 'duty_review_grade';
  const orgs = measuredOrgs(q, key);
  const year = Number(lastCountedDay(q).slice(0, 4));
  const rows =
    orgs.length > 0
      ? await publishedGrades(
          db,
          orgs.map((o) => o.id),
          year,
        )
      : [];
  const day = q.referenceDate;
  for (const org of orgs) {
    const r = rows.find(
      (x) =>
        x.org_id === org.id &&
        x.grade !== null &&
        x.published_at !== null &&
        new Date(x.published_at).toISOString().slice(0, 10) <= day,
    );
    if (!r?.grade) {
      out.set(org.id, key, metricFact(null, `${year}年度述职评议考核结果至 ${day} 未公布`, []));
      continue;
    }
    out.set(
      org.id,
      key,
      metricFact(
        dutyReviewGradePoints[r.grade],
        `${r.review_title}：书记${r.person_name}${dutyReviewGradeLabels[r.grade]}`,
        [],
      ),
    );
  }
  return out.map;
};
