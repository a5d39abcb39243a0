/**
 * Results of a round: who is rated (eligibility), the quotas a set of final stars must keep (e.g. 五星级 at most
 * 30 % of the rated branches, RULES.md §9 [S], configurable per level), the follow-up band (示范 / 提升 / 整改)
 * and which indicators of a 整改 result become rectification items (source `assessment`, 考核扣分).
 */
import { addMonths, type IsoDate } from '../dates.ts';
import type { FollowUpBand } from './dictionaries.ts';
import { metricCatalogue } from './metrics.ts';
import type { AssessmentScore, ComputedSource, IndicatorScore, Provenance } from './scoring.ts';
import { type IndicatorSystemDefinition, roundPoints, type StarQuota } from './system.ts';

const chineseNumerals = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** '五星级' for 5 (the Chinese numeral up to ten). */
export function starLabel(stars: number): string {
  return `${chineseNumerals[stars] ?? String(stars)}星级`;
}

/** Whether an org is rated in a round, and why not. */
export type Eligibility = { eligible: true } | { eligible: false; reason: string };

/**
 * An org is rated when it was founded at least `minAgeMonths` before the round's reference date (on the
 * anniversary exactly it is: founded 2025-12-31, rated on 2026-12-31). 星级评定: branches younger than one year
 * are not rated (RULES.md §9 [S]). Anniversaries as in dates.ts (from 02-29 a year is 02-28).
 */
export function ratingEligibility(
  foundedOn: IsoDate,
  referenceDate: IsoDate,
  minAgeMonths: number | null,
): Eligibility {
  if (minAgeMonths === null) return { eligible: true };
  const from = addMonths(foundedOn, minAgeMonths);
  if (from <= referenceDate) return { eligible: true };
  const years = minAgeMonths % 12 === 0 ? `${minAgeMonths / 12}年` : `${minAgeMonths}个月`;
  return {
    eligible: false,
    reason: `成立于 ${foundedOn}，至考核参照日 ${referenceDate} 不满${years}，本轮不参加评定（${from} 起可参评）`,
  };
}

/** How many rated orgs a quota allows: ⌊ratedCount × maxPercent / 100⌋, in whole numbers (30 % of 3 is 0). */
export function quotaAllowance(ratedCount: number, maxPercent: number): number {
  return Math.floor((ratedCount * maxPercent) / 100);
}

/** One org's stars in a round (null: not rated). */
export interface RatedResult {
  orgId: number;
  orgName: string;
  stars: number | null;
}

/** A quota a set of results breaks: the rule, the counts and the orgs that reach its level. */
export interface QuotaConflict {
  rule: StarQuota;
  ratedCount: number;
  allowed: number;
  actual: number;
  orgs: { orgId: number; orgName: string }[];
  message: string;
}

/**
 * The quotas a set of results breaks. `ratedCount` is the number of orgs rated in the round (by default those
 * in `results` with stars), so a partial set (the ones decided so far) is checked against the whole round.
 */
export function quotaConflicts(
  results: readonly RatedResult[],
  quotas: readonly StarQuota[],
  ratedCount: number = results.filter((r) => r.stars !== null).length,
): QuotaConflict[] {
  const out: QuotaConflict[] = [];
  const topStars = Math.max(0, ...quotas.map((q) => q.minStars));
  for (const rule of quotas) {
    const reaching = results.filter((r) => r.stars !== null && r.stars >= rule.minStars);
    const allowed = quotaAllowance(ratedCount, rule.maxPercent);
    if (reaching.length <= allowed) continue;
    const level = `${starLabel(rule.minStars)}${rule.minStars < topStars ? '及以上' : ''}`;
    out.push({
      rule,
      ratedCount,
      allowed,
      actual: reaching.length,
      orgs: reaching.map((r) => ({ orgId: r.orgId, orgName: r.orgName })),
      message: `${level}不超过参评党组织的${rule.maxPercent}%：参评 ${ratedCount} 个，最多 ${allowed} 个，现有 ${reaching.length} 个（${reaching.map((r) => r.orgName).join('、')}）`,
    });
  }
  return out;
}

/** The score as a share of 100 (the per-unit 党建 score the school's performance system weighs). */
export function scoreOutOf100(score: Pick<AssessmentScore, 'total' | 'maxScore'>): number {
  return score.maxScore > 0 ? roundPoints((score.total / score.maxScore) * 100) : 0;
}

/**
 * The follow-up band of a result: 整改 when a veto was triggered or a pass/fail result failed; otherwise, by the
 * system's rule, 示范 from `exemplaryFrom` stars (or points), 整改 below `rectifyBelow`, 提升 between. A
 * pass/fail result that passed is 示范 when every indicator passed, else 提升.
 */
export function followUpBand(system: IndicatorSystemDefinition, score: AssessmentScore): FollowUpBand {
  if (score.vetoed) return 'rectify';
  if (system.mode === 'pass_fail') {
    if (!score.passed) return 'rectify';
    return score.passedCount === score.passFailCount ? 'exemplary' : 'improve';
  }
  const f = system.rating.followUp;
  const value = f.basis === 'stars' ? (score.stars ?? 0) : score.total;
  if (value >= f.exemplaryFrom) return 'exemplary';
  return value < f.rectifyBelow ? 'rectify' : 'improve';
}

/** Why an item becomes a rectification item. */
export type RectificationReason = 'veto' | 'failed' | 'deduction' | 'shortfall';

/** An item a 整改 result opens: the indicator (or veto), and the problem as the rectification list shows it. */
export interface RectificationProposal {
  itemId: string;
  reason: RectificationReason;
  dimensionTitle: string | null;
  problem: string;
}

function computedOf(p: Provenance): ComputedSource | null {
  return p.kind === 'metric' || p.kind === 'override' ? p.computed : null;
}

/** What backs an item's value, for the problem text: the metric and its value, or the reviewer's comment. */
function evidence(p: Provenance): string | null {
  const c = computedOf(p);
  if (c) return `${metricCatalogue[c.metric].label}：${c.display}${c.detail ? `，${c.detail}` : ''}`;
  if (p.kind === 'judgement' && p.judgement.comment) return p.judgement.comment;
  return null;
}

const inBrackets = (...parts: (string | null)[]) => {
  const text = parts.filter((x) => x !== null).join('；');
  return text ? `（${text}）` : '';
};

function isShortfall(i: IndicatorScore, percent: number): boolean {
  return (i.method === 'computed' || i.method === 'judgement') && i.points * 100 < percent * i.max;
}

/**
 * Which indicators a result turns into rectification items, decided when the result is final: none unless its
 * band is 整改; then every triggered veto, every indicator not passed, every deduction taken and every base
 * indicator under `shortfallPercent` % of its maximum. The server opens them through the rectification
 * service (source `assessment`); this only decides which and how the problem reads.
 */
export function rectificationProposals(
  system: IndicatorSystemDefinition,
  score: AssessmentScore,
): RectificationProposal[] {
  if (followUpBand(system, score) !== 'rectify') return [];
  const prefix = (dimension: string | null) => `【${system.name}${dimension ? `·${dimension}` : ''}】`;
  const out: RectificationProposal[] = [];
  for (const v of score.vetoes)
    if (v.triggered)
      out.push({
        itemId: v.id,
        reason: 'veto',
        dimensionTitle: null,
        problem: `${prefix(null)}一票否决：${v.title}${inBrackets(evidence(v.provenance))}`,
      });
  const percent = system.rating.followUp.shortfallPercent;
  for (const d of score.dimensions)
    for (const i of d.indicators) {
      const at = `${prefix(d.title)}${i.title}`;
      if (i.method === 'pass_fail' && i.passed !== true)
        out.push({
          itemId: i.id,
          reason: 'failed',
          dimensionTitle: d.title,
          problem: `${at}：未达标${inBrackets(evidence(i.provenance))}`,
        });
      else if (i.method === 'deduction' && i.points > 0)
        out.push({
          itemId: i.id,
          reason: 'deduction',
          dimensionTitle: d.title,
          problem: `${at}：扣 ${i.points} 分${inBrackets(`${i.count} 项`, evidence(i.provenance))}`,
        });
      else if (isShortfall(i, percent))
        out.push({
          itemId: i.id,
          reason: 'shortfall',
          dimensionTitle: d.title,
          problem: `${at}：得 ${i.points} 分${inBrackets(`满分 ${i.max} 分`, evidence(i.provenance))}`,
        });
    }
  return out;
}
