import {
  AppError,
  recruitmentLedgerQuery,
  recruitmentLimits,
  recruitmentMaterialParams,
  recruitmentMaterialQuery,
  recruitmentPipeline,
  recruitmentPipelineQuery,
  recruitmentReminderList,
  recruitmentTemplateInfo,
  recruitmentTemplateKindLabels,
  recruitmentTemplateParams,
  recruitmentTemplateUploadQuery,
} from '@dangjian/core';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { docxContentType, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { recruitmentReminders } from './findings.ts';
import { recruitmentLedger } from './ledger.ts';
import { buildMaterial } from './materials.ts';
import { getPipeline } from './pipeline.ts';
import { currentTemplate, listTemplates, resetTemplate, uploadTemplate } from './templates.ts';

const tags = ['发展党员'];

/** 发展党员 reports: statistics, the 工作台账, Word materials and their templates, reminders. */
export function recruitmentReportRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/recruitment/pipeline', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary: '发展党员统计：各阶段人数（按党总支、党支部）、各阶段用时、年度漏斗、申请人占比',
      querystring: recruitmentPipelineQuery,
      response: { 200: recruitmentPipeline },
    },
    handler: (req) => getPipeline(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/recruitment/ledger', {
    config: { permission: 'recruitment:dossier:view' },
    schema: { tags, summary: '下载发展党员工作台账（Excel，每人一行）', querystring: recruitmentLedgerQuery },
    handler: async (req, reply) => {
      const today = clock.today();
      const { buffer, fileName } = await recruitmentLedger(db, req.actor!, req.query, today);
      return sendDownload(reply, xlsxContentType, fileName, buffer, `recruitment-ledger-${today}.xlsx`);
    },
  });

  app.get('/api/recruitment/reminders', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary: '发展党员提醒：当前范围内已到提醒期或30天内将到提醒期的期限',
      response: { 200: recruitmentReminderList },
    },
    handler: (req) => recruitmentReminders(db, req.actor!, clock.today()),
  });

  app.get('/api/recruitment/:id/materials/:kind.docx', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary: '生成发展党员 Word 材料（按学校模板填写，日期取所记录步骤的日期；未登记该步骤或公示期时 409）',
      params: recruitmentMaterialParams,
      querystring: recruitmentMaterialQuery,
    },
    handler: async (req, reply) => {
      const { id, kind } = req.params;
      const { buffer, fileName } = await buildMaterial(db, req.actor!, id, kind, req.query.step);
      const ascii = `recruitment-${id}-${kind}${req.query.step ? `-${req.query.step}` : ''}.docx`;
      return sendDownload(reply, docxContentType, fileName, buffer, ascii);
    },
  });

  app.get('/api/recruitment/templates', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary: '发展党员材料模板（内置或学校上传）及可用占位符',
      response: { 200: z.array(recruitmentTemplateInfo) },
    },
    handler: () => listTemplates(db),
  });

  app.get('/api/recruitment/templates/:kind.docx', {
    config: { permission: 'recruitment:dossier:view' },
    schema: { tags, summary: '下载当前使用的材料模板（Word）', params: recruitmentTemplateParams },
    handler: async (req, reply) => {
      const t = await currentTemplate(db, req.params.kind);
      return sendDownload(reply, docxContentType, t.fileName, t.content, `template-${req.params.kind}.docx`);
    },
  });

  app.delete('/api/recruitment/templates/:kind', {
    config: { permission: 'recruitment:template:edit', audit: 'recruitment.template.reset' },
    schema: {
      tags,
      summary: '恢复内置的材料模板',
      params: recruitmentTemplateParams,
      response: { 200: z.array(recruitmentTemplateInfo) },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) => resetTemplate(trx, req.params.kind, change));
      return listTemplates(db);
    },
  });

  // The upload alone takes a raw .docx body, up to the file limit.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    const limit = recruitmentLimits.fileBytes.max;
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) =>
      done(null, body),
    );
    files.put('/api/recruitment/templates/:kind', {
      bodyLimit: limit,
      errorHandler: (error) => {
        if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError('PAYLOAD_TOO_LARGE', `模板文件：超过 ${limit / 1024 / 1024} MB 的上限`);
        throw error;
      },
      config: { permission: 'recruitment:template:edit', audit: 'recruitment.template.upload' },
      schema: {
        tags,
        summary: `上传学校的材料模板（请求体为 .docx 文件；可用占位符见模板列表；${Object.values(recruitmentTemplateKindLabels).join('、')}）`,
        params: recruitmentTemplateParams,
        querystring: recruitmentTemplateUploadQuery,
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), { message: '请上传 Word 文件' })
          .meta({ type: 'string', format: 'binary', description: 'Word 模板（.docx，不超过 10 MB）' }),
        response: { 200: z.array(recruitmentTemplateInfo) },
      },
      handler: async (req) => {
        await runWrite(db, req, (trx, change) =>
          uploadTemplate(trx, req.actor!, req.params.kind, req.query.fileName, req.body, clock.now(), change),
        );
        return listTemplates(db);
      },
    });
  });
}
