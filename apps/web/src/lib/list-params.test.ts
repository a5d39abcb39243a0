import { describe, expect, it } from 'vitest';
import { patchSearch, positiveInt } from './list-params';

describe('positiveInt', () => {
  it.each([
    ['3', 3],
    ['0', 7],
    ['-2', 7],
    ['2.5', 7],
    ['abc', 7],
    [null, 7],
    ['500', 100],
  ] as const)('%s → %s', (value, expected) => {
    expect(positiveInt(value, 7, 100)).toBe(expected);
  });
});

describe('patchSearch', () => {
  it('a changed filter returns to the first page and an empty value removes its key', () => {
    const next = patchSearch(new URLSearchParams('q=党费&page=3&status=open'), { q: '', status: 'closed' });
    expect(next.toString()).toBe('status=closed');
  });
  it('a page change keeps the filters', () => {
    const next = patchSearch(new URLSearchParams('status=open&page=3'), { page: 4, pageSize: 50 });
    expect(Object.fromEntries(next)).toEqual({ status: 'open', page: '4', pageSize: '50' });
  });
  it('leaves the URL it was given as it was', () => {
    const prev = new URLSearchParams('page=2');
    patchSearch(prev, { q: 'x' });
    expect(prev.toString()).toBe('page=2');
  });
});
