import { describe, expect, it } from 'vitest';
import { checkNewTerm, checkTermRecord, type TermRecord } from './term-record.ts';

const today = '2026-06-15';
const base: TermRecord = {
  startDate: '2023-07-01',
  plannedEndDate: '2026-06-30',
  electionRequestedOn: null,
  postponedTo: null,
  postponementApprovedOn: null,
};
const paths = (t: Partial<TermRecord>) => checkTermRecord({ ...base, ...t }, today).map((p) => p.path);

describe('checkTermRecord', () => {
  it.each([
    ['a plain term', {}, []],
    ['end on the start day', { plannedEndDate: '2023-07-01' }, ['plannedEndDate']],
    ['request today', { electionRequestedOn: today }, []],
    ['request tomorrow', { electionRequestedOn: '2026-06-16' }, ['electionRequestedOn']],
    ['request on the start day', { electionRequestedOn: '2023-07-01' }, []],
    ['request the day before the start', { electionRequestedOn: '2023-06-30' }, ['electionRequestedOn']],
    ['postponed with approval', { postponedTo: '2027-06-30', postponementApprovedOn: '2026-05-01' }, []],
    ['postponed without approval', { postponedTo: '2027-06-30' }, ['postponementApprovedOn']],
    [
      'postponed to the planned end',
      { postponedTo: '2026-06-30', postponementApprovedOn: '2026-05-01' },
      ['postponedTo'],
    ],
    ['postponed one day', { postponedTo: '2026-07-01', postponementApprovedOn: '2026-05-01' }, []],
    ['approval without a new date', { postponementApprovedOn: '2026-05-01' }, ['postponedTo']],
    [
      'approval dated tomorrow',
      { postponedTo: '2027-06-30', postponementApprovedOn: '2026-06-16' },
      ['postponementApprovedOn'],
    ],
  ] as [string, Partial<TermRecord>, string[]][])('%s', (_name, change, expected) => {
    expect(paths(change)).toEqual(expected);
  });

  it('messages name the field in Chinese', () => {
    const [p] = checkTermRecord({ ...base, postponedTo: '2027-06-30' }, today);
    expect(p!.message).toMatch(/^延期批准日期：/);
  });
});

describe('checkNewTerm', () => {
  const earlier = [
    { number: 1, startDate: '2020-07-01' },
    { number: 2, startDate: '2023-07-01' },
  ];
  it.each([
    ['the first term of a new org', { number: 1, startDate: '2026-01-01' }, [], []],
    ['the next number, starting later', { number: 3, startDate: '2026-07-01' }, earlier, []],
    ['a number already used', { number: 2, startDate: '2026-07-01' }, earlier, ['number']],
    ['starting the day the latest began', { number: 3, startDate: '2023-07-01' }, earlier, ['startDate']],
    ['starting the day after', { number: 3, startDate: '2023-07-02' }, earlier, []],
  ] as const)('%s', (_name, next, prior, expected) => {
    expect(checkNewTerm(next, prior).map((p) => p.path)).toEqual(expected);
  });
});
