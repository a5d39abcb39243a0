import type { AssessmentRoundItem, AssessmentStatus, OrgAssessmentItem } from '@dangjian/core';

/** Statuses whose stars are the 党委's decision (公示中) or final; before that they are the score's, still moving. */
const decidedStatuses: readonly AssessmentStatus[] = ['public_notice', 'final'];

/** True when an org's stars are decided (公示中 or 已确定). */
export const isDecided = (status: AssessmentStatus) => decidedStatuses.includes(status);

/** The orgs under one 党总支 (or directly under the 党委) with their stars. */
export interface StarGroup {
  name: string;
  orgs: OrgAssessmentItem[];
}

/** Name of the group of orgs with no 总支 above them. */
export const directGroupName = '党委直属';

/**
 * The round's orgs by the org above them (their 党总支), in the order the server lists them; those directly under
 * the 党委 (`committeeIds`, or with no org above) together as 党委直属, last.
 */
export function starGroups(
  orgs: readonly OrgAssessmentItem[],
  committeeIds: ReadonlySet<number> = new Set(),
): StarGroup[] {
  const groups = new Map<number, StarGroup>();
  const direct: OrgAssessmentItem[] = [];
  for (const o of orgs) {
    if (o.parentId === null || committeeIds.has(o.parentId)) {
      direct.push(o);
      continue;
    }
    const g = groups.get(o.parentId) ?? { name: o.parentName ?? `党组织 ${o.parentId}`, orgs: [] };
    g.orgs.push(o);
    groups.set(o.parentId, g);
  }
  return [...groups.values(), ...(direct.length > 0 ? [{ name: directGroupName, orgs: direct }] : [])];
}

/** The name of an org's group on the board and the map: its 总支, or 党委直属. */
export function groupNameOf(
  o: Pick<OrgAssessmentItem, 'parentId' | 'parentName'>,
  committeeIds: ReadonlySet<number> = new Set(),
): string {
  return o.parentId === null || committeeIds.has(o.parentId)
    ? directGroupName
    : (o.parentName ?? directGroupName);
}

/** How many orgs have each number of stars, and how many are not rated or not yet decided. */
export interface StarDistribution {
  /** Star levels from the highest to 1. */
  levels: number[];
  counts: Record<number, number>;
  /** Orgs with stars counted. */
  rated: number;
  notRated: number;
  /** Rated orgs whose stars are not decided yet (left out when `decidedOnly`). */
  undecided: number;
}

/**
 * The distribution of stars in a set of orgs: every org with stars, or (`decidedOnly`) only those whose stars the
 * 党委 has decided. Levels run from the highest seen (at least 5) down to 1.
 */
export function starDistribution(
  orgs: readonly Pick<OrgAssessmentItem, 'stars' | 'status'>[],
  decidedOnly = false,
): StarDistribution {
  const counts: Record<number, number> = {};
  let rated = 0;
  let notRated = 0;
  let undecided = 0;
  for (const o of orgs) {
    if (o.status === 'not_rated') {
      notRated += 1;
      continue;
    }
    if (o.stars === null) continue;
    if (!isDecided(o.status)) {
      undecided += 1;
      if (decidedOnly) continue;
    }
    counts[o.stars] = (counts[o.stars] ?? 0) + 1;
    rated += 1;
  }
  const top = Math.max(5, ...Object.keys(counts).map(Number));
  const levels = Array.from({ length: top }, (_, i) => top - i);
  for (const l of levels) counts[l] ??= 0;
  return { levels, counts, rated, notRated, undecided };
}

/** The change of each level's count from an earlier distribution (levels of both). */
export function distributionChange(now: StarDistribution, before: StarDistribution): Record<number, number> {
  const out: Record<number, number> = {};
  for (const l of new Set([...now.levels, ...before.levels]))
    out[l] = (now.counts[l] ?? 0) - (before.counts[l] ?? 0);
  return out;
}

/** The share of rated orgs at a level, as a whole percent (0 when none are rated). */
export function levelShare(d: StarDistribution, level: number): number {
  return d.rated > 0 ? Math.round(((d.counts[level] ?? 0) * 100) / d.rated) : 0;
}

/**
 * The rounds a star map compares: the latest round that rates stars, and the one of the year before it (same kind
 * and scope), if any. Rounds of systems without stars are not given here (their kind is not 星级).
 */
export function latestAndPrevious(rounds: readonly AssessmentRoundItem[]): {
  latest: AssessmentRoundItem | null;
  previous: AssessmentRoundItem | null;
} {
  const sorted = [...rounds].sort(
    (a, b) => b.system.year - a.system.year || b.periodEnd.localeCompare(a.periodEnd) || b.id - a.id,
  );
  const latest = sorted[0] ?? null;
  if (!latest) return { latest, previous: null };
  const previous =
    sorted.find((r) => r.system.year === latest.system.year - 1 && r.scopeOrg.id === latest.scopeOrg.id) ??
    sorted.find((r) => r.system.year === latest.system.year - 1) ??
    null;
  return { latest, previous };
}
