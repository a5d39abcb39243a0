import { type RoleCode, roleCodes, roleLabels, toLocalDate } from '@dangjian/core';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { isOneOf } from './enums';

dayjs.locale('zh-cn');

/** Placeholder shown for an empty value. */
export const emptyText = '—';

/** A calendar day as stored ('YYYY-MM-DD'), or a dash. */
export function formatDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : emptyText;
}

/** An instant (ISO timestamp) in local time, to the second or minute. */
export function formatDateTime(value: string | null | undefined, withSeconds = false): string {
  if (!value) return emptyText;
  const d = dayjs(value);
  return d.isValid() ? d.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm') : value;
}

/** Today in the college's time zone as 'YYYY-MM-DD'. */
export function todayIso(): string {
  return toLocalDate(new Date());
}

/** DatePicker value → 'YYYY-MM-DD' (null when empty). */
export function toIsoDate(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** 'YYYY-MM-DD' → DatePicker value (null when empty). */
export function fromIsoDate(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** Adds whole years to a DatePicker value (for default term ends). */
export function addYears(value: Dayjs, years: number): Dayjs {
  return value.add(years, 'year');
}

/** "角色（组织）" for a role grant. */
export function formatRoleGrant(grant: { role: RoleCode; orgName: string | null }): string {
  const label = roleLabels[grant.role];
  return grant.orgName ? `${label}（${grant.orgName}）` : label;
}

/** Label of a role code that arrives as a plain string (e.g. demo accounts). */
export function roleLabelOf(role: string): string {
  return isRoleCode(role) ? roleLabels[role] : role;
}

/** True when `value` is one of the built-in role codes. */
export function isRoleCode(value: string): value is RoleCode {
  return isOneOf(roleCodes, value);
}

/** Integer with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('zh-CN');
}

/** A share (0–1) as a percentage with one decimal ('87.5%'), or a dash when there is none. */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? emptyText : `${(value * 100).toFixed(1)}%`;
}
