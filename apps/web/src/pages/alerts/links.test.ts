import type { FindingCause } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { alertPath, causeLink, causeText, firstSeenDay } from './links';

const cause = (targetType: string | null, targetId: string | null): FindingCause => ({
  auditId: 7,
  action: 'x.update',
  targetType,
  targetId,
  summary: '修改',
  actorName: '张三',
});

describe('causeLink', () => {
  it.each([
    ['activity', '12', '/activities/12'],
    ['org', '3', '/orgs/3'],
    ['term', '44', '/orgs/9?tab=team'],
    ['appointment', '45', '/orgs/9?tab=team'],
    ['person', '5', '/members/5'],
    ['transfer', '6', '/transfers'],
    ['recruitment', '8', '/recruitment/8'],
    ['member_correction', '2', '/members/corrections'],
  ])('links a %s write to its page', (type, id, to) => {
    expect(causeLink(cause(type, id), 9)?.to).toBe(to);
  });

  it('names the permission the page asks for', () => {
    expect(causeLink(cause('recruitment', '8'), 9)?.permission).toBe('recruitment:dossier:view');
  });

  it.each([
    ['user', '1'],
    ['setting', null],
    [null, null],
    ['activity', null],
    ['person', 'abc'],
  ])('does not link %s %s', (type, id) => {
    expect(causeLink(cause(type, id), 9)).toBeNull();
  });
});

describe('causeText', () => {
  it('names the actor and the write', () => {
    expect(causeText(cause('person', '5'))).toBe('由 张三 的操作“修改”解决');
  });
  it('falls back to the action and 系统', () => {
    expect(causeText({ ...cause(null, null), actorName: null, summary: null })).toBe(
      '由 系统 的操作“x.update”解决',
    );
  });
});

describe('firstSeenDay', () => {
  it('reads the day in Asia/Shanghai', () => {
    expect(firstSeenDay('2026-03-01T17:30:00.000Z')).toBe('2026-03-02');
    expect(firstSeenDay('2026-03-01T15:59:00.000Z')).toBe('2026-03-01');
  });
});

describe('alertPath', () => {
  it('encodes the key', () => {
    expect(alertPath('org.term_expired:12:term-3:-')).toBe('/alerts/org.term_expired%3A12%3Aterm-3%3A-');
  });
});
