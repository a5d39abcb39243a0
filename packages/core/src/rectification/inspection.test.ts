import { describe, expect, it } from 'vitest';
import {
  allowedInspectionUnitActions,
  applyInspectionUnitTransition,
  evaluateInspectionRules,
  feedbackDeadlines,
  type InspectionUnitAlertFacts,
  type InspectionUnitFacts,
  type InspectionUnitState,
  type InspectionUnitStatus,
  type InspectionUnitTransition,
  inspectionFigures,
  inspectionLookbackDue,
  inspectionPlanProblems,
  inspectionReportDue,
  inspectionUnitRefusal,
  inspectionUnitStatuses,
  inspectionUnitTransitions,
  isInspectionReportOverdue,
} from './inspection.ts';

const base: InspectionUnitState = {
  status: 'awaiting_feedback',
  feedbackOn: null,
  reportSubmittedOn: null,
  lookbackOn: null,
};
/** Everything every step needs, on 2026-06-15 for a round that started 05-06. */
const complete: InspectionUnitFacts = {
  today: '2026-06-15',
  round: { startsOn: '2026-05-06', reportMonths: 2 },
  feedbackOn: '2026-06-10',
  problems: [{}, { deadline: '2026-12-31' }],
  report: '按反馈意见逐项整改，已完成大部分问题整改。',
  reason: '缺少主要负责人组织落实情况',
  lookbackOn: '2026-06-15',
  note: '整改台账完整，已销号问题未见反弹',
  verdicts: [{ rectificationId: 1, outcome: 'confirmed' }],
  items: [
    { id: 1, status: 'closed' },
    { id: 2, status: 'in_progress' },
  ],
};

const legal: Record<InspectionUnitStatus, Partial<Record<InspectionUnitTransition, InspectionUnitStatus>>> = {
  awaiting_feedback: { record_feedback: 'rectifying' },
  rectifying: { submit_report: 'reported' },
  reported: { return_report: 'rectifying', record_lookback: 'looked_back' },
  looked_back: {},
};

const pathsOf = (r: ReturnType<typeof applyInspectionUnitTransition>) =>
  r.ok ? [] : r.violations.map((v) => v.path);

describe('inspected unit state machine', () => {
  for (const status of inspectionUnitStatuses)
    for (const t of inspectionUnitTransitions) {
      const to = legal[status][t];
      it(`${status} × ${t} → ${to ?? 'refused'}`, () => {
        const r = applyInspectionUnitTransition(
          { ...base, status, reportSubmittedOn: status === 'awaiting_feedback' ? null : '2026-06-12' },
          t,
          complete,
        );
        if (to === undefined) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.violations).toHaveLength(1);
            expect(r.violations[0]).toMatchObject({ kind: 'conflict', path: null });
            expect(r.violations[0]!.message).toMatch(/^该单位巡察整改.+，不能/);
          }
        } else {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.state.status).toBe(to);
        }
      });
    }

  it('the feedback sets its day; the report its day; the 回头看 its day; a return keeps the report day', () => {
    const fed = applyInspectionUnitTransition(base, 'record_feedback', complete);
    expect(fed.ok && fed.state).toMatchObject({ status: 'rectifying', feedbackOn: '2026-06-10' });
    if (!fed.ok) return;
    const reported = applyInspectionUnitTransition(fed.state, 'submit_report', complete);
    expect(reported.ok && reported.state.reportSubmittedOn).toBe('2026-06-15');
    if (!reported.ok) return;
    const back = applyInspectionUnitTransition(reported.state, 'return_report', complete);
    expect(back.ok && back.state).toMatchObject({ status: 'rectifying', reportSubmittedOn: '2026-06-15' });
    const looked = applyInspectionUnitTransition(reported.state, 'record_lookback', complete);
    expect(looked.ok && looked.state).toMatchObject({ status: 'looked_back', lookbackOn: '2026-06-15' });
  });
});

describe('what each step needs', () => {
  it('the feedback: a day between the round start and today, at least one problem', () => {
    const cases: [Partial<InspectionUnitFacts>, (string | null)[]][] = [
      [{ feedbackOn: undefined }, ['feedbackOn']],
      [{ feedbackOn: '2026-06-16' }, ['feedbackOn']],
      [{ feedbackOn: '2026-05-05' }, ['feedbackOn']],
      [{ feedbackOn: '2026-05-06' }, []],
      [{ problems: [] }, ['problems']],
    ];
    for (const [over, paths] of cases)
      expect(
        pathsOf(applyInspectionUnitTransition(base, 'record_feedback', { ...complete, ...over })),
      ).toEqual(paths);
  });

  it('a problem is due on the report day unless given; a day before today (or the default past) is refused', () => {
    expect(feedbackDeadlines('2026-06-10', 2, [{}, { deadline: '2026-09-30' }])).toEqual([
      '2026-08-10',
      '2026-09-30',
    ]);
    const late = applyInspectionUnitTransition(base, 'record_feedback', {
      ...complete,
      today: '2026-08-11',
      feedbackOn: '2026-06-10',
      problems: [{}, { deadline: '2026-08-11' }, { deadline: '2026-08-10' }],
    });
    expect(pathsOf(late)).toEqual(['problems.0.deadline', 'problems.2.deadline']);
    if (!late.ok) expect(late.violations[0]!.message).toContain('默认整改期限为整改报告期限（2026-08-10）');
  });

  it('a report needs its text; a return its reason', () => {
    const rectifying = { ...base, status: 'rectifying' as const, feedbackOn: '2026-06-10' };
    expect(
      pathsOf(applyInspectionUnitTransition(rectifying, 'submit_report', { ...complete, report: ' ' })),
    ).toEqual(['report']);
    const reported = { ...rectifying, status: 'reported' as const, reportSubmittedOn: '2026-06-12' };
    expect(
      pathsOf(applyInspectionUnitTransition(reported, 'return_report', { ...complete, reason: undefined })),
    ).toEqual(['reason']);
  });

  it('a 回头看: its day after the report and not after today, a note, a verdict on every closed item', () => {
    const reported: InspectionUnitState = {
      status: 'reported',
      feedbackOn: '2026-01-10',
      reportSubmittedOn: '2026-03-05',
      lookbackOn: null,
    };
    const items = [
      { id: 1, status: 'closed' as const },
      { id: 2, status: 'closed' as const },
      { id: 3, status: 'in_progress' as const },
    ];
    const facts = (over: Partial<InspectionUnitFacts>) => ({ ...complete, items, ...over });
    const cases: [Partial<InspectionUnitFacts>, (string | null)[]][] = [
      [
        {
          verdicts: [
            { rectificationId: 1, outcome: 'confirmed' },
            { rectificationId: 2, outcome: 'rebound', reason: '又未按月召开', until: '2026-07-31' },
          ],
        },
        [],
      ],
      [{ lookbackOn: '2026-03-04', verdicts: [] }, ['lookbackOn', 'verdicts']],
      [{ lookbackOn: '2026-06-16', note: ' ', verdicts: [] }, ['lookbackOn', 'note', 'verdicts']],
      [
        {
          verdicts: [
            { rectificationId: 1, outcome: 'confirmed' },
            { rectificationId: 1, outcome: 'confirmed' },
            { rectificationId: 3, outcome: 'confirmed' },
          ],
        },
        ['verdicts.1.rectificationId', 'verdicts.2.rectificationId', 'verdicts'],
      ],
      [
        {
          verdicts: [
            { rectificationId: 1, outcome: 'rebound' },
            { rectificationId: 2, outcome: 'rebound', reason: '反弹', until: '2026-06-14' },
          ],
        },
        ['verdicts.0.reason', 'verdicts.0.until', 'verdicts.1.until'],
      ],
    ];
    for (const [over, paths] of cases)
      expect(pathsOf(applyInspectionUnitTransition(reported, 'record_lookback', facts(over)))).toEqual(paths);
  });
});

describe('sides, dates and figures', () => {
  it('the 巡察办 records feedback, returns and looks back; the unit submits', () => {
    const rectifying = { ...base, status: 'rectifying' as const };
    const reported = { ...base, status: 'reported' as const };
    expect(allowedInspectionUnitActions(base, { office: true, unit: false })).toEqual({
      record_feedback: true,
      submit_report: false,
      return_report: false,
      record_lookback: false,
    });
    expect(allowedInspectionUnitActions(base, { office: false, unit: true }).record_feedback).toBe(false);
    expect(allowedInspectionUnitActions(rectifying, { office: false, unit: true }).submit_report).toBe(true);
    expect(allowedInspectionUnitActions(rectifying, { office: true, unit: false }).submit_report).toBe(false);
    expect(allowedInspectionUnitActions(reported, { office: true, unit: false })).toMatchObject({
      return_report: true,
      record_lookback: true,
    });
    expect(
      Object.values(allowedInspectionUnitActions(reported, { office: false, unit: true })),
    ).not.toContain(true);
  });

  it('the report is due N months after the feedback, the 回头看 M months after; overdue only while rectifying', () => {
    expect(inspectionReportDue('2026-01-31', 1)).toBe('2026-02-28');
    expect(inspectionReportDue('2026-06-10', 2)).toBe('2026-08-10');
    expect(inspectionLookbackDue('2026-06-10', 6)).toBe('2026-12-10');
    expect(isInspectionReportOverdue('rectifying', '2026-08-10', '2026-08-10')).toBe(false);
    expect(isInspectionReportOverdue('rectifying', '2026-08-10', '2026-08-11')).toBe(true);
    expect(isInspectionReportOverdue('reported', '2026-08-10', '2026-08-11')).toBe(false);
    expect(isInspectionReportOverdue('awaiting_feedback', null, '2026-08-11')).toBe(false);
  });

  it('figures are counted: closed, the rest in progress, overdue among those still open', () => {
    expect(
      inspectionFigures([
        { status: 'closed', overdue: false },
        { status: 'submitted', overdue: false },
        { status: 'in_progress', overdue: true },
        { status: 'pending', overdue: false },
      ]),
    ).toEqual({ total: 4, closed: 1, inProgress: 3, overdue: 1 });
    expect(inspectionFigures([])).toEqual({ total: 0, closed: 0, inProgress: 0, overdue: 0 });
  });
});

describe('the round plan and its units', () => {
  it('a 常规/机动巡察 takes 党总支 and 直属党支部; a 专项 also branches under a 总支; never the 党委 or a 党小组', () => {
    const cases: [Parameters<typeof inspectionUnitRefusal>[1], boolean, boolean][] = [
      [{ type: 'general_branch', parentType: 'committee' }, true, true],
      [{ type: 'branch', parentType: 'committee' }, true, true],
      [{ type: 'joint_branch', parentType: 'committee' }, true, true],
      [{ type: 'branch', parentType: 'general_branch' }, false, true],
      [{ type: 'committee', parentType: null }, false, false],
      [{ type: 'group', parentType: 'branch' }, false, false],
    ];
    for (const [org, regular, special] of cases) {
      expect(inspectionUnitRefusal('regular', org) === null, `${org.type} regular`).toBe(regular);
      expect(inspectionUnitRefusal('mobile', org) === null, `${org.type} mobile`).toBe(regular);
      expect(inspectionUnitRefusal('special', org) === null, `${org.type} special`).toBe(special);
    }
  });

  it('the plan: the end not before the start, exactly one 组长, no name twice', () => {
    const plan = {
      startsOn: '2026-04-01',
      endsOn: '2026-05-15',
      team: [
        { role: 'leader' as const, name: '王建国' },
        { role: 'member' as const, name: '李红' },
      ],
    };
    expect(inspectionPlanProblems(plan)).toEqual([]);
    expect(inspectionPlanProblems({ ...plan, endsOn: '2026-03-31' }).map((p) => p.path)).toEqual(['endsOn']);
    expect(
      inspectionPlanProblems({ ...plan, team: [{ role: 'member', name: '李红' }] }).map((p) => p.path),
    ).toEqual(['team']);
    expect(
      inspectionPlanProblems({
        ...plan,
        team: [...plan.team, { role: 'leader', name: '李红' }],
      }).map((p) => p.path),
    ).toEqual(['team', 'team.2.name']);
  });
});

describe('findings', () => {
  const unit = (over: Partial<InspectionUnitAlertFacts>): InspectionUnitAlertFacts => ({
    roundId: 3,
    roundName: '十四届党委第三轮巡察',
    org: { id: 7, name: '信息学院党总支' },
    status: 'rectifying',
    feedbackOn: '2026-06-10',
    reportMonths: 2,
    lookbackMonths: 6,
    ...over,
  });
  const rules = (u: InspectionUnitAlertFacts, today: string) =>
    evaluateInspectionRules([u], today).map((f) => f.ruleId);

  it('the report: nothing until 7 days before, then due soon, then overdue the day after; none once reported', () => {
    expect(rules(unit({}), '2026-08-02')).toEqual([]);
    expect(rules(unit({}), '2026-08-03')).toEqual(['inspection.report_due_soon']);
    expect(rules(unit({}), '2026-08-10')).toEqual(['inspection.report_due_soon']);
    expect(rules(unit({}), '2026-08-11')).toEqual(['inspection.report_overdue']);
    expect(rules(unit({ status: 'reported' }), '2026-08-11')).toEqual([]);
    expect(rules(unit({ status: 'awaiting_feedback' }), '2026-08-11')).toEqual([]);
  });

  it('the 回头看: from 7 days before it while the report is in, until it is recorded', () => {
    const reported = unit({ status: 'reported' });
    expect(rules(reported, '2026-12-02')).toEqual([]);
    expect(rules(reported, '2026-12-03')).toEqual(['inspection.lookback_due']);
    expect(rules(reported, '2027-01-20')).toEqual(['inspection.lookback_due']);
    expect(rules(unit({ status: 'looked_back' }), '2027-01-20')).toEqual([]);
  });

  it('each finding is on the unit, keyed by round and unit, with its due day and the clause it cites', () => {
    const [f] = evaluateInspectionRules([unit({})], '2026-08-12');
    expect(f).toMatchObject({
      orgId: 7,
      subject: 'inspection-3-7',
      dueDate: '2026-08-10',
      severity: 'error',
      clause: { article: '第二十七条' },
    });
    expect(f!.message).toContain('已逾期2天');
    expect(f!.suggestion).toMatch(/^据《中国共产党巡视工作条例》第二十七条/);
    expect(f!.clause.text).toMatch(/^据/);
  });
});
