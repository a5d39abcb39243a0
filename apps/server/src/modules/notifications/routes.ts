import {
  createOrgRobotBody,
  idParam,
  idParams,
  markReadBody,
  notificationList,
  notificationPreferencesSchema,
  notificationQuery,
  okResponse,
  orgRobotSchema,
  updateNotificationPreferencesBody,
} from '@dangjian/core';
import { z } from 'zod';
import type { App, Deps } from '../../http/routing.ts';
import { runWrite } from '../../http/write.ts';
import type { ChannelConfig } from './channels.ts';
import {
  createRobot,
  deleteRobot,
  getPreferences,
  listNotifications,
  listRobots,
  markNotificationsRead,
  testRobot,
  updatePreferences,
} from './service.ts';

const tags = ['消息'];
const preferencesAnswer = notificationPreferencesSchema.extend({ emailAvailable: z.boolean() });

/** The message centre, each user's notification settings, and an org's group robots. */
export function notificationRoutes(app: App, { db, clock }: Deps, channels: ChannelConfig): void {
  app.get('/api/notifications', {
    config: { authenticated: true },
    schema: {
      tags,
      summary: '本人的消息（最新在前）与未读数',
      querystring: notificationQuery,
      response: { 200: notificationList },
    },
    handler: (req) => listNotifications(db, req.actor!, req.query),
  });

  // Reading one's own messages is not audited (like opening a page); the settings and robots below are.
  app.post('/api/notifications/read', {
    config: { authenticated: true },
    schema: {
      tags,
      summary: '将本人的消息标为已读（指定编号，或 all: true 全部）',
      body: markReadBody,
      response: { 200: z.object({ updated: z.number(), unread: z.number() }) },
    },
    handler: (req) => markNotificationsRead(db, req.actor!, req.body, clock.now()),
  });

  app.get('/api/notifications/preferences', {
    config: { authenticated: true },
    schema: { tags, summary: '本人的通知设置', response: { 200: preferencesAnswer } },
    handler: (req) => getPreferences(db, req.actor!, channels.smtpUrl !== null),
  });

  app.put('/api/notifications/preferences', {
    config: { authenticated: true, audit: 'notification.preferences' },
    schema: {
      tags,
      summary: '修改本人的通知设置（邮件、免打扰时段、每日汇总）',
      body: updateNotificationPreferencesBody,
      response: { 200: preferencesAnswer },
    },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) => updatePreferences(trx, req.actor!, req.body, change));
      return getPreferences(db, req.actor!, channels.smtpUrl !== null);
    },
  });

  app.get('/api/notifications/robots', {
    config: { permission: 'org:org:edit' },
    schema: {
      tags,
      summary: '党组织的企业微信、钉钉群机器人（地址中的密钥已隐去）',
      querystring: z.strictObject({ orgId: idParam }),
      response: { 200: z.array(orgRobotSchema) },
    },
    handler: (req) => listRobots(db, req.actor!, req.query.orgId),
  });

  app.post('/api/notifications/robots', {
    config: { permission: 'org:org:edit', audit: 'notification.robot.create' },
    schema: {
      tags,
      summary: '为党组织添加群机器人（活动通知会同时发到该群）',
      body: createOrgRobotBody.extend({ orgId: z.number().int().positive().max(2_147_483_647) }),
      response: { 201: orgRobotSchema },
    },
    handler: async (req, reply) => {
      const robot = await runWrite(db, req, (trx, change) =>
        createRobot(trx, req.actor!, req.body, channels, clock.now(), change),
      );
      return reply.code(201).send(robot);
    },
  });

  app.delete('/api/notifications/robots/:id', {
    config: { permission: 'org:org:edit', audit: 'notification.robot.delete' },
    schema: { tags, summary: '删除群机器人', params: idParams, response: { 200: okResponse } },
    handler: async (req) => {
      await runWrite(db, req, (trx, change) => deleteRobot(trx, req.actor!, req.params.id, change));
      return { ok: true as const };
    },
  });

  app.post('/api/notifications/robots/:id/test', {
    config: { permission: 'org:org:edit', audit: 'notification.robot.test' },
    schema: {
      tags,
      summary: '向群机器人发送一条测试消息，立即返回是否成功',
      params: idParams,
      response: { 200: z.object({ ok: z.boolean(), message: z.string() }) },
    },
    handler: async (req) => {
      const result = await testRobot(db, req.actor!, req.params.id, channels, clock.now());
      // The server called out on the secretary's behalf: the audit log says so, and whether it arrived.
      await runWrite(db, req, async (_trx, change) => {
        Object.assign(change, {
          targetType: 'org_robot',
          targetId: req.params.id,
          summary: `群机器人测试消息：${result.ok ? '已发送' : `失败（${result.message}）`}`,
        });
      });
      return result;
    },
  });
}
