import {
  type AssessedLevel,
  formatMetricValue,
  type Indicator,
  type IndicatorSystemDefinition,
  indicatorSystemProblems,
  isBaseIndicator,
  isMetricKey,
  type MetricKey,
  metricCatalogue,
  metricsForLevel,
  type ResultMode,
  roundPoints,
  type ScoreBand,
  type ScoringMethod,
  type SystemProblem,
  type VetoCap,
} from '@dangjian/core';

/**
 * The editor's values: the definition as the form holds it while being edited (a number field cleared is null,
 * a list not yet touched may be missing).
 */
export type DefinitionValues = Partial<IndicatorSystemDefinition>;

const arr = <T>(x: readonly T[] | null | undefined): T[] => (Array.isArray(x) ? [...x] : []);
const orNull = <T>(x: T | null | undefined): T | null => (x === undefined ? null : x);
/** A text field: trimmed, and null when left empty. */
const textOrNull = (x: string | null | undefined): string | null => (x?.trim() ? x.trim() : null);

/** A veto's consequence with only the fields of its kind (a kind switched in the form leaves the other's value). */
function cleanCap(cap: Partial<VetoCap> | null | undefined): VetoCap {
  switch (cap?.kind) {
    case 'max_score':
      return { kind: 'max_score', score: (cap as { score: number }).score };
    case 'fail':
      return { kind: 'fail' };
    default:
      return { kind: 'max_stars', stars: (cap as { stars?: number } | undefined)?.stars as number };
  }
}

/**
 * The form's values as a whole definition, for core's checks while editing: missing lists become empty, a
 * cleared optional value null. Nothing is made up — a cleared required number stays null and is reported.
 */
export function normalizeDefinition(v: DefinitionValues): IndicatorSystemDefinition {
  const rating: Partial<IndicatorSystemDefinition['rating']> = v.rating ?? {};
  const followUp: Partial<IndicatorSystemDefinition['rating']['followUp']> = rating.followUp ?? {};
  return {
    kind: v.kind ?? 'star_rating',
    level: v.level ?? 'branch',
    name: v.name?.trim() ?? '',
    year: v.year as number,
    description: textOrNull(v.description),
    mode: v.mode ?? 'score',
    maxScore: v.maxScore as number,
    bonusCap: orNull(v.bonusCap),
    deductionCap: orNull(v.deductionCap),
    minPassedPercent: v.minPassedPercent ?? 100,
    dimensions: arr(v.dimensions).map((d) => ({
      ...d,
      id: d.id?.trim() ?? '',
      title: d.title?.trim() ?? '',
      bonusCap: orNull(d.bonusCap),
      deductionCap: orNull(d.deductionCap),
      indicators: arr(d.indicators).map((i) => normalizeIndicator(i)),
    })),
    vetoes: arr(v.vetoes).map((x) => ({
      ...x,
      id: x.id?.trim() ?? '',
      title: x.title?.trim() ?? '',
      guidance: textOrNull(x.guidance),
      metric: orNull(x.metric),
      threshold: x.metric ? orNull(x.threshold) : null,
      cap: cleanCap(x.cap),
    })),
    rating: {
      starBands: arr(rating.starBands),
      quotas: arr(rating.quotas),
      minAgeMonths: orNull(rating.minAgeMonths),
      followUp: {
        basis: followUp.basis ?? 'score',
        exemplaryFrom: followUp.exemplaryFrom as number,
        rectifyBelow: followUp.rectifyBelow as number,
        shortfallPercent: followUp.shortfallPercent ?? 60,
      },
    },
  };
}

function normalizeIndicator(i: Indicator): Indicator {
  const base = { id: i.id?.trim() ?? '', title: i.title?.trim() ?? '', guidance: textOrNull(i.guidance) };
  switch (i.method) {
    case 'computed':
      return { ...i, ...base, bands: arr(i.bands).map((b) => ({ ...b, max: orNull(b.max) })) };
    case 'judgement':
      return { ...i, ...base };
    case 'bonus':
    case 'deduction':
      return { ...i, ...base, metric: orNull(i.metric) };
    case 'pass_fail':
      return { ...i, ...base, metric: orNull(i.metric), threshold: i.metric ? orNull(i.threshold) : null };
  }
}

/** Core's problems of the definition being edited (sums, bands, metrics, caps, vetoes, ratings), by field path. */
export function problemsOf(v: DefinitionValues): SystemProblem[] {
  return indicatorSystemProblems(normalizeDefinition(v));
}

/** Problems grouped by their exact path. */
export function problemsByPath(problems: readonly SystemProblem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) out.set(p.path, [...(out.get(p.path) ?? []), p.message]);
  return out;
}

/**
 * The server's field errors of a request that carried the definition under `prefix` ('definition.dimensions.0.max')
 * as paths of the definition itself; other fields are left as they are.
 */
export function withoutPrefix<T extends { path: string }>(fields: readonly T[], prefix: string): T[] {
  return fields.map((f) =>
    f.path.startsWith(`${prefix}.`) ? { ...f, path: f.path.slice(prefix.length + 1) } : f,
  );
}

/** Where a path is, for people: 一级指标“班子建设” › 二级指标 A1“…” › 分档第 2 档 › 上限. */
export function describePath(v: DefinitionValues, path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  const dims = arr(v.dimensions);
  const vetoes = arr(v.vetoes);
  let i = 0;
  const num = (k: number) => Number(parts[k]);
  while (i < parts.length) {
    const p = parts[i]!;
    if (p === 'dimensions' && i + 1 < parts.length) {
      const d = dims[num(i + 1)];
      out.push(`一级指标${d?.id ? ` ${d.id}` : ''}${d?.title ? `“${d.title}”` : `第 ${num(i + 1) + 1} 项`}`);
      if (parts[i + 2] === 'indicators' && i + 3 < parts.length) {
        const ind = arr(d?.indicators)[num(i + 3)];
        out.push(
          `二级指标${ind?.id ? ` ${ind.id}` : ''}${ind?.title ? `“${ind.title}”` : `第 ${num(i + 3) + 1} 项`}`,
        );
        i += 4;
        continue;
      }
      i += 2;
      continue;
    }
    if (p === 'vetoes' && i + 1 < parts.length) {
      const x = vetoes[num(i + 1)];
      out.push(`一票否决项${x?.id ? ` ${x.id}` : ''}${x?.title ? `“${x.title}”` : ''}`);
      if (parts[i + 2] === 'cap') {
        const field = parts[i + 3];
        out.push(field === 'stars' ? '最高星级' : field === 'score' ? '封顶分数' : '否决后果');
        break;
      }
      i += 2;
      continue;
    }
    if (p === 'bands' && i + 1 < parts.length) {
      out.push(`分档第 ${num(i + 1) + 1} 档`);
      i += 2;
      continue;
    }
    if (p === 'starBands' && i + 1 < parts.length) {
      out.push(`星级分档第 ${num(i + 1) + 1} 条`);
      i += 2;
      continue;
    }
    if (p === 'quotas' && i + 1 < parts.length) {
      out.push(`比例限制第 ${num(i + 1) + 1} 条`);
      i += 2;
      continue;
    }
    const label = pathLabels[p];
    if (label) out.push(label);
    i += 1;
  }
  return out.join(' › ') || '指标体系';
}

const pathLabels: Record<string, string> = {
  name: '名称',
  year: '年度',
  maxScore: '满分',
  bonusCap: '加分上限',
  deductionCap: '扣分上限',
  minPassedPercent: '达标比例',
  dimensions: '一级指标',
  indicators: '二级指标',
  vetoes: '一票否决项',
  rating: '评定规则',
  followUp: '示范 / 整改划分',
  max: '满分',
  min: '下限',
  points: '分值',
  metric: '数据指标',
  threshold: '达标线',
  pointsPerItem: '每项分值',
  cap: '上限',
  method: '评分方式',
  id: '编号',
  stars: '星级',
  minScore: '最低分',
  minStars: '星级',
  maxPercent: '最高比例',
  basis: '依据',
  exemplaryFrom: '示范线',
  rectifyBelow: '整改线',
  kind: '后果',
  score: '封顶分数',
};

/** The sum of a dimension's base indicators' maxima (what its maximum must be in a score system). */
export function baseSum(d: { indicators?: readonly Indicator[] | null }): number {
  return roundPoints(
    arr(d.indicators)
      .filter(isBaseIndicator)
      .reduce((acc, i) => acc + (Number.isFinite(i.max) ? i.max : 0), 0),
  );
}

/** The sum of the dimensions' maxima (what the system's maximum must be). */
export function dimensionSum(v: DefinitionValues): number {
  return roundPoints(arr(v.dimensions).reduce((acc, d) => acc + (Number.isFinite(d.max) ? d.max : 0), 0));
}

/** The first id `prefix1`, `prefix2` … not yet taken in the system (ids share one namespace). */
export function nextItemId(v: DefinitionValues, prefix: string): string {
  const taken = new Set<string>();
  for (const d of arr(v.dimensions)) {
    taken.add(d.id);
    for (const i of arr(d.indicators)) taken.add(i.id);
  }
  for (const x of arr(v.vetoes)) taken.add(x.id);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** The first metric of the catalogue for a level, for a new computed indicator. */
function firstMetric(level: AssessedLevel, count = false): MetricKey {
  const m = metricsForLevel(level).find((x) => !count || x.unit === 'count');
  return (m ?? metricsForLevel(level)[0]!).key;
}

/** A new indicator of a method, keeping what the old one said (id, title, guidance). */
export function indicatorOfMethod(
  method: ScoringMethod,
  keep: { id: string; title: string; guidance: string | null },
  level: AssessedLevel,
  max = 5,
): Indicator {
  switch (method) {
    case 'computed':
      return {
        ...keep,
        method,
        max,
        metric: firstMetric(level),
        bands: [
          { min: 0, max: 1, points: 0 },
          { min: 1, max: null, points: max },
        ],
        notApplicable: 'full',
      };
    case 'judgement':
      return { ...keep, method, max };
    case 'bonus':
    case 'deduction':
      return { ...keep, method, pointsPerItem: 1, cap: 3, metric: null };
    case 'pass_fail':
      return { ...keep, method, required: true, metric: null, threshold: null, notApplicable: 'full' };
  }
}

/** The method a new indicator of a system of this mode starts with. */
export const defaultMethod = (mode: ResultMode): ScoringMethod =>
  mode === 'score' ? 'judgement' : 'pass_fail';

/** The range of a band in the metric's unit: '95% 及以上', '1 天 至 90 天（不含）', '0' (a count band of one value). */
export function bandRange(
  metric: string | null | undefined,
  band: { min: number; max?: number | null | undefined },
): string {
  const key: MetricKey | null = metric && isMetricKey(metric) ? metric : null;
  const unit = key ? metricCatalogue[key].unit : null;
  const show = (x: number) => (key ? formatMetricValue(key, x) : String(x));
  if (band.max === null || band.max === undefined) return `${show(band.min)} 及以上`;
  if (unit !== 'ratio' && Number.isInteger(band.min) && band.max === band.min + 1) return show(band.min);
  return `${show(band.min)} 至 ${show(band.max)}（不含）`;
}

/**
 * A band for people, in the metric's unit: '95% 及以上：10 分', '1 天 至 90 天（不含）：2 分', '0：5 分' (a count band of
 * one value).
 */
export function describeBand(metric: string | null | undefined, band: Partial<ScoreBand>): string {
  if (band.min === undefined || band.min === null || band.points === undefined || band.points === null)
    return '';
  return `${bandRange(metric, { min: band.min, max: band.max })}：${band.points} 分`;
}
