import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let client: Awaited<ReturnType<TestApp['as']>>;
let parentId: number;
beforeAll(async () => {
  t = await createTestApp();
  parentId = (await t.factory.tree()).general.id;
  client = await t.as([{ role: 'org_admin', orgId: null }]);
});
afterAll(() => t.close());

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('org')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const raw = (payload: string, contentType = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url: '/api/orgs',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType },
    payload,
  });

describe('hostile input changes nothing', () => {
  it('malformed JSON → 400 MALFORMED_REQUEST', async () => {
    const before = await count();
    const res = await raw('{"parentId": 1, "type": "branch", "name": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_REQUEST');
    expect(await count()).toBe(before);
  });

  it('oversize body → 413', async () => {
    const res = await raw(JSON.stringify({ parentId, type: 'branch', name: 'x'.repeat(300 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('wrong content type → 415', async () => {
    const res = await raw('name=x', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
  });

  it('wrong types, arrays and nulls → 400 naming the field', async () => {
    for (const body of [
      { parentId, type: 'branch', name: 42 },
      [],
      null,
      { parentId, type: 'nonsense', name: '某支部' },
    ]) {
      const res = await raw(JSON.stringify(body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toHaveProperty('message');
    }
  });

  it('control characters refused; error bodies never leak SQL or stacks', async () => {
    const res = await client.post('/api/orgs', { parentId, type: 'branch', name: 'bad\u0000name' });
    expect(res.statusCode).toBe(400);
    const huge = await client.post('/api/orgs', { parentId: 2 ** 40, type: 'branch', name: '正常名称' });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).not.toMatch(/select|insert|stack|at \//i);
  });
});
