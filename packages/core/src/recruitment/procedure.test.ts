import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from '../dates.ts';
import { recruitmentRuleCatalogue } from '../rules/catalogue.ts';
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
  replaySteps,
} from './procedure.ts';
import {
  eventFor,
  fullWalk,
  fullWalkEvents,
  makeFacts,
  noticeBefore,
  run,
  stateAfter,
} from './test-fixtures.ts';

/** Rule ids of the errors (or, when accepted, of the warnings) of one step. */
function ruleIds(
  state: RecruitmentState,
  event: RecruitmentEvent,
  facts: RecruitmentFacts = makeFacts(),
): string[] {
  const r = applyStep(state, event, facts);
  return r.ok ? r.warnings.map((w) => w.ruleId) : r.violations.map((v) => v.ruleId);
}
function accepted(
  state: RecruitmentState,
  event: RecruitmentEvent,
  facts: RecruitmentFacts = makeFacts(),
): boolean {
  return applyStep(state, event, facts).ok;
}

describe('dictionaries', () => {
  it('has 25 numbered steps in 5 stages, with 公示 and votes where RULES §4 puts them', () => {
    expect(recruitmentSteps).toHaveLength(25);
    expect(recruitmentSteps.map((s) => recruitmentStepInfo[s].no)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(
      recruitmentSteps.filter((s) => recruitmentStepInfo[s].vote).map((s) => recruitmentStepInfo[s].no),
    ).toEqual([15, 23]);
    expect(
      recruitmentSteps
        .filter((s) => recruitmentStepInfo[s].publicNotice)
        .map((s) => recruitmentStepInfo[s].no),
    ).toEqual([3, 7, 15, 23]);
    expect(recruitmentStepInfo.admission_approval.label).toBe('上级党委审批');
    expect(recruitmentStepInfo.activist_designation.stage).toBe('activist');
  });

  it('every recruitment rule cites a clause', () => {
    for (const rule of Object.values(recruitmentRuleCatalogue)) {
      expect(rule.clause.source).toMatch(/《|本校/);
      expect(rule.clause.text.length).toBeGreaterThan(5);
    }
  });
});

describe('one applicant through all 25 steps', () => {
  it('accepts each step in turn and ends confirmed', () => {
    let state = initialRecruitmentState();
    const facts = makeFacts();
    for (const [i, event] of fullWalkEvents.entries()) {
      expect(expectedSteps(state)).toContain(event.step);
      const r = applyStep(state, event, facts);
      if (!r.ok) throw new Error(`${i} ${event.step}: ${r.violations.map((v) => v.message).join('; ')}`);
      expect(r.warnings).toEqual([]);
      state = r.state;
      expect(state.currentStep).toBe(event.step);
      expect(state.lastDate).toBe(event.date);
    }
    expect(state.outcome).toBe('confirmed');
    expect(state.appliedOn).toBe('2023-10-09');
    expect(state.activistOn).toBe('2024-01-15');
    expect(state.candidateOn).toBe('2025-01-15');
    expect(state.mentorIds).toEqual([101, 102]);
    expect(state.sponsorIds).toEqual([101, 102]);
    expect(state.activistReviewDates).toEqual(['2024-07-10', '2025-01-10']);
    expect(state.admissionResolutionOn).toBe('2025-04-10');
    expect(state.probationStartOn).toBe('2025-04-10');
    expect(state.probationEndOn).toBe('2026-04-10');
    expect(state.confirmedOn).toBe('2026-04-10');
    expect(state.extensionMonths).toBeNull();
    expect(state.history).toHaveLength(fullWalk.length);
    expect(expectedSteps(state)).toEqual([]);
  });

  it('replaySteps gives the same state and stops at the first refused event', () => {
    expect(replaySteps(fullWalkEvents, makeFacts())).toEqual({ state: run(fullWalkEvents), refused: null });
    const broken = [...fullWalkEvents.slice(0, 3), eventFor('oath', '2024-02-01')];
    const r = replaySteps(broken, makeFacts());
    expect(r.refused?.index).toBe(3);
    expect(r.state.currentStep).toBe('activist_designation');
  });

  it('does not change the state it was given', () => {
    const before = stateAfter('activist_review');
    const copy: unknown = JSON.parse(JSON.stringify(before));
    applyStep(before, eventFor('activist_review', '2025-01-12'), makeFacts());
    expect(before).toEqual(copy);
  });
});

describe('order and dates', () => {
  it('refuses a skipped step, a repeated step and any step after the end', () => {
    const applied = stateAfter('application');
    expect(ruleIds(applied, eventFor('activist_filing', '2023-11-01'))).toEqual(['recruitment.step_order']);
    expect(ruleIds(applied, eventFor('application', '2023-11-01'))).toEqual(['recruitment.step_order']);
    expect(ruleIds(initialRecruitmentState(), eventFor('application_talk', '2023-11-01'))).toEqual([
      'recruitment.step_order',
    ]);
    const done = run(fullWalkEvents);
    expect(ruleIds(done, eventFor('archiving', '2026-06-01'))).toEqual(['recruitment.procedure_closed']);
  });

  it('lets the half-yearly reviews repeat, and the 继续教育考察', () => {
    expect(expectedSteps(stateAfter('activist_review'))).toEqual([
      'activist_review',
      'candidate_designation',
    ]);
    expect(expectedSteps(stateAfter('probation_review'))).toEqual([
      'probation_review',
      'confirmation_application',
    ]);
  });

  it('refuses a date before the previous step, accepts the same day, refuses a future date', () => {
    const s = stateAfter('activist_filing'); // 2024-01-20
    expect(ruleIds(s, eventFor('mentor_assignment', '2024-01-19'))).toEqual(['recruitment.date_order']);
    expect(accepted(s, eventFor('mentor_assignment', '2024-01-20'))).toBe(true);
    expect(
      ruleIds(s, eventFor('mentor_assignment', '2024-02-01'), makeFacts({ today: '2024-01-31' })),
    ).toEqual(['recruitment.date_in_future']);
    expect(ruleIds(s, eventFor('mentor_assignment', '2024-02-30'))).toEqual(['recruitment.invalid_event']);
  });
});

describe('step 1: age ≥ 18 on the application date', () => {
  it.each([
    ['2007-03-15', '2025-03-14', false],
    ['2007-03-15', '2025-03-15', true],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
    ['2006-02-28', '2024-02-28', true],
  ])('born %s, applying %s → accepted %s', (birthDate, date, ok) => {
    const facts = makeFacts({ birthDate });
    expect(accepted(initialRecruitmentState(), eventFor('application', date), facts)).toBe(ok);
    if (!ok)
      expect(ruleIds(initialRecruitmentState(), eventFor('application', date), facts)).toEqual([
        'recruitment.applicant_age',
      ]);
  });

  it('a born-29-February applicant turns 18 on 1 March of a common year', () => {
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
    expect(eighteenthBirthday('2006-02-28')).toBe('2024-02-28');
  });

  it('refuses to waive the age rule (national), even with a reason', () => {
    const facts = makeFacts({ birthDate: '2010-01-01' });
    const e = eventFor('application', '2025-01-01', {
      override: { ruleIds: ['recruitment.applicant_age'], reason: '特殊情况' },
    });
    expect(ruleIds(initialRecruitmentState(), e, facts).sort()).toEqual([
      'recruitment.applicant_age',
      'recruitment.override_refused',
    ]);
  });
});

describe('a 临时党支部 does not 发展党员 (支部条例 第二章): refused from step 1, never waivable', () => {
  const temporary = makeFacts({ branchIsTemporary: true });
  it.each([
    [false, []],
    [true, ['recruitment.temporary_org']],
  ])('application to a branch that is temporary: %s → %j', (branchIsTemporary, ids) => {
    const facts = makeFacts({ branchIsTemporary });
    expect(ruleIds(initialRecruitmentState(), eventFor('application', '2025-01-10'), facts)).toEqual(ids);
  });

  it('cites the clause, as a national rule on the branch', () => {
    const r = applyStep(initialRecruitmentState(), eventFor('application', '2025-01-10'), temporary);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations[0]).toMatchObject({ field: 'orgId', kind: 'national', severity: 'error' });
    expect(r.violations[0]?.clause.text).toContain('一般不发展党员');
  });

  it('refuses a waiver with a reason', () => {
    const e = eventFor('application', '2025-01-10', {
      override: { ruleIds: ['recruitment.temporary_org'], reason: '任务需要' },
    });
    expect(ruleIds(initialRecruitmentState(), e, temporary).sort()).toEqual([
      'recruitment.override_refused',
      'recruitment.temporary_org',
    ]);
  });

  it('refuses any later step of a dossier whose branch became temporary, but lets it be withdrawn', () => {
    const s = stateAfter('application_talk');
    expect(ruleIds(s, eventFor('activist_designation', '2025-06-10'), temporary)).toContain(
      'recruitment.temporary_org',
    );
    expect(accepted(s, eventFor('withdrawal', '2025-06-10'), temporary)).toBe(true);
  });
});

describe('step 2: talk within one calendar month of the application', () => {
  it.each([
    ['2025-02-10', '2025-03-10', 28, false],
    ['2025-02-10', '2025-03-11', 29, true],
    ['2025-07-10', '2025-08-10', 31, false],
    ['2025-07-10', '2025-08-11', 32, true],
    ['2025-01-31', '2025-02-28', 28, false],
    ['2025-01-31', '2025-03-01', 29, true],
    ['2024-01-31', '2024-02-29', 29, false],
  ])('applied %s, talk %s (%i days) → late %s', (applied, talk, days, late) => {
    expect(daysBetween(applied, talk)).toBe(days);
    const s = run([eventFor('application', applied)]);
    const r = applyStep(s, eventFor('application_talk', talk), makeFacts());
    // A talk already late is still recorded (it cannot be undone) but flagged.
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.ruleId)).toEqual(late ? ['recruitment.talk_late'] : []);
    expect(r.state.history.at(-1)?.warnings).toEqual(late ? ['recruitment.talk_late'] : []);
    if (late) {
      expect(r.warnings[0]?.message).toMatch(/^谈话日期：/);
      expect(r.warnings[0]?.clause.article).toBe('第七条');
      expect(r.warnings[0]?.kind).toBe('national');
    }
  });
});

describe('step 3: 积极分子 after the school minimum since the application (local rule)', () => {
  const talked = () => run(fullWalkEvents.slice(0, 2)); // applied 2023-10-09
  it.each([
    [3, '2024-01-08', false],
    [3, '2024-01-09', true],
    [6, '2024-04-08', false],
    [6, '2024-04-09', true],
    [0, '2023-10-20', true],
  ])('minimum %i months, designated %s → accepted %s', (months, date, ok) => {
    const facts = makeFacts();
    facts.settings.recruitmentMinMonthsBeforeActivist = months;
    expect(ruleIds(talked(), eventFor('activist_designation', date), facts)).toEqual(
      ok ? [] : ['recruitment.activist_too_early'],
    );
  });

  it('is waived with a reason, which the history keeps; a blank reason is refused', () => {
    const e = eventFor('activist_designation', '2023-12-01', {
      override: { ruleIds: ['recruitment.activist_too_early'], reason: '校党委研究同意提前确定' },
    });
    const r = applyStep(talked(), e, makeFacts());
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.state.history.at(-1)?.overrides).toEqual([
        { ruleId: 'recruitment.activist_too_early', reason: '校党委研究同意提前确定' },
      ]);
    const blank = eventFor('activist_designation', '2023-12-01', {
      override: { ruleIds: ['recruitment.activist_too_early'], reason: '  ' },
    });
    expect(ruleIds(talked(), blank).sort()).toEqual([
      'recruitment.activist_too_early',
      'recruitment.invalid_event',
    ]);
  });

  it('needs a 公示 of at least the school number of working days, ended before the step', () => {
    const date = '2024-01-15';
    expect(ruleIds(talked(), eventFor('activist_designation', date, { publicNotice: null }))).toEqual([
      'recruitment.public_notice',
    ]);
    const short = { ...noticeBefore(date), workingDays: 4 };
    expect(ruleIds(talked(), eventFor('activist_designation', date, { publicNotice: short }))).toEqual([
      'recruitment.public_notice',
    ]);
    const unfinished = { startOn: '2024-01-10', endOn: '2024-01-16', workingDays: 5 };
    expect(ruleIds(talked(), eventFor('activist_designation', date, { publicNotice: unfinished }))).toEqual([
      'recruitment.public_notice',
    ]);
    const waived = eventFor('activist_designation', date, {
      publicNotice: null,
      override: { ruleIds: ['recruitment.public_notice'], reason: '寒假期间，开学后补公示' },
    });
    expect(accepted(talked(), waived)).toBe(true);
  });
});

describe('step 5: 1–2 培养联系人 who are full members', () => {
  const s = () => stateAfter('activist_filing');
  it.each([
    [[101], true],
    [[101, 102], true],
    [[], false],
    [[101, 102, 103], false],
    [[101, 101], false],
    [[101, 250], false],
  ])('mentors %j → accepted %s', (mentorIds, ok) => {
    expect(ruleIds(s(), eventFor('mentor_assignment', '2024-01-20', { mentorIds }))).toEqual(
      ok ? [] : ['recruitment.mentors'],
    );
  });

  it('asks whether each was a full member on the step date', () => {
    const facts = makeFacts({ isFullMember: (id, on) => id === 101 || (id === 102 && on >= '2024-02-01') });
    expect(accepted(s(), eventFor('mentor_assignment', '2024-01-20'), facts)).toBe(false);
    expect(accepted(s(), eventFor('mentor_assignment', '2024-02-01'), facts)).toBe(true);
  });
});

/** An activist from `activistOn` with a review 10 days before the end of every half year up to `until`. */
function activistSince(activistOn: string, until: string): RecruitmentState {
  const applied = addMonths(activistOn, -6);
  const events: RecruitmentEvent[] = [
    eventFor('application', applied),
    eventFor('application_talk', applied),
    eventFor('activist_designation', activistOn),
    eventFor('activist_filing', activistOn),
    eventFor('mentor_assignment', activistOn),
  ];
  for (let k = 1; addMonths(activistOn, 6 * k) <= until; k++) {
    const d = addMonths(activistOn, 6 * k);
    events.push(eventFor('activist_review', d < until ? d : until));
  }
  return run(events, makeFacts({ birthDate: '1990-01-01' }));
}

describe('step 7: 发展对象 a year (anniversary, not 365 days) after becoming an activist, with half-yearly reviews', () => {
  const facts = makeFacts({ birthDate: '1990-01-01' });
  it.each([
    ['2024-03-01', '2025-02-28', 364, false],
    ['2024-03-01', '2025-03-01', 365, true],
    ['2023-03-01', '2024-02-29', 365, false],
    ['2023-03-01', '2024-03-01', 366, true],
    ['2024-02-29', '2025-02-27', 364, false],
    ['2024-02-29', '2025-02-28', 365, true],
  ])('activist %s, candidate %s (%i days) → accepted %s', (activistOn, date, days, ok) => {
    expect(daysBetween(activistOn, date)).toBe(days);
    const s = activistSince(activistOn, addMonths(activistOn, 12) <= date ? date : addMonths(activistOn, 6));
    expect(ruleIds(s, eventFor('candidate_designation', date), facts)).toEqual(
      ok ? [] : ['recruitment.candidate_too_early'],
    );
  });

  it('needs a review in each half year ended by the date, and names the empty one', () => {
    const s = run(fullWalkEvents.slice(0, 6)); // activist 2024-01-15, one review 2024-07-10
    const r = applyStep(s, eventFor('candidate_designation', '2025-01-15'), makeFacts());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations.map((v) => v.ruleId)).toEqual(['recruitment.activist_reviews_missing']);
    expect(r.violations[0]?.message).toContain('2024-07-15 至 2025-01-15');
  });

  it('counts a review on the last day of a half year in that half year', () => {
    const s = activistSince('2024-01-15', '2025-01-15'); // reviews on 2024-07-15 and 2025-01-15
    expect(s.activistReviewDates).toEqual(['2024-07-15', '2025-01-15']);
    expect(ruleIds(s, eventFor('candidate_designation', '2025-01-15'), facts)).toEqual([]);
  });

  it('refuses to waive the one-year rule (national)', () => {
    const s = stateAfter('activist_review');
    const e = eventFor('candidate_designation', '2025-01-14', {
      override: { ruleIds: ['recruitment.candidate_too_early'], reason: '毕业在即' },
    });
    expect(ruleIds(s, e).sort()).toEqual(['recruitment.candidate_too_early', 'recruitment.override_refused']);
  });
});

describe('steps 9–14', () => {
  it.each([
    [[101, 102], true],
    [[101], false],
    [[101, 101], false],
    [[101, 102, 103], false],
    [[101, 300], false],
  ])('入党介绍人 %j → accepted %s', (sponsorIds, ok) => {
    expect(
      ruleIds(stateAfter('candidate_filing'), eventFor('sponsor_assignment', '2025-01-20', { sponsorIds })),
    ).toEqual(ok ? [] : ['recruitment.sponsors']);
  });

  it('refuses a failed political review', () => {
    expect(
      ruleIds(
        stateAfter('sponsor_assignment'),
        eventFor('political_review', '2025-02-20', { passed: false }),
      ),
    ).toEqual(['recruitment.political_review_failed']);
  });

  it.each([
    [3, 0, true],
    [0, 24, true],
    [2, 23, false],
    [2.5, 0, false],
  ])('training %s days / %s hours → accepted %s', (days, hours, ok) => {
    expect(
      ruleIds(stateAfter('political_review'), eventFor('training', '2025-03-10', { days, hours })),
    ).toEqual(ok ? [] : ['recruitment.training_insufficient']);
  });

  it('needs a passed 预审 before the 志愿书, and holds a candidate leaving within 3 months', () => {
    const s = stateAfter('committee_review');
    expect(ruleIds(s, eventFor('pre_examination', '2025-03-25', { passed: false }))).toEqual([
      'recruitment.pre_exam_not_passed',
    ]);
    expect(
      ruleIds(s, eventFor('pre_examination', '2025-03-25'), makeFacts({ leavesUnitOn: '2025-06-25' })),
    ).toEqual(['recruitment.leaving_soon']);
    expect(
      ruleIds(s, eventFor('pre_examination', '2025-03-25'), makeFacts({ leavesUnitOn: '2025-06-26' })),
    ).toEqual([]);
    expect(ruleIds(stateAfter('pre_examination'), eventFor('admission_meeting', '2025-04-10'))).toEqual([
      'recruitment.step_order',
    ]);
  });
});

describe('step 15: 支部大会 (quorum and majority, 支部条例 第十一条)', () => {
  const s = () => stateAfter('application_form');
  it.each([
    [{ entitled: 10, presentEntitled: 8, votesFor: 6, votesAgainst: 2, abstentions: 0 }, []],
    [
      { entitled: 10, presentEntitled: 5, votesFor: 5, votesAgainst: 0, abstentions: 0 },
      ['recruitment.quorum_not_reached'],
    ],
    [
      { entitled: 10, presentEntitled: 8, votesFor: 5, votesAgainst: 3, abstentions: 0 },
      ['recruitment.vote_not_passed'],
    ],
    [{ entitled: 10, presentEntitled: 6, votesFor: 4, votesAgainst: 2, abstentions: 0, writtenFor: 2 }, []],
    [
      { entitled: 10, presentEntitled: 8, votesFor: 9, votesAgainst: 0, abstentions: 0 },
      ['recruitment.vote_counts_invalid'],
    ],
  ])('%j → %j', (votes, ids) => {
    expect(ruleIds(s(), eventFor('admission_meeting', '2025-04-10', { votes }))).toEqual(ids);
  });

  it.each([
    [12, '2026-02-20', true],
    [12, '2026-02-21', false],
    [6, '2025-08-20', true],
    [6, '2025-08-21', false],
  ])('political review of 2025-02-20 valid %i months, meeting %s → accepted %s', (months, date, ok) => {
    const facts = makeFacts();
    facts.settings.politicalReviewValidMonths = months;
    expect(ruleIds(s(), eventFor('admission_meeting', date), facts)).toEqual(
      ok ? [] : ['recruitment.political_review_expired'],
    );
  });
});

describe('step 17: approval within 3 months (6 with a special reason), never for a temporary branch', () => {
  const s = () => stateAfter('superior_talk'); // resolution 2025-04-10
  it.each([
    ['2025-07-10', undefined, []],
    ['2025-07-11', undefined, ['recruitment.approval_window']],
    ['2025-07-11', '审批党委换届', []],
    ['2025-10-10', '审批党委换届', []],
    ['2025-10-11', '审批党委换届', ['recruitment.approval_window']],
  ])('approved %s with reason %s → %j', (date, specialReason, ids) => {
    const e = eventFor('admission_approval', date, specialReason ? { specialReason } : {});
    expect(ruleIds(s(), e)).toEqual(ids);
  });

  it('refuses approval for a branch that became temporary', () => {
    expect(
      ruleIds(s(), eventFor('admission_approval', '2025-05-10'), makeFacts({ branchIsTemporary: true })),
    ).toEqual(['recruitment.temporary_org']);
  });

  it('a refusal closes the procedure', () => {
    const r = applyStep(s(), eventFor('admission_approval', '2025-05-10', { approved: false }), makeFacts());
    expect(r.ok && r.state.outcome).toBe('not_admitted');
    if (r.ok) expect(expectedSteps(r.state)).toEqual([]);
  });

  it('starts the 预备期 on the resolution date and ends it on the anniversary', () => {
    const after = stateAfter('admission_approval');
    expect([after.probationStartOn, after.probationEndOn]).toEqual(['2025-04-10', '2026-04-10']);
  });

  it.each([
    ['2025-03-15', 0, '2026-03-15'],
    ['2024-02-29', 0, '2025-02-28'],
    ['2023-02-28', 0, '2024-02-28'],
    ['2025-03-15', 6, '2026-09-15'],
    ['2025-08-31', 6, '2027-02-28'],
    ['2025-03-15', 12, '2027-03-15'],
  ])('resolution %s + %i months extension → 预备期满 %s', (r, m, end) => {
    expect(probationEndDate(r, m)).toBe(end);
  });
});

describe('step 23: 转正 discussed when the 预备期 has ended', () => {
  const s = () => stateAfter('confirmation_application'); // ends 2026-04-10
  it('refuses the day before, accepts the day itself, warns when long after', () => {
    expect(ruleIds(s(), eventFor('confirmation_meeting', '2026-04-09'))).toEqual([
      'recruitment.probation_not_ended',
    ]);
    expect(ruleIds(s(), eventFor('confirmation_meeting', '2026-04-10'))).toEqual([]);
    expect(ruleIds(s(), eventFor('confirmation_meeting', '2026-05-10'))).toEqual([]);
    const late = applyStep(s(), eventFor('confirmation_meeting', '2026-05-11'), makeFacts());
    expect(late.ok).toBe(true);
    if (late.ok) expect(late.warnings.map((w) => w.ruleId)).toEqual(['recruitment.confirmation_late']);
  });

  it('may revoke before the end; the approval closes the procedure', () => {
    const st = run(
      [
        eventFor('confirmation_meeting', '2026-03-25', { decision: 'revoke', publicNotice: null }),
        eventFor('confirmation_approval', '2026-04-01'),
      ],
      makeFacts(),
      s(),
    );
    expect(st.outcome).toBe('revoked');
    expect(st.confirmedOn).toBeNull();
    expect(ruleIds(st, eventFor('archiving', '2026-05-01'))).toEqual(['recruitment.procedure_closed']);
  });

  it.each([
    [5, false],
    [6, true],
    [12, true],
    [13, false],
    [undefined, false],
  ])('an extension of %s months → accepted %s', (extensionMonths, ok) => {
    const e = eventFor('confirmation_meeting', '2026-04-10', {
      decision: 'extend',
      ...(extensionMonths === undefined ? {} : { extensionMonths }),
    });
    expect(ruleIds(s(), e)).toEqual(ok ? [] : ['recruitment.extension_invalid']);
  });

  it('extends once: the 预备期 moves, the member goes on, and a second extension is refused', () => {
    const extended = run(
      [
        eventFor('confirmation_meeting', '2026-04-10', { decision: 'extend', extensionMonths: 6 }),
        eventFor('confirmation_approval', '2026-05-01'),
      ],
      makeFacts(),
      s(),
    );
    expect(extended.extensionMonths).toBe(6);
    expect(extended.probationEndOn).toBe('2026-10-10');
    expect(expectedSteps(extended)).toEqual(['probation_review', 'confirmation_application']);
    const again = run(
      [eventFor('probation_review', '2026-07-01'), eventFor('confirmation_application', '2026-09-20')],
      makeFacts(),
      extended,
    );
    expect(ruleIds(again, eventFor('confirmation_meeting', '2026-10-09'))).toEqual([
      'recruitment.probation_not_ended',
    ]);
    expect(
      ruleIds(
        again,
        eventFor('confirmation_meeting', '2026-10-10', { decision: 'extend', extensionMonths: 6 }),
      ),
    ).toEqual(['recruitment.extension_invalid']);
    const done = run(
      [
        eventFor('confirmation_meeting', '2026-10-10'),
        eventFor('confirmation_approval', '2026-11-01'),
        eventFor('archiving', '2026-11-10'),
      ],
      makeFacts(),
      again,
    );
    expect(done.outcome).toBe('confirmed');
    expect(done.confirmedOn).toBe('2026-10-10');
  });

  it('warns of a 转正 approval later than 3 months, and refuses one for a temporary branch', () => {
    const met = run([eventFor('confirmation_meeting', '2026-04-10')], makeFacts(), s());
    expect(ruleIds(met, eventFor('confirmation_approval', '2026-07-10'))).toEqual([]);
    expect(ruleIds(met, eventFor('confirmation_approval', '2026-07-11'))).toEqual([
      'recruitment.confirmation_approval_late',
    ]);
    expect(
      ruleIds(met, eventFor('confirmation_approval', '2026-05-10'), makeFacts({ branchIsTemporary: true })),
    ).toEqual(['recruitment.temporary_org']);
  });
});

describe('withdrawal', () => {
  it('closes the procedure before admission, with a reason; not before applying nor after admission', () => {
    const st = run([eventFor('withdrawal', '2024-03-01')], makeFacts(), stateAfter('activist_designation'));
    expect(st.outcome).toBe('withdrawn');
    expect(expectedSteps(st)).toEqual([]);
    expect(ruleIds(initialRecruitmentState(), eventFor('withdrawal', '2024-03-01'))).toEqual([
      'recruitment.step_order',
    ]);
    expect(ruleIds(stateAfter('oath'), eventFor('withdrawal', '2025-07-01'))).toEqual([
      'recruitment.step_order',
    ]);
    expect(ruleIds(stateAfter('application'), eventFor('withdrawal', '2024-03-01', { reason: '' }))).toEqual([
      'recruitment.invalid_event',
    ]);
  });
});

describe('violations', () => {
  it('name the field in Chinese and carry the clause and whether they can be waived', () => {
    const r = applyStep(
      stateAfter('activist_filing'),
      eventFor('mentor_assignment', '2024-01-20', { mentorIds: [] }),
      makeFacts(),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violations).toEqual([
      {
        ruleId: 'recruitment.mentors',
        title: '培养联系人不符合规定',
        message: '培养联系人：应为1至2名不同的正式党员（实际 0 名）',
        field: 'mentorIds',
        severity: 'error',
        kind: 'national',
        clause: recruitmentRuleCatalogue['recruitment.mentors'].clause,
      },
    ]);
  });
});
