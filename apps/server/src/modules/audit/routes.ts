import {
  auditEntrySchema,
  auditQuery,
  auditVerifyRequest,
  auditVerifyResult,
  signedAuditCheckpoint,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { presentAuditEntry } from './presenter.ts';
import { listAuditEntries } from './repo.ts';
import { signedCheckpoint, verifyAudit } from './service.ts';

const tags = ['审计'];

/** Chinese names of audit actions. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'access.denied': '越权访问被拒绝',
  'setup.own': '初始化本校',
  'setup.demo': '载入演示学校',
  'org.create': '新建党组织',
  'org.update': '修改党组织',
  'org.move': '调整隶属关系',
  'org.archive': '撤销党组织',
  'org.restore': '恢复党组织',
  'term.create': '换届（录入新一届）',
  'term.update': '修改届次',
  'appointment.create': '任命职务',
  'appointment.end': '免去职务',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'major.create': '新建专业',
  'person.dual-leader': '认定双带头人',
  'setting.rules.update': '修改规则设置',
  'setting.security.update': '修改安全策略',
  'setting.go_live.update': '修改启用日期',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.reset-password': '重置密码',
  'user.unlock': '解锁账号',
  'account.recover': '服务器命令行恢复账号',
};

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
      return {
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        items: rows.map((r) => presentAuditEntry(r, auditActionLabels[r.action] ?? r.action)),
      };
    },
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
