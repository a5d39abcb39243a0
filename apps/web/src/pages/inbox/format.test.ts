import { describe, expect, it } from 'vitest';
import type { InboxEntry } from './api';
import { filterInbox, formatDueDate, inboxLabel } from './format';

const item = (kind: InboxEntry['kind'], title: string): InboxEntry => ({
  kind,
  title,
  detail: '',
  orgName: null,
  dueDate: null,
  overdue: false,
  link: '/',
});

describe('inboxLabel', () => {
  it('names the button and the count', () => {
    expect(inboxLabel(0)).toBe('待办，0 项');
    expect(inboxLabel(12)).toBe('待办，12 项');
  });
});

describe('filterInbox', () => {
  const items = [item('leave.decide', 'a'), item('activity.close', 'b'), item('leave.decide', 'c')];
  it('keeps every item for 全部', () => {
    expect(filterInbox(items, 'all').map((i) => i.title)).toEqual(['a', 'b', 'c']);
  });
  it('keeps one kind in the server order', () => {
    expect(filterInbox(items, 'leave.decide').map((i) => i.title)).toEqual(['a', 'c']);
    expect(filterInbox(items, 'transfer.confirm')).toEqual([]);
  });
});

describe('formatDueDate', () => {
  const today = '2026-12-06';
  it('says 今天 / 明天 / 昨天 near today', () => {
    expect(formatDueDate('2026-12-06', today)).toBe('今天');
    expect(formatDueDate('2026-12-07', today)).toBe('明天');
    expect(formatDueDate('2026-12-05', today)).toBe('昨天');
  });
  it('drops the year of this year, keeps another', () => {
    expect(formatDueDate('2026-12-20', today)).toBe('12月20日');
    expect(formatDueDate('2027-01-03', today)).toBe('2027年1月3日');
  });
  it('passes through what is not a date', () => {
    expect(formatDueDate('soon', today)).toBe('soon');
  });
});
