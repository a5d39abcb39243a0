import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentTemplateKeys, reviewLevels } from './dictionaries.ts';
import { type MetricKey, metricCatalogue } from './metrics.ts';
import { quotaConflicts, type RatedResult } from './results.ts';
import {
  type Adjustment,
  type AssessmentFacts,
  isComputedItem,
  type Judgement,
  scoreAssessment,
  systemItems,
} from './scoring.ts';
import type { AdjustmentIndicator, IndicatorSystemDefinition } from './system.ts';
import { systemFromTemplate } from './templates.ts';
import { makeSystem } from './test-fixtures.ts';

const cap = fc.option(fc.integer({ min: 0, max: 12 }), { nil: null });

/** The fixture with random caps (any caps, even odd ones: the bounds must hold whatever the system says). */
const fixtureArb = fc
  .record({
    bonusCap: cap,
    deductionCap: cap,
    dimCaps: fc.array(fc.tuple(cap, cap), { minLength: 2, maxLength: 2 }),
    itemCaps: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ bonusCap, deductionCap, dimCaps, itemCaps }) => {
    const s = makeSystem();
    s.bonusCap = bonusCap;
    s.deductionCap = deductionCap;
    s.dimensions.forEach((d, i) => {
      d.bonusCap = dimCaps[i]![0];
      d.deductionCap = dimCaps[i]![1];
    });
    const adjustable = s.dimensions
      .flatMap((d) => d.indicators)
      .filter((i): i is AdjustmentIndicator => i.method === 'bonus' || i.method === 'deduction');
    adjustable.forEach((ind, i) => {
      ind.cap = itemCaps[i]!;
    });
    return s;
  });

const systemArb: fc.Arbitrary<IndicatorSystemDefinition> = fc.oneof(
  fixtureArb,
  fc.constantFrom(...assessmentTemplateKeys).map((k) => systemFromTemplate(k, 2026)),
);

const metricsOf = (s: IndicatorSystemDefinition): MetricKey[] => [
  ...new Set(
    [
      ...s.dimensions.flatMap((d) => d.indicators.map((i) => ('metric' in i ? i.metric : null))),
      ...s.vetoes.map((v) => v.metric),
    ].filter((m): m is MetricKey => m !== null),
  ),
];

/** Hundredths from `min` to `max` (fast-check's doubles crowd near 0; these spread evenly). */
const hundredths = (min: number, max: number) =>
  fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((n) => n / 100);

/** Metric values: often the best or the worst, sometimes anything, sometimes not applicable. */
const metricValue = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.constant(1), weight: 2 },
  { arbitrary: hundredths(0, 1.2), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 800 }), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);
/** Entered values: mostly plausible points or counts, then yes/no, then out of range. */
const entryValue = fc.oneof(
  { arbitrary: hundredths(0, 40), weight: 4 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: fc.double({ min: -50, max: 150, noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: fc.integer({ min: -3, max: 30 }), weight: 1 },
);

/** A system with random facts (some missing), judgements at random levels and overrides, all possibly out of range. */
const anyCaseArb = systemArb.chain((system) => {
  const items = [...systemItems(system).entries()];
  const judged = items.filter(([, it]) => !isComputedItem(it)).map(([id]) => id);
  const computed = items.filter(([, it]) => isComputedItem(it)).map(([id]) => id);
  const metrics = metricsOf(system);
  return fc.record({
    system: fc.constant(system),
    facts: fc
      .array(fc.option(metricValue, { nil: undefined }), {
        minLength: metrics.length,
        maxLength: metrics.length,
      })
      .map((values) => {
        const f: AssessmentFacts = {};
        metrics.forEach((m, i) => {
          const v = values[i];
          if (v !== undefined) f[m] = { value: v, detail: null, records: [] };
        });
        return f;
      }),
    // Most judged items get a value from some level; a few more entries at other levels on top.
    judgements: fc
      .tuple(
        fc.array(
          fc.option(fc.record({ level: fc.constantFrom(...reviewLevels), value: entryValue }), { freq: 4 }),
          {
            minLength: judged.length,
            maxLength: judged.length,
          },
        ),
        fc.array(
          fc.record({
            itemId: judged.length > 0 ? fc.constantFrom(...judged) : fc.constant('none'),
            level: fc.constantFrom(...reviewLevels),
            value: entryValue,
          }),
          { maxLength: 10 },
        ),
      )
      .map(([each, extra]) => {
        const all = [...each.flatMap((e, i) => (e === null ? [] : [{ itemId: judged[i]!, ...e }])), ...extra];
        const seen = new Set<string>();
        return all.filter((j) => !seen.has(`${j.itemId}|${j.level}`) && seen.add(`${j.itemId}|${j.level}`));
      }),
    adjustments: fc.uniqueArray(
      fc.record({
        itemId: computed.length > 0 ? fc.constantFrom(...computed) : fc.constant('none'),
        level: fc.constantFrom('general_branch' as const, 'department' as const),
        value: entryValue,
      }),
      { selector: (a) => `${a.itemId}|${a.level}`, maxLength: 10 },
    ),
  });
});

/**
 * A strong org: the best value of every metric (except the days past a term, which may trigger its veto), high
 * judged points, every pass/fail item passed — and vetoes found at random, so vetoes hit results they lower.
 */
const strongCaseArb = systemArb.chain((system) => {
  const items = [...systemItems(system).entries()].filter(([, it]) => !isComputedItem(it));
  const metrics = metricsOf(system);
  const best = (m: MetricKey) =>
    metricCatalogue[m].direction === 'lower_better' ? 0 : metricCatalogue[m].unit === 'ratio' ? 1 : 5;
  return fc.record({
    system: fc.constant(system),
    facts: fc.integer({ min: 0, max: 500 }).map((days) => {
      const f: AssessmentFacts = {};
      for (const m of metrics)
        f[m] = { value: m === 'term_overdue_days' ? days : best(m), detail: null, records: [] };
      return f;
    }),
    judgements: fc
      .tuple(
        ...items.map(([id, it]) => {
          if (it.kind === 'veto')
            return fc.boolean().map((v) => ({ itemId: id, level: 'department' as const, value: v }));
          const i = it.indicator;
          const value: fc.Arbitrary<number | boolean> =
            i.method === 'judgement'
              ? hundredths(i.max * 0.7, i.max)
              : i.method === 'pass_fail'
                ? fc.constant(true)
                : fc.integer({ min: 0, max: 3 });
          return value.map((v) => ({ itemId: id, level: 'department' as const, value: v }));
        }),
      )
      .map((js) => js as { itemId: string; level: Judgement['level']; value: number | boolean }[]),
    adjustments: fc.constant([] as { itemId: string; level: Adjustment['level']; value: number | boolean }[]),
  });
});

const caseArb = fc.oneof(anyCaseArb, strongCaseArb);

const toJudgements = (
  js: { itemId: string; level: Judgement['level']; value: number | boolean }[],
): Judgement[] => js.map((j) => ({ ...j, comment: null, links: [] }));
const toAdjustments = (
  as: { itemId: string; level: Adjustment['level']; value: number | boolean }[],
): Adjustment[] => as.map((a) => ({ ...a, reason: '核实' }));

describe('scoring under random inputs (fast-check)', () => {
  it('a total never exceeds the maximum nor goes below 0; nor does any subtotal', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const s = scoreAssessment(
          c.system,
          c.facts,
          toJudgements(c.judgements),
          toAdjustments(c.adjustments),
        );
        expect(s.total).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeLessThanOrEqual(c.system.maxScore);
        expect(s.scoreBeforeVeto).toBeLessThanOrEqual(c.system.maxScore);
        for (const d of s.dimensions) {
          expect(d.subtotal).toBeGreaterThanOrEqual(0);
          expect(d.subtotal).toBeLessThanOrEqual(Math.max(0, d.max));
          for (const i of d.indicators) {
            expect(i.points).toBeGreaterThanOrEqual(0);
            expect(i.points).toBeLessThanOrEqual(i.max);
          }
        }
        const bonus = s.dimensions.reduce((acc, d) => acc + d.bonus, 0);
        const deduction = s.dimensions.reduce((acc, d) => acc + d.deduction, 0);
        if (c.system.bonusCap !== null) expect(bonus).toBeLessThanOrEqual(c.system.bonusCap + 1e-9);
        if (c.system.deductionCap !== null)
          expect(deduction).toBeLessThanOrEqual(c.system.deductionCap + 1e-9);
        for (const [k, d] of c.system.dimensions.entries()) {
          if (d.bonusCap !== null) expect(s.dimensions[k]!.bonus).toBeLessThanOrEqual(d.bonusCap);
          if (d.deductionCap !== null) expect(s.dimensions[k]!.deduction).toBeLessThanOrEqual(d.deductionCap);
        }
      }),
      { numRuns: 500, seed: 20_261_206 },
    );
  });

  it('a triggered veto always caps: stars, score, or 不达标', () => {
    let triggered = 0;
    let bit = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const s = scoreAssessment(
          c.system,
          c.facts,
          toJudgements(c.judgements),
          toAdjustments(c.adjustments),
        );
        for (const v of s.vetoes) {
          if (!v.triggered) continue;
          triggered++;
          if (v.cap.kind === 'max_stars' && (s.starsBeforeVeto ?? 0) > v.cap.stars) bit++;
          if (v.cap.kind === 'max_score' && s.scoreBeforeVeto > v.cap.score) bit++;
          expect(s.vetoed).toBe(true);
          if (v.cap.kind === 'max_stars') expect(s.stars).toBeLessThanOrEqual(v.cap.stars);
          if (v.cap.kind === 'max_score') expect(s.total).toBeLessThanOrEqual(v.cap.score);
          if (v.cap.kind === 'fail') expect(s.passed).toBe(false);
        }
      }),
      { numRuns: 500, seed: 20_261_207 },
    );
    // The generator triggers vetoes, and many on results they lower, so the property was tested on them.
    expect(triggered).toBeGreaterThan(50);
    expect(bit).toBeGreaterThan(20);
  });

  it('the same facts always give the same score, whatever the order of the entries', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, seed) => {
        const js = toJudgements(c.judgements);
        const as = toAdjustments(c.adjustments);
        const once = scoreAssessment(c.system, c.facts, js, as);
        const rotate = <T>(xs: T[]) =>
          xs.length === 0 ? xs : [...xs.slice(seed % xs.length), ...xs.slice(0, seed % xs.length)];
        const again = scoreAssessment(
          JSON.parse(JSON.stringify(c.system)),
          JSON.parse(JSON.stringify(c.facts)),
          rotate([...js]).reverse(),
          rotate([...as]),
        );
        expect(again).toEqual(once);
      }),
      { numRuns: 300, seed: 20_261_208 },
    );
  });

  it('raising a judged score never lowers the total', () => {
    fc.assert(
      fc.property(
        fixtureArb,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 40 }),
        (system, a, b, y) => {
          const facts: AssessmentFacts = {
            three_meetings_one_lecture_rate: { value: 0.7, detail: null, records: [] },
            rectifications_overdue: { value: 2, detail: null, records: [] },
            term_overdue_days: { value: 30, detail: null, records: [] },
          };
          const score = (x2: number) =>
            scoreAssessment(
              system,
              facts,
              toJudgements([
                { itemId: 'X2', level: 'department', value: x2 },
                { itemId: 'Y2', level: 'department', value: y },
                { itemId: 'X3', level: 'department', value: 2 },
              ]),
              [],
            ).total;
          expect(score(Math.max(a, b))).toBeGreaterThanOrEqual(score(Math.min(a, b)));
        },
      ),
      { numRuns: 300, seed: 20_261_209 },
    );
  });
});

describe('quotas under random results (fast-check)', () => {
  const quotasArb = fc.uniqueArray(
    fc.record({ minStars: fc.integer({ min: 1, max: 5 }), maxPercent: fc.integer({ min: 0, max: 100 }) }),
    { selector: (q) => q.minStars, maxLength: 3 },
  );
  const resultsArb = fc
    .array(fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), { maxLength: 40 })
    .map((stars) =>
      stars.map((s, i): RatedResult => ({ orgId: i + 1, orgName: `第${i + 1}支部`, stars: s })),
    );

  it('a quota-valid set stays valid when a branch is lowered', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        quotasArb,
        resultsArb,
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        (quotas, results, pick, by) => {
          if (quotaConflicts(results, quotas).length > 0) return;
          const rated = results.filter((r) => r.stars !== null);
          if (rated.length === 0) return;
          const target = rated[pick % rated.length]!;
          const lowered = results.map((r) =>
            r.orgId === target.orgId ? { ...r, stars: Math.max(1, (r.stars ?? 1) - by) } : r,
          );
          checked++;
          expect(quotaConflicts(lowered, quotas)).toEqual([]);
        },
      ),
      { numRuns: 1000, seed: 20_261_210 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('a conflict always names exactly the orgs at or above its level, more than allowed', () => {
    fc.assert(
      fc.property(quotasArb, resultsArb, (quotas, results) => {
        for (const c of quotaConflicts(results, quotas)) {
          const reaching = results.filter((r) => r.stars !== null && r.stars >= c.rule.minStars);
          expect(c.orgs.map((o) => o.orgId)).toEqual(reaching.map((r) => r.orgId));
          expect(c.actual).toBeGreaterThan(c.allowed);
          expect(c.allowed * 100).toBeLessThanOrEqual(c.ratedCount * c.rule.maxPercent);
        }
      }),
      { numRuns: 500, seed: 20_261_211 },
    );
  });
});
