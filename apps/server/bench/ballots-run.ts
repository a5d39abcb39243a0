// `node --import tsx apps/server/bench/ballots-run.ts`: the ballot burst alone (ballots.ts) after its baseline, the QR
// sign-in burst (sign-in.ts), on the demo college through the real HTTP server, as `npm run bench` runs them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { connect, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateCollege } from '../src/demo/generate.ts';
import { loadCollege } from '../src/demo/load.ts';
import { createAuditKeyring } from '../src/http/audit-keyring.ts';
import { createClock } from '../src/http/clock.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { benchBallots } from './ballots.ts';
import { benchSignIn } from './sign-in.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dj-bench-ballots-'));
const pg = await startEmbeddedPostgres({ dir, port: Number(process.env.BENCH_PG_PORT ?? 54530) });
const clock = createClock();
try {
  await ensureDatabase(pg.adminUrl, 'bench_ballots');
  const db = connect(withDatabase(pg.adminUrl, 'bench_ballots'), 20);
  await migrateToLatest(db);
  const data = generateCollege({ scale: 1, today: clock.today() });
  const hash = await hashPassword('Bench-Pass-2026!');
  await db
    .transaction()
    .execute((trx) =>
      loadCollege(trx, data, { passwordHash: hash, mustChangePassword: false, isDemo: true }),
    );
  await sql`analyze`.execute(db);
  const app = await buildApp({ db, clock, auditKeys: createAuditKeyring(randomBytes(32), null, 'bench') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const signInRows = await benchSignIn(db, base);
  console.table([...signInRows, ...(await benchBallots(db, base, signInRows))]);
  await app.close();
  await db.destroy();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
