/**
 * The demo college the document check downloads from: a fresh database cloned from the test template
 * (test/global-setup.ts, which also stops the embedded PostgreSQL at the end), the app in-process on it, and
 * the college loaded the way 打开演示学校 loads it (setupDemoCollege: generator, loader, finding history).
 */
import { addDays } from '@dangjian/core';
import { setupDemoCollege } from '../src/modules/setup/service.ts';
import { createTestApp, testClock } from '../test/helpers.ts';

/** The demo accounts' password in this check. */
const password = 'Documents-Check-2026!';

/** The day the demo is generated for: every date in it is relative to this one. */
export const demoDay = '2026-11-18';
/**
 * The check's today, three days after the demo's: no 发展党员 step is recorded after the day the demo was
 * made, so a material that shows this date was dated with the day it was printed, not with its step's.
 */
export const checkDay = addDays(demoDay, 3);

/**
 * The demo accounts the check signs in as (see the README's 演示账号): the 组织部 and a branch secretary may see
 * full ID numbers and phones (member:member:sensitive), the 校领导 may not.
 */
export const accounts = ['zzb', 'leader', 'zhibu'] as const;
export type Account = (typeof accounts)[number];

/** Loads the demo college into a fresh database and signs in as each account. */
export async function openDemoCollege() {
  const clock = testClock(new Date(`${demoDay}T02:00:00Z`));
  const t = await createTestApp({ empty: true, clock });
  try {
    await setupDemoCollege(t.db, clock, password, null);
    clock.set(new Date(`${checkDay}T02:00:00Z`));
    const entries = await Promise.all(accounts.map(async (a) => [a, await t.login(a, password)] as const));
    return { t, clients: Object.fromEntries(entries) as Record<Account, (typeof entries)[number][1]> };
  } catch (e) {
    // The database is dropped even when the demo does not load (an external PostgreSQL keeps it otherwise).
    await t.close().catch(() => {});
    throw e;
  }
}

export type DemoCollege = Awaited<ReturnType<typeof openDemoCollege>>;
export type Client = DemoCollege['clients'][Account];
