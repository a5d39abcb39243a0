import {
  AppError,
  alertKeyParams,
  createRectificationBody,
  idParams,
  rectificationBoard,
  rectificationBoardQuery,
  rectificationDetail,
  rectificationEvidenceBody,
  rectificationEvidenceFileQuery,
  rectificationEvidenceParams,
  rectificationFromFindingBody,
  rectificationLimits,
  rectificationListQuery,
  rectificationPage,
  rectificationProgressBody,
  rectificationTransitionBody,
  updateRectificationBody,
} from '@dangjian/core';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asciiExtension, sendDownload, xlsxContentType } from '../../http/download.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import { buildRectificationLedger } from './documents.ts';
import * as svc from './service.ts';

const tags = ['整改'];
const file = z.custom<Buffer>().meta({ type: 'string', format: 'binary' });
const ledgerQuery = rectificationListQuery.omit({ page: true, pageSize: true });

/** Rectification items (整改事项): list, detail, creating (by hand or from a finding), editing, steps, evidence. */
export function rectificationRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/rectifications', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary:
        '整改事项列表（整改责任党组织在当前用户范围内；assisting=true 时为本单位协办的其他单位事项）：可按组织子树、来源、状态、是否逾期、责任人、关键词筛选；未销号的在前，按最近到期排序',
      querystring: rectificationListQuery,
      response: { 200: rectificationPage },
    },
    handler: (req) => svc.listRectifications(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/rectifications/board', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary:
        '整改情况看板：当前用户范围内（或某党组织下）的整改事项按党总支、直属党支部和党委本级，按来源，按状态计数，含逾期数；逾期多的在前',
      querystring: rectificationBoardQuery,
      response: { 200: rectificationBoard },
    },
    handler: (req) => svc.getRectificationBoard(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/rectifications/ledger.xlsx', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary: '下载整改台账（Excel，按列表当前的筛选条件；未销号的在前，按最近到期排序）',
      querystring: ledgerQuery,
      response: { 200: file },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const { buffer, fileName } = await buildRectificationLedger(db, req.actor!, req.query, today);
      return sendDownload(reply, xlsxContentType, fileName, buffer, `rectifications-${today}.xlsx`);
    },
  });

  app.post('/api/rectifications', {
    config: { permission: 'rectification:item:edit', audit: 'rectification.create' },
    schema: {
      tags,
      summary: '登记整改事项（自查、上级督查、组织生活会提出的问题等；来自监测预警的请在预警上生成）',
      body: createRectificationBody,
      response: { 201: rectificationDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createRectification(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getRectificationDetail(db, req.actor!, id, today);
    },
  });

  app.post('/api/alerts/:key/rectification', {
    config: { permission: 'rectification:item:edit', audit: 'rectification.from_finding' },
    schema: {
      tags,
      summary:
        '由预警生成整改事项：党组织、问题、依据条款来自预警，期限默认为预警的到期日（已过则30天后），责任人默认为预警的指派人；每条预警同时只有一项未销号的整改事项',
      params: alertKeyParams,
      body: rectificationFromFindingBody,
      response: { 201: rectificationDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createRectificationFromFinding(
          trx,
          req.actor!,
          req.params.key,
          req.body,
          today,
          clock.now(),
          change,
        ),
      );
      reply.status(201);
      return svc.getRectificationDetail(db, req.actor!, id, today);
    },
  });

  app.get('/api/rectifications/:id', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary:
        '整改事项详情（整改责任党组织或协办党组织在当前用户范围内）：整改措施、阶段、佐证（关联的记录）、经过，以及当前用户可做的操作和审核销号的党组织',
      params: idParams,
      response: { 200: rectificationDetail },
    },
    handler: (req) => svc.getRectificationDetail(db, req.actor!, req.params.id, clock.today()),
  });

  app.patch('/api/rectifications/:id', {
    config: { permission: 'rectification:item:edit', audit: 'rectification.update' },
    schema: {
      tags,
      summary:
        '修改整改事项：整改责任党组织在销号前填写整改措施、完成情况、责任人、协办党组织和阶段；上级党组织在开始整改前修改问题、依据和期限',
      params: idParams,
      body: updateRectificationBody,
      response: { 200: rectificationDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.updateRectification(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getRectificationDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/rectifications/:id/transitions', {
    // The route takes the edit permission; which side may take the step (the org that rectifies, or the level
    // above that verifies) is decided per item by the service (core rectificationSides).
    config: { permission: 'rectification:item:edit', audit: 'rectification.transition' },
    schema: {
      tags,
      summary:
        '办理整改事项：开始整改、提交销号、申请延期（整改责任党组织）；审核销号、退回、同意或不同意延期、回头看重新打开（上级党组织）',
      params: idParams,
      body: rectificationTransitionBody,
      response: { 200: rectificationDetail },
    },
    handler: async (req) => {
      const today = clock.today();
      await runWrite(db, req, (trx, change) =>
        svc.transitionRectification(trx, req.actor!, req.params.id, req.body, today, clock.now(), change),
      );
      return svc.getRectificationDetail(db, req.actor!, req.params.id, today);
    },
  });

  app.post('/api/rectifications/:id/evidence', {
    config: { permission: 'rectification:item:edit', audit: 'rectification.evidence.add' },
    schema: {
      tags,
      summary:
        '关联整改佐证：证明整改完成的平台记录（已召开的会议、换届记录、发展党员步骤、组织关系转接、已解决的预警）',
      params: idParams,
      body: rectificationEvidenceBody,
      response: { 201: rectificationDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.addEvidenceLink(trx, req.actor!, req.params.id, req.body, clock.now(), change),
      );
      reply.status(201);
      return svc.getRectificationDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  app.get('/api/rectifications/:id/evidence/:evidenceId/file', {
    config: { permission: 'rectification:item:view' },
    schema: {
      tags,
      summary: '下载佐证文件',
      params: rectificationEvidenceParams,
      response: { 200: z.custom<Buffer>().meta({ type: 'string', format: 'binary' }) },
    },
    handler: async (req, reply) => {
      const { id, evidenceId } = req.params;
      const f = await svc.getEvidenceFile(db, req.actor!, id, evidenceId);
      const ascii = `rectification-${id}-evidence-${evidenceId}${asciiExtension(f.fileName)}`;
      return sendDownload(reply, f.type, f.fileName, f.content, ascii);
    },
  });

  app.delete('/api/rectifications/:id/evidence/:evidenceId', {
    config: { permission: 'rectification:item:edit', audit: 'rectification.evidence.delete' },
    schema: {
      tags,
      summary: '删除整改佐证（提交销号前）',
      params: rectificationEvidenceParams,
      response: { 200: rectificationDetail },
    },
    handler: async (req) => {
      const { id, evidenceId } = req.params;
      await runWrite(db, req, (trx, change) =>
        svc.removeEvidence(trx, req.actor!, id, evidenceId, clock.now(), change),
      );
      return svc.getRectificationDetail(db, req.actor!, id, clock.today());
    },
  });

  app.post('/api/rectifications/:id/progress', {
    config: { permission: 'rectification:item:edit', audit: 'rectification.progress' },
    schema: {
      tags,
      summary: '填报整改进展（记入整改经过；协办党组织也可填报其承担部分的进展）',
      params: idParams,
      body: rectificationProgressBody,
      response: { 201: rectificationDetail },
    },
    handler: async (req, reply) => {
      await runWrite(db, req, (trx, change) =>
        svc.addProgressNote(trx, req.actor!, req.params.id, req.body.note, clock.now(), change),
      );
      reply.status(201);
      return svc.getRectificationDetail(db, req.actor!, req.params.id, clock.today());
    },
  });

  // The file upload alone takes a raw body (the file), up to its own limit.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    files.removeAllContentTypeParsers();
    files.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: rectificationLimits.evidenceBytes },
      (_req, body, done) => done(null, body),
    );
    files.post('/api/rectifications/:id/evidence/file', {
      bodyLimit: rectificationLimits.evidenceBytes,
      errorHandler: (error) => {
        if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `文件超过 ${rectificationLimits.evidenceBytes / 1024 / 1024} MB 的上限`,
          );
        throw error;
      },
      config: { permission: 'rectification:item:edit', audit: 'rectification.evidence.upload' },
      schema: {
        tags,
        summary: '上传佐证文件（请求体为文件内容）：仅在没有平台记录可以证明时使用，须说明原因',
        params: idParams,
        querystring: rectificationEvidenceFileQuery,
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), { message: '请上传文件' })
          .meta({ type: 'string', format: 'binary', description: '文件内容（不超过 10 MB）' }),
        response: { 201: rectificationDetail },
      },
      handler: async (req, reply) => {
        await runWrite(db, req, (trx, change) =>
          svc.addEvidenceFile(trx, req.actor!, req.params.id, req.query, req.body, clock.now(), change),
        );
        reply.status(201);
        return svc.getRectificationDetail(db, req.actor!, req.params.id, clock.today());
      },
    });
  });
}
