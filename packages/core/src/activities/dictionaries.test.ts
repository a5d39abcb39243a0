import { describe, expect, it } from 'vitest';
import { orgTypes } from '../dictionaries.ts';
import { canHoldActivity } from './dictionaries.ts';

describe('canHoldActivity: the 党政联席会 is a 党总支’s', () => {
  it.each(orgTypes.map((type) => [type, type === 'general_branch'] as const))('%s: %s', (type, allowed) => {
    expect(canHoldActivity(type, 'joint_meeting')).toBe(allowed);
  });
});
