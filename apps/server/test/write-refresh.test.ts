// A write's answer waits for the re-evaluation of the findings it touched, but not for ever: when the engine is
// slow (a burst of writes, a long round), the write answers after a bounded wait and its findings follow.
import type { Finding, RuleId } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingsProviders } from '../src/app.ts';
import { type FindingsProvider, registerFindingsProviders } from '../src/http/findings.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let release: () => void = () => {};
let slow = false;
/** The org provider, made to wait for the test's signal while `slow` is set. */
const held: FindingsProvider = {
  ...findingsProviders.find((p) => p.id === 'org')!,
  async evaluate(db, today, orgIds): Promise<Finding<RuleId>[]> {
    if (slow) await new Promise<void>((resolve) => (release = resolve));
    return findingsProviders.find((p) => p.id === 'org')!.evaluate(db, today, orgIds);
  },
};

beforeAll(async () => {
  t = await createTestApp();
  registerFindingsProviders([held, ...findingsProviders.filter((p) => p.id !== 'org')]);
});
afterAll(async () => {
  release();
  registerFindingsProviders(findingsProviders);
  await t.close();
});

describe('a write and its findings', () => {
  it('answers after a bounded wait when the re-evaluation is slow; the findings follow', async () => {
    const tree = await t.factory.tree();
    const person = await t.factory.person({ orgId: tree.branchA.id, name: '王明' });
    const admin = await t.as([{ role: 'org_admin', orgId: null }]);
    const { version } = (await admin.get(`/api/members/${person}`)).json();
    const evaluations = async () =>
      (await t.db.selectFrom('finding_evaluation').select('id').execute()).length;
    const before = await evaluations();

    slow = true;
    const t0 = performance.now();
    // Straight through the app (the test client would first wait for the findings to settle).
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/members/${person}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { name: '王明明', version },
    });
    const took = performance.now() - t0;
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('王明明');
    expect(took).toBeLessThan(5000);
    expect(await evaluations()).toBe(before);

    // Released, the round the write started finishes and is logged.
    slow = false;
    release();
    await expect.poll(evaluations, { timeout: 10_000 }).toBeGreaterThan(before);
  });
});
