// Incremental evaluation on the demo college: re-evaluating the orgs a change touches finds exactly what a
// full evaluation finds on them; after any sequence of writes the findings table equals a full evaluation;
// and a process killed with SIGKILL in the middle of writing and re-evaluating leaves nothing half done. The demo's
// rectification items are among the findings (linked to the findings they came from) and in each role's 待办.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { findingKey, type InboxResponse } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFindings, type ProvidedFinding } from '../src/http/findings.ts';
import { affectedOrgs, processMarks } from '../src/http/findings-store.ts';
import { randomWrite, seeded } from './fixtures/findings-churn.ts';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

let t: TestApp;
const today = () => t.clock.today();
const line = (f: Pick<ProvidedFinding, 'severity' | 'message'> & Parameters<typeof findingKey>[0]) =>
  `${findingKey(f)}|${f.severity}|${f.message}`;

/** The findings table's open findings, as comparable lines. */
async function storedLines(): Promise<string[]> {
  const rows = await t.db
    .selectFrom('finding')
    .select(['key', 'severity', 'message'])
    .where('state', '<>', 'resolved')
    .execute();
  return rows.map((r) => `${r.key}|${r.severity}|${r.message}`).sort();
}
async function fullLines(): Promise<string[]> {
  return (await evaluateFindings(t.db, today(), null)).map(line).sort();
}

beforeAll(async () => {
  t = await createDemoTestApp(new Date('2026-12-06T02:00:00Z'));
}, 120_000);
afterAll(() => t.close());

describe('incremental evaluation', () => {
  it('finds on the affected orgs of any org exactly what the full evaluation finds there', async () => {
    const full = await evaluateFindings(t.db, today(), null);
    expect(full.length).toBeGreaterThan(100);
    const orgs = await t.db.selectFrom('org').select('id').orderBy('id').execute();
    // Every third org: 党委, 总支, branches and 党小组 alike.
    for (const { id } of orgs.filter((_, i) => i % 3 === 0)) {
      const set = await affectedOrgs(t.db, [id]);
      expect(set).toContain(id);
      const part = (await evaluateFindings(t.db, today(), set)).map(line).sort();
      const want = full
        .filter((f) => set.includes(f.orgId))
        .map(line)
        .sort();
      expect(part, `org ${id}`).toEqual(want);
    }
  }, 120_000);

  it('the rectification items of the demo are among the findings and each is re-evaluated where it is', async () => {
    const rules = await t.db
      .selectFrom('finding')
      .select(['rule_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('provider', '=', 'rectification')
      .where('state', '<>', 'resolved')
      .groupBy('rule_id')
      .execute();
    const found = new Set(rules.map((r) => r.rule_id));
    for (const rule of [
      'rectification.overdue',
      'rectification.extended_twice',
      'rectification.verification_late',
    ])
      expect(found, rule).toContain(rule);
    // An item of a branch re-evaluated on its branch's orgs finds what the full evaluation finds there.
    const item = await t.db
      .selectFrom('rectification')
      .select('org_id')
      .where('status', '=', 'submitted')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const set = await affectedOrgs(t.db, [item.org_id]);
    const full = await evaluateFindings(t.db, today(), null);
    expect((await evaluateFindings(t.db, today(), set)).map(line).sort()).toEqual(
      full
        .filter((f) => set.includes(f.orgId))
        .map(line)
        .sort(),
    );
  });

  it("the demo links its items opened from findings, and their findings' histories name them", async () => {
    const items = await t.db
      .selectFrom('rectification as r')
      .leftJoin('finding as f', 'f.id', 'r.finding_id')
      .select(['r.id', 'r.source_ref', 'f.key', 'f.state'])
      .where('r.source', '=', 'finding')
      .execute();
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) {
      expect(item.key, `item ${item.id}`).not.toBeNull();
      expect(item.source_ref).toBeNull();
    }
    const opened = await t.db
      .selectFrom('finding_event')
      .select(['rectification_id'])
      .where('kind', '=', 'rectification_opened')
      .execute();
    expect(opened.map((e) => e.rectification_id).sort((a, b) => a! - b!)).toEqual(
      items.map((i) => i.id).sort((a, b) => a - b),
    );
  });

  it('each demo role finds its rectification work in 待办 on first start', async () => {
    const kinds = async (username: string) => {
      const c = await t.login(username, demoPassword);
      return ((await c.get('/api/inbox')).json() as InboxResponse).items
        .map((i) => i.kind)
        .filter((k) => k.startsWith('rectification.'));
    };
    expect(await kinds('zhibu')).toContain('rectification.returned');
    const zongzhi = await kinds('zongzhi');
    expect(zongzhi.filter((k) => k === 'rectification.verify').length).toBeGreaterThanOrEqual(3);
    expect(zongzhi).toContain('rectification.extension');
    expect(await kinds('zzb')).toContain('rectification.verify');
  });

  it('keeps the findings table equal to a full evaluation through a sequence of writes', async () => {
    expect(await storedLines()).toEqual(await fullLines());
    const rnd = seeded(12);
    for (let i = 0; i < 30; i++) {
      const did = await randomWrite(t.db, rnd, today());
      const rounds = await processMarks(t.db, t.clock, 'test');
      expect(rounds.length, did).toBe(1);
      expect(rounds[0]!.kind, did).toBe('incremental');
      expect(await storedLines(), did).toEqual(await fullLines());
    }
  }, 120_000);

  it('an edit of what no rule reads (phone, education, class…) leaves no mark and moves no finding', async () => {
    await processMarks(t.db, t.clock, 'test');
    const before = await storedLines();
    const marks = () => t.db.selectFrom('finding_dirty').select('id').execute();
    await t.db.transaction().execute(async (trx) => {
      await sql`update person set phone = '13900000000', ethnicity = '回族', education = null, position = '教师',
        title = '讲师', major_id = null, grade = '2026级', class_name = '测试1班', is_mobile = not is_mobile,
        is_abroad = not is_abroad, is_in_hardship = not is_in_hardship, dual_leader_kind = null,
        dual_leader_note = '说明', leave_note = null, version = version + 1, updated_at = now()`.execute(trx);
      await sql`insert into person_event (person_id, kind, on_date, summary)
        select id, 'updated', ${today()}, '修改联系电话' from person where org_id is not null`.execute(trx);
    });
    expect(await marks()).toHaveLength(0);
    expect(await fullLines()).toEqual(before);
    // What a rule reads still marks: a name (the secretary's, on the branch's findings) and a move in.
    await sql`update person set name = name || '′' where id = (select min(person_id) from appointment)`.execute(
      t.db,
    );
    expect((await marks()).length).toBeGreaterThan(0);
    await sql`insert into person_event (person_id, kind, on_date, summary)
      select min(id), 'transferred_in', ${today()}, '转入' from person where org_id is not null`.execute(
      t.db,
    );
    const rounds = await processMarks(t.db, t.clock, 'test');
    expect(rounds.map((r) => r.providers)).toContainEqual(expect.arrayContaining(['org', 'life']));
    expect(await storedLines()).toEqual(await fullLines());
  }, 120_000);

  it('a process killed with SIGKILL while writing and re-evaluating leaves the table consistent', async () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    for (const [seed, afterMs] of [
      [21, 1500],
      [22, 2600],
    ] as const) {
      const child: ChildProcess = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'apps/server/test/fixtures/findings-churn.ts')],
        {
          cwd: root,
          env: {
            ...process.env,
            DJ_CHURN_URL: t.url,
            DJ_CHURN_TODAY: today(),
            DJ_CHURN_NOW: t.clock.now().toISOString(),
            DJ_CHURN_SEED: String(seed),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          if (d.toString().includes('ready')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`churn exited early: ${code}`)));
      });
      const evaluationsBefore = await t.db.selectFrom('finding_evaluation').select('id').execute();
      await new Promise((r) => setTimeout(r, afterMs));
      expect(child.exitCode, 'the churn is still running when killed').toBeNull();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const evaluationsAfter = await t.db.selectFrom('finding_evaluation').select('id').execute();
      expect(evaluationsAfter.length, 'the child evaluated before it was killed').toBeGreaterThan(
        evaluationsBefore.length,
      );

      // Whatever the kill interrupted rolled back: every stored finding has its history, and the marks
      // of committed writes are still there for the next evaluation, which brings the table in line.
      const orphans = await t.db
        .selectFrom('finding as f')
        .select('f.key')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('finding_event as e')
                .select('e.id')
                .whereRef('e.finding_id', '=', 'f.id')
                .where('e.kind', '=', 'appeared'),
            ),
          ),
        )
        .execute();
      expect(orphans).toEqual([]);
      await processMarks(t.db, t.clock, 'test');
      expect(await storedLines(), `seed ${seed}`).toEqual(await fullLines());
    }
  }, 120_000);
});
