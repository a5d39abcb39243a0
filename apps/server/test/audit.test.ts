import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry, appendAuditEntryAlone, type NewAuditEntry } from '../src/http/audit-append.ts';
import { entryMac } from '../src/http/audit-chain.ts';
import { verifyAudit } from '../src/modules/audit/service.ts';
import { createTestApp, type TestApp, testAuditKeys } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.factory.tree();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records who, when, from where, what, before and after for a write', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const units = await admin.post('/api/units', { name: '经济管理学院', kind: 'college' });
    expect(units.statusCode).toBe(201);
    const row = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'unit.create')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_name: admin.me!.user.username,
      outcome: 'success',
      target_type: 'unit',
      ip: '127.0.0.1',
    });
    expect(row.after).toMatchObject({ name: '经济管理学院' });
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`update audit_log set summary = 'x'`.execute(t.adminDb)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.adminDb)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.adminDb)).rejects.toThrow(/append-only/);
  });

  it('the auditor browses and filters it; the system administrator cannot', async () => {
    const auditor = await t.as([{ role: 'auditor', orgId: null }]);
    const res = await auditor.get('/api/audit-log?action=unit.create');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items[0].actionLabel).toBe('新建单位');
    const failures = (await auditor.get('/api/audit-log?outcome=failure')).json();
    expect(failures.items.every((i: { outcome: string }) => i.outcome === 'failure')).toBe(true);
    const today = (await auditor.get('/api/audit-log?from=2000-01-01&to=2100-01-01')).json();
    expect(today.total).toBeGreaterThan(0);

    const sys = await t.as([{ role: 'sys_admin', orgId: null }]);
    expect((await sys.get('/api/audit-log')).statusCode).toBe(403);
    expect((await sys.post('/api/audit-log/verify')).statusCode).toBe(403);
    // The refused attempt is itself on record.
    const denied = (await auditor.get('/api/audit-log?action=access.denied')).json();
    expect(denied.items.some((i: { actorName: string }) => i.actorName === sys.me!.user.username)).toBe(true);
  });

  it('the auditor changes nothing', async () => {
    const auditor = await t.as([{ role: 'auditor', orgId: null }]);
    expect((await auditor.post('/api/units', { name: '审计员建的单位', kind: 'college' })).statusCode).toBe(
      403,
    );
    expect(
      (
        await auditor.put('/api/settings/security', {
          passwordMinLength: 8,
          passwordMinClasses: 3,
          lockoutThreshold: 5,
          lockoutMinutes: 15,
          idleTimeoutMinutes: 30,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('verify finds an intact chain, and the first tampered entry after a superuser edit', async () => {
    const auditor = await t.as([{ role: 'auditor', orgId: null }]);
    const ok = (await auditor.post('/api/audit-log/verify')).json();
    expect(ok).toMatchObject({ ok: true, firstBrokenId: null });
    expect(ok.checked).toBeGreaterThan(3);

    const victim = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'unit.create')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.adminDb);
    await sql`update audit_log set summary = '篡改' where id = ${victim.id}`.execute(t.adminDb);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.adminDb);
    const broken = await verifyAudit(t.db, t.clock.now());
    expect(broken.ok).toBe(false);
    expect(broken.firstBrokenId).toBe(Number(victim.id));
  });
});

// An append computes its MAC on the head this process wrote last, and the insert checks that guess against the head
// under the chain lock (http/audit-append.ts): these are the cases where the guess is wrong, and the burst.
describe('appending to the chain', () => {
  // A database of its own: the chain above has an entry edited on purpose.
  let u: TestApp;
  beforeAll(async () => {
    u = await createTestApp();
  });
  afterAll(() => u.close());
  const entry = (summary: string): NewAuditEntry => ({
    actorId: null,
    actorName: 'tester',
    ip: '127.0.0.1',
    action: 'auth.login',
    targetType: null,
    targetId: null,
    summary,
    before: null,
    after: null,
    outcome: 'success',
  });
  const head = () =>
    u.db
      .selectFrom('audit_log')
      .select(['id', 'hash', 'prev_hash', 'summary'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  const count = async () =>
    Number(
      (
        await u.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The whole chain verifies, and the entries after `from` follow each other; returns how many there are. */
  const verifiedFrom = async (from: { id: string; hash: string }) => {
    expect(await verifyAudit(u.db, u.clock.now())).toMatchObject({ ok: true, firstBrokenId: null });
    const rows = await u.db
      .selectFrom('audit_log')
      .select(['hash', 'prev_hash'])
      .where('id', '>', from.id)
      .orderBy('id')
      .execute();
    let prev = from.hash;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      prev = row.hash;
    }
    return rows.length;
  };

  it('50 appends at once form one chain, each entry on the one before it', async () => {
    await appendAuditEntryAlone(u.db, entry('起点'));
    const start = await head();
    const before = await count();
    await Promise.all(Array.from({ length: 50 }, (_, i) => appendAuditEntryAlone(u.db, entry(`并发 ${i}`))));
    expect(await count()).toBe(before + 50);
    expect(await verifiedFrom(start)).toBe(50);
  });

  it('an entry whose transaction rolled back is not in the chain, and the next follows the committed head', async () => {
    const committed = await head();
    await expect(
      u.db.transaction().execute(async (trx) => {
        await appendAuditEntry(trx, entry('回滚的记录'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // This process guessed the rolled-back entry as the head: the insert finds the real one and chains to it.
    const id = await appendAuditEntryAlone(u.db, entry('回滚之后'));
    expect(await head()).toMatchObject({ id, prev_hash: committed.hash, summary: '回滚之后' });
    expect(await verifiedFrom(committed)).toBe(1);
  });

  it('an entry another process appended is followed, not forked from', async () => {
    const start = await head();
    // Another process's append: chained by hand on the head, with the key.
    const at = new Date();
    const fields = { ...entry('另一个进程的记录'), at };
    const hash = entryMac(testAuditKeys().key, start.hash, fields);
    await u.db
      .insertInto('audit_log')
      .values({
        at,
        actor_id: null,
        actor_name: fields.actorName,
        ip: fields.ip,
        action: fields.action,
        target_type: null,
        target_id: null,
        summary: fields.summary,
        before: JSON.stringify(null),
        after: JSON.stringify(null),
        outcome: 'success',
        prev_hash: start.hash,
        hash,
        key_id: testAuditKeys().keyId,
      })
      .execute();
    await appendAuditEntryAlone(u.db, entry('本进程的记录'));
    expect(await head()).toMatchObject({ prev_hash: hash, summary: '本进程的记录' });
    expect(await verifiedFrom(start)).toBe(2);
  });
});
