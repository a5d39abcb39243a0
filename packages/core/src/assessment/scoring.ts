/**
 * Scoring: a system, the record facts, the reviewers' judgements and the overrides → points per indicator
 * with where each came from, subtotals per dimension, the total, the vetoes and the result (stars, or 达标).
 * Pure and deterministic: the same inputs give the same score, whatever else happens.
 *
 * - computed: the metric's value and the band it fell in; an override keeps its reason beside the computed
 *   value (the computed value is still shown); a metric that does not apply scores by `notApplicable`.
 * - judgement: the latest level's points (组织部 over 总支 over 自评), with its comment and links; the
 *   自评 value is kept beside it.
 * - bonus / deduction: occurrences × points per item, at most the item's cap; then the dimension's cap and
 *   the system's (taken in dimension order); a dimension's subtotal stays within [0, its maximum].
 * - the total stays within [0, the system's maximum]; a triggered veto caps it (score), the stars, or fails
 *   the result.
 */
import type { AssessmentRecordKind, ReviewLevel } from './dictionaries.ts';
import { reviewLevels } from './dictionaries.ts';
import { formatMetricValue, isMetricKey, type MetricKey } from './metrics.ts';
import {
  type Dimension,
  type Indicator,
  type IndicatorSystemDefinition,
  indicatorsOf,
  meetsThreshold,
  roundPoints,
  type ScoreBand,
  type StarBand,
  type VetoItem,
} from './system.ts';

/** A record a figure came from, or one a reviewer linked: opened from the score. */
export interface AssessmentRecordRef {
  kind: AssessmentRecordKind;
  /** The record's id (a finding's key). */
  id: string;
  /** How the record reads in a list ('2026-03-12 支部党员大会'). */
  label: string | null;
}

/** One metric's value for one org and round, as the server computed it from records. */
export interface MetricFact {
  /** null: the metric does not apply to this org. */
  value: number | null;
  /** How it was counted, for people ('应开展 12 期，已开展 10 期'). */
  detail: string | null;
  records: AssessmentRecordRef[];
}

/** The facts of one org: a value for each metric the system uses. */
export type AssessmentFacts = Partial<Record<MetricKey, MetricFact>>;

/**
 * A value entered by a level for an item (indicator or veto) scored by people: points (judgement), a number of
 * occurrences (bonus / deduction without a metric), 达标 (pass/fail without a metric) or 触发 (veto without
 * a metric).
 */
export interface Judgement {
  itemId: string;
  level: ReviewLevel;
  value: number | boolean;
  comment: string | null;
  links: AssessmentRecordRef[];
  byName?: string | null;
  at?: string | null;
}

/** A reviewer's override of a computed item (same meaning of `value`), with the reason kept beside it. */
export interface Adjustment {
  itemId: string;
  level: Exclude<ReviewLevel, 'self'>;
  value: number | boolean;
  reason: string;
  byName?: string | null;
  at?: string | null;
}

/** How an item's value was computed from a metric. */
export interface ComputedSource {
  metric: MetricKey;
  value: number | null;
  /** The value for people: 87.5%, 3, 不适用, 无数据. */
  display: string;
  detail: string | null;
  records: AssessmentRecordRef[];
  /** The band the value fell in (computed indicators). */
  band: ScoreBand | null;
  /** The fact was not provided: a server bug, shown rather than hidden. */
  missing: boolean;
}

/** Where an item's points (or 达标, or trigger) came from. */
export type Provenance =
  | { kind: 'metric'; computed: ComputedSource; notApplicable: boolean }
  | {
      kind: 'override';
      computed: ComputedSource;
      /** What the computation alone gave (points, occurrences, 达标 or 触发). */
      computedValue: number | boolean;
      adjustment: Adjustment;
    }
  | { kind: 'judgement'; judgement: Judgement; selfValue: number | boolean | null }
  | { kind: 'pending' }
  | { kind: 'default' };

/** One indicator's outcome. */
export interface IndicatorScore {
  id: string;
  title: string;
  method: Indicator['method'];
  /** Its maximum (computed, judgement) or cap (bonus, deduction); 0 for pass/fail. */
  max: number;
  /** Points after its own cap (a deduction's are positive and taken off). 0 for pass/fail. */
  points: number;
  /** Occurrences counted (bonus, deduction); null otherwise. */
  count: number | null;
  /** 达标 (pass/fail); null otherwise. */
  passed: boolean | null;
  required: boolean;
  provenance: Provenance;
}

/** One dimension's outcome. */
export interface DimensionScore {
  id: string;
  title: string;
  max: number;
  /** Points of its computed and judgement indicators. */
  base: number;
  /** Bonus and deduction points counted after the dimension's and the system's caps. */
  bonus: number;
  deduction: number;
  /** Which cap cut the bonus or deduction (null: none did). */
  bonusCappedBy: 'dimension' | 'system' | null;
  deductionCappedBy: 'dimension' | 'system' | null;
  /** base + bonus − deduction, within [0, max]. */
  subtotal: number;
  /** Pass/fail systems: every required indicator of the dimension passed. */
  passed: boolean | null;
  indicators: IndicatorScore[];
}

/** One veto's outcome. */
export interface VetoScore {
  id: string;
  title: string;
  triggered: boolean;
  cap: VetoItem['cap'];
  provenance: Provenance;
}

/** The whole score of one org in one round. */
export interface AssessmentScore {
  mode: IndicatorSystemDefinition['mode'];
  maxScore: number;
  dimensions: DimensionScore[];
  vetoes: VetoScore[];
  /** Sum of the subtotals before any veto (score systems). */
  scoreBeforeVeto: number;
  /** The total: within [0, maxScore], a max_score veto applied. 0 in a pass/fail system. */
  total: number;
  /** Stars the total reaches, before vetoes; null when the system gives none. */
  starsBeforeVeto: number | null;
  /** Stars after max_stars vetoes. */
  stars: number | null;
  /** Pass/fail systems: 达标; null in score systems. */
  passed: boolean | null;
  passedCount: number;
  passFailCount: number;
  vetoed: boolean;
  /** Items still waiting for a judgement (they score 0, or 不达标, until then). */
  pending: string[];
  /** Metrics the facts did not provide. */
  missingMetrics: MetricKey[];
}

const levelRank = (l: ReviewLevel) => reviewLevels.indexOf(l);

/** The judgement that counts for an item: the latest level's (among equals, the last given). */
function latest<T extends { itemId: string; level: ReviewLevel }>(items: readonly T[], id: string): T | null {
  let best: T | null = null;
  for (const j of items)
    if (j.itemId === id && (best === null || levelRank(j.level) >= levelRank(best.level))) best = j;
  return best;
}

/** The band a value falls in: min ≤ v < max (max null: no end). */
export function bandFor(bands: readonly ScoreBand[], value: number): ScoreBand | null {
  return bands.find((b) => value >= b.min && (b.max === null || value < b.max)) ?? null;
}

/** Stars a score reaches: the highest band whose minimum it reaches (null when the system gives none). */
export function starsForScore(bands: readonly StarBand[], total: number): number | null {
  let stars: number | null = null;
  for (const b of bands) if (total >= b.minScore && (stars === null || b.stars > stars)) stars = b.stars;
  return stars ?? (bands.length > 0 ? Math.min(...bands.map((b) => b.stars)) : null);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const asNumber = (v: number | boolean) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const asCount = (v: number | boolean) => Math.max(0, Math.floor(asNumber(v)));

function computedSource(facts: AssessmentFacts, metric: MetricKey, band: ScoreBand | null): ComputedSource {
  const fact = facts[metric];
  return {
    metric,
    value: fact ? fact.value : null,
    display: fact ? formatMetricValue(metric, fact.value) : '无数据',
    detail: fact?.detail ?? null,
    records: fact?.records ?? [],
    band,
    missing: fact === undefined,
  };
}

interface Inputs {
  facts: AssessmentFacts;
  judgements: readonly Judgement[];
  adjustments: readonly Adjustment[];
  pending: string[];
  missing: Set<MetricKey>;
}

/** Provenance of a judged item, and whether it is still waiting. */
function judged(inp: Inputs, id: string): { j: Judgement | null; provenance: Provenance } {
  const j = latest(inp.judgements, id);
  if (!j) return { j: null, provenance: { kind: 'pending' } };
  const self = j.level === 'self' ? null : inp.judgements.find((x) => x.itemId === id && x.level === 'self');
  return { j, provenance: { kind: 'judgement', judgement: j, selfValue: self ? self.value : null } };
}

/** A computed value, overridden when a reviewer did. */
function withOverride<T extends number | boolean>(
  inp: Inputs,
  id: string,
  computed: ComputedSource,
  computedValue: T,
  notApplicable: boolean,
  read: (v: number | boolean) => T,
): { value: T; provenance: Provenance } {
  if (computed.missing) inp.missing.add(computed.metric);
  const adj = latest(inp.adjustments, id);
  if (adj)
    return {
      value: read(adj.value),
      provenance: { kind: 'override', computed, computedValue, adjustment: adj },
    };
  return { value: computedValue, provenance: { kind: 'metric', computed, notApplicable } };
}

function scoreIndicator(ind: Indicator, inp: Inputs): IndicatorScore {
  const base = {
    id: ind.id,
    title: ind.title,
    method: ind.method,
    count: null,
    passed: null,
    required: false,
  };
  switch (ind.method) {
    case 'computed': {
      const fact = inp.facts[ind.metric];
      const value = fact?.value ?? null;
      const band = value === null ? null : bandFor(ind.bands, value);
      const notApplicable = fact !== undefined && value === null;
      const raw = notApplicable ? (ind.notApplicable === 'full' ? ind.max : 0) : (band?.points ?? 0);
      const r = withOverride(
        inp,
        ind.id,
        computedSource(inp.facts, ind.metric, band),
        raw,
        notApplicable,
        asNumber,
      );
      const max = Math.max(0, ind.max);
      return { ...base, max, points: roundPoints(clamp(r.value, 0, max)), provenance: r.provenance };
    }
    case 'judgement': {
      const { j, provenance } = judged(inp, ind.id);
      if (!j) inp.pending.push(ind.id);
      const max = Math.max(0, ind.max);
      const points = j ? clamp(asNumber(j.value), 0, max) : 0;
      return { ...base, max, points: roundPoints(points), provenance };
    }
    case 'bonus':
    case 'deduction': {
      let count: number;
      let provenance: Provenance;
      if (ind.metric !== null) {
        const computedCount = asCount(inp.facts[ind.metric]?.value ?? 0);
        const r = withOverride(
          inp,
          ind.id,
          computedSource(inp.facts, ind.metric, null),
          computedCount,
          inp.facts[ind.metric] !== undefined && inp.facts[ind.metric]?.value === null,
          asCount,
        );
        count = r.value;
        provenance = r.provenance;
      } else {
        const r = judged(inp, ind.id);
        count = r.j ? asCount(r.j.value) : 0;
        provenance = r.j ? r.provenance : { kind: 'default' };
      }
      const max = Math.max(0, ind.cap);
      const points = roundPoints(clamp(count * ind.pointsPerItem, 0, max));
      return { ...base, max, points, count, provenance };
    }
    case 'pass_fail': {
      let passed: boolean;
      let provenance: Provenance;
      if (ind.metric !== null) {
        const fact = inp.facts[ind.metric];
        const value = fact?.value ?? null;
        const notApplicable = fact !== undefined && value === null;
        const raw = notApplicable
          ? ind.notApplicable === 'full'
          : value !== null && ind.threshold !== null && meetsThreshold(ind.metric, value, ind.threshold);
        const r = withOverride(
          inp,
          ind.id,
          computedSource(inp.facts, ind.metric, null),
          raw,
          notApplicable,
          (v) => v === true,
        );
        passed = r.value;
        provenance = r.provenance;
      } else {
        const r = judged(inp, ind.id);
        if (!r.j) inp.pending.push(ind.id);
        passed = r.j?.value === true;
        provenance = r.provenance;
      }
      return { ...base, max: 0, points: 0, passed, required: ind.required, provenance };
    }
  }
}

function scoreVeto(v: VetoItem, inp: Inputs): VetoScore {
  const base = { id: v.id, title: v.title, cap: v.cap };
  if (v.metric !== null) {
    const value = inp.facts[v.metric]?.value ?? null;
    const raw = value !== null && v.threshold !== null && !meetsThreshold(v.metric, value, v.threshold);
    const notApplicable = inp.facts[v.metric] !== undefined && value === null;
    const r = withOverride(
      inp,
      v.id,
      computedSource(inp.facts, v.metric, null),
      raw,
      notApplicable,
      (x) => x === true,
    );
    return { ...base, triggered: r.value, provenance: r.provenance };
  }
  const r = judged(inp, v.id);
  return { ...base, triggered: r.j?.value === true, provenance: r.j ? r.provenance : { kind: 'default' } };
}

function scoreDimension(
  d: Dimension,
  inp: Inputs,
  mode: IndicatorSystemDefinition['mode'],
  room: { bonus: number; deduction: number },
): DimensionScore {
  const indicators = d.indicators.map((i) => scoreIndicator(i, inp));
  const sumOf = (m: Indicator['method']) =>
    roundPoints(indicators.filter((i) => i.method === m).reduce((acc, i) => acc + i.points, 0));
  const take = (
    wanted: number,
    dimensionCap: number | null,
    key: 'bonus' | 'deduction',
  ): { points: number; cappedBy: 'dimension' | 'system' | null } => {
    const dimCap = dimensionCap === null ? wanted : Math.max(0, Math.min(wanted, dimensionCap));
    const points = Math.max(0, Math.min(dimCap, room[key]));
    room[key] = roundPoints(room[key] - points);
    const cappedBy = points < dimCap ? 'system' : dimCap < wanted ? 'dimension' : null;
    return { points: roundPoints(points), cappedBy };
  };
  const base = sumOf('computed') + sumOf('judgement');
  const bonus = take(sumOf('bonus'), d.bonusCap, 'bonus');
  const deduction = take(sumOf('deduction'), d.deductionCap, 'deduction');
  const max = Math.max(0, d.max);
  const passFail = indicators.filter((i) => i.method === 'pass_fail');
  return {
    id: d.id,
    title: d.title,
    max: d.max,
    base: roundPoints(base),
    bonus: bonus.points,
    deduction: deduction.points,
    bonusCappedBy: bonus.cappedBy,
    deductionCappedBy: deduction.cappedBy,
    subtotal: mode === 'score' ? roundPoints(clamp(base + bonus.points - deduction.points, 0, max)) : 0,
    passed: mode === 'pass_fail' ? passFail.every((i) => !i.required || i.passed === true) : null,
    indicators,
  };
}

/**
 * Scores one org: per indicator points with provenance, per dimension subtotals (capped), the total (never
 * above the maximum nor below 0), the vetoes applied, and the result — stars for a starred system, 达标 for a
 * pass/fail one. Items without a judgement yet score 0 (不达标) and are listed in `pending`.
 */
export function scoreAssessment(
  system: IndicatorSystemDefinition,
  facts: AssessmentFacts,
  judgements: readonly Judgement[],
  adjustments: readonly Adjustment[],
): AssessmentScore {
  const inp: Inputs = { facts, judgements, adjustments, pending: [], missing: new Set() };
  const room = {
    bonus: system.bonusCap === null ? Number.POSITIVE_INFINITY : Math.max(0, system.bonusCap),
    deduction: system.deductionCap === null ? Number.POSITIVE_INFINITY : Math.max(0, system.deductionCap),
  };
  const dimensions = system.dimensions.map((d) => scoreDimension(d, inp, system.mode, room));
  const vetoes = system.vetoes.map((v) => scoreVeto(v, inp));
  const triggered = vetoes.filter((v) => v.triggered);
  const maxScore = Math.max(0, system.maxScore);
  const scoreBeforeVeto =
    system.mode === 'score'
      ? roundPoints(
          clamp(
            dimensions.reduce((acc, d) => acc + d.subtotal, 0),
            0,
            maxScore,
          ),
        )
      : 0;
  let total = scoreBeforeVeto;
  for (const v of triggered)
    if (v.cap.kind === 'max_score') total = Math.min(total, Math.max(0, v.cap.score));
  const starBands = system.mode === 'score' ? system.rating.starBands : [];
  const starsBeforeVeto = starsForScore(starBands, total);
  let stars = starsBeforeVeto;
  for (const v of triggered)
    if (v.cap.kind === 'max_stars' && stars !== null) stars = Math.min(stars, v.cap.stars);
  const passFail = dimensions.flatMap((d) => d.indicators).filter((i) => i.method === 'pass_fail');
  const passedCount = passFail.filter((i) => i.passed === true).length;
  const passed =
    system.mode === 'pass_fail'
      ? passFail.every((i) => !i.required || i.passed === true) &&
        passedCount * 100 >= system.minPassedPercent * passFail.length &&
        triggered.length === 0
      : null;
  const metricOrder = indicatorsOf(system)
    .map(({ indicator }) => ('metric' in indicator ? indicator.metric : null))
    .concat(system.vetoes.map((v) => v.metric))
    .filter((m): m is MetricKey => m !== null && isMetricKey(m));
  return {
    mode: system.mode,
    maxScore,
    dimensions,
    vetoes,
    scoreBeforeVeto,
    total: roundPoints(total),
    starsBeforeVeto,
    stars,
    passed,
    passedCount,
    passFailCount: passFail.length,
    vetoed: triggered.length > 0,
    pending: inp.pending,
    missingMetrics: [...new Set(metricOrder)].filter((m) => inp.missing.has(m)),
  };
}

/** An item of a system found by id: an indicator (with its dimension) or a veto. */
export type SystemItem =
  | { kind: 'indicator'; indicator: Indicator; dimension: Dimension }
  | { kind: 'veto'; veto: VetoItem };

/** Every indicator and veto of a system by id. */
export function systemItems(system: IndicatorSystemDefinition): Map<string, SystemItem> {
  const out = new Map<string, SystemItem>();
  for (const { indicator, dimension } of indicatorsOf(system))
    out.set(indicator.id, { kind: 'indicator', indicator, dimension });
  for (const veto of system.vetoes) out.set(veto.id, { kind: 'veto', veto });
  return out;
}

/** True when an item's value comes from a metric (only a reviewer's override changes it). */
export function isComputedItem(item: SystemItem): boolean {
  if (item.kind === 'veto') return item.veto.metric !== null;
  const i = item.indicator;
  return i.method === 'computed' || (i.method !== 'judgement' && i.metric !== null);
}

/** What an item's value is, for messages: 分值, 次数, 是否达标, 是否触发. */
function valueProblem(item: SystemItem, value: number | boolean): string | null {
  if (item.kind === 'veto') return typeof value === 'boolean' ? null : '是否触发：请选择是或否';
  const i = item.indicator;
  switch (i.method) {
    case 'computed':
    case 'judgement':
      return typeof value === 'number' &&
        value >= 0 &&
        value <= i.max &&
        Math.abs(roundPoints(value) - value) < 1e-9
        ? null
        : `分值：须在 0 到 ${roundPoints(i.max)} 分之间，最多两位小数`;
    case 'bonus':
    case 'deduction':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 999
        ? null
        : '次数：须为 0 到 999 的整数';
    case 'pass_fail':
      return typeof value === 'boolean' ? null : '是否达标：请选择达标或不达标';
  }
}

/** True when a value tells against the org: below full marks, a deduction, 不达标, a veto triggered. */
function isUnfavourable(item: SystemItem, value: number | boolean): boolean {
  if (item.kind === 'veto') return value === true;
  const i = item.indicator;
  switch (i.method) {
    case 'pass_fail':
      return value === false;
    case 'deduction':
      return typeof value === 'number' && value > 0;
    case 'bonus':
      return false;
    case 'computed':
    case 'judgement':
      return typeof value === 'number' && value < i.max;
  }
}

/**
 * What is wrong with judgements and overrides as entered (field paths 'judgements.2.value' with Chinese
 * messages; empty when they may be stored): unknown items; a judgement of a computed item (only a reviewer's
 * override with a reason changes it); a veto in a 自评 (reviewers find vetoes); a value of the wrong kind or
 * range; two entries for one item and level; a reviewer's unfavourable judgement or a veto found without a
 * comment saying why.
 */
export function judgementProblems(
  system: IndicatorSystemDefinition,
  judgements: readonly Judgement[],
  adjustments: readonly Adjustment[],
): { path: string; message: string }[] {
  const items = systemItems(system);
  const out: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  judgements.forEach((j, n) => {
    const path = `judgements.${n}`;
    const item = items.get(j.itemId);
    if (!item) {
      out.push({ path: `${path}.itemId`, message: `指标：本指标体系中没有编号为“${j.itemId}”的指标` });
      return;
    }
    if (isComputedItem(item)) {
      out.push({
        path: `${path}.itemId`,
        message: '指标：该项按平台记录自动计算，不能直接评分；审核时可调整并说明理由',
      });
      return;
    }
    if (item.kind === 'veto' && j.level === 'self') {
      out.push({ path: `${path}.itemId`, message: '指标：一票否决项由总支、组织部认定，自评时不填' });
      return;
    }
    const key = `${j.itemId}|${j.level}`;
    if (seen.has(key))
      out.push({ path: `${path}.itemId`, message: '指标：同一指标在同一环节只能有一条评分' });
    seen.add(key);
    const problem = valueProblem(item, j.value);
    if (problem) out.push({ path: `${path}.value`, message: problem });
    else if (
      !j.comment?.trim() &&
      ((item.kind === 'veto' && j.value === true) || (j.level !== 'self' && isUnfavourable(item, j.value)))
    )
      out.push({
        path: `${path}.comment`,
        message:
          item.kind === 'veto' ? '说明：认定一票否决须写明事实' : '说明：审核扣分、判定不达标须写明理由',
      });
  });
  adjustments.forEach((a, n) => {
    const path = `adjustments.${n}`;
    const item = items.get(a.itemId);
    if (!item) {
      out.push({ path: `${path}.itemId`, message: `指标：本指标体系中没有编号为“${a.itemId}”的指标` });
      return;
    }
    if (!isComputedItem(item)) {
      out.push({ path: `${path}.itemId`, message: '指标：只有按记录自动计算的项可以调整，评审项请直接评分' });
      return;
    }
    const key = `${a.itemId}|${a.level}`;
    if (seen.has(`adj|${key}`))
      out.push({ path: `${path}.itemId`, message: '指标：同一指标在同一环节只能调整一次' });
    seen.add(`adj|${key}`);
    const problem = valueProblem(item, a.value);
    if (problem) out.push({ path: `${path}.value`, message: problem });
    if (!a.reason.trim())
      out.push({ path: `${path}.reason`, message: '调整理由：调整自动计算的结果须说明理由' });
  });
  return out;
}
