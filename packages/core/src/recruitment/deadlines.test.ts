import { describe, expect, it } from 'vitest';
import { isOverdue, isReminding, nextDue } from './deadlines.ts';
import { initialRecruitmentState } from './procedure.ts';
import { eventFor, fullWalkEvents, makeFacts, run, stateAfter } from './test-fixtures.ts';

const facts = makeFacts();

describe('nextDue', () => {
  it('has nothing before the application or after the end', () => {
    expect(nextDue(initialRecruitmentState(), facts, '2024-01-01')).toEqual([]);
    expect(nextDue(run(fullWalkEvents), facts, '2026-06-01')).toEqual([]);
  });

  it('the talk: one calendar month after the application', () => {
    const [due] = nextDue(run([eventFor('application', '2025-01-31')]), facts, '2025-02-10');
    expect(due).toMatchObject({ kind: 'talk', step: 'application_talk', dueOn: '2025-02-28' });
    expect(isOverdue(due!, '2025-02-28')).toBe(false);
    expect(isOverdue(due!, '2025-03-01')).toBe(true);
  });

  it('the half-yearly review: the first half year without one, else the current one', () => {
    const mentored = stateAfter('mentor_assignment'); // activist 2024-01-15, no review yet
    expect(nextDue(mentored, facts, '2024-03-01')[0]).toMatchObject({
      kind: 'activist_review',
      dueOn: '2024-07-15',
    });
    expect(nextDue(mentored, facts, '2024-09-01')[0]).toMatchObject({ dueOn: '2024-07-15' });
    expect(isOverdue(nextDue(mentored, facts, '2024-09-01')[0]!, '2024-09-01')).toBe(true);
    const reviewed = stateAfter('activist_review'); // reviews 2024-07-10 and 2025-01-10
    expect(nextDue(reviewed, facts, '2025-01-12')[0]).toMatchObject({ dueOn: '2025-01-15' });
    expect(nextDue(reviewed, facts, '2025-02-01')[0]).toMatchObject({ dueOn: '2025-07-15' });
  });

  it('the admission approval: three months after the resolution, six at most', () => {
    const [due] = nextDue(stateAfter('admission_meeting'), facts, '2025-05-01');
    expect(due).toMatchObject({ kind: 'admission_approval', dueOn: '2025-07-10' });
    expect(due?.message).toContain('2025-10-10');
  });

  it('the 预备期: reminded the school number of days ahead, then the meeting within a month', () => {
    const s = stateAfter('oath'); // ends 2026-04-10
    const items = nextDue(s, facts, '2026-03-01');
    expect(items.map((d) => [d.kind, d.dueOn])).toEqual([
      ['probation_end', '2026-04-10'],
      ['confirmation_meeting', '2026-05-10'],
    ]);
    expect(items[0]?.remindFrom).toBe('2026-03-11');
    expect(isReminding(items[0]!, '2026-03-10')).toBe(false);
    expect(isReminding(items[0]!, '2026-03-11')).toBe(true);
    expect(nextDue(s, facts, '2026-04-20').map((d) => d.kind)).toEqual(['confirmation_meeting']);
  });

  it('the 转正 approval: three months after the meeting', () => {
    expect(nextDue(stateAfter('confirmation_meeting'), facts, '2026-04-20')).toMatchObject([
      { kind: 'confirmation_approval', dueOn: '2026-07-10' },
    ]);
  });
});
