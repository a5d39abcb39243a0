import {
  AppError,
  createRecruitmentBody,
  idParams,
  myRecruitment,
  okResponse,
  recruitmentDetail,
  recruitmentDocumentParams,
  recruitmentDocumentUploadQuery,
  recruitmentLimits,
  recruitmentListQuery,
  recruitmentPage,
  recruitmentStepBody,
  recruitmentStepListQuery,
  recruitmentStepPage,
  recruitmentStepResult,
  unmaskedQuery,
  updateRecruitmentBody,
} from '@dangjian/core';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../http/context.ts';
import { asciiExtension, sendDownload } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { recordSensitiveRead, runWrite } from '../../http/write.ts';
import { getRuleSettings } from '../settings/service.ts';
import { addDocument, deleteDocument, getDocument } from './documents.ts';
import { myRecruitment as loadMyRecruitment, uploadOwnDocument } from './me.ts';
import * as svc from './service.ts';

const tags = ['发展党员'];

const fileBody = z
  .custom<Buffer>((v) => Buffer.isBuffer(v), { message: '请上传文件' })
  .meta({ type: 'string', format: 'binary', description: '文件内容（不超过 10 MB）' });

/** 发展党员 dossiers: application, the 25 steps with their rules, documents, and the applicant's own view. */
export function recruitmentRoutes(app: App, { db, clock }: Deps): void {
  // After a write the dossier is shown masked; only the detail read below can ask for full numbers.
  const detail = async (actor: Actor, id: number, unmasked = false) =>
    svc.getDossierDetail(db, actor, id, await getRuleSettings(db), clock.today(), unmasked);

  app.post('/api/recruitment', {
    config: { permission: 'recruitment:dossier:edit', audit: 'recruitment.create' },
    schema: {
      tags,
      summary: '建立发展党员档案并登记第1步“递交入党申请书”',
      body: createRecruitmentBody,
      response: { 201: recruitmentDetail },
    },
    handler: async (req, reply) => {
      const id = await runWrite(db, req, async (trx, change) =>
        svc.createDossier(
          trx,
          req.actor!,
          req.body,
          await getRuleSettings(trx),
          clock.today(),
          clock.now(),
          change,
        ),
      );
      reply.status(201);
      return detail(req.actor!, id);
    },
  });

  app.get('/api/recruitment', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary: '发展党员档案列表（按阶段、步骤、期限筛选）',
      querystring: recruitmentListQuery,
      response: { 200: recruitmentPage },
    },
    handler: async (req) =>
      svc.listDossiers(db, req.actor!, req.query, await getRuleSettings(db), clock.today()),
  });

  app.get('/api/recruitment/steps', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary:
        '某党组织（含下级）发展党员档案中已登记的步骤，按日期从近到远（整改佐证可关联）；可按申请人姓名查询',
      querystring: recruitmentStepListQuery,
      response: { 200: recruitmentStepPage },
    },
    handler: (req) => svc.listRecordedSteps(db, req.actor!, req.query),
  });

  app.get('/api/recruitment/:id', {
    config: { permission: 'recruitment:dossier:view', audit: 'recruitment.reveal' },
    schema: {
      tags,
      summary: '发展党员档案详情（unmasked=true 显示完整身份证号和电话并留痕）',
      params: idParams,
      querystring: unmaskedQuery,
      response: { 200: recruitmentDetail },
    },
    handler: async (req) => {
      const dossier = await detail(req.actor!, req.params.id, req.query.unmasked);
      if (!dossier.person.masked)
        await recordSensitiveRead(db, req, {
          targetType: 'recruitment',
          targetId: dossier.id,
          summary: `查看${dossier.person.name}的完整身份证号和电话（发展党员档案）`,
        });
      return dossier;
    },
  });

  app.patch('/api/recruitment/:id', {
    config: { permission: 'recruitment:dossier:edit', audit: 'recruitment.update' },
    schema: {
      tags,
      summary: '修改档案（预计离开单位日期）',
      params: idParams,
      body: updateRecruitmentBody,
      response: { 200: recruitmentDetail },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateDossier(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      return detail(req.actor!, req.params.id);
    },
  });

  app.post('/api/recruitment/:id/steps', {
    config: { permission: 'recruitment:dossier:edit', audit: 'recruitment.step' },
    schema: {
      tags,
      summary: '登记下一步骤（违反规定时返回 422 及依据条款）',
      params: idParams,
      body: recruitmentStepBody,
      response: { 200: recruitmentStepResult },
    },
    handler: async (req) => {
      const warnings = await runWrite(db, req, async (trx, change) =>
        svc.recordStep(
          trx,
          req.actor!,
          req.params.id,
          req.body,
          await getRuleSettings(trx),
          clock.today(),
          clock.now(),
          change,
        ),
      );
      return { dossier: await detail(req.actor!, req.params.id), warnings };
    },
  });

  app.get('/api/recruitment/:id/documents/:documentId', {
    config: { permission: 'recruitment:dossier:view' },
    schema: {
      tags,
      summary: '下载材料',
      params: recruitmentDocumentParams,
      response: { 200: z.custom<Buffer>().meta({ type: 'string', format: 'binary' }) },
    },
    handler: async (req, reply) => {
      const f = await getDocument(db, req.actor!, req.params.id, req.params.documentId);
      const { id, documentId } = req.params;
      const ascii = `recruitment-${id}-document-${documentId}${asciiExtension(f.fileName)}`;
      return sendDownload(reply, f.type, f.fileName, f.content, ascii);
    },
  });

  app.delete('/api/recruitment/:id/documents/:documentId', {
    config: { permission: 'recruitment:dossier:edit', audit: 'recruitment.document.delete' },
    schema: {
      tags,
      summary: '删除材料（已被步骤引用的不能删除）',
      params: recruitmentDocumentParams,
      response: { 200: okResponse },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        deleteDocument(trx, req.actor!, req.params.id, req.params.documentId, change),
      );
      return { ok: true as const };
    },
  });

  app.get('/api/me/recruitment', {
    config: { authenticated: true },
    schema: {
      tags,
      summary: '我的入党进度（没有档案时为 null）',
      response: { 200: myRecruitment.nullable() },
    },
    handler: async (req) => loadMyRecruitment(db, req.actor!, await getRuleSettings(db), clock.today()),
  });

  // The upload routes alone take a raw file body, up to the documents' limit.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    const limit = recruitmentLimits.fileBytes.max;
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) =>
      done(null, body),
    );
    const errorHandler = (error: unknown) => {
      if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${limit / 1024 / 1024} MB 的上限`);
      throw error;
    };

    files.post('/api/recruitment/:id/documents', {
      bodyLimit: limit,
      errorHandler,
      config: { permission: 'recruitment:dossier:edit', audit: 'recruitment.document.add' },
      schema: {
        tags,
        summary: '上传材料（请求体为文件内容：PDF、Word、JPG、PNG、文本）',
        params: idParams,
        querystring: recruitmentDocumentUploadQuery,
        body: fileBody,
        response: { 201: recruitmentDetail },
      },
      handler: async (req, reply) => {
        await runWrite(db, req, (trx, change) =>
          addDocument(trx, req.actor!, req.params.id, req.query, req.body, clock.today(), change),
        );
        reply.status(201);
        return detail(req.actor!, req.params.id);
      },
    });

    files.post('/api/me/recruitment/documents', {
      bodyLimit: limit,
      errorHandler,
      config: { authenticated: true, audit: 'recruitment.document.own' },
      schema: {
        tags,
        summary: '本人上传思想汇报或入党申请书',
        querystring: recruitmentDocumentUploadQuery.omit({ onDate: true }),
        body: fileBody,
        response: { 201: myRecruitment },
      },
      handler: async (req, reply) => {
        await runWrite(db, req, (trx, change) =>
          uploadOwnDocument(trx, req.actor!, req.query, req.body, clock.today(), change),
        );
        reply.status(201);
        return (await loadMyRecruitment(db, req.actor!, await getRuleSettings(db), clock.today()))!;
      },
    });
  });
}
