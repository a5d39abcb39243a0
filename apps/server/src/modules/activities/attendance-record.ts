/**
 * A person's attendance at organisational life for a year (the member's own page, a member's record
 * in the roster, and its xlsx). Records that have been held or closed count; planned and cancelled
 * ones do not. Guests (列席) are listed but not counted as expected.
 */
import {
  AppError,
  type AttendanceRecord,
  type AttendanceStatus,
  activityKindLabels,
  attendanceStatusLabels,
  attendeeRoleLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import { addLedgerSheet } from '../../files/xlsx.ts';
import type { Actor, Db, Trx } from '../../http/context.ts';
import { assertInScope } from '../../http/scope.ts';
import * as repo from './repo.ts';

/** The attendance record of `personId` in `year` (activities held or closed that year). */
export async function attendanceRecordOf(
  db: Db | Trx,
  personId: number,
  year: number,
): Promise<AttendanceRecord> {
  const person = await repo.personName(db, personId);
  if (!person) throw new AppError('NOT_FOUND');
  const rows = await repo.attendanceRowsOfPerson(db, personId, year);
  const counted = rows.filter((r) => r.role !== 'guest');
  const count = (s: AttendanceStatus) => counted.filter((r) => r.status === s).length;
  const counts = {
    expected: counted.length,
    present: count('present'),
    leave: count('leave'),
    absent: count('absent'),
  };
  const base = counts.expected - counts.leave;
  return {
    personId: person.id,
    name: person.name,
    year,
    counts,
    rate: base > 0 ? counts.present / base : null,
    items: rows.map((r) => ({
      activityId: r.id,
      orgName: r.org_name,
      kind: r.kind,
      title: r.title,
      onDate: r.on_date,
      status: r.status,
      role: r.role,
      signedInAt: r.signed_in_at ? r.signed_in_at.toISOString() : null,
      leaveReason: r.leave_status === 'approved' || r.status === 'leave' ? r.leave_reason : null,
    })),
  };
}

/** A member's record for someone viewing the roster: the person must be in the caller's scope (404). */
export async function memberAttendanceRecord(
  db: Db,
  actor: Actor,
  personId: number,
  year: number,
): Promise<AttendanceRecord> {
  const row = await repo.personOrgPath(db, personId);
  if (!row) throw new AppError('NOT_FOUND');
  if (actor.scope.kind !== 'all') assertInScope(actor.scope, row.path);
  return attendanceRecordOf(db, personId, year);
}

/** The record as a one-sheet workbook (个人组织生活出勤记录). */
export async function attendanceRecordXlsx(r: AttendanceRecord): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dangjian 党建工作平台';
  const rows = r.items.map((i) => [
    i.onDate,
    i.orgName,
    activityKindLabels[i.kind],
    i.title,
    attendeeRoleLabels[i.role],
    attendanceStatusLabels[i.status],
    i.signedInAt
      ? new Date(i.signedInAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hourCycle: 'h23' })
      : '',
    i.leaveReason ?? '',
  ]);
  addLedgerSheet(
    wb,
    '出勤记录',
    {
      title: `${r.name} ${r.year}年组织生活出勤记录`,
      subtitle: [
        `应到${r.counts.expected}次，出席${r.counts.present}次，请假${r.counts.leave}次，缺席${r.counts.absent}次；` +
          `出勤率${r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`}（出席 ÷（应到 − 请假））`,
      ],
      columns: ['日期', '组织', '类型', '主题', '身份', '出勤', '签到时间', '请假事由'].map((header) => ({
        header,
      })),
    },
    rows,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
