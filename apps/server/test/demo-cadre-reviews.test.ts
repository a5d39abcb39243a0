/**
 * The demo's 中层干部年度考核 step (demo/cadre-reviews.ts) on a small roster of its own (the roster's demo is another
 * step): last year's round published with 优秀 within the quota, the planted 基本称职 with its 黄牌 in the history;
 * this year's round in 民主测评 with some votes cast and the demo accounts leader and zzb still to vote; nothing at all
 * without cadres. Every grade is the one core's rule computes from the stored tally, or an override with its reason.
 */
import { cadreExcellentQuota, combineCadreReview } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantCadreReviews } from '../src/demo/cadre-reviews.ts';
import { getReviewDetail } from '../src/modules/cadre-reviews/service.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

const clock = testClock(new Date('2026-12-06T04:00:00Z'));
let t: TestApp;
let zzbPerson: number;
let leaderPerson: number;

beforeAll(async () => {
  t = await createTestApp({ clock });
  const tree = await t.factory.tree();
  zzbPerson = await t.factory.person({ orgId: tree.branchA.id, name: '组织部干事' });
  leaderPerson = await t.factory.person({ orgId: tree.other.id, name: '党委书记' });
  await t.factory.user([{ role: 'org_admin', orgId: null }], { personId: zzbPerson, username: 'zzb' });
  await t.factory.user([{ role: 'school_leader', orgId: null }], {
    personId: leaderPerson,
    username: 'leader',
  });
});
afterAll(() => t.close());

describe('demo: 中层干部年度考核', () => {
  it('plants nothing without a roster', async () => {
    expect(await plantCadreReviews(t.db, clock, 7)).toBeNull();
    expect(await t.db.selectFrom('cadre_review').select('id').execute()).toEqual([]);
  });

  it('last year complete within the quota with one 黄牌; this year in 民主测评, leader and zzb still to vote', async () => {
    const unit = (
      await t.db
        .insertInto('unit')
        .values({ name: '机电工程学院', kind: 'college' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const tree = await t.factory.tree();
    for (let i = 0; i < 12; i++) {
      const personId = await t.factory.person({ orgId: tree.branchB.id, name: `干部${i + 1}` });
      const cadre = await t.db
        .insertInto('cadre')
        .values({ person_id: personId, note: null, updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('cadre_post')
        .values({
          cadre_id: cadre.id,
          unit_id: unit,
          title: i % 2 ? '副院长' : '院长',
          level: i % 2 ? 'deputy' : 'principal',
          track: 'admin',
          start_on: '2022-09-01',
        })
        .execute();
    }
    const plan = await plantCadreReviews(t.db, clock, 7);
    expect(plan).not.toBeNull();
    const actor = {
      permissions: new Set(['cadre:file:view', 'cadre:file:manage']),
    } as unknown as Parameters<typeof getReviewDetail>[1];
    const last = await getReviewDetail(t.db, actor, plan!.lastId, clock.now());
    expect(last.status).toBe('published');
    expect(last.year).toBe(2025);
    expect(last.graded).toBe(12);
    expect(last.excellent).toBeLessThanOrEqual(cadreExcellentQuota(12, 20));
    for (const s of last.subjects) {
      const c = combineCadreReview(last.rule, s.votes!.counts, s.evaluationScore);
      if (!c.ok || c.grade !== s.grade) expect(s.overrideReason).toBeTruthy();
    }
    const yellow = last.subjects.find((s) => s.cadreId === plan!.yellowCardCadreId)!;
    expect(yellow.grade).toBe('basically_competent');
    expect(yellow.dueConsequences).toEqual([
      expect.objectContaining({ kind: 'yellow_card', recorded: true }),
    ]);

    const current = await getReviewDetail(t.db, actor, plan!.currentId, clock.now());
    expect(current.status).toBe('voting');
    expect(current.year).toBe(2026);
    const cast = current.ballots[0]!.cast;
    expect(cast).toBeGreaterThan(0);
    expect(cast).toBeLessThan(current.voters);
    expect(current.subjects.find((s) => s.cadreId === plan!.yellowCardCadreId)!.previousGrade).toBe(
      'basically_competent',
    );
    const unvoted = await t.db
      .selectFrom('ballot_voter')
      .select('person_id')
      .where('ballot_id', '=', current.ballots[0]!.id)
      .where('voted_at', 'is', null)
      .execute();
    expect(unvoted.map((v) => v.person_id)).toEqual(expect.arrayContaining([zzbPerson, leaderPerson]));
  });
});
