import { activityKinds, addDays, addMonths, canHoldActivity, isBranchType } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { buildDemoActivities } from './activities.ts';
import { defaultDemoSeed, generateCollege } from './generate.ts';
import { createRandom } from './random.ts';
import type { DemoActivity } from './types.ts';

const today = '2026-11-21';
const data = generateCollege({ scale: 1, today });
const { activities, attendance: att, resolutions, reviews } = data;
const activityById = (id: number): DemoActivity => {
  const a = activities[id - 1];
  if (!a || a.id !== id) throw new Error(`activity ${id} missing`);
  return a;
};
const monthKey = (date: string) => date.slice(0, 7);

/** Attendance row indexes of each activity. */
const rowsOf = new Map<number, number[]>();
att.activityId.forEach((id, i) => {
  const rows = rowsOf.get(id);
  if (rows) rows.push(i);
  else rowsOf.set(id, [i]);
});

describe('buildDemoActivities', () => {
  it('is deterministic: the same college and stream give the same records', () => {
    expect(buildDemoActivities(data, createRandom(5))).toEqual(buildDemoActivities(data, createRandom(5)));
    expect(generateCollege({ scale: 1, today }).activities).toEqual(activities);
  });

  it('produces two years of records of every kind, at orgs that may hold them', () => {
    expect(activities.length).toBeGreaterThan(4000);
    expect(att.personId.length).toBeGreaterThan(40_000);
    activities.forEach((a, i) => {
      expect(a.id).toBe(i + 1);
      const org = data.orgs[a.orgId - 1];
      expect(org && canHoldActivity(org.type, a.kind)).toBe(true);
    });
    const kinds = new Set(activities.map((a) => a.kind));
    expect([...kinds].sort()).toEqual([...activityKinds].sort());
    for (const column of Object.values(att)) expect(column).toHaveLength(att.personId.length);
  });

  it('keeps dates within the two years and the coming 14 days, on Shanghai local days, only planned ones after today', () => {
    const from = addMonths(today, -24);
    for (const a of activities) {
      expect(a.onDate >= from).toBe(true);
      expect(monthKey(a.onDate) === monthKey(today) || a.onDate <= addDays(today, 14)).toBe(true);
      expect(a.startsAt.slice(0, 10)).toBe(a.onDate);
      expect(a.startsAt.endsWith('+08:00')).toBe(true);
      expect(new Date(a.endsAt).getTime()).toBeGreaterThan(new Date(a.startsAt).getTime());
      if (a.onDate >= today) expect(['planned', 'published']).toContain(a.status);
      expect(a.status === 'closed').toBe(a.closedAt !== null);
      if (a.closedAt !== null) expect(a.closedAt.slice(0, 10) < today).toBe(true);
      if (a.noticePublishedAt !== null) expect(a.noticePublishedAt.slice(0, 10) < today).toBe(true);
      expect(a.signInSecret).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(activities.some((a) => a.status === 'planned')).toBe(true);
    expect(activities.some((a) => a.status === 'published')).toBe(true);
  });

  it('gives every closed record its attendees and minutes, and a 主题党日 its three segments', () => {
    for (const a of activities) {
      if (a.status !== 'closed') continue;
      expect(rowsOf.get(a.id)?.length ?? 0).toBeGreaterThan(0);
      expect(a.minutes?.length ?? 0).toBeGreaterThan(20);
      // The attendance and a vote's counts are the record's own fields, printed once in the 会议记录.
      expect(a.minutes).not.toMatch(/应到\d+人|赞成\d+票/);
      if (a.kind === 'theme_day') expect(a.segments.map((s) => s.name)).toEqual(['学习', '交流', '实做']);
      if (a.kind === 'talk') expect(a.partnerPersonId).not.toBeNull();
    }
  });

  it('has the host and the recorder of every closed meeting present', () => {
    for (const a of activities) {
      if (a.status !== 'closed') continue;
      for (const personId of [a.hostPersonId, a.recorderPersonId]) {
        const row = (rowsOf.get(a.id) ?? []).find((i) => att.personId[i] === personId);
        if (row !== undefined) expect(att.status[row], `${a.title} ${personId}`).toBe('present');
      }
    }
  });

  it('expects at every record of a branch or 党小组 exactly its members on that day', () => {
    // Membership periods [from, to) per org: the roster from joining, those who left until the day they left, the
    // admitted applicants in their branch from the 支部大会's resolution and in their 党小组 from being placed there.
    const periods: { personId: number; orgId: number; from: string; to: string | null }[] = [
      ...data.people.map((p) => ({ personId: p.id, orgId: p.orgId, from: p.joinedOn, to: null })),
      ...data.leavers.map((p) => ({ personId: p.id, orgId: p.orgId, from: p.joinedOn, to: p.leftOn })),
    ];
    for (const r of data.recruits) {
      const p = r.person;
      if (p.partyStatus === null || p.orgId === null || p.joinedOn === null) continue;
      periods.push({ personId: p.id, orgId: r.orgId, from: p.joinedOn, to: null });
      if (p.orgId !== r.orgId)
        periods.push({ personId: p.id, orgId: p.orgId, from: r.state.stepDates.group_placement!, to: null });
    }
    const byOrg = new Map<number, typeof periods>();
    for (const period of periods) {
      const org = data.orgs[period.orgId - 1]!;
      for (const id of org.type === 'group' ? [org.id, org.parentId!] : [org.id])
        byOrg.set(id, [...(byOrg.get(id) ?? []), period]);
    }
    const wrong: string[] = [];
    let checked = 0;
    for (const a of activities) {
      const org = data.orgs[a.orgId - 1]!;
      if (
        !(isBranchType(org.type) || org.type === 'group') ||
        a.kind === 'committee_meeting' ||
        a.kind === 'talk'
      )
        continue;
      const members = new Set(
        (byOrg.get(org.id) ?? [])
          .filter((p) => p.from <= a.onDate && (p.to === null || a.onDate < p.to))
          .map((p) => p.personId),
      );
      const listed = (rowsOf.get(a.id) ?? [])
        .filter((i) => att.role[i] !== 'guest')
        .map((i) => att.personId[i]!);
      const sorted = (ids: Iterable<number>) => [...ids].sort((x, y) => x - y).join(',');
      if (sorted(listed) !== sorted(members))
        wrong.push(`${a.title} ${a.onDate}: 应到 ${listed.length}, members ${members.size}`);
      checked += 1;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
    // The admitted applicants are on their branch's lists too.
    const admitted = new Set(data.recruits.filter((r) => r.person.joinedOn !== null).map((r) => r.person.id));
    expect(att.personId.filter((id) => admitted.has(id)).length).toBeGreaterThan(500);
  });

  it('gives no one two attendance states at one record: one row each, and no 双重组织生活 while on leave', () => {
    const seen = new Set<string>();
    const wrong: string[] = [];
    att.personId.forEach((personId, i) => {
      const key = `${att.activityId[i]}:${personId}`;
      if (seen.has(key)) wrong.push(`twice: ${key}`);
      seen.add(key);
      const status = att.status[i];
      // A leader takes part as 双重组织生活 at a record they attend (or are still expected at, with no leave asked).
      if (
        att.role[i] === 'dual_life' &&
        (status === 'leave' || status === 'absent' || att.leaveStatus[i] !== null)
      )
        wrong.push(`双重组织生活 and ${status}/${att.leaveStatus[i]}: ${key}`);
      if ((status === 'present' || status === 'absent') && att.leaveStatus[i] !== null)
        wrong.push(`${status} with leave ${att.leaveStatus[i]}: ${key}`);
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('keeps attendance within the database constraints', () => {
    // Collected, not asserted row by row: expect() on 60,000 rows would make this test slow.
    const wrong: string[] = [];
    // 正式 from 转正; for the admitted applicants from the day 转正 was approved (a record held between the end of
    // the 预备期 and the approval, their 转正 meeting among them, still listed them as 预备).
    const fullFrom = new Map<number, string | null>([
      ...[...data.people, ...data.leavers].map((p) => [p.id, p.confirmedOn] as const),
      ...data.recruits.map(
        (r) => [r.person.id, r.person.confirmedOn && r.state.stepDates.confirmation_approval!] as const,
      ),
    ]);
    att.status.forEach((status, i) => {
      const present = status === 'present';
      const activity = activityById(att.activityId[i] ?? 0);
      const from = fullFrom.get(att.personId[i] ?? 0);
      const full = from != null && from <= activity.onDate;
      const ok =
        (att.signedInAfter[i] !== null) === present &&
        (att.method[i] !== null) === present &&
        (att.method[i] !== 'manual' || Boolean(att.manualReason[i])) &&
        (status !== 'leave' || att.leaveStatus[i] === 'approved') &&
        (activity.status !== 'closed' || status !== 'expected') &&
        (!['planned', 'published'].includes(activity.status) ||
          status === 'expected' ||
          status === 'leave') &&
        att.partyStatus[i] === (full ? 'full' : 'probationary');
      if (!ok) wrong.push(`row ${i}: activity ${activity.id} (${activity.status}), ${status}`);
    });
    expect(wrong).toEqual([]);
    const present = att.status.filter((s) => s === 'present').length;
    expect(present / att.status.length).toBeGreaterThan(0.85);
    expect(present / att.status.length).toBeLessThan(0.95);
    expect(att.role).toContain('dual_life');
  });

  it('lists those who left the roster only while they were on it, and changes no one else’s records', () => {
    const left = new Map(data.leavers.map((p) => [p.id, p]));
    const wrong: string[] = [];
    let listed = 0;
    att.personId.forEach((id, i) => {
      const p = left.get(id);
      if (!p) return;
      listed += 1;
      const a = activityById(att.activityId[i] ?? 0);
      if (a.onDate < p.joinedOn || a.onDate >= p.leftOn)
        wrong.push(`${p.name} left ${p.leftOn}: ${a.title} ${a.onDate}`);
    });
    expect(wrong).toEqual([]);
    expect(listed).toBeGreaterThan(1000);
    // The same college without them: the same records, and the same rows for everyone who stayed.
    const without = buildDemoActivities({ ...data, leavers: [] }, createRandom(defaultDemoSeed ^ 0xac7));
    const shape = (a: DemoActivity) => [
      a.id,
      a.orgId,
      a.kind,
      a.onDate,
      a.status,
      a.hostPersonId,
      a.recorderPersonId,
    ];
    expect(without.activities.map(shape)).toEqual(activities.map(shape));
    const stayedRows = (columns: typeof att) => {
      const keep = columns.personId.map((id) => !left.has(id));
      return Object.fromEntries(
        Object.entries(columns).map(([k, column]) => [k, (column as unknown[]).filter((_, i) => keep[i])]),
      );
    };
    expect(stayedRows(att)).toEqual(stayedRows(without.attendance));
    // A closed 党员大会 has its quorum with them exactly when it has it without them.
    for (const a of activities) {
      if (a.kind !== 'general_meeting' || a.status !== 'closed') continue;
      const full = (rowsOf.get(a.id) ?? []).filter((i) => att.partyStatus[i] === 'full');
      const quorum = (rows: number[]) =>
        2 * rows.filter((i) => att.status[i] === 'present').length > rows.length;
      expect(quorum(full), a.title).toBe(quorum(full.filter((i) => !left.has(att.personId[i] ?? 0))));
    }
  });

  it('leaves this month’s 支委会 of the zhibu demo branch to be held, after a diligent year', () => {
    const zhibu = data.cases['term.overdue'];
    const meetings = activities.filter((a) => a.orgId === zhibu && a.kind === 'committee_meeting');
    expect(meetings.filter((a) => monthKey(a.onDate) === monthKey(today))).toEqual([]);
    for (let m = 1; m <= 12; m++) {
      const month = monthKey(addMonths(today, -m));
      expect(meetings.some((a) => monthKey(a.onDate) === month && a.status === 'closed')).toBe(true);
    }
  });

  it('plants gaps: branches that missed months and members absent for 3 and 6+ months', () => {
    const past = new Set(activities.filter((a) => a.status === 'closed').map((a) => a.id));
    const themeMonths = new Map<number, Set<string>>();
    for (const a of activities)
      if (a.kind === 'theme_day' && past.has(a.id)) {
        const set = themeMonths.get(a.orgId) ?? new Set();
        set.add(monthKey(a.onDate));
        themeMonths.set(a.orgId, set);
      }
    const lastMonth = monthKey(addMonths(today, -1));
    const missedLastMonth = [...themeMonths.values()].filter((months) => !months.has(lastMonth));
    expect(missedLastMonth.length).toBeGreaterThanOrEqual(1);

    // Per person and month: were they on a closed list, and absent from all of it?
    const months = new Map<number, Map<string, boolean>>();
    att.personId.forEach((personId, i) => {
      const activity = activityById(att.activityId[i] ?? 0);
      if (activity.status !== 'closed') return;
      const byMonth = months.get(personId) ?? new Map<string, boolean>();
      const key = monthKey(activity.onDate);
      byMonth.set(key, (byMonth.get(key) ?? true) && att.status[i] === 'absent');
      months.set(personId, byMonth);
    });
    const streaks: number[] = [];
    for (const byMonth of months.values()) {
      let run = 0;
      let best = 0;
      for (const key of [...byMonth.keys()].sort()) {
        run = byMonth.get(key) ? run + 1 : 0;
        best = Math.max(best, run);
      }
      if (best >= 3) streaks.push(best);
    }
    expect(streaks.some((n) => n >= 6)).toBe(true);
    expect(streaks.some((n) => n >= 3 && n < 6)).toBe(true);
    expect(streaks.length).toBeLessThanOrEqual(3);
  });

  it('words each resolution without its counts, which are printed once from the vote', () => {
    for (const r of resolutions) if (r.isVote) expect(r.content, r.title).not.toMatch(/\d+(票|名)/);
  });

  it('records votes whose counts come from the attendance and whose outcome follows the rule', () => {
    const votes = resolutions.filter((r) => r.isVote);
    expect(votes.length).toBeGreaterThan(10);
    for (const r of votes) {
      const rows = rowsOf.get(r.activityId) ?? [];
      const entitled = rows.filter((i) => att.partyStatus[i] === 'full');
      const presentEntitled = entitled.filter((i) => att.status[i] === 'present');
      expect(r.entitled).toBe(entitled.length);
      expect(r.presentEntitled).toBe(presentEntitled.length);
      const e = r.entitled ?? 0;
      const p = r.presentEntitled ?? 0;
      expect((r.votesFor ?? 0) + (r.votesAgainst ?? 0) + (r.abstentions ?? 0)).toBeLessThanOrEqual(p);
      expect((r.writtenFor ?? 0) + (r.writtenAgainst ?? 0)).toBeLessThanOrEqual(e - p);
      const passes = p * 2 > e && ((r.votesFor ?? 0) + (r.writtenFor ?? 0)) * 2 > e;
      expect(r.outcome).toBe(passes ? 'passed' : 'failed');
    }
    const failed = votes.filter((r) => r.outcome === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.length).toBeLessThanOrEqual(2);
    expect(failed.some((r) => (r.presentEntitled ?? 0) * 2 <= (r.entitled ?? 0))).toBe(true);
    for (const r of resolutions) if (!r.isVote) expect(r.outcome).toBe('recorded');
  });

  it('studies the 第一议题 most months, but not in every 党总支 every month', () => {
    const sessions = activities.filter((a) => a.kind === 'study_group_session' && a.status === 'closed');
    const withTopic = sessions.filter((a) => a.agenda[0]?.isFirstTopic);
    expect(withTopic.length / sessions.length).toBeGreaterThan(0.8);
    expect(withTopic.length).toBeLessThan(sessions.length);
  });

  it('holds the 党委会 about twice a month, deciding by vote, the month’s first opening with the 第一议题', () => {
    const meetings = activities.filter(
      (a) => a.kind === 'committee_meeting' && data.orgs[a.orgId - 1]!.type === 'committee',
    );
    expect(meetings.length).toBeGreaterThanOrEqual(44);
    expect(meetings.length).toBeLessThanOrEqual(50);
    const closed = meetings.filter((a) => a.status === 'closed');
    for (const a of closed) {
      const decided = resolutions.filter((r) => r.activityId === a.id);
      const rows = rowsOf.get(a.id) ?? [];
      const present = rows.filter((i) => att.status[i] === 'present').length;
      // Decided only with the quorum of its 委员, each decision carried by all of those present.
      if (present * 2 <= rows.length) expect(decided).toEqual([]);
      for (const r of decided)
        expect(r).toMatchObject({ isVote: true, outcome: 'passed', votesFor: present });
      expect(a.agenda.filter((i) => !i.isFirstTopic).map((i) => i.title)).toEqual(
        decided.map((r) => `研究${r.title}`),
      );
      expect(a.minutes).toContain('会议决定：');
    }
    expect(closed.filter((a) => resolutions.some((r) => r.activityId === a.id)).length).toBeGreaterThan(40);
    const firsts = meetings.filter((a) => a.agenda[0]?.isFirstTopic);
    expect(firsts.length).toBeGreaterThanOrEqual(22);
    expect(firsts.length).toBeLessThan(meetings.length);
  });

  it('holds a 党政联席会 in each 二级学院’s 党总支 every month, its decisions recorded without a vote', () => {
    const colleges = data.orgs.filter((o) => o.type === 'general_branch' && o.unitId !== null);
    for (const org of colleges) {
      const held = activities.filter((a) => a.kind === 'joint_meeting' && a.orgId === org.id);
      expect(held.length, org.name).toBeGreaterThanOrEqual(22);
      for (const a of held.filter((x) => x.status === 'closed')) {
        const decided = resolutions.filter((r) => r.activityId === a.id);
        expect(decided.length).toBeGreaterThanOrEqual(1);
        for (const r of decided) expect(r).toMatchObject({ isVote: false, outcome: 'recorded' });
        expect(a.agenda.some((i) => i.isFirstTopic)).toBe(false);
      }
    }
    expect(
      activities.some((a) => a.kind === 'joint_meeting' && data.orgs[a.orgId - 1]!.unitId === null),
    ).toBe(false);
  });

  it('has each 党总支’s 党务工作例会 held deploy a task to its branches, in its minutes', () => {
    const meetings = activities.filter(
      (a) =>
        a.kind === 'work_meeting' &&
        a.status === 'closed' &&
        data.orgs[a.orgId - 1]!.type === 'general_branch',
    );
    expect(meetings.length).toBeGreaterThan(150);
    for (const a of meetings) {
      const [r, ...more] = resolutions.filter((x) => x.activityId === a.id);
      expect(more).toEqual([]);
      expect(a.minutes).toContain(`会议决定：\n1. ${r!.title}：${r!.content}`);
    }
  });

  it('has supervision checks on closed branch records, some answered and some not', () => {
    expect(reviews.length).toBeGreaterThanOrEqual(5);
    for (const r of reviews) {
      const activity = activityById(r.activityId);
      expect(activity.status).toBe('closed');
      expect(r.reviewedAt.slice(0, 10) < today).toBe(true);
      expect(r.response === null).toBe(r.respondedAt === null);
    }
    expect(reviews.some((r) => r.response !== null)).toBe(true);
    expect(reviews.some((r) => r.response === null)).toBe(true);
    expect(new Set(reviews.map((r) => r.rating))).toEqual(new Set(['standard', 'basic', 'nonstandard']));
  });
});
