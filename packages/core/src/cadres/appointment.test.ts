import { describe, expect, it } from 'vitest';
import {
  type AppointmentFacts,
  type AppointmentState,
  type AppointmentStatus,
  type AppointmentStep,
  allowedAppointmentSteps,
  applyAppointmentStep,
  appointmentEligibilityProblems,
  appointmentStatuses,
  appointmentSteps,
  initialAppointmentState,
  isProbationDue,
  probationEnd,
} from './appointment.ts';
import { reappointmentProblem, rotationStatus, termEnd } from './terms.ts';

const facts: AppointmentFacts = {
  today: '2026-12-20',
  vetoResults: { political: true, ethics: true },
  meetingOn: '2026-12-01',
  noticeStartOn: '2026-12-02',
  noticeEndOn: '2026-12-08',
  reason: '工作需要',
};
const legal: Record<AppointmentStatus, Partial<Record<AppointmentStep, AppointmentStatus>>> = {
  motion: { recommend: 'recommended', withdraw: 'withdrawn' },
  recommended: { inspect: 'inspected', withdraw: 'withdrawn' },
  inspected: { decide: 'decided', withdraw: 'withdrawn' },
  decided: { publish_notice: 'notice', withdraw: 'withdrawn' },
  notice: { appoint: 'probation', withdraw: 'withdrawn' },
  probation: { dismiss: 'dismissed' },
  confirmed: {},
  dismissed: {},
  vetoed: {},
  withdrawn: {},
};
const at = (status: AppointmentStatus): AppointmentState => ({
  ...initialAppointmentState,
  status,
  decidedOn: '2026-12-01',
  noticeStartOn: '2026-12-02',
  noticeEndOn: '2026-12-08',
  probationEndOn: status === 'probation' ? '2027-11-30' : null,
});

describe('appointment procedure: every step from every status', () => {
  for (const status of appointmentStatuses)
    for (const step of appointmentSteps) {
      const to = legal[status][step];
      it(`${status} --${step}--> ${to ?? 'refused'}`, () => {
        const r = applyAppointmentStep(at(status), step, facts);
        if (to) expect(r.ok && r.state.status).toBe(to);
        else if (status === 'probation' && step === 'confirm') expect(r.ok).toBe(false);
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.violations[0]?.kind).toBe('conflict');
        }
      });
    }
  it('allowed steps match the table', () => {
    for (const status of appointmentStatuses)
      expect(allowedAppointmentSteps(at(status)).sort()).toEqual(
        [...Object.keys(legal[status]), ...(status === 'probation' ? ['confirm'] : [])].sort(),
      );
  });
});

describe('考察 vetoes', () => {
  it('a failed 政治素质考察 vetoes', () => {
    const r = applyAppointmentStep(at('recommended'), 'inspect', {
      ...facts,
      vetoResults: { political: false, ethics: true },
    });
    expect(r.ok && r.state.status).toBe('vetoed');
  });
  it('师德师风 vetoes only when the school configures it', () => {
    const f = { ...facts, vetoResults: { political: true, ethics: false } };
    const withEthics = applyAppointmentStep(at('recommended'), 'inspect', f);
    expect(withEthics.ok && withEthics.state.status).toBe('vetoed');
    const without = applyAppointmentStep(at('recommended'), 'inspect', f, {
      deputyYearsBeforePrincipal: 2,
      noticeWorkingDays: 5,
      probationMonths: 12,
      vetoes: ['political'],
    });
    expect(without.ok && without.state.status).toBe('inspected');
  });
  it('a missing veto result is refused', () => {
    const r = applyAppointmentStep(at('recommended'), 'inspect', {
      ...facts,
      vetoResults: { political: true },
    });
    expect(!r.ok && r.violations[0]?.path).toBe('vetoResults.ethics');
  });
});

describe('党委讨论决定', () => {
  it('needs a 党委会 record that has been held', () => {
    expect(applyAppointmentStep(at('inspected'), 'decide', { ...facts, meetingOn: null }).ok).toBe(false);
    expect(applyAppointmentStep(at('inspected'), 'decide', { ...facts, meetingOn: '2026-12-21' }).ok).toBe(
      false,
    );
    const r = applyAppointmentStep(at('inspected'), 'decide', facts);
    expect(r.ok && r.state.decidedOn).toBe('2026-12-01');
  });
});

describe('任前公示', () => {
  // 2026-12-02 is a Wednesday: Wed..Mon = 4 working days, Wed..Tue = 5.
  it('4 working days is refused', () => {
    const r = applyAppointmentStep(at('decided'), 'publish_notice', { ...facts, noticeEndOn: '2026-12-07' });
    expect(!r.ok && r.violations[0]?.message).toContain('不少于5个工作日');
  });
  it('5 working days is accepted', () => {
    const r = applyAppointmentStep(at('decided'), 'publish_notice', { ...facts, noticeEndOn: '2026-12-08' });
    expect(r.ok).toBe(true);
  });
  it('任职 only after the notice ends', () => {
    expect(applyAppointmentStep(at('notice'), 'appoint', { ...facts, today: '2026-12-08' }).ok).toBe(false);
    const r = applyAppointmentStep(at('notice'), 'appoint', { ...facts, today: '2026-12-09' });
    expect(r.ok && r.state.probationEndOn).toBe('2027-11-30');
  });
});

describe('试用期', () => {
  it('ends the day before the anniversary of the decision', () => {
    expect(probationEnd('2026-12-01', 12)).toBe('2027-11-30');
  });
  it('转正 refused on its last day, allowed the day after; due from the day after', () => {
    const s = at('probation');
    expect(applyAppointmentStep(s, 'confirm', { ...facts, today: '2027-11-30' }).ok).toBe(false);
    expect(isProbationDue(s, '2027-11-30')).toBe(false);
    const r = applyAppointmentStep(s, 'confirm', { ...facts, today: '2027-12-01' });
    expect(r.ok && r.state.status).toBe('confirmed');
    expect(isProbationDue(s, '2027-12-01')).toBe(true);
  });
  it('免去试任职务 needs a reason', () => {
    expect(applyAppointmentStep(at('probation'), 'dismiss', { ...facts, reason: ' ' }).ok).toBe(false);
  });
});

describe('eligibility', () => {
  const deputy = (startOn: string) => [{ level: 'deputy' as const, startOn, endOn: null, promotion: true }];
  const check = {
    targetLevel: 'principal' as const,
    exceptional: false,
    on: '2026-12-01',
    trainingMet: true,
  };
  it('副职 → 正职: 2 years − 1 day refused, 2 years accepted', () => {
    expect(appointmentEligibilityProblems(deputy('2024-12-02'), check)).toHaveLength(1);
    expect(appointmentEligibilityProblems(deputy('2024-12-01'), check)).toEqual([]);
  });
  it('破格 within a year of the last promotion is refused', () => {
    const c = { ...check, exceptional: true };
    expect(appointmentEligibilityProblems(deputy('2025-12-02'), c).map((p) => p.path)).toEqual([
      'exceptional',
    ]);
    expect(appointmentEligibilityProblems(deputy('2025-12-01'), c)).toEqual([]);
  });
  it('training not met is a non-blocking obligation (within a year after)', () => {
    const p = appointmentEligibilityProblems(deputy('2020-01-01'), { ...check, trainingMet: false });
    expect(p).toEqual([expect.objectContaining({ path: 'training', blocking: false })]);
  });
});

describe('terms and rotation', () => {
  it('10 years in post exactly is due; the day before is a reminder; 6 months + 1 day before is ok', () => {
    expect(rotationStatus('2016-12-06', '2026-12-06')).toBe('due');
    expect(rotationStatus('2016-12-06', '2026-12-05')).toBe('reminder');
    expect(rotationStatus('2016-12-06', '2026-06-06')).toBe('reminder');
    expect(rotationStatus('2016-12-06', '2026-06-05')).toBe('ok');
  });
  it('a term of 5 years; two consecutive terms bar reappointment', () => {
    expect(termEnd('2021-12-01')).toBe('2026-11-30');
    expect(reappointmentProblem(1)).toBeNull();
    expect(reappointmentProblem(2)).toContain('2个任期');
  });
});
