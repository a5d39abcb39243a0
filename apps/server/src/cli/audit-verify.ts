// `npm run audit:verify`: recomputes the audit log's hash chain and exits non-zero if it is broken.
// Uses DATABASE_URL, else the embedded database under DATA_DIR (connecting to the running platform's
// server if it is up, or starting it for the check).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import { runningOwner, startEmbeddedPostgres } from '../db/embedded.ts';
import { verifyAuditChain } from '../modules/audit/repo.ts';

const config = readConfig();
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
  const r = await verifyAuditChain(db);
  if (r.ok) console.log(`审计日志完整：已校验 ${r.checked} 条记录`);
  else
    console.error(
      `审计日志已被篡改：第 ${r.firstBrokenId} 条记录 —— ${r.reason}（此前 ${r.checked} 条完好）`,
    );
  process.exitCode = r.ok ? 0 : 2;
} finally {
  await db.destroy();
  await stop();
}
