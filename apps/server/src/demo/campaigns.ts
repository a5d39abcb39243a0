/**
 * The demo's rectification campaigns (问题清单, issue 15 item 4), both issued by the 组织部 to the whole college (every
 * 党总支 and 党支部 founded by then):
 *
 * - the year's “个个过关、全面过硬”问题清单 — its list due on 4-15 and its summary on 7-05 (the seed's plan), in the
 *   last year whose 7-05 is well past: most orgs submitted on time, a few late, two never; one list returned by the
 *   总支 and submitted again with one more problem; most summaries in, some late, some missing; each summary's
 *   figures counted by core from the items as they stood that day;
 * - a current 专项自查 round issued ten days ago, its list due in four days: about a third of the orgs have submitted,
 *   some with problems, some stating 经自查未发现问题; zhibu's branch has registered a problem and not yet submitted (its
 *   secretary's 待办 and a 即将截止 finding on first login), and so has zongzhi's 总支 for its own list.
 *
 * The problems are rectification items of the campaigns (source 个个过关 / 自查发现), opened by each org's secretary
 * before its list went in and played to their outcome through core by rectification.ts (`DemoItemHooks`). Pure and
 * deterministic: the college, its items so far, `today` and one random stream.
 */
import {
  addDays,
  type CampaignKind,
  campaignItemSource,
  campaignNoProblemsStatement,
  countCampaignFigures,
  type IsoDate,
  lifeRuleCatalogue,
  type RectificationStatus,
  recruitmentRuleCatalogue,
  rectificationNextDue,
  regulations,
} from '@dangjian/core';
import { workday } from './days.ts';
import type { Random } from './random.ts';
import { type DemoItemHooks, demoVerifierOrg, milestonesOn, type ProblemTemplate } from './rectification.ts';
import type {
  CollegeData,
  DemoCampaign,
  DemoCampaignEvent,
  DemoCampaignOrg,
  DemoOrg,
  DemoRectification,
} from './types.ts';

/** What the campaigns read of the college. */
export type CampaignInput = Pick<CollegeData, 'today' | 'orgs' | 'accounts' | 'cases'>;

const clause = (c: { source: string; article: string; text: string }) => `${c.source}${c.article}：${c.text}`;
const life = (id: keyof typeof lifeRuleCatalogue) => clause(lifeRuleCatalogue[id].clause);

/** What a branch finds against the “个个过关、全面过硬” standard. */
const allPassProblems: readonly ProblemTemplate[] = [
  {
    problem: '支部工作手册和“三会一课”记录填写不规范，部分会议缺少议题和表决情况',
    clause: life('life.committee_meeting_missing'),
    kinds: ['committee_meeting', 'general_meeting'],
    measures: '组织委员逐月核对会议记录，使用统一的记录格式，会后3日内在平台归档。',
    result: '近期“三会一课”记录议题、表决情况完整，均已按时归档。',
  },
  {
    problem: '主题党日活动与专业建设结合不紧，“一支部一特色”品牌不够鲜明',
    clause: life('life.theme_day_missing'),
    kinds: ['theme_day'],
    measures: '结合专业建设确定年度主题党日计划，凝练支部特色品牌，每次活动安排实践环节。',
    result: '已结合专业建设开展主题党日，特色品牌方案经支委会研究确定。',
  },
  {
    problem: '支部书记讲党课次数不足，党课内容与师生思想实际结合不够',
    clause: life('life.lecture_missing'),
    kinds: ['lecture'],
    measures: '书记每学期至少讲1次专题党课，课前征集党员关注的问题。',
    result: '书记已围绕征集的问题讲授专题党课，记录已归档。',
  },
  {
    problem: '谈心谈话开展不经常，对青年党员思想动态掌握不够',
    clause: life('life.talk_missing'),
    kinds: ['talk', 'committee_meeting'],
    measures: '支委分工包联党员，每半年与每名党员至少谈心谈话1次并登记。',
    result: '支委已与包联党员逐一谈心谈话，情况已登记。',
  },
  {
    problem: '党员教育管理不够精准，个别党员参加组织生活不经常',
    clause: life('life.absence_warning'),
    kinds: ['general_meeting', 'committee_meeting'],
    measures: '支委会专题研究，对参加组织生活不经常的党员逐一提醒，严格请假审批。',
    result: '相关党员均已谈话提醒，近期组织生活按时参加。',
  },
  {
    problem: '入党积极分子培养考察记录不完整，半年考察未按时开展',
    clause: clause(recruitmentRuleCatalogue['recruitment.activist_reviews_missing'].clause),
    kinds: ['committee_meeting'],
    measures: '支委会逐人梳理入党积极分子培养考察情况，按每半年一次补齐考察。',
    result: '入党积极分子半年考察已按时开展并记录。',
  },
];

/** What a 党总支 finds of its own work. */
const generalBranchProblems: readonly ProblemTemplate[] = [
  {
    problem: '党总支对所属党支部的指导督促不够经常，支部工作检查流于形式',
    clause: clause({
      source: regulations.collegeRegulation,
      article: '第十二条',
      text: '院（系）级单位党组织……指导党支部开展工作，加强党员队伍建设。',
    }),
    kinds: ['work_meeting'],
    measures: '每月党务工作例会听取支部工作情况，逐支部检查“三会一课”记录并反馈。',
    result: '党务工作例会按月听取支部工作，支部检查情况已逐一反馈。',
  },
  {
    problem: '党总支理论学习中心组学习研讨不够深入，“第一议题”学习后研讨不充分',
    clause: life('life.first_topic_missing'),
    kinds: ['study_group_session'],
    measures: '中心组每次学习确定研讨专题和重点发言人，第一议题学习后安排交流研讨。',
    result: '中心组专题学习研讨已按计划开展并归档。',
  },
];

/** What a branch finds in its own 三会一课 records before the year's 组织生活会 (专项自查). */
const selfCheckProblems: readonly ProblemTemplate[] = [
  {
    problem: '本年度支部党员大会有一次未达到应到会人数的半数，决议未重新表决',
    clause: life('life.quorum_not_reached'),
    kinds: ['general_meeting'],
    measures: '支委会研究补开支部党员大会，会前逐一通知党员，严格请假审批。',
    result: '已补开支部党员大会，到会人数符合规定，相关事项重新表决。',
  },
  {
    problem: '主题党日“第一议题”学习记录不完整，学习研讨发言未记录',
    clause: life('life.first_topic_missing'),
    kinds: ['theme_day', 'committee_meeting'],
    measures: '组织委员负责记录第一议题学习和研讨发言，会后3日内归档。',
    result: '近期主题党日第一议题学习和研讨发言均已记录归档。',
  },
  {
    problem: '党小组会开展不经常，部分党小组学习记录缺失',
    clause: life('life.group_meeting_missing'),
    kinds: ['committee_meeting', 'general_meeting'],
    measures: '各党小组长每月组织一次党小组会，支委会每季度检查记录。',
    result: '党小组会已按月开展，记录经支委会检查。',
  },
];

/** Why a list is sent back. */
const listReturnReason = '问题查摆不够具体，未对照“个个过关、全面过硬”标准逐项查找，请补充后重新提交';

/** A moment of `day`, `minutes` after midnight, in the college's time zone. */
const at = (day: IsoDate, minutes: number) =>
  `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

const isBranch = (o: DemoOrg) =>
  o.type === 'branch' || o.type === 'joint_branch' || o.type === 'temporary_branch';
const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

/**
 * Where an item stood at the end of `day`, as core's rules read it: the status its last step by then left, and the
 * next due date from the deadline by then (extensions approved, a reopening) and the milestones done by then.
 */
export function itemOn(
  item: DemoRectification,
  day: IsoDate,
): { status: RectificationStatus; nextDue: IsoDate } {
  let status: RectificationStatus = 'pending';
  let deadline = item.originalDeadline;
  for (const e of item.events) {
    if (e.at.slice(0, 10) > day) break;
    if (e.toStatus !== null) status = e.toStatus;
    if ((e.kind === 'approve_extension' || e.kind === 'reopen') && e.until !== null) deadline = e.until;
  }
  const nextDue = rectificationNextDue({
    status,
    deadline,
    originalDeadline: item.originalDeadline,
    extensions: 0,
    extensionRequest: null,
    milestones: milestonesOn(item.milestones, day),
    reopenCount: 0,
  });
  return { status, nextDue };
}

/** The orgs that take part: every 党总支 and 党支部 founded by `day`. */
function participants(input: CampaignInput, day: IsoDate): DemoOrg[] {
  return input.orgs.filter(
    (o) => (o.type === 'general_branch' || isBranch(o)) && (o.foundedOn === null || o.foundedOn <= day),
  );
}

/** A participating org's row being written. */
interface Draft {
  row: DemoCampaignOrg;
  /** The last instant written for it: every entry comes later. */
  last: string;
}

function event(d: Draft, day: IsoDate, rng: Random, e: Omit<DemoCampaignEvent, 'at'>): string {
  let when = at(day, 8 * 60 + rng.int(30, 600));
  if (when <= d.last) when = at(day, Number(d.last.slice(11, 13)) * 60 + Number(d.last.slice(14, 16)) + 7);
  d.row.events.push({ ...e, at: when });
  d.row.version += 1;
  d.last = when;
  return when;
}

/** The summary report's text, from the figures the platform counts. */
function summaryText(orgName: string, campaign: string, f: { items: number; closed: number; open: number }) {
  if (f.items === 0)
    return `${orgName}对照《${campaign}》要求开展自查，${campaignNoProblemsStatement}。支部将对照标准持续自查自纠，巩固“三会一课”、主题党日、谈心谈话等制度执行成效。`;
  return `${orgName}对照《${campaign}》问题清单逐项整改：支委会专题研究整改方案，明确责任人和完成时限，整改情况在支部党员大会上通报。共查摆问题${f.items}个，已整改销号${f.closed}个${f.open > 0 ? `，其余${f.open}个正在整改，将按期完成并报上级党组织销号` : ''}。下一步将把整改中形成的做法固化为支部工作制度。`;
}

/** Generates the demo's two campaigns (see the file comment), registering their problems through `hooks`. */
export function buildDemoCampaigns(input: CampaignInput, rng: Random, hooks: DemoItemHooks): DemoCampaign[] {
  const { today } = input;
  const lastDay = addDays(today, -1);
  const orgById = new Map(input.orgs.map((o) => [o.id, o]));
  const accountId = (username: string) =>
    input.accounts.findIndex((a) => a.username === username) + 1 || null;
  const zzb = {
    id: accountId('zzb'),
    name: input.accounts.find((a) => a.username === 'zzb')?.displayName ?? '组织部',
  };
  const zhibuOrgId = input.cases['term.overdue'];
  const zongzhiOrgId = input.accounts.find((a) => a.username === 'zongzhi')?.roles[0]?.orgId ?? 0;
  const campaigns: DemoCampaign[] = [];

  /** Opens a campaign's rows, one per participating org. */
  const start = (c: Omit<DemoCampaign, 'orgs'>, orgs: DemoOrg[]) => {
    const drafts = new Map<number, Draft>(
      orgs.map((o) => [
        o.id,
        {
          row: { orgId: o.id, list: null, listReturn: null, summary: null, version: 0, events: [] },
          last: c.createdAt,
        },
      ]),
    );
    campaigns.push({ ...c, orgs: [...drafts.values()].map((d) => d.row) });
    return drafts;
  };

  /** Registers `count` problems of `org` with the campaign on days in [from, to]; returns the items. */
  const register = (
    c: Pick<DemoCampaign, 'id' | 'name' | 'kind'>,
    org: DemoOrg,
    count: number,
    from: IsoDate,
    to: IsoDate,
    deadline: () => IsoDate,
    outcome?: 'pending' | 'in_progress',
  ) => {
    const pool =
      c.kind === 'self_check'
        ? selfCheckProblems
        : org.type === 'general_branch'
          ? generalBranchProblems
          : allPassProblems;
    const items: DemoRectification[] = [];
    for (const template of rng.shuffle(pool).slice(0, count)) {
      const span = Math.max(0, (Date.parse(to) - Date.parse(from)) / 86_400_000);
      const day = addDays(from, rng.int(0, span));
      items.push(
        hooks.add({
          orgId: org.id,
          source: campaignItemSource[c.kind],
          campaignId: c.id,
          sourceLabel: c.name,
          template,
          day,
          deadline: deadline(),
          ...(outcome ? { outcome } : {}),
        }),
      );
    }
    return items;
  };

  const submitList = (
    d: Draft,
    day: IsoDate,
    items: readonly DemoRectification[],
    note: string | null = null,
  ) => {
    const by = hooks.actorOf(d.row.orgId, day);
    const lastItem = items
      .map((i) => i.createdAt)
      .sort()
      .at(-1);
    if (lastItem && lastItem >= d.last) d.last = lastItem;
    const what = items.length === 0 ? campaignNoProblemsStatement : `${items.length}个问题`;
    const when = event(d, day, rng, {
      kind: 'submit_list',
      actorId: by.id,
      actorName: by.name,
      note: note ? `${what}。${note}` : what,
    });
    d.row.list = { at: when, byId: by.id, byName: by.name, noProblems: items.length === 0, note };
    d.row.listReturn = null;
  };

  const returnList = (d: Draft, day: IsoDate, reason: string) => {
    const reviewer = demoVerifierOrg(orgById, orgById.get(d.row.orgId)!);
    const by = hooks.actorOf(reviewer.id, day);
    const when = event(d, day, rng, {
      kind: 'return_list',
      actorId: by.id,
      actorName: by.name,
      note: reason,
    });
    d.row.list = null;
    d.row.listReturn = { at: when, byName: by.name, reason };
  };

  const submitSummary = (d: Draft, c: DemoCampaign, day: IsoDate, items: readonly DemoRectification[]) => {
    const by = hooks.actorOf(d.row.orgId, day);
    const figures = countCampaignFigures(
      items.map((i) => itemOn(i, day)),
      day,
    );
    const when = event(d, day, rng, {
      kind: 'submit_summary',
      actorId: by.id,
      actorName: by.name,
      note: `问题${figures.items}个，已销号${figures.closed}个，整改中${figures.open}个，逾期${figures.overdue}个`,
    });
    d.row.summary = {
      at: when,
      byId: by.id,
      byName: by.name,
      text: summaryText(orgById.get(d.row.orgId)!.name, c.name, figures),
      figures,
    };
  };

  // The year's “个个过关、全面过硬” round: the last one whose summaries (and the late ones) are all in the past.
  const thisYear = Number(today.slice(0, 4));
  const year = today > `${thisYear}-07-25` ? thisYear : thisYear - 1;
  const issuedOn = workday(`${year}-03-20`);
  const allPass: Omit<DemoCampaign, 'orgs'> = {
    id: 1,
    name: `${year}年“个个过关、全面过硬”问题清单`,
    year,
    kind: 'all_pass_check' as CampaignKind,
    issuedOn,
    listDueOn: `${year}-04-15`,
    summaryDueOn: `${year}-07-05`,
    description:
      '各党总支、党支部对照“个个过关、全面过硬”标准，从组织设置、班子建设、组织生活、党员教育管理、发展党员、制度落实等方面逐项查摆问题，明确责任人、整改措施和完成时限，4月15日前报送问题清单；整改结束后，7月5日前报送整改总结。',
    createdBy: zzb.id,
    createdAt: at(issuedOn, 9 * 60 + 30),
  };
  const allPassOrgs = participants(input, issuedOn);
  const a = start(allPass, allPassOrgs);
  const aCampaign = campaigns.at(-1)!;
  const planted = new Set([zhibuOrgId, zongzhiOrgId]);
  const shuffled = rng.shuffle(allPassOrgs.filter((o) => !planted.has(o.id) && isBranch(o)));
  // The list the 总支 returned: one of zongzhi's branches; the late and the missing are among the others.
  const returnedOrg = shuffled.find((o) => o.parentId === zongzhiOrgId) ?? null;
  const others = shuffled.filter((o) => o !== returnedOrg);
  const neverList = new Set(others.slice(0, 2).map((o) => o.id));
  const lateList = new Set(others.slice(2, 4).map((o) => o.id));
  const noSummary = new Set(others.slice(4, 6).map((o) => o.id));
  const lateSummary = new Set(others.slice(6, 8).map((o) => o.id));
  const aDeadline = () => workday(`${year}-06-${String(rng.int(10, 28)).padStart(2, '0')}`);
  for (const org of allPassOrgs) {
    const d = a.get(org.id)!;
    const items: DemoRectification[] = [];
    const count =
      org.id === zhibuOrgId
        ? 2
        : rng.weighted(
            org.type === 'general_branch'
              ? ([
                  [0, 1],
                  [1, 1],
                ] as const)
              : ([
                  [0, 4],
                  [1, 5],
                  [2, 1],
                ] as const),
          );
    if (neverList.has(org.id)) {
      // Never submitted, though it registered what it found.
      if (count > 0)
        items.push(...register(aCampaign, org, 1, addDays(issuedOn, 5), `${year}-04-10`, aDeadline));
      continue;
    }
    const listOn = lateList.has(org.id)
      ? workday(`${year}-04-${rng.int(17, 27)}`)
      : workday(`${year}-04-${String(rng.int(3, 15)).padStart(2, '0')}`);
    if (org.id === returnedOrg?.id) {
      const first = register(aCampaign, org, 1, addDays(issuedOn, 3), `${year}-03-31`, aDeadline);
      items.push(...first);
      submitList(d, `${year}-04-02`, items);
      returnList(d, `${year}-04-07`, listReturnReason);
      items.push(...register(aCampaign, org, 1, `${year}-04-08`, `${year}-04-09`, aDeadline));
      submitList(d, `${year}-04-13`, items, '已按总支意见补充查摆');
    } else {
      items.push(...register(aCampaign, org, count, addDays(issuedOn, 3), addDays(listOn, -1), aDeadline));
      submitList(d, listOn, items);
    }
    if (noSummary.has(org.id)) continue;
    const summaryOn = lateSummary.has(org.id)
      ? workday(`${year}-07-${String(rng.int(8, 20)).padStart(2, '0')}`)
      : workday(`${year}-06-${rng.int(20, 29)}`);
    submitSummary(d, aCampaign, summaryOn, items);
  }

  // The current 专项自查 round: issued ten days ago, its list due in four days.
  const bIssued = workday(addDays(today, -10));
  const bListDue = workday(addDays(today, 4));
  const current: Omit<DemoCampaign, 'orgs'> = {
    id: 2,
    name: `${thisYear}年“三会一课”落实情况专项自查问题清单`,
    year: thisYear,
    kind: 'self_check',
    issuedOn: bIssued,
    listDueOn: bListDue,
    summaryDueOn: addDays(bListDue, 56),
    description:
      '各党总支、党支部对照《中国共产党支部工作条例（试行）》，对本年度“三会一课”、主题党日、组织生活会落实情况开展专项自查，查摆问题逐项登记、明确整改措施，按期报送问题清单。',
    createdBy: zzb.id,
    createdAt: at(bIssued, 10 * 60),
  };
  const bOrgs = participants(input, bIssued);
  const b = start(current, bOrgs);
  const bCampaign = campaigns.at(-1)!;
  const bDeadline = () => addDays(bListDue, rng.int(25, 45));
  for (const org of bOrgs) {
    const d = b.get(org.id)!;
    if (org.id === zhibuOrgId || org.id === zongzhiOrgId) {
      // Registered, not yet submitted: the secretary's 待办 and the finding of a list due within the week.
      const from = later(addDays(bIssued, 2), addDays(lastDay, -3));
      register(bCampaign, org, 1, earlier(from, lastDay), lastDay, bDeadline, 'pending');
      continue;
    }
    const submits = rng.chance(0.35) && addDays(bIssued, 2) <= lastDay;
    if (!submits) {
      if (rng.chance(0.2)) register(bCampaign, org, 1, addDays(bIssued, 1), lastDay, bDeadline, 'pending');
      continue;
    }
    const count = rng.chance(0.3) ? 1 : 0;
    const span = Math.max(0, (Date.parse(lastDay) - Date.parse(addDays(bIssued, 2))) / 86_400_000);
    const listOn = addDays(bIssued, 2 + rng.int(0, span));
    const items = register(
      bCampaign,
      org,
      count,
      addDays(bIssued, 1),
      addDays(listOn, -1),
      bDeadline,
      'pending',
    );
    submitList(d, listOn, items);
  }
  return campaigns;
}
