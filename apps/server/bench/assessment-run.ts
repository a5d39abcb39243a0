// `node --import tsx apps/server/bench/assessment-run.ts`: the assessment case of the bench alone (assessment.ts),
// on a college BENCH_SCALE (default 10) times the demo's size, with its findings evaluated first (they are facts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { findingsProviders } from '../src/app.ts';
import { connect, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateCollege } from '../src/demo/generate.ts';
import { loadCollege } from '../src/demo/load.ts';
import { createClock } from '../src/http/clock.ts';
import { registerFindingsProviders } from '../src/http/findings.ts';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { benchAssessment, benchBoardReads } from './assessment.ts';

const scale = Number(process.env.BENCH_SCALE ?? 10);
const dir = mkdtempSync(path.join(tmpdir(), 'dj-bench-assessment-'));
const pg = await startEmbeddedPostgres({ dir, port: Number(process.env.BENCH_PG_PORT ?? 54520) });
const clock = createClock();
try {
  await ensureDatabase(pg.adminUrl, 'bench_assessment');
  const db = connect(withDatabase(pg.adminUrl, 'bench_assessment'), 20);
  await migrateToLatest(db);
  const t0 = performance.now();
  const data = generateCollege({ scale, today: clock.today() });
  const hash = await hashPassword('Bench-Pass-2026!');
  await db
    .transaction()
    .execute((trx) =>
      loadCollege(trx, data, { passwordHash: hash, mustChangePassword: false, isDemo: true }),
    );
  await sql`analyze`.execute(db);
  registerFindingsProviders(findingsProviders);
  await evaluateAllFindings(db, clock, 'bench');
  console.log(
    `loaded scale ${scale}: ${data.orgs.length} orgs, ${data.people.length} people, findings evaluated in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  console.table(await benchAssessment(db, clock.today()));
  console.table(await benchBoardReads(db, clock));
  await db.destroy();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
