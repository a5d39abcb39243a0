/**
 * Assessments (考核): the 组织部 keeps indicator systems (a version per year, from a built-in template, a copy or a
 * whole definition; frozen once a round uses it) and opens rounds that apply one to the orgs of its level in a
 * subtree. Each org then goes through core's procedure (`applyAssessmentTransition`): the records give what they can
 * (`computeAssessmentFacts` → `scoreAssessment`), the org's secretaries enter the 自评, its 总支 and the 组织部 review
 * (judgements, and overrides of computed items with their reasons), the 组织部 records the 党委's decision and the
 * 公示, and the result becomes final — a 整改 result opening rectification items through the rectification module.
 *
 * Scores: while core's `mayRecompute` allows (until the 组织部 approves), every read of an org recomputes its facts
 * from the records and stores the score when it changed, and every write recomputes it in its transaction: the
 * score stored is the one shown. The 组织部's approval refuses (409) when the records moved since the score was
 * shown, so what it approves is what it saw; from then on the score is frozen.
 *
 * Sides: an org's own secretaries (their role granted on the org) act as the org, the secretaries of the 总支
 * above as the 总支, the 组织部 (assessment:round:manage over the whole college) as the 组织部 — core
 * `allowedAssessmentActions` turns that reach into what may be done now. An org outside the caller's scope answers
 * like a missing one.
 */
import {
  type Adjustment,
  AppError,
  type AssessmentFacts,
  type AssessmentReach,
  type AssessmentRecordRef,
  type AssessmentRoundDetail,
  type AssessmentRoundItem,
  type AssessmentRoundListQuery,
  type AssessmentScore,
  type AssessmentStatus,
  type AssessmentTemplateItem,
  type AssessmentTransitionBody,
  type AssessmentViolation,
  addMonths,
  allowedAssessmentActions,
  applyAssessmentTransition,
  assessmentActorLabels,
  assessmentFieldLabels,
  assessmentStatusLabels,
  assessmentTemplateKeys,
  assessmentTemplateLabels,
  assessmentTemplates,
  assessmentTransitionActor,
  assessmentTransitionLabels,
  type CreateAssessmentRound,
  type CreateIndicatorSystem,
  copyIndicatorSystem,
  followUpBand,
  type IndicatorSystemDefinition,
  type IndicatorSystemDetail,
  type IndicatorSystemItem,
  type IndicatorSystemListQuery,
  type IsoDate,
  indicatorSystemDefinition,
  indicatorSystemEditProblems,
  indicatorSystemProblems,
  indicatorsOf,
  initialOrgAssessmentState,
  type Judgement,
  judgementProblems,
  judgingLevel,
  type MetricKey,
  mayRecompute,
  type OrgAssessmentDetail,
  type OrgAssessmentResult,
  type OrgAssessmentResults,
  type OrgAssessmentUpdate,
  orgFitsLevel,
  type Page,
  parseStepRefId,
  parseTermRefId,
  type RoundQuotaFacts,
  ratingEligibility,
  recruitmentStepInfo,
  rectificationLimits,
  rectificationProposals,
  reviewLevelLabels,
  scoreAssessment,
  starLabel,
  stepRefId,
  systemFromTemplate,
  termRefId,
  toLocalDate,
  type UpdateAssessmentRound,
  type UpdateIndicatorSystem,
} from '@dangjian/core';
import { type Actor, type AuditChange, accountIdOf, type Db, type Trx } from '../../http/context.ts';
import { recordChanges } from '../../http/findings-store.ts';
import { isPathInScope, outOfScope, pathInScope, subtreePathInScope } from '../../http/scope.ts';
import { linkedActivities } from '../activities/service.ts';
import { findingForRectification } from '../alerts/service.ts';
import { getAppraisalDetail } from '../member-appraisals/service.ts';
import { notify, secretariesOf } from '../notifications/service.ts';
import { linkedTerms } from '../org/service.ts';
import { linkedSteps, loadInScope as loadDossierInScope } from '../recruitment/service.ts';
import { getRectificationDetail, openRectification } from '../rectification/service.ts';
import { getTaskDetail } from '../supervision/service.ts';
import { linkedTransfers } from '../transfers/service.ts';
import { computeAssessmentFacts } from './metrics.ts';
import {
  presentOrgDetail,
  presentOrgItem,
  presentResult,
  presentRound,
  presentSystem,
  presentSystemDetail,
  stateOf,
} from './presenter.ts';
import * as repo from './repo.ts';

const systemNotFound = () => new AppError('NOT_FOUND', '该指标体系不存在');
const roundNotFound = () => new AppError('NOT_FOUND', '该考核不存在');
/** An org that is not in the round, or not in the caller's scope: one answer for both. */
const orgNotFound = () => new AppError('NOT_FOUND', '该考核中没有这个党组织，或不在您的管理范围内');
const changed = () => new AppError('CONFLICT', '该党组织的考核已被他人修改，请刷新后重试');
const systemChanged = () => new AppError('CONFLICT', '该指标体系已被他人修改，请刷新后重试');
/** The scorecard's page in the web app. */
export const scorecardLink = (roundId: number, orgId: number) => `/assessments/${roundId}/orgs/${orgId}`;
export const roundLink = (roundId: number) => `/assessments/${roundId}`;

function fieldError(fields: readonly { path: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', fields[0]!.message, { fields: [...fields] });
}

// Sides

/** The columns the sides are read from. */
type Sided = Pick<repo.OrgRow, 'org_id' | 'general_branch_id' | 'general_branch_path'>;

/**
 * Which sides of an org's assessment the actor is on: the 组织部 (the round's manager over the whole college), the
 * 总支 above the org (a secretary covering it), the org itself (a secretary whose role is granted on it). One side
 * at most: the 组织部 does not act as a 总支 nor a 总支 as its branch.
 */
export function reachOf(actor: Actor, r: Sided): AssessmentReach {
  const department = actor.permissions.has('assessment:round:manage') && actor.scope.kind === 'all';
  const assess = actor.permissions.has('assessment:round:assess') && !department;
  const org = assess && actor.scope.kind === 'subtrees' && actor.scope.orgIds.includes(r.org_id);
  const generalBranch =
    assess && !org && r.general_branch_path !== null && isPathInScope(actor.scope, r.general_branch_path);
  return { org, general_branch: generalBranch, department };
}

// Computing scores

/** The metrics a system reads (its computed indicators, counted items, metric checks and vetoes). */
export function metricsOf(system: IndicatorSystemDefinition): MetricKey[] {
  const keys = new Set<MetricKey>();
  for (const { indicator } of indicatorsOf(system))
    if ('metric' in indicator && indicator.metric !== null) keys.add(indicator.metric);
  for (const v of system.vetoes) if (v.metric !== null) keys.add(v.metric);
  return [...keys];
}

interface Computed {
  facts: AssessmentFacts;
  score: AssessmentScore;
}

type RoundDates = Pick<repo.RoundDetailRow, 'period_start' | 'period_end' | 'reference_date'>;

/** Facts from the records and the score of each org, with its judgements and overrides as given. */
async function computeScores(
  db: Db | Trx,
  round: RoundDates,
  system: IndicatorSystemDefinition,
  rows: readonly { org_id: number; judgements: readonly Judgement[]; adjustments: readonly Adjustment[] }[],
): Promise<Map<number, Computed>> {
  const metrics = metricsOf(system);
  const facts =
    metrics.length > 0 && rows.length > 0
      ? await computeAssessmentFacts(db, {
          orgIds: rows.map((r) => r.org_id),
          periodStart: round.period_start,
          periodEnd: round.period_end,
          referenceDate: round.reference_date,
          metrics,
        })
      : new Map<number, AssessmentFacts>();
  return new Map(
    rows.map((r) => {
      const f = facts.get(r.org_id) ?? {};
      return [r.org_id, { facts: f, score: scoreAssessment(system, f, r.judgements, r.adjustments) }];
    }),
  );
}

/** The result columns of a score: what the board, the quotas and the trend read without opening it. */
function resultColumns(system: IndicatorSystemDefinition, c: Computed, now: Date) {
  return {
    facts: JSON.stringify(c.facts),
    score: JSON.stringify(c.score),
    computed_at: now,
    total: c.score.mode === 'score' ? c.score.total : null,
    stars: c.score.stars,
    passed: c.score.passed,
    vetoed: c.score.vetoed,
    pending_count: c.score.pending.length,
    follow_up: followUpBand(system, c.score),
  };
}

/** JSON with its keys sorted: a value read back from jsonb compares equal to the one written. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

/**
 * Recomputes the orgs whose scores may still follow the records and whose records changed since their facts were
 * computed (or on another day: periods and deadlines end), and stores those that changed (no version bump), so the
 * rows returned carry what is stored. The others — unchanged, frozen or not rated — are returned as they are:
 * a read of an unchanged round computes nothing.
 */
async function refreshScores(
  db: Db,
  round: repo.RoundDetailRow,
  rows: repo.OrgRow[],
  now: Date,
): Promise<repo.OrgRow[]> {
  const open = rows.filter((r) => mayRecompute(r.status));
  if (open.length === 0) return rows;
  // Read before computing: a change committed later is numbered above what is stored, and found next time.
  const changes = await recordChanges(
    db,
    open.map((r) => r.org_id),
  );
  const fresh = { facts_generation: changes.latest, facts_day: toLocalDate(now) };
  const due = open.filter(
    (r) =>
      r.facts_day !== fresh.facts_day ||
      changes.changedSince(r.org_id, r.facts_generation === null ? null : Number(r.facts_generation)),
  );
  if (due.length === 0) return rows;
  const computed = await computeScores(db, round, round.definition, due);
  const out = new Map(rows.map((r) => [r.id, r]));
  const same: repo.OrgRow[] = [];
  for (const r of due) {
    const c = computed.get(r.org_id)!;
    if (canonical(c.facts) === canonical(r.facts) && canonical(c.score) === canonical(r.score)) {
      same.push(r);
      continue;
    }
    const values = { ...resultColumns(round.definition, c, now), ...fresh };
    if (await repo.storeComputation(db, r.id, r.version, values))
      out.set(r.id, {
        ...r,
        ...values,
        facts: c.facts,
        score: c.score,
        facts_generation: String(changes.latest),
      });
  }
  await repo.storeFreshness(db, same, fresh);
  return rows.map((r) => out.get(r.id)!);
}

// Indicator systems

/** GET /api/indicator-systems: the versions, the latest year first, filtered. */
export async function listSystems(
  db: Db,
  query: IndicatorSystemListQuery,
): Promise<Page<IndicatorSystemItem>> {
  const { rows, total } = await repo.systemPage(
    db,
    { kind: query.kind, level: query.level, year: query.year, q: query.q || undefined },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentSystem), total, page: query.page, pageSize: query.pageSize };
}

/** GET /api/indicator-systems/{id}: one version with its definition. */
export async function getSystem(db: Db | Trx, id: number): Promise<IndicatorSystemDetail> {
  const s = await repo.findSystem(db, id);
  if (!s) throw systemNotFound();
  return presentSystemDetail(s);
}

/** GET /api/indicator-systems/templates: the built-in templates a school copies. */
export function listTemplates(): AssessmentTemplateItem[] {
  return assessmentTemplateKeys.map((key) => {
    const t = assessmentTemplates[key];
    return {
      key,
      label: assessmentTemplateLabels[key],
      kind: t.kind,
      level: t.level,
      mode: t.mode,
      maxScore: t.maxScore,
      description: t.description,
    };
  });
}

/** A system's columns besides its definition. */
const systemColumnsOf = (d: IndicatorSystemDefinition) => ({
  kind: d.kind,
  level: d.level,
  year: d.year,
  name: d.name,
  mode: d.mode,
  definition: repo.definitionJson(d),
});

/** POST /api/indicator-systems: a new version from a template, as a copy of another, or as given; returns its id. */
export async function createSystem(
  trx: Trx,
  actor: Actor,
  body: CreateIndicatorSystem,
  now: Date,
  change: AuditChange,
): Promise<number> {
  let definition: IndicatorSystemDefinition;
  let copiedFrom: number | null = null;
  if (body.source === 'template') definition = systemFromTemplate(body.template, body.year, body.name);
  else if (body.source === 'copy') {
    const from = await repo.findSystem(trx, body.systemId);
    if (!from) throw outOfScope('systemId', assessmentFieldLabels.systemId);
    definition = copyIndicatorSystem(from.definition, body.year, body.name);
    copiedFrom = from.id;
  } else definition = body.definition;
  // A template or a copy is checked like a definition sent whole (a name given may be the only change).
  const problems = indicatorSystemProblems(definition);
  if (problems.length > 0) throw fieldError(problems);
  const id = await repo.insertSystem(trx, {
    ...systemColumnsOf(definition),
    source: body.source,
    template_key: body.source === 'template' ? body.template : null,
    copied_from_id: copiedFrom,
    created_by: accountIdOf(actor),
    updated_at: now,
  });
  Object.assign(change, {
    targetType: 'indicator_system',
    targetId: id,
    summary: `新建考核指标体系：${definition.name}（${definition.year}年度）`,
    after: {
      name: definition.name,
      year: definition.year,
      kind: definition.kind,
      source: body.source,
      ...(body.source === 'template' ? { template: body.template } : {}),
      ...(copiedFrom !== null ? { copiedFromId: copiedFrom } : {}),
      maxScore: definition.maxScore,
    },
  });
  return id;
}

/**
 * PATCH /api/indicator-systems/{id}: a new definition, name or description. A version a round uses keeps every
 * score-bearing field (core `indicatorSystemEditProblems`, refused on its fields: copy it to change them).
 */
export async function updateSystem(
  trx: Trx,
  _actor: Actor,
  id: number,
  body: UpdateIndicatorSystem,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockSystem(trx, id, 'update'))) throw systemNotFound();
  const s = (await repo.findSystem(trx, id))!;
  if (s.version !== body.version) throw systemChanged();
  // Read back from jsonb, the keys come in another order: parse it to the contract's shape and order first.
  const before = indicatorSystemDefinition.parse(s.definition);
  const next: IndicatorSystemDefinition = { ...(body.definition ?? before) };
  if (body.name !== undefined) next.name = body.name;
  if (body.description !== undefined) next.description = body.description;
  const frozen = indicatorSystemEditProblems(before, next, s.in_use);
  if (frozen.length > 0) throw new AppError('RULE_VIOLATION', frozen[0]!.message, { fields: frozen });
  const problems = indicatorSystemProblems(next);
  if (problems.length > 0) throw fieldError(problems);
  const fields = (Object.keys(next) as (keyof IndicatorSystemDefinition)[]).filter(
    (k) => canonical(before[k]) !== canonical(next[k]),
  );
  if (!(await repo.updateSystem(trx, id, s.version, { ...systemColumnsOf(next), updated_at: now })))
    throw systemChanged();
  Object.assign(change, {
    targetType: 'indicator_system',
    targetId: id,
    summary: `修改考核指标体系：${next.name}（${next.year}年度）`,
    before: {
      name: before.name,
      description: before.description,
      year: before.year,
      maxScore: before.maxScore,
    },
    after: {
      name: next.name,
      description: next.description,
      year: next.year,
      maxScore: next.maxScore,
      fields,
    },
  });
}

// Rounds

/** GET /api/assessments: rounds with an org in the actor's scope, the newest first, with their progress. */
export async function listRounds(
  db: Db,
  actor: Actor,
  query: AssessmentRoundListQuery,
): Promise<Page<AssessmentRoundItem>> {
  const inScope = (column: string) => pathInScope(actor.scope, column);
  const { rows, total } = await repo.roundPage(
    db,
    { inScope, kind: query.kind, year: query.year, q: query.q || undefined },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const counts = await repo.progressOf(
    db,
    rows.map((r) => r.id),
    inScope('o.path'),
  );
  return {
    items: rows.map((r) =>
      presentRound(
        r,
        Object.fromEntries(counts.filter((c) => c.round_id === r.id).map((c) => [c.status, Number(c.n)])),
      ),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A round and its orgs in the actor's scope; NOT_FOUND when none is (as for a round that does not exist). */
async function roundInScope(db: Db | Trx, actor: Actor, id: number) {
  const round = await repo.findRound(db, id);
  if (!round) throw roundNotFound();
  const rows = await repo.orgRowsOf(db, id, pathInScope(actor.scope, 'o.path'));
  if (rows.length === 0) throw roundNotFound();
  return { round, rows };
}

/** GET /api/assessments/{id}: the round board — the orgs in the actor's scope with their status and score. */
export async function getRound(db: Db, actor: Actor, id: number, now: Date): Promise<AssessmentRoundDetail> {
  const { round, rows } = await roundInScope(db, actor, id);
  const fresh = await refreshScores(db, round, rows, now);
  const progress: Partial<Record<AssessmentStatus, number>> = {};
  for (const r of fresh) progress[r.status] = (progress[r.status] ?? 0) + 1;
  const item = presentRound(round, progress);
  return {
    ...item,
    system: {
      ...item.system,
      mode: round.system_mode,
      level: round.system_level,
      maxScore: round.definition.maxScore,
    },
    orgs: fresh.map((r) => presentOrgItem(r, round.period_end)),
    abilities: {
      edit:
        actor.permissions.has('assessment:round:manage') &&
        isPathInScope(actor.scope, round.scope_org_path) &&
        !roundIsFinal(await roundProgress(db, id)),
    },
  };
}

/** How many orgs of a round (all of them) are at each status. */
async function roundProgress(db: Db | Trx, id: number): Promise<Partial<Record<AssessmentStatus, number>>> {
  const progress: Partial<Record<AssessmentStatus, number>> = {};
  for (const c of await repo.progressOf(db, [id], null)) progress[c.status] = Number(c.n);
  return progress;
}

/** The rows of a round's board, refreshed (the results sheet reads them). */
export async function roundForDocuments(db: Db, actor: Actor, id: number, now: Date) {
  const { round, rows } = await roundInScope(db, actor, id);
  return { round, rows: await refreshScores(db, round, rows, now) };
}

/**
 * POST /api/assessments: a round of a system over the orgs of its level under `scopeOrgId` (the org itself
 * included). Each org is rated unless too young on the reference date (core `ratingEligibility`; an org whose
 * founding day the platform does not hold is rated); the rated ones get their facts and score at once and their
 * secretaries are told. Returns the round's id.
 */
export async function createRound(
  trx: Trx,
  actor: Actor,
  body: CreateAssessmentRound,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<number> {
  // The version may not change under the round (a PATCH waits, then finds it in use).
  if (!(await repo.lockSystem(trx, body.systemId, 'share')))
    throw outOfScope('systemId', assessmentFieldLabels.systemId);
  const system = (await repo.findSystem(trx, body.systemId))!;
  const definition = system.definition;
  const scope = await repo.findOrg(trx, body.scopeOrgId);
  if (!scope || !isPathInScope(actor.scope, scope.path))
    throw outOfScope('scopeOrgId', assessmentFieldLabels.scopeOrgId);
  if (scope.archived_at !== null)
    throw fieldError([{ path: 'scopeOrgId', message: `考核范围：${scope.name}已撤销` }]);
  const dueProblems = (['selfDueOn', 'reviewDueOn'] as const)
    .filter((k) => body[k] !== null && body[k]! < today)
    .map((k) => ({ path: k, message: `${assessmentFieldLabels[k]}：不能早于今天` }));
  if (dueProblems.length > 0) throw fieldError(dueProblems);
  const referenceDate = body.referenceDate ?? body.periodEnd;
  const orgs = (await repo.orgsUnder(trx, scope.path)).filter((o) => orgFitsLevel(o.type, definition.level));
  if (orgs.length === 0)
    throw new AppError(
      'RULE_VIOLATION',
      `${scope.name}范围内没有可按“${definition.name}”考核的党组织（${definition.level === 'branch' ? '党支部' : '党总支'}）`,
      { fields: [{ path: 'scopeOrgId', message: '考核范围：范围内没有该指标体系考核的党组织' }] },
    );
  const roundId = await repo.insertRound(trx, {
    system_id: system.id,
    title: body.title,
    period_start: body.periodStart,
    period_end: body.periodEnd,
    reference_date: referenceDate,
    scope_org_id: scope.id,
    notice_working_days: body.noticeWorkingDays,
    self_due_on: body.selfDueOn,
    review_due_on: body.reviewDueOn,
    created_by: accountIdOf(actor),
  });
  const states = orgs.map((o) => {
    const eligibility =
      o.founded_on === null
        ? ({ eligible: true } as const)
        : ratingEligibility(o.founded_on, referenceDate, definition.rating.minAgeMonths);
    // A branch under a 党总支 is reviewed by it; a 直属支部 and a 总支 itself go to the 组织部.
    const generalBranchId = o.parent_type === 'general_branch' ? o.parent_id : null;
    return {
      org: o,
      generalBranchId,
      state: initialOrgAssessmentState(eligibility, generalBranchId !== null),
    };
  });
  const rated = states.filter((s) => s.state.status !== 'not_rated');
  const scores = await computeScores(
    trx,
    { period_start: body.periodStart, period_end: body.periodEnd, reference_date: referenceDate },
    definition,
    rated.map((s) => ({ org_id: s.org.id, judgements: [], adjustments: [] })),
  );
  await repo.insertOrgAssessments(
    trx,
    states.map((s) => {
      const c = scores.get(s.org.id);
      return {
        round_id: roundId,
        org_id: s.org.id,
        general_branch_id: s.generalBranchId,
        status: s.state.status,
        not_rated_reason: s.state.notRatedReason,
        ...(c ? resultColumns(definition, c, now) : {}),
        updated_at: now,
      };
    }),
  );
  const due = body.selfDueOn ? `，请于 ${body.selfDueOn} 前完成自评` : '，请及时完成自评';
  for (const s of rated)
    await tell(trx, [s.org.id], actor.userId, now, {
      kind: 'assessment.opened',
      key: `assessment.opened:${roundId}:${s.org.id}`,
      title: `考核自评：${body.title}`,
      body: `${s.org.name}参加“${body.title}”（${definition.name}，考核期 ${body.periodStart} 至 ${body.periodEnd}）${due}。按记录自动计算的指标由平台计算，无需另报材料。`,
      link: scorecardLink(roundId, s.org.id),
    });
  Object.assign(change, {
    targetType: 'assessment_round',
    targetId: roundId,
    summary: `发起考核：${body.title}（${scope.name}，${orgs.length} 个党组织）`,
    after: {
      systemId: system.id,
      title: body.title,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      referenceDate,
      scopeOrgId: scope.id,
      noticeWorkingDays: body.noticeWorkingDays,
      selfDueOn: body.selfDueOn,
      reviewDueOn: body.reviewDueOn,
      orgCount: orgs.length,
      notRated: states.length - rated.length,
    },
  });
  return roundId;
}

/** Whether every org of a round is final or not rated: the round is closed to corrections. */
const roundIsFinal = (progress: Partial<Record<AssessmentStatus, number>>) =>
  Object.entries(progress).every(([status, n]) => !n || status === 'final' || status === 'not_rated');

/**
 * PATCH /api/assessments/{id}: the 组织部 corrects a round before it is final — its title, its deadlines (a date
 * changed may not lie before today; 审核 not before 自评) and the 公示's working days (the decisions still to come
 * use them). A round whose scope lies outside the actor's answers like a missing one; a final one, or one changed
 * since it was read, is refused (409). The deadline findings follow (the round's trigger marks its orgs).
 */
export async function updateRound(
  trx: Trx,
  actor: Actor,
  id: number,
  body: UpdateAssessmentRound,
  today: IsoDate,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockRound(trx, id))) throw roundNotFound();
  const round = (await repo.findRound(trx, id))!;
  if (!isPathInScope(actor.scope, round.scope_org_path)) throw roundNotFound();
  if (round.version !== body.version) throw new AppError('CONFLICT', '该考核已被他人修改，请刷新后重试');
  if (roundIsFinal(await roundProgress(trx, id)))
    throw new AppError('CONFLICT', `${round.title}的结果已全部确定，不能再修改`);
  const before = {
    title: round.title,
    noticeWorkingDays: round.notice_working_days,
    selfDueOn: round.self_due_on,
    reviewDueOn: round.review_due_on,
  };
  const after = {
    title: body.title ?? before.title,
    noticeWorkingDays: body.noticeWorkingDays ?? before.noticeWorkingDays,
    selfDueOn: body.selfDueOn === undefined ? before.selfDueOn : body.selfDueOn,
    reviewDueOn: body.reviewDueOn === undefined ? before.reviewDueOn : body.reviewDueOn,
  };
  const problems = (['selfDueOn', 'reviewDueOn'] as const)
    .filter((k) => after[k] !== before[k] && after[k] !== null && after[k]! < today)
    .map((k) => ({ path: k, message: `${assessmentFieldLabels[k]}：不能早于今天` }));
  if (after.selfDueOn && after.reviewDueOn && after.reviewDueOn < after.selfDueOn)
    problems.push({
      path: body.reviewDueOn !== undefined ? 'reviewDueOn' : 'selfDueOn',
      message:
        body.reviewDueOn !== undefined
          ? '审核截止日期：不能早于自评截止日期'
          : `自评截止日期：不能晚于审核截止日期（${after.reviewDueOn}）`,
    });
  if (problems.length > 0) throw fieldError(problems);
  const fields = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
  if (fields.length === 0) return;
  const ok = await repo.updateRound(trx, id, round.version, {
    title: after.title,
    notice_working_days: after.noticeWorkingDays,
    self_due_on: after.selfDueOn,
    review_due_on: after.reviewDueOn,
  });
  if (!ok) throw new AppError('CONFLICT', '该考核已被他人修改，请刷新后重试');
  const pick = (o: typeof before) => Object.fromEntries(fields.map((k) => [k, o[k]]));
  Object.assign(change, {
    targetType: 'assessment_round',
    targetId: id,
    summary: `修改考核：${after.title}`,
    before: pick(before),
    after: pick(after),
  });
}

// One org of a round

/** One org of a round in the actor's scope, with the round; NOT_FOUND otherwise. */
async function orgInScope(db: Db | Trx, actor: Actor, roundId: number, orgId: number) {
  const round = await repo.findRound(db, roundId);
  if (!round) throw orgNotFound();
  const r = await repo.findOrgAssessment(db, roundId, orgId);
  if (!r || !isPathInScope(actor.scope, r.org_path)) throw orgNotFound();
  return { round, r };
}

/** Locks an org of a round and loads it (NOT_FOUND out of scope); refuses a version other than the one read. */
async function loadForChange(trx: Trx, actor: Actor, roundId: number, orgId: number, version?: number) {
  if (!(await repo.lockOrgAssessment(trx, roundId, orgId))) throw orgNotFound();
  const found = await orgInScope(trx, actor, roundId, orgId);
  if (version !== undefined && found.r.version !== version) throw changed();
  return found;
}

/** An org's final results, the latest year first: the trend, and what later modules (述职评议, cadres) read. */
export async function orgAssessmentResults(db: Db | Trx, orgId: number): Promise<OrgAssessmentResult[]> {
  return (await repo.finalResultsOf(db, orgId)).map(presentResult);
}

/** GET /api/orgs/{id}/assessments: an org in the actor's scope and its final results by year. */
export async function getOrgResults(db: Db, actor: Actor, orgId: number): Promise<OrgAssessmentResults> {
  await subtreePathInScope(db, actor, orgId);
  const org = (await repo.findOrg(db, orgId))!;
  return { orgId, orgName: org.name, results: await orgAssessmentResults(db, orgId) };
}

/** GET /api/assessments/{id}/orgs/{orgId}: the scorecard, its score recomputed from the records while it may be. */
export async function getOrgAssessment(
  db: Db,
  actor: Actor,
  roundId: number,
  orgId: number,
  now: Date,
): Promise<OrgAssessmentDetail> {
  const { round, r } = await orgInScope(db, actor, roundId, orgId);
  const [fresh] = await refreshScores(db, round, [r], now);
  return detailOf(db, actor, round, fresh!);
}

async function detailOf(
  db: Db | Trx,
  actor: Actor,
  round: repo.RoundDetailRow,
  r: repo.OrgRow,
): Promise<OrgAssessmentDetail> {
  const [steps, trend] = await Promise.all([repo.stepsOf(db, [r.id]), orgAssessmentResults(db, r.org_id)]);
  const abilities = allowedAssessmentActions(stateOf(r, steps), reachOf(actor, r));
  return presentOrgDetail(r, round, {
    steps,
    abilities,
    trend: trend.filter((t) => t.roundId !== round.id),
  });
}

// Judgements

const numericId = (s: string) => (/^[1-9]\d{0,9}$/.test(s) ? Number(s) : null);

/**
 * A linked 届次 by the id the metrics give it (`org:12:term:34`, core `termRefId`) or, as links saved before, by
 * its own id: the term must be the org's and in scope. The ref comes back in the metrics' form, so it opens the
 * org's 班子与届次 tab.
 */
async function resolveTermLink(
  db: Db | Trx,
  linkId: string,
  inScope: (path: string | null | undefined) => boolean,
  missing: () => AppError,
): Promise<AssessmentRecordRef> {
  const parts = parseTermRefId(linkId);
  const termId = parts ? parts.termId : numericId(linkId);
  if (termId === null) throw missing();
  const t = (await linkedTerms(db, [termId])).get(termId);
  if (!t || (parts && parts.orgId !== t.org.id) || !inScope(t.org.path)) throw missing();
  return { kind: 'term', id: termRefId(t.org.id, t.id), label: `${t.org.name} 第${t.number}届` };
}

/**
 * A linked 发展党员 step by the id the metrics give it (core `stepRefId`: a recorded step `dossier-34-event-812`,
 * one not taken `dossier-34-step-<step>`) or, as links saved before, by the recorded step's own id: the step must
 * be the dossier's, and the dossier's branch in scope. The ref comes back in the metrics' form (it opens the
 * dossier).
 */
async function resolveStepLink(
  db: Db | Trx,
  actor: Actor,
  linkId: string,
  inScope: (path: string | null | undefined) => boolean,
  missing: () => AppError,
  ownedElsewhere: (error: unknown) => never,
): Promise<AssessmentRecordRef> {
  const parts = parseStepRefId(linkId);
  const legacy = parts ? null : numericId(linkId);
  if (!parts && legacy === null) throw missing();
  if (parts && parts.eventId === null && parts.step === null) throw missing();
  const eventId = parts ? parts.eventId : legacy;
  if (eventId !== null) {
    const e = (await linkedSteps(db, [eventId])).get(eventId);
    if (!e || (parts && parts.recruitmentId !== e.recruitmentId) || !inScope(e.orgPath)) throw missing();
    return {
      kind: 'recruitment_step',
      id: stepRefId(e.recruitmentId, { eventId: e.id }),
      label: `${e.personName}：${e.label}（${e.date}）`,
    };
  }
  const step = parts!.step!;
  const d = await loadDossierInScope(db, actor, parts!.recruitmentId).catch(ownedElsewhere);
  return {
    kind: 'recruitment_step',
    id: stepRefId(d.id, { step }),
    label: `${d.person_name}：${recruitmentStepInfo[step].label}（未办理）`,
  };
}

/**
 * The record a judgement links, if it exists and lies in the actor's scope (NOT_FOUND as for a missing one,
 * naming the field), with its label as the platform writes it.
 */
async function resolveLink(
  db: Db | Trx,
  actor: Actor,
  link: AssessmentRecordRef,
  path: string,
  today: IsoDate,
  now: Date,
): Promise<AssessmentRecordRef> {
  const missing = () => outOfScope(path, '关联记录');
  const inScope = (p: string | null | undefined) => !!p && isPathInScope(actor.scope, p);
  const ref = (label: string): AssessmentRecordRef => ({ kind: link.kind, id: link.id, label });
  const id = numericId(link.id);
  const ownedElsewhere = (error: unknown): never => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw missing();
    throw error;
  };
  switch (link.kind) {
    case 'term':
      return resolveTermLink(db, link.id, inScope, missing);
    case 'recruitment_step':
      return resolveStepLink(db, actor, link.id, inScope, missing, ownedElsewhere);
    case 'finding':
      break;
    default:
      if (id === null) throw missing();
  }
  switch (link.kind) {
    case 'activity': {
      const a = (await linkedActivities(db, [id!])).get(id!);
      if (!a || !inScope(a.orgPath)) throw missing();
      return ref(`${a.onDate} ${a.title}`);
    }
    case 'transfer': {
      const t = (await linkedTransfers(db, [id!])).get(id!);
      if (!t || !(inScope(t.fromPath) || inScope(t.toPath))) throw missing();
      return ref(`组织关系转接：${t.personName}（${t.requestedOn}）`);
    }
    case 'finding': {
      const f = await findingForRectification(db, actor, link.id).catch(ownedElsewhere);
      return ref(`${f.title}（${f.orgName}）`);
    }
    case 'rectification': {
      const d = await getRectificationDetail(db, actor, id!, today).catch(ownedElsewhere);
      return ref(`整改事项：${d.problem.slice(0, 60)}`);
    }
    case 'supervised_task': {
      const d = await getTaskDetail(db, actor, id!, today).catch(ownedElsewhere);
      return ref(`督办事项：${d.title}`);
    }
    case 'member_appraisal': {
      const d = await getAppraisalDetail(db, actor, id!, today, now).catch(ownedElsewhere);
      return ref(`${d.year}年度民主评议党员（${d.org.name}）`);
    }
  }
}

/**
 * PUT /api/assessments/{id}/orgs/{orgId}: the judgements (and, for a reviewer, the overrides of computed items) of
 * the level the org waits for, replacing that level's; every linked record must be one the actor may see. The
 * score is recomputed from the records and stored with them.
 */
export async function saveJudgements(
  trx: Trx,
  actor: Actor,
  roundId: number,
  orgId: number,
  body: OrgAssessmentUpdate,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const { round, r } = await loadForChange(trx, actor, roundId, orgId, body.version);
  const level = judgingLevel(r.status);
  if (level === null)
    throw new AppError('CONFLICT', `该党组织的考核${assessmentStatusLabels[r.status]}，现在不能评分`);
  const reach = reachOf(actor, r);
  const side = level === 'self' ? 'org' : level;
  if (!reach[side])
    throw new AppError(
      'FORBIDDEN',
      `现在是${reviewLevelLabels[level]}环节，由${side === 'org' ? r.org_name : side === 'general_branch' ? (r.general_branch_name ?? '党总支') : '组织部'}填写`,
    );
  if (level === 'self' && body.adjustments.length > 0)
    throw fieldError([
      {
        path: 'adjustments',
        message: '调整：自评时不能调整自动计算的结果，如有出入请在说明中写明，由审核环节调整',
      },
    ]);
  const by = { byName: actor.displayName, at: now.toISOString() };
  const judgements: Judgement[] = [];
  for (const [i, j] of body.judgements.entries()) {
    const links: AssessmentRecordRef[] = [];
    for (const [k, link] of j.links.entries())
      links.push(await resolveLink(trx, actor, link, `judgements.${i}.links.${k}`, today, now));
    judgements.push({ itemId: j.itemId, level, value: j.value, comment: j.comment, links, ...by });
  }
  const adjustments: Adjustment[] =
    level === 'self' ? [] : body.adjustments.map((a) => ({ ...a, level, ...by }));
  const problems = judgementProblems(round.definition, judgements, adjustments);
  if (problems.length > 0) throw fieldError(problems);
  const allJudgements = [...r.judgements.filter((j) => j.level !== level), ...judgements];
  const allAdjustments = [...r.adjustments.filter((a) => a.level !== level), ...adjustments];
  const c = (
    await computeScores(trx, round, round.definition, [
      { org_id: r.org_id, judgements: allJudgements, adjustments: allAdjustments },
    ])
  ).get(r.org_id)!;
  const ok = await repo.updateOrgAssessment(trx, r.id, r.version, {
    judgements: JSON.stringify(allJudgements),
    adjustments: JSON.stringify(allAdjustments),
    ...resultColumns(round.definition, c, now),
    updated_at: now,
  });
  if (!ok) throw changed();
  const summaryOf = (list: readonly (Judgement | Adjustment)[]) =>
    list.filter((j) => j.level === level).map((j) => ({ itemId: j.itemId, value: j.value }));
  Object.assign(change, {
    targetType: 'org_assessment',
    targetId: r.id,
    summary: `${reviewLevelLabels[level]}评分：${round.title} ${r.org_name}`,
    before: {
      reviewLevel: level,
      judgements: summaryOf(r.judgements),
      adjustments: summaryOf(r.adjustments),
      total: r.total,
    },
    after: {
      reviewLevel: level,
      judgements: summaryOf(judgements),
      adjustments: adjustments.map((a) => ({ itemId: a.itemId, value: a.value, reason: a.reason })),
      total: c.score.mode === 'score' ? c.score.total : null,
      pending: c.score.pending.length,
    },
  });
}

// Transitions

/** A refusal of core's: the wrong status (409), what the step still needs (400), a rule it breaks (422). */
function refusal(violations: readonly AssessmentViolation[]): AppError {
  const conflict = violations.find((v) => v.kind === 'conflict');
  if (conflict) return new AppError('CONFLICT', conflict.message);
  const fields = violations.filter((v) => v.kind === 'field');
  if (fields.length > 0)
    return new AppError('VALIDATION_FAILED', fields[0]!.message, {
      fields: fields.map((v) => ({ path: v.path ?? '', message: v.message })),
    });
  const quota = violations.flatMap((v) => (v.quota ? [v.quota] : []));
  return new AppError('RULE_VIOLATION', violations.map((v) => v.message).join('；'), {
    ...(quota.length > 0
      ? {
          quotas: quota.map((q) => ({
            minStars: q.rule.minStars,
            maxPercent: q.rule.maxPercent,
            ratedCount: q.ratedCount,
            allowed: q.allowed,
            actual: q.actual,
            orgs: q.orgs,
          })),
        }
      : {}),
  });
}

/** The outcome of a score in words, for the 409 of a score that moved under the 组织部's approval. */
function outcomeText(s: AssessmentScore): string {
  if (s.mode === 'pass_fail') return s.passed ? '达标' : '不达标';
  return `${s.total}分${s.stars !== null ? `（${starLabel(s.stars)}）` : ''}`;
}

/** Whether two scores give the same result (total, stars, 达标, vetoes, what is pending). */
const sameOutcome = (a: AssessmentScore | null, b: AssessmentScore) =>
  a !== null &&
  a.total === b.total &&
  a.stars === b.stars &&
  a.passed === b.passed &&
  a.vetoed === b.vetoed &&
  canonical(a.pending) === canonical(b.pending);

/** The stars of the other orgs of the round decided or final, for the quotas (read under the round's lock). */
async function quotaFacts(
  trx: Trx,
  round: repo.RoundDetailRow,
  r: repo.OrgRow,
): Promise<RoundQuotaFacts | undefined> {
  const quotas = round.definition.rating.quotas;
  if (quotas.length === 0) return undefined;
  const rows = await repo.quotaRowsOf(trx, round.id);
  return {
    quotas,
    ratedCount: rows.filter((x) => x.status !== 'not_rated').length,
    decidedOthers: rows
      .filter((x) => x.id !== r.id && (x.status === 'public_notice' || x.status === 'final'))
      .map((x) => ({ orgId: x.org_id, orgName: x.org_name, stars: x.stars })),
    self: { orgId: r.org_id, orgName: r.org_name, stars: r.stars },
  };
}

/**
 * POST /api/assessments/{id}/orgs/{orgId}/transitions: one step of core's procedure under the org's row lock — and,
 * for the decision and the final result, the round's, so that two orgs decided at once are checked against each
 * other's quota. While the score may follow the records it is recomputed; the 组织部's approval is refused when that
 * changes what it saw. A final 整改 result opens its rectification items (core `rectificationProposals`) once.
 */
export async function transitionOrgAssessment(
  trx: Trx,
  actor: Actor,
  roundId: number,
  orgId: number,
  body: AssessmentTransitionBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const t = body.transition;
  const bindsQuota = t === 'record_decision' || t === 'finalise';
  if (bindsQuota && !(await repo.lockRound(trx, roundId))) throw orgNotFound();
  const { round, r } = await loadForChange(trx, actor, roundId, orgId, body.version);
  const system = round.definition;
  const steps = await repo.stepsOf(trx, [r.id]);
  const state = stateOf(r, steps);
  const label = assessmentTransitionLabels[t];
  const fresh = mayRecompute(r.status) ? (await computeScores(trx, round, system, [r])).get(r.org_id)! : null;
  const score = fresh?.score ?? r.score;
  const result = applyAssessmentTransition(state, t, {
    actor: { id: accountIdOf(actor), name: actor.displayName },
    at: now.toISOString(),
    today,
    reason: body.reason,
    decidedOn: body.decidedOn,
    noticeStartOn: body.noticeStartOn,
    noticeEndOn: body.noticeEndOn,
    noticeWorkingDays: round.notice_working_days,
    pendingItems: score?.pending ?? [],
    quota: bindsQuota ? await quotaFacts(trx, round, r) : undefined,
  });
  if (!result.ok && result.violations.some((v) => v.kind === 'conflict')) throw refusal(result.violations);
  const side = assessmentTransitionActor[t];
  if (!reachOf(actor, r)[side])
    throw new AppError(
      'FORBIDDEN',
      `${label}由${side === 'org' ? r.org_name : side === 'general_branch' ? (r.general_branch_name ?? assessmentActorLabels[side]) : assessmentActorLabels[side]}办理`,
    );
  if (!result.ok) throw refusal(result.violations);
  if (t === 'department_approve' && fresh && !sameOutcome(r.score, fresh.score))
    throw new AppError(
      'CONFLICT',
      `考核数据已随记录更新：${r.org_name}的结果由${r.score ? outcomeText(r.score) : '—'}变为${outcomeText(fresh.score)}，请刷新核对后再审核`,
    );
  const next = result.state;
  const final = next.status === 'final';
  let rectificationIds = r.rectification_ids;
  if (final && r.score && rectificationIds.length === 0)
    rectificationIds = await openRectifications(trx, actor, round, r, r.score, today, now);
  const ok = await repo.updateOrgAssessment(trx, r.id, r.version, {
    status: next.status,
    decided_on: next.decidedOn,
    notice_start_on: next.noticeStartOn,
    notice_end_on: next.noticeEndOn,
    ...(fresh ? resultColumns(system, fresh, now) : {}),
    ...(final ? { finalised_on: today, rectification_ids: rectificationIds } : {}),
    updated_at: now,
  });
  if (!ok) throw changed();
  const step = next.history[next.history.length - 1]!;
  await repo.insertStep(trx, {
    org_assessment_id: r.id,
    at: now,
    transition: t,
    from_status: step.from,
    to_status: step.to,
    actor_id: accountIdOf(actor),
    actor_name: actor.displayName,
    reason: step.reason,
  });
  await tellOfStep(trx, actor, round, r, t, step.reason, now);
  const outcome = score ?? null;
  Object.assign(change, {
    targetType: 'org_assessment',
    targetId: r.id,
    summary: `${label}：${round.title} ${r.org_name}`,
    before: { status: r.status },
    after: {
      transition: t,
      status: next.status,
      ...(step.reason ? { reason: step.reason } : {}),
      ...(t === 'record_decision'
        ? { decidedOn: next.decidedOn, noticeStartOn: next.noticeStartOn, noticeEndOn: next.noticeEndOn }
        : {}),
      ...(outcome && (t === 'department_approve' || final)
        ? {
            total: outcome.mode === 'score' ? outcome.total : null,
            stars: outcome.stars,
            passed: outcome.passed,
            vetoed: outcome.vetoed,
            followUp: followUpBand(system, outcome),
          }
        : {}),
      ...(final && rectificationIds.length > 0 ? { rectificationIds } : {}),
    },
  });
}

/**
 * A final 整改 result's rectification items (core `rectificationProposals`), opened through the rectification
 * module for the org, due in three months (the usual 整改期限 of a 考核反馈); their ids.
 */
async function openRectifications(
  trx: Trx,
  actor: Actor,
  round: repo.RoundDetailRow,
  r: repo.OrgRow,
  score: AssessmentScore,
  today: IsoDate,
  now: Date,
): Promise<number[]> {
  const ids: number[] = [];
  const max = rectificationLimits.problem.max;
  for (const p of rectificationProposals(round.definition, score))
    ids.push(
      await openRectification(
        trx,
        { userId: accountIdOf(actor), name: actor.displayName },
        {
          orgId: r.org_id,
          source: 'assessment',
          sourceLabel: round.title,
          sourceRef: `指标 ${p.itemId}`,
          problem: p.problem.length > max ? `${p.problem.slice(0, max - 1)}…` : p.problem,
          clause: `${round.definition.name}（${round.title}）`,
          responsiblePersonId: null,
          assistingOrgIds: [],
          measures: null,
          deadline: addMonths(today, 3),
          milestones: [],
        },
        today,
        now,
      ),
    );
  return ids;
}

// Notifications

/** Tells the secretaries of the orgs (less the one who acted), once per key. */
async function tell(
  trx: Trx,
  orgIds: readonly number[],
  actorUserId: number | null,
  now: Date,
  m: Omit<Parameters<typeof notify>[1], 'userIds'>,
): Promise<void> {
  const users = new Set<number>();
  for (const orgId of orgIds) for (const u of await secretariesOf(trx, orgId)) users.add(u);
  if (actorUserId !== null) users.delete(actorUserId);
  if (users.size > 0) await notify(trx, { ...m, userIds: [...users] }, now);
}

/** Who hears of a step: the level an org is sent back to, and the org of its final result. */
async function tellOfStep(
  trx: Trx,
  actor: Actor,
  round: repo.RoundDetailRow,
  r: repo.OrgRow,
  t: AssessmentTransitionBody['transition'],
  reason: string | null,
  now: Date,
): Promise<void> {
  const key = `${round.id}:${r.org_id}:${r.version + 1}`;
  const link = scorecardLink(round.id, r.org_id);
  const back: Partial<Record<typeof t, number>> = {
    general_branch_return: r.org_id,
    department_return: r.general_branch_id ?? r.org_id,
    objection: r.org_id,
  };
  const to = back[t];
  if (to !== undefined)
    await tell(trx, [to], actor.userId, now, {
      kind: 'assessment.returned',
      key: `assessment.returned:${key}`,
      title: `${assessmentTransitionLabels[t]}：${round.title}`,
      body: `${r.org_name}的考核被${actor.displayName}退回：${reason ?? ''}`,
      link,
    });
  if (t === 'finalise')
    await tell(trx, [r.org_id], actor.userId, now, {
      kind: 'assessment.final',
      key: `assessment.final:${key}`,
      title: `考核结果已确定：${round.title}`,
      body: `${r.org_name}的“${round.title}”结果已经公示期满确定，请在评分表中查看得分和各项指标的依据。`,
      link,
    });
}
