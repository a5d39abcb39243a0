import type { AssessmentScoreOut, OrgAssessmentBody, OrgAssessmentDetail, ReviewLevel } from '@dangjian/core';
import type { RecordRef } from './record-links';

type DimensionOut = AssessmentScoreOut['dimensions'][number];
type IndicatorOut = DimensionOut['indicators'][number];
type VetoOut = AssessmentScoreOut['vetoes'][number];
/** Where an item's figure came from (the API's provenance). */
export type ProvenanceOut = IndicatorOut['provenance'];

/** What a person enters for an item: points, a number of occurrences, 达标 or not, a veto found or not. */
export type EntryKind = 'points' | 'count' | 'pass' | 'veto';

/** One indicator or veto of a scorecard, flattened, with what may be entered for it. */
export interface ScoreItem {
  id: string;
  title: string;
  /** The dimension it belongs to; null for a veto. */
  dimensionId: string | null;
  kind: EntryKind;
  /** Points at most (points), the cap (count); 0 otherwise. */
  max: number;
  /** Its value comes from the records: a reviewer may only override it, with a reason. */
  computed: boolean;
  provenance: ProvenanceOut;
}

function kindOf(method: IndicatorOut['method']): EntryKind {
  switch (method) {
    case 'computed':
    case 'judgement':
      return 'points';
    case 'bonus':
    case 'deduction':
      return 'count';
    case 'pass_fail':
      return 'pass';
  }
}

/** True when an item's figure comes from a metric (shown with the records it read). */
export function isComputedProvenance(p: ProvenanceOut): boolean {
  return p.kind === 'metric' || p.kind === 'override';
}

/** Every indicator (dimension by dimension) and veto of a score, with what may be entered for it. */
export function scoreItems(score: AssessmentScoreOut): ScoreItem[] {
  const indicators = score.dimensions.flatMap((d) =>
    d.indicators.map(
      (i: IndicatorOut): ScoreItem => ({
        id: i.id,
        title: i.title,
        dimensionId: d.id,
        kind: kindOf(i.method),
        max: i.max,
        computed: isComputedProvenance(i.provenance),
        provenance: i.provenance,
      }),
    ),
  );
  const vetoes = score.vetoes.map(
    (v: VetoOut): ScoreItem => ({
      id: v.id,
      title: v.title,
      dimensionId: null,
      kind: 'veto',
      max: 0,
      computed: isComputedProvenance(v.provenance),
      provenance: v.provenance,
    }),
  );
  return [...indicators, ...vetoes];
}

/** True when `level` enters a judgement for the item: not computed, and vetoes only by reviewers. */
export function isJudgeable(item: ScoreItem, level: ReviewLevel): boolean {
  return !item.computed && !(item.kind === 'veto' && level === 'self');
}

/** A value as the form holds it: points or a count, 达标 / 触发 as true or false, or nothing entered. */
export type EntryValue = number | boolean | null | undefined;

/** One item's entry in the form. */
export interface EntryFields {
  value?: EntryValue;
  comment?: string | null | undefined;
  links?: RecordRef[] | undefined;
}

/** One computed item's override in the form. */
export interface OverrideFields {
  value?: EntryValue;
  reason?: string | null | undefined;
}

/** The scorecard form: entries and overrides by item id. */
export interface ScorecardFormValues {
  entries?: Record<string, EntryFields | undefined>;
  overrides?: Record<string, OverrideFields | undefined>;
}

const hasValue = (v: EntryValue): v is number | boolean => v !== null && v !== undefined;

/** The form's starting values: what `level` entered before (its judgements and overrides). */
export function initialFormValues(
  detail: Pick<OrgAssessmentDetail, 'judgements' | 'adjustments'>,
  level: ReviewLevel,
): Required<ScorecardFormValues> {
  const entries: Record<string, EntryFields> = {};
  for (const j of detail.judgements)
    if (j.level === level)
      entries[j.itemId] = { value: j.value, comment: j.comment ?? '', links: j.links.map((l) => ({ ...l })) };
  const overrides: Record<string, OverrideFields> = {};
  if (level !== 'self')
    for (const a of detail.adjustments)
      if (a.level === level) overrides[a.itemId] = { value: a.value, reason: a.reason };
  return { entries, overrides };
}

/** Where a field of the request body is in the form, for the server's field errors. */
export type FormName = (string | number)[];

/**
 * The PUT body from the form: a judgement for each judgeable item with a value (in the scorecard's order), an
 * override for each computed item given one (reviewers only); `origin` maps each body path ('judgements.2') to the
 * form's name of that item, so the server's messages land on the right field.
 */
export function toOrgAssessmentBody(
  values: ScorecardFormValues,
  items: readonly ScoreItem[],
  level: ReviewLevel,
  version: number,
): { body: OrgAssessmentBody; origin: Map<string, FormName> } {
  const origin = new Map<string, FormName>();
  const judgements: OrgAssessmentBody['judgements'] = [];
  const adjustments: NonNullable<OrgAssessmentBody['adjustments']> = [];
  for (const item of items) {
    if (isJudgeable(item, level)) {
      const e = values.entries?.[item.id];
      if (!e || !hasValue(e.value)) continue;
      origin.set(`judgements.${judgements.length}`, ['entries', item.id]);
      judgements.push({
        itemId: item.id,
        value: e.value,
        comment: e.comment?.trim() ? e.comment.trim() : null,
        links: (e.links ?? []).map((l) => ({ kind: l.kind, id: l.id, label: l.label })),
      });
    } else if (item.computed && level !== 'self') {
      const o = values.overrides?.[item.id];
      if (!o || !hasValue(o.value)) continue;
      origin.set(`adjustments.${adjustments.length}`, ['overrides', item.id]);
      adjustments.push({ itemId: item.id, value: o.value, reason: (o.reason ?? '').trim() });
    }
  }
  return { body: { judgements, adjustments, version }, origin };
}

/**
 * The server's field errors on the form's names: 'judgements.2.comment' → ['entries', 'B4', 'comment'];
 * 'adjustments.0.value' → ['overrides', 'A2', 'value']. Paths naming no item are kept as they are.
 */
export function mapBodyErrors(
  fields: readonly { path: string; message: string }[],
  origin: ReadonlyMap<string, FormName>,
): { path: FormName; message: string }[] {
  return fields.map((f) => {
    const m = /^((?:judgements|adjustments)\.\d+)(?:\.(\w+))?/.exec(f.path);
    const base = m ? origin.get(m[1]!) : undefined;
    if (!base) return { path: f.path.split('.'), message: f.message };
    const field = m?.[2] === 'itemId' || m?.[2] === undefined ? 'value' : m[2];
    return { path: [...base, field], message: f.message };
  });
}

/** How many of `level`'s judgeable items still wait for a value (the 自评 must give them all). */
export function missingEntries(items: readonly ScoreItem[], pending: readonly string[]): ScoreItem[] {
  const waiting = new Set(pending);
  return items.filter((i) => waiting.has(i.id));
}

/** An entered or computed value for people: 8 分, 2 项, 达标 / 不达标, 触发 / 未触发. */
export function formatEntryValue(kind: EntryKind, value: number | boolean | null): string {
  if (value === null) return '—';
  switch (kind) {
    case 'points':
      return `${value} 分`;
    case 'count':
      return `${value} 项`;
    case 'pass':
      return value === true ? '达标' : '不达标';
    case 'veto':
      return value === true ? '触发' : '未触发';
  }
}

/**
 * Whether the org's procedure passes a 总支 review: its steps say so once it was submitted; before that, an org
 * right under the 党委 (`committeeIds`, or with no org above) has none.
 */
export function passesGeneralBranch(
  d: Pick<OrgAssessmentDetail, 'history' | 'parentId'>,
  committeeIds: ReadonlySet<number>,
): boolean {
  if (d.history.some((h) => h.to === 'general_branch_review' || h.from === 'general_branch_review'))
    return true;
  if (d.history.some((h) => h.transition === 'submit_self' && h.to === 'department_review')) return false;
  return d.parentId !== null && !committeeIds.has(d.parentId);
}
