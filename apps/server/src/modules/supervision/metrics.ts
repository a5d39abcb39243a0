/**
 * The assessment metric of supervised tasks (督办事项) an org leads, as they stood on the reference date, rebuilt
 * from each task's timeline: the deadline then in force (set when issued, by an edit or an approved extension),
 * its status, the day it was last reported done and confirmed. A task whose deadline falls in the period counts
 * once done or once its deadline is over (on or before the reference date); it was done on time when, by the reference date, the assigner had
 * confirmed it (已办结) and the lead had reported it done by the deadline (a slow confirmation is not held against
 * the lead).
 */
import type { AssessmentRecordRef, IsoDate, MetricKey } from '@dangjian/core';
import {
  clipLabel,
  FactsByOrg,
  type MetricProvider,
  measuredOrgs,
  metricFact,
  type TimelineState,
  timelineState,
} from '../../http/assessment-metrics.ts';
import { tasksAsOf } from './metrics-repo.ts';

/** The metrics this module computes. */
export const supervisionMetricKeys = [
  'supervised_tasks_on_time_rate',
] as const satisfies readonly MetricKey[];

const deadlineKinds = ['created', 'edited', 'approve_extension'] as const;

type Task = Awaited<ReturnType<typeof tasksAsOf>>[number] & { asOf: TimelineState & { deadline: IsoDate } };

function taskRef(t: Task, what: string): AssessmentRecordRef {
  return { kind: 'supervised_task', id: String(t.id), label: `${clipLabel(t.title, 60)}（${what}）` };
}

/** The supervision metric of a round's orgs (the assessment module's provider). */
export const computeSupervisionMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const key = 'supervised_tasks_on_time_rate';
  const day = q.referenceDate;
  const orgs = measuredOrgs(q, key);
  const rows = await tasksAsOf(
    db,
    orgs.map((o) => o.id),
    day,
  );
  const tasks: Task[] = rows.flatMap((r) => {
    const then = timelineState(r.timeline, {
      deadlineKinds,
      completeKind: 'report_done',
      closeKind: 'confirm_done',
    });
    return then.status === null
      ? []
      : [{ ...r, asOf: { ...then, deadline: then.deadline ?? r.original_deadline } }];
  });
  for (const org of orgs) {
    const due = tasks.filter(
      (t) =>
        t.org_id === org.id &&
        t.asOf.deadline >= q.periodStart &&
        t.asOf.deadline <= q.periodEnd &&
        (t.asOf.status === 'done' || t.asOf.deadline <= day),
    );
    if (due.length === 0) {
      out.set(org.id, key, metricFact(null, '考核期内没有本组织牵头、期限到期的督办事项', []));
      continue;
    }
    const onTime = due.filter(
      (t) => t.asOf.status === 'done' && t.asOf.completedOn !== null && t.asOf.completedOn <= t.asOf.deadline,
    );
    const doneLate = due.filter((t) => t.asOf.status === 'done' && !onTime.includes(t));
    const open = due.filter((t) => t.asOf.status !== 'done');
    const detail = `期限在考核期内、本组织牵头的督办事项 ${due.length} 项，按期办结 ${onTime.length} 项${
      doneLate.length > 0 ? `，逾期办结 ${doneLate.length} 项` : ''
    }${open.length > 0 ? `，至 ${day} 未办结 ${open.length} 项` : ''}（按期：期限内报告办结并经确认）`;
    const refs = [
      ...open.map((t) => taskRef(t, `期限 ${t.asOf.deadline}，未办结`)),
      ...doneLate.map((t) =>
        taskRef(t, `期限 ${t.asOf.deadline}，${t.asOf.completedOn ?? t.asOf.closedOn} 报告办结，逾期`),
      ),
      ...onTime.map((t) => taskRef(t, `期限 ${t.asOf.deadline}，${t.asOf.closedOn} 办结`)),
    ];
    out.set(org.id, key, metricFact(onTime.length / due.length, detail, refs));
  }
  return out.map;
};
