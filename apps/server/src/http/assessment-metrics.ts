/**
 * The contract between the assessment module and the modules that compute its metrics (core
 * `assessment/metrics.ts`): a provider computes some metrics for many orgs at once, in a few statements whatever
 * the number of orgs, from the records its module owns. Providers live in the owning modules (exported through
 * their service.ts); the assessment module maps each metric key to one and calls it. This file sits below the
 * modules so that neither side imports the other's types.
 */
import {
  type AssessedLevel,
  type AssessmentFacts,
  type AssessmentRecordRef,
  addDays,
  type IsoDate,
  type MetricFact,
  type MetricKey,
  metricCatalogue,
  type OrgCategory,
  type OrgType,
} from '@dangjian/core';
import type { Db, Trx } from './context.ts';

/** An org a round assesses, as every provider reads it. */
export interface MetricOrg {
  id: number;
  name: string;
  type: OrgType;
  /** Materialised path ('/1/5/23/'): its subtree is every org whose path starts with it. */
  path: string;
  parentId: number | null;
  category: OrgCategory | null;
  foundedOn: IsoDate | null;
  /** branch / secondary; null for an org no system assesses (党委, 党小组): every metric is then null. */
  level: AssessedLevel | null;
}

/** What a provider is asked: the orgs, the round's period and reference date, and the metrics it owns to compute. */
export interface MetricQuery {
  orgs: readonly MetricOrg[];
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /**
   * The day things are judged on, at its end: what was open, overdue or in force then; a period or a deadline
   * ending on it is over (a round's reference date is usually its period's last day); nothing recorded after it
   * counts.
   */
  referenceDate: IsoDate;
  metrics: readonly MetricKey[];
}

/**
 * Computes `q.metrics` for every org of `q.orgs` the metric applies to (`measuredOrgs`), in a fixed number of
 * statements: a fact per org and metric. Orgs a metric does not apply to are the caller's (it fills them).
 */
export type MetricProvider = (db: Db | Trx, q: MetricQuery) => Promise<Map<number, AssessmentFacts>>;

/** At most this many records are listed behind a figure; the detail then says how many there are. */
export const maxMetricRecords = 50;

/** The orgs of the query `key` applies to (its catalogue `appliesTo`). */
export function measuredOrgs(q: MetricQuery, key: MetricKey): MetricOrg[] {
  if (!q.metrics.includes(key)) return [];
  const levels = metricCatalogue[key].appliesTo as readonly AssessedLevel[];
  return q.orgs.filter((o) => o.level !== null && levels.includes(o.level));
}

/** The last day records count on: the period's end, or the reference date when that comes first. */
export function lastCountedDay(q: Pick<MetricQuery, 'periodEnd' | 'referenceDate'>): IsoDate {
  return q.referenceDate < q.periodEnd ? q.referenceDate : q.periodEnd;
}

/** The day after the reference date: core's rules judge "today", the facts the end of the reference day. */
export function dayAfter(q: Pick<MetricQuery, 'referenceDate'>): IsoDate {
  return addDays(q.referenceDate, 1);
}

/** True when `path` lies in the subtree rooted at `rootPath` (the root included). */
export function isUnder(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** n / d, or null when nothing was due. */
export function ratioOf(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

/** A ratio for people: 87.5%. */
export function percentText(r: number): string {
  return `${Math.round(r * 1000) / 10}%`;
}

/** Names for a detail: the first few, then 等 N 个 (or the unit given: 等 12 期). */
export function namesText(names: readonly string[], max = 5, unit = '个'): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等 ${names.length} ${unit}`;
}

/**
 * A fact with its records capped at `maxMetricRecords` (in the order given: put the telling ones first); when
 * capped, the detail says how many there are. `toRef` turns an item into its ref (only the items listed).
 */
export function metricFactOf<T>(
  value: number | null,
  detail: string,
  items: readonly T[],
  toRef: (item: T) => AssessmentRecordRef,
): MetricFact {
  if (items.length <= maxMetricRecords) return { value, detail, records: items.map(toRef) };
  return {
    value,
    detail: `${detail}（列出前 ${maxMetricRecords} 条记录，共 ${items.length} 条）`,
    records: items.slice(0, maxMetricRecords).map(toRef),
  };
}

/** A fact with its records capped (see `metricFactOf`). */
export function metricFact(
  value: number | null,
  detail: string,
  records: readonly AssessmentRecordRef[],
): MetricFact {
  return metricFactOf(value, detail, records, (r) => r);
}

/**
 * Lists of items by every org on their path (an item filed on '/1/5/23/' is listed under 1, 5 and 23): the
 * subtree of an org is then one map read.
 */
export function bySubtree<T>(items: readonly T[], pathOf: (item: T) => string): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items)
    for (const part of pathOf(item).split('/')) if (part !== '') pushTo(out, Number(part), item);
  return out;
}

/** Collects facts per org. */
export class FactsByOrg {
  readonly map = new Map<number, AssessmentFacts>();

  set(orgId: number, key: MetricKey, fact: MetricFact): void {
    let facts = this.map.get(orgId);
    if (!facts) {
      facts = {};
      this.map.set(orgId, facts);
    }
    facts[key] = fact;
  }
}

/** A label for a record list that fits the contract's 200 characters. */
export function clipLabel(text: string, max = 120): string {
  const t = /\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** One entry of an item's timeline (rectification items, supervised tasks), on or before the reference date. */
export interface TimelineEntry {
  /** Its Shanghai day. */
  day: IsoDate;
  kind: string;
  toStatus: string | null;
  until: IsoDate | null;
}

/** An item as it stood at the end of the reference date, rebuilt from its timeline. */
export interface TimelineState {
  /** null: no entry yet (the item did not exist). */
  status: string | null;
  /** The deadline in force: the last one set (at creation, by an edit, an approved extension or a reopening). */
  deadline: IsoDate | null;
  /** The day of the last completion step (submitted for 销号, reported done), when one was taken. */
  completedOn: IsoDate | null;
  /** The day of the last closing step (销号, 确认办结). */
  closedOn: IsoDate | null;
}

/**
 * Folds a timeline (in order) into the item's state: `deadlineKinds` are the entries whose `until` sets the
 * deadline (a request for an extension does not), `completeKind` the org's step that completes the work,
 * `closeKind` the checker's step that closes it.
 */
export function timelineState(
  entries: readonly TimelineEntry[],
  kinds: { deadlineKinds: readonly string[]; completeKind: string; closeKind: string },
): TimelineState {
  const s: TimelineState = { status: null, deadline: null, completedOn: null, closedOn: null };
  for (const e of entries) {
    if (e.toStatus !== null) s.status = e.toStatus;
    if (e.until !== null && kinds.deadlineKinds.includes(e.kind)) s.deadline = e.until;
    if (e.kind === kinds.completeKind) s.completedOn = e.day;
    if (e.kind === kinds.closeKind) s.closedOn = e.day;
  }
  return s;
}

/** Appends `value` to the list under `key`, starting one when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
