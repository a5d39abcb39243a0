import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import {
  type CadreTermFacts,
  consecutiveTermsBefore,
  evaluateCadreTermRules,
  inPostSince,
  type PostFact,
  postStanding,
} from './rotation.ts';
import { defaultTermSettings, reappointmentProblem } from './terms.ts';

const post = (
  id: number,
  startOn: string,
  endOn: string | null,
  extra: Partial<PostFact> = {},
): PostFact => ({
  id,
  unitId: 1,
  title: '院长',
  startOn,
  termEndOn: null,
  endOn,
  ...extra,
});
const org = { id: 9, name: '中共某学院委员会' };
const cadre = (posts: PostFact[]): CadreTermFacts => ({
  cadreId: 1,
  personId: 7,
  name: '张三',
  posts: posts.map((p) => ({ ...p, unitName: '机电学院' })),
});

describe('rotation: 10 years in one post', () => {
  const since = '2016-03-15';
  const p = post(1, since, null);
  it.each([
    ['2025-09-14', 'ok'], // 6 months ahead − 1 day
    ['2025-09-15', 'reminder'], // exactly 6 months ahead
    ['2026-03-14', 'reminder'], // 10 years − 1 day
    ['2026-03-15', 'due'], // exactly 10 years
  ])('on %s: %s', (today, status) => {
    expect(postStanding([p], p, today).rotation).toBe(status);
  });

  it('counts the years from the first record of a reappointed post', () => {
    const first = post(1, since, '2021-03-14');
    const second = post(2, '2021-03-15', null);
    expect(inPostSince([first, second], second)).toBe(since);
    expect(postStanding([first, second], second, '2026-03-15').rotation).toBe('due');
    // A break of a day more starts afresh.
    const later = post(3, '2021-03-16', null);
    expect(inPostSince([first, later], later)).toBe('2021-03-16');
  });

  it('a post in another unit or with another title is not the same post', () => {
    const first = post(1, since, '2021-03-14');
    const other = post(2, '2021-03-15', null, { unitId: 2 });
    expect(inPostSince([first, other], other)).toBe('2021-03-15');
  });

  it('files a finding on the 党委 with the rotation day as its due date, reminded 6 months ahead', () => {
    expect(evaluateCadreTermRules([cadre([p])], org, '2025-09-14')).toEqual([]);
    const soon = evaluateCadreTermRules([cadre([p])], org, '2025-09-15');
    expect(soon.map((f) => [f.ruleId, f.orgId, f.dueDate, f.personId])).toEqual([
      ['cadre.rotation_soon', 9, '2026-03-15', 7],
    ]);
    const due = evaluateCadreTermRules([cadre([p])], org, '2026-03-15');
    expect(due.map((f) => f.ruleId)).toEqual(['cadre.rotation_due']);
    expect(due[0]!.clause.source).toContain('交流工作规定');
    expect(due[0]!.message).toContain('满10年');
  });

  it('an ended post files nothing', () => {
    expect(evaluateCadreTermRules([cadre([post(1, since, '2026-01-01')])], org, '2026-06-01')).toEqual([]);
  });

  it('follows the settings', () => {
    const settings = { ...defaultTermSettings, rotationYears: 8, reminderMonths: 3 };
    expect(postStanding([p], p, '2023-12-14', settings).rotation).toBe('ok');
    expect(postStanding([p], p, '2023-12-15', settings).rotation).toBe('reminder');
    expect(postStanding([p], p, '2024-03-15', settings).rotation).toBe('due');
  });
});

describe('terms', () => {
  const p = post(1, '2021-07-01', null, { termEndOn: '2026-06-30' });
  it.each([
    ['2025-12-29', 'ok'],
    ['2025-12-30', 'ending'],
    ['2026-06-30', 'ending'],
    ['2026-07-01', 'expired'],
  ])('on %s: %s', (today, term) => {
    expect(postStanding([p], p, today).term).toBe(term);
  });

  it('an expired term is a finding until reappointed or removed', () => {
    const f = evaluateCadreTermRules([cadre([p])], org, '2026-07-01');
    expect(f.map((x) => [x.ruleId, x.dueDate])).toEqual([['cadre.term_expired', '2026-06-30']]);
    const removed = post(1, '2021-07-01', '2026-06-30', { termEndOn: '2026-06-30' });
    expect(evaluateCadreTermRules([cadre([removed])], org, '2026-07-01')).toEqual([]);
  });

  it('counts consecutive terms before a reappointment', () => {
    const first = post(1, '2016-07-01', '2021-06-30');
    const second = post(2, '2021-07-01', null);
    const posts = [first, second];
    expect(consecutiveTermsBefore(posts, { unitId: 1, title: '院长', startOn: '2026-07-01' })).toBe(2);
    expect(reappointmentProblem(2)).toContain('连续任职已满2个任期');
    expect(consecutiveTermsBefore([second], { unitId: 1, title: '院长', startOn: '2026-07-01' })).toBe(1);
    expect(reappointmentProblem(1)).toBeNull();
    expect(consecutiveTermsBefore(posts, { unitId: 1, title: '副院长', startOn: '2026-07-01' })).toBe(0);
    // After a break the post starts afresh.
    const ended = post(2, '2021-07-01', '2025-01-01');
    expect(
      consecutiveTermsBefore([first, ended], { unitId: 1, title: '院长', startOn: addDays('2025-01-01', 2) }),
    ).toBe(0);
  });
});
