import {
  addDays,
  completedYears,
  isOverdue,
  isReminding,
  nextDue,
  type RecruitmentDueKind,
  recruitmentStepInfo,
  replaySteps,
} from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { historyStart } from './activities.ts';
import { generateCollege } from './generate.ts';
import { createRandom } from './random.ts';
import { applicantUsername, buildDemoRecruitment, demoRecruitmentFacts } from './recruitment.ts';
import type { DemoRecruit, DemoResolution } from './types.ts';

const today = '2026-11-21';
const data = generateCollege({ scale: 1, today });
const { recruits } = data;

/** Stage of an open dossier, or its outcome once closed. */
const bucketOf = (r: DemoRecruit): string =>
  r.state.outcome !== 'in_progress'
    ? r.state.outcome
    : r.state.currentStep
      ? recruitmentStepInfo[r.state.currentStep].stage
      : 'none';

const count = (pred: (r: DemoRecruit) => boolean): number => recruits.filter(pred).length;

/** Due items of every open dossier, today, as overdue / reminding per kind. */
function dueCounts(day: string) {
  const out = { overdue: new Map<RecruitmentDueKind, number>(), soon: new Map<RecruitmentDueKind, number>() };
  for (const r of recruits) {
    const facts = demoRecruitmentFacts(data.people, day, r.person.birthDate, r.leavesOn);
    for (const due of nextDue(r.state, facts, day)) {
      const bucket = isOverdue(due, day) ? out.overdue : isReminding(due, day) ? out.soon : null;
      bucket?.set(due.kind, (bucket.get(due.kind) ?? 0) + 1);
    }
  }
  return out;
}

describe('buildDemoRecruitment', () => {
  it('is deterministic and leaves the rest of the college as it was', () => {
    expect(generateCollege({ scale: 1, today }).recruits).toEqual(recruits);
    expect(buildDemoRecruitment(data, createRandom(9))).toEqual(buildDemoRecruitment(data, createRandom(9)));
    expect(generateCollege({ scale: 1, seed: 4, today }).recruits).not.toEqual(recruits);
    // The applicants are people of their own, after the roster's (and before those who left it).
    recruits.forEach((r, i) => {
      expect(r.id).toBe(i + 1);
      expect(r.person.id).toBe(data.people.length + i + 1);
    });
  });

  it('spreads ~150 dossiers over every stage, about 60 % students', () => {
    expect(recruits.length).toBeGreaterThanOrEqual(140);
    expect(recruits.length).toBeLessThanOrEqual(180);
    const ranges: Record<string, [number, number]> = {
      application: [40, 55],
      activist: [35, 48],
      candidate: [20, 32],
      admission: [8, 14],
      probation: [20, 32],
      confirmed: [8, 14],
      withdrawn: [2, 5],
      not_admitted: [1, 3],
    };
    for (const [bucket, [min, max]] of Object.entries(ranges)) {
      const n = count((r) => bucketOf(r) === bucket);
      expect(n, bucket).toBeGreaterThanOrEqual(min);
      expect(n, bucket).toBeLessThanOrEqual(max);
    }
    const students = count((r) => r.person.category === 'student') / recruits.length;
    expect(students).toBeGreaterThan(0.5);
    expect(students).toBeLessThan(0.7);
  });

  it('replays every dossier with core replaySteps to exactly its stored state', () => {
    for (const r of recruits) {
      const facts = demoRecruitmentFacts(data.people, today, r.person.birthDate, r.leavesOn);
      const replayed = replaySteps(
        r.events.map((e) => e.event),
        facts,
      );
      expect(replayed.refused, `dossier ${r.id}`).toBeNull();
      expect(replayed.state).toEqual(r.state);
      expect(r.state.lastDate! <= today).toBe(true);
      expect(completedYears(r.person.birthDate, r.state.appliedOn!)).toBeGreaterThanOrEqual(18);
    }
  });

  it('plants deadlines coming up and a few overdue', () => {
    const { overdue, soon } = dueCounts(today);
    expect(soon.get('talk') ?? 0).toBeGreaterThanOrEqual(5);
    expect(soon.get('activist_review') ?? 0).toBeGreaterThanOrEqual(4);
    expect(soon.get('probation_end') ?? 0).toBeGreaterThanOrEqual(2);
    expect(soon.get('admission_approval') ?? 0).toBeGreaterThanOrEqual(2);
    expect(overdue.get('talk')).toBeGreaterThanOrEqual(2);
    expect(overdue.get('talk')).toBeLessThanOrEqual(3);
    expect(overdue.get('activist_review')).toBeGreaterThanOrEqual(1);
    expect(overdue.get('activist_review')).toBeLessThanOrEqual(2);
    // The 预备期 that ended about two months ago with no 支部大会.
    const lapsed = recruits.filter(
      (r) =>
        r.state.outcome === 'in_progress' &&
        r.state.probationEndOn !== null &&
        r.state.probationEndOn <= addDays(today, -50) &&
        r.state.pendingDecision === null &&
        r.state.extensionMonths === null &&
        r.state.currentStep !== 'archiving',
    );
    expect(lapsed).toHaveLength(1);
  });

  it('puts admitted people on the roster and leaves applicants off it', () => {
    for (const r of recruits) {
      const s = r.state;
      const p = r.person;
      if (s.probationStartOn === null) {
        expect(p.partyStatus).toBeNull();
        expect(p.orgId).toBeNull();
        expect(p.joinedOn).toBeNull();
        continue;
      }
      expect(p.joinedOn).toBe(s.admissionResolutionOn);
      const branch = p.orgId === r.orgId || data.orgs[(p.orgId ?? 0) - 1]?.parentId === r.orgId;
      expect(branch).toBe(true);
      if (s.outcome === 'confirmed') {
        expect(p.partyStatus).toBe('full');
        expect(p.confirmedOn).toBe(s.confirmedOn);
      } else {
        expect(p.partyStatus).toBe('probationary');
        expect(p.confirmedOn).toBeNull();
      }
    }
    // Mentors and sponsors are full members of the dossier's own branch.
    for (const r of recruits)
      for (const id of [...r.state.mentorIds, ...r.state.sponsorIds]) {
        const m = data.people[id - 1]!;
        const org = data.orgs[m.orgId - 1]!;
        expect([org.id, org.parentId]).toContain(r.orgId);
      }
  });

  it('links a vote only to a closed 支部党员大会 of the branch on that day', () => {
    const linked = recruits.flatMap((r) => r.events.map((e) => ({ r, e }))).filter(({ e }) => e.activityId);
    expect(linked.length).toBeGreaterThan(5);
    for (const { r, e } of linked) {
      const a = data.activities[e.activityId! - 1]!;
      expect(a.kind).toBe('general_meeting');
      expect(a.status).toBe('closed');
      expect(a.orgId).toBe(r.orgId);
      expect(a.onDate).toBe(e.event.date);
    }
  });

  it('holds every vote since the platform went live at a 支部党员大会 of the branch that carries its resolution', () => {
    const from = historyStart(today);
    const rowsOf = new Map<number, number[]>();
    data.attendance.activityId.forEach((id, i) => {
      rowsOf.set(id, [...(rowsOf.get(id) ?? []), i]);
    });
    const linked = new Set<DemoResolution>();
    let votes = 0;
    for (const r of recruits)
      for (const { event: e, activityId } of r.events) {
        if (e.step !== 'admission_meeting' && e.step !== 'confirmation_meeting') continue;
        if (e.date < from) continue;
        votes += 1;
        const a = data.activities[(activityId ?? 0) - 1];
        expect(a, `${r.person.name} ${e.step} ${e.date}`).toBeDefined();
        expect([a!.kind, a!.status, a!.orgId, a!.onDate]).toEqual([
          'general_meeting',
          'closed',
          r.orgId,
          e.date,
        ]);
        const title =
          e.step === 'admission_meeting'
            ? `关于接收${r.person.name}同志为中共预备党员的决议`
            : e.decision === 'extend'
              ? `关于延长${r.person.name}同志预备期的决议`
              : `关于同意${r.person.name}同志按期转正的决议`;
        const resolution = data.resolutions.find((x) => x.activityId === a!.id && x.title === title);
        expect(resolution, title).toBeDefined();
        linked.add(resolution!);
        expect(resolution).toMatchObject({ isVote: true, outcome: 'passed', ...e.votes });
        // Only 正式党员 vote: the counts are the record's attendance of full members.
        const full = (rowsOf.get(a!.id) ?? []).filter((i) => data.attendance.partyStatus[i] === 'full');
        const present = full.filter((i) => data.attendance.status[i] === 'present');
        expect([e.votes.entitled, e.votes.presentEntitled]).toEqual([full.length, present.length]);
        expect(e.votes.votesFor + e.votes.votesAgainst + e.votes.abstentions).toBeLessThanOrEqual(
          present.length,
        );
      }
    expect(votes).toBeGreaterThan(30);
    // No record admits or confirms anyone without the dossier's step (nor before they joined, nor twice).
    const aboutMembers = data.resolutions.filter((x) => /^关于(接收|同意|延长).+同志/.test(x.title));
    expect(aboutMembers.filter((x) => !linked.has(x)).map((x) => x.title)).toEqual([]);
  });

  it('gives zhibu a handful of dossiers and shenqing an activist due for review within 30 days', () => {
    const zhibuBranch = data.cases['term.overdue'];
    expect(data.orgs[zhibuBranch - 1]?.name).toBe('信息工程学院软件教工党支部');
    const own = recruits.filter((r) => r.orgId === zhibuBranch);
    expect(new Set(own.map(bucketOf)).size).toBeGreaterThanOrEqual(4);
    const account = data.accounts.find((a) => a.username === applicantUsername);
    expect(account?.roles).toEqual([{ role: 'member', orgId: null }]);
    const dossier = recruits.find((r) => r.person.id === account?.personId);
    expect(dossier?.orgId).toBe(zhibuBranch);
    expect(dossier && bucketOf(dossier)).toBe('activist');
    const facts = demoRecruitmentFacts(data.people, today, dossier!.person.birthDate, null);
    const [next] = nextDue(dossier!.state, facts, today);
    expect(next?.kind).toBe('activist_review');
    expect(next && isReminding(next, today) && !isOverdue(next, today)).toBe(true);
    expect(next!.dueOn <= addDays(today, 30)).toBe(true);
  });

  it('gives every unit a staff headcount and every 二级学院 students, ~12,000 in all', () => {
    for (const u of data.units) expect(u.staffCount).toBeGreaterThan(0);
    const students = data.units.reduce((sum, u) => sum + (u.studentCount ?? 0), 0);
    expect(students).toBeGreaterThan(10_000);
    expect(students).toBeLessThan(14_000);
    expect(data.units.filter((u) => u.kind === 'college').every((u) => (u.studentCount ?? 0) > 0)).toBe(true);
  });
});
