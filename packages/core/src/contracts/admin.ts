import { z } from 'zod';
import { accountActions } from '../accounts.ts';
import { limits } from '../limits.ts';
import { roleCodes } from '../permissions.ts';
import { roleGrantSchema } from './auth.ts';
import { dbId, isoDate, pageQuery, text } from './common.ts';

export const userListItem = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  personId: z.number().nullable(),
  roles: z.array(roleGrantSchema.extend({ orgName: z.string().nullable() })),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  /** What the caller may do to this account (三员分立, core/accounts.ts). */
  abilities: z.array(z.enum(accountActions)),
});
export type UserListItem = z.infer<typeof userListItem>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(limits.search.max).optional(),
  role: z.enum(roleCodes).optional(),
});

export const createUserBody = z.strictObject({
  username: z
    .string()
    .trim()
    .min(limits.username.min, { message: `至少 ${limits.username.min} 个字符` })
    .max(limits.username.max, { message: `不能超过 ${limits.username.max} 个字符` })
    .regex(/^[a-zA-Z0-9_.-]+$/, { message: '只能包含字母、数字、下划线、点和短横线' }),
  displayName: text(limits.displayName.min, limits.displayName.max),
  personId: dbId.nullable().default(null),
  roles: z.array(roleGrantSchema).min(1, { message: '至少授予一个角色' }).max(10),
});
export type CreateUserBody = z.input<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  version: z.number().int().min(0),
  displayName: text(limits.displayName.min, limits.displayName.max).optional(),
  personId: dbId.nullable().optional(),
  roles: z.array(roleGrantSchema).min(1, { message: '至少授予一个角色' }).max(10).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const temporaryPasswordResponse = z.object({ user: userListItem, temporaryPassword: z.string() });

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  outcome: z.enum(['success', 'failure']),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuery = pageQuery.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  actor: z.string().trim().max(limits.search.max).optional(),
  action: z.string().trim().max(60).optional(),
  targetType: z.string().trim().max(40).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
});

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.number().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
