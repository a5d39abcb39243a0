import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, dropDatabase, ensureDatabase, withDatabase } from '../src/db/connect.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { grantJobQueueRights, migrateJobQueue } from '../src/db/job-queue.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { ensureRoles, grantAppRights, prepareDatabase, urlAs } from '../src/db/roles.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser connection to the server's `postgres` database (creating and tampering). */
    pgAdminUrl: string;
    pgTemplate: string;
    /** The owner and app roles (see db/roles.ts): URLs to the `postgres` database, as for pgAdminUrl. */
    pgOwnerRole: string;
    pgOwnerUrl: string;
    pgAppUrl: string;
  }
}

let embedded: EmbeddedServer | null = null;
let dir: string | null = null;
let adminUrl = '';
const template = `dj_tpl_${process.pid}`;
/** The test server's roles, like the platform's own: the tests run the API as the app role. */
const roles = {
  owner: { name: 'dj_test_owner', password: 'dj-test-owner-Passw0rd' },
  app: { name: 'dj_test_app', password: 'dj-test-app-Passw0rd' },
};

/**
 * One PostgreSQL for the run: the external one in DATABASE_URL (a superuser, which creates the roles), else an
 * embedded one in a temp folder. A template database owned by the owner role, migrated by it and granted to
 * the app role, lets each test file clone a fresh database in milliseconds (with the same owners and grants).
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
  await ensureRoles(adminUrl, roles);
  await dropDatabase(adminUrl, template);
  await ensureDatabase(adminUrl, template, undefined, roles.owner.name);
  await prepareDatabase(withDatabase(adminUrl, template), roles);
  const db = connect(urlAs(withDatabase(adminUrl, template), roles.owner), 2);
  await migrateToLatest(db);
  await migrateJobQueue(urlAs(withDatabase(adminUrl, template), roles.owner));
  await grantAppRights(db, roles.app.name);
  await grantJobQueueRights(db, roles.app.name);
  await db.destroy();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgOwnerRole', roles.owner.name);
  project.provide('pgOwnerUrl', urlAs(adminUrl, roles.owner));
  project.provide('pgAppUrl', urlAs(adminUrl, roles.app));
}

export async function teardown(): Promise<void> {
  // The demo colleges the test files cloned (test/helpers.ts createDemoTestApp), then the template.
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect().catch(() => {});
  const demos = await client
    .query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${template}\\_demo\\_%`,
    ])
    .catch(() => ({ rows: [] }));
  await client.end().catch(() => {});
  for (const { datname } of demos.rows) await dropDatabase(adminUrl, datname).catch(() => {});
  await dropDatabase(adminUrl, template).catch(() => {});
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
