import { auditActionLabels, roleDefinitions } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Substitute a plausible id for path parameters. */
const concrete = (url: string) => url.replace(/:(\w+)/g, '1');

describe('route table', () => {
  it('every API route declares a permission, or public/authenticated', () => {
    const undeclared = t.app.routeTable.filter((r) => !r.permission && !r.public && !r.authenticated);
    expect(undeclared).toEqual([]);
    expect(t.app.routeTable.length).toBeGreaterThan(25);
  });

  it('every state-changing route declares its audit action (except login and read-only verify)', () => {
    // QR sign-in is recorded on the attendee row (who, when, 'qr'), not in the serialised audit chain; a
    // message marked read likewise on its own row (read_at), and only its owner can mark it.
    const exempt = new Set([
      'POST /api/auth/login',
      'POST /api/audit-log/verify',
      'POST /api/activities/:id/sign-in',
      'POST /api/notifications/read',
    ]);
    const missing = t.app.routeTable.filter(
      (r) => r.method !== 'GET' && !r.audit && !exempt.has(`${r.method} ${r.url}`),
    );
    expect(missing).toEqual([]);
  });

  it('every declared audit action has its Chinese name (the auditor reads the log in Chinese)', () => {
    const unnamed = [...new Set(t.app.routeTable.flatMap((r) => (r.audit ? [r.audit] : [])))].filter(
      (a) => !(a in auditActionLabels),
    );
    expect(unnamed).toEqual([]);
  });

  it('only health, openapi, setup and login are public', () => {
    const pub = t.app.routeTable
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(pub).toEqual(
      [
        'GET /api/health',
        'GET /api/openapi.json',
        'GET /api/setup/status',
        'POST /api/auth/login',
        'POST /api/setup',
      ].sort(),
    );
  });
});

describe('every protected route', () => {
  it('answers 401 without a session', async () => {
    for (const r of t.app.routeTable.filter((x) => !x.public)) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to a member lacking the permission, before validating the body', async () => {
    const member = await t.as([{ role: 'member', orgId: null }]);
    const memberPerms = new Set<string>(roleDefinitions.member.permissions);
    for (const r of t.app.routeTable.filter((x) => x.permission && !memberPerms.has(x.permission))) {
      const res =
        r.method === 'GET'
          ? await member.get(concrete(r.url))
          : await member[r.method.toLowerCase() as 'post'](concrete(r.url), { junk: true });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    for (const r of t.app.routeTable.filter((x) => !x.public && x.method !== 'GET')) {
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: concrete(r.url),
        headers: { cookie: admin.cookie },
        payload: {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().code).toBe('CSRF_FAILED');
    }
  });
});

describe('public endpoints', () => {
  it('health answers ok once the database answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3 document listing the stable paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/orgs',
      '/api/orgs/{id}',
      '/api/alerts',
      '/api/audit-log',
      '/api/indicator-systems',
      '/api/indicator-systems/{id}',
      '/api/assessments',
      '/api/assessments/{id}',
      '/api/assessments/{id}/orgs/{orgId}',
      '/api/assessments/{id}/orgs/{orgId}/transitions',
      '/api/assessments/{id}/results.xlsx',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/api/orgs'].post.requestBody).toBeDefined();
  });

  it('unknown API paths answer a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
