import { buildApp, findingsProviders } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { installAuditKeyring, loadAuditKeyring } from './http/audit-keyring.ts';
import { createClock, createOffsetClock } from './http/clock.ts';
import { registerFindingsProviders } from './http/findings.ts';
import { tuneHeap } from './memory.ts';
import { getInstitution } from './modules/setup/repo.ts';
import { setupDemoCollege } from './modules/setup/service.ts';

/** Starts the platform: database (embedded unless DATABASE_URL), migrations, optional demo, HTTP. */
async function main(): Promise<void> {
  tuneHeap();
  const config = readConfig();
  const say = (msg: string) => console.log(`[dangjian] ${msg}`);
  // The audit key lives outside the database (DJ_AUDIT_KEY or DATA_DIR/audit-key, 0600); the demo's set-up
  // already writes audit entries, so it is installed before anything else.
  const auditKeys = loadAuditKeyring({ dataDir: config.dataDir, envKey: config.auditKey });
  installAuditKeyring(auditKeys);
  say(`审计密钥：${auditKeys.source}（密钥编号 ${auditKeys.keyId}）`);
  const { db, appUrl, embedded, applied } = await openDatabase(config, say);
  if (applied.length > 0) say(`已执行数据库迁移：${applied.join(', ')}`);

  const clock = config.clockFile ? createOffsetClock(config.clockFile) : createClock();
  if (config.clockFile)
    say(`测试时钟：系统时间加上 ${config.clockFile} 中的天数（及时分）（今天为 ${clock.today()}）`);
  // The demo's set-up evaluates its findings before the app is built.
  registerFindingsProviders(findingsProviders);
  if (config.demo && !(await getInstitution(db))) {
    say('DJ_DEMO=1：正在载入演示学校…');
    const { generatedPassword } = await setupDemoCollege(db, clock, config.adminPassword, null);
    if (generatedPassword) {
      say('══════════════════════════════════════════════');
      say(`演示账号（admin、zzb、zongzhi、zhibu、dangyuan、shenqing 等）的初始密码：${generatedPassword}`);
      say('该密码只显示这一次，首次登录后须修改。');
      say('══════════════════════════════════════════════');
    } else {
      say('演示账号密码为 DJ_ADMIN_PASSWORD 的值');
    }
  }

  const app = await buildApp({
    db,
    clock,
    config: {
      adminPassword: config.adminPassword,
      secureCookies: config.secureCookies,
      loginAttemptsPerMinute: config.loginAttemptsPerMinute,
      webDist: config.webDist,
    },
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    auditKeys,
    notifications: {
      smtpUrl: config.smtpUrl,
      mailFrom: config.mailFrom,
      webhookHosts: config.webhookHosts,
      publicUrl: config.publicUrl,
    },
    background: {
      connectionString: appUrl,
      ...(config.findingsCron ? { findingsCron: config.findingsCron } : {}),
    },
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`收到 ${signal}，正在停止…`);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    try {
      await app.close();
      await db.destroy();
      await embedded?.stop();
      say('已停止');
      process.exit(0);
    } catch (e) {
      console.error(e);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  say(`平台已启动：http://localhost:${config.port}`);
  if (config.hostLimitedForDemo)
    say(
      `DJ_DEMO=1：演示账号共用同一个密码，平台只在本机（${config.host}）监听，其他电脑无法访问；` +
        '如需从其他电脑访问，请设置 HOST=0.0.0.0 并先修改演示账号的密码',
    );
}

main().catch((e: unknown) => {
  console.error('[dangjian] 启动失败：', e instanceof Error ? e.message : e);
  process.exit(1);
});
