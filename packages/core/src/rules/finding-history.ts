/**
 * A finding's identity and life: its stable key, its states (open → acknowledged → resolved, and back to
 * open when the problem returns), what a person may do with it, and how a fresh evaluation is reconciled
 * with the stored findings. Pure: the server stores, this decides.
 */

import type { Severity } from '../dictionaries.ts';
import { AppError } from '../errors.ts';
import type { RuleId } from './catalogue.ts';
import type { Finding } from './org-rules.ts';

export const findingStates = ['open', 'acknowledged', 'resolved'] as const;
export type FindingState = (typeof findingStates)[number];
export const findingStateLabels = {
  open: '待处理',
  acknowledged: '已确认',
  resolved: '已解决',
} as const satisfies Record<FindingState, string>;

/**
 * What happens to a finding over its life, as its history lists it: the evaluation's steps, what people did
 * with it, and the rectification item opened from it and closed (销号).
 */
export const findingEventKinds = [
  'appeared',
  'escalated',
  'eased',
  'acknowledged',
  'assigned',
  'unassigned',
  'resolved',
  'reappeared',
  'rectification_opened',
  'rectification_closed',
] as const;
export type FindingEventKind = (typeof findingEventKinds)[number];
export const findingEventLabels = {
  appeared: '发现',
  escalated: '升级',
  eased: '降级',
  acknowledged: '确认',
  assigned: '指派',
  unassigned: '取消指派',
  resolved: '已解决',
  reappeared: '再次出现',
  rectification_opened: '生成整改事项',
  rectification_closed: '整改销号',
} as const satisfies Record<FindingEventKind, string>;

/** What a person may do with a finding (the evaluation alone resolves and reopens). */
export const findingActions = ['acknowledge', 'assign'] as const;
export type FindingAction = (typeof findingActions)[number];

/** The actions a finding in `state` allows: a resolved finding is closed to both. */
export function allowedFindingActions(state: FindingState): FindingAction[] {
  if (state === 'resolved') return [];
  if (state === 'acknowledged') return ['assign'];
  return ['acknowledge', 'assign'];
}

/** Refuses an action the state does not allow, naming why. */
export function assertFindingAction(state: FindingState, action: FindingAction): void {
  if (allowedFindingActions(state).includes(action)) return;
  if (state === 'resolved')
    throw new AppError('CONFLICT', '该预警已解决，不能再确认或指派；如问题再次出现，系统会重新列出');
  throw new AppError('CONFLICT', '该预警已确认，不能重复确认；可以补充指派');
}

const keyPart = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

/**
 * A finding's stable key: rule, org, subject (the record, else the person) and period. The same problem
 * found again tomorrow has the same key; a different one never does.
 */
export function findingKey(f: Pick<Finding<RuleId>, 'ruleId' | 'orgId' | 'subject' | 'personId' | 'period'>) {
  const subject = f.subject ?? (f.personId !== undefined ? `person-${f.personId}` : '-');
  return `${f.ruleId}:${f.orgId}:${keyPart(subject)}:${keyPart(f.period ?? '-')}`;
}

/** The pattern every key matches (what `GET /api/alerts/{key}` accepts). */
export const findingKeyPattern = /^[a-z0-9_.]+:\d+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+$/;

/** A stored finding as the reconciliation needs it. */
export interface StoredFindingState {
  key: string;
  state: FindingState;
  severity: Severity;
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** How one evaluation changes the stored findings of the orgs and rules it covered. */
export interface Reconciliation<F extends Finding<RuleId>> {
  /** Never seen before: insert, history "appeared". */
  appeared: F[];
  /** Stored as resolved and found again: reopen, history "reappeared". */
  reappeared: F[];
  /** Still open (or acknowledged): refresh the text and last seen; `severityChange` when the level moved. */
  seen: { finding: F; severityChange: 'escalated' | 'eased' | null }[];
  /** Stored open or acknowledged and no longer found: resolve, history "resolved". */
  resolved: string[];
}

/**
 * Reconciles the findings of one evaluation with the stored ones of the same coverage (the orgs and rules
 * evaluated). Duplicate keys in `current` are a provider's bug and throw: two problems must never share
 * one history.
 */
export function reconcileFindings<F extends Finding<RuleId>>(
  stored: readonly StoredFindingState[],
  current: readonly F[],
): Reconciliation<F> {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const found = new Set<string>();
  const out: Reconciliation<F> = { appeared: [], reappeared: [], seen: [], resolved: [] };
  for (const f of current) {
    const key = findingKey(f);
    if (found.has(key)) throw new Error(`two findings share the key ${key}`);
    found.add(key);
    const s = byKey.get(key);
    if (!s) out.appeared.push(f);
    else if (s.state === 'resolved') out.reappeared.push(f);
    else {
      const move = rank[f.severity] - rank[s.severity];
      out.seen.push({ finding: f, severityChange: move < 0 ? 'escalated' : move > 0 ? 'eased' : null });
    }
  }
  for (const s of stored) if (s.state !== 'resolved' && !found.has(s.key)) out.resolved.push(s.key);
  return out;
}
