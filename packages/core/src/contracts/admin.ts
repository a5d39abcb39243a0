import { z } from 'zod';
import { accountActions } from '../accounts.ts';
import { limits } from '../limits.ts';
import { roleCodes } from '../permissions.ts';
import { roleGrantSchema } from './auth.ts';
import { dbId, isoDate, pageQuery, requireChange, text } from './common.ts';

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

export const updateUserBody = requireChange(
  z.strictObject({
    version: z.number().int().min(0),
    displayName: text(limits.displayName.min, limits.displayName.max).optional(),
    personId: dbId.nullable().optional(),
    roles: z.array(roleGrantSchema).min(1, { message: '至少授予一个角色' }).max(10).optional(),
    disabled: z.boolean().optional(),
  }),
);
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
  /** 党组织, 人员, 活动记录… */
  targetTypeLabel: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The object's name today (an org's, a person's, an activity's title); null when it is gone or has none. */
  targetName: z.string().nullable(),
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

/** The auditor's filter choices: every action (by group) and every kind of object. */
export const auditCatalogueResponse = z.object({
  actions: z.array(z.object({ action: z.string(), label: z.string(), group: z.string() })),
  targetTypes: z.array(z.object({ type: z.string(), label: z.string() })),
});

/** What a failed audit-log verification found. */
export const auditProblems = [
  'link',
  'edited',
  'unkeyed',
  'wrong_key',
  'checkpoint',
  'truncated',
  'checkpoint_file',
  'kept_checkpoint',
] as const;
export type AuditProblem = (typeof auditProblems)[number];

/** Chinese names of the audit-log verification findings. */
export const auditProblemLabels = {
  link: '记录被删除或插入（与前一条记录的链接不一致）',
  edited: '记录被改动（内容与密钥签名不符）',
  unkeyed: '哈希链被不持有密钥的人重算',
  wrong_key: '审计密钥不符',
  checkpoint: '与检查点不符',
  truncated: '末尾的记录被删除',
  checkpoint_file: '检查点文件被改动',
  kept_checkpoint: '所提供的检查点无效',
} as const satisfies Record<AuditProblem, string>;

/** A checkpoint of the audit chain's head, signed with the platform's Ed25519 key, for the auditor to keep. */
export const signedAuditCheckpoint = z.object({
  format: z.literal('dangjian-audit-checkpoint/1'),
  db: z.string().min(1).max(63),
  id: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().max(40),
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
  /** The exact text signed (UTF-8, no trailing newline). */
  message: z.string().max(400),
  /** Ed25519 signature of `message`, base64. */
  signature: z.string().max(200),
  /** The platform's public key (SPKI PEM); compare it with the one kept from the first download. */
  publicKey: z.string().max(400),
});
export type SignedAuditCheckpoint = z.infer<typeof signedAuditCheckpoint>;

/** Optional body of the verification: a checkpoint the auditor downloaded earlier. */
export const auditVerifyRequest = z.strictObject({ checkpoint: signedAuditCheckpoint.optional() });
export type AuditVerifyRequest = z.infer<typeof auditVerifyRequest>;

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBrokenId: z.number().nullable(),
  reason: z.string().nullable(),
  problem: z.enum(auditProblems).nullable(),
  /** Id of the audit key in use (first 8 hex of its sha256). */
  keyId: z.string(),
  /** Checkpoints (file and kept) whose entry was found with the recorded hash. */
  checkpointsChecked: z.number(),
  lastCheckpointId: z.number().nullable(),
  /** The auditor's kept checkpoint, when one was given and it matched. */
  keptCheckpointId: z.number().nullable(),
  head: z.object({ id: z.number(), hash: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
