/**
 * The indicator system (指标体系) as data the 组织部 edits: a tree of dimensions (一级指标) holding
 * indicators (二级指标), one version per year, plus vetoes (一票否决) and the rating rules (star bands,
 * quotas, eligibility, follow-up bands). `indicatorSystemProblems` says, with field paths and Chinese
 * messages, what is inconsistent; `indicatorSystemEditProblems` keeps a version in use frozen.
 *
 * A weight is written as the indicator's maximum points: in a 100-point system "占20%" is a maximum of 20.
 * Base indicators (computed, judgement) of a dimension add up to its maximum and the dimensions to the
 * system's; bonus and deduction items move a dimension's subtotal within [0, its maximum], each capped by
 * itself, by its dimension and by the system.
 */
import { isBranchType, type OrgType } from '../dictionaries.ts';
import {
  type AssessedLevel,
  type AssessmentKind,
  assessedLevelLabels,
  type ResultMode,
  type ScoringMethod,
} from './dictionaries.ts';
import { isMetricKey, type MetricKey, metricCatalogue, metricRange } from './metrics.ts';

/** Points of a band of a computed indicator: the value v scores `points` when min ≤ v < max (max null: no end). */
export interface ScoreBand {
  min: number;
  max: number | null;
  points: number;
}

/** How an indicator scores when its metric does not apply to the org (value null): full marks (达标) or 0. */
export type NotApplicableRule = 'full' | 'zero';

interface IndicatorBase {
  /** Unique in the system (dimensions, indicators and vetoes share one namespace): 'A1', '2.3'. */
  id: string;
  title: string;
  /** 评分标准 / 观测点 as the reviewer and the org read it. */
  guidance: string | null;
}

/** Points from a record-computed metric, through bands. */
export interface ComputedIndicator extends IndicatorBase {
  method: 'computed';
  max: number;
  metric: MetricKey;
  bands: ScoreBand[];
  notApplicable: NotApplicableRule;
}

/** Points a reviewer gives (0 to max), with a comment and links to records. */
export interface JudgementIndicator extends IndicatorBase {
  method: 'judgement';
  max: number;
}

/**
 * 加分 / 扣分: `pointsPerItem` for each occurrence, at most `cap` in all. Occurrences are counted from a
 * `count` metric when one is named, else entered by the reviewer with a comment and links.
 */
export interface AdjustmentIndicator extends IndicatorBase {
  method: 'bonus' | 'deduction';
  pointsPerItem: number;
  cap: number;
  metric: MetricKey | null;
}

/**
 * 达标 / 不达标 (standardisation acceptance). With a metric it passes when the value meets `threshold`
 * (≥ for higher-better metrics, ≤ for lower-better); without one a reviewer decides. A required indicator
 * must pass for the result to pass.
 */
export interface PassFailIndicator extends IndicatorBase {
  method: 'pass_fail';
  required: boolean;
  metric: MetricKey | null;
  threshold: number | null;
  notApplicable: NotApplicableRule;
}

export type Indicator = ComputedIndicator | JudgementIndicator | AdjustmentIndicator | PassFailIndicator;

/** A dimension (一级指标): its maximum and the caps of its bonus and deduction items (null: none). */
export interface Dimension {
  id: string;
  title: string;
  /** Sum of its base indicators' maxima; 0 in a pass/fail system. */
  max: number;
  bonusCap: number | null;
  deductionCap: number | null;
  indicators: Indicator[];
}

/** What a triggered veto does: at most `stars` stars, at most `score` points, or 不达标. */
export type VetoCap =
  | { kind: 'max_stars'; stars: number }
  | { kind: 'max_score'; score: number }
  | { kind: 'fail' };

/**
 * 一票否决. Triggered from a metric that fails its threshold (> threshold for lower-better metrics,
 * < threshold for higher-better) or, without a metric, by a reviewer's finding with a reason.
 */
export interface VetoItem {
  id: string;
  title: string;
  guidance: string | null;
  metric: MetricKey | null;
  threshold: number | null;
  cap: VetoCap;
}

/** A star level from a minimum score: the highest band whose minScore the total reaches. */
export interface StarBand {
  stars: number;
  minScore: number;
}

/** At most `maxPercent` % of the rated orgs of a round may have `minStars` stars or more. */
export interface StarQuota {
  minStars: number;
  maxPercent: number;
}

/**
 * The follow-up band of a result: 示范 from `exemplaryFrom`, 整改 below `rectifyBelow` (both in stars or
 * points, by `basis`), 提升 between. An indicator scoring under `shortfallPercent` % of its maximum becomes a
 * rectification item of a 整改 result.
 */
export interface FollowUpRule {
  basis: 'stars' | 'score';
  exemplaryFrom: number;
  rectifyBelow: number;
  shortfallPercent: number;
}

/** How results are rated: stars, quotas, who is rated, what follows. */
export interface RatingRules {
  /** Empty when the system gives no stars. */
  starBands: StarBand[];
  quotas: StarQuota[];
  /** An org younger than this on the round's reference date is not rated; null: every org is. */
  minAgeMonths: number | null;
  followUp: FollowUpRule;
}

/** One year's version of an indicator system. */
export interface IndicatorSystemDefinition {
  kind: AssessmentKind;
  level: AssessedLevel;
  name: string;
  year: number;
  description: string | null;
  mode: ResultMode;
  /** Sum of the dimensions' maxima; 0 in a pass/fail system. */
  maxScore: number;
  /** Caps of all bonus / all deduction points of the system (null: none). */
  bonusCap: number | null;
  deductionCap: number | null;
  /** In a pass/fail system: the share of all indicators that must pass besides every required one (100: all). */
  minPassedPercent: number;
  dimensions: Dimension[];
  vetoes: VetoItem[];
  rating: RatingRules;
}

/** A problem with one field of a system, in Chinese, naming the field. */
export interface SystemProblem {
  path: string;
  message: string;
}

/** Most points anything may carry, and at most two decimals. */
export const maxPoints = 1000;

/** Rounds to hundredths, so sums of 0.1 + 0.2 read 0.3. */
export function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}

/** True when `x` has at most two decimals. */
export function hasAtMostTwoDecimals(x: number): boolean {
  return Math.abs(roundPoints(x) - x) < 1e-9;
}

/** The dimensions' base indicators (computed, judgement): the ones whose maxima add up. */
export function isBaseIndicator(i: Indicator): i is ComputedIndicator | JudgementIndicator {
  return i.method === 'computed' || i.method === 'judgement';
}

/** The methods a system of this mode may use. */
export function methodsOfMode(mode: ResultMode): readonly ScoringMethod[] {
  return mode === 'score' ? ['computed', 'judgement', 'bonus', 'deduction'] : ['pass_fail'];
}

/** True when a metric value meets a threshold: ≥ for higher-better metrics, ≤ for lower-better. */
export function meetsThreshold(metric: MetricKey, value: number, threshold: number): boolean {
  return metricCatalogue[metric].direction === 'higher_better' ? value >= threshold : value <= threshold;
}

/** True when an org of this type is assessed by a system of this level. */
export function orgFitsLevel(type: OrgType, level: AssessedLevel): boolean {
  return level === 'branch' ? isBranchType(type) : type === 'general_branch';
}

/** Every indicator of a system with its dimension, in order. */
export function indicatorsOf(system: Pick<IndicatorSystemDefinition, 'dimensions'>): {
  dimension: Dimension;
  indicator: Indicator;
}[] {
  return system.dimensions.flatMap((dimension) =>
    dimension.indicators.map((indicator) => ({ dimension, indicator })),
  );
}

const fmt = (x: number) => String(roundPoints(x));

function bandProblems(ind: ComputedIndicator, path: string): SystemProblem[] {
  const out: SystemProblem[] = [];
  const bands = ind.bands;
  if (bands.length === 0) return [{ path: `${path}.bands`, message: '分档：至少设置一档' }];
  const range = isMetricKey(ind.metric)
    ? metricRange(metricCatalogue[ind.metric].unit)
    : { min: 0, max: null };
  bands.forEach((b, j) => {
    const p = `${path}.bands.${j}`;
    if (b.max !== null && b.max <= b.min)
      out.push({ path: `${p}.max`, message: `分档上限：须大于下限（${fmt(b.min)}）` });
    if (b.points < 0 || b.points > ind.max)
      out.push({ path: `${p}.points`, message: `分档分值：须在 0 到本项满分 ${fmt(ind.max)} 之间` });
    if (j === 0 && b.min > range.min)
      out.push({ path: `${p}.min`, message: `分档下限：第一档须从 ${range.min} 起，才能覆盖所有取值` });
    const prev = bands[j - 1];
    if (prev) {
      if (prev.max === null) out.push({ path: `${p}.min`, message: '分档：上一档已无上限，本档与之重叠' });
      else if (b.min < prev.max)
        out.push({ path: `${p}.min`, message: `分档下限：与上一档（至 ${fmt(prev.max)}）重叠` });
      else if (b.min > prev.max)
        out.push({ path: `${p}.min`, message: `分档下限：与上一档（至 ${fmt(prev.max)}）之间有空缺` });
    }
  });
  const last = bands[bands.length - 1]!;
  if (last.max !== null)
    out.push({
      path: `${path}.bands.${bands.length - 1}.max`,
      message: '分档上限：最后一档不设上限（留空），才能覆盖所有取值',
    });
  if (!bands.some((b) => b.points === ind.max))
    out.push({ path: `${path}.bands`, message: `分档：须有一档得满分 ${fmt(ind.max)}` });
  return out;
}

function metricProblems(
  metric: string | null,
  level: AssessedLevel,
  path: string,
  needCount: boolean,
): SystemProblem[] {
  if (metric === null) return [];
  if (!isMetricKey(metric)) return [{ path, message: `数据指标：“${metric}”不在平台提供的数据指标目录中` }];
  const info: { appliesTo: readonly AssessedLevel[]; unit: string; label: string } = metricCatalogue[metric];
  const out: SystemProblem[] = [];
  if (!info.appliesTo.includes(level))
    out.push({ path, message: `数据指标：“${info.label}”不适用于${assessedLevelLabels[level]}` });
  if (needCount && info.unit !== 'count')
    out.push({ path, message: `数据指标：加分、扣分项按次数计，“${info.label}”不是次数` });
  return out;
}

function capProblem(value: number | null, path: string, what: string): SystemProblem[] {
  return value !== null && value < 0 ? [{ path, message: `${what}：不能为负数` }] : [];
}

function indicatorProblems(s: IndicatorSystemDefinition, ind: Indicator, path: string): SystemProblem[] {
  const out: SystemProblem[] = [];
  if (!methodsOfMode(s.mode).includes(ind.method))
    out.push({
      path: `${path}.method`,
      message:
        s.mode === 'score'
          ? '评分方式：计分的指标体系不能设达标项'
          : '评分方式：达标验收的指标只能判定达标 / 不达标',
    });
  switch (ind.method) {
    case 'computed':
      if (!(ind.max > 0)) out.push({ path: `${path}.max`, message: '满分：须大于 0' });
      out.push(...metricProblems(ind.metric, s.level, `${path}.metric`, false), ...bandProblems(ind, path));
      break;
    case 'judgement':
      if (!(ind.max > 0)) out.push({ path: `${path}.max`, message: '满分：须大于 0' });
      break;
    case 'bonus':
    case 'deduction':
      if (!(ind.pointsPerItem > 0))
        out.push({ path: `${path}.pointsPerItem`, message: '每项分值：须大于 0' });
      out.push(...capProblem(ind.cap, `${path}.cap`, '本项上限'));
      out.push(...metricProblems(ind.metric, s.level, `${path}.metric`, true));
      break;
    case 'pass_fail':
      out.push(...metricProblems(ind.metric, s.level, `${path}.metric`, false));
      if (ind.metric !== null && ind.threshold === null)
        out.push({ path: `${path}.threshold`, message: '达标线：按数据指标判定时须设达标线' });
      break;
  }
  return out;
}

function vetoProblems(s: IndicatorSystemDefinition): SystemProblem[] {
  const out: SystemProblem[] = [];
  s.vetoes.forEach((v, i) => {
    const path = `vetoes.${i}`;
    out.push(...metricProblems(v.metric, s.level, `${path}.metric`, false));
    if (v.metric !== null && v.threshold === null)
      out.push({ path: `${path}.threshold`, message: '触发线：按数据指标判定时须设触发线' });
    const cap = v.cap;
    if (s.mode === 'pass_fail' && cap.kind !== 'fail')
      out.push({ path: `${path}.cap.kind`, message: '否决后果：达标验收的否决项直接判定不达标' });
    if (s.mode === 'score' && cap.kind === 'fail')
      out.push({ path: `${path}.cap.kind`, message: '否决后果：计分的指标体系请设最高星级或总分封顶' });
    if (cap.kind === 'max_stars') {
      if (s.rating.starBands.length === 0)
        out.push({ path: `${path}.cap.kind`, message: '否决后果：本体系不评星级，不能限定最高星级' });
      else if (!s.rating.starBands.some((b) => b.stars === cap.stars))
        out.push({ path: `${path}.cap.stars`, message: '最高星级：须是评定星级中的一级' });
    }
    if (cap.kind === 'max_score' && (cap.score < 0 || cap.score >= s.maxScore))
      out.push({
        path: `${path}.cap.score`,
        message: `封顶分数：须在 0 到满分 ${fmt(s.maxScore)} 之间（不含满分）`,
      });
  });
  return out;
}

function ratingProblems(s: IndicatorSystemDefinition): SystemProblem[] {
  const out: SystemProblem[] = [];
  const r = s.rating;
  const bands = r.starBands;
  if (bands.length > 0 && s.mode !== 'score')
    out.push({ path: 'rating.starBands', message: '星级：只有计分的指标体系才能评星级' });
  bands.forEach((b, i) => {
    const p = `rating.starBands.${i}`;
    if (b.minScore < 0 || b.minScore > s.maxScore)
      out.push({ path: `${p}.minScore`, message: `最低分：须在 0 到满分 ${fmt(s.maxScore)} 之间` });
    const prev = bands[i - 1];
    if (prev && !(b.stars > prev.stars && b.minScore > prev.minScore))
      out.push({ path: p, message: '星级：须按星级从低到高排列，星级越高最低分越高' });
  });
  if (bands.length > 0 && bands[0]!.minScore !== 0)
    out.push({
      path: 'rating.starBands.0.minScore',
      message: '最低分：最低一级须从 0 分起，每个得分都有星级',
    });
  r.quotas.forEach((q, i) => {
    const p = `rating.quotas.${i}`;
    if (!bands.some((b) => b.stars === q.minStars))
      out.push({ path: `${p}.minStars`, message: '比例限制的星级：须是评定星级中的一级' });
    if (r.quotas.findIndex((o) => o.minStars === q.minStars) !== i)
      out.push({ path: `${p}.minStars`, message: '比例限制的星级：同一星级只能设一条' });
  });
  const f = r.followUp;
  if (s.mode === 'score') {
    if (f.basis === 'stars' && bands.length === 0)
      out.push({ path: 'rating.followUp.basis', message: '示范 / 整改的依据：本体系不评星级，请按得分划分' });
    if (f.rectifyBelow > f.exemplaryFrom)
      out.push({ path: 'rating.followUp.rectifyBelow', message: '整改线：不能高于示范线' });
    if (f.basis === 'score' && f.exemplaryFrom > s.maxScore)
      out.push({ path: 'rating.followUp.exemplaryFrom', message: `示范线：不能高于满分 ${fmt(s.maxScore)}` });
  }
  return out;
}

/**
 * What is inconsistent in a system, as field paths ('dimensions.0.indicators.2.bands.1.min') with Chinese
 * messages; empty when it can be used. The shape (types, lengths, ranges of single fields) is the zod
 * contract's; this checks what depends on several fields: sums, bands, ids, metrics, caps and ratings.
 */
export function indicatorSystemProblems(s: IndicatorSystemDefinition): SystemProblem[] {
  const out: SystemProblem[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const before = seen.get(id);
    if (before !== undefined) out.push({ path: `${path}.id`, message: `编号：“${id}”与${before}重复` });
    else seen.set(id, path);
  };
  if (s.dimensions.length === 0) out.push({ path: 'dimensions', message: '一级指标：至少设置一项' });
  out.push(
    ...capProblem(s.bonusCap, 'bonusCap', '加分总上限'),
    ...capProblem(s.deductionCap, 'deductionCap', '扣分总上限'),
  );
  let sum = 0;
  s.dimensions.forEach((d, i) => {
    const path = `dimensions.${i}`;
    claim(d.id, path);
    out.push(
      ...capProblem(d.bonusCap, `${path}.bonusCap`, '本项加分上限'),
      ...capProblem(d.deductionCap, `${path}.deductionCap`, '本项扣分上限'),
    );
    if (d.indicators.length === 0)
      out.push({ path: `${path}.indicators`, message: '二级指标：至少设置一项' });
    d.indicators.forEach((ind, j) => {
      claim(ind.id, `${path}.indicators.${j}`);
      out.push(...indicatorProblems(s, ind, `${path}.indicators.${j}`));
    });
    sum += d.max;
    if (s.mode === 'score') {
      if (!(d.max > 0))
        out.push({
          path: `${path}.max`,
          message: '满分：须大于 0（加分、扣分项须放在有计分指标的一级指标下）',
        });
      const base = roundPoints(d.indicators.filter(isBaseIndicator).reduce((acc, ind) => acc + ind.max, 0));
      if (base !== roundPoints(d.max))
        out.push({
          path: `${path}.max`,
          message: `满分：${fmt(d.max)} 与所属计分指标满分之和 ${fmt(base)} 不一致`,
        });
    } else if (d.max !== 0) out.push({ path: `${path}.max`, message: '满分：达标验收不计分，应为 0' });
  });
  if (s.mode === 'score') {
    if (!(s.maxScore > 0)) out.push({ path: 'maxScore', message: '满分：须大于 0' });
    else if (roundPoints(sum) !== roundPoints(s.maxScore))
      out.push({
        path: 'maxScore',
        message: `满分：${fmt(s.maxScore)} 与一级指标满分之和 ${fmt(sum)} 不一致`,
      });
  } else {
    if (s.maxScore !== 0) out.push({ path: 'maxScore', message: '满分：达标验收不计分，应为 0' });
    if (s.minPassedPercent < 0 || s.minPassedPercent > 100)
      out.push({ path: 'minPassedPercent', message: '达标比例：须在 0 到 100 之间' });
  }
  s.vetoes.forEach((v, i) => {
    claim(v.id, `vetoes.${i}`);
  });
  out.push(...vetoProblems(s), ...ratingProblems(s));
  return out;
}

/** Fields of a version in use that may still be corrected (they do not change any score). */
export const editableWhenInUse = [
  'name',
  'description',
] as const satisfies readonly (keyof IndicatorSystemDefinition)[];

/** What may be done to a version: edit everything, only its name and description (in use), or delete it. */
export function allowedIndicatorSystemEdits(inUse: boolean): {
  structure: boolean;
  texts: boolean;
  delete: boolean;
} {
  return { structure: !inUse, texts: true, delete: !inUse };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Why an edit of a version is refused: a version a round uses is frozen (its scores must stay what they were),
 * so only its name and description change; anything else is refused on its field, and a new version (a copy
 * for the next year) carries the change.
 */
export function indicatorSystemEditProblems(
  before: IndicatorSystemDefinition,
  after: IndicatorSystemDefinition,
  inUse: boolean,
): SystemProblem[] {
  if (!inUse) return [];
  const keys = Object.keys(after) as (keyof IndicatorSystemDefinition)[];
  return keys
    .filter((k) => !(editableWhenInUse as readonly string[]).includes(k) && !sameJson(before[k], after[k]))
    .map((k) => ({
      path: k,
      message: '该版本已用于考核，指标、分值和评定规则不能再修改；请复制为新版本后修改',
    }));
}

/** A copy of a version for another year (a school's next version, or a template taken into use). */
export function copyIndicatorSystem(
  s: IndicatorSystemDefinition,
  year: number,
  name?: string,
): IndicatorSystemDefinition {
  const copy = JSON.parse(JSON.stringify(s)) as IndicatorSystemDefinition;
  return { ...copy, year, name: name ?? copy.name };
}

/** True when an org type fits a system level; with the label for a refusal message. */
export function orgLevelProblem(type: OrgType, level: AssessedLevel): string | null {
  return orgFitsLevel(type, level) ? null : `该指标体系只用于考核${assessedLevelLabels[level]}`;
}
