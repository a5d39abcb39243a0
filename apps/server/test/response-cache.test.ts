// The serialised-answer cache (http/response-cache.ts) behind GET /api/compliance: the bytes are what the
// response schema encodes, the same under every encoding; a write the matrix reads is seen at once; callers
// with different reach never share an answer; a refusal is not kept.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { complianceMatrixResponse } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let admin: Client;
let secA: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;

beforeAll(async () => {
  t = await createTestApp({ clock: testClock() });
  tree = await t.factory.tree();
  await t.factory.person({ orgId: tree.branchA.id, name: '党员甲' });
  await t.factory.person({ orgId: tree.branchB.id, name: '党员乙' });
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  secA = await t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]);
});
afterAll(() => t.close());

function get(client: Client, url: string, encoding?: string) {
  return t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: client.cookie, ...(encoding ? { 'accept-encoding': encoding } : {}) },
  });
}

describe('cached answers', () => {
  it('sends what the schema encodes, identical as brotli, gzip and plain', async () => {
    const plain = await get(admin, '/api/compliance');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const body = plain.json();
    expect(complianceMatrixResponse.parse(body)).toEqual(body);
    const br = await get(admin, '/api/compliance', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(body);
    const gz = await get(admin, '/api/compliance', 'gzip;q=1, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(body);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
  });

  it('shows a new branch at once, through a write of the API', async () => {
    const before = (await get(admin, '/api/compliance')).json();
    const res = await admin.post('/api/orgs', {
      parentId: tree.general.id,
      type: 'branch',
      category: 'student',
      name: '新建学生党支部',
      foundedOn: '2026-01-10',
    });
    expect(res.statusCode).toBe(201);
    const after = (await get(admin, '/api/compliance')).json();
    expect(after.rows.length).toBe(before.rows.length + 1);
    expect(after.rows.map((r: { orgName: string }) => r.orgName)).toContain('新建学生党支部');
  });

  it('never gives one caller the answer of another with a different reach', async () => {
    const all = (await get(admin, '/api/compliance', 'br')).rawPayload;
    const own = await get(secA, '/api/compliance');
    const rows = own.json().rows as { orgId: number }[];
    expect(rows.every((r) => r.orgId === tree.branchA.id)).toBe(true);
    expect(JSON.parse(brotliDecompressSync(all).toString()).rows.length).toBeGreaterThan(rows.length);
  });

  it('keeps no refusal: out of scope answers 404 every time, in scope 200', async () => {
    expect((await get(secA, `/api/compliance?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
    expect((await get(secA, `/api/compliance?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/compliance?orgId=${tree.branchB.id}`)).statusCode).toBe(200);
  });
});
