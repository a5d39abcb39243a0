/**
 * The demo's 中层干部 roster (issue 18 item 9, roster part): posts in every unit with three years of history,
 * 交叉任职 of 党总支书记 as 副院长, 交流/轮岗 with their records, posts ended by 免职 and 退休, some in 试用期, the planted
 * term and rotation cases (one due at 10 years, two within the 6-month reminder, a term ending) and their findings,
 * read by the 组织部 and 校领导 only; the same plan for the same seed and day.
 */
import type { CadreDetail, CadreItem } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantCadres } from '../src/demo/cadres.ts';
import { defaultDemoSeed } from '../src/demo/generate.ts';
import { evaluateAllFindings } from '../src/http/findings-store.ts';
import { createDemoTestApp, demoPassword, type TestApp, testClock } from './helpers.ts';

const at = new Date('2026-12-06T02:00:00Z');
let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;
let leader: Client;
let zhibu: Client;

beforeAll(async () => {
  t = await createDemoTestApp(at);
  [zzb, leader, zhibu] = await Promise.all([
    t.login('zzb', demoPassword),
    t.login('leader', demoPassword),
    t.login('zhibu', demoPassword),
  ]);
}, 120_000);
afterAll(() => t.close());

async function all(client: Client, q = ''): Promise<{ items: CadreItem[]; total: number }> {
  const res = await client.get(`/api/cadres?pageSize=100&page=1${q}`);
  expect(res.statusCode, res.body).toBe(200);
  const first = res.json() as { items: CadreItem[]; total: number };
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++)
    items.push(
      ...((await client.get(`/api/cadres?pageSize=100&page=${page}${q}`)).json() as { items: CadreItem[] })
        .items,
    );
  return { items, total: first.total };
}

describe('the demo’s cadre roster', () => {
  it('has the posts of every unit with three years of history', async () => {
    const { items } = await all(zzb);
    const current = items.flatMap((i) => i.currentPosts);
    const units = await t.db.selectFrom('unit').select('id').execute();
    expect(new Set(current.map((p) => p.unitId)).size).toBe(units.length);
    expect(current.length).toBeGreaterThan(130);
    const posts = await t.db
      .selectFrom('cadre_post')
      .select(['end_on', 'end_reason', 'level', 'track'])
      .execute();
    console.info(
      `demo cadres: ${items.length} cadres, ${current.length} current posts, ${posts.length} in all`,
    );
    expect(posts.length).toBeGreaterThanOrEqual(230);
    const ended = posts.filter((p) => p.end_on !== null);
    for (const reason of ['交流', '轮岗', '免职', '退休', '连任'])
      expect(
        ended.some((p) => p.end_reason!.includes(reason)),
        reason,
      ).toBe(true);
    expect(ended.every((p) => p.end_on! >= '2023-12-06' || p.end_reason!.includes('连任'))).toBe(true);
    for (const level of ['principal', 'deputy']) expect(posts.some((p) => p.level === level)).toBe(true);
    for (const track of ['party', 'admin', 'both']) expect(posts.some((p) => p.track === track)).toBe(true);
    expect((await all(zzb, '&probation=true')).total).toBeGreaterThan(3);
    expect(await t.db.selectFrom('cadre_rotation').select('id').execute()).not.toHaveLength(0);
  });

  it('every other 党总支书记 is also 副院长 (交叉任职), the 党总支’s own secretary', async () => {
    const { items } = await all(zzb);
    const both = items.filter(
      (i) =>
        i.concurrent &&
        i.currentPosts.some((p) => p.title === '党总支书记') &&
        i.currentPosts.some((p) => p.title === '副院长'),
    );
    expect(both.length).toBeGreaterThanOrEqual(3);
    const secretaries = await t.db
      .selectFrom('appointment as a')
      .innerJoin('org as o', 'o.id', 'a.org_id')
      .select('a.person_id')
      .where('o.type', '=', 'general_branch')
      .where('a.post', '=', 'secretary')
      .where('a.end_date', 'is', null)
      .execute();
    const ids = new Set(secretaries.map((s) => s.person_id));
    expect(both.every((b) => ids.has(b.personId))).toBe(true);
  });

  it('plants one due at 10 years, two within the reminder and a term ending — findings on the 党委', async () => {
    const { items } = await all(zzb);
    const posts = items.flatMap((i) => i.currentPosts.map((p) => ({ ...p, cadreId: i.id })));
    expect(posts.filter((p) => p.rotation === 'due')).toHaveLength(1);
    expect(posts.filter((p) => p.rotation === 'reminder')).toHaveLength(2);
    expect(posts.filter((p) => p.term === 'ending').length).toBeGreaterThanOrEqual(1);
    const due = posts.find((p) => p.rotation === 'due')!;
    const file = (await zzb.get(`/api/cadres/${due.cadreId}`)).json() as CadreDetail;
    expect(file.posts.filter((p) => p.title === due.title && p.unitId === due.unitId)).toHaveLength(2);
    expect(due.consecutiveTerms).toBe(2);
    await evaluateAllFindings(t.db, testClock(at), 'test');
    const rules = (
      await t.db.selectFrom('finding').select(['rule_id']).where('state', '<>', 'resolved').execute()
    ).map((f) => f.rule_id);
    expect(rules.filter((r) => r === 'cadre.rotation_due')).toHaveLength(1);
    expect(rules.filter((r) => r === 'cadre.rotation_soon')).toHaveLength(2);
    const inbox = (await zzb.get('/api/inbox')).json() as { items: { kind: string }[] };
    expect(inbox.items.filter((i) => i.kind === 'cadre.rotation')).toHaveLength(3);
  });

  it('is read by the 校领导, not by a branch secretary', async () => {
    expect((await leader.get('/api/cadres')).statusCode).toBe(200);
    expect((await zhibu.get('/api/cadres')).statusCode).toBe(403);
  });

  it('most cadres reach 90 学时 through the year’s online course; the same seed and day plant the same roster', async () => {
    const short = (
      await zzb.get('/api/training-hours?trainingClass=cadre&deficit=true&pageSize=1')
    ).json() as {
      total: number;
    };
    const cadres = (await zzb.get('/api/training-hours?trainingClass=cadre&pageSize=1')).json() as {
      total: number;
    };
    console.info(`cadre training deficits: ${short.total} of ${cadres.total}`);
    expect(cadres.total).toBeGreaterThan(50);
    expect(short.total).toBeGreaterThan(0);
    expect(short.total / cadres.total).toBeLessThan(0.35);

    const snapshot = async () =>
      (
        await t.db
          .selectFrom('cadre_post as cp')
          .innerJoin('cadre as c', 'c.id', 'cp.cadre_id')
          .select(['c.person_id', 'cp.unit_id', 'cp.title', 'cp.start_on', 'cp.end_on', 'cp.end_reason'])
          // The posts 选拔任用 wrote at 任职 are the appointments demo's, planted after the roster.
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('cadre_appointment as a').select('a.id').whereRef('a.cadre_post_id', '=', 'cp.id'),
              ),
            ),
          )
          .orderBy('c.person_id')
          .orderBy('cp.start_on')
          .orderBy('cp.title')
          .execute()
      ).map((r) => JSON.stringify(r));
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(150);
    // The rotations are append-only for the app, and the yearly reviews refer to the cadres: the superuser clears
    // the roster and what refers to it (this file's own copy of the demo; the last test of the file).
    await sql`truncate cadre_rotation, cadre_post, cadre cascade`.execute(t.adminDb);
    await t.db.deleteFrom('external_training').where('title', 'like', '%干部网络学院%').execute();
    const plan = await plantCadres(t.db, testClock(at), defaultDemoSeed);
    expect(await snapshot()).toEqual(before);
    expect(plan.rotationDue).toHaveLength(1);
    expect(plan.rotationSoon).toHaveLength(2);
  });
});
