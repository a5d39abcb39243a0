import { describe, expect, it } from 'vitest';
import { searchedIdNumber, searchQuery } from './search.ts';

describe('searchedIdNumber', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    [' 110105 19491231002X ', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['1101051949', null],
    ['110105194912310', null],
    ['张晓明', null],
    ['13912345678', null],
  ])('%s → %s', (q, expected) => {
    expect(searchedIdNumber(q)).toBe(expected);
  });
});

describe('searchQuery', () => {
  it('trims the text and fills the defaults', () => {
    expect(searchQuery.parse({ q: '  张  ' })).toEqual({ q: '张', limit: 5, offset: 0 });
  });

  it.each([
    {},
    { q: '' },
    { q: '   ' },
    { q: 'x'.repeat(61) },
    { q: '张', limit: '0' },
    { q: '张', extra: '1' },
  ])('refuses %j', (input) => {
    expect(searchQuery.safeParse(input).success).toBe(false);
  });
});
