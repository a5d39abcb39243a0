/**
 * The assessment metric of 民主评议党员: how many of a branch's yearly appraisals whose year lies in the period were
 * completed (the 党员大会 decided the grades) by the reference date. An appraisal started and not completed does
 * not count — the record of the meeting alone is not the appraisal.
 */
import type { AssessmentRecordRef, MetricKey } from '@dangjian/core';
import {
  FactsByOrg,
  lastCountedDay,
  type MetricProvider,
  measuredOrgs,
  metricFact,
} from '../../http/assessment-metrics.ts';
import { appraisalsOfYears } from './repo.ts';

/** The metrics this module computes. */
export const appraisalMetricKeys = ['member_appraisal_done'] as const satisfies readonly MetricKey[];

/** The 民主评议党员 metric of a round's orgs (the assessment module's provider). */
export const computeAppraisalMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const key = 'member_appraisal_done';
  const orgs = measuredOrgs(q, key);
  const last = lastCountedDay(q);
  const rows = await appraisalsOfYears(
    db,
    orgs.map((o) => o.id),
    Number(q.periodStart.slice(0, 4)),
    Number(last.slice(0, 4)),
  );
  for (const org of orgs) {
    const own = rows.filter((r) => r.org_id === org.id);
    const done = own.filter((r) => r.completed_on !== null && r.completed_on <= last);
    const open = own.filter((r) => !done.includes(r));
    const ref = (r: (typeof own)[number], what: string): AssessmentRecordRef => ({
      kind: 'member_appraisal',
      id: String(r.id),
      label: `${r.year}年度民主评议党员（${what}）`,
    });
    out.set(
      org.id,
      key,
      metricFact(
        done.length,
        done.length > 0
          ? `考核期内完成民主评议党员 ${done.length} 次${open.length > 0 ? `，未完成 ${open.length} 次` : ''}`
          : open.length > 0
            ? `考核期内的民主评议党员至 ${last} 尚未完成`
            : '考核期内没有开展民主评议党员',
        [...done.map((r) => ref(r, `${r.completed_on} 党员大会决定`)), ...open.map((r) => ref(r, '未完成'))],
      ),
    );
  }
  return out.map;
};
