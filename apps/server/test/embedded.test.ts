import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'dj-orphan-'));
const port = 56000 + (process.pid % 3000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(value: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'fixtures/embedded-child.ts'),
        dir,
        String(port),
        value,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    let postmaster = 0;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /written (\d+)/.exec(out);
      if (m && !postmaster) {
        // The write was acknowledged: now kill the owner hard, leaving its postmaster behind.
        postmaster = Number(m[1]);
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && postmaster) resolve(postmaster);
      else reject(new Error(`child exited early: ${code} ${signal}`));
    });
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('embedded PostgreSQL', () => {
  it('recovers the orphan of a kill -9 and keeps every acknowledged write', {
    timeout: 120_000,
  }, async () => {
    const orphan = await runChild('first');
    expect(alive(orphan)).toBe(true);

    const server = await startEmbeddedPostgres({ dir, port });
    expect(alive(orphan)).toBe(false);
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    expect((await client.query('select v from acked')).rows).toEqual([{ v: 'first' }]);
    await client.end();
    await server.stop();
    expect(alive(server.pid)).toBe(false);
  });

  it('starts over a stale pid file whose process is gone', { timeout: 60_000 }, async () => {
    writeFileSync(path.join(dir, 'pg', 'postmaster.pid'), '999999\n/nowhere\n');
    const server = await startEmbeddedPostgres({ dir, port });
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    expect((await client.query('select count(*)::int as n from acked')).rows[0].n).toBe(1);
    await client.end();
    await server.stop();
  });
});
