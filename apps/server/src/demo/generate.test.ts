import {
  addMonths,
  canContain,
  checkMemberRecord,
  defaultRuleSettings,
  evaluateOrgRules,
  isBranchType,
  type MemberRecord,
  type OrgRuleId,
  orgRuleIds,
  teamPosts,
} from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { buildRuleFacts, isActiveOn } from './facts.ts';
import { generateCollege } from './generate.ts';
import { graduationYear } from './personal.ts';
import type { CollegeData, DemoOrg } from './types.ts';

const today = '2026-11-21';
const scale1 = generateCollege({ scale: 1, today });

function findingsOf(data: CollegeData, on = data.today) {
  const facts = buildRuleFacts(data, on);
  return evaluateOrgRules(facts.orgs, facts.units, defaultRuleSettings, on);
}

function countByRule(data: CollegeData): Partial<Record<OrgRuleId, number>> {
  const out: Partial<Record<OrgRuleId, number>> = {};
  for (const f of findingsOf(data)) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

function expectUnique(values: readonly string[]): void {
  const duplicates = values.filter((v, i) => values.indexOf(v) !== i);
  expect(duplicates).toEqual([]);
}

describe('generateCollege', () => {
  it('is deterministic: same seed, scale and today give the same data', () => {
    expect(generateCollege({ scale: 1, today })).toEqual(scale1);
    expect(generateCollege({ scale: 2, seed: 7, today })).toEqual(
      generateCollege({ scale: 2, seed: 7, today }),
    );
  });

  it('changes the people with the seed but keeps the shape', () => {
    const other = generateCollege({ scale: 1, seed: 99, today });
    expect(other.people.map((p) => p.name)).not.toEqual(scale1.people.map((p) => p.name));
    expect(other.orgs.filter((o) => o.type !== 'group').map((o) => o.name)).toEqual(
      scale1.orgs.filter((o) => o.type !== 'group').map((o) => o.name),
    );
  });

  it('rejects a malformed today', () => {
    expect(() => generateCollege({ scale: 1, today: '2026-13-01' })).toThrow();
  });

  it('builds a college of about 1,200 members and 40 branches at scale 1', () => {
    expect(scale1.people.length).toBeGreaterThanOrEqual(1020);
    expect(scale1.people.length).toBeLessThanOrEqual(1380);
    const branches = scale1.orgs.filter((o) => isBranchType(o.type));
    expect(branches.length).toBeGreaterThanOrEqual(36);
    expect(branches.length).toBeLessThanOrEqual(46);
    expect(scale1.orgs.filter((o) => o.type === 'joint_branch').length).toBeGreaterThanOrEqual(1);
    expect(scale1.orgs.filter((o) => o.type === 'group').length).toBeGreaterThan(0);
    expect(scale1.units.filter((u) => u.kind === 'college')).toHaveLength(8);
  });

  it('has one 党委 at the root and consistent paths, depths and child types', () => {
    const roots = scale1.orgs.filter((o) => o.parentId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ id: 1, type: 'committee', path: '/1/', depth: 0 });
    expect(roots[0]?.name).toBe('中共滨江职业技术学院委员会');
    const byId = new Map(scale1.orgs.map((o) => [o.id, o]));
    scale1.orgs.forEach((org, i) => {
      expect(org.id).toBe(i + 1);
      const parent = org.parentId === null ? null : byId.get(org.parentId);
      if (org.parentId !== null) expect(parent).toBeDefined();
      expect(org.path).toBe(`${parent?.path ?? '/'}${org.id}/`);
      expect(org.depth).toBe(parent ? parent.depth + 1 : 0);
      expect(canContain(parent?.type ?? null, org.type)).toBe(true);
    });
  });

  it('gives every person a branch or 党小组 and consistent party dates', () => {
    const byId = new Map(scale1.orgs.map((o) => [o.id, o]));
    for (const p of scale1.people) {
      const org = byId.get(p.orgId);
      expect(org && (isBranchType(org.type) || org.type === 'group')).toBe(true);
      expect(p.joinedOn <= today).toBe(true);
      expect(p.birthDate < addMonths(p.joinedOn, -18 * 12)).toBe(true);
      if (p.partyStatus === 'full') {
        expect(p.confirmedOn).toBe(addMonths(p.joinedOn, 12));
        expect((p.confirmedOn ?? '') <= today).toBe(true);
      } else {
        expect(p.confirmedOn).toBeNull();
        expect(p.joinedOn > addMonths(today, -12)).toBe(true);
      }
      // Staff are full members, except the young colleague in the branch planted with too few full members.
      if (p.category !== 'student' && p.orgId !== scale1.cases['branch.min_full_members'])
        expect(p.partyStatus).toBe('full');
    }
    const students = scale1.people.filter((p) => p.category === 'student');
    expect(students.filter((p) => p.partyStatus === 'probationary').length).toBeGreaterThan(
      students.length / 2,
    );
  });

  it('gives everyone a record that passes the member rules, with unique valid ID numbers', () => {
    for (const p of scale1.people) {
      const record: MemberRecord = { ...p };
      expect(checkMemberRecord(record, today), `${p.name} (${p.id})`).toEqual([]);
      expect(p.phone).toMatch(/^1\d{10}$/);
      if (p.category === 'student') expect(p.majorId).not.toBeNull();
    }
    expectUnique(scale1.people.map((p) => p.idNumber ?? ''));
  });

  it('has transfers under way: one letter with its receipt overdue, one fresh, one internal request', () => {
    const open = scale1.transfers.filter((t) => t.status !== 'completed');
    expect(open).toHaveLength(3);
    const [overdue, fresh, internal] = open;
    expect(overdue).toMatchObject({ kind: 'outgoing', status: 'issued' });
    expect(overdue!.expiresOn! < today).toBe(true);
    expect(fresh!.expiresOn! >= today).toBe(true);
    expect(internal).toMatchObject({ kind: 'internal', status: 'requested' });
    const people = new Map(scale1.people.map((p) => [p.id, p]));
    for (const t of open) {
      expect(people.get(t.personId)?.partyStatus).toBe('full');
      // The sending org is where the member is placed (a branch or its 党小组), as the service records it.
      expect(t.fromOrgId).toBe(people.get(t.personId)?.orgId);
    }
  });

  it('remembers who left the roster in the last year, each as the platform records the leaving', () => {
    const { leavers } = scale1;
    const byId = new Map(scale1.orgs.map((o) => [o.id, o]));
    const year = graduationYear(today);
    const firstId = scale1.people.length + scale1.recruits.length + 1;
    expect(leavers.map((p) => p.id)).toEqual(leavers.map((_, i) => firstId + i));
    expectUnique(
      [...scale1.people, ...leavers, ...scale1.recruits.map((r) => r.person)].map((p) => p.idNumber ?? ''),
    );
    const transferOf = new Map(scale1.transfers.map((t) => [t.personId, t]));
    for (const p of leavers) {
      const { status, leftOn, leaveNote, events, ...record } = p;
      // Their record as it was when they left passes the member rules; they left within the year.
      expect(checkMemberRecord(record, leftOn), `${p.name} (${p.id})`).toEqual([]);
      expect(checkMemberRecord(record, today)).toEqual([]);
      const org = byId.get(p.orgId);
      expect(org && (isBranchType(org.type) || org.type === 'group')).toBe(true);
      expect(leftOn > addMonths(today, -12) && leftOn < today).toBe(true);
      expect(p.joinedOn < leftOn).toBe(true);
      if (p.partyStatus === 'full') expect(p.confirmedOn! <= leftOn).toBe(true);
      else expect(addMonths(p.joinedOn, 12) > leftOn).toBe(true);
      if (status === 'deceased') {
        expect(p.category).toBe('retired');
        expect(events).toEqual([expect.objectContaining({ kind: 'left', on: leftOn })]);
        expect(events[0]!.summary).toBe(`死亡，离开在册名单（${leaveNote}）`);
        continue;
      }
      // 转出本校: the letter issued the day they left, its 回执 back, the transfers module's two entries.
      expect(status).toBe('transferred_out');
      const t = transferOf.get(p.id);
      expect(t).toMatchObject({
        kind: 'outgoing',
        status: 'completed',
        fromOrgId: p.orgId,
        issuedOn: leftOn,
      });
      expect(t!.receiptOn! >= leftOn && t!.receiptOn! <= today).toBe(true);
      expect(leaveNote).toBe(`组织关系转往${t!.externalOrgName}（介绍信第${t!.letterNumber}号）`);
      expect(events.map((e) => [e.kind, e.on, e.details?.transferId])).toEqual([
        ['transfer_requested', leftOn, t!.id],
        ['transferred_out', leftOn, t!.id],
      ]);
      if (p.category === 'student') {
        expect(leftOn >= `${year}-06-19` && leftOn <= `${year}-07-08`).toBe(true);
        expect(p.grade).toBe(String(year - 3));
        expect(byId.get(p.orgId)?.category).toBe('student');
      }
    }
    const graduates = leavers.filter((p) => p.category === 'student');
    expect(graduates.filter((p) => p.partyStatus === 'probationary').length).toBeGreaterThan(
      graduates.length / 4,
    );
    expect(graduates.filter((p) => p.partyStatus === 'full').length).toBeGreaterThan(graduates.length / 4);
    expect(leavers.some((p) => p.category === 'staff')).toBe(true);
    expect(leavers.some((p) => p.status === 'deceased')).toBe(true);
    // Nobody who left holds a post, and no student still on the roster is of a grade that has graduated.
    const left = new Set(leavers.map((p) => p.id));
    expect(scale1.appointments.filter((a) => left.has(a.personId))).toEqual([]);
    for (const p of scale1.people)
      if (p.category === 'student') expect(Number(p.grade)).toBeGreaterThanOrEqual(year - 2);
    // Letters are numbered per year in the order of their days, the completed ones before today's.
    const letters = scale1.transfers.filter((t) => t.kind === 'outgoing');
    expectUnique(letters.map((t) => t.letterNumber ?? ''));
    const sorted = [...letters].sort((a, b) => a.letterNumber!.localeCompare(b.letterNumber!));
    expect(sorted.map((t) => t.issuedOn)).toEqual(letters.map((t) => t.issuedOn).sort());
    expect(scale1.transfers.map((t) => t.id)).toEqual(scale1.transfers.map((_, i) => i + 1));
  });

  it('keeps the roster about level: a year ago it held about as many members as today', () => {
    for (const data of [scale1, generateCollege({ scale: 3, today: '2027-03-02' })]) {
      const everyone = [
        ...data.people.map((p) => ({ ...p, leftOn: null })),
        ...data.leavers,
        ...data.recruits.map((r) => ({ ...r.person, leftOn: null })),
      ];
      // As the overview rebuilds it (overview/repo.ts membersOn): joined by the day, not yet left.
      const on = (day: string) =>
        everyone.filter(
          (p) =>
            p.partyStatus !== null &&
            p.joinedOn !== null &&
            p.joinedOn <= day &&
            (p.leftOn === null || p.leftOn > day),
        ).length;
      const now = on(data.today);
      const then = on(addMonths(data.today, -12));
      expect(then / now).toBeGreaterThan(0.9);
      expect(then / now).toBeLessThan(1.1);
    }
    expect(generateCollege({ scale: 3, today }).leavers.length).toBeGreaterThan(2.5 * scale1.leavers.length);
  });

  it('staffs every team with full members of the org or its subtree', () => {
    const byId = new Map(scale1.orgs.map((o) => [o.id, o]));
    const personById = new Map(scale1.people.map((p) => [p.id, p]));
    const termById = new Map(scale1.terms.map((t) => [t.id, t]));
    for (const a of scale1.appointments) {
      const org = byId.get(a.orgId) as DemoOrg;
      const person = personById.get(a.personId);
      const home = person ? byId.get(person.orgId) : undefined;
      expect(person?.partyStatus).toBe('full');
      expect(home?.path.startsWith(org.path)).toBe(true);
      expect(a.startDate <= (a.endDate ?? a.startDate)).toBe(true);
      if (a.termId === null) {
        expect(['group_leader', 'organiser']).toContain(a.post);
        if (a.post === 'group_leader') expect(org.type).toBe('group');
        if (a.post === 'organiser') expect(org.type).toBe('general_branch');
      } else {
        const term = termById.get(a.termId);
        expect(term?.orgId).toBe(a.orgId);
        expect((teamPosts as readonly string[]).includes(a.post)).toBe(true);
        if (term && a.endDate === null) expect(a.startDate >= term.startDate).toBe(true);
      }
    }
  });

  it('gives every 党小组 a leader and every 党委, 党总支 and branch a current term (but the new one)', () => {
    const leaders = new Set(scale1.appointments.filter((a) => a.post === 'group_leader').map((a) => a.orgId));
    const current = new Set(
      scale1.terms.filter((t) => t.startDate <= today && t.actualEndDate === null).map((t) => t.orgId),
    );
    for (const org of scale1.orgs) {
      if (org.type === 'group') expect(leaders.has(org.id)).toBe(true);
      else expect(current.has(org.id)).toBe(org.id !== scale1.cases['term.missing']);
    }
    for (const t of scale1.terms) {
      expect(t.plannedEndDate > t.startDate).toBe(true);
      if (t.actualEndDate !== null) {
        const next = scale1.terms.find((n) => n.orgId === t.orgId && n.number === t.number + 1);
        expect(next && t.actualEndDate < next.startDate).toBe(true);
      }
    }
  });

  it('keeps names and usernames unique, also at scale 3', () => {
    const scale3 = generateCollege({ scale: 3, today });
    for (const data of [scale1, scale3]) {
      expectUnique(data.orgs.map((o) => o.name));
      expectUnique(data.units.map((u) => u.name));
      expectUnique(data.majors.map((m) => m.name));
      expectUnique(data.accounts.map((a) => a.username.toLowerCase()));
    }
    expect(scale3.orgs.filter((o) => isBranchType(o.type)).length).toBe(
      3 * scale1.orgs.filter((o) => isBranchType(o.type)).length,
    );
  });

  it('links the demo accounts to the right people and orgs', () => {
    const account = (username: string) => scale1.accounts.find((a) => a.username === username);
    const overdue = scale1.cases['term.overdue'];
    const secretaryOf = (orgId: number) =>
      scale1.appointments.find((a) => a.orgId === orgId && a.post === 'secretary' && a.endDate === null)
        ?.personId;
    expect(account('admin')?.roles.map((r) => r.role)).toEqual(['sys_admin', 'org_admin']);
    expect(account('zhibu')?.roles).toEqual([{ role: 'branch_secretary', orgId: overdue }]);
    expect(account('zhibu')?.personId).toBe(secretaryOf(overdue));
    const zongzhi = account('zongzhi');
    expect(zongzhi?.personId).toBe(secretaryOf(zongzhi?.roles[0]?.orgId ?? 0));
    const member = scale1.people.find((p) => p.id === account('dangyuan')?.personId);
    const branch = scale1.orgs.find((o) => o.id === overdue);
    const home = scale1.orgs.find((o) => o.id === member?.orgId);
    expect(branch && home?.path.startsWith(branch.path)).toBe(true);
    expect(scale1.appointments.some((a) => a.personId === member?.id)).toBe(false);
    expect(branch?.category).toBe('staff');
  });

  it('fires every org rule at least once on today, with few findings in all', () => {
    const findings = findingsOf(scale1);
    const byRule = countByRule(scale1);
    for (const id of orgRuleIds) expect(byRule[id], id).toBeGreaterThanOrEqual(1);
    expect(findings.length).toBeGreaterThanOrEqual(8);
    expect(findings.length).toBeLessThanOrEqual(40);
    // Each rule case sits on the org the generator says it does.
    for (const id of orgRuleIds)
      expect(findings.some((f) => f.ruleId === id && f.orgId === scale1.cases[id])).toBe(true);
  });

  it('keeps the rule cases live for another today and seed, and at scale 10', () => {
    const other = generateCollege({ scale: 1, seed: 12345, today: '2031-02-28' });
    const scale10 = generateCollege({ scale: 10, today });
    for (const data of [other, scale10]) {
      const byRule = countByRule(data);
      for (const id of orgRuleIds) expect(byRule[id], id).toBeGreaterThanOrEqual(1);
      expect(findingsOf(data).length).toBeLessThanOrEqual(40);
    }
    expect(scale10.people.length).toBeGreaterThan(10_000);
    expect(scale10.orgs.filter((o) => isBranchType(o.type)).length).toBeGreaterThanOrEqual(360);
  });

  it('clears the overdue finding once a new term is entered', () => {
    const overdue = scale1.cases['term.overdue'];
    const number = Math.max(...scale1.terms.filter((t) => t.orgId === overdue).map((t) => t.number));
    const terms = scale1.terms.map((t) =>
      t.orgId === overdue && t.actualEndDate === null ? { ...t, actualEndDate: today } : t,
    );
    terms.push({
      id: terms.length + 1,
      orgId: overdue,
      number: number + 1,
      teamKind: 'committee',
      startDate: today,
      plannedEndDate: addMonths(today, 36),
      actualEndDate: null,
      electedOn: today,
      electionRequestedOn: null,
      postponedTo: null,
      postponementApprovedOn: null,
    });
    const old = scale1.appointments.filter(
      (a) => a.orgId === overdue && a.termId !== null && isActiveOn(a, today),
    );
    const appointments = [
      ...scale1.appointments,
      ...old.map((a, i) => ({
        ...a,
        id: scale1.appointments.length + i + 1,
        termId: terms.length,
        startDate: today,
      })),
    ];
    const findings = findingsOf({ ...scale1, terms, appointments });
    expect(findings.filter((f) => f.orgId === overdue)).toEqual([]);
  });
});
