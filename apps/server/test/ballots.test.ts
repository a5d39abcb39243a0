/**
 * Ballots (投票, issue 17 item 3) through the API and the service the owning modules call: each eligible voter votes
 * once, also under 50 parallel requests of one voter and many voters at once; the stored papers carry no voter
 * identity and no time (read from information_schema); the audit entry of a vote names the ballot, never a choice;
 * nobody sees counts before the ballot closes (by the organiser or at closesAt), the tally equals the papers cast and
 * reaches the voters only once published; paper ballots entered by two different counters count only when both
 * entries match (mismatches listed item by item), voters marked as voting on paper cannot vote on the phone and the
 * papers counted equal the voters marked; out-of-scope ids answer like missing; bad input names the field; the 待办
 * of voters and organisers and the once-only reminder the day before a ballot closes.
 */
import type { BallotDetail, BallotTally, InboxResponse, MyBallot } from '@dangjian/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/http/context.ts';
import {
  closeBallot,
  createBallot,
  getBallotSummary,
  getTally,
  type NewBallot,
  remindClosingBallots,
  storeElapsedCloses,
} from '../src/modules/ballots/service.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

const start = new Date('2026-12-01T02:00:00Z');
const clock = testClock(start);
const hour = 3600_000;
let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let secA: Client;
let secA2: Client;
let secA3: Client;
let otherSec: Client;
let outsider: Client;
let voterIds: number[] = [];
let voters: Client[] = [];
const missingId = 2_000_000_000;

/** The organiser as the owning module's route would pass it (a secretary of branch A). */
function organiserActor(orgId: number): Actor {
  return {
    userId: secA.me!.user.id,
    username: 'secA',
    displayName: '支部书记',
    personId: null,
    mustChangePassword: false,
    grants: [{ role: 'branch_secretary', orgId, orgName: null }],
    permissions: new Set(['ballot:ballot:manage']),
    scope: { kind: 'subtrees', orgIds: [orgId], paths: [tree.branchA.path] },
    sessionId: 'test',
    csrfToken: 'test',
  };
}

async function newBallot(over: Partial<NewBallot> = {}): Promise<number> {
  return t.db.transaction().execute(async (trx) => {
    const { id } = await createBallot(trx, organiserActor(tree.branchA.id), {
      purpose: 'member_appraisal',
      purposeRef: 'member-appraisal-1',
      orgId: tree.branchA.id,
      title: '2026年度软件教工党支部民主评议党员民主测评',
      items: [
        { key: 'person-1', label: '张三' },
        { key: 'person-2', label: '李四' },
      ],
      voterPersonIds: voterIds,
      opensAt: new Date(clock.now().getTime() - hour),
      closesAt: new Date(clock.now().getTime() + 48 * hour),
      ...over,
    });
    return id;
  });
}

/** The same account signed in again (moving the clock hours on ends idle sessions). */
const fresh = (c: Client) => t.login(c.me!.user.username);

/** Back to the start, every client signed in again (sessions idle while the clock moved on have ended). */
async function resetClock(): Promise<void> {
  clock.set(start);
  admin = await fresh(admin);
  secA = await fresh(secA);
  secA2 = await fresh(secA2);
  secA3 = await fresh(secA3);
  otherSec = await fresh(otherSec);
  outsider = await fresh(outsider);
  voters = await Promise.all(voters.map(fresh));
}

const vote = (c: Client, id: number, a: string | null = 'excellent', b: string | null = 'qualified') =>
  c.post(`/api/ballots/${id}/votes`, {
    ballotChoices: [
      { itemKey: 'person-1', choice: a },
      { itemKey: 'person-2', choice: b },
    ],
  });

async function detail(c: Client, id: number): Promise<BallotDetail> {
  const res = await c.get(`/api/ballots/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as BallotDetail;
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  tree = await t.factory.tree();
  voterIds = await t.factory.people(tree.branchA.id, 12);
  [admin, secA, secA2, secA3, otherSec] = await Promise.all([
    t.as([{ role: 'org_admin', orgId: null }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.branchA.id }]),
    t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]),
    t.as([{ role: 'branch_secretary', orgId: tree.other.id }]),
  ]);
  voters = await Promise.all(voterIds.map((p) => t.as([{ role: 'member', orgId: null }], { personId: p })));
  const stranger = await t.factory.person({ orgId: tree.branchB.id });
  outsider = await t.as([{ role: 'member', orgId: null }], { personId: stranger });
});
afterAll(() => t.close());

describe('the stored ballot is not linked to the voter', () => {
  it('no table holding choices has a column naming a person, account, user or voter, or a time', async () => {
    const cols = await t.adminDb
      .selectFrom('information_schema.columns' as never)
      .select(['table_name', 'column_name', 'data_type'] as never[])
      .where('table_schema' as never, '=', 'public' as never)
      .where('table_name' as never, 'in', ['ballot_paper', 'ballot_paper_entry'] as never)
      .execute();
    const rows = cols as unknown as { table_name: string; column_name: string; data_type: string }[];
    expect(new Set(rows.map((r) => r.table_name))).toEqual(new Set(['ballot_paper', 'ballot_paper_entry']));
    const identity = rows.filter((r) =>
      /person|account|user|voter|member|actor|counter|created|by$|_at$|_on$/i.test(r.column_name),
    );
    const times = rows.filter((r) => /date|time|interval/i.test(r.data_type));
    expect(identity).toEqual([]);
    expect(times).toEqual([]);
    // No sequence either: the ids are uuids made by the server.
    const serial = rows.filter((r) => r.column_name === 'id' && r.data_type !== 'uuid');
    expect(serial).toEqual([]);
    const defaults = await t.adminDb
      .selectFrom('information_schema.columns' as never)
      .select(['column_name'] as never[])
      .where('table_name' as never, 'in', ['ballot_paper', 'ballot_paper_entry'] as never)
      .where('column_default' as never, 'is not', null as never)
      .execute();
    expect(defaults).toEqual([]);
  });

  it('the audit entry of a vote names the ballot and never the choices', async () => {
    const id = await newBallot();
    expect((await vote(voters[0]!, id, 'unqualified', 'basically_qualified')).statusCode).toBe(201);
    const entries = await t.adminDb
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'ballot.vote')
      .where('target_id', '=', String(id))
      .execute();
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e.target_type).toBe('ballot');
    expect(e.before).toBeNull();
    expect(e.after).toBeNull();
    const text = JSON.stringify(e);
    for (const word of ['unqualified', 'basically_qualified', '不合格', '基本合格', 'person-1'])
      expect(text).not.toContain(word);
    // The paper is there, with nothing but the ballot and the choices.
    const papers = await t.adminDb
      .selectFrom('ballot_paper')
      .selectAll()
      .where('ballot_id', '=', id)
      .execute();
    expect(papers).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ballot_id: id,
        choices: { 'person-1': 'unqualified', 'person-2': 'basically_qualified' },
      },
    ]);
  });

  it('once closed, no paper shares a transaction (xmin) with a roll row, nor keeps the order of the votes', async () => {
    const xmins = async (id: number) => {
      const papers = await sql<{ id: string; x: string }>`select id::text, xmin::text as x from ballot_paper
        where ballot_id = ${id}`.execute(t.db);
      const roll = await sql<{ x: string }>`select xmin::text as x from ballot_voter
        where ballot_id = ${id} and voted_at is not null`.execute(t.db);
      return { papers: papers.rows, roll: new Set(roll.rows.map((r) => r.x)) };
    };
    // By the organiser's close, and by the clock's (the hourly job stores it).
    const byOrganiser = await newBallot();
    const byClock = await newBallot({ closesAt: new Date(clock.now().getTime() + hour) });
    for (const id of [byOrganiser, byClock])
      for (const v of voters.slice(0, 4)) expect((await vote(v, id)).statusCode).toBe(201);
    const open = await xmins(byOrganiser);
    // While open, each paper was written with its voter's roll row: the very link the close removes.
    expect(open.papers.every((p) => open.roll.has(p.x))).toBe(true);
    expect((await secA.post(`/api/ballots/${byOrganiser}/close`)).statusCode).toBe(200);
    clock.advance(hour);
    try {
      expect(await storeElapsedCloses(t.db, clock)).toBe(1);
      expect((await getBallotSummary(t.db, byClock))!.status).toBe('closed');
      for (const id of [byOrganiser, byClock]) {
        const closed = await xmins(id);
        expect(closed.papers).toHaveLength(4);
        expect(closed.papers.filter((p) => closed.roll.has(p.x))).toEqual([]);
        expect(new Set(closed.papers.map((p) => p.x)).size).toBe(1);
        expect(closed.papers.some((p) => open.papers.some((o) => o.id === p.id))).toBe(false);
      }
      expect((await getTally(t.db, byClock, clock.now()))!.cast).toBe(4);
    } finally {
      await resetClock();
    }
  });
});

describe('each eligible voter votes once', () => {
  it('a second vote is refused', async () => {
    const id = await newBallot();
    expect((await vote(voters[1]!, id)).statusCode).toBe(201);
    const again = await vote(voters[1]!, id, 'qualified', 'qualified');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('您已投过票');
    expect((await getBallotSummary(t.db, id, clock.now()))!.voted).toBe(1);
  });

  it('50 parallel requests of one voter: exactly one vote, one paper', async () => {
    const id = await newBallot();
    const results = await Promise.all(Array.from({ length: 50 }, () => vote(voters[2]!, id)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const papers = await t.adminDb
      .selectFrom('ballot_paper')
      .select('id')
      .where('ballot_id', '=', id)
      .execute();
    expect(papers).toHaveLength(1);
  });

  it('every voter at once, each three times: one vote each, papers = voters marked', async () => {
    const id = await newBallot();
    const results = await Promise.all(voters.flatMap((v) => [vote(v, id), vote(v, id), vote(v, id)]));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(voters.length);
    expect(results.filter((r) => r.statusCode !== 201).every((r) => r.statusCode === 409)).toBe(true);
    const s = (await getBallotSummary(t.db, id, clock.now()))!;
    expect(s.votedOnline).toBe(voters.length);
    const papers = await t.adminDb
      .selectFrom('ballot_paper')
      .select('id')
      .where('ballot_id', '=', id)
      .execute();
    expect(papers).toHaveLength(voters.length);
  });
});

describe('nobody sees counts before it closes; the tally = the papers; voters see it once published', () => {
  let id: number;
  beforeAll(async () => {
    id = await newBallot();
    for (const [i, v] of voters.slice(0, 5).entries())
      expect(
        (await vote(v, id, i < 3 ? 'excellent' : 'qualified', i === 0 ? null : 'qualified')).statusCode,
      ).toBe(201);
  });

  it('while open: the organiser, the 组织部 and the voters see how many voted, no counts', async () => {
    for (const c of [secA, admin, voters[0]!]) {
      const res = await c.get(`/api/ballots/${id}/tally`);
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe('投票结束前任何人都不能查看计票结果');
    }
    const d = await detail(secA, id);
    expect(d.status).toBe('open');
    expect(d.voted).toBe(5);
    expect(d.tally).toBeNull();
    expect(JSON.stringify(d)).not.toMatch(/counts|abstain/);
    expect(d.roll.filter((v) => v.voted)).toHaveLength(5);
    expect(await getTally(t.db, id, clock.now())).toBeNull();
  });

  it('the organiser closes it: counts for the organiser, not yet for the voters', async () => {
    const res = await secA.post(`/api/ballots/${id}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as BallotDetail;
    expect(d.status).toBe('closed');
    expect(d.tally).toMatchObject({ status: 'closed', eligible: 12, cast: 5, castOnline: 5, castOnPaper: 0 });
    expect(d.tally!.items[0]).toEqual({
      key: 'person-1',
      label: '张三',
      counts: { excellent: 3, qualified: 2, basically_qualified: 0, unqualified: 0 },
      abstain: 0,
    });
    expect(d.tally!.items[1]!.abstain).toBe(1);
    for (const item of d.tally!.items)
      expect(Object.values(item.counts).reduce((a, b) => a + b, 0) + item.abstain).toBe(d.tally!.cast);
    const papers = await t.adminDb
      .selectFrom('ballot_paper')
      .select('id')
      .where('ballot_id', '=', id)
      .execute();
    expect(d.tally!.cast).toBe(papers.length);
    expect((await vote(voters[6]!, id)).statusCode).toBe(409);
    const mine = await voters[0]!.get(`/api/ballots/${id}/tally`);
    expect(mine.statusCode).toBe(409);
    expect(mine.json().message).toBe('计票结果尚未公布');
    expect((await secA.post(`/api/ballots/${id}/close`)).statusCode).toBe(409);
  });

  it('published: the voters see the tally on 我的投票 and through the tally route; others do not', async () => {
    const res = await secA.post(`/api/ballots/${id}/publish`);
    expect(res.statusCode, res.body).toBe(200);
    const tally = (await voters[0]!.get(`/api/ballots/${id}/tally`)).json() as BallotTally;
    expect(tally).toMatchObject({ status: 'published', cast: 5 });
    const mine = ((await voters[0]!.get('/api/me/ballots')).json() as { items: MyBallot[] }).items.find(
      (b) => b.id === id,
    )!;
    expect(mine).toMatchObject({ status: 'published', voted: true, channel: 'phone' });
    expect(mine.tally?.cast).toBe(5);
    const notYet = ((await voters[0]!.get('/api/me/ballots')).json() as { items: MyBallot[] }).items.filter(
      (b) => b.status === 'open',
    );
    expect(notYet.every((b) => b.tally === null)).toBe(true);
    expect((await outsider.get(`/api/ballots/${id}/tally`)).statusCode).toBe(404);
    expect((await secA.post(`/api/ballots/${id}/publish`)).statusCode).toBe(409);
    const notes = await t.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'ballot.published')
      .where('dedupe_key', '=', `ballot.published:${id}`)
      .execute();
    expect(notes).toHaveLength(voters.length);
  });

  it('a ballot closes at closesAt though nobody closes it', async () => {
    const other = await newBallot({ closesAt: new Date(clock.now().getTime() + hour) });
    expect((await vote(voters[0]!, other)).statusCode).toBe(201);
    expect(await getTally(t.db, other, clock.now())).toBeNull();
    clock.advance(hour);
    try {
      const late = await vote(await fresh(voters[1]!), other);
      expect(late.statusCode).toBe(409);
      expect(late.json().message).toBe('投票已结束');
      expect((await getTally(t.db, other, clock.now()))!.cast).toBe(1);
      expect((await detail(await fresh(secA), other)).status).toBe('closed');
      // The owning module's close stores it; closing again is nothing.
      await t.db.transaction().execute(async (trx) => {
        await closeBallot(trx, organiserActor(tree.branchA.id), other, clock.now());
        await closeBallot(trx, organiserActor(tree.branchA.id), other, clock.now());
      });
      expect((await getBallotSummary(t.db, other))!.status).toBe('closed');
    } finally {
      await resetClock();
    }
  });
});

describe('paper ballots entered by two counters', () => {
  let id: number;
  const paperVoters = () => voterIds.slice(6, 10);
  const counts = (
    a: Record<string, number>,
    abstainA: number,
    b: Record<string, number>,
    abstainB: number,
  ) => ({
    itemCounts: [
      {
        itemKey: 'person-1',
        choiceCounts: Object.entries(a).map(([choice, count]) => ({ choice, count })),
        abstain: abstainA,
      },
      {
        itemKey: 'person-2',
        choiceCounts: Object.entries(b).map(([choice, count]) => ({ choice, count })),
        abstain: abstainB,
      },
    ],
  });

  beforeAll(async () => {
    id = await newBallot({ allowAbstain: true });
    for (const v of voters.slice(0, 3)) expect((await vote(v, id)).statusCode).toBe(201);
  });

  it('the organiser marks the voters who voted on paper; they cannot vote on the phone', async () => {
    expect((await secA.post(`/api/ballots/${id}/paper-batches`, { paperCount: 1 })).statusCode).toBe(409);
    const res = await secA.post(`/api/ballots/${id}/paper-voters`, { paperVoterIds: paperVoters() });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as BallotDetail).votedOnPaper).toBe(4);
    const phone = await vote(voters[6]!, id);
    expect(phone.statusCode).toBe(409);
    expect(phone.json().message).toBe('您已通过纸质选票投票，不能再在手机上投票');
    // A voter who voted on the phone cannot be marked; the request changes nothing.
    const twice = await secA.post(`/api/ballots/${id}/paper-voters`, {
      paperVoterIds: [voterIds[0], voterIds[10]],
    });
    expect(twice.statusCode).toBe(409);
    expect((await detail(secA, id)).votedOnPaper).toBe(4);
    // Someone not on the roll answers like a missing person.
    const stranger = await secA.post(`/api/ballots/${id}/paper-voters`, { paperVoterIds: [missingId] });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().message).toBe('纸质投票人：不存在或不在您的管理范围内');
  });

  it('two different counters: mismatch listed item by item, recount, counted; papers counted = voters marked', async () => {
    expect((await secA.post(`/api/ballots/${id}/close`)).statusCode).toBe(200);
    const tooMany = await secA.post(`/api/ballots/${id}/paper-batches`, { paperCount: 5 });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().message).toContain('4 张');
    const created = await secA.post(`/api/ballots/${id}/paper-batches`, {
      paperCount: 4,
      batchNote: '会场票箱',
    });
    expect(created.statusCode, created.body).toBe(201);
    const batch = (created.json() as BallotDetail).batches[0]!;
    expect(batch).toMatchObject({ paperCount: 4, status: 'entering', entries: 0 });
    const entry = `/api/ballots/${id}/paper-batches/${batch.id}/entries`;

    // A count that does not add up to the papers is refused, naming the item.
    const wrong = await secA.post(entry, counts({ excellent: 3 }, 0, { qualified: 4 }, 0));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('“张三”：各等次票数与弃权数之和为 3，应等于本批选票数 4');

    expect(
      (await secA.post(entry, counts({ excellent: 2, qualified: 2 }, 0, { qualified: 3 }, 1))).statusCode,
    ).toBe(200);
    // The same account entering again replaces its own entry; it is not a second counter.
    let d = (await (
      await secA.post(entry, counts({ excellent: 2, qualified: 2 }, 0, { qualified: 3 }, 1))
    ).json()) as BallotDetail;
    expect(d.batches[0]).toMatchObject({ status: 'entering', entries: 1, enteredByMe: true });
    expect(d.paperPending).toBe(4);

    d = (await (
      await secA2.post(entry, counts({ excellent: 1, qualified: 3 }, 0, { qualified: 3 }, 1))
    ).json()) as BallotDetail;
    expect(d.batches[0]!.status).toBe('mismatch');
    expect(d.batches[0]!.differences).toEqual([
      { key: 'person-1', label: '张三', choice: 'excellent', choiceLabel: '优秀', first: 2, second: 1 },
      { key: 'person-1', label: '张三', choice: 'qualified', choiceLabel: '合格', first: 2, second: 3 },
    ]);
    expect(d.tally!.castOnPaper).toBe(0);
    const publish = await secA.post(`/api/ballots/${id}/publish`);
    expect(publish.statusCode).toBe(422);
    expect(publish.json().message).toContain('4 张纸质选票');

    // A third account is not a counter of this batch.
    expect(
      (await secA3.post(entry, counts({ excellent: 2, qualified: 2 }, 0, { qualified: 3 }, 1))).statusCode,
    ).toBe(409);
    // After the recount the second counter enters again: identical, counted.
    d = (await (
      await secA2.post(entry, counts({ excellent: 2, qualified: 2 }, 0, { qualified: 3 }, 1))
    ).json()) as BallotDetail;
    expect(d.batches[0]).toMatchObject({ status: 'counted', entries: 2, differences: [] });
    expect(d.paperPending).toBe(0);
    expect(d.tally).toMatchObject({ cast: 7, castOnline: 3, castOnPaper: 4, paperPending: 0 });
    expect(d.tally!.castOnPaper).toBe(d.votedOnPaper);
    expect(d.tally!.items[0]!.counts).toEqual({
      excellent: 5,
      qualified: 2,
      basically_qualified: 0,
      unqualified: 0,
    });
    expect((await secA.post(entry, counts({ excellent: 4 }, 0, { qualified: 4 }, 0))).statusCode).toBe(409);
    expect((await secA.post(`/api/ballots/${id}/publish`)).statusCode).toBe(200);
  });
});

describe('scope and input', () => {
  it('out-of-scope ids answer like missing ones', async () => {
    const id = await newBallot();
    const missing = await otherSec.get(`/api/ballots/${missingId}`);
    const foreign = await otherSec.get(`/api/ballots/${id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(missing.json());
    for (const path of ['close', 'publish'])
      expect((await otherSec.post(`/api/ballots/${id}/${path}`)).json()).toEqual(
        (await otherSec.post(`/api/ballots/${missingId}/${path}`)).json(),
      );
    // Someone not on the roll: like a ballot that does not exist.
    const notOnRoll = await vote(outsider, id);
    expect(notOnRoll.statusCode).toBe(404);
    expect(notOnRoll.json()).toEqual((await vote(outsider, missingId)).json());
    expect((await outsider.get(`/api/ballots/${id}/tally`)).json()).toEqual(
      (await outsider.get(`/api/ballots/${missingId}/tally`)).json(),
    );
    // A batch of another ballot answers like a missing one.
    const batch = `/api/ballots/${id}/paper-batches/${missingId}/entries`;
    clock.advance(49 * hour);
    try {
      const res = await (await fresh(secA)).post(batch, {
        itemCounts: [{ itemKey: 'person-1', choiceCounts: [], abstain: 0 }],
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await resetClock();
    }
  });

  it.each([
    [{ ballotChoices: 'x' }, '选票'],
    [{ ballotChoices: [] }, '选票'],
    [{ ballotChoices: [{ itemKey: 'person-1', choice: 'best' }] }, '等次'],
    [{ ballotChoices: [{ itemKey: 'person-9', choice: 'excellent' }] }, '选票：投票对象不在本次投票中'],
    [{ ballotChoices: [{ itemKey: 'person-1', choice: 'good' }] }, '选票：选项不是本次投票的等次'],
  ])('a bad vote %j answers 400 naming %s and changes nothing', async (body, named) => {
    const id = await newBallot();
    const res = await voters[3]!.post(`/api/ballots/${id}/votes`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(named);
    expect((await getBallotSummary(t.db, id))!.voted).toBe(0);
  });

  it('a ballot allowing no blanks refuses one', async () => {
    const id = await newBallot({ allowAbstain: false });
    const res = await vote(voters[3]!, id, 'excellent', null);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('请为“李四”选择等次');
  });

  it("createBallot refuses an org out of the actor's scope, repeated items and an empty roll", async () => {
    const run = (over: Partial<NewBallot>) =>
      t.db.transaction().execute((trx) =>
        createBallot(trx, organiserActor(tree.branchA.id), {
          purpose: 'duty_review',
          purposeRef: 'duty-review-1',
          orgId: tree.branchA.id,
          title: '述职评议测评',
          items: [{ key: 'a', label: '甲' }],
          voterPersonIds: voterIds,
          opensAt: start,
          closesAt: new Date(start.getTime() + hour),
          ...over,
        }),
      );
    await expect(run({ orgId: tree.other.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      run({
        items: [
          { key: 'a', label: '甲' },
          { key: 'a', label: '乙' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(run({ voterPersonIds: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(run({ closesAt: start })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('待办 and the reminder', () => {
  const inboxOf = async (c: Client) =>
    ((await c.get('/api/inbox')).json() as InboxResponse).items.filter((i) => i.kind.startsWith('ballot.'));

  it('a voter has a 待办 until they vote; the organiser one to publish once it has closed', async () => {
    const id = await newBallot({ title: '待办测试投票', closesAt: new Date(start.getTime() + 30 * hour) });
    expect((await inboxOf(voters[4]!)).filter((i) => i.title.includes('待办测试投票'))).toHaveLength(1);
    expect((await vote(voters[4]!, id)).statusCode).toBe(201);
    expect((await inboxOf(voters[4]!)).filter((i) => i.title.includes('待办测试投票'))).toHaveLength(0);
    expect((await inboxOf(secA)).filter((i) => i.link === `/ballots/${id}`)).toHaveLength(0);
    clock.advance(31 * hour);
    try {
      const [voter, sec] = [await fresh(voters[5]!), await fresh(secA)];
      expect((await inboxOf(voter)).filter((i) => i.title.includes('待办测试投票'))).toHaveLength(0);
      const mine = (await inboxOf(sec)).filter((i) => i.link === `/ballots/${id}`);
      expect(mine.map((i) => i.kind)).toEqual(['ballot.publish']);
      expect((await sec.post(`/api/ballots/${id}/publish`)).statusCode).toBe(200);
      expect((await inboxOf(sec)).filter((i) => i.link === `/ballots/${id}`)).toHaveLength(0);
    } finally {
      await resetClock();
    }
  });

  it('the voters who have not voted hear once, within the day before it closes', async () => {
    const id = await newBallot({ title: '提醒测试投票', closesAt: new Date(start.getTime() + 36 * hour) });
    const heard = async () =>
      (
        await t.db
          .selectFrom('notification')
          .select('user_id')
          .where('dedupe_key', '=', `ballot.closing:${id}`)
          .execute()
      ).map((n) => n.user_id);
    await remindClosingBallots(t.db, clock);
    expect(await heard()).toEqual([]);
    expect((await vote(voters[8]!, id)).statusCode).toBe(201);
    try {
      clock.advance(13 * hour);
      await remindClosingBallots(t.db, clock);
      const first = await heard();
      expect(first).toHaveLength(voters.length - 1);
      expect(first).not.toContain(voters[8]!.me!.user.id);
      clock.advance(hour);
      await remindClosingBallots(t.db, clock);
      expect(await heard()).toHaveLength(voters.length - 1);
    } finally {
      await resetClock();
    }
  });
});
