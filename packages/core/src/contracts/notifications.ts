import { z } from 'zod';
import { notificationKinds } from '../notifications/notifications.ts';
import { dbId, pageQuery, text } from './common.ts';

export const notificationItem = z.object({
  id: z.number(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  /** Where the thing is done or seen, as a path of the web app. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationItem>;

export const notificationQuery = z.strictObject({
  ...pageQuery.shape,
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const notificationList = z.object({
  items: z.array(notificationItem),
  total: z.number(),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type NotificationList = z.infer<typeof notificationList>;

/** Marks some messages read, or all of them. */
export const markReadBody = z.union([
  z.strictObject({ ids: z.array(dbId).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM' });

export const notificationPreferencesSchema = z.object({
  email: z.string().nullable(),
  emailEnabled: z.boolean(),
  mutedKinds: z.array(z.enum(notificationKinds)),
  quietStart: z.string(),
  quietEnd: z.string(),
  digestAfter: z.number(),
});

export const updateNotificationPreferencesBody = z
  .strictObject({
    email: z.email({ message: '电子邮箱格式不正确' }).max(200).nullable().optional(),
    emailEnabled: z.boolean().optional(),
    mutedKinds: z.array(z.enum(notificationKinds)).max(notificationKinds.length).optional(),
    quietStart: hhmm.optional(),
    quietEnd: hhmm.optional(),
    digestAfter: z.number().int().min(1).max(50).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '至少修改一项' });

export const robotKinds = ['wecom', 'dingtalk'] as const;
export type RobotKind = (typeof robotKinds)[number];

/** A group robot of an org's 企业微信 or 钉钉 group: its webhook address (and 钉钉's signing secret). */
export const orgRobotSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  kind: z.enum(robotKinds),
  /** The webhook address with its key masked (it is a credential). */
  url: z.string(),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
});
export type OrgRobot = z.infer<typeof orgRobotSchema>;

export const createOrgRobotBody = z.strictObject({
  kind: z.enum(robotKinds),
  url: z.url({ message: '网址格式不正确' }).max(500),
  secret: text(1, 200).optional(),
});
