/**
 * The combination both 述职评议 and the 中层干部年度考核 use: the 民主测评's votes, each worth the rule's points, weighted
 * with the 党委's evaluation score, cut into grade bands — exactly, on whole numbers — and capped when the share of
 * low votes reaches the school's line. `grades` are best first; the last grade has no band (it is what is left).
 */

/** The part of a rule the combination reads (weights whole percents summing to 100, points and bands 0–100). */
export interface WeightedGradeRule<G extends string> {
  ballotWeight: number;
  evaluationWeight: number;
  points: Readonly<Record<G, number>>;
  /** The least combined score of each grade but the last (inclusive). */
  bands: Readonly<Partial<Record<G, number>>>;
}

export type WeightedGrade<G extends string> =
  | {
      ok: true;
      /** Votes cast (abstentions left out). */
      votes: number;
      /** 测评 score, 0–100, two decimals (for showing; the band was decided exactly). */
      ballotScore: number;
      /** Combined score, 0–100, two decimals. */
      score: number;
      /** The band the combined score falls in. */
      bandGrade: G;
    }
  | { ok: false; reason: string };

/**
 * Combines the votes and the evaluation score (0–100, whole; required when its weight is not 0) by the rule. Band
 * edges are inclusive: a combined score exactly on a grade's minimum has that grade. `noEvaluation` is the reason
 * given while the evaluation score is missing.
 */
export function weightedGrade<G extends string>(
  grades: readonly G[],
  rule: WeightedGradeRule<G>,
  votes: Readonly<Record<G, number>>,
  evaluationScore: number | null,
  noEvaluation: string,
): WeightedGrade<G> {
  const cast = grades.reduce((s, g) => s + votes[g], 0);
  if (cast === 0) return { ok: false, reason: '没有有效测评票，无法计算测评得分' };
  if (rule.evaluationWeight > 0 && evaluationScore === null) return { ok: false, reason: noEvaluation };
  const pointSum = grades.reduce((s, g) => s + votes[g] * rule.points[g], 0);
  const evaluation = rule.evaluationWeight > 0 ? (evaluationScore ?? 0) : 0;
  // combined × 100 × cast: a whole number (the evaluation score is whole), so band edges are exact.
  const scaled = pointSum * rule.ballotWeight + evaluation * cast * rule.evaluationWeight;
  const bandGrade =
    grades.slice(0, -1).find((g) => scaled >= (rule.bands[g] ?? Number.POSITIVE_INFINITY) * 100 * cast) ??
    (grades.at(-1) as G);
  return {
    ok: true,
    votes: cast,
    ballotScore: Math.round((pointSum * 100) / cast) / 100,
    score: Math.round(scaled / cast) / 100,
    bandGrade,
  };
}

/**
 * The grade after the low-vote cap: when `low` votes reach `atLeastPercent` of those `cast`, a grade better than
 * `cap` becomes `cap` (`capped` says it did).
 */
export function capByLowShare<G extends string>(
  grades: readonly G[],
  grade: G,
  low: number,
  cast: number,
  share: { atLeastPercent: number; cap: G } | null,
): { grade: G; capped: boolean } {
  if (share && low * 100 >= share.atLeastPercent * cast && grades.indexOf(grade) < grades.indexOf(share.cap))
    return { grade: share.cap, capped: true };
  return { grade, capped: false };
}
