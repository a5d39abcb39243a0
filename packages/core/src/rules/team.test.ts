import { describe, expect, it } from 'vitest';
import type { OrgType, PostCode, TeamKind } from '../dictionaries.ts';
import { defaultRuleSettings } from '../settings.ts';
import { checkPostPlacement, checkTeamComposition, checkTeamKind, type TeamMemberFacts } from './team.ts';

const m = (personId: number, post: PostCode, extra: Partial<TeamMemberFacts> = {}): TeamMemberFacts => ({
  personId,
  name: `党员${personId}`,
  post,
  isFullMember: true,
  inOrg: true,
  ...extra,
});
const committee = (n: number) => [
  m(1, 'secretary'),
  ...Array.from({ length: n - 1 }, (_, i) => m(i + 2, 'committee_member')),
];

describe('checkTeamComposition', () => {
  it.each([
    ['committee of 3', 'committee', committee(3), 0],
    ['committee of 7 (the hard maximum)', 'committee', committee(7), 0],
    ['committee of 8', 'committee', committee(8), 1],
    ['secretary only', 'secretary_only', [m(1, 'secretary')], 0],
    ['secretary and one deputy', 'secretary_only', [m(1, 'secretary'), m(2, 'deputy_secretary')], 0],
    [
      'secretary and two deputies',
      'secretary_only',
      [m(1, 'secretary'), m(2, 'deputy_secretary'), m(3, 'deputy_secretary')],
      1,
    ],
    [
      'secretary-only team with an officer',
      'secretary_only',
      [m(1, 'secretary'), m(2, 'organization_officer')],
      1,
    ],
    ['two secretaries', 'committee', [m(1, 'secretary'), m(2, 'secretary'), m(3, 'committee_member')], 1],
    [
      'one person holding two posts',
      'committee',
      [m(1, 'secretary'), m(1, 'publicity_officer'), m(3, 'committee_member')],
      1,
    ],
    [
      'a probationary member',
      'committee',
      [m(1, 'secretary', { isFullMember: false }), m(2, 'committee_member'), m(3, 'committee_member')],
      1,
    ],
    [
      'someone from another org',
      'committee',
      [m(1, 'secretary'), m(2, 'committee_member', { inOrg: false }), m(3, 'committee_member')],
      1,
    ],
    ['a non-team post', 'committee', [m(1, 'secretary'), m(2, 'group_leader')], 1],
  ] as [string, TeamKind, TeamMemberFacts[], number][])('%s → %i problem(s)', (_name, kind, team, count) => {
    expect(checkTeamComposition(kind, team)).toHaveLength(count);
  });

  it('cites the election regulation for a probationary member', () => {
    const [p] = checkTeamComposition('secretary_only', [m(1, 'secretary', { isFullMember: false })]);
    expect(p).toContain('选举工作条例');
  });
});

describe('checkPostPlacement', () => {
  it.each([
    ['group_leader', 'group', true],
    ['group_leader', 'branch', false],
    ['organiser', 'general_branch', true],
    ['organiser', 'committee', true],
    ['organiser', 'branch', true],
    ['organiser', 'group', false],
    ['organiser', 'temporary_branch', false],
  ] as const)('%s in a %s → allowed %s', (post, orgType, allowed) => {
    expect(checkPostPlacement(post, orgType) === null).toBe(allowed);
  });
});

describe('checkTeamKind (支部条例 第十八条: fewer than 7 full members → a 书记, no committee)', () => {
  it.each<[OrgType, TeamKind, number, boolean]>([
    ['branch', 'committee', 6, false],
    ['branch', 'committee', 7, true],
    ['branch', 'committee', 0, false],
    ['joint_branch', 'committee', 6, false],
    ['temporary_branch', 'committee', 6, false],
    ['branch', 'secretary_only', 6, true],
    ['branch', 'secretary_only', 7, true],
    ['general_branch', 'committee', 6, true],
    ['committee', 'committee', 6, true],
  ])('a %s with a %s and %i full members: allowed %s', (orgType, teamKind, full, allowed) => {
    const problem = checkTeamKind(orgType, teamKind, full, defaultRuleSettings);
    expect(problem === null).toBe(allowed);
    if (problem) {
      expect(problem).toMatch(/^班子形式：/);
      expect(problem).toContain(`正式党员 ${full} 人`);
      expect(problem).toContain('第十八条');
    }
  });

  it('follows a school that requires a committee earlier', () => {
    const settings = { ...defaultRuleSettings, committeeRequiredAt: 5 };
    expect(checkTeamKind('branch', 'committee', 4, settings)).toContain('不足 5 人');
    expect(checkTeamKind('branch', 'committee', 5, settings)).toBeNull();
  });
});
