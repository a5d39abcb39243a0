import {
  addDays,
  applyInspectionUnitTransition,
  evaluateInspectionRules,
  type InspectionUnitState,
  inspectionFigures,
  inspectionReportDue,
  inspectionUnitTransitions,
  isInspectionReportOverdue,
  toLocalDate,
} from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { itemOn } from './campaigns.ts';
import { generateCollege } from './generate.ts';
import type { CollegeData, DemoInspection, DemoRectification } from './types.ts';

const today = '2026-11-21';
const data = generateCollege({ scale: 1, today });
/** Other days of the year the demo may be opened on: what is planted does not hang on the season. */
const others = ['2026-03-05', '2026-07-20'].map((day) => generateCollege({ scale: 1, today: day }));
const all = [data, ...others];

const dayOf = (instant: string) => toLocalDate(new Date(instant));
const itemsOf = (college: CollegeData, round: DemoInspection, orgId?: number) =>
  college.rectifications.filter(
    (i) => i.inspectionId === round.id && (orgId === undefined || i.orgId === orgId),
  );

/** Where an item stood at the end of a day, as a unit's figures count it. */
const figureOf = (i: DemoRectification, day: string) => {
  const on = itemOn(i, day);
  return {
    status: on.status,
    overdue: (on.status === 'pending' || on.status === 'in_progress') && on.nextDue < day,
  };
};

/**
 * Replays a unit's steps (the round's timeline entries on it) through core's machine on their days, with what the
 * unit had then: the feedback's problems, the report, the items as they stood at the 回头看 and its verdicts.
 */
function replayUnit(college: CollegeData, round: DemoInspection, orgId: number): InspectionUnitState {
  const unit = round.units.find((u) => u.orgId === orgId)!;
  const items = itemsOf(college, round, orgId);
  let state: InspectionUnitState = {
    status: 'awaiting_feedback',
    feedbackOn: null,
    reportSubmittedOn: null,
    lookbackOn: null,
  };
  for (const e of round.events.filter((x) => x.orgId === orgId)) {
    expect(inspectionUnitTransitions).toContain(e.kind);
    const day = dayOf(e.at);
    const result = applyInspectionUnitTransition(
      state,
      e.kind as (typeof inspectionUnitTransitions)[number],
      {
        today: day,
        round: { startsOn: round.startsOn, reportMonths: round.reportMonths },
        feedbackOn: unit.feedbackOn ?? undefined,
        problems: items.map(() => ({})),
        report: unit.report?.text,
        lookbackOn: unit.lookback?.on,
        note: unit.lookback?.note,
        verdicts: unit.lookback?.verdicts,
        items: items.map((i) => ({ id: i.id, status: itemOn(i, addDays(day, -1)).status })),
      },
    );
    if (!result.ok)
      throw new Error(
        `round ${round.id} unit ${orgId}: ${e.kind} on ${day}: ${result.violations[0]!.message}`,
      );
    state = result.state;
  }
  return state;
}

function checkRounds(college: CollegeData) {
  const orgById = new Map(college.orgs.map((o) => [o.id, o]));
  const zzb = college.accounts.findIndex((a) => a.username === 'zzb') + 1;
  for (const round of college.inspections) {
    expect(round.team.filter((m) => m.role === 'leader')).toHaveLength(1);
    expect(round.endsOn >= round.startsOn).toBe(true);
    expect(dayOf(round.createdAt) < round.startsOn).toBe(true);
    const ats = round.events.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    expect(dayOf(ats.at(-1)!) < college.today).toBe(true);
    for (const unit of round.units) {
      const org = orgById.get(unit.orgId)!;
      // A 党总支 or a 直属党支部 of a 常规巡察.
      expect(org.type === 'general_branch' || orgById.get(org.parentId!)!.parentId === null).toBe(true);
      const state = replayUnit(college, round, unit.orgId);
      expect(state).toEqual({
        status: unit.status,
        feedbackOn: unit.feedbackOn,
        reportSubmittedOn: unit.report?.submittedOn ?? null,
        lookbackOn: unit.lookback?.on ?? null,
      });
      expect(unit.version).toBe(round.events.filter((e) => e.orgId === unit.orgId).length);
      const items = itemsOf(college, round, unit.orgId);
      expect(items.length).toBeGreaterThan(0);
      const due = inspectionReportDue(unit.feedbackOn!, round.reportMonths);
      for (const i of items) {
        // Opened by the 巡察办 on the feedback day, due with the report.
        expect(i).toMatchObject({
          source: 'inspection',
          sourceLabel: round.name,
          originalDeadline: due,
          createdBy: zzb,
        });
        expect(dayOf(i.createdAt)).toBe(unit.feedbackOn);
      }
      // The report's figures are counted from the items as they stood the day it came in.
      if (unit.report)
        expect(unit.report.figures).toEqual(
          inspectionFigures(items.map((i) => figureOf(i, unit.report!.submittedOn))),
        );
      // The 回头看 judges exactly the items closed before it; a 反弹 item is reopened that day by the 组织部.
      if (unit.lookback) {
        const closed = items.filter((i) => itemOn(i, addDays(unit.lookback!.on, -1)).status === 'closed');
        expect(unit.lookback.verdicts.map((v) => v.rectificationId).sort()).toEqual(
          closed.map((i) => i.id).sort(),
        );
        for (const v of unit.lookback.verdicts.filter((x) => x.outcome === 'rebound')) {
          const item = items.find((i) => i.id === v.rectificationId)!;
          const reopen = item.events.find((e) => e.kind === 'reopen')!;
          expect(reopen).toMatchObject({ actorId: zzb, until: v.until, fromStatus: 'closed' });
          expect(dayOf(reopen.at)).toBe(unit.lookback.on);
          expect(item.reopenCount).toBe(1);
        }
      }
    }
    expect(itemsOf(college, round).every((i) => round.units.some((u) => u.orgId === i.orgId))).toBe(true);
  }
}

describe('demo 巡察 rounds', () => {
  it.each(all.map((c) => [c.today, c] as const))(
    'on %s: every unit replays through core, its items are the feedback’s, its figures counted from them',
    (_, college) => {
      checkRounds(college);
    },
  );

  it.each(all.map((c) => [c.today, c] as const))(
    'on %s: a completed round (reports in, 回头看 done, one item reopened) and a current one',
    (_, college) => {
      const [past, current] = college.inspections;
      expect(college.inspections).toHaveLength(2);
      expect(past!.units.length).toBeGreaterThanOrEqual(3);
      expect(past!.units.every((u) => u.status === 'looked_back' && u.report !== null)).toBe(true);
      // About eight months ago.
      const feedback = past!.units[0]!.feedbackOn!;
      expect(feedback >= addDays(college.today, -270) && feedback <= addDays(college.today, -225)).toBe(true);
      // Each report was in within the two months.
      for (const u of past!.units)
        expect(u.report!.submittedOn <= inspectionReportDue(u.feedbackOn!, past!.reportMonths)).toBe(true);
      const rebound = past!.units.flatMap((u) => u.lookback!.verdicts).filter((v) => v.outcome === 'rebound');
      expect(rebound).toHaveLength(1);
      const item = college.rectifications.find((i) => i.id === rebound[0]!.rectificationId)!;
      expect(item).toMatchObject({ status: 'in_progress', reopenCount: 1 });
      expect(item.deadline > college.today).toBe(true);

      // The current round: zongzhi's 总支 rectifying, its report due within the week; another unit has reported.
      const zongzhi = college.accounts.find((a) => a.username === 'zongzhi')!.roles[0]!.orgId!;
      const own = current!.units.find((u) => u.orgId === zongzhi)!;
      expect(own.status).toBe('rectifying');
      const due = inspectionReportDue(own.feedbackOn!, current!.reportMonths);
      expect(due > college.today && due <= addDays(college.today, 7)).toBe(true);
      expect(isInspectionReportOverdue(own.status, due, college.today)).toBe(false);
      expect(current!.units.some((u) => u.status === 'reported')).toBe(true);
      expect(new Set(itemsOf(college, current!, zongzhi).map((i) => i.status)).size).toBeGreaterThanOrEqual(
        2,
      );
      // Its finding on first login: the report due within 7 days.
      const findings = evaluateInspectionRules(
        college.inspections.flatMap((r) =>
          r.units
            .filter((u) => u.feedbackOn !== null)
            .map((u) => ({
              roundId: r.id,
              roundName: r.name,
              org: { id: u.orgId, name: '' },
              status: u.status,
              feedbackOn: u.feedbackOn!,
              reportMonths: r.reportMonths,
              lookbackMonths: r.lookbackMonths,
            })),
        ),
        college.today,
      );
      expect(findings.filter((f) => f.orgId === zongzhi).map((f) => f.ruleId)).toEqual([
        'inspection.report_due_soon',
      ]);
      // Past and current units are different units (every unit once a term).
      const pastIds = new Set(past!.units.map((u) => u.orgId));
      expect(current!.units.some((u) => pastIds.has(u.orgId))).toBe(false);
    },
  );

  it('is deterministic', () => {
    const again = generateCollege({ scale: 1, today });
    expect(again.inspections).toEqual(data.inspections);
    expect(again.rectifications.filter((i) => i.inspectionId)).toEqual(
      data.rectifications.filter((i) => i.inspectionId),
    );
  });
});
