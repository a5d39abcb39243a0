import type { Readable } from 'node:stream';
import {
  AppError,
  errorResponse,
  memberExportQuery,
  memberImportListQuery,
  memberImportMaxBytes,
  memberImportPage,
  memberImportQuery,
  memberImportReport,
  memberRosterQuery,
} from '@dangjian/core';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { docxContentType, sendDownload, xlsxContentType } from '../../../http/download.ts';
import type { App, Deps } from '../../../http/routing.ts';
import { recordSensitiveRead, runWrite } from '../../../http/write.ts';
import { exportMembersXlsx } from '../export.ts';
import { memberRosterDocx } from '../roster.ts';
import * as svc from './service.ts';
import { buildImportTemplate } from './template.ts';

const tags = ['党员名册导入导出'];

/** A file answer, documented as binary. */
const binary = (description: string) =>
  z.custom<Buffer | Readable>().meta({ type: 'string', format: 'binary', description });

/** Import template, import (dry run / commit) and its history, xlsx export, printable roster. */
export function memberIoRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/members/import/template', {
    config: { permission: 'member:member:import' },
    schema: {
      tags,
      summary: '下载党员名册导入模板（含“字典”工作表，列出您管理范围内的党支部）',
      produces: [xlsxContentType],
      response: { 200: binary('导入模板 .xlsx') },
    },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        xlsxContentType,
        '党员名册导入模板.xlsx',
        await buildImportTemplate(db, req.actor!),
        'member-import-template.xlsx',
      ),
  });

  app.get('/api/members/imports', {
    config: { permission: 'member:member:import' },
    schema: {
      tags,
      summary: '导入记录（全校范围的用户看到全部，其他用户看到自己的导入）',
      querystring: memberImportListQuery,
      response: { 200: memberImportPage },
    },
    handler: (req) => svc.listImports(db, req.actor!, req.query),
  });

  app.get('/api/members/export', {
    config: { permission: 'member:member:export', audit: 'member.export' },
    schema: {
      tags,
      summary:
        '按当前筛选条件导出党员名册 .xlsx（列与页面所选一致；unmasked=true 导出完整身份证号和电话并留痕）',
      querystring: memberExportQuery,
      produces: [xlsxContentType],
      response: { 200: binary('党员名册 .xlsx') },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const file = await exportMembersXlsx(db, req.actor!, req.query, today);
      if (req.query.unmasked)
        await recordSensitiveRead(db, req, {
          targetType: 'person',
          summary: '导出党员名册（完整身份证号和电话）',
          after: { filter: req.query },
        });
      return sendDownload(reply, xlsxContentType, `党员名册-${today}.xlsx`, file, `members-${today}.xlsx`);
    },
  });

  app.get('/api/members/roster.docx', {
    config: { permission: 'member:member:export' },
    schema: {
      tags,
      summary: '打印党支部党员名册（Word，横向表格）',
      querystring: memberRosterQuery,
      produces: [docxContentType],
      response: { 200: binary('党员名册 .docx') },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await memberRosterDocx(db, req.actor!, req.query.orgId, clock.today());
      return sendDownload(
        reply,
        docxContentType,
        fileName,
        buffer,
        `roster-${req.query.orgId}-${clock.today()}.docx`,
      );
    },
  });

  // The upload route alone takes a raw file body, up to its own limit; nothing else changes.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      [xlsxContentType, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: memberImportMaxBytes },
      (_req, body, done) => done(null, body),
    );
    files.post('/api/members/import', {
      bodyLimit: memberImportMaxBytes,
      errorHandler: (error) => {
        // Say which limit, rather than the generic “request too large”; anything else goes up.
        if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `文件超过 ${memberImportMaxBytes / 1024 / 1024} MB 的上限，请分成几个文件导入`,
          );
        throw error;
      },
      config: { permission: 'member:member:import', audit: 'member.import' },
      schema: {
        tags,
        summary:
          '导入党员名册：mode=dry-run 检查并逐行报告问题（不写入）；mode=commit 重新检查后全部写入，有任何问题则返回 422 与同样的报告且不写入',
        querystring: memberImportQuery,
        consumes: [xlsxContentType, 'application/octet-stream'],
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), { message: '请上传 .xlsx 文件' })
          .meta({ type: 'string', format: 'binary', description: '.xlsx 文件内容（不超过 20 MB）' }),
        response: { 200: memberImportReport, 422: errorResponse },
      },
      handler: async (req) => {
        const file = await svc.readImportFile(req.body, req.query.fileName);
        if (req.query.mode === 'dry-run') return svc.dryRunImport(db, req.actor!, file, clock.today());
        return runWrite(db, req, (trx, change) =>
          svc.commitImport(trx, req.actor!, file, clock.today(), change),
        );
      },
    });
  });
}
