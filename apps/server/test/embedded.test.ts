import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('embedded PostgreSQL run as root', () => {
  const isRoot = process.getuid?.() === 0;

  it.skipIf(!isRoot)(
    'puts the cluster where the postgres user can reach it when the project is in a closed folder (/root), and says so',
    { timeout: 120_000 },
    async () => {
      // A project under a 0700 folder, like a clone in /root; the system folder stands in for /var/lib/dangjian.
      const closed = mkdtempSync(path.join(tmpdir(), 'dj-closed-'));
      chmodSync(closed, 0o700);
      const systemDir = mkdtempSync(path.join(tmpdir(), 'dj-system-'));
      const data = path.join(closed, 'project', 'data');
      const lines: string[] = [];
      try {
        const server = await startEmbeddedPostgres({
          dir: data,
          port: port + 1,
          systemDir,
          log: (l) => lines.push(l),
        });
        try {
          expect(server.pgdata.startsWith(path.join(systemDir, 'clusters'))).toBe(true);
          expect(readFileSync(path.join(data, 'pg-location'), 'utf8').trim()).toBe(server.pgdata);
          expect(lines.join('\n')).toContain(`数据库文件存放在 ${server.pgdata}`);
          const client = new pg.Client({ connectionString: server.adminUrl });
          await client.connect();
          expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
          await client.end();
        } finally {
          await server.stop();
        }
        // The next start finds the cluster again.
        const again = await startEmbeddedPostgres({ dir: data, port: port + 1, systemDir });
        expect(again.pgdata).toBe(readFileSync(path.join(data, 'pg-location'), 'utf8').trim());
        await again.stop();
      } finally {
        rmSync(closed, { recursive: true, force: true });
        rmSync(systemDir, { recursive: true, force: true });
      }
    },
  );
});
