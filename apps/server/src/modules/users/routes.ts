import {
  createUserBody,
  idParams,
  temporaryPasswordResponse,
  updateUserBody,
  userListItem,
  userListQuery,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import * as svc from './service.ts';

const tags = ['账号'];

/**
 * Account management: the system administrator manages ordinary accounts, the security administrator
 * 安全管理员/审计员 accounts and unlocking (三员分立; each service call checks core's account matrix).
 */
export function userRoutes(app: App, { db, clock }: Deps): void {
  app.get('/api/users', {
    config: { permission: 'system:user:view' },
    schema: {
      tags,
      summary: '账号列表',
      querystring: userListQuery,
      response: {
        200: z.object({
          items: z.array(userListItem),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
        }),
      },
    },
    handler: async (req) => ({
      ...(await svc.listUsers(db, clock, req.actor!, req.query)),
      page: req.query.page,
      pageSize: req.query.pageSize,
    }),
  });
  app.post('/api/users', {
    config: { permission: 'system:user:create', audit: 'user.create' },
    schema: {
      tags,
      summary: '新建账号（返回一次性初始密码）',
      body: createUserBody,
      response: { 201: temporaryPasswordResponse },
    },
    handler: async (req, reply) => {
      const { id, temporaryPassword } = await runWrite(db, req, (trx, change) =>
        svc.createUser(trx, req.actor!, req.body, change),
      );
      reply.status(201);
      return { user: await svc.getUser(db, clock, req.actor!, id), temporaryPassword };
    },
  });
  app.patch('/api/users/:id', {
    config: { permission: 'system:user:edit', audit: 'user.update' },
    schema: {
      tags,
      summary: '修改账号、角色或停用',
      params: idParams,
      body: updateUserBody,
      response: { 200: userListItem },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) =>
        svc.updateUser(trx, req.actor!, req.params.id, req.body, change),
      );
      return svc.getUser(db, clock, req.actor!, req.params.id);
    },
  });
  app.post('/api/users/:id/reset-password', {
    config: { permission: 'system:user:reset-password', audit: 'user.reset-password' },
    schema: {
      tags,
      summary: '重置密码（返回一次性临时密码）',
      params: idParams,
      response: { 200: temporaryPasswordResponse },
    },
    handler: async (req) => {
      const temporaryPassword = await runWrite(db, req, (trx, change) =>
        svc.resetPassword(trx, req.actor!, req.params.id, change),
      );
      return { user: await svc.getUser(db, clock, req.actor!, req.params.id), temporaryPassword };
    },
  });
  app.post('/api/users/:id/unlock', {
    config: { permission: 'system:user:unlock', audit: 'user.unlock' },
    schema: { tags, summary: '解锁账号', params: idParams, response: { 200: userListItem } },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) => svc.unlockUser(trx, req.actor!, req.params.id, change));
      return svc.getUser(db, clock, req.actor!, req.params.id);
    },
  });
}
