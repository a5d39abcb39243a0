import { describe, expect, it } from 'vitest';
import { tuneHeap } from '../src/memory.ts';

describe('heap growth setting', () => {
  it('takes an integer percentage, by default 50, and refuses anything else with the variable named', () => {
    expect(() => tuneHeap({})).not.toThrow();
    expect(() => tuneHeap({ DJ_HEAP_GROWING_PERCENT: '0' })).not.toThrow();
    for (const bad of ['x', '-1', '1.5', '5000'])
      expect(() => tuneHeap({ DJ_HEAP_GROWING_PERCENT: bad })).toThrow(/DJ_HEAP_GROWING_PERCENT/);
  });
});
