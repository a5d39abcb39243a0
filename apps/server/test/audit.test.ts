import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/modules/audit/service.ts';
import { createTestApp, type TestApp } from './helpers.ts';

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
