import {
  auditActionCatalogue,
  auditCatalogueResponse,
  auditEntrySchema,
  auditQuery,
  auditTargetTypeLabels,
  auditVerifyRequest,
  auditVerifyResult,
  signedAuditCheckpoint,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { presentAuditEntry } from './presenter.ts';
import { listAuditEntries, targetNames } from './repo.ts';
import { signedCheckpoint, verifyAudit } from './service.ts';

const tags = ['审计'];

/** The append-only audit log: browse (审计员) and verify its hash chain. */
export function auditRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/audit-log', {
    config: { permission: 'audit:log:view' },
    schema: {
      tags,
      summary: '审计日志（只读，可筛选）',
      querystring: auditQuery,
      response: {
        200: z.object({
          items: z.array(auditEntrySchema),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      },
    },
    handler: async (req) => {
      const { total, rows } = await listAuditEntries(db, req.query);
      const names = await targetNames(
        db,
        rows.flatMap((r) => (r.target_type && r.target_id ? [{ type: r.target_type, id: r.target_id }] : [])),
      );
      return {
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        items: rows.map((r) => presentAuditEntry(r, names.get(`${r.target_type}:${r.target_id}`) ?? null)),
      };
    },
  });

  app.get('/api/audit-log/catalogue', {
    config: { permission: 'audit:log:view' },
    schema: {
      tags,
      summary: '审计日志的筛选项：全部操作（按类别）和对象类型',
      response: { 200: auditCatalogueResponse },
    },
    handler: async () => ({
      actions: auditActionCatalogue,
      targetTypes: Object.entries(auditTargetTypeLabels).map(([type, label]) => ({ type, label })),
    }),
  });

  app.post('/api/audit-log/verify', {
    // Verifying reads only; it is not itself a write, so no audit entry.
    config: { permission: 'audit:log:verify' },
    schema: {
      tags,
      summary: '校验审计日志：密钥签名的哈希链、检查点文件，以及（可选）审计员保存的检查点',
      body: auditVerifyRequest.optional(),
      response: { 200: auditVerifyResult },
    },
    handler: (req) => verifyAudit(db, clock.now(), req.body?.checkpoint),
  });

  app.get('/api/audit-log/checkpoint', {
    config: { permission: 'audit:log:verify' },
    schema: {
      tags,
      summary: '下载签名的审计日志检查点（Ed25519），供审计员留存并离线用 openssl 验证',
      response: { 200: signedAuditCheckpoint },
    },
    handler: () => signedCheckpoint(db, clock.now()),
  });
}
