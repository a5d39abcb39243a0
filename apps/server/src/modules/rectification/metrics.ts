/**
 * Assessment metrics of rectification items (整改事项) of the org itself, as they stood on the reference date,
 * rebuilt from each item's timeline: the deadline then in force (set at creation, by an edit, an approved
 * extension or a reopening), its status, the day it was last submitted for 销号 and closed.
 * - closed on time: items whose deadline falls in the period and that, by the reference date, were closed (销号)
 *   after being submitted by the deadline (a slow verification is not held against the org); an item still open
 *   counts once its deadline is over (on or before the reference date);
 * - overdue: core's `isRectificationOverdue` on the state at the end of the reference date (pending or in progress past the next due date,
 *   a 长期整改 milestone included), the 逾期 the 整改台账 shows.
 */
import {
  type AssessmentRecordRef,
  type IsoDate,
  isRectificationOverdue,
  type MetricKey,
  type RectificationStatus,
} from '@dangjian/core';
import {
  clipLabel,
  dayAfter,
  FactsByOrg,
  type MetricProvider,
  measuredOrgs,
  metricFact,
  pushTo,
  type TimelineState,
  timelineState,
} from '../../http/assessment-metrics.ts';
import { itemsAsOf } from './metrics-repo.ts';

/** The metrics this module computes. */
export const rectificationMetricKeys = [
  'rectifications_closed_on_time_rate',
  'rectifications_overdue',
] as const satisfies readonly MetricKey[];

const deadlineKinds = ['created', 'edited', 'approve_extension', 'reopen'] as const;

type Item = Awaited<ReturnType<typeof itemsAsOf>>[number] & { asOf: TimelineState & { deadline: IsoDate } };

function itemRef(i: Item, what: string): AssessmentRecordRef {
  return { kind: 'rectification', id: String(i.id), label: `${clipLabel(i.problem, 60)}（${what}）` };
}

/** The rectification metrics of a round's orgs (the assessment module's provider). */
export const computeRectificationMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const day = q.referenceDate;
  const orgIds = [
    ...new Set(
      [
        ...measuredOrgs(q, 'rectifications_closed_on_time_rate'),
        ...measuredOrgs(q, 'rectifications_overdue'),
      ].map((o) => o.id),
    ),
  ];
  const rows = await itemsAsOf(db, orgIds, day);
  const items: Item[] = rows.flatMap((r) => {
    const then = timelineState(r.timeline, { deadlineKinds, completeKind: 'submit', closeKind: 'verify' });
    return then.status === null
      ? []
      : [{ ...r, asOf: { ...then, deadline: then.deadline ?? r.original_deadline } }];
  });
  const byOrg = new Map<number, Item[]>();
  for (const i of items) pushTo(byOrg, i.org_id, i);

  for (const org of measuredOrgs(q, 'rectifications_closed_on_time_rate')) {
    const due = (byOrg.get(org.id) ?? []).filter(
      (i) =>
        i.asOf.deadline >= q.periodStart &&
        i.asOf.deadline <= q.periodEnd &&
        (i.asOf.status === 'closed' || i.asOf.deadline <= day),
    );
    if (due.length === 0) {
      out.set(
        org.id,
        'rectifications_closed_on_time_rate',
        metricFact(null, '考核期内本组织没有到期的整改事项', []),
      );
      continue;
    }
    const onTime = due.filter(
      (i) =>
        i.asOf.status === 'closed' && i.asOf.completedOn !== null && i.asOf.completedOn <= i.asOf.deadline,
    );
    const closedLate = due.filter((i) => i.asOf.status === 'closed' && !onTime.includes(i));
    const open = due.filter((i) => i.asOf.status !== 'closed');
    const detail = `期限在考核期内的整改事项 ${due.length} 项，按期销号 ${onTime.length} 项${
      closedLate.length > 0 ? `，逾期销号 ${closedLate.length} 项` : ''
    }${open.length > 0 ? `，至 ${day} 未销号 ${open.length} 项` : ''}（按期：期限内报请销号并经核验销号）`;
    const refs = [
      ...open.map((i) => itemRef(i, `期限 ${i.asOf.deadline}，未销号`)),
      ...closedLate.map((i) =>
        itemRef(i, `期限 ${i.asOf.deadline}，${i.asOf.completedOn ?? i.asOf.closedOn} 报请销号，逾期`),
      ),
      ...onTime.map((i) => itemRef(i, `期限 ${i.asOf.deadline}，${i.asOf.closedOn} 销号`)),
    ];
    out.set(
      org.id,
      'rectifications_closed_on_time_rate',
      metricFact(onTime.length / due.length, detail, refs),
    );
  }

  for (const org of measuredOrgs(q, 'rectifications_overdue')) {
    const overdue = (byOrg.get(org.id) ?? []).filter((i) =>
      isRectificationOverdue(
        {
          status: i.asOf.status as RectificationStatus,
          deadline: i.asOf.deadline,
          originalDeadline: i.original_deadline,
          extensions: 0,
          extensionRequest: null,
          milestones: i.milestones.map((m) => ({ title: '', dueOn: m.dueOn, doneOn: m.doneOn })),
          reopenCount: 0,
        },
        dayAfter(q),
      ),
    );
    const byMilestone = overdue.filter((i) => i.asOf.deadline > day).length;
    out.set(
      org.id,
      'rectifications_overdue',
      metricFact(
        overdue.length,
        overdue.length === 0
          ? `${day} 本组织没有逾期未销号的整改事项`
          : `${day} 本组织逾期未销号的整改事项 ${overdue.length} 项${byMilestone > 0 ? `（其中阶段逾期 ${byMilestone} 项）` : ''}`,
        overdue.map((i) => itemRef(i, `期限 ${i.asOf.deadline}`)),
      ),
    );
  }
  return out.map;
};
