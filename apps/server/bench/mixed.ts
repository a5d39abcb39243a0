// The mixed load alone (bench/findings.ts case 5), for working on it: `node --import tsx apps/server/bench/mixed.ts`.
// Keeps its embedded PostgreSQL and the loaded 10× college in BENCH_MIXED_DIR (default a folder under the temp
// directory) so that a second run starts in seconds; BENCH_SERVER_ARGS passes Node flags to the server process
// (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`); BENCH_WRITE_CASE=1 runs the write case first. `npm run bench` runs the
// same cases on a fresh database.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp, findingsProviders } from '../src/app.ts';
import { connect, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateCollege } from '../src/demo/generate.ts';
import { loadCollege } from '../src/demo/load.ts';
import { createAuditKeyring } from '../src/http/audit-keyring.ts';
import { createClock } from '../src/http/clock.ts';
import { registerFindingsProviders } from '../src/http/findings.ts';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { benchMixed, benchWriteRefresh, signIn } from './findings.ts';

const password = 'Bench-Pass-2026!';
const dir = process.env.BENCH_MIXED_DIR ?? path.join(tmpdir(), 'dj-bench-mixed');
const seconds = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const fresh = !existsSync(dir);
mkdirSync(dir, { recursive: true });
const pg = await startEmbeddedPostgres({ dir, port: Number(process.env.BENCH_MIXED_PG_PORT ?? 54510) });
const clock = createClock();
try {
  const url = withDatabase(pg.adminUrl, 'bench_x10');
  await ensureDatabase(pg.adminUrl, 'bench_x10');
  const db = connect(url, 20);
  await migrateToLatest(db);
  registerFindingsProviders(findingsProviders);
  const loaded = await db
    .selectFrom('person')
    .select(db.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (fresh || Number(loaded.n) === 0) {
    const data = generateCollege({ scale: 10, today: clock.today() });
    const hash = await hashPassword(password);
    await db
      .transaction()
      .execute((trx) =>
        loadCollege(trx, data, { passwordHash: hash, mustChangePassword: false, isDemo: true }),
      );
    await sql`analyze`.execute(db);
    console.log(`loaded scale 10: ${data.orgs.length} orgs, ${data.people.length} people`);
  }
  await evaluateAllFindings(db, clock, 'bench');
  if (process.env.BENCH_WRITE_CASE) {
    // The write case (sequential writes with and without findings work) against an in-process app, as run.ts does.
    const app = await buildApp({ db, clock, auditKeys: createAuditKeyring(randomBytes(32), null, 'bench') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    console.table(await benchWriteRefresh(db, base, await signIn(base, 'zhibu', password), 200));
    await app.close();
  }
  console.table(await benchMixed(db, url, password, seconds, Number(process.env.BENCH_CONNECTIONS ?? 20)));
  await db.destroy();
} finally {
  await pg.stop();
}
