/** 巡察 rounds as the API shows them: core's state of a unit from its row, the list item, the detail. */
import {
  type InspectionDetail,
  type InspectionEvent,
  type InspectionFigures,
  type InspectionItem,
  type InspectionUnitAbilities,
  type InspectionUnitDetail,
  type InspectionUnitItem,
  type InspectionUnitState,
  type InspectionUnitSummary,
  inspectionFigures,
  inspectionLookbackDue,
  inspectionReportDue,
  isInspectionReportOverdue,
} from '@dangjian/core';
import type { InspectionRectification } from '../rectification/service.ts';
import type { EventRow, RoundDetailRow, RoundRow, UnitRow } from './repo.ts';

type Months = Pick<RoundRow, 'report_months' | 'lookback_months'>;

/** Where a unit stands, as core's machine reads it. */
export function unitStateOf(
  u: Pick<UnitRow, 'status' | 'feedback_on' | 'report_submitted_on' | 'lookback_on'>,
) {
  return {
    status: u.status,
    feedbackOn: u.feedback_on,
    reportSubmittedOn: u.report_submitted_on,
    lookbackOn: u.lookback_on,
  } satisfies InspectionUnitState;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** A unit as lists show it: its status, the feedback's day and the days its report and 回头看 are due. */
export function presentUnitSummary(u: UnitRow, round: Months, today: string): InspectionUnitSummary {
  const reportDue = u.feedback_on ? inspectionReportDue(u.feedback_on, round.report_months) : null;
  return {
    orgId: u.org_id,
    orgName: u.org_name,
    status: u.status,
    feedbackOn: u.feedback_on,
    reportDue,
    reportOverdue: isInspectionReportOverdue(u.status, reportDue, today),
    lookbackDue: u.feedback_on ? inspectionLookbackDue(u.feedback_on, round.lookback_months) : null,
  };
}

/** A round as lists show it, with the units the caller may see. */
export function presentRound(
  r: RoundRow,
  visible: readonly UnitRow[],
  unitCount: number,
  today: string,
): InspectionItem {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reportMonths: r.report_months,
    lookbackMonths: r.lookback_months,
    units: visible.map((u) => presentUnitSummary(u, r, today)),
    unitCount,
    version: r.version,
  };
}

/** A unit's item as the round's page lists it. */
function presentUnitItem(x: InspectionRectification): InspectionUnitItem {
  return {
    id: x.item.id,
    problem: x.item.problem,
    clause: x.clause,
    responsiblePerson: x.item.responsiblePerson,
    status: x.item.status,
    deadline: x.item.nextDue,
    overdue: x.item.overdue,
    reopenCount: x.item.reopenCount,
    closedOn: x.closedOn,
  };
}

/** A unit's figures counted from its items. */
export function figuresOf(items: readonly InspectionRectification[]): InspectionFigures {
  return inspectionFigures(items.map((x) => ({ status: x.item.status, overdue: x.item.overdue })));
}

/** A unit with its feedback, items, report, 回头看 and what the caller may do with it. */
export function presentUnitDetail(
  u: UnitRow,
  round: Months,
  parts: {
    items: readonly InspectionRectification[];
    verdicts: readonly {
      rectification_id: number;
      outcome: 'confirmed' | 'rebound';
      reason: string | null;
      until: string | null;
    }[];
    abilities: InspectionUnitAbilities;
  },
  today: string,
): InspectionUnitDetail {
  return {
    ...presentUnitSummary(u, round, today),
    orgType: u.org_type,
    summary: u.summary,
    figures: figuresOf(parts.items),
    items: parts.items.map(presentUnitItem),
    report:
      u.report_text !== null && u.report_submitted_on !== null && u.report_figures !== null
        ? {
            text: u.report_text,
            submittedOn: u.report_submitted_on,
            byName: u.report_by_name,
            figures: u.report_figures,
          }
        : null,
    returnedReason: u.status === 'rectifying' ? u.returned_reason : null,
    lookback:
      u.lookback_on !== null
        ? {
            on: u.lookback_on,
            note: u.lookback_note ?? '',
            byName: u.lookback_by_name,
            verdicts: parts.verdicts.map((v) => ({
              rectificationId: v.rectification_id,
              outcome: v.outcome,
              reason: v.reason,
              until: v.until,
            })),
          }
        : null,
    abilities: parts.abilities,
  };
}

/** One entry of the round's timeline. */
export function presentEvent(e: EventRow): InspectionEvent {
  return { at: iso(e.at), kind: e.kind, orgName: e.org_name, actorName: e.actor_name, note: e.note };
}

/** A round with its team, the units the caller may see in full, and its timeline. */
export function presentRoundDetail(
  r: RoundDetailRow,
  parts: {
    units: InspectionUnitDetail[];
    unitCount: number;
    team: {
      role: 'leader' | 'deputy' | 'member';
      name: string;
      title: string | null;
      person_id: number | null;
    }[];
    events: EventRow[];
    editable: boolean;
  },
): InspectionDetail {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    reportMonths: r.report_months,
    lookbackMonths: r.lookback_months,
    unitCount: parts.unitCount,
    version: r.version,
    focus: r.focus,
    team: parts.team.map((m) => ({ role: m.role, name: m.name, title: m.title, personId: m.person_id })),
    units: parts.units,
    events: parts.events.map(presentEvent),
    abilities: { edit: parts.editable },
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
  };
}
