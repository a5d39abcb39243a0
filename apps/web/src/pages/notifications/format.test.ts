import { describe, expect, it } from 'vitest';
import { bellLabel, formatRelativeTime, isAppPath } from './format';

// 2026-03-02 10:00 in Asia/Shanghai.
const now = new Date('2026-03-02T02:00:00.000Z');

describe('formatRelativeTime', () => {
  it.each([
    ['2026-03-02T01:59:30.000Z', '刚刚'],
    ['2026-03-02T02:00:10.000Z', '刚刚'],
    ['2026-03-02T01:55:00.000Z', '5 分钟前'],
    ['2026-03-02T01:00:00.000Z', '1 小时前'],
    // 00:30 local today: still today.
    ['2026-03-01T16:30:00.000Z', '9 小时前'],
    // 23:30 local yesterday.
    ['2026-03-01T15:30:00.000Z', '昨天 23:30'],
    ['2026-02-28T06:05:00.000Z', '2 天前'],
    ['2026-02-24T06:05:00.000Z', '6 天前'],
    ['2026-02-23T06:05:00.000Z', '2026-02-23'],
  ])('%s → %s', (iso, text) => {
    expect(formatRelativeTime(iso, now)).toBe(text);
  });

  it('leaves an unreadable value as it is', () => {
    expect(formatRelativeTime('不是时间', now)).toBe('不是时间');
  });
});

describe('bellLabel', () => {
  it('says how many are unread', () => {
    expect(bellLabel(0)).toBe('消息，0 条未读');
    expect(bellLabel(12)).toBe('消息，12 条未读');
  });
});

describe('isAppPath', () => {
  it.each([
    ['/activities/3', true],
    ['/alerts/a%3Ab', true],
    ['//evil.example/x', false],
    ['https://example.com', false],
    [null, false],
  ])('%s → %s', (link, ok) => {
    expect(isAppPath(link)).toBe(ok);
  });
});
