/**
 * 中层干部年度考核 (issue 18 item 4) as pure rules: the 优秀 quota, the combination of the 民主测评 (a ballot on the
 * school's items, e.g. 德、能、勤、绩、廉, each cadre graded 优秀/称职/基本称职/不称职 per item) with the 党委's own
 * evaluation into a proposed grade, the consequences a grade calls for (黄牌, 红牌, 调整职务 — "能上能下"), and the
 * round as a state machine:
 *
 *   preparing ─open_reports→ reporting ─open_voting→ voting ─close_voting→ grading ─publish→ published
 *   (准备)                    (述职)                   (测评)                 (评定)             (公布)
 *
 * Sources (RULES.md §11, [S]: article numbers still to be checked against the official text, so none is cited):
 * 党政领导干部考核工作条例 (2019) — 年度考核结果分为优秀、称职、基本称职、不称职四个等次; 优秀等次人数一般不超过参加
 * 年度考核人数的 15–20 % (the school sets it, default 20 %); 考核结果运用 — 基本称职的进行提醒、函询或者诫勉，不称职的
 * 按照有关规定调整职务. Every comparison is made on whole numbers.
 */
import { type CadreReviewGrade, cadreReviewGradeLabels, cadreReviewGrades } from '../ballots/choices.ts';
import { capByLowShare, weightedGrade } from '../ballots/weighted-grade.ts';
import { namesInBrief } from '../duty-review/procedure.ts';
import type { TransitionViolation } from '../rectification/deadline.ts';

/** The regulation the rules cite. */
export const cadreReviewSource = '党政领导干部考核工作条例（2019）';

// The 优秀 quota

/**
 * The most 优秀 a round may give: `percent` of the cadres graded in the round, rounded DOWN (向下取整: the quota is an
 * upper bound, "一般不超过", so a fraction of a person is never granted): 20 % of 20 → 4, of 5 → 1, of 4 → 0, of 9 → 1.
 */
export function cadreExcellentQuota(graded: number, percent: number): number {
  return Math.floor((graded * percent) / 100);
}

/** Why `excellent` 优秀 among `graded` cadres breaks the quota (null when it does not). */
export function cadreExcellentQuotaProblem(
  excellent: number,
  graded: number,
  percent: number,
): string | null {
  const quota = cadreExcellentQuota(graded, percent);
  if (excellent <= quota) return null;
  return `优秀等次名额：参加年度考核 ${graded} 人，优秀不超过 ${percent}%（向下取整 ${quota} 人），已评 ${excellent} 人（${cadreReviewSource}：优秀等次人数一般不超过参加考核人数的一定比例）`;
}

// The combination rule

/** A school's rule of the yearly review; weights whole percents summing to 100, points and bands whole 0–100. */
export interface CadreReviewRule {
  /** The 民主测评's items, each voted on per cadre (e.g. 德、能、勤、绩、廉). */
  dimensions: string[];
  /** Weight of the 测评 score, percent. */
  ballotWeight: number;
  /** Weight of the 党委's evaluation score, percent. */
  evaluationWeight: number;
  /** Points of each choice; the 测评 score is the mean over every vote cast on the cadre's items (弃权 left out). */
  points: Record<CadreReviewGrade, number>;
  /** The least combined score of 优秀, 称职 and 基本称职 (inclusive); below 基本称职's is 不称职. */
  bands: { excellent: number; competent: number; basically_competent: number };
  /** When 基本称职 + 不称职 votes reach `atLeastPercent` of the votes cast, the grade is at most `cap`. */
  lowShare: { atLeastPercent: number; cap: 'basically_competent' | 'incompetent' } | null;
  /** The 优秀 quota, percent of the cadres graded (一般不超过 20%). */
  excellentQuotaPercent: number;
}

/**
 * The 民主测评 by 德、能、勤、绩、廉, five items per cadre: a school's choice. The default is one item per cadre (总体评价),
 * as the usual 测评表 lists every cadre once — a voter grades 100 cadres with 100 choices, not 500.
 */
export const cadreReviewFiveDimensions: readonly string[] = ['德', '能', '勤', '绩', '廉'];

/**
 * The default: one item per cadre (总体评价); 测评 70% + 党委评价 30% (as 述职评议); 优秀 100, 称职 80, 基本称职 60, 不称职 0 points; 优秀 ≥ 90,
 * 称职 ≥ 70, 基本称职 ≥ 60; 称职以上票不足三分之二 (基本称职 + 不称职 ≥ 34%) → at most 基本称职; 优秀 ≤ 20%.
 */
export const defaultCadreReviewRule: CadreReviewRule = {
  dimensions: ['总体评价'],
  ballotWeight: 70,
  evaluationWeight: 30,
  points: { excellent: 100, competent: 80, basically_competent: 60, incompetent: 0 },
  bands: { excellent: 90, competent: 70, basically_competent: 60 },
  lowShare: { atLeastPercent: 34, cap: 'basically_competent' },
  excellentQuotaPercent: 20,
};

/** The highest quota a school may set (RULES.md §11: typically 15–20 %). */
export const maxExcellentQuotaPercent = 20;

/** Why a rule cannot be used, by field path (empty when it can). */
export function cadreReviewRuleProblems(rule: CadreReviewRule): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const whole = (v: number) => Number.isInteger(v) && v >= 0 && v <= 100;
  if (rule.dimensions.length === 0) out.push({ path: 'rule.dimensions', message: '测评项目：至少一项' });
  if (new Set(rule.dimensions.map((d) => d.trim())).size !== rule.dimensions.length)
    out.push({ path: 'rule.dimensions', message: '测评项目：不能重复' });
  if (!whole(rule.ballotWeight))
    out.push({ path: 'rule.ballotWeight', message: '测评权重：应为 0–100 的整数' });
  if (!whole(rule.evaluationWeight))
    out.push({ path: 'rule.evaluationWeight', message: '党委评价权重：应为 0–100 的整数' });
  if (rule.ballotWeight + rule.evaluationWeight !== 100)
    out.push({ path: 'rule.ballotWeight', message: '测评权重：与党委评价权重之和应为 100' });
  if (rule.ballotWeight === 0)
    out.push({ path: 'rule.ballotWeight', message: '测评权重：年度考核须有民主测评，权重不能为 0' });
  for (const g of cadreReviewGrades)
    if (!whole(rule.points[g]))
      out.push({
        path: `rule.points.${g}`,
        message: `${cadreReviewGradeLabels[g]}票分值：应为 0–100 的整数`,
      });
  for (let i = 1; i < cadreReviewGrades.length; i++) {
    const g = cadreReviewGrades[i]!;
    const above = cadreReviewGrades[i - 1]!;
    if (rule.points[g] >= rule.points[above])
      out.push({
        path: `rule.points.${g}`,
        message: `${cadreReviewGradeLabels[g]}票分值：应低于${cadreReviewGradeLabels[above]}票`,
      });
  }
  const { excellent, competent, basically_competent } = rule.bands;
  for (const [k, v] of Object.entries(rule.bands))
    if (!whole(v)) out.push({ path: `rule.bands.${k}`, message: '等次分数线：应为 0–100 的整数' });
  if (!(excellent > competent && competent > basically_competent))
    out.push({ path: 'rule.bands.competent', message: '等次分数线：应为 优秀 > 称职 > 基本称职' });
  if (
    rule.lowShare &&
    !(
      Number.isInteger(rule.lowShare.atLeastPercent) &&
      rule.lowShare.atLeastPercent >= 1 &&
      rule.lowShare.atLeastPercent <= 100
    )
  )
    out.push({ path: 'rule.lowShare.atLeastPercent', message: '基本称职及以下票比例：应为 1–100 的整数' });
  if (
    !Number.isInteger(rule.excellentQuotaPercent) ||
    rule.excellentQuotaPercent < 0 ||
    rule.excellentQuotaPercent > maxExcellentQuotaPercent
  )
    out.push({
      path: 'rule.excellentQuotaPercent',
      message: `优秀比例：应为 0–${maxExcellentQuotaPercent} 的整数（${cadreReviewSource}：一般不超过 20%）`,
    });
  return out;
}

/** The votes on one cadre, added over the rule's items: counts per choice (abstentions are not in them). */
export type CadreReviewVotes = Record<CadreReviewGrade, number>;

export type CadreReviewCombination =
  | {
      ok: true;
      votes: number;
      /** 测评 score, 0–100, two decimals (for showing; the band was decided exactly). */
      ballotScore: number;
      score: number;
      bandGrade: CadreReviewGrade;
      grade: CadreReviewGrade;
      /** Set when the share of 基本称职 and 不称职 votes lowered the grade. */
      cappedBy: { lowVotes: number; atLeastPercent: number } | null;
    }
  | { ok: false; reason: string };

/**
 * The proposed grade: the mean points of the votes weighted with the 党委's evaluation (0–100, required when its
 * weight is not 0), cut into bands (edges inclusive), then capped by the share of low votes when the school says so.
 */
export function combineCadreReview(
  rule: CadreReviewRule,
  votes: CadreReviewVotes,
  evaluationScore: number | null,
): CadreReviewCombination {
  const c = weightedGrade(cadreReviewGrades, rule, votes, evaluationScore, '尚未填写党委评价分');
  if (!c.ok) return c;
  const low = votes.basically_competent + votes.incompetent;
  const { grade, capped } = capByLowShare(cadreReviewGrades, c.bandGrade, low, c.votes, rule.lowShare);
  return {
    ...c,
    grade,
    cappedBy:
      capped && rule.lowShare ? { lowVotes: low, atLeastPercent: rule.lowShare.atLeastPercent } : null,
  };
}

/** The rule in words, for the page and the 结果 document. */
export function describeCadreReviewRule(rule: CadreReviewRule): string {
  const p = rule.points;
  const parts = [
    `民主测评项目：${rule.dimensions.join('、')}`,
    `综合得分 = 民主测评得分 × ${rule.ballotWeight}%${rule.evaluationWeight > 0 ? ` + 党委评价分 × ${rule.evaluationWeight}%` : ''}`,
    `测评票分值：优秀 ${p.excellent}、称职 ${p.competent}、基本称职 ${p.basically_competent}、不称职 ${p.incompetent}（弃权不计）`,
    `优秀 ≥ ${rule.bands.excellent}，称职 ≥ ${rule.bands.competent}，基本称职 ≥ ${rule.bands.basically_competent}，其余为不称职`,
  ];
  if (rule.lowShare)
    parts.push(
      `基本称职和不称职票合计达到 ${rule.lowShare.atLeastPercent}% 的，最高评为${cadreReviewGradeLabels[rule.lowShare.cap]}`,
    );
  parts.push(`优秀不超过参加考核人数的 ${rule.excellentQuotaPercent}%（向下取整）`);
  return parts.join('；');
}

/**
 * A grade set in 评定: the computed one, or another with its reason (an override). Refused: an override without a
 * reason, a grade when nothing was computed and no reason given.
 */
export function cadreGradeProblems(
  computed: CadreReviewGrade | null,
  grade: CadreReviewGrade,
  reason: string | null | undefined,
): { path: string; message: string }[] {
  if (grade !== computed && !reason?.trim())
    return [
      {
        path: 'overrideReason',
        message:
          computed === null
            ? '调整理由：没有计算出的等次，直接评定须说明理由'
            : '调整理由：评定等次与计算结果不同，须说明理由',
      },
    ];
  return [];
}

// Consequences

/** What a grade may lead to (条例: 考核结果运用). */
export const cadreConsequenceKinds = ['yellow_card', 'red_card', 'post_adjustment'] as const;
export type CadreConsequenceKind = (typeof cadreConsequenceKinds)[number];
export const cadreConsequenceKindLabels = {
  yellow_card: '黄牌（提醒、函询）',
  red_card: '红牌（诫勉）',
  post_adjustment: '调整职务（能上能下）',
} as const satisfies Record<CadreConsequenceKind, string>;

/** The school's consequences rule: what each low grade calls for (each list may be empty). */
export interface CadreConsequenceRule {
  basically_competent: CadreConsequenceKind[];
  incompetent: CadreConsequenceKind[];
  /** 基本称职 two years running (this year's round and the last published one before it). */
  basically_competent_twice: CadreConsequenceKind[];
}

/**
 * Default: 基本称职 → 黄牌 (提醒、函询); 不称职 → 红牌 (诫勉) and 调整职务; 基本称职 two years running → 红牌 (诫勉)
 * (连续两年基本称职的按不称职对待 is common school practice — the school sets it).
 */
export const defaultCadreConsequenceRule: CadreConsequenceRule = {
  basically_competent: ['yellow_card'],
  incompetent: ['red_card', 'post_adjustment'],
  basically_competent_twice: ['red_card', 'post_adjustment'],
};

/** One consequence a grade calls for, with the reason it is due. */
export interface DueConsequence {
  kind: CadreConsequenceKind;
  reason: string;
}

/**
 * The consequences a published grade calls for, given the cadre's previous published grade (null: none): 称职 and
 * 优秀 call for nothing; two 基本称职 running take the `basically_competent_twice` list instead of the single one.
 */
export function dueConsequences(
  rule: CadreConsequenceRule,
  grade: CadreReviewGrade,
  previousGrade: CadreReviewGrade | null,
): DueConsequence[] {
  if (grade === 'basically_competent' && previousGrade === 'basically_competent')
    return rule.basically_competent_twice.map((kind) => ({
      kind,
      reason: `连续两年年度考核基本称职（${cadreReviewSource}，考核结果运用）`,
    }));
  if (grade === 'basically_competent')
    return rule.basically_competent.map((kind) => ({
      kind,
      reason: `年度考核基本称职（${cadreReviewSource}：进行提醒、函询或者诫勉）`,
    }));
  if (grade === 'incompetent')
    return rule.incompetent.map((kind) => ({
      kind,
      reason: `年度考核不称职（${cadreReviewSource}：按照有关规定调整职务）`,
    }));
  return [];
}

/** The consequences due and not yet recorded (a recorded one of the same kind settles it). */
export function pendingConsequences(
  due: readonly DueConsequence[],
  recorded: readonly CadreConsequenceKind[],
): DueConsequence[] {
  const done = new Set(recorded);
  return due.filter((d) => !done.has(d.kind));
}

// The round's procedure

export const cadreReviewStatuses = ['preparing', 'reporting', 'voting', 'grading', 'published'] as const;
export type CadreReviewStatus = (typeof cadreReviewStatuses)[number];
export const cadreReviewStatusLabels = {
  preparing: '准备',
  reporting: '述职',
  voting: '民主测评',
  grading: '评定',
  published: '已公布',
} as const satisfies Record<CadreReviewStatus, string>;

export const cadreReviewSteps = ['open_reports', 'open_voting', 'close_voting', 'publish'] as const;
export type CadreReviewStep = (typeof cadreReviewSteps)[number];
export const cadreReviewStepLabels = {
  open_reports: '开始述职',
  open_voting: '开始民主测评',
  close_voting: '结束测评、进入评定',
  publish: '公布考核结果',
} as const satisfies Record<CadreReviewStep, string>;

export const cadreReviewStepFrom = {
  open_reports: 'preparing',
  open_voting: 'reporting',
  close_voting: 'voting',
  publish: 'grading',
} as const satisfies Record<CadreReviewStep, CadreReviewStatus>;

export const cadreReviewStepTo = {
  open_reports: 'reporting',
  open_voting: 'voting',
  close_voting: 'grading',
  publish: 'published',
} as const satisfies Record<CadreReviewStep, CadreReviewStatus>;

/** What a step looks at: one line per cadre of the round, the 测评's state and the quota. */
export interface CadreReviewFacts {
  subjects: readonly {
    name: string;
    /** A 述职 text entered, or the cadre's 述职评议 of the year linked instead. */
    reported: boolean;
    grade: CadreReviewGrade | null;
  }[];
  /** The 测评 is closed and counted. */
  tallied: boolean;
  excellentQuotaPercent: number;
}

export type CadreReviewStepResult =
  | { ok: true; status: CadreReviewStatus }
  | { ok: false; violations: TransitionViolation[] };

function needs(step: CadreReviewStep, f: CadreReviewFacts): string | null {
  if (f.subjects.length === 0) return '本轮考核没有干部';
  switch (step) {
    case 'open_reports':
      return null;
    case 'open_voting': {
      const missing = f.subjects.filter((s) => !s.reported);
      return missing.length > 0
        ? `${namesInBrief(missing)}尚无述职（${cadreReviewSource}：年度考核先述职、后民主测评）`
        : null;
    }
    case 'close_voting':
      return f.tallied ? null : '测评票尚未结束计票';
    case 'publish': {
      const missing = f.subjects.filter((s) => s.grade === null);
      if (missing.length > 0) return `${namesInBrief(missing)}尚未评定等次`;
      return cadreExcellentQuotaProblem(
        f.subjects.filter((s) => s.grade === 'excellent').length,
        f.subjects.length,
        f.excellentQuotaPercent,
      );
    }
  }
}

/** One step: refused from the wrong status (conflict) or without what it needs (naming its rule); else the status. */
export function applyCadreReviewStep(
  status: CadreReviewStatus,
  step: CadreReviewStep,
  facts: CadreReviewFacts,
): CadreReviewStepResult {
  if (cadreReviewStepFrom[step] !== status)
    return {
      ok: false,
      violations: [
        {
          kind: 'conflict',
          path: null,
          message: `该年度考核处于${cadreReviewStatusLabels[status]}阶段，不能${cadreReviewStepLabels[step]}`,
        },
      ],
    };
  const missing = needs(step, facts);
  if (missing)
    return {
      ok: false,
      violations: [{ kind: 'field', path: 'step', message: `${cadreReviewStepLabels[step]}：${missing}` }],
    };
  return { ok: true, status: cadreReviewStepTo[step] };
}

/** The step a round may take next from its status (null once published). */
export function nextCadreReviewStep(status: CadreReviewStatus): CadreReviewStep | null {
  return cadreReviewSteps.find((s) => cadreReviewStepFrom[s] === status) ?? null;
}

/** 述职 text is entered while preparing or in 述职 (not after the 测评 opened). */
export const isCadreReportOpen = (s: CadreReviewStatus) => s === 'preparing' || s === 'reporting';
/** Grades are set in 评定 only. */
export const isCadreGradingOpen = (s: CadreReviewStatus) => s === 'grading';
/** Consequences are recorded once the grades are published. */
export const mayRecordConsequences = (s: CadreReviewStatus) => s === 'published';
