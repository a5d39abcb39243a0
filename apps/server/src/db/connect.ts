import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

// Calendar days stay 'YYYY-MM-DD' strings: no time zone can shift them.
pg.types.setTypeParser(1082, (v: string) => v);

/** Opens a pooled Kysely connection to `url`. */
export function connect(url: string, max = 10): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'dangjian' });
  // An idle client that loses its server (restart) must not crash the process.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Creates database `name` on the server behind `adminUrl` if it does not exist, owned by `owner` when given
 * (a clone of a template keeps the template's objects, their owners and grants).
 */
export async function ensureDatabase(
  adminUrl: string,
  name: string,
  template?: string,
  owner?: string,
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const ownedBy = owner ? ` owner ${client.escapeIdentifier(owner)}` : '';
      await client.query(
        `create database ${name}${template ? ` template ${template}` : ''}${ownedBy} encoding 'UTF8'`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Drops database `name` if it exists (tests). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // PostgreSQL 12 has no DROP DATABASE … WITH (FORCE): end other sessions first.
    await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`drop database if exists ${name}`);
  } finally {
    await client.end();
  }
}

/** `url` with its database name replaced. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
