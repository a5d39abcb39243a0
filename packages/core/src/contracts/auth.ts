import { z } from 'zod';
import { limits } from '../limits.ts';
import { permissionCodes, roleCodes } from '../permissions.ts';
import { dbId, isoDate } from './common.ts';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1, { message: '请输入用户名' }).max(limits.username.max),
  password: z.string().min(1, { message: '请输入密码' }).max(limits.password.max),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.strictObject({
  oldPassword: z.string().min(1, { message: '请输入原密码' }).max(limits.password.max),
  newPassword: z.string().min(1, { message: '请输入新密码' }).max(limits.password.max),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const roleGrantSchema = z.strictObject({
  role: z.enum(roleCodes),
  orgId: dbId.nullable(),
});

/** The signed-in user as the client sees them. */
export const meSchema = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    personId: z.number().nullable(),
    /**
     * The linked person: a party member (正式或预备党员 in the roster) has 我的党员信息 and 我的组织生活; someone with a
     * 发展党员 dossier has 我的入党进度. Null when the account is not linked to a person.
     */
    person: z.object({ isMember: z.boolean(), hasDossier: z.boolean() }).nullable(),
    mustChangePassword: z.boolean(),
    roles: z.array(roleGrantSchema.extend({ orgName: z.string().nullable() })),
  }),
  permissions: z.array(z.enum(permissionCodes)),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('subtrees'), orgIds: z.array(z.number()) }),
    z.object({ kind: z.literal('self') }),
  ]),
  csrfToken: z.string(),
  school: z.object({ name: z.string(), isDemo: z.boolean() }),
  idleTimeoutMinutes: z.number(),
});
export type Me = z.infer<typeof meSchema>;

export const setupStatusSchema = z.object({
  initialised: z.boolean(),
  school: z.object({ name: z.string(), isDemo: z.boolean() }).nullable(),
  /** On a demo college: the demo accounts, one per role, for the login page. */
  demoAccounts: z.array(z.object({ username: z.string(), role: z.string(), displayName: z.string() })),
  /** True when the demo accounts share a password set by DJ_ADMIN_PASSWORD (not shown). */
  demoPasswordFromEnv: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupBody = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('own'),
    schoolName: z
      .string()
      .trim()
      .min(limits.schoolName.min, { message: `至少 ${limits.schoolName.min} 个字符` })
      .max(limits.schoolName.max),
    committeeName: z.string().trim().min(2).max(limits.orgName.max),
    adminPassword: z.string().min(1, { message: '请输入管理员密码' }).max(limits.password.max),
    /** 启用日期: today when omitted; may be earlier (records moved in), never later. */
    goLiveDate: isoDate.optional(),
  }),
  z.strictObject({ mode: z.literal('demo') }),
]);
export type SetupBody = z.infer<typeof setupBody>;

export const setupResult = z.object({
  ok: z.literal(true),
  /** Only when the demo was loaded with a generated password: shown once. */
  generatedPassword: z.string().nullable(),
  /**
   * Own college only: the 安全管理员 and 审计员 accounts set up beside `admin` (三员分立), each with a
   * one-time password shown once, to be handed to the person holding the role.
   */
  initialAccounts: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      temporaryPassword: z.string(),
    }),
  ),
  /** Own college: the administrator, signed in (the session cookie is set); null for the demo. */
  me: meSchema.nullable(),
});
/** A 三员 account made at set-up, with its one-time password. */
export type InitialAccount = z.infer<typeof setupResult>['initialAccounts'][number];

/** One step of a new school's set-up (the administrator's checklist). */
export const setupChecklistStep = z.object({
  key: z.enum(['go_live', 'org_tree', 'teams', 'roster', 'accounts', 'rules']),
  title: z.string(),
  detail: z.string(),
  done: z.boolean(),
  /** Where it is done (a path of the web app). */
  link: z.string(),
});
export const setupChecklist = z.object({
  steps: z.array(setupChecklistStep),
  done: z.number(),
  total: z.number(),
});
export type SetupChecklist = z.infer<typeof setupChecklist>;
