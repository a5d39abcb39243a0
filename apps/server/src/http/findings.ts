import { createHash } from 'node:crypto';
import { type Finding, type IsoDate, isReportable, type RuleId, ruleCatalogue } from '@dangjian/core';
import type { Db, Trx } from './context.ts';
import { readGoLiveSettings } from './go-live.ts';

/**
 * The tables whose writes can change findings, as the dirty-marking triggers name them (migration
 * 20261206_1000_findings, and 20261208_1000_rectification_marks for rectification items): rows of a record count as
 * the record ('activity', 'recruitment', 'person', 'rectification').
 */
export const factSources = [
  'org',
  'person',
  'term',
  'appointment',
  'transfer',
  'activity',
  'recruitment',
  'rectification',
  'supervised_task',
  'inspection_unit',
  'rectification_campaign',
  'org_assessment',
  'duty_review_subject',
  'cadre_review_subject',
  'member_appraisal',
  'member_appraisal_plan',
  'training_course',
  'training_attendance',
  'external_training',
  'cadre',
  'cadre_appointment',
  'cadre_reserve',
  'unit',
  'institution',
  'setting',
] as const;
export type FactSource = (typeof factSources)[number];

/** Sources every provider depends on: the rule settings and the go-live dates (institution). */
export const collegeSources: readonly FactSource[] = ['institution', 'setting'];

/**
 * A module's share of the rule findings: the catalogue rules it owns, the tables it reads and how to
 * evaluate them (load its facts, call core). Modules register providers here, so alerts and the org tree
 * read findings without importing the modules that compute them.
 */
export interface FindingsProvider {
  /** Stable name, e.g. 'org'; registering the same id again replaces the provider. */
  id: string;
  /** The rule ids of core's `ruleCatalogue` whose findings this provider produces (each owned once). */
  ruleIds: readonly RuleId[];
  /** Tables whose writes can change these findings (besides the settings every provider reads). */
  reads: readonly FactSource[];
  /**
   * Findings on `today`: every one of the college when `orgIds` is null, else at least every one filed on
   * those orgs (a provider may load less for them; findings on other orgs are ignored).
   */
  evaluate(db: Db | Trx, today: IsoDate, orgIds: readonly number[] | null): Promise<Finding<RuleId>[]>;
  /**
   * Who the morning's reminder of one of its findings due within 3 days goes to, and the page it opens, when the
   * provider knows better than the default (the org's secretaries and the finding's assignee, to the alert); null
   * for the default.
   */
  reminderOf?(trx: Trx, finding: DueFinding): Promise<DueReminder | null>;
}

/** A stored finding whose due date is near, as a provider's `reminderOf` reads it. */
export interface DueFinding {
  ruleId: RuleId;
  orgId: number;
  subject: string | null;
  assigneePersonId: number | null;
}

/** The users a reminder goes to and the page it opens (a path of the web app). */
export interface DueReminder {
  userIds: readonly number[];
  link: string;
}

// Process-wide: providers are stateless functions of (db, today, orgs), the same for every app instance.
const providers = new Map<string, FindingsProvider>();

/** Registers providers (app.ts, the composition root, does it once per app; idempotent by id). */
export function registerFindingsProviders(list: readonly FindingsProvider[]): void {
  for (const p of list) providers.set(p.id, p);
}

/** The registered providers, in registration order. */
export function findingsProviders(): FindingsProvider[] {
  return [...providers.values()];
}

/** The registered provider of this id, if any. */
export function findingsProvider(id: string): FindingsProvider | undefined {
  return providers.get(id);
}

/** The providers a write to these sources can concern (all of them for settings and go-live). */
export function providersReading(sources: Iterable<string>): FindingsProvider[] {
  const set = new Set(sources);
  if (collegeSources.some((s) => set.has(s))) return findingsProviders();
  return findingsProviders().filter((p) => p.reads.some((s) => set.has(s)));
}

/**
 * A fingerprint of the rules in force (catalogue and providers): a start-up whose rules differ from those of
 * the last full evaluation evaluates again, one whose rules are the same does not.
 */
export function rulesVersion(): string {
  const rules = Object.entries(ruleCatalogue)
    .map(([id, r]) => `${id}|${r.severity}|${r.kind}|${r.clause.source}|${r.clause.article}`)
    .sort();
  const owners = findingsProviders().map(
    (p) => `${p.id}:${[...p.ruleIds].sort().join(',')}:${p.reads.join(',')}`,
  );
  return createHash('sha256')
    .update(JSON.stringify([rules, owners]))
    .digest('hex')
    .slice(0, 16);
}

/** A finding and the provider that found it. */
export type ProvidedFinding = Finding<RuleId> & { provider: string };

/**
 * What the given providers find on `today`, for the whole college (`orgIds` null) or for those orgs only,
 * without anything the school's go-live date (or a rule's own later start) excludes. Uncached: the
 * findings store calls it and keeps the result; the benchmark measures it.
 */
export async function evaluateFindings(
  db: Db | Trx,
  today: IsoDate,
  orgIds: readonly number[] | null = null,
  only: readonly FindingsProvider[] = findingsProviders(),
): Promise<ProvidedFinding[]> {
  if (providers.size === 0) throw new Error('no findings providers registered');
  const [goLive, ...lists] = await Promise.all([
    readGoLiveSettings(db),
    ...only.map(async (p) =>
      (await p.evaluate(db, today, orgIds)).map((f) => ({ ...f, provider: p.id }) as ProvidedFinding),
    ),
  ]);
  const wanted = orgIds ? new Set(orgIds) : null;
  // Nothing is reported for periods before the school went live (or before a rule's own start).
  return lists
    .flat()
    .filter((f) => (!wanted || wanted.has(f.orgId)) && (!goLive || isReportable(f, goLive, today)));
}
