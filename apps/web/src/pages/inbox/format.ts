import type { InboxKind } from '@dangjian/core';
import type { InboxEntry } from './api';

/** The header button's accessible name: what it is and how many items wait. */
export function inboxLabel(total: number): string {
  return `待办，${total} 项`;
}

/** The items of one kind ('all' keeps them all), in the server's order (most urgent first). */
export function filterInbox(items: readonly InboxEntry[], kind: InboxKind | 'all'): InboxEntry[] {
  return kind === 'all' ? [...items] : items.filter((item) => item.kind === kind);
}

/** 'YYYY-MM-DD' → '12月6日' in this year, the full date in another; with 今天 / 明天 / 昨天 near today. */
export function formatDueDate(due: string, today: string): string {
  const dayMs = 86_400_000;
  const days = Math.round((Date.parse(due) - Date.parse(today)) / dayMs);
  if (Number.isNaN(days)) return due;
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === -1) return '昨天';
  const [y, m, d] = due.split('-');
  const short = `${Number(m)}月${Number(d)}日`;
  return y === today.slice(0, 4) ? short : `${y}年${short}`;
}
