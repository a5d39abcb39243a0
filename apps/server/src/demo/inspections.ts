/**
 * The demo's 巡察 rounds (issue 15 item 5, and item 9's "a 巡察 round with its feedback"), both 常规巡察 of the
 * 党委 registered by the 组织部 (the 巡察办):
 *
 * - a completed round, its feedback about eight months ago to two 党总支 and a 直属党支部: each unit's problems
 *   opened as rectification items on the feedback day (due with the report), most closed since; every unit
 *   submitted its 整改报告 within the two months, its figures counted by core from the items as they stood that day;
 *   the 回头看 six months after the feedback confirmed the closed items, except one found back (反弹) and reopened
 *   through the item's own `reopen` step, being rectified again;
 * - a current round whose feedback went out about eight weeks ago: zongzhi's 总支 is rectifying, its report due
 *   within the week (its secretary's 待办 and a 即将到期 finding on first login), one 总支 has already reported, a
 *   直属党支部 is still rectifying.
 *
 * The problems are rectification items played to their outcome through core by rectification.ts
 * (`DemoItemHooks`); each unit's steps are core's `applyInspectionUnitTransition` on their day. Pure and
 * deterministic: the college, the items so far, `today` and one random stream.
 */
import {
  addDays,
  applyInspectionUnitTransition,
  applyRectificationTransition,
  type InspectionFigures,
  type InspectionUnitState,
  type InspectionUnitTransition,
  type IsoDate,
  inspectionFigures,
  inspectionLookbackDue,
  inspectionReportDue,
  lifeRuleCatalogue,
  recruitmentRuleCatalogue,
  regulations,
} from '@dangjian/core';
import { itemOn } from './campaigns.ts';
import { workday } from './days.ts';
import { chineseNumber, personName } from './names.ts';
import type { Random } from './random.ts';
import type { DemoItemHooks, Outcome, ProblemTemplate } from './rectification.ts';
import type { CollegeData, DemoInspection, DemoInspectionUnit, DemoOrg, DemoRectification } from './types.ts';

/** What the rounds read of the college. */
export type InspectionInput = Pick<CollegeData, 'today' | 'orgs' | 'accounts' | 'terms'>;

const clause = (c: { source: string; article: string; text: string }) => `${c.source}${c.article}：${c.text}`;
const life = (id: keyof typeof lifeRuleCatalogue) => clause(lifeRuleCatalogue[id].clause);

/** What a 巡察 finds in a 党总支. */
const generalBranchProblems: readonly ProblemTemplate[] = [
  {
    problem: '落实全面从严治党主体责任有差距，党总支专题研究党建工作不经常，对党建工作部署多、督促少',
    clause: clause({
      source: regulations.collegeRegulation,
      article: '第十二条',
      text: '院（系）级单位党组织……讨论决定本单位重要事项，指导党支部开展工作，加强党员队伍建设。',
    }),
    kinds: ['work_meeting'],
    measures: '党总支每季度专题研究一次党建工作，党务工作例会逐项督办支部工作，书记履行第一责任人职责。',
    result: '党总支已专题研究党建工作并形成督办清单，党务工作例会逐项跟踪落实。',
  },
  {
    problem: '理论学习中心组学习制度落实不到位，学习研讨流于形式，联系实际不紧',
    clause: life('life.first_topic_missing'),
    kinds: ['study_group_session'],
    measures: '修订中心组年度学习计划，每次学习确定研讨专题和重点发言人，学习后形成交流材料。',
    result: '中心组专题学习研讨已按计划开展，研讨发言和交流材料已归档。',
  },
  {
    problem: '对所属党支部“三会一课”督促检查不到位，部分支部组织生活不规范',
    clause: life('life.committee_meeting_missing'),
    kinds: ['work_meeting'],
    measures: '党务工作例会每月听取支部工作情况，总支委员分片检查支部“三会一课”记录并反馈。',
    result: '已完成所属支部“三会一课”记录检查，问题已逐一反馈并整改。',
  },
  {
    problem: '发展党员工作把关不严，部分发展对象培养考察材料不完整',
    clause: clause(recruitmentRuleCatalogue['recruitment.activist_reviews_missing'].clause),
    kinds: ['work_meeting'],
    measures: '党总支对在档发展对象逐人审查培养考察材料，建立发展党员工作预审制度。',
    result: '发展对象材料已逐人审查补齐，预审制度经党务工作例会研究通过。',
  },
];

/** What a 巡察 finds in a 直属党支部. */
const directBranchProblems: readonly ProblemTemplate[] = [
  {
    problem: '支部委员会会议未按月召开，议事决策记录不完整',
    clause: life('life.committee_meeting_missing'),
    kinds: ['committee_meeting'],
    measures: '制定支委会年度计划，每月上旬召开支委会，组织委员会后3日内整理记录。',
    result: '支委会已按月召开，议事决策记录完整并已归档。',
  },
  {
    problem: '“三会一课”制度落实不严格，党课质量不高',
    clause: life('life.lecture_missing'),
    kinds: ['lecture', 'general_meeting'],
    measures: '书记带头讲党课，课前征集党员关注的问题，党课提纲随记录归档。',
    result: '书记已讲授专题党课，提纲和记录已归档。',
  },
  {
    problem: '党员教育管理不够严格，个别党员长期不参加组织生活',
    clause: life('life.absence_warning'),
    kinds: ['general_meeting', 'committee_meeting'],
    measures: '支委会专题研究，逐一谈话提醒长期缺席的党员，严格请假审批。',
    result: '相关党员均已谈话提醒，近期组织生活按时参加。',
  },
  {
    problem: '党建与业务工作结合不紧，“两张皮”现象仍然存在',
    clause: life('life.theme_day_missing'),
    kinds: ['theme_day', 'committee_meeting'],
    measures: '主题党日结合部门中心工作确定主题，每学期办成1至2件服务师生的实事。',
    result: '已结合中心工作开展主题党日并完成服务师生实事项目。',
  },
];

const focus =
  '聚焦落实全面从严治党主体责任、贯彻执行党的路线方针政策和党委决策部署、基层党组织建设和党员队伍建设、意识形态工作责任制落实、以往巡察和审计发现问题整改情况。';
const rebound = '近两个月又出现支委会未按月召开、会议记录不全的情况，整改成果未能巩固';

/** A moment of `day`, `minutes` after midnight, in the college's time zone. */
const at = (day: IsoDate, minutes: number) =>
  `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;

/** The report's text, from the figures the platform counts. */
function reportText(orgName: string, round: string, f: InspectionFigures): string {
  return `${orgName}收到${round}反馈意见后，委员会专题研究，书记作为整改第一责任人牵头制定整改方案，逐条明确责任人、整改措施和完成时限，建立整改台账。反馈问题${f.total}个，已整改销号${f.closed}个${f.inProgress > 0 ? `，${f.inProgress}个正在整改，将按期完成并报组织部审核销号` : ''}。下一步将把整改中形成的做法固化为制度，防止问题反弹。`;
}

/** Where a unit stands, replayed through core on each step's day (a refusal is the generator's bug). */
function step(
  unit: DemoInspectionUnit,
  state: InspectionUnitState,
  t: InspectionUnitTransition,
  facts: Omit<Parameters<typeof applyInspectionUnitTransition>[2], 'round'>,
  round: { startsOn: IsoDate; reportMonths: number },
): InspectionUnitState {
  const result = applyInspectionUnitTransition(state, t, { ...facts, round });
  if (!result.ok)
    throw new Error(
      `demo inspection unit ${unit.orgId}: ${t} on ${facts.today} refused: ${result.violations.map((v) => v.message).join('；')}`,
    );
  unit.status = result.state.status;
  unit.version += 1;
  return result.state;
}

/** Generates the demo's two 巡察 rounds (see the file comment), opening their problems through `hooks`. */
export function buildDemoInspections(
  input: InspectionInput,
  rng: Random,
  hooks: DemoItemHooks,
): DemoInspection[] {
  const { today } = input;
  const lastDay = addDays(today, -1);
  const root = input.orgs.find((o) => o.parentId === null)!;
  const accountIndex = input.accounts.findIndex((a) => a.username === 'zzb');
  const zzb = {
    id: accountIndex >= 0 ? accountIndex + 1 : null,
    name: input.accounts[accountIndex]?.displayName ?? '组织部',
  };
  const zongzhiOrgId = input.accounts.find((a) => a.username === 'zongzhi')?.roles[0]?.orgId ?? 0;
  const hasLeader = (o: DemoOrg) => !hooks.actorOf(o.id, today).name.endsWith('负责人');
  // Founded before the first round started.
  const active = (o: DemoOrg) => o.foundedOn === null || o.foundedOn <= addDays(today, -330);
  const generals = input.orgs.filter((o) => o.type === 'general_branch' && active(o) && hasLeader(o));
  const directs = input.orgs.filter(
    (o) =>
      o.type !== 'general_branch' &&
      o.type !== 'group' &&
      o.parentId === root.id &&
      active(o) &&
      hasLeader(o),
  );
  const zongzhiOrg = generals.find((o) => o.id === zongzhiOrgId);
  const others = rng.shuffle(generals.filter((o) => o.id !== zongzhiOrgId));
  const directPool = rng.shuffle(directs);
  const term = input.terms
    .filter((t) => t.orgId === root.id && t.startDate <= today)
    .sort((a, b) => b.number - a.number)[0];
  const termName = term ? `${chineseNumber(term.number)}届党委` : '本届党委';
  const team = () => [
    { role: 'leader' as const, name: personName(rng, 'male', false), title: '纪委副书记' },
    { role: 'deputy' as const, name: personName(rng, 'female', false), title: '组织部副部长' },
    { role: 'member' as const, name: personName(rng, 'male', false), title: '纪委办公室干部' },
    { role: 'member' as const, name: personName(rng, 'female', false), title: '宣传部干部' },
  ];
  const rounds: DemoInspection[] = [];

  /** A round registered by the 组织部 a week before it starts, with its units waiting for their feedback. */
  const register = (
    id: number,
    ordinal: number,
    startsOn: IsoDate,
    orgs: readonly DemoOrg[],
  ): DemoInspection => {
    const createdOn = workday(addDays(startsOn, -7));
    const round: DemoInspection = {
      id,
      name: `${termName}第${chineseNumber(ordinal)}轮巡察`,
      kind: 'regular',
      startsOn,
      endsOn: workday(addDays(startsOn, 35)),
      focus,
      reportMonths: 2,
      lookbackMonths: 6,
      team: team(),
      createdBy: zzb.id,
      createdAt: at(createdOn, 9 * 60 + 30),
      units: orgs.map((o) => ({
        orgId: o.id,
        status: 'awaiting_feedback',
        feedbackOn: null,
        summary: null,
        report: null,
        returnedReason: null,
        lookback: null,
        version: 0,
        updatedAt: at(createdOn, 9 * 60 + 30),
      })),
      events: [
        {
          kind: 'created',
          orgId: null,
          at: at(createdOn, 9 * 60 + 30),
          actorId: zzb.id,
          actorName: zzb.name,
          note: `常规巡察，被巡察单位：${orgs.map((o) => o.name).join('、')}`,
        },
      ],
    };
    rounds.push(round);
    return round;
  };

  /** Records a unit's feedback on `day` (the 组织部) and opens its problems, each played to its outcome. */
  const feedback = (round: DemoInspection, org: DemoOrg, day: IsoDate, outcomes: readonly Outcome[]) => {
    const unit = round.units.find((u) => u.orgId === org.id)!;
    const due = inspectionReportDue(day, round.reportMonths);
    const pool = org.type === 'general_branch' ? generalBranchProblems : directBranchProblems;
    const templates = rng.shuffle(pool).slice(0, outcomes.length);
    const state = step(
      unit,
      { status: 'awaiting_feedback', feedbackOn: null, reportSubmittedOn: null, lookbackOn: null },
      'record_feedback',
      { today: day, feedbackOn: day, problems: templates.map(() => ({})) },
      round,
    );
    const items = templates.map((template, i) =>
      hooks.add({
        orgId: org.id,
        source: 'inspection',
        inspectionId: round.id,
        openedBy: zzb,
        sourceLabel: round.name,
        template,
        day,
        deadline: due,
        outcome: outcomes[i]!,
      }),
    );
    unit.feedbackOn = day;
    unit.summary = `${org.name}贯彻落实党委决策部署总体较好，但在落实全面从严治党主体责任、基层党组织建设等方面还存在差距，反馈问题${items.length}个。`;
    const when = at(day, 15 * 60 + rng.int(0, 60));
    round.events.push({
      kind: 'record_feedback',
      orgId: org.id,
      at: when,
      actorId: zzb.id,
      actorName: zzb.name,
      note: `${day} 反馈问题${items.length}项，整改报告应于 ${due} 前报送`,
    });
    unit.updatedAt = when;
    return { unit, state, items, due };
  };

  /** The unit's secretary submits the report on `day`, its figures counted from the items as they stood. */
  const report = (
    round: DemoInspection,
    fed: ReturnType<typeof feedback>,
    day: IsoDate,
  ): InspectionUnitState => {
    const org = input.orgs.find((o) => o.id === fed.unit.orgId)!;
    const figures = inspectionFigures(
      fed.items.map((i) => {
        const on = itemOn(i, day);
        return {
          status: on.status,
          overdue: (on.status === 'pending' || on.status === 'in_progress') && on.nextDue < day,
        };
      }),
    );
    const text = reportText(org.name, round.name, figures);
    const state = step(fed.unit, fed.state, 'submit_report', { today: day, report: text }, round);
    const by = hooks.actorOf(org.id, day);
    const when = at(day, 16 * 60 + rng.int(0, 90));
    fed.unit.report = { text, submittedOn: day, byName: by.name, figures };
    fed.unit.updatedAt = when;
    round.events.push({
      kind: 'submit_report',
      orgId: org.id,
      at: when,
      actorId: by.id,
      actorName: by.name,
      note: `问题${figures.total}项：已销号${figures.closed}项，整改中${figures.inProgress}项，逾期${figures.overdue}项`,
    });
    return state;
  };

  // The completed round: started about ten months ago, fed back about eight months ago.
  const pastUnits = [...others.slice(0, 2), ...directPool.slice(0, 1)];
  const pastStart = workday(addDays(today, -rng.int(300, 310)));
  const past = register(1, 3, pastStart, pastUnits);
  const pastFeedback = workday(addDays(past.endsOn, rng.int(14, 20)));
  const pastFed = pastUnits.map((o, i) =>
    feedback(
      past,
      o,
      addDays(pastFeedback, i),
      i === 2 ? ['closed', 'closed', 'in_progress'] : ['closed', 'closed', 'closed'],
    ),
  );
  const reported = pastFed.map((fed) => ({
    fed,
    state: report(past, fed, workday(addDays(fed.due, -rng.int(4, 12)))),
  }));
  // The 回头看 six months after the feedback; every item closed by then is judged, one came back.
  const lookbackOn = workday(
    addDays(inspectionLookbackDue(pastFeedback, past.lookbackMonths), rng.int(3, 10)),
  );
  let reopened = false;
  for (const { fed, state } of reported) {
    const closedBefore = fed.items.filter(
      (i) =>
        itemOn(i, addDays(lookbackOn, -1)).status === 'closed' &&
        i.events.at(-1)!.at.slice(0, 10) < lookbackOn,
    );
    const comeBack = !reopened && fed.unit.orgId !== directPool[0]?.id ? closedBefore[0] : undefined;
    const verdicts = closedBefore.map((i) => ({
      rectificationId: i.id,
      outcome: i === comeBack ? ('rebound' as const) : ('confirmed' as const),
      reason: i === comeBack ? rebound : null,
      until: i === comeBack ? addDays(today, rng.int(20, 35)) : null,
    }));
    const note = `查阅整改台账和会议记录，走访党员群众，逐项核实已销号问题。${comeBack ? '发现1个问题反弹，已重新打开整改。' : '已销号问题未见反弹。'}`;
    step(
      fed.unit,
      state,
      'record_lookback',
      {
        today: lookbackOn,
        lookbackOn,
        note,
        verdicts,
        items: fed.items.map((i) => ({ id: i.id, status: itemOn(i, lookbackOn).status })),
      },
      past,
    );
    const when = at(lookbackOn, 10 * 60 + rng.int(0, 90));
    if (comeBack) {
      reopenItem(comeBack, lookbackOn, verdicts.find((v) => v.outcome === 'rebound')!.until!, zzb, past.name);
      reopened = true;
      // The unit takes it up again within days.
      const by = hooks.actorOf(fed.unit.orgId, addDays(lookbackOn, 3));
      const progressOn = addDays(lookbackOn, rng.int(3, 9));
      if (progressOn < today) {
        comeBack.events.push({
          kind: 'progress',
          fromStatus: null,
          toStatus: null,
          at: at(progressOn, 9 * 60 + rng.int(0, 120)),
          actorId: by.id,
          actorName: by.name,
          note: '已召开委员会专题研究反弹问题，重新明确整改措施和责任人。',
          until: null,
        });
        comeBack.version = comeBack.events.length - 1;
        comeBack.updatedAt = comeBack.events.at(-1)!.at;
      }
    }
    fed.unit.lookback = { on: lookbackOn, note, byName: zzb.name, verdicts };
    fed.unit.updatedAt = when;
    past.events.push({
      kind: 'record_lookback',
      orgId: fed.unit.orgId,
      at: when,
      actorId: zzb.id,
      actorName: zzb.name,
      note: `${lookbackOn} 回头看，${verdicts.length === 0 ? '尚无已销号问题' : `已销号问题${verdicts.length}项：整改到位${verdicts.length - (comeBack ? 1 : 0)}项，反弹${comeBack ? 1 : 0}项`}`,
    });
  }

  // The current round: fed back about eight weeks ago, so that zongzhi's report falls due within the week.
  let currentFeedback = workday(addDays(today, -57));
  for (let back = 50; back <= 62; back++) {
    const day = addDays(today, -back);
    const due = inspectionReportDue(day, 2);
    if (workday(day) === day && due >= addDays(today, 3) && due <= addDays(today, 6)) {
      currentFeedback = day;
      break;
    }
  }
  const currentUnits = [
    ...(zongzhiOrg ? [zongzhiOrg] : []),
    ...others.slice(2, 3),
    ...directPool.slice(1, 2),
  ];
  const currentStart = workday(addDays(currentFeedback, -rng.int(48, 55)));
  const current = register(2, 4, currentStart, currentUnits);
  currentUnits.forEach((o, i) => {
    const outcomes: Outcome[] =
      o.id === zongzhiOrgId
        ? ['closed', 'submitted', 'in_progress']
        : o.type === 'general_branch'
          ? ['closed', 'closed', 'in_progress']
          : ['closed', 'in_progress', 'pending'];
    const fed = feedback(current, o, addDays(currentFeedback, i === 0 ? 0 : 1), outcomes);
    // The other 总支 has already reported, a few days early.
    if (o.type === 'general_branch' && o.id !== zongzhiOrgId)
      report(current, fed, workday(addDays(lastDay, -rng.int(2, 5))));
  });
  for (const r of rounds) r.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return rounds;
}

/**
 * Reopens a closed item on the 回头看's day through core's `reopen` step (回头看发现反弹), by the 组织部 (the level
 * that verifies a 总支's items), with the reason and the new deadline.
 */
function reopenItem(
  item: DemoRectification,
  day: IsoDate,
  until: IsoDate,
  by: { id: number | null; name: string },
  roundName: string,
): void {
  const reason = `${roundName}回头看：${rebound}`;
  const result = applyRectificationTransition(
    {
      status: item.status,
      deadline: item.deadline,
      originalDeadline: item.originalDeadline,
      extensions: item.extensions,
      extensionRequest: item.extensionRequest,
      milestones: item.milestones,
      reopenCount: item.reopenCount,
    },
    'reopen',
    {
      today: day,
      measures: item.measures,
      result: item.result,
      evidenceCount: item.evidence.length,
      reason,
      until,
    },
  );
  if (!result.ok)
    throw new Error(
      `demo inspection item ${item.id}: reopen refused: ${result.violations.map((v) => v.message).join('；')}`,
    );
  item.events.push({
    kind: 'reopen',
    fromStatus: item.status,
    toStatus: result.state.status,
    at: at(day, 11 * 60 + 15),
    actorId: by.id,
    actorName: by.name,
    note: reason,
    until,
  });
  item.status = result.state.status;
  item.deadline = result.state.deadline;
  item.reopenCount = result.state.reopenCount;
  item.submittedAt = null;
  item.closedAt = null;
  item.version = item.events.length - 1;
  item.updatedAt = item.events.at(-1)!.at;
}
