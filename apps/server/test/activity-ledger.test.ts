import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActivity, insertReview } from './fixtures/activities.ts';
import { docxText, expectPrintFrame, occurrences, titleParagraphXml } from './fixtures/docx.ts';
import { zipPartText } from './fixtures/member-xlsx.ts';
import { createTestApp, type TestApp } from './helpers.ts';
import { expectPrintReady } from './print-ready.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let t: TestApp;
type Client = Awaited<ReturnType<TestApp['as']>>;
let admin: Client;
let sec: Client;
let tree: Awaited<ReturnType<TestApp['factory']['tree']>>;
let people: Record<'zhang' | 'li' | 'wang' | 'zhao' | 'qian' | 'guest', number>;
let generalMeeting: number;
let talk: number;
let themeDay: number;

async function workbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
const text = (xml: string) => xml.replace(/<[^>]+>/g, '');

beforeAll(async () => {
  t = await createTestApp();
  tree = await t.factory.tree();
  const group = await t.factory.org({ parentId: tree.branchA.id, type: 'group', name: '第一党小组' });
  const a = tree.branchA.id;
  people = {
    zhang: await t.factory.person({ orgId: a, name: '张书记' }),
    li: await t.factory.person({ orgId: a, name: '李委员' }),
    wang: await t.factory.person({ orgId: a, name: '王缺席' }),
    zhao: await t.factory.person({ orgId: group.id, name: '赵请假' }),
    qian: await t.factory.person({ orgId: a, name: '钱预备', status: 'probationary' }),
    guest: await t.factory.person({ orgId: tree.branchB.id, name: '孙列席' }),
  };
  admin = await t.as([{ role: 'org_admin', orgId: null }]);
  sec = await t.as([{ role: 'branch_secretary', orgId: a }]);
  const all = (present: number[], extra: { absent?: number[]; leave?: number[] } = {}) => [
    ...present.map((personId) => ({ personId, status: 'present' as const })),
    ...(extra.absent ?? []).map((personId) => ({ personId, status: 'absent' as const })),
    ...(extra.leave ?? []).map((personId) => ({
      personId,
      status: 'leave' as const,
      leaveReason: '外出培训',
    })),
  ];
  // Two 支委会 in March, one in April; a 党员大会 with a vote in June; a 党小组会 of the group in June.
  await insertActivity(t.db, {
    orgId: a,
    kind: 'committee_meeting',
    onDate: '2026-03-05',
    attendees: all([people.zhang, people.li]),
  });
  await insertActivity(t.db, {
    orgId: a,
    kind: 'committee_meeting',
    onDate: '2026-03-26',
    attendees: all([people.zhang, people.li]),
  });
  const april = await insertActivity(t.db, {
    orgId: a,
    kind: 'committee_meeting',
    onDate: '2026-04-09',
    title: '四月支委会',
    attendees: all([people.zhang], { absent: [people.li] }),
  });
  await insertReview(t.db, april, { rating: 'basic', content: '议题记录过简' });
  generalMeeting = await insertActivity(t.db, {
    orgId: a,
    kind: 'general_meeting',
    onDate: '2026-06-11',
    title: '接收预备党员支部党员大会',
    hostPersonId: people.zhang,
    recorderPersonId: people.li,
    agenda: [
      { title: '学习习近平总书记最新重要讲话精神', isFirstTopic: true, note: null },
      { title: '讨论接收周某为预备党员', isFirstTopic: false, note: null },
    ],
    minutes: '张书记传达了讲话精神。\n与会党员逐一发表意见。',
    attendees: [
      ...all([people.zhang, people.li, people.qian], { absent: [people.wang], leave: [people.zhao] }),
      { personId: people.guest, status: 'present', role: 'guest' },
    ],
    resolutions: [
      {
        title: '接收周某为预备党员',
        vote: {
          entitled: 4,
          presentEntitled: 2,
          votesFor: 2,
          votesAgainst: 0,
          abstentions: 0,
          writtenFor: 1,
          outcome: 'passed',
        },
      },
      { title: '下月开展主题党日', content: '由李委员负责组织。' },
    ],
  });
  await insertActivity(t.db, {
    orgId: group.id,
    kind: 'group_meeting',
    onDate: '2026-06-18',
    attendees: all([people.zhao]),
  });
  themeDay = await insertActivity(t.db, {
    orgId: a,
    kind: 'theme_day',
    onDate: '2026-06-25',
    segments: [
      { name: '学习', minutes: 60, content: '学习党章' },
      { name: '实做', minutes: 60, content: '社区志愿服务' },
    ],
  });
  talk = await insertActivity(t.db, {
    orgId: a,
    kind: 'talk',
    onDate: '2026-05-20',
    hostPersonId: people.zhang,
    partnerPersonId: people.wang,
    topic: '思想状况与工作困难',
  });
  // Not in the ledger: an open record, a cancelled one, another year, another branch.
  await insertActivity(t.db, { orgId: a, kind: 'committee_meeting', onDate: '2026-05-07', status: 'held' });
  await insertActivity(t.db, {
    orgId: a,
    kind: 'committee_meeting',
    onDate: '2026-05-14',
    status: 'cancelled',
  });
  await insertActivity(t.db, { orgId: a, kind: 'committee_meeting', onDate: '2025-12-31' });
  await insertActivity(t.db, { orgId: tree.branchB.id, kind: 'committee_meeting', onDate: '2026-03-05' });
});

afterAll(async () => {
  await t?.close();
});

describe('三会一课 ledger (xlsx)', () => {
  it('counts closed records per month, lists each kind with attendance, first topic, votes and ratings', async () => {
    const res = await admin.get(`/api/activities/ledger.xlsx?orgId=${tree.branchA.id}&year=2026`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(xlsxType);
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '支委会',
      '支部党员大会',
      '党小组会',
      '党课',
      '主题党日',
      '谈心谈话',
    ]);
    const summary = wb.getWorksheet('汇总')!;
    expect(String(rowValues(summary, 1)[0])).toContain('软件教工党支部 2026年');
    expect(String(rowValues(summary, 2)[0])).toContain('只收录已归档');
    expect(rowValues(summary, 3)).toEqual([
      '月份',
      '支委会',
      '支部党员大会',
      '党小组会',
      '党课',
      '主题党日',
      '合计',
      '缺项（按组织生活制度）',
    ]);
    await expectPrintReady(res.rawPayload, 'activity-ledger', '汇总');
    // Rows 4..15 are the months: March has two 支委会, May's held and cancelled ones do not count.
    // The last column is what the rules found missing (the branch has no committee term: no 支委会 owed).
    expect(rowValues(summary, 6)).toEqual([
      '3月',
      2,
      0,
      0,
      0,
      0,
      2,
      '支部党员大会（2026年第一季度）；党课（2026年第一季度）；主题党日；第一党小组党小组会',
    ]);
    expect(rowValues(summary, 7)).toEqual(['4月', 1, 0, 0, 0, 0, 1, '主题党日；第一党小组党小组会']);
    expect(rowValues(summary, 8)).toEqual(['5月', 0, 0, 0, 0, 0, 0, '主题党日；第一党小组党小组会']);
    // June is under way on 15 June: nothing is missing yet.
    expect(rowValues(summary, 9)).toEqual(['6月', 0, 1, 1, 0, 1, 3, '—']);
    expect(rowValues(summary, 16)).toEqual(['全年', 3, 1, 1, 0, 1, 6]);

    const committee = wb.getWorksheet('支委会')!;
    expect(rowValues(committee, 3).slice(0, 3)).toEqual(['日期', '时间', '主题']);
    await expectPrintReady(res.rawPayload, 'activity-ledger-committee', '支委会');
    expect(committee.pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: true,
      printTitlesRow: '3:3',
    });
    expect(committee.rowCount).toBe(6);
    const aprilRow = rowValues(committee, 6);
    expect(aprilRow.slice(0, 3)).toEqual(['2026-04-09', '14:30–16:00', '四月支委会']);
    expect(aprilRow.slice(6, 11)).toEqual([2, 1, 0, 1, '李委员']);
    expect(aprilRow[13]).toBe('基本规范（组织部检查组）：议题记录过简');

    const general = rowValues(wb.getWorksheet('支部党员大会')!, 4);
    expect(general.slice(4, 11)).toEqual(['张书记', '李委员', 5, 3, 1, 1, '王缺席']);
    expect(general[11]).toBe('学习习近平总书记最新重要讲话精神');
    expect(general[12]).toBe(
      '接收周某为预备党员（有表决权4人，到会2人；赞成3票，反对0票，弃权0票，其中书面表决赞成1票、反对0票；通过）\n下月开展主题党日（不表决）',
    );
    const group = rowValues(wb.getWorksheet('党小组会')!, 4);
    expect(group[2]).toContain('（第一党小组）');
  });

  it('answers 404 for a branch outside the scope, 400 for a 党委, 401/403 without session or permission', async () => {
    const own = await sec.get(`/api/activities/ledger.xlsx?orgId=${tree.branchA.id}&year=2026`);
    expect(own.statusCode).toBe(200);
    expect((await sec.get(`/api/activities/ledger.xlsx?orgId=${tree.branchB.id}&year=2026`)).statusCode).toBe(
      404,
    );
    const committee = await admin.get(`/api/activities/ledger.xlsx?orgId=${tree.committee.id}&year=2026`);
    expect(committee.statusCode).toBe(400);
    expect(committee.json().message).toContain('orgId');
    const noYear = await admin.get(`/api/activities/ledger.xlsx?orgId=${tree.branchA.id}`);
    expect(noYear.statusCode).toBe(400);
    expect(
      (await t.anonymous.get(`/api/activities/ledger.xlsx?orgId=${tree.branchA.id}&year=2026`)).statusCode,
    ).toBe(401);
    const plain = await t.as([{ role: 'member', orgId: null }]);
    expect(
      (await plain.get(`/api/activities/ledger.xlsx?orgId=${tree.branchA.id}&year=2026`)).statusCode,
    ).toBe(403);
    expect((await plain.get(`/api/activities/${generalMeeting}/minutes.docx`)).statusCode).toBe(403);
  });
});

describe('minutes (docx)', () => {
  it('names under 双重组织生活 only the leaders who took part, not one on leave', async () => {
    // A year the ledger tests do not read.
    const id = await insertActivity(t.db, {
      orgId: tree.branchA.id,
      kind: 'general_meeting',
      onDate: '2025-05-15',
      title: '领导干部参加的支部党员大会',
      minutes: '学习党章。',
      attendees: [
        { personId: people.zhang, status: 'present', role: 'dual_life' },
        { personId: people.li, status: 'leave', role: 'dual_life', leaveReason: '出差' },
        { personId: people.wang, status: 'present' },
      ],
    });
    const body = docxText((await sec.get(`/api/activities/${id}/minutes.docx`)).rawPayload);
    expect(body).toContain('双重组织生活张书记（以普通党员身份参加）');
    expect(body).toContain('请假人员：李委员（出差）');
    expect(body).not.toContain('李委员（以普通党员身份参加）');
  });

  it('has the title, time, place, host, recorder, attendance names, first topic, content and the vote line', async () => {
    const res = await sec.get(`/api/activities/${generalMeeting}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(docxType);
    expect(res.headers['content-disposition']).toContain('minutes-');
    const xml = zipPartText(res.rawPayload, 'word/document.xml');
    const body = text(xml);
    // The org on one line, the kind of record on the next: never 支部党员大/会 broken inside a word.
    expect(titleParagraphXml(res.rawPayload).map(text)).toEqual(['软件教工党支部', '支部党员大会会议记录']);
    expect(body).toContain('2026年6月11日 14:30–16:00');
    expect(body).toContain('行政楼301会议室');
    expect(body).toContain('主持人张书记');
    expect(body).toContain('记录人李委员');
    expect(body).toContain('应到5人，实到3人，请假1人，缺席1人。');
    expect(body).toContain('请假人员：赵请假（外出培训）');
    expect(body).toContain('缺席人员：王缺席');
    expect(body).toContain('列席人员孙列席');
    expect(body).toContain('1. 【第一议题】学习习近平总书记最新重要讲话精神');
    expect(body).toContain('2. 讨论接收周某为预备党员');
    expect(body).toContain('张书记传达了讲话精神。');
    // The vote once, in the 决议 row, with the written votes named because there was one.
    const vote = '有表决权4人，到会2人；赞成3票，反对0票，弃权0票，其中书面表决赞成1票、反对0票；通过';
    expect(occurrences(body, vote)).toBe(1);
    expect(occurrences(body, '有表决权')).toBe(1);
    expect(body).toContain(`决议1. 接收周某为预备党员（${vote}）2. 下月开展主题党日由李委员负责组织。`);
    expect(body).not.toContain('尚未归档');
    // A4 portrait, 宋体, page numbers, a title that cannot overlap itself.
    expectPrintFrame(res.rawPayload, 'portrait');
    expect(zipPartText(res.rawPayload, 'word/styles.xml')).toContain('宋体');
  });

  it('prints the two people and topic of a 谈心谈话 and the segments of a 主题党日', async () => {
    const talkBody = docxText((await admin.get(`/api/activities/${talk}/minutes.docx`)).rawPayload);
    expect(talkBody).toContain('软件教工党支部谈心谈话记录');
    expect(talkBody).toContain('谈话人（签字）');
    expect(talkBody).not.toContain('决议');
    expect(talkBody).toContain('谈话人张书记');
    expect(talkBody).toContain('谈话对象王缺席');
    expect(talkBody).toContain('谈话主题思想状况与工作困难');
    const dayBody = text(
      zipPartText(
        (await admin.get(`/api/activities/${themeDay}/minutes.docx`)).rawPayload,
        'word/document.xml',
      ),
    );
    expect(dayBody).toContain('学习（60分钟）：学习党章');
    expect(dayBody).toContain('实做（60分钟）：社区志愿服务');
  });

  it('answers 404 outside the scope and for a missing record', async () => {
    const other = await t.as([{ role: 'branch_secretary', orgId: tree.branchB.id }]);
    expect((await other.get(`/api/activities/${generalMeeting}/minutes.docx`)).statusCode).toBe(404);
    expect((await admin.get('/api/activities/999999/minutes.docx')).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/activities/${generalMeeting}/minutes.docx`)).statusCode).toBe(401);
  });
});

describe("a member's attendance record", () => {
  it('counts expected, present, leave and absent of the year and computes the rate', async () => {
    const res = await sec.get(`/api/members/${people.li}/attendance?year=2026`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    // 李委员: three 支委会 (present, present, absent) and the 党员大会 (present).
    expect(r).toMatchObject({
      name: '李委员',
      year: 2026,
      counts: { expected: 4, present: 3, leave: 0, absent: 1 },
    });
    expect(r.rate).toBeCloseTo(0.75);
    expect(r.items.map((i: { onDate: string }) => i.onDate)).toEqual([
      '2026-06-11',
      '2026-04-09',
      '2026-03-26',
      '2026-03-05',
    ]);
    const zhao = (await sec.get(`/api/members/${people.zhao}/attendance?year=2026`)).json();
    expect(zhao.counts).toEqual({ expected: 2, present: 1, leave: 1, absent: 0 });
    expect(zhao.rate).toBe(1);
    expect(zhao.items.find((i: { status: string }) => i.status === 'leave').leaveReason).toBe('外出培训');
    const guest = (await admin.get(`/api/members/${people.guest}/attendance?year=2026`)).json();
    expect(guest.counts.expected).toBe(0);
    expect(guest.rate).toBeNull();
    expect(guest.items).toHaveLength(1);
  });

  it('exports the record as xlsx with the summary line and one row per record', async () => {
    const res = await sec.get(`/api/members/${people.li}/attendance.xlsx?year=2026`);
    expect(res.statusCode).toBe(200);
    const { sheet: ws } = await expectPrintReady(res.rawPayload, 'attendance-record');
    expect(rowValues(ws, 1)[0]).toBe('李委员 2026年组织生活出勤记录');
    expect(String(rowValues(ws, 2)[0])).toContain('应到4次，出席3次，请假0次，缺席1次；出勤率75.0%');
    expect(rowValues(ws, 5).slice(0, 6)).toEqual([
      '2026-04-09',
      '软件教工党支部',
      '支委会',
      '四月支委会',
      '本组织党员',
      '缺席',
    ]);
    expect(ws.rowCount).toBe(7);
  });

  it('answers 404 for a person outside the scope, 401/403 without session or permission', async () => {
    expect((await sec.get(`/api/members/${people.guest}/attendance`)).statusCode).toBe(404);
    expect((await sec.get(`/api/members/${people.guest}/attendance.xlsx`)).statusCode).toBe(404);
    expect((await admin.get('/api/members/999999/attendance')).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/members/${people.li}/attendance`)).statusCode).toBe(401);
    const plain = await t.as([{ role: 'member', orgId: null }]);
    expect((await plain.get(`/api/members/${people.li}/attendance`)).statusCode).toBe(403);
  });
});
