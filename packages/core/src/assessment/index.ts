/**
 * Assessments (考核): 星级评定, 标准化达标验收, 个个过关 and the yearly 党建考评, scored from the records.
 *
 * How the pieces fit (what the server and the web build on):
 *
 * 1. An **indicator system** (`system.ts`, `IndicatorSystemDefinition`) is data: one version per year, a tree of
 *    dimensions → indicators, plus vetoes and rating rules. The server stores the definition as JSON; a body is
 *    parsed with `indicatorSystemBody` (contracts/assessment.ts: shape + `indicatorSystemProblems`). Once a round
 *    uses a version it is frozen: `indicatorSystemEditProblems(before, after, inUse)` refuses any change but the
 *    name and description; `copyIndicatorSystem` starts the next version. Built-in templates (`templates.ts`) are
 *    copied with `systemFromTemplate(key, year)`.
 *    Scoring methods: `computed` (a metric of `metrics.ts` through bands), `judgement` (points by a level),
 *    `bonus` / `deduction` (occurrences × points, from a count metric or entered; capped per item, per dimension
 *    and per system), `pass_fail` (达标验收; a metric against a threshold, or a reviewer), and `vetoes`
 *    (一票否决: a metric failing its threshold, or a reviewer's finding) capping stars, score, or 达标.
 * 2. The **metric catalogue** (`metrics.ts`) lists what the server computes from records for an org, a period
 *    and a reference date, each with the records it reads. The server passes `AssessmentFacts` (value, how it
 *    was counted, the record refs) for the metrics the system names. Nothing counts photos, uploads or log-ins.
 * 3. **Scoring** (`scoring.ts`): `scoreAssessment(system, facts, judgements, adjustments)` gives every number with
 *    its provenance (metric value and band; the judging level with comment and links and the 自评 beside it; an
 *    override with its reason beside the computed value). Judgements and overrides as entered are checked with
 *    `judgementProblems`. The server stores judgements per level and overrides; it recomputes the score whenever
 *    they or the facts change (`mayRecompute`: until the 组织部 approves) and stores the score it showed.
 * 4. **Results** (`results.ts`): `ratingEligibility` (too young → 不参评), stars from the score bands (capped by
 *    vetoes), `quotaConflicts` (e.g. 五星级 ≤ 30 % of the rated orgs, counted in whole orgs: 30 % of 3 is 0),
 *    `followUpBand` (示范 / 提升 / 整改) and `rectificationProposals` (what a 整改 result opens as rectification
 *    items, source `assessment`), `scoreOutOf100` for the performance export.
 * 5. **Procedure** (`procedure.ts`): per org in a round, 待自评 → 待总支审核 (only under a 总支) → 待组织部审核 →
 *    待党委审定 → 公示中 (N working days, weekends only) → 已确定, with returns; `applyAssessmentTransition` refuses
 *    a wrong status (409), missing reason/dates (400), and pending items, an unfinished 公示 or a broken quota
 *    (422, the quota message names the orgs and the rule). `allowedAssessmentActions(state, reach)` gives the
 *    buttons and which level may judge now; the server derives `reach` (org / 总支 / 组织部) from permissions and
 *    scope, and checks the quotas against the other orgs of the round that are decided or final.
 */
export * from './alerts.ts';
export * from './dictionaries.ts';
export * from './metrics.ts';
export * from './procedure.ts';
export * from './record-refs.ts';
export * from './results.ts';
export * from './scoring.ts';
export * from './system.ts';
export * from './templates.ts';
