/**
 * The combination rule of 述职评议考核: the grade of a secretary from the 民主测评 (the ballots' 好/较好/一般/差) and
 * the reviewing 党委's (总支's) own evaluation, weighted (e.g. 测评 70% + 党委评价 30%), cut into grade bands; the
 * school may add that a share of 差 votes forces 差 or 一般. Pure and exact: every comparison is made on whole
 * numbers (no rounding decides a band edge).
 */
import { type DutyReviewGrade, dutyReviewGradeLabels, dutyReviewGrades } from '../ballots/choices.ts';
import { capByLowShare, weightedGrade } from '../ballots/weighted-grade.ts';

/** A school's rule; weights are whole percents summing to 100, points and band minimums whole numbers 0–100. */
export interface DutyReviewRule {
  /** Weight of the 民主测评 score, percent. */
  ballotWeight: number;
  /** Weight of the 党委（总支）评价 score, percent. */
  evaluationWeight: number;
  /** Points of each choice in the 测评 score (the mean over the votes cast on the item, abstentions left out). */
  points: Record<DutyReviewGrade, number>;
  /** The least combined score of 好, 较好 and 一般 (inclusive); below 一般's is 差. */
  bands: { good: number; fairly_good: number; average: number };
  /** When 差 votes reach `atLeastPercent` of the votes cast on the item, the grade is at most `cap`. */
  poorShare: { atLeastPercent: number; cap: 'average' | 'poor' } | null;
}

/** The usual rule: 测评 70% + 党委评价 30%; 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60; 差票达三分之一的不得评为较好以上. */
export const defaultDutyReviewRule: DutyReviewRule = {
  ballotWeight: 70,
  evaluationWeight: 30,
  points: { good: 100, fairly_good: 85, average: 70, poor: 0 },
  bands: { good: 90, fairly_good: 80, average: 60 },
  poorShare: { atLeastPercent: 34, cap: 'average' },
};

/** Why a rule cannot be used, by field path (empty when it can). */
export function dutyReviewRuleProblems(rule: DutyReviewRule): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const whole = (v: number) => Number.isInteger(v) && v >= 0 && v <= 100;
  if (!whole(rule.ballotWeight))
    out.push({ path: 'rule.ballotWeight', message: '测评权重：应为 0–100 的整数' });
  if (!whole(rule.evaluationWeight))
    out.push({ path: 'rule.evaluationWeight', message: '党委评价权重：应为 0–100 的整数' });
  if (rule.ballotWeight + rule.evaluationWeight !== 100)
    out.push({ path: 'rule.ballotWeight', message: '测评权重：与党委评价权重之和应为 100' });
  if (rule.ballotWeight === 0)
    out.push({ path: 'rule.ballotWeight', message: '测评权重：述职评议须有民主测评，权重不能为 0' });
  for (const g of dutyReviewGrades)
    if (!whole(rule.points[g]))
      out.push({ path: `rule.points.${g}`, message: `${dutyReviewGradeLabels[g]}票分值：应为 0–100 的整数` });
  for (let i = 1; i < dutyReviewGrades.length; i++) {
    const g = dutyReviewGrades[i]!;
    if (rule.points[g] >= rule.points[dutyReviewGrades[i - 1]!])
      out.push({
        path: `rule.points.${g}`,
        message: `${dutyReviewGradeLabels[g]}票分值：应低于${dutyReviewGradeLabels[dutyReviewGrades[i - 1]!]}票`,
      });
  }
  const { good, fairly_good, average } = rule.bands;
  for (const [k, v] of Object.entries(rule.bands))
    if (!whole(v)) out.push({ path: `rule.bands.${k}`, message: '等次分数线：应为 0–100 的整数' });
  if (!(good > fairly_good && fairly_good > average))
    out.push({ path: 'rule.bands.fairly_good', message: '等次分数线：应为 好 > 较好 > 一般' });
  if (
    rule.poorShare &&
    !(
      Number.isInteger(rule.poorShare.atLeastPercent) &&
      rule.poorShare.atLeastPercent >= 1 &&
      rule.poorShare.atLeastPercent <= 100
    )
  )
    out.push({ path: 'rule.poorShare.atLeastPercent', message: '差票比例：应为 1–100 的整数' });
  return out;
}

/** The votes on one secretary: counts per choice (abstentions are not in them). */
export type DutyReviewVotes = Record<DutyReviewGrade, number>;

/** The rule's result for one secretary. */
export type DutyReviewCombination =
  | {
      ok: true;
      /** Votes cast on the item (abstentions left out). */
      votes: number;
      /** 测评 score, 0–100, two decimals (for showing; the band was decided exactly). */
      ballotScore: number;
      /** Combined score, 0–100, two decimals. */
      score: number;
      /** The band the score falls in. */
      bandGrade: DutyReviewGrade;
      /** The grade after the 差-share cap. */
      grade: DutyReviewGrade;
      /** Set when the 差 share lowered the grade. */
      cappedBy: { poorVotes: number; atLeastPercent: number } | null;
    }
  | { ok: false; reason: string };

/**
 * Combines the votes and the evaluation score (0–100; required when its weight is not 0) by the rule. Band edges
 * are inclusive: a combined score exactly on 好's minimum is 好.
 */
export function combineDutyReview(
  rule: DutyReviewRule,
  votes: DutyReviewVotes,
  evaluationScore: number | null,
): DutyReviewCombination {
  const c = weightedGrade(dutyReviewGrades, rule, votes, evaluationScore, '尚未填写党委（党总支）评价分');
  if (!c.ok) return c;
  const { grade, capped } = capByLowShare(dutyReviewGrades, c.bandGrade, votes.poor, c.votes, rule.poorShare);
  return {
    ...c,
    grade,
    cappedBy:
      capped && rule.poorShare
        ? { poorVotes: votes.poor, atLeastPercent: rule.poorShare.atLeastPercent }
        : null,
  };
}

/** The rule in words, for the page and the 结果 document. */
export function describeDutyReviewRule(rule: DutyReviewRule): string {
  const p = rule.points;
  const parts = [
    `综合得分 = 民主测评得分 × ${rule.ballotWeight}%${rule.evaluationWeight > 0 ? ` + 党委（党总支）评价分 × ${rule.evaluationWeight}%` : ''}`,
    `测评票分值：好 ${p.good}、较好 ${p.fairly_good}、一般 ${p.average}、差 ${p.poor}（弃权不计）`,
    `好 ≥ ${rule.bands.good}，较好 ≥ ${rule.bands.fairly_good}，一般 ≥ ${rule.bands.average}，其余为差`,
  ];
  if (rule.poorShare)
    parts.push(
      `“差”票达到 ${rule.poorShare.atLeastPercent}% 的，最高评为${dutyReviewGradeLabels[rule.poorShare.cap]}`,
    );
  return parts.join('；');
}
