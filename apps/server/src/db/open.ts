// Start-up's database step: which server, which roles, migrations as the owner, the app's connection.
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { connect, ensureDatabase, withDatabase } from './connect.ts';
import { type EmbeddedServer, embeddedRoles, startEmbeddedPostgres } from './embedded.ts';
import { grantJobQueueRights, jobQueueInstalled, migrateJobQueue } from './job-queue.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import {
  checkAppRole,
  currentRole,
  defaultRoleNames,
  ensureRoles,
  externalSetupSql,
  grantAppRights,
  prepareDatabase,
  type RoleProblem,
  urlAs,
} from './roles.ts';
import type { Database } from './schema.ts';

/** The app's pool (and its URL, for the job queue and the change listener), the embedded server if one was started, and the migrations just applied. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  appUrl: string;
  embedded: EmbeddedServer | null;
  applied: string[];
}

const problemLabels = {
  superuser: ['超级用户', 'superuser'],
  createdb: ['可创建数据库', 'CREATEDB'],
  createrole: ['可创建角色', 'CREATEROLE'],
  bypassrls: ['可绕过行级安全策略', 'BYPASSRLS'],
  owns_database: ['数据库的所有者', 'owner of the database'],
  owns_schema: ['模式 public 的所有者', 'owner of schema public'],
  owns_tables: ['数据表的所有者', 'owner of the tables'],
  audit_writable: ['可修改或删除审计日志', 'may change the audit log'],
} satisfies Record<RoleProblem, [string, string]>;

/**
 * The refusal printed when DATABASE_URL's role could switch off the audit log's protection: what is wrong,
 * the SQL that fixes it, and the override (Chinese, then English).
 */
export function privilegedRoleMessage(role: string, problems: readonly RoleProblem[]): string {
  const zh = problems.map((p) => problemLabels[p][0]).join('、');
  const en = problems.map((p) => problemLabels[p][1]).join(', ');
  const { owner, app } = defaultRoleNames;
  return [
    `数据库角色 “${role}” 权限过大（${zh}）：持有其密码的人可以关闭审计日志的防篡改保护。平台拒绝以该角色运行。`,
    '请由数据库管理员以超级用户执行以下 SQL（见 README“外部 PostgreSQL 的数据库角色”），创建所有者与应用两个角色：',
    '',
    externalSetupSql(),
    '',
    `然后设置 DATABASE_URL=postgres://${app}:应用密码@主机:5432/dangjian（平台日常使用）和`,
    `DATABASE_OWNER_URL=postgres://${owner}:所有者密码@主机:5432/dangjian（只用于建表与迁移），再启动平台。`,
    '如确需以当前角色运行，可设置 DJ_ALLOW_SUPERUSER=1（不推荐）。',
    '',
    `The database role "${role}" is too powerful (${en}): whoever holds its password can switch off the audit`,
    'log’s tamper protection, so the platform refuses to run with it. Have a superuser run the SQL above (README,',
    '"Database roles for an external PostgreSQL"), then set DATABASE_URL to the app role and DATABASE_OWNER_URL to',
    'the owner role (used for migrations only). To run with this role anyway, set DJ_ALLOW_SUPERUSER=1 (not',
    'recommended).',
  ].join('\n');
}

/** Migrates as the owner and (re)grants the app role its rights; returns the migrations applied. */
async function migrateAsOwner(ownerUrl: string, appRole: string): Promise<string[]> {
  const ownerDb = connect(ownerUrl, 2);
  try {
    const applied = await migrateToLatest(ownerDb);
    await migrateJobQueue(ownerUrl);
    if ((await currentRole(ownerDb)) !== appRole) {
      await grantAppRights(ownerDb, appRole);
      await grantJobQueueRights(ownerDb, appRole);
    }
    return applied;
  } finally {
    await ownerDb.destroy();
  }
}

/**
 * Opens the database the platform runs on. Embedded: starts it, makes sure of the owner and app roles and
 * of the owner's ownership of everything (data folders of earlier versions), migrates as the owner and
 * connects as the app. External: DATABASE_URL is the app's role and DATABASE_OWNER_URL the owner's; a
 * DATABASE_URL role that is a superuser or owner is refused unless DJ_ALLOW_SUPERUSER=1.
 */
export async function openDatabase(config: Config, say: (msg: string) => void): Promise<OpenedDatabase> {
  if (!config.databaseUrl) {
    const embedded = await startEmbeddedPostgres({
      dir: config.dataDir,
      port: config.embeddedPgPort,
      log: say,
    });
    try {
      const roles = embeddedRoles(config.dataDir);
      await ensureRoles(embedded.adminUrl, roles);
      await ensureDatabase(embedded.adminUrl, 'dangjian', undefined, roles.owner.name);
      const url = withDatabase(embedded.adminUrl, 'dangjian');
      await prepareDatabase(url, roles);
      const applied = await migrateAsOwner(urlAs(url, roles.owner), roles.app.name);
      const appUrl = urlAs(url, roles.app);
      const db = connect(appUrl, 20);
      const problems = await checkAppRole(db);
      if (problems.length > 0) throw new Error(privilegedRoleMessage(roles.app.name, problems));
      say(
        `内置 PostgreSQL 已启动（数据库文件位于 ${embedded.pgdata}，端口 ${embedded.port}）；` +
          `平台以受限角色 ${roles.app.name} 连接，表结构归 ${roles.owner.name} 所有`,
      );
      return { db, appUrl, embedded, applied };
    } catch (e) {
      await embedded.stop();
      throw e;
    }
  }

  const db = connect(config.databaseUrl, 20);
  try {
    const role = await currentRole(db);
    const problems = await checkAppRole(db);
    if (problems.length > 0) {
      if (!config.allowSuperuser) throw new Error(privilegedRoleMessage(role, problems));
      say(
        `警告：DJ_ALLOW_SUPERUSER=1，平台以权限过大的数据库角色 “${role}” 运行（${problems
          .map((p) => problemLabels[p][0])
          .join(
            '、',
          )}），审计日志的防篡改保护可被该角色关闭。/ Warning: running as the privileged role "${role}".`,
      );
    }
    let applied: string[];
    if (config.databaseOwnerUrl) {
      applied = await migrateAsOwner(config.databaseOwnerUrl, role);
      say(
        `使用外部 PostgreSQL：平台以角色 ${role} 连接（DATABASE_URL），迁移由 DATABASE_OWNER_URL 的角色执行`,
      );
    } else if (problems.length > 0) {
      applied = await migrateToLatest(db);
      await migrateJobQueue(config.databaseUrl);
      say(`使用外部 PostgreSQL（DATABASE_URL，角色 ${role}）`);
    } else {
      const pending = await pendingMigrations(db);
      if (!(await jobQueueInstalled(db))) pending.push('graphile_worker');
      if (pending.length > 0)
        throw new Error(
          `数据库需要执行迁移（${pending.join(', ')}），但角色 “${role}” 无权建表：请设置 DATABASE_OWNER_URL` +
            '（数据库对象所有者的连接，见 README“外部 PostgreSQL 的数据库角色”）。\n' +
            `The database needs migrations (${pending.join(', ')}) that the role "${role}" may not run: set ` +
            'DATABASE_OWNER_URL to the owner role (README, "Database roles for an external PostgreSQL").',
        );
      applied = [];
      say(`使用外部 PostgreSQL：平台以角色 ${role} 连接（DATABASE_URL），表结构已是最新`);
    }
    return { db, appUrl: config.databaseUrl, embedded: null, applied };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}
