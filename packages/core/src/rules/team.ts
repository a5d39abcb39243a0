import {
  isBranchType,
  type OrgType,
  type PostCode,
  postLabels,
  type TeamKind,
  teamPosts,
} from '../dictionaries.ts';
import type { RuleSettings } from '../settings.ts';

/** One proposed team member, with the facts the composition rules need. */
export interface TeamMemberFacts {
  personId: number;
  name: string;
  post: PostCode;
  /** 正式党员 on the term's start date. */
  isFullMember: boolean;
  /** Belongs to the org (or its subtree) the team leads. */
  inOrg: boolean;
}

/**
 * Problems with a leadership team as elected, in Chinese; empty when valid.
 * - Only 正式党员 may be elected (选举条例 第五条; 党章 第七条).
 * - One 书记 per team; a team without a committee has a 书记 and at most one 副书记 (支部条例 第十八条).
 * - A committee has at most 7 members (支部条例 第十八条); 3–5 is the norm, checked as an alert.
 */
export function checkTeamComposition(teamKind: TeamKind, team: readonly TeamMemberFacts[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const m of team) {
    if (!(teamPosts as readonly PostCode[]).includes(m.post))
      problems.push(`${m.name}：“${postLabels[m.post]}”不是班子职务`);
    if (seen.has(m.personId)) problems.push(`${m.name}在同一届班子中只能担任一个职务`);
    seen.add(m.personId);
    if (!m.isFullMember)
      problems.push(`${m.name}不是正式党员，不能当选班子成员（《中国共产党基层组织选举工作条例》第五条）`);
    if (!m.inOrg) problems.push(`${m.name}不是本组织党员，不能担任本组织班子成员`);
  }
  const secretaries = team.filter((m) => m.post === 'secretary').length;
  const deputies = team.filter((m) => m.post === 'deputy_secretary').length;
  if (secretaries > 1) problems.push('一届班子只能有一名书记');
  if (teamKind === 'secretary_only') {
    if (team.some((m) => m.post !== 'secretary' && m.post !== 'deputy_secretary'))
      problems.push('不设支部委员会的，只选举书记（必要时增设副书记1人），不设委员');
    if (deputies > 1) problems.push('不设支部委员会的，副书记最多1人');
  } else if (team.length > 7) {
    problems.push(
      `支部委员会最多不超过7人，当前 ${team.length} 人（《中国共产党支部工作条例（试行）》第十八条）`,
    );
  }
  return problems;
}

/**
 * Where a post held outside a term may be given: a 党小组长 leads a 党小组 (支部条例 第九条); a
 * 组织员 serves a 党委, 党总支 or 直属党支部 (院系级党组织, 高校基层组织工作条例). Null when allowed.
 */
export function checkPostPlacement(post: PostCode, orgType: OrgType): string | null {
  if (post === 'group_leader' && orgType !== 'group') return '职务：党小组长只能在党小组中任命';
  if (post === 'organiser' && !['committee', 'general_branch', 'branch'].includes(orgType))
    return '职务：组织员应在党委、党总支或直属党支部中配备';
  return null;
}

/**
 * Whether a branch with `fullMemberCount` 正式党员 may be led by a team of `teamKind`: a branch with fewer
 * than the committee threshold (7, 支部条例 第十八条; a school may require a committee earlier) has no 支部委员会,
 * only a 书记 (and at most one 副书记). The reverse (≥ the threshold needs a committee) is the alert
 * branch.committee_required. 党委 and 党总支 are not branches and are not bound by it.
 */
export function isTeamKindAllowed(
  orgType: OrgType,
  teamKind: TeamKind,
  fullMemberCount: number,
  settings: Pick<RuleSettings, 'committeeRequiredAt'>,
): boolean {
  return !(
    isBranchType(orgType) &&
    teamKind === 'committee' &&
    fullMemberCount < settings.committeeRequiredAt
  );
}

/**
 * Why a new term of `teamKind` may not be recorded for an org with `fullMemberCount` 正式党员 on the day the
 * term starts (支部条例 第十八条), in Chinese naming the field; null when allowed. A committee already in force when the branch
 * shrinks stands until the next election and is an alert (branch.committee_not_allowed), not a refusal.
 */
export function checkTeamKind(
  orgType: OrgType,
  teamKind: TeamKind,
  fullMemberCount: number,
  settings: Pick<RuleSettings, 'committeeRequiredAt'>,
): string | null {
  if (isTeamKindAllowed(orgType, teamKind, fullMemberCount, settings)) return null;
  return `班子形式：本支部正式党员 ${fullMemberCount} 人，不足 ${settings.committeeRequiredAt} 人的党支部不设支部委员会，设书记1人，必要时设副书记1人（《中国共产党支部工作条例（试行）》第十八条）`;
}
