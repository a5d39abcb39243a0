/**
 * The assessment metric of 发展党员 (recruitment_steps_on_time_rate): which steps fell due in the period and
 * whether each was taken by its deadline. Deadlines are core's (`nextDue`, the ones the reminders and the alerts
 * show): each dossier's recorded steps are replayed with core's `applyStep`, and before every step the deadlines
 * then in force are taken; a deadline is met by the first later step it names. A deadline that disappears because
 * the procedure moved on or closed (a withdrawal) before it fell due no longer counts; one that had passed counts
 * as missed. The 预备期满 reminder is not a step to take and is left out. One statement for all the round's orgs.
 *
 * Record refs name the dossier that shows the step (core `stepRefId`): a step taken is
 * `dossier-<recruitment id>-event-<recruitment_event id>`; a step never taken has no record, so it is
 * `dossier-<recruitment id>-step-<step>` (the subject of the alert the deadline raised).
 */
import {
  type AssessmentRecordRef,
  addMonths,
  applyStep,
  type IsoDate,
  initialRecruitmentState,
  type MetricKey,
  nextDue,
  type RecruitmentDue,
  type RecruitmentDueKind,
  type RecruitmentEvent,
  type RecruitmentFacts,
  type RecruitmentState,
  type RecruitmentStep,
  type RuleSettings,
  recruitmentDueKindLabels,
  stepRefId,
} from '@dangjian/core';
import {
  bySubtree,
  FactsByOrg,
  type MetricProvider,
  measuredOrgs,
  metricFact,
  pushTo,
} from '../../http/assessment-metrics.ts';
import { getRuleSettings } from '../settings/service.ts';
import { stepsOfDossiers } from './metrics-repo.ts';
import { recruitmentSettings } from './state.ts';

/** The metrics this module computes. */
export const recruitmentMetricKeys = [
  'recruitment_steps_on_time_rate',
] as const satisfies readonly MetricKey[];

/** A deadline of one dossier and whether (and by which step) it was met. */
interface TrackedDue {
  recruitmentId: number;
  personName: string;
  orgPath: string;
  kind: RecruitmentDueKind;
  step: RecruitmentStep;
  dueOn: IsoDate;
  doneOn: IsoDate | null;
  eventId: number | null;
}

/**
 * Facts for replaying steps that were accepted when recorded: the checks that read the outside world (members'
 * status, age, leaving date, today) answer as they did then, i.e. they pass.
 */
function replayFacts(settings: RuleSettings): RecruitmentFacts {
  return {
    birthDate: '1900-01-01',
    branchIsTemporary: false,
    isFullMember: () => true,
    settings: recruitmentSettings(settings),
    today: '9999-12-31',
  };
}

const keyOf = (d: Pick<RecruitmentDue, 'kind' | 'dueOn'>) => `${d.kind}|${d.dueOn}`;

/** Every deadline of one dossier up to the reference date, met or not, from its steps in order. */
function duesOfDossier(
  steps: readonly {
    event_id: number;
    step: RecruitmentStep | 'withdrawal';
    on_date: IsoDate;
    event: unknown;
  }[],
  facts: RecruitmentFacts,
  window: { trackFrom: IsoDate; referenceDate: IsoDate },
  dossier: Pick<TrackedDue, 'recruitmentId' | 'personName' | 'orgPath'>,
): TrackedDue[] {
  const tracked = new Map<string, TrackedDue & { dropped: boolean }>();
  const inForce = (state: RecruitmentState, day: IsoDate) =>
    nextDue(state, facts, day).filter((d) => d.kind !== 'probation_end');
  const track = (d: RecruitmentDue) => {
    const key = keyOf(d);
    let t = tracked.get(key);
    if (!t) {
      t = {
        ...dossier,
        kind: d.kind,
        step: d.step,
        dueOn: d.dueOn,
        doneOn: null,
        eventId: null,
        dropped: false,
      };
      tracked.set(key, t);
    }
    return t;
  };
  let state = initialRecruitmentState();
  for (const s of steps) {
    // Steps long before the period only move the state on: no deadline they set can fall in it.
    const tracking = s.on_date >= window.trackFrom;
    if (tracking)
      for (const d of inForce(state, s.on_date)) {
        const t = track(d);
        if (t.doneOn === null && d.step === s.step) {
          t.doneOn = s.on_date;
          t.eventId = s.event_id;
        }
      }
    const r = applyStep(state, s.event as RecruitmentEvent, facts);
    // Every stored step was accepted when recorded; should one not replay, the deadlines stop there.
    if (!r.ok) break;
    state = r.state;
    if (!tracking) continue;
    // A deadline not yet due that the step made disappear (the procedure moved on or closed) no longer counts.
    let still: Set<string> | null = null;
    for (const t of tracked.values()) {
      if (t.doneOn !== null || t.dropped || t.dueOn < s.on_date) continue;
      still ??= new Set(inForce(state, s.on_date).map(keyOf));
      if (!still.has(keyOf(t))) t.dropped = true;
    }
  }
  for (const d of inForce(state, window.referenceDate)) track(d);
  return [...tracked.values()].filter((t) => !t.dropped);
}

function stepRef(t: TrackedDue): AssessmentRecordRef {
  const what = `${t.personName}：${recruitmentDueKindLabels[t.kind]}（期限 ${t.dueOn}，${t.doneOn ? `${t.doneOn} 办理` : '未办理'}）`;
  const id = stepRefId(t.recruitmentId, t.eventId !== null ? { eventId: t.eventId } : { step: t.step });
  return { kind: 'recruitment_step', id, label: what };
}

/** The 发展党员 metric of a round's orgs (the assessment module's provider). */
export const computeRecruitmentMetrics: MetricProvider = async (db, q) => {
  const out = new FactsByOrg();
  const key = 'recruitment_steps_on_time_rate';
  const orgs = measuredOrgs(q, key);
  if (orgs.length === 0) return out.map;
  const [settings, rows] = await Promise.all([
    getRuleSettings(db),
    stepsOfDossiers(
      db,
      orgs.map((o) => o.path),
      q.periodStart,
      q.referenceDate,
    ),
  ]);
  const facts = replayFacts(settings);
  // Every deadline falls at most 25 months after the step that sets it (the 转正 discussion: 预备期 of up to 24
  // months, then one month).
  const window = { trackFrom: addMonths(q.periodStart, -26), referenceDate: q.referenceDate };
  const byDossier = new Map<number, typeof rows>();
  for (const r of rows) pushTo(byDossier, r.recruitment_id, r);
  const dues: TrackedDue[] = [];
  for (const [id, steps] of byDossier) {
    const first = steps[0]!;
    const all = duesOfDossier(steps, facts, window, {
      recruitmentId: id,
      personName: first.person_name,
      orgPath: first.org_path,
    });
    // Due in the period, and either taken or past its deadline on the reference date.
    dues.push(
      ...all.filter(
        (t) =>
          t.dueOn >= q.periodStart &&
          t.dueOn <= q.periodEnd &&
          (t.doneOn !== null || t.dueOn <= q.referenceDate),
      ),
    );
  }
  const under = bySubtree(dues, (t) => t.orgPath);
  for (const org of orgs) {
    const mine = under.get(org.id) ?? [];
    const within = org.level === 'secondary' ? '（含所属支部）' : '';
    if (mine.length === 0) {
      out.set(org.id, key, metricFact(null, `考核期内没有到期的发展党员程序步骤${within}`, []));
      continue;
    }
    const onTime = mine.filter((t) => t.doneOn !== null && t.doneOn <= t.dueOn);
    const lateDone = mine.filter((t) => t.doneOn !== null && t.doneOn > t.dueOn);
    const missed = mine.filter((t) => t.doneOn === null);
    const detail = `考核期内到期的发展党员程序步骤 ${mine.length} 个${within}，按期办理 ${onTime.length} 个${
      lateDone.length + missed.length > 0
        ? `，逾期 ${lateDone.length + missed.length} 个（逾期办理 ${lateDone.length} 个、至 ${q.referenceDate} 未办理 ${missed.length} 个）`
        : ''
    }`;
    const byDue = (a: TrackedDue, b: TrackedDue) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0);
    const refs = [...missed.sort(byDue), ...lateDone.sort(byDue), ...onTime.sort(byDue)].map(stepRef);
    out.set(org.id, key, metricFact(onTime.length / mine.length, detail, refs));
  }
  return out.map;
};
