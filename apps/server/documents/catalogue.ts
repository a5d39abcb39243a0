/**
 * Every document the server generates, as the check downloads it from the demo college: who asks, which
 * URL, and what the printed pages must show — page bounds derived from the data behind the document, the
 * text each page repeats (a spreadsheet's header row, a page number), and the phrases it must hold.
 * `gatherFacts` reads the ids and counts through the API as the caller's pages would.
 */
import {
  type ActivityDetail,
  type ActivityListItem,
  type AssessmentRoundDetail,
  type AssessmentRoundItem,
  type CadreReviewItem,
  type CampaignItem,
  type DutyReviewItem,
  type InspectionDetail,
  type InspectionItem,
  type MemberAppraisalItem,
  type OrgListItem,
  type PartyStatistics,
  type RecruitmentListItem,
  type RecruitmentTemplateKind,
  recruitmentTemplateKindLabels,
  recruitmentTemplateKinds,
  type SupervisedTaskItem,
  type TransferListItem,
} from '@dangjian/core';
import { ledgerSummaryKinds } from '../src/modules/activities/ledger.ts';
import { type Account, type Client, checkDay, type DemoCollege } from './demo-college.ts';

/** '2026-06-15' → '2026年6月15日', as the documents print a day. */
export const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

interface Page<T> {
  items: T[];
  total: number;
}

/** Every item of a paged list (200 a page, the API's largest). */
async function all<T>(client: Client, url: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`${url}${url.includes('?') ? '&' : '?'}pageSize=200&page=${page}`);
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    const body = res.json() as Page<T>;
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) return items;
  }
}

async function json<T>(client: Client, url: string): Promise<T> {
  const res = await client.get(url);
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** What the documents are about, read from the demo college through the API. */
export async function gatherFacts({ clients }: DemoCollege) {
  const { zzb, zhibu, leader } = clients;
  const year = Number(checkDay.slice(0, 4));
  // zhibu's branch: the ledger, the roster of a branch and one member's attendance come from it.
  const grant = zhibu.me!.user.roles[0]!;
  const branch = { id: grant.orgId!, name: grant.orgName! };
  const closed = await all<ActivityListItem>(
    zhibu,
    `/api/activities?orgId=${branch.id}&status=closed&from=${year}-01-01&to=${year}-12-31`,
  );
  const ledgerKinds = new Set<string>([...ledgerSummaryKinds, ...closed.map((a) => a.kind)]);

  // The member of the branch with the longest attendance record this year.
  const branchMembers = await all<{ id: number; name: string }>(zhibu, `/api/members?orgId=${branch.id}`);
  const records = await Promise.all(
    branchMembers.map((m) =>
      json<{ personId: number; name: string; items: unknown[] }>(
        leader,
        `/api/members/${m.id}/attendance?year=${year}`,
      ),
    ),
  );
  const attendee = records.reduce((a, b) => (b.items.length > a.items.length ? b : a));

  // A closed 支部党员大会 with votes: the first of the school's, latest first.
  const meetings = await all<ActivityListItem>(zzb, '/api/activities?kind=general_meeting&status=closed');
  let meeting: ActivityDetail | null = null;
  for (const m of meetings.slice(0, 80)) {
    const detail = await json<ActivityDetail>(zzb, `/api/activities/${m.id}`);
    if (detail.resolutions.some((r) => r.isVote)) {
      meeting = detail;
      break;
    }
  }
  if (!meeting) throw new Error('the demo has no closed 支部党员大会 with a vote among the latest 80');

  // The branch whose roster is nearest 32 members: two or three landscape pages.
  const orgs = await json<OrgListItem[]>(zzb, '/api/orgs');
  const rosterOrg = orgs
    .filter((o) => o.type === 'branch' && o.memberCount > 0)
    .reduce((a, b) => (Math.abs(b.memberCount - 32) < Math.abs(a.memberCount - 32) ? b : a));

  const members = (await json<Page<unknown>>(leader, '/api/members?pageSize=1')).total;
  const dossiers = await all<RecruitmentListItem>(zzb, '/api/recruitment?outcome=all');
  // A dossier that went the whole way: every material can be generated from recorded steps.
  const confirmed = dossiers.find((d) => d.outcome === 'confirmed');
  if (!confirmed) throw new Error('the demo has no confirmed 发展党员 dossier');

  const outgoing = await all<TransferListItem>(zzb, '/api/transfers?kind=outgoing');
  const transfer = outgoing.find((t) => t.abilities.downloadLetter);
  if (!transfer) throw new Error('the demo has no outgoing transfer with a letter');

  const alerts = (await json<Page<unknown>>(leader, '/api/alerts?pageSize=1')).total;
  // The 督办台账 of the whole college, and the 督办单 of a task with progress reports (the latest of them).
  const tasks = await all<SupervisedTaskItem>(zzb, '/api/supervised-tasks');
  const rectifications = (await json<Page<unknown>>(zzb, '/api/rectifications?pageSize=1')).total;
  const task = tasks.find((t) => t.lastReportOn !== null) ?? tasks[0];
  if (!task) throw new Error('the demo has no supervised task');
  // The 巡察整改台账 of the completed round (its 回头看 found one problem back).
  const rounds = await all<InspectionItem>(zzb, '/api/inspections');
  const past = rounds.find((r) => r.units.every((u) => u.status === 'looked_back'));
  if (!past) throw new Error('the demo has no completed 巡察 round');
  const round = await json<InspectionDetail>(zzb, `/api/inspections/${past.id}`);
  // The 报送情况汇总表 of the year's “个个过关、全面过硬” 问题清单: a row for every org of the college.
  const campaigns = await all<CampaignItem>(zzb, '/api/rectification-campaigns');
  const allPass = campaigns.find((c) => c.kind === 'all_pass_check');
  if (!allPass) throw new Error('the demo has no “个个过关、全面过硬” 问题清单');
  // Last year's 民主评议党员 of the branch at the one-third limit of 优秀 (with its 不合格 member): 登记表 and 汇总表.
  const appraisals = await all<MemberAppraisalItem>(zzb, `/api/member-appraisals?year=${year - 1}`);
  const appraisal = appraisals.find((a) => a.decided?.unqualified);
  if (!appraisal) throw new Error('the demo has no appraisal with a 不合格 member');
  // Last year's 星级 round, final: its results sheet (a row for every branch) and the scorecard of its vetoed branch.
  const assessments = await all<AssessmentRoundItem>(zzb, '/api/assessments');
  const starRound = assessments.find((r) => r.title.includes('星级') && (r.progress.final ?? 0) > 0);
  if (!starRound) throw new Error('the demo has no final 星级 round');
  const starBoard = await json<AssessmentRoundDetail>(zzb, `/api/assessments/${starRound.id}`);
  const vetoed = starBoard.orgs.find((o) => o.vetoed);
  if (!vetoed) throw new Error('the demo’s 星级 round has no vetoed branch');
  // Last year's 述职评议 of the 党委, published: a row for every 总支 and 直属支部 secretary.
  const dutyReviews = await all<DutyReviewItem>(zzb, '/api/duty-reviews');
  const dutyReview = dutyReviews.find((r) => r.status === 'published');
  if (!dutyReview) throw new Error('the demo has no published 述职评议');
  // Last year's 中层干部年度考核, published: a row for every cadre of the roster (the roster's demo step first).
  const cadreReviews = await all<CadreReviewItem>(zzb, '/api/cadre-reviews');
  const cadreReview = cadreReviews.find((r) => r.status === 'published');
  if (!cadreReview) throw new Error('the demo has no published 中层干部年度考核');
  // 学时 of zhibu's branch (a row per member) and the party-work incentives of the college (a row per post holder).
  const trainingHours = (
    await json<Page<unknown>>(zhibu, `/api/training-hours?orgId=${branch.id}&year=${year}&pageSize=1`)
  ).total;
  const incentives = (await json<{ items: unknown[] }>(zzb, `/api/training-incentives?year=${year}`)).items
    .length;
  // Last year's 民主评议党员 and 述职评议 of the college, as the 党内统计年报 reads them.
  const statistics = await json<PartyStatistics>(zzb, `/api/party-statistics?year=${year - 1}`);
  // The 后备干部库 of the college (a row per candidate).
  const reserve = (await json<Page<unknown>>(zzb, '/api/cadre-reserve?pageSize=1')).total;
  return {
    year,
    branch,
    training: { hours: trainingHours, incentives },
    statistics: {
      year: statistics.year,
      branches: statistics.appraisal.rows.length,
      secretaries: statistics.dutyReview.rows.length,
    },
    reserve,
    dutyReview: { id: dutyReview.id, title: dutyReview.title, subjects: dutyReview.subjects },
    cadreReview: { id: cadreReview.id, title: cadreReview.title, subjects: cadreReview.subjects },
    assessment: { id: starRound.id, title: starRound.title, orgs: starBoard.orgs.length, vetoed },
    ledger: { records: closed.length, sheets: 1 + ledgerKinds.size },
    attendee: { id: attendee.personId, name: attendee.name, rows: attendee.items.length },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      votes: meeting.resolutions.filter((r) => r.isVote).length,
    },
    roster: { id: rosterOrg.id, name: rosterOrg.name, members: rosterOrg.memberCount },
    members,
    branchMembers: branchMembers.length,
    dossiers: dossiers.length,
    confirmed,
    transfer,
    alerts,
    supervision: { tasks: tasks.length, task },
    appraisal: { id: appraisal.id, org: appraisal.org.name, roll: appraisal.rollSize, year: appraisal.year },
    inspection: {
      id: round.id,
      name: round.name,
      problems: round.units.reduce((n, u) => n + u.items.length, 0),
    },
    rectifications,
    campaign: { id: allPass.id, name: allPass.name, orgs: allPass.progress.orgs },
  };
}

export type Facts = Awaited<ReturnType<typeof gatherFacts>>;

/** One document the check downloads and what its pages must show. */
export interface DocumentCase {
  /** File stem: the download, its PDF and docs/documents/<name>.png; names the document in every failure. */
  name: string;
  /** What it is, as the user knows it. */
  title: string;
  account: Account;
  format: 'docx' | 'xlsx';
  url: (f: Facts) => string;
  /** Fewest and most pages the data allows. */
  pages: (f: Facts) => readonly [number, number];
  /** Phrases the document holds (whitespace ignored). */
  contains: (f: Facts) => string[];
  /**
   * Text every page shows (whitespace ignored): a spreadsheet's or a register's header row, repeated on each
   * printed page. Alternatives for workbooks whose sheets have different headers: a page shows one set.
   */
  everyPage?: readonly (readonly string[])[];
  /**
   * ID numbers and mobile phones: `masked` (the caller may not see them, or did not ask: only masked forms,
   * and at least one shown), `full` (asked for in full: at least one full ID number), or `none` (the
   * document names no such number; still, no full one may appear).
   */
  numbers: 'masked' | 'full' | 'none';
  /** A template keeps its {占位符} on purpose; every other document must have them all filled. */
  isTemplate?: boolean;
}

/**
 * The pages `rows` table rows may take: at most `most` rows a page (more would print them too small to read),
 * at least `fewest` (rows with wrapped text are taller), spread over up to `bands` pages side by side when the
 * columns do not fit across one, plus `extra` pages (another sheet, a page of notes).
 */
export function rowPages(
  rows: number,
  fewest: number,
  most: number,
  { bands = 1, extra = 0 }: { bands?: number; extra?: number } = {},
): readonly [number, number] {
  return [Math.max(1, Math.ceil(rows / most)) + extra, Math.max(1, Math.ceil(rows / fewest)) * bands + extra];
}

const materialNames = {
  talk_record: 'talk-record',
  public_notice: 'public-notice',
  political_review: 'political-review',
  admission_approval: 'admission-approval',
  confirmation_approval: 'confirmation-approval',
} as const satisfies Record<RecruitmentTemplateKind, string>;

/** The dates a material states, from the dossier: a filled material shows the step's date. */
const materialDates = {
  talk_record: () => [],
  public_notice: () => [],
  political_review: () => [],
  admission_approval: (d: RecruitmentListItem) => (d.resolutionOn ? [chineseDate(d.resolutionOn)] : []),
  confirmation_approval: (d: RecruitmentListItem) => (d.confirmedOn ? [chineseDate(d.confirmedOn)] : []),
} as const satisfies Record<RecruitmentTemplateKind, (d: RecruitmentListItem) => string[]>;

/** The filled 发展党员 materials of the confirmed dossier: one page or two each. */
const materials: DocumentCase[] = recruitmentTemplateKinds.map((kind) => ({
  name: `recruitment-${materialNames[kind]}`,
  title: `发展党员材料：${recruitmentTemplateKindLabels[kind]}（Word）`,
  account: 'leader',
  format: 'docx',
  url: (f) => `/api/recruitment/${f.confirmed.id}/materials/${kind}.docx`,
  pages: () => [1, 2],
  contains: (f) => [f.confirmed.person.name, ...materialDates[kind](f.confirmed)],
  numbers: 'none',
}));

/** The built-in templates as the 组织部 downloads them to edit: placeholders kept. */
const templates: DocumentCase[] = recruitmentTemplateKinds.map((kind) => ({
  name: `template-${materialNames[kind]}`,
  title: `材料模板：${recruitmentTemplateKindLabels[kind]}（Word）`,
  account: 'zzb',
  format: 'docx',
  url: () => `/api/recruitment/templates/${kind}.docx`,
  pages: () => [1, 2],
  contains: () => ['{姓名}'],
  numbers: 'none',
  isTemplate: true,
}));

/** The documents, in the order the README lists them. */
export const documentCases: readonly DocumentCase[] = [
  {
    name: 'activity-ledger',
    title: '党支部“三会一课”年度台账（Excel）',
    account: 'zhibu',
    format: 'xlsx',
    url: (f) => `/api/activities/ledger.xlsx?orgId=${f.branch.id}&year=${f.year}`,
    // The 汇总 sheet and one sheet per kind, each starting a page; a record takes at most a third of a page.
    pages: (f) => [f.ledger.sheets, f.ledger.sheets + Math.ceil(f.ledger.records / 3)],
    contains: (f) => [f.branch.name, `${f.year}年`, '三会一课'],
    everyPage: [
      ['月份', '合计'],
      ['日期', '主持人', '应到', '实到'],
    ],
    numbers: 'none',
  },
  {
    name: 'attendance-record',
    title: '党员个人组织生活出勤记录（Excel）',
    account: 'leader',
    format: 'xlsx',
    url: (f) => `/api/members/${f.attendee.id}/attendance.xlsx?year=${f.year}`,
    pages: (f) => rowPages(f.attendee.rows, 15, 50),
    contains: (f) => [f.attendee.name, '出勤率'],
    everyPage: [['日期', '主题', '出勤']],
    numbers: 'none',
  },
  {
    name: 'minutes',
    title: '会议记录：支部党员大会（Word）',
    account: 'leader',
    format: 'docx',
    url: (f) => `/api/activities/${f.meeting.id}/minutes.docx`,
    pages: () => [1, 3],
    contains: (f) => [f.meeting.title, '出席', '议程', '决议'],
    numbers: 'none',
  },
  {
    name: 'members-export',
    title: '党员名册导出，全校，号码打码（Excel）',
    account: 'leader',
    format: 'xlsx',
    url: () => '/api/members/export',
    // Ten columns: across one landscape page, or two side by side with 姓名 repeated.
    pages: (f) => rowPages(f.members, 20, 50, { bands: 2 }),
    contains: () => ['姓名', '身份证号', '联系电话'],
    everyPage: [['姓名']],
    numbers: 'masked',
  },
  {
    name: 'members-export-full',
    title: '党员名册导出，一个支部，完整号码（留痕；Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/members/export?orgId=${f.branch.id}&unmasked=true`,
    pages: (f) => rowPages(f.branchMembers, 20, 50, { bands: 2 }),
    contains: () => ['姓名', '身份证号'],
    everyPage: [['姓名']],
    numbers: 'full',
  },
  {
    name: 'roster',
    title: '党支部党员名册（打印，Word 横向）',
    account: 'leader',
    format: 'docx',
    url: (f) => `/api/members/roster.docx?orgId=${f.roster.id}`,
    // A landscape page holds 12 to 20 rows under the title and the header.
    pages: (f) => rowPages(f.roster.members, 12, 20),
    contains: (f) => [f.roster.name, '党员名册', `共${f.roster.members}人`],
    everyPage: [['序号', '姓名', '出生年月', '入党时间']],
    numbers: 'none',
  },
  {
    name: 'member-import-template',
    title: '党员名册导入模板（Excel，含字典和填写说明）',
    account: 'zhibu',
    format: 'xlsx',
    url: () => '/api/members/import/template',
    // The 党员名册 sheet (a header and an example row: one page, two side by side at most), the 字典 (56 民族,
    // the branches, units and majors in scope …: up to six) and the 填写说明 (one or two).
    pages: () => [3, 10],
    contains: () => ['姓名', '身份证号', '民族', '汉族'],
    numbers: 'none',
  },
  {
    name: 'recruitment-ledger',
    title: '发展党员工作台账，全校（Excel，一人一行）',
    account: 'leader',
    format: 'xlsx',
    url: () => '/api/recruitment/ledger',
    // 42 columns (the 25 steps each have one): up to six pages side by side, 序号 and 姓名 repeated on each.
    pages: (f) => rowPages(f.dossiers, 8, 50, { bands: 6 }),
    contains: (f) => ['发展党员', f.confirmed.person.name],
    everyPage: [['序号', '姓名']],
    numbers: 'none',
  },
  ...materials,
  ...templates,
  {
    name: 'transfer-letter',
    title: '党员组织关系介绍信（存根、介绍信、回执；Word）',
    account: 'zzb',
    format: 'docx',
    url: (f) => `/api/transfers/${f.transfer.id}/letter.docx`,
    pages: () => [1, 3],
    contains: (f) => ['中国共产党党员组织关系介绍信', f.transfer.personName, f.transfer.letterNumber ?? ''],
    numbers: 'masked',
  },
  {
    name: 'transfer-letter-full',
    title: '党员组织关系介绍信，完整身份证号（留痕；Word）',
    account: 'zzb',
    format: 'docx',
    url: (f) => `/api/transfers/${f.transfer.id}/letter.docx?unmasked=true`,
    pages: () => [1, 3],
    contains: (f) => ['中国共产党党员组织关系介绍信', f.transfer.personName],
    numbers: 'full',
  },
  {
    name: 'alerts',
    title: '监测预警导出，全校（Excel）',
    account: 'leader',
    format: 'xlsx',
    url: () => '/api/alerts/export.xlsx',
    // Long texts wrap: a finding takes up to a fifth of a landscape page.
    // Thirteen columns, four of long text: across one landscape page or two side by side.
    pages: (f) => rowPages(f.alerts, 5, 40, { bands: 2 }),
    contains: () => ['监测预警', '严重程度'],
    everyPage: [['严重程度', '党组织']],
    numbers: 'none',
  },
  {
    name: 'supervised-task-sheet',
    title: '督办单（Word）',
    account: 'zzb',
    format: 'docx',
    url: (f) => `/api/supervised-tasks/${f.supervision.task.id}/sheet.docx`,
    pages: () => [1, 2],
    contains: (f) => ['督办单', f.supervision.task.title, f.supervision.task.leadOrg.name, '办理进展'],
    numbers: 'none',
  },
  {
    name: 'member-appraisal-register',
    title: '民主评议党员登记表（Word，每名参评党员一页）',
    account: 'zzb',
    format: 'docx',
    url: (f) => `/api/member-appraisals/${f.appraisal.id}/register.docx`,
    pages: (f) => [f.appraisal.roll, f.appraisal.roll * 2],
    contains: (f) => [
      `${f.appraisal.year}年度民主评议党员登记表`,
      f.appraisal.org,
      '党员大会决定',
      '限期改正',
    ],
    numbers: 'none',
  },
  {
    name: 'member-appraisal-summary',
    title: '民主评议党员汇总表，一个支部（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/member-appraisals/${f.appraisal.id}/summary.xlsx`,
    // Fourteen columns: across one landscape page or two side by side.
    pages: (f) => rowPages(f.appraisal.roll, 6, 40, { bands: 2 }),
    contains: (f) => [`${f.appraisal.year}年度民主评议党员汇总表`, f.appraisal.org, '党员大会决定'],
    everyPage: [['序号', '姓名']],
    numbers: 'none',
  },
  {
    name: 'supervised-task-ledger',
    title: '督办事项台账，全校（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: () => '/api/supervised-tasks/ledger.xlsx',
    // Seventeen columns, three of long text: across one landscape page or two side by side.
    pages: (f) => rowPages(f.supervision.tasks, 6, 40, { bands: 2 }),
    contains: () => ['督办事项台账', '牵头单位', '办结期限'],
    everyPage: [['序号', '督办事项']],
    numbers: 'none',
  },
  {
    name: 'rectification-campaign-report',
    title: '问题清单报送情况汇总表，全校（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/rectification-campaigns/${f.campaign.id}/report.xlsx`,
    // A row for every org, eleven short columns: one landscape page across, 15–40 rows a page.
    pages: (f) => rowPages(f.campaign.orgs, 15, 40),
    contains: (f) => [`${f.campaign.name}报送情况汇总表`, '逾期未提交', '经自查未发现问题', '整改总结'],
    everyPage: [['序号', '党组织', '问题清单']],
    numbers: 'none',
  },
  {
    name: 'inspection-ledger',
    title: '巡察整改台账，一轮巡察（Excel：各单位整改情况、问题清单）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/inspections/${f.inspection.id}/ledger.xlsx`,
    // The units' sheet (a row each, thirteen columns: one landscape page or two side by side), then the problems'
    // (eleven columns, four of long text: up to a fifth of a landscape page each, across one page or two).
    pages: (f) => [2, 2 + Math.ceil(f.inspection.problems / 5) * 2],
    contains: (f) => ['巡察整改台账', '巡察反馈问题整改清单', f.inspection.name, '问题反弹'],
    everyPage: [
      ['被巡察单位', '反馈日期'],
      ['序号', '被巡察单位', '问题'],
    ],
    numbers: 'none',
  },
  {
    name: 'assessment-results',
    title: '考核结果，一轮星级评定（Excel，供绩效考核）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/assessments/${f.assessment.id}/results.xlsx`,
    // A row for every branch, the six dimensions beside the score: across one landscape page or two side by side.
    pages: (f) => rowPages(f.assessment.orgs, 10, 40, { bands: 2 }),
    contains: (f) => [`${f.assessment.title}结果`, '百分制得分', '一票否决', '不参评'],
    everyPage: [['序号', '党组织']],
    numbers: 'none',
  },
  {
    name: 'duty-review-results',
    title: '述职评议考核结果，党委评议党总支和直属党支部书记（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/duty-reviews/${f.dutyReview.id}/results.xlsx`,
    // A row for every secretary, sixteen short columns: across one landscape page or two side by side.
    pages: (f) => rowPages(f.dutyReview.subjects, 10, 40, { bands: 2 }),
    contains: (f) => [`${f.dutyReview.title}结果`, '综合评定规则', '评定等次', '调整理由'],
    everyPage: [['序号', '党组织']],
    numbers: 'none',
  },
  {
    name: 'cadre-review-results',
    title: '中层干部年度考核结果（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/cadre-reviews/${f.cadreReview.id}/results.xlsx`,
    // A row for every cadre, sixteen columns: across one landscape page or two side by side.
    pages: (f) => rowPages(f.cadreReview.subjects, 10, 40, { bands: 2 }),
    contains: (f) => [`${f.cadreReview.title}结果`, '综合评定规则', '评定等次', '结果运用'],
    everyPage: [['序号', '姓名']],
    numbers: 'none',
  },
  {
    name: 'party-statistics',
    title: '民主评议党员和述职评议年度统计，全校（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/party-statistics.xlsx?year=${f.statistics.year}`,
    // Two sheets, each starting a page: a row per branch (and the total), a row per secretary graded.
    pages: (f) => {
      const [b0, b1] = rowPages(f.statistics.branches + 1, 15, 45);
      const [s0, s1] = rowPages(f.statistics.secretaries, 15, 45);
      return [b0 + s0, b1 + s1];
    },
    contains: (f) => [
      `${f.statistics.year}年度民主评议党员情况统计`,
      `${f.statistics.year}年度书记抓党建述职评议考核等次统计`,
      '参加评议人数',
      '不合格',
    ],
    everyPage: [
      ['序号', '党支部', '参加评议人数'],
      ['序号', '党组织', '书记'],
    ],
    numbers: 'none',
  },
  {
    name: 'assessment-scorecard',
    title: '考核评分表，一个党支部（Word）',
    account: 'zzb',
    format: 'docx',
    url: (f) => `/api/assessments/${f.assessment.id}/orgs/${f.assessment.vetoed.orgId}/scorecard.docx`,
    pages: () => [2, 5],
    contains: (f) => [`${f.assessment.vetoed.orgName}考核评分表`, f.assessment.title, '否决事项', '评分依据'],
    numbers: 'none',
  },
  {
    name: 'training-hours',
    title: '党员学习培训学时登记表，一个党支部（Excel）',
    account: 'zhibu',
    format: 'xlsx',
    url: (f) => `/api/training-hours.xlsx?orgId=${f.branch.id}&year=${f.year}`,
    // A row may take two or three lines: 所在党组织 and 人员类别 (e.g. 党员、基层党组织书记和班子成员) wrap at their widths.
    pages: (f) => rowPages(f.training.hours, 10, 45),
    contains: (f) => [`${f.year}年度党员学习培训学时登记表`, '合计学时', '要求学时'],
    everyPage: [['序号', '姓名']],
    numbers: 'none',
  },
  {
    name: 'training-incentives',
    title: '党务工作激励（服务工作量与课时减免），全校（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: (f) => `/api/training-incentives.xlsx?year=${f.year}`,
    pages: (f) => rowPages(f.training.incentives, 10, 45),
    contains: (f) => [`${f.year}年度党务工作激励`, '服务工作量', '课时减免'],
    everyPage: [['序号', '姓名']],
    numbers: 'none',
  },
  {
    name: 'cadre-reserve-roster',
    title: '后备干部名册，全校（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: () => '/api/cadre-reserve/roster.xlsx',
    // Twelve short columns: across one landscape page or two side by side.
    pages: (f) => rowPages(f.reserve, 10, 45, { bands: 2 }),
    contains: () => ['后备干部名册', '后备层级', '逾期培养事项'],
    everyPage: [['序号', '姓名']],
    numbers: 'none',
  },
  {
    name: 'rectification-ledger',
    title: '问题整改台账，全校（Excel）',
    account: 'zzb',
    format: 'xlsx',
    url: () => '/api/rectifications/ledger.xlsx',
    // Fourteen columns, four of long text: across one landscape page or two side by side.
    pages: (f) => rowPages(f.rectifications, 5, 40, { bands: 2 }),
    contains: () => ['问题整改台账', '整改措施', '销号日期'],
    everyPage: [['序号', '问题']],
    numbers: 'none',
  },
];
