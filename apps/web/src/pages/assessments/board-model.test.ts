import type { OrgAssessmentItem } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { filterBoardOrgs } from './board-model';

const parents: Record<string, number> = { 机电学院党总支: 10, 经管学院党总支: 11, 党委: 1 };

const org = (orgId: number, status: OrgAssessmentItem['status'], parentName: string): OrgAssessmentItem => ({
  orgId,
  orgName: `第${orgId}党支部`,
  parentId: parents[parentName] ?? null,
  parentName,
  scoreOutOf100: null,
  status,
  notRatedReason: null,
  total: null,
  stars: null,
  passed: null,
  vetoed: false,
  provisionalVetoes: [],
  vetoProvisional: false,
  followUp: null,
  pendingCount: 0,
  updatedAt: '2026-12-01T00:00:00Z',
});

const orgs = [
  org(1, 'final', '机电学院党总支'),
  org(2, 'self_assessment', '机电学院党总支'),
  org(3, 'department_review', '党委'),
  org(4, 'self_assessment', '经管学院党总支'),
  org(5, 'not_rated', '经管学院党总支'),
];

describe('filterBoardOrgs', () => {
  it('lists those waiting first, by step, keeping the server order within a step', () => {
    expect(filterBoardOrgs(orgs, {}).map((o) => o.orgId)).toEqual([2, 4, 3, 1, 5]);
  });

  it('filters by 总支 (党委直属 for none), step and name', () => {
    expect(filterBoardOrgs(orgs, { parent: '机电学院党总支' }).map((o) => o.orgId)).toEqual([2, 1]);
    expect(filterBoardOrgs(orgs, { parent: '党委直属' }, new Set([1])).map((o) => o.orgId)).toEqual([3]);
    expect(filterBoardOrgs(orgs, { parent: '党委' }).map((o) => o.orgId)).toEqual([3]);
    expect(filterBoardOrgs(orgs, { status: 'self_assessment' }).map((o) => o.orgId)).toEqual([2, 4]);
    expect(filterBoardOrgs(orgs, { q: '第5' }).map((o) => o.orgId)).toEqual([5]);
    expect(filterBoardOrgs(orgs, { parent: '经管学院党总支', status: 'final' })).toEqual([]);
  });
});
