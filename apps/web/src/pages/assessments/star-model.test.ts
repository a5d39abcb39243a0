import type { AssessmentRoundItem, OrgAssessmentItem } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import {
  directGroupName,
  distributionChange,
  groupNameOf,
  latestAndPrevious,
  levelShare,
  starDistribution,
  starGroups,
} from './star-model';

const org = (
  orgId: number,
  stars: number | null,
  status: OrgAssessmentItem['status'],
  parentName: string | null = '甲党总支',
): OrgAssessmentItem => ({
  orgId,
  orgName: `支部${orgId}`,
  parentId: parentName === null ? null : ({ 甲党总支: 10, 乙党总支: 11, 党委: 1 }[parentName] ?? null),
  parentName,
  scoreOutOf100: null,
  status,
  notRatedReason: status === 'not_rated' ? '成立不满一年' : null,
  total: null,
  stars,
  passed: null,
  vetoed: false,
  provisionalVetoes: [],
  vetoProvisional: false,
  followUp: null,
  pendingCount: 0,
  updatedAt: '2026-12-01T00:00:00Z',
});

describe('starGroups', () => {
  it('groups by the 总支 in the order first seen, those under the 党委 last as 党委直属', () => {
    const groups = starGroups(
      [
        org(1, 3, 'final', '党委'),
        org(2, 4, 'final', '乙党总支'),
        org(3, 5, 'final', '甲党总支'),
        org(4, 2, 'final', '乙党总支'),
        org(5, 2, 'final', null),
      ],
      new Set([1]),
    );
    expect(groups.map((g) => [g.name, g.orgs.map((o) => o.orgId)])).toEqual([
      ['乙党总支', [2, 4]],
      ['甲党总支', [3]],
      [directGroupName, [1, 5]],
    ]);
    expect(groupNameOf(org(1, 3, 'final', '党委'), new Set([1]))).toBe(directGroupName);
    expect(groupNameOf(org(2, 3, 'final', '乙党总支'), new Set([1]))).toBe('乙党总支');
  });

  it('keeps the 党委 as a group of its own when the user cannot see it is one (a 直属支部 secretary)', () => {
    expect(starGroups([org(1, 3, 'final', '党委')]).map((g) => g.name)).toEqual(['党委']);
  });
});

describe('starDistribution', () => {
  const orgs = [
    org(1, 5, 'final'),
    org(2, 4, 'public_notice'),
    org(3, 4, 'self_assessment'),
    org(4, null, 'not_rated'),
    org(5, 2, 'final'),
  ];

  it('counts every org with stars, levels from the highest (at least 5) to 1', () => {
    const d = starDistribution(orgs);
    expect(d.levels).toEqual([5, 4, 3, 2, 1]);
    expect(d.counts).toEqual({ 5: 1, 4: 2, 3: 0, 2: 1, 1: 0 });
    expect(d).toMatchObject({ rated: 4, notRated: 1, undecided: 1 });
  });

  it('leaves out the stars not decided by the 党委 when asked', () => {
    const d = starDistribution(orgs, true);
    expect(d.counts[4]).toBe(1);
    expect(d).toMatchObject({ rated: 3, undecided: 1 });
    expect(levelShare(d, 4)).toBe(33);
    expect(levelShare(starDistribution([]), 5)).toBe(0);
  });

  it('gives the change of each level from an earlier distribution', () => {
    const before = starDistribution([org(1, 4, 'final'), org(2, 4, 'final'), org(3, 3, 'final')]);
    const now = starDistribution([org(1, 5, 'final'), org(2, 4, 'final'), org(3, 3, 'final')]);
    expect(distributionChange(now, before)).toEqual({ 5: 1, 4: -1, 3: 0, 2: 0, 1: 0 });
  });
});

describe('latestAndPrevious', () => {
  const round = (id: number, year: number, scopeId = 1): AssessmentRoundItem => ({
    id,
    title: `${year}年度星级评定`,
    system: { id: 1, name: '星级', kind: 'star_rating', year },
    scopeOrg: { id: scopeId, name: '党委' },
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    referenceDate: `${year}-12-31`,
    noticeWorkingDays: 5,
    selfDueOn: null,
    reviewDueOn: null,
    progress: {},
    createdAt: `${year}-11-01T00:00:00Z`,
    version: 0,
  });

  it('takes the latest year and the round of the year before, the same scope first', () => {
    const r = latestAndPrevious([round(1, 2024), round(2, 2026), round(3, 2025, 9), round(4, 2025)]);
    expect(r.latest?.id).toBe(2);
    expect(r.previous?.id).toBe(4);
  });

  it('has no previous round when the year before has none', () => {
    expect(latestAndPrevious([round(1, 2024), round(2, 2026)]).previous).toBeNull();
    expect(latestAndPrevious([])).toEqual({ latest: null, previous: null });
  });
});
