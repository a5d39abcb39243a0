import {
  cancelTransferBody,
  confirmTransferBody,
  createTransferBody,
  idParams,
  placeTransferBody,
  recordReceiptBody,
  rejectTransferBody,
  transferDetail,
  transferListQuery,
  transferPage,
  transferTargetOrg,
  transferTargetQuery,
  unmaskedQuery,
} from '@dangjian/core';
import { z } from 'zod';
import type { Actor, AuditChange, Trx } from '../../http/context.ts';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import * as svc from './service.ts';

const tags = ['组织关系转接'];

/** Transfers of members' organisational relations: within, out of and into the college. */
export function transferRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/transfers', {
    config: { permission: 'member:member:view' },
    schema: {
      tags,
      summary: '组织关系转接列表（转出或接收一方在当前用户范围内）',
      querystring: transferListQuery,
      response: { 200: transferPage },
    },
    handler: (req) => svc.listTransfers(db, req.actor!, req.query, clock.today()),
  });

  app.get('/api/transfers/target-orgs', {
    config: { permission: 'member:transfer:manage' },
    schema: {
      tags,
      summary: '可接收党员的党组织（全校，仅名称），供发起转接时选择',
      querystring: transferTargetQuery,
      response: { 200: z.array(transferTargetOrg) },
    },
    handler: (req) => svc.listTargetOrgs(db, req.actor!, req.query.q),
  });

  app.post('/api/transfers', {
    config: { permission: 'member:transfer:manage', audit: 'transfer.create' },
    schema: {
      tags,
      summary: '发起校内转接、开具转出介绍信或登记转入介绍信（按 kind）',
      body: createTransferBody,
      response: { 201: transferDetail },
    },
    handler: async (req, reply) => {
      const today = clock.today();
      const id = await runWrite(db, req, (trx, change) =>
        svc.createTransfer(trx, req.actor!, req.body, today, clock.now(), change),
      );
      reply.status(201);
      return svc.getTransferDetail(db, req.actor!, id, today);
    },
  });

  app.get('/api/transfers/:id', {
    config: { permission: 'member:member:view' },
    schema: { tags, summary: '组织关系转接详情', params: idParams, response: { 200: transferDetail } },
    handler: (req) => svc.getTransferDetail(db, req.actor!, req.params.id, clock.today()),
  });

  /** One step of a transfer: validate, run it in a transaction, answer the transfer as it now is. */
  function step<B extends z.ZodType>(
    name: string,
    summary: string,
    body: B,
    run: (
      trx: Trx,
      actor: Actor,
      id: number,
      body: z.output<B>,
      today: string,
      now: Date,
      change: AuditChange,
    ) => Promise<void>,
  ): void {
    app.post(`/api/transfers/:id/${name}`, {
      config: { permission: 'member:transfer:manage', audit: `transfer.${name}` },
      schema: { tags, summary, params: idParams, body, response: { 200: transferDetail } },
      handler: async (req) => {
        const today = clock.today();
        const id = req.params.id;
        await runWrite(db, req, (trx, change) =>
          run(trx, req.actor!, id, req.body as z.output<B>, today, clock.now(), change),
        );
        return svc.getTransferDetail(db, req.actor!, id, today);
      },
    });
  }
  step('confirm', '确认校内转接（由另一方党组织办理）', confirmTransferBody, svc.confirmTransfer);
  step('reject', '退回校内转接申请（由另一方党组织办理）', rejectTransferBody, svc.rejectTransfer);
  step('cancel', '撤销申请、作废介绍信或撤销转入登记', cancelTransferBody, svc.cancelTransfer);
  step('receipt', '登记介绍信回执（党员转出本校，离开在册名单）', recordReceiptBody, svc.recordReceipt);
  step('place', '转入党员报到，编入党组织', placeTransferBody, svc.placeTransfer);

  app.get('/api/transfers/:id/letter.docx', {
    // Printing the letter shows the full ID number, so it needs the transfer permission and is audited.
    config: { permission: 'member:transfer:manage', audit: 'transfer.letter' },
    schema: {
      tags,
      summary:
        '下载《中国共产党党员组织关系介绍信》（存根、介绍信、回执三联，Word；unmasked=true 填入完整身份证号和电话）',
      params: idParams,
      querystring: unmaskedQuery,
    },
    handler: async (req, reply) => {
      const { fileName, content } = await runWrite(db, req, (trx, change) =>
        svc.transferLetter(trx, req.actor!, req.params.id, req.query.unmasked, change),
      );
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'Content-Disposition',
          `attachment; filename="transfer-letter-${req.params.id}.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(content);
    },
  });
}
