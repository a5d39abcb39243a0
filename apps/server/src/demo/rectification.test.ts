import {
  addDays,
  applyRectificationTransition,
  defaultRuleSettings,
  evaluateOrgRules,
  findingKey,
  isRectificationOverdue,
  type RectificationState,
  type RectificationTransition,
  rectificationSources,
  rectificationStatuses,
  rectificationTransitions,
  toLocalDate,
} from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { buildRuleFacts } from './facts.ts';
import { generateCollege } from './generate.ts';
import { createRandom } from './random.ts';
import {
  buildDemoRectifications,
  demoVerifierOrg,
  firstEvaluationDaysAgo,
  milestonesOn,
} from './rectification.ts';
import type { CollegeData, DemoRectification } from './types.ts';

const today = '2026-11-21';
const data = generateCollege({ scale: 1, today });
/** Other days of the year the demo may be opened on: what is planted does not hang on the season. */
const others = ['2026-03-05', '2026-07-20'].map((day) => generateCollege({ scale: 1, today: day }));

const dayOf = (instant: string) => toLocalDate(new Date(instant));
const isTransition = (kind: string): kind is RectificationTransition =>
  (rectificationTransitions as readonly string[]).includes(kind);

/**
 * Replays an item's timeline through core's state machine from its opening: every step is accepted on its day with
 * what the item had then (its measures and result, the evidence linked before, the milestones done by then), moves
 * the status the entry says, and the last state is the item's.
 */
function replay(r: DemoRectification): RectificationState {
  const [created, ...rest] = r.events;
  expect(created).toMatchObject({ kind: 'created', toStatus: 'pending', until: r.originalDeadline });
  let state: RectificationState = {
    status: 'pending',
    deadline: created!.until!,
    originalDeadline: created!.until!,
    extensions: 0,
    extensionRequest: null,
    milestones: [],
    reopenCount: 0,
  };
  let evidence = 0;
  for (const e of rest) {
    if (e.kind === 'evidence_added') {
      expect(['pending', 'in_progress']).toContain(state.status);
      evidence++;
      continue;
    }
    if (!isTransition(e.kind)) continue;
    const day = dayOf(e.at);
    const result = applyRectificationTransition(
      { ...state, milestones: milestonesOn(r.milestones, day) },
      e.kind,
      {
        today: day,
        measures: r.measures,
        result: r.result,
        evidenceCount: evidence,
        reason: e.note ?? undefined,
        until: e.until ?? undefined,
      },
    );
    if (!result.ok)
      throw new Error(`item ${r.id}: ${e.kind} on ${day}: ${JSON.stringify(result.violations)}`);
    expect([e.fromStatus, e.toStatus], `item ${r.id} ${e.kind}`).toEqual([state.status, result.state.status]);
    state = result.state;
  }
  return state;
}

function checkItems(college: CollegeData) {
  const { rectifications: items, today: on } = college;
  const orgById = new Map(college.orgs.map((o) => [o.id, o]));
  const people = new Map(college.people.map((p) => [p.id, p]));
  const keys = new Set<string>();
  items.forEach((r, i) => {
    expect(r.id).toBe(i + 1);
    // The timeline: in order, before today, and the item's state is where it leads.
    const ats = r.events.map((e) => new Date(e.at).getTime());
    expect(ats, `item ${r.id}`).toEqual([...ats].sort((a, b) => a - b));
    expect(new Set(ats).size).toBe(ats.length);
    expect(dayOf(r.events.at(-1)!.at) < on, `item ${r.id} acts before today`).toBe(true);
    expect(r.createdAt).toBe(r.events[0]!.at);
    expect(r.updatedAt).toBe(r.events.at(-1)!.at);
    expect(r.version).toBe(r.events.length - 1);
    const state = replay(r);
    expect({ ...state, milestones: r.milestones }).toEqual({
      status: r.status,
      deadline: r.deadline,
      originalDeadline: r.originalDeadline,
      extensions: r.extensions,
      extensionRequest: r.extensionRequest,
      milestones: r.milestones,
      reopenCount: r.reopenCount,
    });
    const lastOf = (kind: string) => r.events.findLast((e) => e.kind === kind)?.at ?? null;
    expect(r.submittedAt).toBe(r.status === 'submitted' || r.status === 'closed' ? lastOf('submit') : null);
    expect(r.closedAt).toBe(r.status === 'closed' ? lastOf('verify') : null);
    for (const m of r.milestones) {
      expect(m.dueOn <= r.originalDeadline).toBe(true);
      if (m.doneOn) expect(m.doneOn < on && m.doneOn > dayOf(r.createdAt)).toBe(true);
    }

    // A real org below the 党委 that may rectify; a 责任人 of it.
    const org = orgById.get(r.orgId);
    expect(org, `item ${r.id}`).toBeDefined();
    expect(['committee', 'group']).not.toContain(org!.type);
    if (r.responsiblePersonId !== null) {
      const person = people.get(r.responsiblePersonId)!;
      expect(orgById.get(person.orgId)!.path.startsWith(org!.path), `item ${r.id} 责任人`).toBe(true);
    }

    // Evidence: records of the item's org, held after the problem was raised, linked before it was submitted.
    const submitted = r.events.find((e) => e.kind === 'submit')?.at;
    if (r.status === 'submitted' || r.status === 'closed') expect(r.evidence.length).toBeGreaterThan(0);
    for (const e of r.evidence) {
      const added = dayOf(e.addedAt);
      if (submitted) expect(e.addedAt < submitted).toBe(true);
      if (e.kind === 'activity') {
        const a = college.activities[e.recordId - 1]!;
        expect(a.id).toBe(e.recordId);
        expect([a.orgId, a.status]).toEqual([r.orgId, 'closed']);
        expect(a.onDate > dayOf(r.createdAt) && a.onDate <= added, `item ${r.id} evidence`).toBe(true);
      } else {
        const t = college.terms.find((x) => x.id === e.recordId)!;
        expect(t.orgId).toBe(r.orgId);
        expect(t.startDate > dayOf(r.createdAt) && t.startDate <= added).toBe(true);
      }
    }

    // The source: the record checked or the meeting that raised it, before the item was opened.
    if (r.source === 'supervision_check') {
      const review = college.reviews.find((v) => v.activityId === r.activityId)!;
      expect(review.rating).not.toBe('standard');
      expect(college.activities[r.activityId! - 1]!.orgId).toBe(r.orgId);
      expect(dayOf(review.reviewedAt) < dayOf(r.createdAt)).toBe(true);
    }
    if (r.source === 'life_meeting') {
      const meeting = college.activities[r.activityId! - 1]!;
      expect([meeting.orgId, meeting.kind, meeting.status]).toEqual([r.orgId, 'review_meeting', 'closed']);
      expect(meeting.onDate < dayOf(r.createdAt)).toBe(true);
    }
    if (r.source === 'finding') {
      expect(r.findingKey).not.toBeNull();
      expect(['pending', 'in_progress']).toContain(r.status);
      keys.add(r.findingKey!);
    } else expect(r.findingKey).toBeNull();
  });

  // Items from findings: from org findings the college had at its first evaluation and still has, one item each,
  // opened after that evaluation.
  const findings = (day: string) => {
    const facts = buildRuleFacts(college, day);
    return new Set(evaluateOrgRules(facts.orgs, facts.units, defaultRuleSettings, day).map(findingKey));
  };
  const [now, then] = [findings(on), findings(addDays(on, -firstEvaluationDaysAgo))];
  for (const key of keys) expect(now.has(key) && then.has(key), key).toBe(true);
  const fromFindings = items.filter((r) => r.source === 'finding');
  expect(fromFindings).toHaveLength(keys.size);
  for (const r of fromFindings) expect(dayOf(r.createdAt) > addDays(on, -firstEvaluationDaysAgo)).toBe(true);
}

describe('buildDemoRectifications', () => {
  it('is deterministic', () => {
    expect(buildDemoRectifications(data, createRandom(3))).toEqual(
      buildDemoRectifications(data, createRandom(3)),
    );
  });

  it.each([data, ...others].map((c) => [c.today, c] as const))(
    'on %s: every item replays to its state through core, at a real org, with evidence of that org',
    (_, college) => {
      checkItems(college);
    },
  );

  it('has about a hundred items of every source and state, some overdue, one extended twice, one reopened', () => {
    for (const college of [data, ...others]) {
      const items = college.rectifications;
      expect(items.length).toBeGreaterThanOrEqual(80);
      expect(items.length).toBeLessThanOrEqual(170); // with the problems of the 问题清单 rounds (campaigns.ts)
      for (const source of ['finding', 'supervision_check', 'life_meeting', 'upper_check', 'manual'] as const)
        expect(
          items.some((r) => r.source === source),
          source,
        ).toBe(true);
      expect(items.every((r) => (rectificationSources as readonly string[]).includes(r.source))).toBe(true);
      for (const status of rectificationStatuses)
        expect(
          items.some((r) => r.status === status),
          status,
        ).toBe(true);
      const overdue = items.filter((r) => isRectificationOverdue({ ...r }, college.today));
      expect(overdue.length).toBeGreaterThanOrEqual(2);
      expect(items.filter((r) => r.extensions >= 2).length).toBeGreaterThanOrEqual(1);
      expect(
        items.filter((r) => r.reopenCount > 0 && r.status === 'in_progress').length,
      ).toBeGreaterThanOrEqual(1);
      expect(items.some((r) => r.milestones.length > 0)).toBe(true);
      // Closed with the records that prove it: a meeting held later, a term recorded.
      const closed = items.filter((r) => r.status === 'closed');
      expect(closed.some((r) => r.evidence.some((e) => e.kind === 'activity'))).toBe(true);
      expect(closed.some((r) => r.evidence.some((e) => e.kind === 'term'))).toBe(true);
    }
  });

  it('plants for zhibu a pending item from its finding and an item the 总支 returned', () => {
    for (const college of [data, ...others]) {
      const zhibu = college.cases['term.overdue'];
      const own = college.rectifications.filter((r) => r.orgId === zhibu);
      const fromFinding = own.filter((r) => r.source === 'finding');
      expect(fromFinding).toHaveLength(1);
      expect(fromFinding[0]).toMatchObject({ status: 'pending', findingKey: `term.overdue:${zhibu}:-:-` });
      // Not within the week: no alert of its own on the branch (it quotes 届期已满未换届, which the e2e flow resolves).
      expect(fromFinding[0]!.deadline > addDays(college.today, 7)).toBe(true);
      const returned = own.filter(
        (r) =>
          r.status === 'in_progress' &&
          r.events.findLast((e) => ['submit', 'return', 'start', 'verify', 'reopen'].includes(e.kind))
            ?.kind === 'return',
      );
      expect(returned.length).toBeGreaterThanOrEqual(1);
      const zhibuAccount = college.accounts.findIndex((a) => a.username === 'zhibu') + 1;
      expect(returned[0]!.events.find((e) => e.kind === 'submit')!.actorId).toBe(zhibuAccount);
    }
  });

  it("plants for zongzhi its branches' items waiting for its 销号 (one for over 14 days), an extension to decide", () => {
    for (const college of [data, ...others]) {
      const zongzhi = college.accounts.find((a) => a.username === 'zongzhi')!.roles[0]!.orgId!;
      const account = college.accounts.findIndex((a) => a.username === 'zongzhi') + 1;
      const orgById = new Map(college.orgs.map((o) => [o.id, o]));
      const below = college.rectifications.filter(
        (r) => demoVerifierOrg(orgById, orgById.get(r.orgId)!).id === zongzhi,
      );
      const waiting = below.filter((r) => r.status === 'submitted');
      expect(waiting.length).toBeGreaterThanOrEqual(3);
      expect(waiting.some((r) => dayOf(r.submittedAt!) <= addDays(college.today, -14))).toBe(true);
      expect(below.some((r) => r.extensionRequest !== null)).toBe(true);
      expect(below.some((r) => r.extensions >= 2)).toBe(true);
      const reopened = below.find((r) => r.reopenCount > 0)!;
      expect(reopened.events.find((e) => e.kind === 'reopen')!.actorId).toBe(account);
      // The 总支's own item waits for the 组织部.
      expect(college.rectifications.some((r) => r.orgId === zongzhi && r.status === 'submitted')).toBe(true);
      // zhibu's branch lies under zongzhi's 总支: an item zhibu submitted waits for zongzhi's 销号.
      const zhibuOrg = college.cases['term.overdue'];
      const zhibu = college.accounts.findIndex((a) => a.username === 'zhibu') + 1;
      expect(orgById.get(zhibuOrg)!.parentId).toBe(zongzhi);
      expect(
        waiting.some(
          (r) => r.orgId === zhibuOrg && r.events.findLast((e) => e.kind === 'submit')?.actorId === zhibu,
        ),
      ).toBe(true);
    }
  });
});
