import { describe, expect, it } from 'vitest';
import { milestoneDate, type RecruitmentMilestone, recruitmentMilestones } from './milestones.ts';

type State = Parameters<typeof milestoneDate>[0];

const walked: State = {
  stepDates: {
    application: '2024-03-01',
    activist_designation: '2024-09-10',
    candidate_designation: '2025-04-02',
    admission_approval: '2025-07-20',
    confirmation_approval: '2026-07-15',
  },
  probationStartOn: '2025-06-30',
  confirmedOn: '2026-06-30',
};

describe('milestoneDate', () => {
  it.each<[RecruitmentMilestone, string]>([
    ['applications', '2024-03-01'],
    ['activists', '2024-09-10'],
    ['candidates', '2025-04-02'],
    // The superior's approvals, not the branch meeting's resolution or the end of the 预备期.
    ['admitted', '2025-07-20'],
    ['confirmed', '2026-07-15'],
  ])('%s is reached on %s', (milestone, day) => {
    expect(milestoneDate(walked, milestone)).toBe(day);
  });

  it('an applicant has reached only the application', () => {
    const applicant: State = {
      stepDates: { application: '2026-01-05' },
      probationStartOn: null,
      confirmedOn: null,
    };
    expect(recruitmentMilestones.map((m) => milestoneDate(applicant, m))).toEqual([
      '2026-01-05',
      null,
      null,
      null,
      null,
    ]);
  });

  it('an admission whose 预备期 no longer stands is not counted, nor a 转正 not in force', () => {
    const revoked: State = { ...walked, probationStartOn: null, confirmedOn: null };
    expect(milestoneDate(revoked, 'admitted')).toBeNull();
    expect(milestoneDate(revoked, 'confirmed')).toBeNull();
    const awaiting: State = { ...walked, confirmedOn: null };
    expect(milestoneDate(awaiting, 'admitted')).toBe('2025-07-20');
    expect(milestoneDate(awaiting, 'confirmed')).toBeNull();
  });
});
