import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recruitmentSteps } from '@dangjian/core';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import type ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepColumn, stepHeader } from '../src/modules/recruitment/ledger.ts';
import { applicantShares, median } from '../src/modules/recruitment/pipeline.ts';
import { hostileUploads } from './fixtures/uploads.ts';
import { createTestApp, type TestApp, testClock } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';
import { eventFor, fullWalk, insertDossier, toAdmissionMeeting, walk } from './recruitment-fixtures.ts';

type Client = Awaited<ReturnType<TestApp['login']>>;
type Row = {
  org: { id: number; name: string };
  level: string;
  parentId: number | null;
  counts: Record<string, number>;
  overdue: number;
};

let t: TestApp;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let admin: Client;
let secA: Client;
let secB: Client;
const ids: Record<string, number> = {};

/** The text of a generated .docx (word/document.xml without its tags). */
function docxText(body: Buffer): string {
  const xml = new PizZip(body).file('word/document.xml')!.asText();
  return xml.replace(/<[^>]+>/g, '');
}

async function docxWith(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] });
  return Packer.toBuffer(doc);
}

function putRaw(c: Client, url: string, body: Buffer) {
  return t.app.inject({
    method: 'PUT',
    url,
    headers: {
      cookie: c.cookie,
      'x-csrf-token': c.csrf,
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    },
    payload: body,
  });
}

beforeAll(async () => {
  // Today is 2026-06-15 in Shanghai.
  t = await createTestApp({ clock: testClock(new Date('2026-06-15T04:00:00Z')) });
  tree = await t.factory.tree();
  const u1 = await t.db
    .insertInto('unit')
    .values({ name: '信息工程学院', kind: 'college', student_count: 1000, staff_count: 100 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const u2 = await t.db
    .insertInto('unit')
    .values({ name: '图书馆', kind: 'support', student_count: null, staff_count: 40 })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.u1 = u1.id;
  ids.u2 = u2.id;
  const mentors = [
    await t.factory.person({ orgId: tree.branchA.id, name: '周培养' }),
    await t.factory.person({ orgId: tree.branchA.id, name: '吴介绍' }),
  ];
  const A = tree.branchA.id;
  const B = tree.branchB.id;
  const O = tree.other.id;
  // D1: applied 2026-05-01, no talk: due 2026-06-01, overdue.
  ids.d1 = (
    await insertDossier(t.db, {
      orgId: A,
      name: '张逾期',
      category: 'staff',
      unitId: u1.id,
      events: walk([['application', '2026-05-01']]),
    })
  ).id;
  // D2: activist since 2025-04-15 with both half-yearly reviews; next review due 2026-10-15.
  ids.d2 = (
    await insertDossier(t.db, {
      orgId: A,
      name: '李积极',
      unitId: u1.id,
      events: walk(
        [
          ['application', '2025-01-10'],
          ['application_talk', '2025-01-20'],
          ['activist_designation', '2025-04-15'],
          ['activist_filing', '2025-04-20'],
          ['mentor_assignment', '2025-04-20'],
          ['activist_review', '2025-10-10'],
          ['activist_review', '2026-04-10'],
        ],
        mentors,
      ),
    })
  ).id;
  // D3: 支部大会 on 2026-04-20; the approval is due 2026-07-20 (reminded from 2026-06-20).
  ids.d3 = (
    await insertDossier(t.db, {
      orgId: B,
      name: '王对象',
      gender: 'female',
      unitId: u1.id,
      events: walk(toAdmissionMeeting, mentors),
    })
  ).id;
  // D4: the whole procedure, confirmed 2026-04-10 (approved 2026-05-10), in the 党委's direct branch.
  ids.d4 = (
    await insertDossier(t.db, {
      orgId: O,
      name: '赵转正',
      category: 'staff',
      unitId: u2.id,
      events: walk(fullWalk, mentors),
    })
  ).id;
  // D5: 预备党员 since 2025-07-01; the 预备期 ends 2026-07-01 (reminded from 2026-06-01).
  ids.d5 = (
    await insertDossier(t.db, {
      orgId: B,
      name: '钱预备',
      unitId: u1.id,
      events: walk(
        [
          ['application', '2023-03-01'],
          ['application_talk', '2023-03-10'],
          ['activist_designation', '2023-09-01'],
          ['activist_filing', '2023-09-05'],
          ['mentor_assignment', '2023-09-05'],
          ['activist_review', '2024-02-20'],
          ['activist_review', '2024-08-20'],
          ['candidate_designation', '2024-09-10'],
          ['candidate_filing', '2024-09-15'],
          ['sponsor_assignment', '2024-09-15'],
          ['political_review', '2025-03-01'],
          ['training', '2025-04-01'],
          ['committee_review', '2025-05-01'],
          ['pre_examination', '2025-05-10'],
          ['application_form', '2025-05-20'],
          ['admission_meeting', '2025-07-01'],
          ['superior_talk', '2025-07-10'],
          ['admission_approval', '2025-08-01'],
          ['admission_filing', '2025-08-05'],
          ['group_placement', '2025-08-10'],
        ],
        mentors,
      ),
    })
  ).id;
  // D6: withdrew in 2025.
  ids.d6 = (
    await insertDossier(t.db, {
      orgId: A,
      name: '孙撤回',
      category: 'staff',
      unitId: u1.id,
      events: [
        ...walk([
          ['application', '2025-02-01'],
          ['application_talk', '2025-02-10'],
        ]),
        eventFor('withdrawal', '2025-03-01'),
      ],
    })
  ).id;
  // D7: applied 2026-06-10 in the direct branch: talk due 2026-07-10, reminding.
  ids.d7 = (
    await insertDossier(t.db, {
      orgId: O,
      name: '周直属',
      category: 'staff',
      unitId: u2.id,
      events: walk([['application', '2026-06-10']]),
    })
  ).id;
  admin = await t.as([{ role: 'org_admin', orgId: tree.committee.id }]);
  secA = await t.as([{ role: 'branch_secretary', orgId: A }]);
  secB = await t.as([{ role: 'branch_secretary', orgId: B }]);
});
afterAll(() => t.close());

describe('pure statistics', () => {
  it('median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([95, 193, 98, 184])).toBe(141);
  });

  it('shares count open applicants per unit and sum the known headcounts school-wide', () => {
    const units = [
      { id: 1, name: 'A', studentCount: 200, staffCount: null },
      { id: 2, name: 'B', studentCount: null, staffCount: null },
      { id: 3, name: 'C', studentCount: 50, staffCount: 10 },
    ];
    const rows = applicantShares(
      [
        { unitId: 1, category: 'student' },
        { unitId: 1, category: 'staff' },
        { unitId: 2, category: 'student' },
        { unitId: null, category: 'student' },
        { unitId: 3, category: 'retired' },
      ],
      units,
      false,
    );
    expect(rows).toEqual([
      { unit: { id: 1, name: 'A' }, students: 200, studentApplicants: 1, staff: null, staffApplicants: 1 },
      { unit: { id: 2, name: 'B' }, students: null, studentApplicants: 1, staff: null, staffApplicants: 0 },
      // Unit B has no headcount: its applicant is left out of the school-wide ratio.
      { unit: null, students: 250, studentApplicants: 1, staff: 10, staffApplicants: 0 },
    ]);
  });
});

describe('GET /api/recruitment/pipeline', () => {
  it('counts stages per 总支 and branch, times, funnel and shares (hand-computed)', async () => {
    const res = await admin.get('/api/recruitment/pipeline');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.totals).toEqual({ application: 2, activist: 1, candidate: 0, admission: 1, probation: 1 });
    expect(p.overdue).toBe(1); // D1's talk
    expect(p.dueSoon).toBe(2); // D5's 预备期, D7's talk
    const rows = p.rows as Row[];
    expect(rows).toHaveLength(5);
    const row = (id: number) => rows.find((r) => r.org.id === id)!;
    expect(row(tree.general.id)).toMatchObject({
      level: 'general_branch',
      parentId: null,
      counts: { application: 1, activist: 1, candidate: 0, admission: 1, probation: 1 },
      overdue: 1,
    });
    expect(row(tree.branchA.id)).toMatchObject({
      level: 'branch',
      parentId: tree.general.id,
      counts: { application: 1, activist: 1, candidate: 0, admission: 0, probation: 0 },
      overdue: 1,
    });
    expect(row(tree.branchB.id)).toMatchObject({
      parentId: tree.general.id,
      counts: { application: 0, activist: 0, candidate: 0, admission: 1, probation: 1 },
      overdue: 0,
    });
    // The 党委's direct branch is grouped under the 党委 row.
    expect(row(tree.committee.id)).toMatchObject({
      org: { id: tree.committee.id, name: '党委直属党支部' },
      level: 'general_branch',
      counts: { application: 1 },
      overdue: 0,
    });
    expect(row(tree.other.id)).toMatchObject({ level: 'branch', parentId: tree.committee.id });

    expect(p.timeInStage).toEqual([
      // Left: D2 95, D3 193, D4 98, D5 184 days; now: D1 45, D7 5 days.
      {
        stage: 'application',
        completed: 4,
        medianDays: 141,
        meanDays: 142.5,
        current: 2,
        currentMeanDays: 25,
      },
      // Left: D3 375, D4 366 (2024 is a leap year), D5 375; now: D2 426.
      { stage: 'activist', completed: 3, medianDays: 375, meanDays: 372, current: 1, currentMeanDays: 426 },
      // D3 162, D4 64, D5 233.
      { stage: 'candidate', completed: 3, medianDays: 162, meanDays: 153, current: 0, currentMeanDays: null },
      // D4 61, D5 101; now D3 106.
      { stage: 'admission', completed: 2, medianDays: 81, meanDays: 81, current: 1, currentMeanDays: 106 },
      // D4 2025-05-20 → 2026-05-10 = 355; now D5 309.
      { stage: 'probation', completed: 1, medianDays: 355, meanDays: 355, current: 1, currentMeanDays: 309 },
    ]);

    // Default year: 2026 (D1, D7 applied; D4 confirmed).
    expect(p.funnel.year).toBe(2026);
    expect(p.funnel.steps.map((s: { count: number }) => s.count)).toEqual([2, 0, 0, 0, 1]);
    expect(p.funnel.steps[0].label).toBe('递交入党申请书');

    // Applicants not yet admitted: D1 staff U1, D2 and D3 students U1, D7 staff U2 (D5 is admitted).
    expect(p.shares).toEqual([
      {
        unit: { id: ids.u1, name: '信息工程学院' },
        students: 1000,
        studentApplicants: 2,
        staff: 100,
        staffApplicants: 1,
      },
      {
        unit: { id: ids.u2, name: '图书馆' },
        students: null,
        studentApplicants: 0,
        staff: 40,
        staffApplicants: 1,
      },
      { unit: null, students: 1000, studentApplicants: 2, staff: 140, staffApplicants: 2 },
    ]);
  });

  it('funnel of another year', async () => {
    const p = (await admin.get('/api/recruitment/pipeline?year=2025')).json();
    // Applications D2, D6; activists D2; candidates D3, D4; admitted D4, D5; confirmed none.
    expect(p.funnel.steps.map((s: { key: string; count: number }) => [s.key, s.count])).toEqual([
      ['applications', 2],
      ['activists', 1],
      ['candidates', 2],
      ['admitted', 2],
      ['confirmed', 0],
    ]);
  });

  it('a branch secretary sees only their branch; other orgs answer 404', async () => {
    const res = await secA.get('/api/recruitment/pipeline');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.totals).toEqual({ application: 1, activist: 1, candidate: 0, admission: 0, probation: 0 });
    expect((p.rows as Row[]).map((r) => r.org.id).sort()).toEqual([tree.general.id, tree.branchA.id].sort());
    expect(p.overdue).toBe(1);
    expect(p.shares.at(-1)).toMatchObject({ unit: null, studentApplicants: 1, staffApplicants: 1 });
    expect((await secA.get(`/api/recruitment/pipeline?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
    expect((await secA.get(`/api/recruitment/pipeline?orgId=${tree.general.id}`)).statusCode).toBe(404);
    const sub = (await admin.get(`/api/recruitment/pipeline?orgId=${tree.branchB.id}`)).json();
    expect(sub.totals).toEqual({ application: 0, activist: 0, candidate: 0, admission: 1, probation: 1 });
    expect((await t.anonymous.get('/api/recruitment/pipeline')).statusCode).toBe(401);
  });
});

describe('GET /api/recruitment?reached=… (the dossiers a funnel or overview figure counts)', () => {
  const namesOf = async (c: Client, query: string) => {
    const res = await c.get(`/api/recruitment?outcome=all&pageSize=100&${query}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: { person: { name: string } }[] };
    return { total: body.total, names: body.items.map((i) => i.person.name).sort() };
  };

  it.each([2025, 2026])(
    'lists for each milestone of %i exactly the dossiers its funnel counts',
    async (year) => {
      const p = (await admin.get(`/api/recruitment/pipeline?year=${year}`)).json();
      for (const step of p.funnel.steps as { key: string; count: number }[]) {
        const list = await namesOf(
          admin,
          `reached=${step.key}&reachedFrom=${year}-01-01&reachedTo=${year}-12-31`,
        );
        expect([step.key, list.total]).toEqual([step.key, step.count]);
      }
    },
  );

  it('counts the day of the superior’s approval, whatever the dossier became since', async () => {
    // D4 admitted (approved) 2025-05-10 and confirmed since, D5 approved 2025-08-01; D3 only had its 支部大会.
    expect(await namesOf(admin, 'reached=admitted&reachedFrom=2025-01-01&reachedTo=2025-12-31')).toEqual({
      total: 2,
      names: ['赵转正', '钱预备'].sort(),
    });
    // Both ends count; a day outside does not.
    expect((await namesOf(admin, 'reached=admitted&reachedFrom=2025-05-10&reachedTo=2025-08-01')).total).toBe(
      2,
    );
    expect((await namesOf(admin, 'reached=admitted&reachedFrom=2025-05-11&reachedTo=2025-07-31')).total).toBe(
      0,
    );
    // The withdrawn D6 still applied in 2025.
    expect(
      (await namesOf(admin, 'reached=applications&reachedFrom=2025-01-01&reachedTo=2025-12-31')).names,
    ).toEqual(['孙撤回', '李积极'].sort());
    // Within the caller's scope only.
    expect(await namesOf(secA, 'reached=applications&reachedFrom=2025-01-01&reachedTo=2025-12-31')).toEqual({
      total: 2,
      names: ['孙撤回', '李积极'].sort(),
    });
    expect(
      (await namesOf(secB, 'reached=applications&reachedFrom=2025-01-01&reachedTo=2025-12-31')).total,
    ).toBe(0);
    expect((await admin.get('/api/recruitment?reached=joined')).statusCode).toBe(400);
  });
});

describe('GET /api/recruitment/ledger', () => {
  async function open(res: { rawPayload: Buffer }, name = 'recruitment-ledger') {
    return (await expectPrintReady(res.rawPayload, name)).sheet;
  }
  const header = (s: ExcelJS.Worksheet, title: string) => {
    let col = 0;
    s.getRow(3).eachCell((c, n) => {
      if (c.value === title) col = n;
    });
    expect(col, title).toBeGreaterThan(0);
    return col;
  };
  const rowOf = (s: ExcelJS.Worksheet, name: string) => {
    for (let r = 4; r <= s.rowCount; r++) if (s.getRow(r).getCell(2).value === name) return s.getRow(r);
    throw new Error(`no row for ${name}`);
  };

  it('one row per person with every step date, the 预备期 and 转正', async () => {
    const res = await admin.get('/api/recruitment/ledger');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('发展党员工作台账-全校-2026-06-15.xlsx')}`,
    );
    const s = await open(res);
    // 42 columns print across pages with 序号 and 姓名 on each; the title starts after them.
    expect(s.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesColumn: 'A:B' });
    expect(String(s.getRow(1).getCell(3).value)).toContain('测试职业技术学院');
    expect(s.getRow(2).getCell(3).value).toBe('导出日期：2026-06-15　共 7 人');
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 2 });
    expect(s.rowCount).toBe(3 + 7);
    expect(s.getRow(3).getCell(stepColumn('admission_meeting')).value).toBe('15. 支部大会讨论');
    expect(s.getRow(3).getCell(stepColumn('archiving')).value).toBe(stepHeader('archiving'));
    expect(header(s, '1. 递交入党申请书')).toBe(stepColumn(recruitmentSteps[0]));

    const d4 = rowOf(s, '赵转正');
    expect(d4.getCell(header(s, '所在党支部')).value).toBe('图书馆直属党支部');
    expect(d4.getCell(header(s, '所属党总支')).value).toBe('（党委直属）');
    expect(d4.getCell(stepColumn('admission_meeting')).value).toBe('2025-04-10');
    expect(d4.getCell(stepColumn('activist_review')).value).toBe('2025-01-10（共2次）');
    expect(d4.getCell(stepColumn('application_talk')).value).toBe('2023-10-20');
    expect(d4.getCell(header(s, '预备期起止')).value).toBe('2025-04-10 至 2026-04-10');
    expect(d4.getCell(header(s, '转正日期')).value).toBe('2026-04-10');
    expect(d4.getCell(header(s, '培养联系人')).value).toBe('周培养、吴介绍');
    expect(d4.getCell(header(s, '支部大会表决（赞成/应到）')).value).toBe('7/10');
    expect(d4.getCell(header(s, '状态')).value).toBe('已转为正式党员');

    const d1 = rowOf(s, '张逾期');
    expect(d1.getCell(header(s, '所属党总支')).value).toBe('信息学院党总支');
    expect(d1.getCell(stepColumn('application')).value).toBe('2026-05-01');
    expect(d1.getCell(stepColumn('application_talk')).value).toBe('');
    expect(d1.getCell(header(s, '下一期限')).value).toBe('2026-06-01 同入党申请人谈话（已逾期）');
  });

  it('filters by outcome and year and keeps to the scope', async () => {
    const open1 = await open(
      await admin.get('/api/recruitment/ledger?outcome=in_progress&year=2026'),
      'recruitment-ledger-in-progress',
    );
    expect(open1.rowCount).toBe(3 + 2); // D1, D7
    const a = await open(await secA.get('/api/recruitment/ledger'), 'recruitment-ledger-branch');
    const names = [4, 5, 6].map((r) => a.getRow(r).getCell(2).value).sort();
    expect(a.rowCount).toBe(3 + 3);
    expect(names).toEqual(['孙撤回', '张逾期', '李积极'].sort());
    expect((await secA.get(`/api/recruitment/ledger?orgId=${tree.branchB.id}`)).statusCode).toBe(404);
  });
});

describe('Word materials and templates', () => {
  const url = (id: number, kind: string, step?: string) =>
    `/api/recruitment/${id}/materials/${kind}.docx${step ? `?step=${step}` : ''}`;
  /** The test clock's day: no material may carry it, every step is earlier. */
  const today = '2026年6月15日';
  const blank = '年　　月　　日';

  async function material(id: number, kind: string, step?: string): Promise<string> {
    const res = await admin.get(url(id, kind, step));
    expect(res.statusCode, `${kind}: ${res.body.slice(0, 200)}`).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    // REC_CHECK=/tmp/rec-check keeps each file to convert and look at (LibreOffice, pdftotext, pdftoppm).
    const dir = process.env.REC_CHECK;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${id}-${kind}${step ? `-${step}` : ''}.docx`), res.rawPayload);
    }
    const text = docxText(res.rawPayload);
    expect(text, kind).not.toMatch(/[{}]/);
    expect(text, kind).not.toContain(today);
    return text;
  }

  it('each material is dated by the step it records, never by the day it is downloaded', async () => {
    // D3: 支部大会 2026-04-20 (公示 04-12 to 04-19), not yet talked to or approved by the 党委.
    const expectations: [number, string, string | undefined, string[]][] = [
      [ids.d3!, 'talk_record', undefined, ['王对象', '女', '2024年3月1日', '入党申请人谈话记录']],
      [
        ids.d3!,
        'public_notice',
        undefined,
        [
          '关于拟接收王对象同志为中共预备党员的公示',
          '经网络学生党支部研究，拟接收王对象同志为中共预备党员，现将有关情况予以公示。',
          '2024年3月1日递交入党申请书，2024年9月10日被确定为入党积极分子，2025年9月20日被确定为发展对象。',
          '公示期：2026年4月12日至2026年4月19日。',
        ],
      ],
      [
        ids.d3!,
        'public_notice',
        'activist_designation',
        [
          '关于拟确定王对象同志为入党积极分子的公示',
          '2024年9月2日至2024年9月9日',
          '2024年3月1日递交入党申请书。',
        ],
      ],
      [ids.d3!, 'political_review', undefined, ['王对象', '合格', '周培养、吴介绍', '2025年9月20日']],
      [ids.d4!, 'admission_approval', undefined, ['赵转正', '3天，24学时', '周培养、吴介绍']],
      [ids.d4!, 'confirmation_approval', undefined, ['赵转正', '测试职业技术学院', '2026年3月20日']],
    ];
    for (const [id, kind, step, texts] of expectations) {
      const text = await material(id, kind, step);
      for (const s of texts) expect(text, kind).toContain(s);
    }
    // The 落款 is the recorded step's day: the talk, the first day of the 公示, the review.
    expect(await material(ids.d3!, 'talk_record')).toMatch(/网络学生党支部2024年3月10日$/);
    expect(await material(ids.d3!, 'public_notice')).toMatch(/网络学生党支部2026年4月12日$/);
    expect(await material(ids.d3!, 'public_notice', 'activist_designation')).toMatch(/2024年9月2日$/);
    expect(await material(ids.d3!, 'political_review')).toMatch(
      /审查结论政治审查结论：合格。.*2025年10月10日$/,
    );
  });

  it('the 审批表 have the boxes of the 支部, the 党总支 and the 党委, filled where recorded', async () => {
    const boxes = [
      '支部大会决议',
      '支部书记（签名）：',
      '党总支审查意见',
      '党总支书记（签名）：',
      '基层党委审批意见',
      '党委书记（签名）：',
    ];
    // D4, in a branch directly under the 党委: the whole procedure recorded.
    const admission = await material(ids.d4!, 'admission_approval');
    for (const s of boxes) expect(admission).toContain(s);
    expect(admission.match(/（盖章）/g)).toHaveLength(3);
    expect(admission).toContain(
      '2025年4月10日，图书馆直属党支部召开支部大会，讨论赵转正同志的入党申请。应到会有表决权的正式党员10人，实到8人。经表决，赞成7票，反对1票，弃权0票，同意接收赵转正同志为中共预备党员。',
    );
    expect(admission).toContain('图书馆直属党支部为党委直属党支部，不经党总支审查。');
    expect(admission).toContain('2025年4月20日，上级党委组织员与赵转正同志谈话。');
    expect(admission).toContain(
      '经审批，同意接收赵转正同志为中共预备党员，预备期自2025年4月10日至2026年4月10日。',
    );
    // Each box dated by its own step: the meeting, the talk, the approval (the 党总支 is not recorded: blank).
    expect(admission).toMatch(/同意接收赵转正同志为中共预备党员。支部书记（签名）：\s*（盖章）2025年4月10日/);
    expect(admission).toMatch(/谈话人（签名）：\s*2025年4月20日/);
    expect(admission).toMatch(/党委书记（签名）：\s*（盖章）2025年5月10日/);
    expect(admission).toMatch(/党总支书记（签名）：\s*（盖章）\s*年　　月　　日/);

    const confirmation = await material(ids.d4!, 'confirmation_approval');
    for (const s of boxes) expect(confirmation).toContain(s);
    expect(confirmation).toContain('同意赵转正同志按期转为中共正式党员。支部书记（签名）');
    expect(confirmation).toContain('经审批，同意赵转正同志按期转为中共正式党员，党龄自2026年4月10日算起。');
    expect(confirmation).toMatch(/支部书记（签名）：\s*（盖章）2026年4月10日/);
    expect(confirmation).toMatch(/党委书记（签名）：\s*（盖章）2026年5月10日/);

    // D3, under a 党总支: the 党委 has not talked to or approved the applicant yet, so those are blank.
    const pending = await material(ids.d3!, 'admission_approval');
    for (const s of boxes) expect(pending).toContain(s);
    expect(pending).toContain('同意接收王对象同志为中共预备党员。');
    expect(pending).not.toContain('不经党总支审查');
    expect(pending).not.toContain('经审批');
    expect(pending).toMatch(/谈话人（签名）：\s*\s*年　　月　　日/);
    expect(pending).toMatch(new RegExp(`党委书记（签名）：\\s*（盖章）\\s*${blank}$`));
  });

  it('a 公示 is never made up: none recorded answers 409 and the dossier says why', async () => {
    // D1 has only applied; D2 is an activist (its 公示 recorded), 确定发展对象 not yet.
    const none = await admin.get(url(ids.d1!, 'public_notice'));
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toBe(
      '发展党员公示：尚未登记公示期（公示期在登记确定入党积极分子、确定发展对象、接收预备党员或转正的步骤时填写），暂不能生成',
    );
    const next = await admin.get(url(ids.d2!, 'public_notice', 'candidate_designation'));
    expect(next.statusCode).toBe(409);
    expect(next.json().message).toBe(
      '发展党员公示（发展对象）：尚未登记第7步“确定发展对象”及其公示期，暂不能生成',
    );
    // Without a step: the one recorded, not one starting today.
    const d2 = await material(ids.d2!, 'public_notice');
    expect(d2).toContain('关于拟确定李积极同志为入党积极分子的公示');
    expect(d2).toContain('2025年4月7日至2025年4月14日');
    // Only the 公示 has a step to choose.
    expect((await admin.get(url(ids.d2!, 'talk_record', 'activist_designation'))).statusCode).toBe(400);

    const detail = (await admin.get(`/api/recruitment/${ids.d2}`)).json();
    expect(detail.materials).toEqual([
      {
        kind: 'talk_record',
        noticeStep: null,
        label: '入党申请人谈话记录',
        available: true,
        onDate: '2025-01-20',
        reason: null,
      },
      {
        kind: 'public_notice',
        noticeStep: 'activist_designation',
        label: '发展党员公示（入党积极分子）',
        available: true,
        onDate: '2025-04-07',
        reason: null,
      },
      {
        kind: 'political_review',
        noticeStep: null,
        label: '政治审查综合材料',
        available: false,
        onDate: null,
        reason: '尚未登记第10步“进行政治审查”，暂不能生成',
      },
      {
        kind: 'admission_approval',
        noticeStep: null,
        label: '接收预备党员审批表',
        available: false,
        onDate: null,
        reason: '尚未登记第15步“支部大会讨论”，暂不能生成',
      },
      {
        kind: 'confirmation_approval',
        noticeStep: null,
        label: '预备党员转正审批表',
        available: false,
        onDate: null,
        reason: '尚未登记第23步“支部大会讨论”，暂不能生成',
      },
    ]);
    const d1 = (await admin.get(`/api/recruitment/${ids.d1}`)).json();
    expect(d1.materials.find((m: { kind: string }) => m.kind === 'public_notice').reason).toBe(
      none.json().message.replace('发展党员公示：', ''),
    );
  });

  it('a material whose step is missing answers 409; outside the scope 404', async () => {
    for (const kind of [
      'talk_record',
      'public_notice',
      'political_review',
      'admission_approval',
      'confirmation_approval',
    ]) {
      const res = await admin.get(url(ids.d1!, kind));
      expect(res.statusCode, kind).toBe(409);
      expect(res.json().message).toMatch(/尚未登记/);
    }
    // D5 is a 预备党员: no 转正 meeting yet.
    expect((await admin.get(url(ids.d5!, 'confirmation_approval'))).json().message).toBe(
      '预备党员转正审批表：尚未登记第23步“支部大会讨论”，暂不能生成',
    );
    expect((await secB.get(url(ids.d1!, 'talk_record'))).statusCode).toBe(404);
    expect((await secA.get(url(ids.d2!, 'talk_record'))).statusCode).toBe(200);
    expect((await admin.get(url(999999, 'talk_record'))).statusCode).toBe(404);
  });

  it('lists and downloads the templates', async () => {
    const list = (await secA.get('/api/recruitment/templates')).json();
    expect(list.map((x: { kind: string }) => x.kind)).toEqual([
      'talk_record',
      'public_notice',
      'political_review',
      'admission_approval',
      'confirmation_approval',
    ]);
    expect(list[0]).toMatchObject({ custom: false, fileName: null });
    expect(list[0].placeholders).toContainEqual({ key: '姓名', label: '姓名' });
    const res = await secA.get('/api/recruitment/templates/talk_record.docx');
    expect(res.statusCode).toBe(200);
    expect(docxText(res.rawPayload)).toContain('{姓名}');
  });

  it('a school template is checked, used for the next material, and can be reset', async () => {
    const tpl = '/api/recruitment/templates/talk_record?fileName=%E8%B0%88%E8%AF%9D.docx';
    // Only org_admin may change templates.
    expect((await putRaw(secA, tpl, await docxWith('{姓名}'))).statusCode).toBe(403);
    const unknown = await putRaw(admin, tpl, await docxWith('{姓名} 籍贯：{籍贯}，{政治面貌}'));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().message).toContain('{籍贯}、{政治面貌}');
    const notDocx = await putRaw(admin, tpl, Buffer.from('这不是 Word 文件'));
    expect(notDocx.statusCode).toBe(422);
    expect(notDocx.json().message).toContain('模板文件');
    for (const { content } of hostileUploads)
      expect((await putRaw(admin, tpl, content)).json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const broken = await putRaw(admin, tpl, await docxWith('谈话对象：{姓名'));
    expect(broken.statusCode).toBe(422);
    expect(broken.json().message).toContain('“{姓名”缺少右括号 }');
    expect((await admin.get('/api/recruitment/templates')).json()[0].custom).toBe(false);

    // A school template of before (its {今天} is now the 落款 date: the talk's, not the download's).
    const ok = await putRaw(admin, tpl, await docxWith('本校谈话记录：{姓名}于{谈话日期}谈话。{今天}'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()[0]).toMatchObject({ kind: 'talk_record', custom: true, fileName: '谈话.docx' });
    const custom = docxText((await admin.get(url(ids.d3!, 'talk_record'))).rawPayload);
    expect(custom).toBe('本校谈话记录：王对象于2024年3月10日谈话。2024年3月10日');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', 'like', 'recruitment.template.%')
      .execute();
    expect(audit).toEqual([{ action: 'recruitment.template.upload', target_id: 'talk_record' }]);

    const reset = await t.app.inject({
      method: 'DELETE',
      url: '/api/recruitment/templates/talk_record',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()[0].custom).toBe(false);
    const back = docxText((await admin.get(url(ids.d3!, 'talk_record'))).rawPayload);
    expect(back).toContain('入党申请人谈话记录');
    expect(back).not.toContain('本校谈话记录');
  });
});

describe('reminders and alerts', () => {
  type Item = {
    ruleId: string;
    severity: string;
    message: string;
    orgId: number;
    dueDate?: string;
    clause: { article: string };
  };

  it('an overdue talk is an error on the branch, seen by its secretary and not by another branch', async () => {
    const a = (await secA.get('/api/alerts?pageSize=200')).json().items as Item[];
    const talk = a.filter((f) => f.ruleId === 'recruitment.talk_late');
    expect(talk).toHaveLength(1);
    expect(talk[0]).toMatchObject({ severity: 'error', orgId: tree.branchA.id, dueDate: '2026-06-01' });
    expect(talk[0]!.message).toContain('张逾期');
    expect(talk[0]!.clause.article).toBe('第七条');
    const b = (await secB.get('/api/alerts?pageSize=200')).json().items as Item[];
    expect(b.some((f) => f.message.includes('张逾期'))).toBe(false);
    // D5's 预备期 ends within 30 days: warnings on branch B.
    const probation = b.filter((f) => f.ruleId.startsWith('recruitment.'));
    expect(probation.map((f) => [f.ruleId, f.severity]).sort()).toEqual([
      ['recruitment.confirmation_late', 'warning'],
      ['recruitment.probation_not_ended', 'warning'],
    ]);
    // The 组织部 sees every one: D1 (error), D5 (2 warnings), D7's talk (warning).
    const all = (await admin.get('/api/alerts?pageSize=200')).json().items as Item[];
    expect(all.filter((f) => f.ruleId.startsWith('recruitment.'))).toHaveLength(4);
    const rules = (await admin.get('/api/alerts/rules')).json() as { ruleId: string }[];
    expect(rules.map((r) => r.ruleId)).toContain('recruitment.talk_late');
  });

  it('reminders list what reminds now or within 30 days, earliest first', async () => {
    const res = await admin.get('/api/recruitment/reminders');
    expect(res.statusCode).toBe(200);
    const items = res.json() as {
      recruitmentId: number;
      kind: string;
      dueOn: string;
      overdue: boolean;
      reminding: boolean;
      personName: string;
      orgName: string;
    }[];
    expect(items.map((i) => [i.personName, i.kind, i.dueOn, i.overdue, i.reminding])).toEqual([
      ['张逾期', 'talk', '2026-06-01', true, true],
      ['钱预备', 'probation_end', '2026-07-01', false, true],
      ['周直属', 'talk', '2026-07-10', false, true],
      // Reminded from 2026-06-20: within the next 30 days, not yet reminding.
      ['王对象', 'admission_approval', '2026-07-20', false, false],
      ['钱预备', 'confirmation_meeting', '2026-08-01', false, true],
    ]);
    expect(items[0]).toMatchObject({ recruitmentId: ids.d1, orgName: '软件教工党支部' });
    const b = (await secB.get('/api/recruitment/reminders')).json() as { personName: string }[];
    expect(b.map((i) => i.personName)).toEqual(['钱预备', '王对象', '钱预备']);
  });
});

describe('dashboard', () => {
  it('counts the 发展党员 deadlines overdue or reminding in scope', async () => {
    // 组织部: D1 (overdue), D5 ×2, D7; branch B: D5 ×2; branch A: D1.
    expect((await admin.get('/api/dashboard')).json().recruitmentDue).toBe(4);
    expect((await secB.get('/api/dashboard')).json().recruitmentDue).toBe(2);
    expect((await secA.get('/api/dashboard')).json().recruitmentDue).toBe(1);
  });
});
