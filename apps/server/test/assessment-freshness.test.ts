// A read of a round recomputes only what the records changed (issue 16 review): the board and the scorecard store
// the record generation and the day they had seen with each org's facts (http/findings-store.ts `recordChanges`),
// so a second read of an unchanged round runs no fact SQL; a meeting recorded for one branch recomputes that
// branch on the next read, and only it — also while the write's mark still waits for the findings engine; the
// next day recomputes every open org once. The SQL each read sends is seen at the driver (pg's Client.query).
import type { AssessmentRoundDetail, IndicatorSystemDetail, MetricFact } from '@dangjian/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bringFindingsUpToDate } from '../src/http/findings-store.ts';
import { buildActor } from '../src/http/guard.ts';
import { getRound } from '../src/modules/assessment/service.ts';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

// 2026-12-01, a Tuesday; the round's period is 2026-01-01 to 2026-11-30.
const clock = testClock(new Date('2026-12-01T04:00:00Z'));
const dayMs = 86_400_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Awaited<ReturnType<TestApp['as']>>;
let roundId: number;

// ——— The statements sent to PostgreSQL while recording ———
type Sent = { text: string; values: unknown[] };
let sent: Sent[] | null = null;
const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const originalQuery = clientProto.query;
clientProto.query = function (this: unknown, ...args: unknown[]) {
  if (sent && typeof args[0] === 'string') sent.push({ text: args[0], values: (args[1] as unknown[]) ?? [] });
  return originalQuery.apply(this, args);
};

async function recording<T>(fn: () => Promise<T>): Promise<{ result: T; sent: Sent[] }> {
  sent = [];
  try {
    const result = await fn();
    return { result, sent };
  } finally {
    sent = null;
  }
}

/** The statement computeAssessmentFacts starts with (org metricOrgsOf): the orgs it computes, as sent. */
const computedOrgs = (statements: readonly Sent[]): number[] =>
  statements
    .filter((s) => /"founded_on" from "org" where id = any\(/.test(s.text))
    .flatMap((s) => s.values[0] as number[])
    .sort((a, b) => a - b);
/** Statements reading the records the metrics count (meetings and their attendance, terms, dossiers, …). */
const recordReads = (statements: readonly Sent[]) =>
  statements.filter((s) =>
    /\b(from|join)\s+"?(activity|activity_attendee|term|recruitment_event|rectification_event|supervised_task_event|finding_event)"?\s/i.test(
      s.text,
    ),
  );

const branches = () => [tree.branchA.id, tree.branchB.id, tree.other.id].sort((a, b) => a - b);
const board = async () => {
  const res = await admin.get(`/api/assessments/${roundId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AssessmentRoundDetail;
};
const stored = async () =>
  new Map(
    (
      await t.db
        .selectFrom('org_assessment')
        .select(['org_id', 'facts', 'computed_at', 'facts_day'])
        .where('round_id', '=', roundId)
        .execute()
    ).map((r) => [r.org_id, r]),
  );
const reviewMeetings = (facts: unknown) => (facts as Record<string, MetricFact>).review_meeting_held!.value;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  for (const org of [tree.branchA.id, tree.branchB.id, tree.other.id]) await t.factory.people(org, 3);
  await insertActivity(t.db, { orgId: tree.branchA.id, kind: 'review_meeting', onDate: '2026-05-10' });
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  const system = (
    await admin.post('/api/indicator-systems', { source: 'template', template: 'star_branch', year: 2026 })
  ).json() as IndicatorSystemDetail;
  const res = await admin.post('/api/assessments', {
    systemId: system.id,
    title: '2026年度星级党支部评定',
    periodStart: '2026-01-01',
    periodEnd: '2026-11-30',
    scopeOrgId: tree.committee.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  roundId = (res.json() as AssessmentRoundDetail).id;
});
afterAll(async () => {
  clientProto.query = originalQuery;
  await t?.close();
});

describe('a read recomputes only what changed', () => {
  it('the first read computes every open org; a second read of the unchanged round runs no fact SQL', async () => {
    // The round's creation answered with its board: that read computed and stored what it had seen.
    expect((await stored()).get(tree.branchA.id)!.facts_day).toBe('2026-12-01');
    await t.db
      .updateTable('org_assessment')
      .set({ facts_generation: null })
      .where('round_id', '=', roundId)
      .execute();
    const first = await recording(board);
    expect(first.result.orgs.map((o) => o.status)).toEqual([
      'self_assessment',
      'self_assessment',
      'self_assessment',
    ]);
    expect(computedOrgs(first.sent)).toEqual(branches());
    expect(recordReads(first.sent).length).toBeGreaterThan(3);

    const second = await recording(board);
    expect(computedOrgs(second.sent)).toEqual([]);
    expect(recordReads(second.sent)).toEqual([]);
    expect(second.result.orgs).toEqual(first.result.orgs);
    // The scorecard too.
    const card = await recording(() => admin.get(`/api/assessments/${roundId}/orgs/${tree.branchA.id}`));
    expect(card.result.statusCode).toBe(200);
    expect(recordReads(card.sent)).toEqual([]);
    expect(reviewMeetings((await stored()).get(tree.branchA.id)!.facts)).toBe(1);
  });

  it('a meeting recorded for one branch recomputes that branch on the next read, and only it', async () => {
    const before = await stored();
    expect(reviewMeetings(before.get(tree.branchB.id)!.facts)).not.toBe(1);
    clock.advance(60_000);
    await insertActivity(t.db, { orgId: tree.branchB.id, kind: 'review_meeting', onDate: '2026-06-10' });
    // What the server does right after a write commits: the findings engine consumes the write's marks.
    await bringFindingsUpToDate(t.db, clock, 'test');

    const read = await recording(board);
    expect(computedOrgs(read.sent)).toEqual([tree.branchB.id]);
    const after = await stored();
    expect(reviewMeetings(after.get(tree.branchB.id)!.facts)).toBe(1);
    expect(after.get(tree.branchB.id)!.computed_at).not.toEqual(before.get(tree.branchB.id)!.computed_at);
    for (const id of [tree.branchA.id, tree.other.id])
      expect(after.get(id)!.computed_at).toEqual(before.get(id)!.computed_at);

    const again = await recording(board);
    expect(computedOrgs(again.sent)).toEqual([]);
  });

  it('a write whose mark the findings engine has not consumed yet is read as a change too', async () => {
    const actor = await actorOf([{ role: 'org_admin', orgId: null }]);
    const before = await stored();
    expect(reviewMeetings(before.get(tree.other.id)!.facts)).not.toBe(1);
    await insertActivity(t.db, { orgId: tree.other.id, kind: 'review_meeting', onDate: '2026-07-10' });
    // The service straight away: no engine ran, the mark is pending.
    expect(await t.db.selectFrom('finding_dirty').select('org_id').execute()).toContainEqual({
      org_id: tree.other.id,
    });
    const read = await recording(() => getRound(t.db, actor, roundId, clock.now()));
    expect(computedOrgs(read.sent)).toEqual([tree.other.id]);
    expect(reviewMeetings((await stored()).get(tree.other.id)!.facts)).toBe(1);
    // Once the engine has consumed the mark (a new generation), the org is computed once more, then no more.
    await bringFindingsUpToDate(t.db, clock, 'test');
    expect(computedOrgs((await recording(board)).sent)).toEqual([tree.other.id]);
    expect(computedOrgs((await recording(board)).sent)).toEqual([]);
  });

  it('the next day every open org is computed again once (periods and deadlines end with the day)', async () => {
    const actor = await actorOf([{ role: 'org_admin', orgId: null }]);
    // The service with tomorrow's time and nothing else changed (the nightly findings evaluation not run).
    const tomorrow = new Date(clock.now().getTime() + dayMs);
    const read = await recording(() => getRound(t.db, actor, roundId, tomorrow));
    expect(computedOrgs(read.sent)).toEqual(branches());
    const rows = await stored();
    for (const id of branches()) expect(rows.get(id)!.facts_day).toBe('2026-12-02');
    const again = await recording(() => getRound(t.db, actor, roundId, tomorrow));
    expect(computedOrgs(again.sent)).toEqual([]);
    // Through the API on the clock's next day (its findings evaluated anew): computed again, then not.
    clock.advance(2 * dayMs);
    admin = await t.as([{ role: 'org_admin', orgId: null }]);
    expect(computedOrgs((await recording(board)).sent)).toEqual(branches());
    expect(computedOrgs((await recording(board)).sent)).toEqual([]);
  });

  it('an org the 组织部 approved keeps its score: no read computes it', async () => {
    const actor = await actorOf([{ role: 'org_admin', orgId: null }]);
    await t.db
      .updateTable('org_assessment')
      .set({ status: 'committee_decision', facts_day: null })
      .where('round_id', '=', roundId)
      .where('org_id', '=', tree.other.id)
      .execute();
    const read = await recording(() =>
      getRound(t.db, actor, roundId, new Date(clock.now().getTime() + dayMs)),
    );
    expect(computedOrgs(read.sent)).toEqual([tree.branchA.id, tree.branchB.id].sort((a, b) => a - b));
  });
});

async function actorOf(roles: Parameters<TestApp['factory']['user']>[0]) {
  const user = await t.factory.user(roles);
  return buildActor(
    t.db,
    {
      userId: user.id,
      username: user.username,
      displayName: user.username,
      personId: null,
      mustChangePassword: false,
    },
    { sessionId: 'test', csrfToken: 'test' },
  );
}
