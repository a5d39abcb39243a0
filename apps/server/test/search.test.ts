import {
  idNumberCheckChar,
  type RecruitmentEvent,
  type SearchKind,
  type SearchResponse,
  searchLimits,
} from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity } from './fixtures/activities.ts';
import { createTestApp, type TestApp } from './helpers.ts';
import { insertDossier } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['as']>>;

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
const ids = {} as {
  xiaoming: number;
  xiaohong: number;
  wei: number;
  self: number;
  activityA: number;
  dossierA: number;
  dossierOther: number;
};
const secret = {} as { idNumber: string; phone: string; otherIdNumber: string };
const as = {} as Record<'admin' | 'zongzhi' | 'zhibu' | 'dangyuan' | 'sysAdmin', Client>;

function idFor(birth: string, seq: number): string {
  const body = `330108${birth.replaceAll('-', '')}${String(seq).padStart(2, '0')}1`;
  return `${body}${idNumberCheckChar(body)}`;
}

const application: RecruitmentEvent[] = [
  { step: 'application', date: '2026-03-01', actorId: 1, documents: [] },
];

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  const { branchA, branchB, other } = tree;
  ids.xiaoming = await t.factory.person({ orgId: branchA.id, name: '张晓明' });
  await t.factory.person({ orgId: branchA.id, name: '张三', status: 'probationary' });
  ids.xiaohong = await t.factory.person({ orgId: branchB.id, name: '张晓红' });
  ids.wei = await t.factory.person({ orgId: other.id, name: '张伟' });
  ids.self = await t.factory.person({ orgId: branchA.id, name: '本人党员' });
  // Names holding LIKE's wildcards and its escape character.
  await t.factory.person({ orgId: other.id, name: '王%五' });
  await t.factory.person({ orgId: other.id, name: '李_四' });
  await t.factory.person({ orgId: other.id, name: '赵\\六' });

  secret.idNumber = idFor('1988-04-12', 11);
  secret.phone = '13912345678';
  secret.otherIdNumber = idFor('1990-01-01', 12);
  await t.db
    .updateTable('person')
    .set({ id_number: secret.idNumber, phone: secret.phone })
    .where('id', '=', ids.xiaoming)
    .execute();
  await t.db
    .updateTable('person')
    .set({ id_number: secret.otherIdNumber, phone: '13900000000' })
    .where('id', '=', ids.xiaohong)
    .execute();

  ids.activityA = await insertActivity(t.db, {
    orgId: branchA.id,
    kind: 'lecture',
    onDate: '2026-05-20',
    title: '张晓明讲 AI 与党建专题党课',
  });
  await insertActivity(t.db, {
    orgId: branchB.id,
    kind: 'theme_day',
    onDate: '2026-05-21',
    title: '网络学生党支部主题党日',
  });
  ids.dossierA = (await insertDossier(t.db, { orgId: branchA.id, events: application, name: '张小申' })).id;
  ids.dossierOther = (await insertDossier(t.db, { orgId: other.id, events: application, name: '张外申' })).id;

  as.admin = await t.as([{ role: 'org_admin', orgId: null }]);
  as.zongzhi = await t.as([{ role: 'general_branch_secretary', orgId: tree.general.id }]);
  as.zhibu = await t.as([{ role: 'branch_secretary', orgId: branchA.id }]);
  as.dangyuan = await t.as([{ role: 'member', orgId: null }], { personId: ids.self });
  as.sysAdmin = await t.as([{ role: 'sys_admin', orgId: null }]);
});
afterAll(() => t.close());

async function search(c: Client, query: string): Promise<SearchResponse> {
  const res = await c.get(`/api/search?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SearchResponse;
}

const q = (text: string) => `q=${encodeURIComponent(text)}`;
const group = (r: SearchResponse, kind: SearchKind) => r.groups.find((g) => g.kind === kind);
const titles = (r: SearchResponse, kind: SearchKind) => group(r, kind)?.items.map((h) => h.title) ?? [];

describe('GET /api/search: scope', () => {
  it('the 组织部 finds people, records and dossiers of the whole college, grouped by kind in order', async () => {
    const r = await search(as.admin, q('张'));
    expect(r.groups.map((g) => g.kind)).toEqual(['member', 'org', 'activity', 'dossier']);
    expect(r.groups.map((g) => g.label)).toEqual(['党员', '党组织', '组织生活', '发展党员档案']);
    expect(group(r, 'member')?.total).toBe(4);
    expect(titles(r, 'member').sort()).toEqual(['张三', '张伟', '张晓明', '张晓红'].sort());
    expect(group(r, 'org')).toEqual({ kind: 'org', label: '党组织', total: 0, items: [] });
    expect(titles(r, 'activity')).toEqual(['张晓明讲 AI 与党建专题党课']);
    expect(titles(r, 'dossier').sort()).toEqual(['张外申', '张小申'].sort());
  });

  it('a 总支 secretary finds only their subtree', async () => {
    const r = await search(as.zongzhi, q('张'));
    expect(titles(r, 'member').sort()).toEqual(['张三', '张晓明', '张晓红'].sort());
    expect(titles(r, 'dossier')).toEqual(['张小申']);
    expect((await search(as.zongzhi, q('图书馆'))).groups.every((g) => g.total === 0)).toBe(true);
    expect(titles(await search(as.zongzhi, q('党支部')), 'org').sort()).toEqual(
      ['网络学生党支部', '软件教工党支部'].sort(),
    );
  });

  it('a branch secretary finds only their branch; a record of the next branch is as missing', async () => {
    const r = await search(as.zhibu, q('张'));
    expect(titles(r, 'member').sort()).toEqual(['张三', '张晓明'].sort());
    expect(group(r, 'member')?.total).toBe(2);
    expect(titles(r, 'dossier')).toEqual(['张小申']);
    const theme = await search(as.zhibu, q('主题党日'));
    expect(group(theme, 'activity')).toEqual({ kind: 'activity', label: '组织生活', total: 0, items: [] });
  });

  it('a member (self reach, no view permission) finds nothing, and an unpermitted kind is left out', async () => {
    expect(await search(as.dangyuan, q('张'))).toEqual({ groups: [] });
    expect(await search(as.dangyuan, q('本人党员'))).toEqual({ groups: [] });
    // The system administrator may view orgs only: no people, records or dossiers, not even as a zero count.
    const r = await search(as.sysAdmin, q('张'));
    expect(r.groups.map((g) => g.kind)).toEqual(['org']);
    expect(await search(as.sysAdmin, `${q('张')}&kind=member`)).toEqual({ groups: [] });
  });

  it('answers 401 without a session', async () => {
    const res = await t.anonymous.get(`/api/search?${q('张')}`);
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/search: hits', () => {
  it('each hit has a title, a subtitle that says where it sits, and the page that opens it', async () => {
    const r = await search(as.admin, q('张晓明'));
    expect(group(r, 'member')?.items).toEqual([
      {
        kind: 'member',
        id: ids.xiaoming,
        title: '张晓明',
        subtitle: '信息学院党总支 / 软件教工党支部 · 正式党员',
        link: `/members/${ids.xiaoming}`,
      },
    ]);
    expect(group(r, 'activity')?.items).toEqual([
      {
        kind: 'activity',
        id: ids.activityA,
        title: '张晓明讲 AI 与党建专题党课',
        subtitle: '2026-05-20 · 软件教工党支部 · 党课 · 已归档',
        link: `/activities/${ids.activityA}`,
      },
    ]);
    const org = await search(as.admin, q('软件'));
    expect(group(org, 'org')?.items).toEqual([
      {
        kind: 'org',
        id: tree.branchA.id,
        title: '软件教工党支部',
        subtitle: '中共测试学院委员会 / 信息学院党总支 · 党支部',
        link: `/orgs/${tree.branchA.id}`,
      },
    ]);
    const dossier = await search(as.admin, q('张小申'));
    expect(group(dossier, 'dossier')?.items).toEqual([
      {
        kind: 'dossier',
        id: ids.dossierA,
        title: '张小申',
        subtitle: '软件教工党支部 · 第1步 递交入党申请书',
        link: `/recruitment/${ids.dossierA}`,
      },
    ]);
  });

  it('an org with a short name shows it in the trail, as the member page does', async () => {
    await t.db.updateTable('org').set({ short_name: '信息总支' }).where('id', '=', tree.general.id).execute();
    try {
      const r = await search(as.admin, q('张晓明'));
      expect(group(r, 'member')?.items[0]?.subtitle).toBe('信息总支 / 软件教工党支部 · 正式党员');
    } finally {
      await t.db.updateTable('org').set({ short_name: null }).where('id', '=', tree.general.id).execute();
    }
  });

  it('an exact name comes first, then names that start with the text; Latin text matches in any case', async () => {
    await t.factory.person({ orgId: tree.branchA.id, name: '晓明' });
    const r = await search(as.admin, q('晓明'));
    expect(titles(r, 'member')).toEqual(['晓明', '张晓明']);
    expect(titles(await search(as.admin, q('ai')), 'activity')).toEqual(['张晓明讲 AI 与党建专题党课']);
  });
});

describe('GET /api/search: masking', () => {
  it('a full ID number finds its holder, but the hit shows only the name and the org', async () => {
    for (const text of [
      secret.idNumber,
      secret.idNumber.toLowerCase(),
      ` ${secret.idNumber.slice(0, 6)} ${secret.idNumber.slice(6)} `,
    ]) {
      const res = await as.zhibu.get(`/api/search?${q(text)}`);
      expect(res.statusCode).toBe(200);
      const r = res.json() as SearchResponse;
      expect(titles(r, 'member')).toEqual(['张晓明']);
      expect(res.body).not.toContain(secret.idNumber);
      expect(res.body).not.toContain(secret.idNumber.slice(-6));
      expect(res.body).not.toContain(secret.phone);
    }
  });

  it('part of an ID number or a phone finds no one', async () => {
    for (const text of [
      secret.idNumber.slice(0, 10),
      secret.idNumber.slice(-4),
      secret.phone,
      secret.phone.slice(-4),
    ]) {
      const r = await search(as.admin, q(text));
      expect(
        r.groups.every((g) => g.total === 0),
        text,
      ).toBe(true);
    }
  });

  it('the ID number of someone outside the scope finds nothing, as for a number no one has', async () => {
    const foreign = await search(as.zhibu, q(secret.otherIdNumber));
    const unknown = await search(as.zhibu, q(idFor('1970-07-07', 99)));
    expect(foreign).toEqual(unknown);
    expect(group(foreign, 'member')?.total).toBe(0);
  });
});

describe('GET /api/search: input', () => {
  it('escapes LIKE wildcards: %, _ and \\ match only themselves', async () => {
    expect(titles(await search(as.admin, q('%')), 'member')).toEqual(['王%五']);
    expect(titles(await search(as.admin, q('_')), 'member')).toEqual(['李_四']);
    expect(titles(await search(as.admin, q('\\')), 'member')).toEqual(['赵\\六']);
    expect(group(await search(as.admin, q('%%')), 'member')?.total).toBe(0);
  });

  it('limits the hits per kind, keeps the total, and pages one kind', async () => {
    const first = await search(as.admin, `${q('张')}&limit=1`);
    expect(group(first, 'member')?.items).toHaveLength(1);
    expect(group(first, 'member')?.total).toBe(4);
    const pages: string[] = [];
    for (const offset of [0, 2]) {
      const r = await search(as.admin, `${q('张')}&kind=member&limit=2&offset=${offset}`);
      expect(r.groups.map((g) => g.kind)).toEqual(['member']);
      expect(group(r, 'member')?.total).toBe(4);
      pages.push(...titles(r, 'member'));
    }
    expect(pages.sort()).toEqual(['张三', '张伟', '张晓明', '张晓红'].sort());
    const past = await search(as.admin, `${q('张')}&kind=member&offset=40`);
    expect(group(past, 'member')).toEqual({ kind: 'member', label: '党员', total: 4, items: [] });
    const text = '张'.repeat(searchLimits.text.max);
    expect((await as.admin.get(`/api/search?${q(text)}`)).statusCode).toBe(200);
  });

  it('answers 400, never 500, to bad input', async () => {
    const bad = [
      '',
      'q=',
      `${q('   ')}`,
      q('张'.repeat(searchLimits.text.max + 1)),
      `${q('a\u0001b')}`,
      `${q('张')}&limit=0`,
      `${q('张')}&limit=${searchLimits.maxPerKind + 1}`,
      `${q('张')}&limit=abc`,
      `${q('张')}&offset=-1`,
      `${q('张')}&offset=${searchLimits.maxOffset + 1}`,
      `${q('张')}&kind=people`,
      `${q('张')}&unmasked=true`,
      'q=%E0%A4%A',
      `q=${encodeURIComponent("' OR 1=1 --")}&q=x`,
    ];
    for (const query of bad) {
      const res = await as.admin.get(`/api/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toMatch(/^[A-Z_]+$/);
    }
    expect((await search(as.admin, q("' OR 1=1 --"))).groups.every((g) => g.total === 0)).toBe(true);
  });
});
