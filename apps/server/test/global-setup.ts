import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect, dropDatabase, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let embedded: EmbeddedServer | null = null;
let dir: string | null = null;
let adminUrl = '';
const template = `dj_tpl_${process.pid}`;

/**
 * One PostgreSQL for the run: the external one in DATABASE_URL, else an embedded one in a temp
 * folder. A migrated template database lets each test file clone a fresh database in milliseconds.
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    dir = mkdtempSync(path.join(tmpdir(), 'dj-test-pg-'));
    const port = 55000 + (process.pid % 5000);
    embedded = await startEmbeddedPostgres({ dir, port });
    adminUrl = embedded.adminUrl;
  }
  await dropDatabase(adminUrl, template);
  await ensureDatabase(adminUrl, template);
  const db = connect(withDatabase(adminUrl, template), 2);
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
}

export async function teardown(): Promise<void> {
  await dropDatabase(adminUrl, template).catch(() => {});
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
