import { toLocalDate } from '@dangjian/core';

const minute = 60_000;
const hour = 60 * minute;
const shanghaiOffsetMs = 8 * hour;

/** 'HH:MM' of an instant in Asia/Shanghai (no daylight saving). */
function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + shanghaiOffsetMs).toISOString().slice(11, 16);
}

/**
 * When a message came, as a person says it: 刚刚, 5 分钟前, 3 小时前 (same day), 昨天 14:05,
 * 3 天前 (within a week), else the day ('2026-03-01'). Days are counted in Asia/Shanghai.
 */
export function formatRelativeTime(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const elapsed = now.getTime() - at.getTime();
  if (elapsed < minute) return '刚刚';
  if (elapsed < hour) return `${Math.floor(elapsed / minute)} 分钟前`;
  const day = toLocalDate(at);
  const today = toLocalDate(now);
  if (day === today) return `${Math.floor(elapsed / hour)} 小时前`;
  const days = Math.round((Date.parse(today) - Date.parse(day)) / (24 * hour));
  if (days === 1) return `昨天 ${shanghaiTime(at)}`;
  if (days < 7) return `${days} 天前`;
  return day;
}

/** The bell's accessible name: what it is and how many are unread. */
export function bellLabel(unread: number): string {
  return `消息，${unread} 条未读`;
}

/** Whether a message's link is a path of this app (the only kind the client follows). */
export function isAppPath(link: string | null): link is string {
  if (link === null) return false;
  return link.startsWith('/') && !link.startsWith('//');
}
