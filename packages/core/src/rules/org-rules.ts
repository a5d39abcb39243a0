import { addMonths, type IsoDate } from '../dates.ts';
import {
  isBranchType,
  type OrgCategory,
  type OrgType,
  orgCategoryLabels,
  orgTypeLabels,
  type Severity,
  type TeamKind,
  type UnitKind,
} from '../dictionaries.ts';
import type { RuleSettings } from '../settings.ts';
import { type Clause, type OrgRuleId, type RuleId, ruleCatalogue } from './catalogue.ts';
import { isTeamKindAllowed } from './team.ts';

/** What the engine needs to know of one org's current leadership term. */
export interface TermFacts {
  id: number;
  number: number;
  startDate: IsoDate;
  plannedEndDate: IsoDate;
  /** Approved new end date when the superior allowed a postponement. */
  postponedTo: IsoDate | null;
  /** Day the 换届请示 was sent to the superior, if it was. */
  electionRequestedOn: IsoDate | null;
  teamKind: TeamKind;
  /** People holding team posts in this term on `today`. */
  teamSize: number;
  secretary: { personId: number; name: string; isDualLeader: boolean } | null;
}

/** Facts of one active (not archived) org. */
export interface OrgFacts {
  id: number;
  name: string;
  type: OrgType;
  category: OrgCategory | null;
  /** Members (full + probationary) directly in this org or its 党小组. */
  memberCount: number;
  fullMemberCount: number;
  /** The term in force today (started on or before today, not replaced), or null. */
  term: TermFacts | null;
}

/** Facts of one administrative unit and whether its party org has an organiser (组织员). */
export interface UnitFacts {
  id: number;
  name: string;
  kind: UnitKind;
  /** The top party org attached to the unit (usually its 党总支), to which the finding belongs. */
  orgId: number | null;
  orgName: string | null;
  hasOrganiser: boolean;
}

/**
 * One rule finding: which rule, on which org, what is wrong, what to do, and the clause. Org rules
 * give `Finding` (the default); the alerts also hold transfer findings, `Finding<RuleId>`.
 */
export interface Finding<R extends RuleId = OrgRuleId> {
  ruleId: R;
  severity: Severity;
  orgId: number;
  orgName: string;
  title: string;
  message: string;
  suggestion: string;
  clause: Clause;
  kind: (typeof ruleCatalogue)[R]['kind'];
  /** Due date the finding is about, when there is one (term end, request deadline). */
  dueDate?: IsoDate;
  /** The person a member finding is about (organisational-life rules). */
  personId?: number;
  /** Key of the period the finding is about ('2026-03', '2026-Q1', '2026-2027-1', '2026'). */
  period?: string;
  /**
   * The record the finding is about when the org, person and period do not name it alone (a transfer, a
   * unit, a dossier's step): part of the finding's stable key (findings.ts `findingKey`).
   */
  subject?: string;
}

/** A finding of `ruleId` on `org`, with the title, kind, severity and clause from the catalogue. */
export function finding<R extends RuleId>(
  ruleId: R,
  org: { id: number; name: string },
  message: string,
  suggestion: string,
  extra: {
    severity?: Severity;
    dueDate?: IsoDate;
    personId?: number;
    period?: string;
    subject?: string;
  } = {},
): Finding<R> {
  const rule = ruleCatalogue[ruleId];
  const f: Finding<R> = {
    ruleId,
    severity: extra.severity ?? rule.severity,
    orgId: org.id,
    orgName: org.name,
    title: rule.title,
    message,
    suggestion,
    clause: rule.clause,
    kind: rule.kind,
  };
  if (extra.dueDate) f.dueDate = extra.dueDate;
  if (extra.personId !== undefined) f.personId = extra.personId;
  if (extra.period) f.period = extra.period;
  if (extra.subject) f.subject = extra.subject;
  return f;
}

/** Orgs that are led by an elected team with a term: 党委, 党总支 and branches (not 党小组). */
function hasTerms(type: OrgType): boolean {
  return type !== 'group';
}

/** Years of a term by org type (任期意见): 党委 5, 总支/支部 3. */
export function termYears(type: OrgType): number {
  return type === 'committee' ? 5 : 3;
}

/** Effective end of a term: the approved postponed date, else the planned end. */
export function effectiveTermEnd(term: Pick<TermFacts, 'plannedEndDate' | 'postponedTo'>): IsoDate {
  return term.postponedTo ?? term.plannedEndDate;
}

/** Member-count rules of a branch (支部条例 第五条, 第十八条). */
export function checkBranchSize(org: OrgFacts, settings: RuleSettings): Finding[] {
  if (!isBranchType(org.type)) return [];
  const out: Finding[] = [];
  if (org.fullMemberCount < 3) {
    out.push(
      finding(
        'branch.min_full_members',
        org,
        `${org.name}现有正式党员 ${org.fullMemberCount} 人，不足 3 人。`,
        '与邻近单位党员组成联合党支部，或调整党员编入其他党支部。',
      ),
    );
  }
  const limit =
    org.category === 'staff'
      ? settings.staffBranchMaxMembers
      : org.category === 'student'
        ? settings.studentBranchMaxMembers
        : settings.branchMaxMembers;
  if (org.memberCount > limit) {
    const who =
      org.category === 'staff' || org.category === 'student'
        ? `${orgCategoryLabels[org.category]}党支部`
        : '党支部';
    out.push(
      finding(
        'branch.max_members',
        org,
        `${org.name}现有党员 ${org.memberCount} 人，超过${who}人数上限 ${limit} 人。`,
        '按专业、年级或教研室拆分党支部，或调整党员隶属关系。',
      ),
    );
  }
  return out;
}

/**
 * Team rules: committee required at ≥7 full members and none below, a secretary, and for a branch committee
 * a size of 3–5 (at most 7). The size rule (支部条例 第十八条) is a branch rule: a 总支 or 党委 committee is larger.
 */
export function checkTeam(org: OrgFacts, settings: RuleSettings): Finding[] {
  if (!hasTerms(org.type) || !org.term) return [];
  const out: Finding[] = [];
  const term = org.term;
  if (
    isBranchType(org.type) &&
    org.fullMemberCount >= settings.committeeRequiredAt &&
    term.teamKind !== 'committee'
  ) {
    out.push(
      finding(
        'branch.committee_required',
        org,
        `${org.name}有正式党员 ${org.fullMemberCount} 人，达到 ${settings.committeeRequiredAt} 人，但未设支部委员会。`,
        '召开党员大会选举产生支部委员会（一般3至5人），报上级党组织备案。',
      ),
    );
  }
  if (isBranchType(org.type) && !isTeamKindAllowed(org.type, term.teamKind, org.fullMemberCount, settings)) {
    // A warning, not an error: a committee elected while the branch had enough full members stands until
    // the next election (任期意见); the next term must not be a committee (refused by checkTeamKind).
    out.push(
      finding(
        'branch.committee_not_allowed',
        org,
        `${org.name}现有正式党员 ${org.fullMemberCount} 人，不足 ${settings.committeeRequiredAt} 人，但第${term.number}届设有支部委员会。`,
        '换届时不再选举支部委员会，由党员大会选举书记1人（必要时增设副书记1人）；如党员人数将回升，请核对名册。',
      ),
    );
  }
  if (isBranchType(org.type) && term.teamKind === 'committee' && (term.teamSize < 3 || term.teamSize > 5)) {
    const hard = term.teamSize < 3 || term.teamSize > 7;
    out.push(
      finding(
        'team.committee_size',
        org,
        `${org.name}第${term.number}届委员会现有委员 ${term.teamSize} 人，${
          hard ? '不符合“最多不超过7人、至少3人”的规定' : '超过一般3至5人的规模'
        }。`,
        hard
          ? '通过补选或调整使委员会人数在3至7人之间（一般3至5人）。'
          : '下次换届时将委员会人数控制在3至5人。',
        { severity: hard ? 'error' : 'warning' },
      ),
    );
  }
  if (!term.secretary) {
    out.push(
      finding(
        'team.secretary_missing',
        org,
        `${org.name}第${term.number}届班子目前没有书记。`,
        '及时选举或补选书记，报上级党组织审批。',
      ),
    );
  }
  return out;
}

/** Term rules: a current term exists, length, reminder, 换届请示, overdue, postponement limit. */
export function checkTerm(org: OrgFacts, settings: RuleSettings, today: IsoDate): Finding[] {
  if (!hasTerms(org.type)) return [];
  const label = orgTypeLabels[org.type];
  if (!org.term) {
    return [
      finding(
        'term.missing',
        org,
        `${org.name}没有在任的届次（班子）记录。`,
        `录入${label}当前届次及其班子成员；如已届满，请组织换届选举。`,
      ),
    ];
  }
  const out: Finding[] = [];
  const term = org.term;
  const years = termYears(org.type);
  if (term.plannedEndDate > addMonths(term.startDate, years * 12)) {
    out.push(
      finding(
        'term.length_exceeds',
        org,
        `${org.name}第${term.number}届届期为 ${term.startDate} 至 ${term.plannedEndDate}，超过 ${years} 年。`,
        `核对届期：${label}每届任期 ${years} 年，延期须经上级批准并单独登记。`,
      ),
    );
  }
  if (term.postponedTo && term.postponedTo > addMonths(term.plannedEndDate, settings.maxPostponementMonths)) {
    out.push(
      finding(
        'term.postponement_too_long',
        org,
        `${org.name}第${term.number}届由 ${term.plannedEndDate} 延期至 ${term.postponedTo}，超过 ${settings.maxPostponementMonths} 个月。`,
        '延期不得超过1年，请尽快组织换届选举。',
        { dueDate: term.postponedTo },
      ),
    );
  }
  const end = effectiveTermEnd(term);
  if (today > end) {
    out.push(
      finding(
        'term.overdue',
        org,
        `${org.name}第${term.number}届已于 ${end} 届满，尚未换届。`,
        '立即向上级党组织报送换届请示并召开党员大会进行换届选举，选举后录入新一届班子。',
        { dueDate: end },
      ),
    );
    return out;
  }
  const requestDue = addMonths(end, -settings.electionRequestMonths);
  if (today >= requestDue && !term.electionRequestedOn) {
    out.push(
      finding(
        'term.election_request_missing',
        org,
        `${org.name}第${term.number}届将于 ${end} 届满，应在 ${requestDue} 前报送换届请示，尚未登记。`,
        '向上级党组织报送换届请示，并在系统中登记报送日期。',
        { dueDate: requestDue },
      ),
    );
  } else if (today >= addMonths(end, -settings.termReminderMonths)) {
    out.push(
      finding(
        'term.ending_soon',
        org,
        `${org.name}第${term.number}届将于 ${end} 届满。`,
        `做好换届准备，在 ${requestDue} 前报送换届请示。`,
        { dueDate: end },
      ),
    );
  }
  return out;
}

/** 双带头人: the secretary of a teacher (教工) branch should be a dual leader (教党〔2018〕26号). */
export function checkDualLeader(org: OrgFacts): Finding[] {
  if (!isBranchType(org.type) || org.category !== 'staff' || !org.term?.secretary) return [];
  const s = org.term.secretary;
  if (s.isDualLeader) return [];
  return [
    finding(
      'secretary.dual_leader',
      org,
      `${org.name}书记${s.name}未认定为“双带头人”。`,
      '选配党性强、业务精的骨干教师担任书记，或在书记档案中登记其“双带头人”条件（职称、专业或学术带头人）。',
    ),
  ];
}

/** A 二级学院 should have an organiser (组织员) in its party org. */
export function checkOrganiser(unit: UnitFacts, settings: RuleSettings): Finding[] {
  if (!settings.organiserRequired || unit.kind !== 'college' || unit.hasOrganiser || unit.orgId === null)
    return [];
  return [
    finding(
      'unit.organiser_missing',
      { id: unit.orgId, name: unit.orgName ?? unit.name },
      `${unit.name}未配备组织员。`,
      '为该二级学院党组织配备组织员，并在班子中登记“组织员”岗位。',
      { subject: `unit-${unit.id}` },
    ),
  ];
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts findings in place, most severe first, then by org. */
export function sortFindings<F extends Finding<RuleId>>(findings: F[]): F[] {
  return findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.orgId - b.orgId);
}

/** Every org-rule finding for the given orgs and units on `today`, most severe first. */
export function evaluateOrgRules(
  orgs: readonly OrgFacts[],
  units: readonly UnitFacts[],
  settings: RuleSettings,
  today: IsoDate,
): Finding[] {
  const out: Finding[] = [];
  for (const org of orgs) {
    out.push(
      ...checkBranchSize(org, settings),
      ...checkTeam(org, settings),
      ...checkTerm(org, settings, today),
    );
    out.push(...checkDualLeader(org));
  }
  for (const unit of units) out.push(...checkOrganiser(unit, settings));
  return sortFindings(out);
}
