import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['as']>>;
let unitId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  unitId = (await admin.post('/api/units', { name: '信息工程学院', kind: 'college' })).json().id;
});
afterAll(() => t.close());

const rawPost = (url: string, payload: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    payload,
  });
const unitCount = async () => (await t.db.selectFrom('unit').select('id').execute()).length;

describe('bad input answers 400 naming the field, and is never stored changed', () => {
  it('an empty patch answers 400 至少修改一项 (was an UPDATE with nothing to set: 500)', async () => {
    const res = await admin.patch(`/api/units/${unitId}`, {});
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '至少修改一项' });
    const org = await admin.patch('/api/orgs/1', { version: 0 });
    expect(org.statusCode).toBe(400);
    expect(org.json().message).toBe('至少修改一项');
  });

  it('NUL in a query string answers 400 naming the parameter (was 500)', async () => {
    const res = await admin.get('/api/members?q=ab%00cd');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '关键词：不能包含控制字符' });
  });

  it('a query string that is not UTF-8 answers 400 instead of becoming U+FFFD', async () => {
    const res = await admin.get('/api/members?q=%ED%A0%80');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toBe('关键词：不是有效的 UTF-8 编码');
  });

  it('a lone surrogate in a JSON string answers 400 instead of being stored as U+FFFD', async () => {
    const before = await unitCount();
    const res = await rawPost('/api/units', '{"name":"\\ud800信息学院","kind":"college"}');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toBe('名称：包含无效的 Unicode 字符');
    expect(res.json().details.fields[0].path).toBe('name');
    expect(await unitCount()).toBe(before);
  });

  it('control characters anywhere in a body, even in fields the schema does not know, answer 400', async () => {
    const nested = await rawPost('/api/units', '{"name":"信息学院","kind":"college","x":{"y":["\\u0007"]}}');
    expect(nested.statusCode).toBe(400);
    expect(nested.json().details.fields[0].path).toBe('x.y.0');
    const key = await rawPost('/api/units', '{"na\\u0000me":"信息学院","kind":"college"}');
    expect(key.statusCode).toBe(400);
    expect(key.json().message).toBe('请求体：字段名不能包含控制字符');
  });

  it('a deeply nested body is refused at once (checking it once cost time quadratic in its depth)', async () => {
    const depth = 100_000;
    const started = Date.now();
    const res = await rawPost(
      '/api/units',
      `{"name":"信息学院","kind":"college","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('x：嵌套层级过深');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('tab, line feed and carriage return pass the guard (multi-line text is allowed where the field allows it)', async () => {
    const res = await admin.get('/api/members?q=%E5%BC%A0%09');
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('HEAD answers like GET', () => {
  let web: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    web = mkdtempSync(path.join(tmpdir(), 'dj-web-'));
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>党建</title>');
    app = await buildApp({ db: t.db, config: { webDist: web } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('on every page of the single-page app and on the health check', async () => {
    for (const url of ['/', '/login', '/orgs/12']) {
      const get = await app.inject({ method: 'GET', url });
      const head = await app.inject({ method: 'HEAD', url });
      expect(head.statusCode, `HEAD ${url}`).toBe(get.statusCode);
      expect(head.statusCode, `HEAD ${url}`).toBe(200);
      expect(head.headers['content-type']).toMatch(/^text\/html/);
      expect(head.body).toBe('');
    }
    expect((await app.inject({ method: 'HEAD', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'HEAD', url: '/api/nope' })).statusCode).toBe(404);
  });
});

describe('the OpenAPI document lists the error answers', () => {
  it('with the error schema, and errors of file downloads are still JSON', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const patch = doc.paths['/api/units/{id}'].patch.responses;
    for (const status of ['400', '401', '403', '404', '409', '422']) {
      expect(patch[status]?.content['application/json'].schema.properties.code.enum).toContain('FORBIDDEN');
    }
    const template = doc.paths['/api/members/import/template'].get.responses;
    expect(Object.keys(template['200'].content)).not.toContain('application/json');
    expect(Object.keys(template['401'].content)).toEqual(['application/json']);
    const res = await t.anonymous.get('/api/members/import/template');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });
});
