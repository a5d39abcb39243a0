import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, completedYears } from '../dates.ts';
import { recruitmentRuleIds } from '../rules/catalogue.ts';
import { recruitmentStepInfo, recruitmentSteps } from './dictionaries.ts';
import {
  applyStep,
  eighteenthBirthday,
  expectedSteps,
  initialRecruitmentState,
  probationEndDate,
  type RecruitmentEvent,
  type RecruitmentFacts,
  type RecruitmentState,
  recruitmentRuleScope,
} from './procedure.ts';
import { eventFor, fullWalkEvents, makeFacts, run } from './test-fixtures.ts';

/** Everything that must hold of any state applyStep ever returns; the broken ones, in words. */
function brokenInvariants(s: RecruitmentState): string[] {
  const out: string[] = [];
  const h = s.history;
  for (let i = 1; i < h.length; i++) {
    const a = h[i - 1]!;
    const b = h[i]!;
    if (b.date < a.date) out.push(`date goes back at ${i}`);
    if (a.step === 'withdrawal') out.push('an entry after the withdrawal');
    if (b.step === 'withdrawal' || a.step === 'withdrawal') continue;
    const na = recruitmentStepInfo[a.step].no;
    const nb = recruitmentStepInfo[b.step].no;
    const repeat = a.step === b.step && recruitmentStepInfo[a.step].repeatable;
    const afterExtension =
      a.step === 'confirmation_approval' &&
      (b.step === 'probation_review' || b.step === 'confirmation_application') &&
      h[i - 2]?.decision === 'extend';
    if (!(nb === na + 1 || repeat || afterExtension)) out.push(`step ${a.step} → ${b.step}`);
  }
  if (h.length > 0 && h[0]!.step !== 'application') out.push('does not start with the application');
  if (s.lastDate !== (h.at(-1)?.date ?? null)) out.push('lastDate is not the last entry');
  const extensions = h.filter((e) => e.decision === 'extend').length;
  if (extensions > 1) out.push('more than one extension');
  if (s.extensionMonths !== null && (s.extensionMonths < 6 || s.extensionMonths > 12))
    out.push('extension length');
  if (s.probationEndOn !== null) {
    if (s.probationStartOn !== s.admissionResolutionOn) out.push('probation start ≠ resolution');
    if (s.probationEndOn !== probationEndDate(s.admissionResolutionOn!, s.extensionMonths ?? 0))
      out.push('probation end ≠ resolution + 1 year (+ extension)');
  }
  if (s.activistOn && s.candidateOn && s.candidateOn < addMonths(s.activistOn, 12))
    out.push('candidate < 1 year');
  if (s.confirmedOn !== null) {
    if (s.confirmedOn !== s.probationEndOn) out.push('confirmed ≠ probation end');
    if (s.stepDates.confirmation_meeting! < s.probationEndOn!) out.push('confirmation before the end');
  }
  for (const e of h)
    for (const o of e.overrides)
      if (recruitmentRuleScope(o.ruleId) === 'national') out.push('national override');
  if ((s.outcome === 'in_progress') !== expectedSteps(s).length > 0) out.push('terminal ↔ no next step');
  return out;
}

const allEventSteps = [...recruitmentSteps, 'withdrawal'] as const;

/** One random move: which step (usually the expected one), how many days later, how the data is spoiled. */
const move = fc.record({
  pickExpected: fc.integer({ min: 0, max: 9 }),
  stepIndex: fc.nat(),
  gap: fc.oneof(
    fc.integer({ min: 0, max: 40 }),
    fc.integer({ min: 0, max: 240 }),
    fc.integer({ min: -15, max: -1 }),
  ),
  spoil: fc.integer({ min: 0, max: 11 }),
  /** Most moves aim at the earliest date the step could be valid (plus a few days), to reach deep states. */
  aim: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
  overrideRule: fc.constantFrom(...recruitmentRuleIds),
});

/** A valid event, or one with a spoiled field or an override. */
function eventOf(
  step: RecruitmentEvent['step'],
  date: string,
  spoil: number,
  ruleId: (typeof recruitmentRuleIds)[number],
): RecruitmentEvent {
  const e = eventFor(step, date);
  if (spoil === 0) return { ...e, override: { ruleIds: [ruleId], reason: '随机豁免' } };
  if (spoil !== 1) return e;
  switch (e.step) {
    case 'mentor_assignment':
      return { ...e, mentorIds: [101, 300] };
    case 'sponsor_assignment':
      return { ...e, sponsorIds: [101] };
    case 'political_review':
    case 'pre_examination':
      return { ...e, passed: false };
    case 'training':
      return { ...e, days: 1, hours: 8 };
    case 'admission_meeting':
    case 'confirmation_meeting':
      return {
        ...e,
        votes: { entitled: 10, presentEntitled: 4, votesFor: 4, votesAgainst: 0, abstentions: 0 },
      };
    case 'admission_approval':
      return { ...e, approved: false };
    default:
      return { ...e, date: addDays(date, -400) };
  }
}

/** The earliest day a step could be accepted, for moves that aim (a hint only: the rules still decide). */
function earliest(state: RecruitmentState, step: RecruitmentEvent['step'], facts: RecruitmentFacts): string {
  const last = state.lastDate ?? '2023-09-01';
  const later = (d: string) => (d > last ? d : last);
  switch (step) {
    case 'application':
      return later(eighteenthBirthday(facts.birthDate));
    case 'activist_designation':
      return later(addMonths(state.appliedOn ?? last, facts.settings.recruitmentMinMonthsBeforeActivist));
    case 'activist_review': {
      const a = state.activistOn ?? last;
      let k = 1;
      while (addMonths(a, 6 * k) <= last) k++;
      return addDays(addMonths(a, 6 * k), -20) > last ? addDays(addMonths(a, 6 * k), -20) : last;
    }
    case 'candidate_designation':
      return later(addMonths(state.activistOn ?? last, 12));
    case 'confirmation_meeting':
      return later(state.probationEndOn ?? last);
    default:
      return last;
  }
}

const factsArb = fc.record({
  birthDate: fc.constantFrom('2000-02-29', '2005-05-10', '2005-06-30', '2006-01-01'),
  minMonths: fc.integer({ min: 0, max: 12 }),
  validMonths: fc.integer({ min: 1, max: 12 }),
  temporary: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

function toFacts(f: {
  birthDate: string;
  minMonths: number;
  validMonths: number;
  temporary: boolean;
}): RecruitmentFacts {
  const facts = makeFacts({
    birthDate: f.birthDate,
    branchIsTemporary: f.temporary,
    today: '2045-12-31',
  });
  facts.settings.recruitmentMinMonthsBeforeActivist = f.minMonths;
  facts.settings.politicalReviewValidMonths = f.validMonths;
  return facts;
}

describe('the procedure under random events (fast-check)', () => {
  it('never reaches an invalid state; accepted dates never go back; closed procedures accept nothing', () => {
    let deepest = 0;
    let closed = 0;
    fc.assert(
      fc.property(factsArb, fc.array(move, { minLength: 20, maxLength: 100 }), (f, moves) => {
        const facts = toFacts(f);
        let state = initialRecruitmentState();
        for (const m of moves) {
          const expected = expectedSteps(state);
          const step =
            m.pickExpected < 8 && expected.length > 0
              ? expected[m.stepIndex % expected.length]!
              : allEventSteps[m.stepIndex % allEventSteps.length]!;
          const date = m.aim
            ? addDays(earliest(state, step, facts), Math.abs(m.gap) % 4)
            : addDays(state.lastDate ?? '2023-09-01', m.gap);
          const event = eventOf(step, date, m.spoil, m.overrideRule);
          const r = applyStep(state, event, facts);
          if (state.outcome !== 'in_progress') {
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.violations.map((v) => v.ruleId)).toEqual(['recruitment.procedure_closed']);
            continue;
          }
          if (!r.ok) {
            expect(r.violations.length).toBeGreaterThan(0);
            expect(r.violations.every((v) => v.severity === 'error')).toBe(true);
            continue;
          }
          if (state.lastDate !== null) expect(event.date >= state.lastDate).toBe(true);
          if (event.step === 'application')
            expect(completedYears(facts.birthDate, event.date)).toBeGreaterThanOrEqual(18);
          expect(brokenInvariants(r.state)).toEqual([]);
          state = r.state;
          if (state.currentStep) deepest = Math.max(deepest, recruitmentStepInfo[state.currentStep].no);
        }
        if (state.outcome !== 'in_progress') closed++;
      }),
      { numRuns: 400, seed: 20_250_315 },
    );
    // The generator reaches the end of the procedure, so the invariants were tested on deep states.
    expect(deepest).toBe(25);
    expect(closed).toBeGreaterThan(0);
  });

  it('holds with random seeds too', () => {
    fc.assert(
      fc.property(factsArb, fc.array(move, { maxLength: 60 }), (f, moves) => {
        const facts = toFacts(f);
        let state = initialRecruitmentState();
        for (const m of moves) {
          const expected = expectedSteps(state);
          const step =
            m.pickExpected < 7 && expected.length > 0
              ? expected[m.stepIndex % expected.length]!
              : allEventSteps[m.stepIndex % allEventSteps.length]!;
          const r = applyStep(
            state,
            eventOf(step, addDays(state.lastDate ?? '2023-09-01', m.gap), m.spoil, m.overrideRule),
            facts,
          );
          if (r.ok) {
            expect(brokenInvariants(r.state)).toEqual([]);
            state = r.state;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the invariant check itself', () => {
  it('passes the full walk and catches a tampered state', () => {
    const done = run(fullWalkEvents);
    expect(brokenInvariants(done)).toEqual([]);
    expect(brokenInvariants({ ...done, probationEndOn: '2026-04-09' })).toContain(
      'probation end ≠ resolution + 1 year (+ extension)',
    );
    const swapped = [...done.history];
    [swapped[3], swapped[4]] = [swapped[4]!, swapped[3]!];
    expect(brokenInvariants({ ...done, history: swapped }).length).toBeGreaterThan(0);
    expect(brokenInvariants({ ...done, outcome: 'in_progress' })).toContain('terminal ↔ no next step');
  });
});
