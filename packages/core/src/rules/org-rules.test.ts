import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../dates.ts';
import {
  type OrgCategory,
  type OrgType,
  orgTypes,
  severities,
  type TeamKind,
  type UnitKind,
} from '../dictionaries.ts';
import { defaultRuleSettings, type RuleSettings } from '../settings.ts';
import { type OrgRuleId, orgRuleCatalogue, orgRuleIds } from './catalogue.ts';
import {
  effectiveTermEnd,
  evaluateOrgRules,
  type Finding,
  type OrgFacts,
  type TermFacts,
  termYears,
  type UnitFacts,
} from './org-rules.ts';

/** A healthy 3-year branch term, 2023-07-01 to 2026-07-01, led by a 5-member committee. */
function buildTerm(overrides: Partial<TermFacts> = {}): TermFacts {
  return {
    id: 1,
    number: 2,
    startDate: '2023-07-01',
    plannedEndDate: '2026-07-01',
    postponedTo: null,
    electionRequestedOn: null,
    teamKind: 'committee',
    teamSize: 5,
    secretary: { personId: 11, name: '张三', isDualLeader: true },
    ...overrides,
  };
}

/** A healthy office branch of 20 members (18 full) with a healthy term. */
function buildOrgFacts(overrides: Partial<OrgFacts> = {}): OrgFacts {
  return {
    id: 1,
    name: '机关第一党支部',
    type: 'branch',
    category: 'office',
    memberCount: 20,
    fullMemberCount: 18,
    term: buildTerm(),
    ...overrides,
  };
}

function buildUnit(overrides: Partial<UnitFacts> = {}): UnitFacts {
  return {
    id: 100,
    name: '信息工程学院',
    kind: 'college',
    orgId: 5,
    orgName: '中共信息工程学院总支部委员会',
    hasOrganiser: false,
    ...overrides,
  };
}

/** A day well inside the default term, before any reminder is due. */
const quietDay: IsoDate = '2025-01-01';

function evaluate(
  org: OrgFacts,
  today: IsoDate = quietDay,
  settings: RuleSettings = defaultRuleSettings,
): Finding[] {
  return evaluateOrgRules([org], [], settings, today);
}

function ids(findings: readonly Finding[]): OrgRuleId[] {
  return findings.map((f) => f.ruleId);
}

function only(findings: readonly Finding[], ruleId: OrgRuleId): Finding {
  const matching = findings.filter((f) => f.ruleId === ruleId);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}

const branchTypes: OrgType[] = ['branch', 'joint_branch', 'temporary_branch'];
const nonBranchTypes: OrgType[] = ['committee', 'general_branch', 'group'];

describe('a healthy org', () => {
  it.each<OrgType>(['branch', 'joint_branch', 'temporary_branch', 'general_branch'])(
    '%s has no findings',
    (type) => {
      expect(evaluate(buildOrgFacts({ type }))).toEqual([]);
    },
  );

  it('a 党委 with a 5-year term and 9 committee members has no findings', () => {
    const org = buildOrgFacts({
      type: 'committee',
      memberCount: 400,
      fullMemberCount: 380,
      term: buildTerm({ startDate: '2021-07-01', plannedEndDate: '2026-07-01', teamSize: 9 }),
    });
    expect(evaluate(org)).toEqual([]);
  });
});

describe('branch.min_full_members (支部条例: ≥3 full members)', () => {
  it.each<[OrgType, number, boolean]>([
    ...branchTypes.flatMap((t): [OrgType, number, boolean][] => [
      [t, 0, true],
      [t, 2, true],
      [t, 3, false],
      [t, 4, false],
    ]),
    ...nonBranchTypes.map((t): [OrgType, number, boolean] => [t, 2, false]),
  ])('%s with %i full members: finding %s', (type, fullMemberCount, expected) => {
    const org = buildOrgFacts({
      type,
      fullMemberCount,
      memberCount: fullMemberCount + 1,
      term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }),
    });
    const findings = evaluate(org);
    expect(ids(findings).includes('branch.min_full_members')).toBe(expected);
    if (expected) {
      const f = only(findings, 'branch.min_full_members');
      expect(f.severity).toBe('error');
      expect(f.message).toContain(`正式党员 ${fullMemberCount} 人`);
    }
  });

  it('counts full members, not probationary ones', () => {
    const org = buildOrgFacts({
      memberCount: 10,
      fullMemberCount: 2,
      term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }),
    });
    expect(ids(evaluate(org))).toEqual(['branch.min_full_members']);
  });
});

describe('branch.committee_required (支部条例 第十八条: ≥7 full members)', () => {
  it.each<[number, TeamKind, boolean]>([
    [6, 'secretary_only', false],
    [7, 'secretary_only', true],
    [12, 'secretary_only', true],
    [6, 'committee', false],
    [7, 'committee', false],
    [12, 'committee', false],
  ])('%i full members with a %s team: finding %s', (fullMemberCount, teamKind, expected) => {
    const term = buildTerm({ teamKind, teamSize: teamKind === 'committee' ? 3 : 1 });
    const findings = evaluate(buildOrgFacts({ fullMemberCount, memberCount: fullMemberCount, term }));
    expect(ids(findings).includes('branch.committee_required')).toBe(expected);
    if (expected) expect(only(findings, 'branch.committee_required').severity).toBe('error');
  });

  it.each<[number, number, boolean]>([
    [5, 4, false],
    [5, 5, true],
    [3, 3, true],
  ])(
    'a school threshold of %i: %i full members gives a finding %s',
    (committeeRequiredAt, fullMemberCount, expected) => {
      const settings = { ...defaultRuleSettings, committeeRequiredAt };
      const org = buildOrgFacts({
        fullMemberCount,
        memberCount: fullMemberCount,
        term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }),
      });
      const findings = evaluate(org, quietDay, settings);
      expect(ids(findings).includes('branch.committee_required')).toBe(expected);
      if (expected)
        expect(only(findings, 'branch.committee_required').message).toContain(
          `达到 ${committeeRequiredAt} 人`,
        );
    },
  );

  it.each(branchTypes)('applies to %s', (type) => {
    const org = buildOrgFacts({ type, term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }) });
    expect(ids(evaluate(org))).toEqual(['branch.committee_required']);
  });

  it.each<OrgType>(['committee', 'general_branch'])('does not apply to %s', (type) => {
    const org = buildOrgFacts({ type, term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }) });
    expect(ids(evaluate(org))).toEqual([]);
  });
});

describe('branch.committee_not_allowed (支部条例 第十八条: fewer than 7 full members → no committee)', () => {
  it.each<[number, number, TeamKind, boolean]>([
    [6, 6, 'committee', true],
    [7, 7, 'committee', false],
    [3, 3, 'committee', true],
    [6, 6, 'secretary_only', false],
    // 预备党员 are not counted: 6 full + 3 probationary is still fewer than 7.
    [6, 9, 'committee', true],
    [7, 12, 'committee', false],
  ])(
    '%i full of %i members with a %s team: finding %s',
    (fullMemberCount, memberCount, teamKind, expected) => {
      const term = buildTerm({ teamKind, teamSize: teamKind === 'committee' ? 3 : 1 });
      const findings = evaluate(buildOrgFacts({ fullMemberCount, memberCount, term }));
      expect(ids(findings).includes('branch.committee_not_allowed')).toBe(expected);
      if (expected) {
        const f = only(findings, 'branch.committee_not_allowed');
        // A committee elected while the branch was larger stands until the next election.
        expect(f.severity).toBe('warning');
        expect(f.message).toContain(`正式党员 ${fullMemberCount} 人，不足 7 人`);
        expect(f.clause).toBe(orgRuleCatalogue['branch.committee_not_allowed'].clause);
      }
    },
  );

  it.each<[number, number, boolean]>([
    [5, 4, true],
    [5, 5, false],
    [3, 3, false],
  ])(
    'follows a school threshold of %i: %i full members with a committee gives a finding %s',
    (committeeRequiredAt, fullMemberCount, expected) => {
      const settings = { ...defaultRuleSettings, committeeRequiredAt };
      const org = buildOrgFacts({
        fullMemberCount,
        memberCount: fullMemberCount,
        term: buildTerm({ teamSize: 3 }),
      });
      expect(ids(evaluate(org, quietDay, settings)).includes('branch.committee_not_allowed')).toBe(expected);
    },
  );

  it.each(branchTypes)('applies to %s', (type) => {
    const org = buildOrgFacts({ type, fullMemberCount: 5, memberCount: 5, term: buildTerm({ teamSize: 3 }) });
    expect(ids(evaluate(org))).toEqual(['branch.committee_not_allowed']);
  });

  it.each<OrgType>(['committee', 'general_branch'])('does not apply to %s', (type) => {
    const term =
      type === 'committee'
        ? buildTerm({ startDate: '2021-07-01', plannedEndDate: '2026-07-01', teamSize: 5 })
        : buildTerm({ teamSize: 5 });
    expect(ids(evaluate(buildOrgFacts({ type, fullMemberCount: 5, memberCount: 5, term })))).toEqual([]);
  });
});

describe('team.committee_size (支部条例 第十八条: 3–5, at most 7)', () => {
  it.each<[number, 'error' | 'warning' | null]>([
    [0, 'error'],
    [1, 'error'],
    [2, 'error'],
    [3, null],
    [4, null],
    [5, null],
    [6, 'warning'],
    [7, 'warning'],
    [8, 'error'],
    [11, 'error'],
  ])('a branch committee of %i: %s', (teamSize, severity) => {
    const findings = evaluate(buildOrgFacts({ term: buildTerm({ teamSize }) }));
    if (severity === null) {
      expect(findings).toEqual([]);
    } else {
      const f = only(findings, 'team.committee_size');
      expect(f.severity).toBe(severity);
      expect(f.message).toContain(`现有委员 ${teamSize} 人`);
      expect(f.clause).toBe(orgRuleCatalogue['team.committee_size'].clause);
    }
  });

  it.each([1, 2, 8])('does not apply to a secretary-only team of %i', (teamSize) => {
    const org = buildOrgFacts({
      fullMemberCount: 5,
      memberCount: 5,
      term: buildTerm({ teamKind: 'secretary_only', teamSize }),
    });
    expect(evaluate(org)).toEqual([]);
  });

  it.each<[OrgType, number]>([
    ['general_branch', 7],
    ['general_branch', 9],
    ['committee', 9],
    ['committee', 11],
  ])('does not apply the branch size to a %s committee of %i', (type, teamSize) => {
    const term = buildTerm(
      type === 'committee'
        ? { startDate: '2021-07-01', plannedEndDate: '2026-07-01', teamSize }
        : { teamSize },
    );
    expect(evaluate(buildOrgFacts({ type, memberCount: 120, fullMemberCount: 110, term }))).toEqual([]);
  });
});

describe('branch.max_members (支部条例: ≤50; 教师支部 ≤30)', () => {
  it.each<[OrgCategory | null, number, boolean]>([
    [null, 50, false],
    [null, 51, true],
    ['office', 50, false],
    ['office', 51, true],
    ['retired', 50, false],
    ['retired', 51, true],
    ['mixed', 50, false],
    ['mixed', 51, true],
    ['staff', 30, false],
    ['staff', 31, true],
    ['student', 30, false],
    ['student', 31, true],
  ])('default settings, %s branch of %i members: finding %s', (category, memberCount, expected) => {
    const findings = evaluate(buildOrgFacts({ category, memberCount, fullMemberCount: 20 }));
    expect(ids(findings).includes('branch.max_members')).toBe(expected);
    if (expected) {
      const f = only(findings, 'branch.max_members');
      expect(f.severity).toBe('warning');
      expect(f.message).toContain(`${memberCount} 人`);
    }
  });

  const tightened: RuleSettings = {
    ...defaultRuleSettings,
    branchMaxMembers: 40,
    staffBranchMaxMembers: 25,
    studentBranchMaxMembers: 20,
  };

  it.each<[OrgCategory | null, number, boolean]>([
    [null, 40, false],
    [null, 41, true],
    ['office', 40, false],
    ['office', 41, true],
    ['staff', 25, false],
    ['staff', 26, true],
    ['student', 20, false],
    ['student', 21, true],
  ])('tightened settings, %s branch of %i members: finding %s', (category, memberCount, expected) => {
    const findings = evaluate(
      buildOrgFacts({ category, memberCount, fullMemberCount: 15 }),
      quietDay,
      tightened,
    );
    expect(ids(findings).includes('branch.max_members')).toBe(expected);
  });

  it.each<[OrgCategory | null, string]>([
    ['staff', '超过教工党支部人数上限 30 人'],
    ['student', '超过学生党支部人数上限 30 人'],
    ['office', '超过党支部人数上限 50 人'],
    [null, '超过党支部人数上限 50 人'],
  ])('the %s message names the limit', (category, text) => {
    const findings = evaluate(buildOrgFacts({ category, memberCount: 60, fullMemberCount: 20 }));
    expect(only(findings, 'branch.max_members').message).toContain(text);
  });

  it.each(branchTypes)('applies to %s', (type) => {
    expect(ids(evaluate(buildOrgFacts({ type, memberCount: 51 })))).toEqual(['branch.max_members']);
  });

  it.each<OrgType>(['committee', 'general_branch'])('does not apply to %s', (type) => {
    expect(evaluate(buildOrgFacts({ type, memberCount: 300, fullMemberCount: 280 }))).toEqual([]);
  });
});

describe('term reminders (换届提醒 6 months, 换届请示 4 months)', () => {
  // Default term ends 2026-07-01: reminder from 2026-01-01, request due 2026-03-01.
  it.each<[string, IsoDate, IsoDate | null, OrgRuleId[]]>([
    ['well before', '2025-06-30', null, []],
    ['the day before the reminder', '2025-12-31', null, []],
    ['the reminder day (6 months ahead)', '2026-01-01', null, ['term.ending_soon']],
    ['the day before the request is due', '2026-02-28', null, ['term.ending_soon']],
    ['the request day (4 months ahead), no request', '2026-03-01', null, ['term.election_request_missing']],
    ['the request day, request recorded', '2026-03-01', '2026-02-20', ['term.ending_soon']],
    ['a month before the end, no request', '2026-06-01', null, ['term.election_request_missing']],
    ['a month before the end, request recorded', '2026-06-01', '2026-03-01', ['term.ending_soon']],
    ['the last day of the term, no request', '2026-07-01', null, ['term.election_request_missing']],
    ['the last day of the term, request recorded', '2026-07-01', '2026-03-01', ['term.ending_soon']],
    ['the day after the end', '2026-07-02', null, ['term.overdue']],
    ['the day after the end, request recorded', '2026-07-02', '2026-03-01', ['term.overdue']],
    ['a year after the end', '2027-07-02', null, ['term.overdue']],
  ])('%s (%s)', (_name, today, electionRequestedOn, expected) => {
    expect(ids(evaluate(buildOrgFacts({ term: buildTerm({ electionRequestedOn }) }), today))).toEqual(
      expected,
    );
  });

  it('ending_soon is info and due on the term end', () => {
    const f = only(evaluate(buildOrgFacts(), '2026-01-01'), 'term.ending_soon');
    expect(f.severity).toBe('info');
    expect(f.dueDate).toBe('2026-07-01');
    expect(f.suggestion).toContain('2026-03-01');
  });

  it('election_request_missing is a warning due on the request day', () => {
    const f = only(evaluate(buildOrgFacts(), '2026-03-01'), 'term.election_request_missing');
    expect(f.severity).toBe('warning');
    expect(f.dueDate).toBe('2026-03-01');
    expect(f.message).toContain('2026-07-01');
  });

  it('overdue is an error due on the term end', () => {
    const f = only(evaluate(buildOrgFacts(), '2026-07-02'), 'term.overdue');
    expect(f.severity).toBe('error');
    expect(f.dueDate).toBe('2026-07-01');
  });

  it.each<[IsoDate, OrgRuleId[]]>([
    // Term ends 2026-08-31: 6 months back clamps to 2026-02-28, 4 months back to 2026-04-30.
    ['2026-02-27', []],
    ['2026-02-28', ['term.ending_soon']],
    ['2026-04-29', ['term.ending_soon']],
    ['2026-04-30', ['term.election_request_missing']],
    ['2026-08-31', ['term.election_request_missing']],
    ['2026-09-01', ['term.overdue']],
  ])('a term ending on the 31st: %s gives %j', (today, expected) => {
    const org = buildOrgFacts({ term: buildTerm({ startDate: '2023-08-31', plannedEndDate: '2026-08-31' }) });
    expect(ids(evaluate(org, today))).toEqual(expected);
  });

  it.each<[IsoDate, OrgRuleId[]]>([
    // A school reminding 3 months and asking for the request 2 months before the end.
    ['2026-03-31', []],
    ['2026-04-01', ['term.ending_soon']],
    ['2026-04-30', ['term.ending_soon']],
    ['2026-05-01', ['term.election_request_missing']],
  ])('with 3/2-month settings, %s gives %j', (today, expected) => {
    const settings = { ...defaultRuleSettings, termReminderMonths: 3, electionRequestMonths: 2 };
    expect(ids(evaluate(buildOrgFacts(), today, settings))).toEqual(expected);
  });
});

describe('term.postponement_too_long (选举条例 第三条: at most 1 year)', () => {
  it.each<[IsoDate, boolean]>([
    ['2026-12-31', false],
    ['2027-07-01', false],
    ['2027-07-02', true],
    ['2028-07-01', true],
  ])('planned end 2026-07-01 postponed to %s: finding %s', (postponedTo, expected) => {
    const findings = evaluate(buildOrgFacts({ term: buildTerm({ postponedTo }) }));
    expect(ids(findings)).toEqual(expected ? ['term.postponement_too_long'] : []);
    if (expected) {
      const f = only(findings, 'term.postponement_too_long');
      expect(f.severity).toBe('error');
      expect(f.dueDate).toBe(postponedTo);
    }
  });

  it.each<[number, IsoDate, boolean]>([
    [6, '2027-01-01', false],
    [6, '2027-01-02', true],
    [0, '2026-07-01', false],
    [0, '2026-07-02', true],
  ])(
    'with at most %i months, postponing to %s gives a finding %s',
    (maxPostponementMonths, postponedTo, expected) => {
      const settings = { ...defaultRuleSettings, maxPostponementMonths };
      const findings = evaluate(buildOrgFacts({ term: buildTerm({ postponedTo }) }), quietDay, settings);
      expect(ids(findings).includes('term.postponement_too_long')).toBe(expected);
    },
  );

  it('is measured from the planned end, clamped at month end', () => {
    // 2026-08-31 + 12 months = 2027-08-31; 2027-09-01 is one day too long.
    const term = (postponedTo: IsoDate) =>
      buildTerm({ startDate: '2023-08-31', plannedEndDate: '2026-08-31', postponedTo });
    expect(evaluate(buildOrgFacts({ term: term('2027-08-31') }))).toEqual([]);
    expect(ids(evaluate(buildOrgFacts({ term: term('2027-09-01') })))).toEqual([
      'term.postponement_too_long',
    ]);
  });
});

describe('postponedTo moves the effective end', () => {
  const postponed = buildTerm({ postponedTo: '2027-01-01' });

  it('effectiveTermEnd prefers the postponed date', () => {
    expect(effectiveTermEnd(postponed)).toBe('2027-01-01');
    expect(effectiveTermEnd(buildTerm())).toBe('2026-07-01');
  });

  it.each<[IsoDate, IsoDate | null, OrgRuleId[]]>([
    ['2026-06-30', null, []],
    ['2026-07-01', null, ['term.ending_soon']],
    ['2026-07-02', null, ['term.ending_soon']],
    ['2026-08-31', null, ['term.ending_soon']],
    ['2026-09-01', null, ['term.election_request_missing']],
    ['2026-09-01', '2026-08-20', ['term.ending_soon']],
    ['2027-01-01', null, ['term.election_request_missing']],
    ['2027-01-02', null, ['term.overdue']],
  ])('postponed to 2027-01-01, on %s (request %s): %j', (today, electionRequestedOn, expected) => {
    const org = buildOrgFacts({ term: { ...postponed, electionRequestedOn } });
    expect(ids(evaluate(org, today))).toEqual(expected);
  });

  it('an overdue postponed term is due on the postponed date', () => {
    expect(only(evaluate(buildOrgFacts({ term: postponed }), '2027-01-02'), 'term.overdue').dueDate).toBe(
      '2027-01-01',
    );
  });

  it('a postponement does not count towards the term length', () => {
    expect(evaluate(buildOrgFacts({ term: buildTerm({ postponedTo: '2027-07-01' }) }))).toEqual([]);
  });
});

describe('term.length_exceeds (任期意见: 党委 5 years, 总支/支部 3 years)', () => {
  it.each<[OrgType, number]>([
    ['committee', 5],
    ['general_branch', 3],
    ['branch', 3],
    ['joint_branch', 3],
    ['temporary_branch', 3],
  ])('termYears(%s) is %i', (type, years) => {
    expect(termYears(type)).toBe(years);
  });

  it.each<[OrgType, IsoDate, IsoDate, boolean]>([
    ['branch', '2023-07-01', '2026-07-01', false],
    ['branch', '2023-07-01', '2026-07-02', true],
    ['branch', '2023-07-01', '2026-06-30', false],
    ['joint_branch', '2023-07-01', '2026-07-02', true],
    ['general_branch', '2023-07-01', '2026-07-01', false],
    ['general_branch', '2023-07-01', '2026-07-02', true],
    ['committee', '2021-07-01', '2026-07-01', false],
    ['committee', '2021-07-01', '2026-07-02', true],
    ['committee', '2023-07-01', '2026-07-02', false],
    ['branch', '2024-02-29', '2027-02-28', false],
    ['branch', '2024-02-29', '2027-03-01', true],
  ])('%s term %s to %s: finding %s', (type, startDate, plannedEndDate, expected) => {
    const findings = evaluate(
      buildOrgFacts({ type, term: buildTerm({ startDate, plannedEndDate }) }),
      '2024-03-01',
    );
    expect(ids(findings)).toEqual(expected ? ['term.length_exceeds'] : []);
    if (expected) {
      const f = only(findings, 'term.length_exceeds');
      expect(f.severity).toBe('warning');
      expect(f.message).toContain(`超过 ${termYears(type)} 年`);
    }
  });
});

describe('term.missing', () => {
  it.each<OrgType>(['committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'])(
    'a %s without a term',
    (type) => {
      const findings = evaluate(buildOrgFacts({ type, term: null }));
      expect(ids(findings)).toEqual(['term.missing']);
      expect(findings[0]?.severity).toBe('error');
    },
  );

  it('a branch without a term still gets its size findings', () => {
    const org = buildOrgFacts({ term: null, memberCount: 60, fullMemberCount: 2, category: 'staff' });
    expect(ids(evaluate(org)).sort()).toEqual([
      'branch.max_members',
      'branch.min_full_members',
      'term.missing',
    ]);
  });
});

describe('team.secretary_missing', () => {
  it.each<[OrgType, TeamKind]>([
    ['branch', 'committee'],
    ['branch', 'secretary_only'],
    ['general_branch', 'committee'],
    ['committee', 'committee'],
  ])('a %s with a %s team and no secretary', (type, teamKind) => {
    const term = buildTerm({
      teamKind,
      teamSize: teamKind === 'committee' ? 4 : 0,
      secretary: null,
      ...(type === 'committee' ? { startDate: '2021-07-01' } : {}),
    });
    const fullMemberCount = teamKind === 'committee' ? 20 : 5;
    const findings = evaluate(buildOrgFacts({ type, term, fullMemberCount, memberCount: fullMemberCount }));
    expect(ids(findings)).toEqual(['team.secretary_missing']);
    expect(findings[0]?.severity).toBe('error');
  });

  it('a staff branch without a secretary gets no dual-leader finding', () => {
    const org = buildOrgFacts({ category: 'staff', term: buildTerm({ secretary: null }) });
    expect(ids(evaluate(org))).toEqual(['team.secretary_missing']);
  });
});

describe('secretary.dual_leader (教党〔2018〕26号)', () => {
  it.each<[OrgType, OrgCategory | null, boolean, boolean]>([
    ['branch', 'staff', false, true],
    ['branch', 'staff', true, false],
    ['joint_branch', 'staff', false, true],
    ['temporary_branch', 'staff', false, true],
    ['branch', 'student', false, false],
    ['branch', 'office', false, false],
    ['branch', 'retired', false, false],
    ['branch', 'mixed', false, false],
    ['branch', null, false, false],
    ['general_branch', 'staff', false, false],
    ['committee', 'staff', false, false],
  ])('%s of category %s, secretary dual leader %s: finding %s', (type, category, isDualLeader, expected) => {
    const term = buildTerm({
      secretary: { personId: 7, name: '李四', isDualLeader },
      ...(type === 'committee' ? { startDate: '2021-07-01' } : {}),
    });
    const findings = evaluate(buildOrgFacts({ type, category, memberCount: 25, term }));
    expect(ids(findings)).toEqual(expected ? ['secretary.dual_leader'] : []);
    if (expected) {
      expect(findings[0]?.severity).toBe('warning');
      expect(findings[0]?.message).toContain('李四');
    }
  });
});

describe('unit.organiser_missing', () => {
  it.each<[UnitKind, boolean, boolean, boolean]>([
    // [unit kind, organiserRequired, hasOrganiser, finding]
    ['college', true, false, true],
    ['college', true, true, false],
    ['college', false, false, false],
    ['department', true, false, false],
    ['support', true, false, false],
  ])('a %s, required %s, has organiser %s: finding %s', (kind, organiserRequired, hasOrganiser, expected) => {
    const settings = { ...defaultRuleSettings, organiserRequired };
    const findings = evaluateOrgRules([], [buildUnit({ kind, hasOrganiser })], settings, quietDay);
    expect(ids(findings)).toEqual(expected ? ['unit.organiser_missing'] : []);
  });

  it('belongs to the unit’s party org', () => {
    const [f] = evaluateOrgRules([], [buildUnit()], defaultRuleSettings, quietDay);
    expect(f).toMatchObject({
      ruleId: 'unit.organiser_missing',
      severity: 'warning',
      orgId: 5,
      orgName: '中共信息工程学院总支部委员会',
    });
    expect(f?.message).toContain('信息工程学院');
  });

  it('falls back to the unit name when the org name is unknown', () => {
    const [f] = evaluateOrgRules([], [buildUnit({ orgName: null })], defaultRuleSettings, quietDay);
    expect(f?.orgName).toBe('信息工程学院');
  });

  it('a college without a party org gets no finding (nothing to attach it to)', () => {
    expect(evaluateOrgRules([], [buildUnit({ orgId: null })], defaultRuleSettings, quietDay)).toEqual([]);
  });
});

describe('党小组', () => {
  it.each<[string, Partial<OrgFacts>, IsoDate]>([
    ['without a term', { term: null }, quietDay],
    ['with an overdue term', {}, '2027-01-01'],
    ['with a term ending soon and no request', {}, '2026-06-01'],
    [
      'with an over-long, over-postponed term',
      { term: buildTerm({ plannedEndDate: '2027-07-01', postponedTo: '2029-01-01' }) },
      quietDay,
    ],
    [
      'with no secretary and an oversized team',
      { term: buildTerm({ secretary: null, teamSize: 9 }) },
      quietDay,
    ],
    [
      'with few full members, many members, staff',
      { category: 'staff', fullMemberCount: 1, memberCount: 60 },
      quietDay,
    ],
  ])('never gets findings: %s', (_name, overrides, today) => {
    expect(evaluate(buildOrgFacts({ type: 'group', name: '第一党小组', ...overrides }), today)).toEqual([]);
  });
});

describe('every finding', () => {
  // One org or unit per rule, so that every rule in the catalogue fires once.
  const orgs: OrgFacts[] = [
    buildOrgFacts({
      id: 1,
      name: '甲',
      fullMemberCount: 2,
      memberCount: 4,
      term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }),
    }),
    buildOrgFacts({ id: 2, name: '乙', memberCount: 51 }),
    buildOrgFacts({
      id: 3,
      name: '丙',
      fullMemberCount: 8,
      memberCount: 8,
      term: buildTerm({ teamKind: 'secretary_only', teamSize: 1 }),
    }),
    buildOrgFacts({ id: 4, name: '丁', term: buildTerm({ teamSize: 6 }) }),
    buildOrgFacts({ id: 5, name: '戊', term: buildTerm({ secretary: null }) }),
    buildOrgFacts({ id: 6, name: '己', term: null }),
    buildOrgFacts({
      id: 7,
      name: '庚',
      term: buildTerm({ plannedEndDate: '2026-12-01', postponedTo: '2028-01-01' }),
    }),
    buildOrgFacts({
      id: 8,
      name: '辛',
      term: buildTerm({ startDate: '2023-09-01', plannedEndDate: '2026-09-01' }),
    }),
    buildOrgFacts({
      id: 9,
      name: '壬',
      term: buildTerm({ startDate: '2023-05-01', plannedEndDate: '2026-05-01' }),
    }),
    buildOrgFacts({
      id: 10,
      name: '癸',
      term: buildTerm({ startDate: '2023-04-01', plannedEndDate: '2026-04-01' }),
    }),
    buildOrgFacts({
      id: 11,
      name: '子',
      category: 'staff',
      term: buildTerm({ secretary: { personId: 3, name: '王五', isDualLeader: false } }),
    }),
    buildOrgFacts({
      id: 13,
      name: '寅',
      fullMemberCount: 5,
      memberCount: 6,
      term: buildTerm({ teamSize: 3 }),
    }),
  ];
  const units = [buildUnit({ orgId: 12, orgName: '丑' })];
  const findings = evaluateOrgRules(orgs, units, defaultRuleSettings, '2026-04-15');

  it('covers every rule in the catalogue', () => {
    expect([...new Set(ids(findings))].sort()).toEqual([...orgRuleIds].sort());
  });

  it('carries the title, kind and clause of its rule from the catalogue', () => {
    for (const f of findings) {
      const rule = orgRuleCatalogue[f.ruleId];
      expect(f.clause).toEqual(rule.clause);
      expect(f.title).toBe(rule.title);
      expect(f.kind).toBe(rule.kind);
      expect(f.clause.source).toMatch(/^(《|中共|教育部党组|本校)/);
      expect(f.clause.article).not.toBe('');
      expect(f.clause.text).not.toBe('');
      expect(f.message).not.toBe('');
      expect(f.suggestion).not.toBe('');
    }
  });

  it('uses the catalogue severity, except for the hard committee size', () => {
    for (const f of findings) {
      if (f.ruleId !== 'team.committee_size') expect(f.severity).toBe(orgRuleCatalogue[f.ruleId].severity);
    }
  });

  it('names the org it is about', () => {
    for (const f of findings) {
      const name = f.orgId === 12 ? '丑' : orgs.find((o) => o.id === f.orgId)?.name;
      expect(f.orgName).toBe(name);
    }
  });

  it('is sorted error, warning, info, then by org id', () => {
    const rank = (f: Finding) => severities.indexOf(f.severity);
    for (let i = 1; i < findings.length; i++) {
      const a = findings[i - 1]!;
      const b = findings[i]!;
      expect(rank(a) < rank(b) || (rank(a) === rank(b) && a.orgId <= b.orgId)).toBe(true);
    }
    expect(findings.map((f) => f.severity)).toContain('info');
  });
});

describe('evaluateOrgRules ordering', () => {
  it('sorts by severity across orgs, then by org id, keeping rule order within an org', () => {
    const orgs = [
      buildOrgFacts({ id: 30, name: '三', term: buildTerm() }),
      buildOrgFacts({ id: 20, name: '二', memberCount: 51 }),
      buildOrgFacts({
        id: 10,
        name: '一',
        fullMemberCount: 2,
        memberCount: 2,
        term: buildTerm({ teamKind: 'secretary_only', teamSize: 1, secretary: null }),
      }),
    ];
    const findings = evaluateOrgRules(orgs, [buildUnit({ orgId: 5 })], defaultRuleSettings, '2026-01-15');
    expect(findings.map((f) => [f.severity, f.orgId, f.ruleId])).toEqual([
      ['error', 10, 'branch.min_full_members'],
      ['error', 10, 'team.secretary_missing'],
      ['warning', 5, 'unit.organiser_missing'],
      ['warning', 20, 'branch.max_members'],
      ['info', 10, 'term.ending_soon'],
      ['info', 20, 'term.ending_soon'],
      ['info', 30, 'term.ending_soon'],
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(evaluateOrgRules([], [], defaultRuleSettings, quietDay)).toEqual([]);
  });

  it('every org type is either checked for terms or is a group', () => {
    for (const type of orgTypes) {
      const findings = evaluate(buildOrgFacts({ type, term: null }));
      expect(ids(findings)).toEqual(type === 'group' ? [] : ['term.missing']);
    }
  });
});
