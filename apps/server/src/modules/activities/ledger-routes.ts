import { attendanceQuery, attendanceRecord, idParams, ledgerQuery } from '@dangjian/core';
import { docxContentType, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { missingByMonth } from '../compliance/service.ts';
import { attendanceRecordXlsx, memberAttendanceRecord } from './attendance-record.ts';
import { buildLedgerXlsx, ledgerOrg, ledgerRecords } from './ledger.ts';
import { buildMinutesDocx, loadMinutes } from './minutes.ts';

const tags = ['组织生活台账'];

/** Ledgers (台账): a branch's 三会一课 for a year, one record's minutes, a member's attendance. */
export function activityLedgerRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/activities/ledger.xlsx', {
    config: { permission: 'life:activity:view' },
    schema: {
      tags,
      summary: '下载党支部“三会一课”年度台账（Excel，仅已归档记录）',
      querystring: ledgerQuery,
    },
    handler: async (req, reply) => {
      const { orgId, year } = req.query;
      const org = await ledgerOrg(db, req.actor!, orgId);
      const [records, missing] = await Promise.all([
        ledgerRecords(db, org.id, `${year}-01-01`, `${year}-12-31`),
        missingByMonth(db, org.id, year, clock.today()),
      ]);
      const body = await buildLedgerXlsx(org.name, year, records, missing);
      return sendDownload(
        reply,
        xlsxContentType,
        `${org.name}${year}年三会一课台账.xlsx`,
        body,
        `ledger-${orgId}-${year}.xlsx`,
      );
    },
  });

  app.get('/api/activities/:id/minutes.docx', {
    config: { permission: 'life:activity:view' },
    schema: { tags, summary: '下载活动会议记录（Word）', params: idParams },
    handler: async (req, reply) => {
      const { buffer, fileName } = await buildMinutesDocx(await loadMinutes(db, req.actor!, req.params.id));
      return sendDownload(reply, docxContentType, fileName, buffer, `minutes-${req.params.id}.docx`);
    },
  });

  const yearOf = (year: number | undefined) => year ?? Number(clock.today().slice(0, 4));

  app.get('/api/members/:id/attendance', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '党员个人组织生活出勤记录（按年）',
      params: idParams,
      querystring: attendanceQuery,
      response: { 200: attendanceRecord },
    },
    handler: (req) => memberAttendanceRecord(db, req.actor!, req.params.id, yearOf(req.query.year)),
  });

  app.get('/api/members/:id/attendance.xlsx', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '下载党员个人出勤记录（Excel）',
      params: idParams,
      querystring: attendanceQuery,
    },
    handler: async (req, reply) => {
      const record = await memberAttendanceRecord(db, req.actor!, req.params.id, yearOf(req.query.year));
      const body = await attendanceRecordXlsx(record);
      return sendDownload(
        reply,
        xlsxContentType,
        `${record.name}${record.year}年组织生活出勤记录.xlsx`,
        body,
        `attendance-${record.personId}-${record.year}.xlsx`,
      );
    },
  });
}
