import {
  addDays,
  addMonths,
  defaultRuleSettings,
  type Gender,
  type IsoDate,
  isIsoDate,
  type MemberCategory,
  type OrgCategory,
  type OrgType,
  orgRuleIds,
  type PartyStatus,
  type TeamKind,
  type TeamPost,
  termYears,
  type UnitKind,
} from '@dangjian/core';
import { buildDemoActivities, historyStart } from './activities.ts';
import { buildDemoCampaigns } from './campaigns.ts';
import { buildDemoInspections } from './inspections.ts';
import { buildDemoLeavers } from './leavers.ts';
import {
  chineseNumber,
  dualLeaderReasons,
  personName,
  seniorTitles,
  type TitlePool,
  titlePools,
} from './names.ts';
import { addPersonalDetails, blankPersonalDetails } from './personal.ts';
import { createRandom, type Random } from './random.ts';
import { buildDemoRecruitment, demoDossierCount, linkDemoVotes } from './recruitment.ts';
import { buildDemoRectifications } from './rectification.ts';
import { buildDemoSupervisedTasks } from './supervision.ts';
import {
  collegeTemplates,
  departmentNames,
  directBranchTemplates,
  type MemberKind,
  officeBranchTemplates,
  supportUnitNames,
  type UnitBranchTemplate,
} from './template.ts';
import { buildDemoTransfers } from './transfers.ts';
import type {
  CollegeData,
  DemoAccount,
  DemoAppointment,
  DemoCampaign,
  DemoCase,
  DemoInspection,
  DemoMajor,
  DemoOrg,
  DemoPerson,
  DemoTerm,
  DemoUnit,
} from './types.ts';

/** Seed used when the caller gives none. */
export const defaultDemoSeed = 20261121;

/** Name of the demo college. */
export const defaultSchoolName = '滨江职业技术学院';

/** Inputs of the generator; every date it produces is relative to `today`, so the rule cases stay live. */
export interface GenerateOptions {
  /** Size multiplier, rounded to a whole number ≥ 1: 1 ≈ 40 branches and 1,200 members, 10 ≈ 400 and 12,000. */
  scale: number;
  seed?: number;
  /** The college's today, 'YYYY-MM-DD'. */
  today: IsoDate;
  schoolName?: string;
}

type OrgRole = 'committee' | 'general_branch' | MemberKind;

/** How the generator treats an org when it builds terms and teams. */
interface OrgPlan {
  role: OrgRole;
  demoCase: DemoCase | null;
  /** Founded weeks ago; its first term has not been entered yet (rule term.missing). */
  isNew: boolean;
  /** A 二级学院's 党总支, which should have a 组织员. */
  isCollege: boolean;
}

interface Ctx {
  rng: Random;
  today: IsoDate;
  units: DemoUnit[];
  majors: DemoMajor[];
  orgs: DemoOrg[];
  people: DemoPerson[];
  terms: DemoTerm[];
  appointments: DemoAppointment[];
  plans: Map<number, OrgPlan>;
  childCount: Map<number, number>;
  cases: Partial<Record<DemoCase, number>>;
  /** 校领导, the 党委 team, in post order. */
  leaders: DemoPerson[];
  /** Current secretary of each org (a person leads one org at most). */
  secretaryOf: Map<number, DemoPerson>;
  /** People holding any post. */
  appointed: Set<number>;
  /** Start of each org's current term. */
  termStart: Map<number, IsoDate>;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
const isSenior = (p: DemoPerson): boolean => p.title !== null && seniorTitles.has(p.title);
const isFull = (p: DemoPerson): boolean => p.partyStatus === 'full';

/** Name prefix of the n-th copy of the college at scale > 1: '', '二分院', '三分院', … */
function copyPrefix(copy: number): string {
  return copy === 0 ? '' : `${chineseNumber(copy + 1)}分院`;
}

function addUnit(ctx: Ctx, name: string, kind: UnitKind): DemoUnit {
  const unit: DemoUnit = {
    id: ctx.units.length + 1,
    name,
    kind,
    sortOrder: ctx.units.length,
    studentCount: null,
    staffCount: null,
  };
  ctx.units.push(unit);
  return unit;
}

function addMajor(ctx: Ctx, name: string, kind: DemoMajor['kind'], unitId: number): DemoMajor {
  const major: DemoMajor = { id: ctx.majors.length + 1, name, kind, unitId };
  ctx.majors.push(major);
  return major;
}

type OrgFields = Pick<DemoOrg, 'type' | 'name' | 'shortName' | 'category' | 'unitId'> & {
  majorIds?: number[];
};

function addOrg(ctx: Ctx, parent: DemoOrg | null, fields: OrgFields, plan: OrgPlan): DemoOrg {
  const id = ctx.orgs.length + 1;
  const siblings = ctx.childCount.get(parent?.id ?? 0) ?? 0;
  ctx.childCount.set(parent?.id ?? 0, siblings + 1);
  const org: DemoOrg = {
    id,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
    type: fields.type,
    name: fields.name,
    shortName: fields.shortName,
    category: fields.category,
    code: null,
    unitId: fields.unitId,
    majorIds: fields.majorIds ?? [],
    foundedOn: null,
    sortOrder: siblings,
  };
  ctx.orgs.push(org);
  ctx.plans.set(id, plan);
  if (plan.demoCase) ctx.cases[plan.demoCase] = id;
  return org;
}

type PersonKind = 'teacher' | 'counselor' | 'student' | 'office' | 'leader' | 'retired';

/** Age range of each kind of full member. */
const ageRange = {
  teacher: [27, 59],
  counselor: [26, 38],
  student: [18, 23],
  office: [25, 59],
  leader: [48, 58],
  retired: [62, 86],
} as const satisfies Record<PersonKind, readonly [number, number]>;

interface PersonSpec {
  kind: PersonKind;
  status: PartyStatus;
  orgId: number;
  unitId: number;
  femaleShare: number;
  titles: TitlePool;
}

function addPerson(ctx: Ctx, spec: PersonSpec): DemoPerson {
  const { rng, today } = ctx;
  const gender: Gender = rng.chance(spec.femaleShare) ? 'female' : 'male';
  const name = personName(rng, gender, spec.kind === 'student');
  let birthDate: IsoDate;
  let joinedOn: IsoDate;
  if (spec.kind === 'student') {
    // 预备党员 joined within the last year; full student members were confirmed recently.
    joinedOn =
      spec.status === 'full' ? addDays(today, -rng.int(380, 880)) : addDays(today, -rng.int(15, 350));
    birthDate = addDays(addMonths(joinedOn, -12 * rng.int(18, 20)), -rng.int(0, 300));
  } else if (spec.status === 'probationary') {
    birthDate = addDays(addMonths(today, -12 * rng.int(24, 30)), -rng.int(0, 364));
    joinedOn = addDays(today, -rng.int(30, 330));
  } else {
    const [minAge, maxAge] = ageRange[spec.kind];
    const age = rng.int(minAge, maxAge);
    birthDate = addDays(addMonths(today, -12 * age), -rng.int(0, 364));
    joinedOn = addDays(
      addMonths(birthDate, 12 * rng.int(19, Math.max(19, Math.min(age - 3, 42)))),
      rng.int(0, 300),
    );
    const latest = addMonths(today, -14);
    if (joinedOn > latest) joinedOn = addDays(latest, -rng.int(0, 200));
  }
  const category: MemberCategory =
    spec.kind === 'student' ? 'student' : spec.kind === 'retired' ? 'retired' : 'staff';
  const titles =
    spec.kind === 'counselor'
      ? titlePools.counselor
      : spec.kind === 'leader'
        ? titlePools.leader
        : spec.titles;
  const person: DemoPerson = {
    id: ctx.people.length + 1,
    name,
    gender,
    birthDate,
    category,
    partyStatus: spec.status,
    orgId: spec.orgId,
    joinedOn,
    confirmedOn: spec.status === 'full' ? addMonths(joinedOn, 12) : null,
    isDualLeader: false,
    dualLeaderNote: null,
    unitId: spec.unitId,
    title: spec.kind === 'student' ? null : rng.weighted(titles),
    ...blankPersonalDetails,
  };
  ctx.people.push(person);
  return person;
}

interface BranchSpec {
  parent: DemoOrg;
  type: 'branch' | 'joint_branch';
  name: string;
  shortName: string;
  category: OrgCategory;
  unitId: number;
  memberUnitIds: readonly number[];
  majorIds: number[];
  kind: MemberKind;
  size: number;
  /** Full members when fewer than all (the others are 预备党员); null = the kind's usual mix. */
  fullMembers: number | null;
  /** How many of the first members are 校领导. */
  leaders: number;
  femaleShare: number;
  titles: TitlePool;
  demoCase: DemoCase | null;
  isNew: boolean;
}

/** Adds a branch, its 党小组 when it is large, and its members (spread over the groups). */
function addBranch(ctx: Ctx, spec: BranchSpec): DemoOrg {
  const { rng } = ctx;
  const plan: OrgPlan = { role: spec.kind, demoCase: spec.demoCase, isNew: spec.isNew, isCollege: false };
  const branch = addOrg(
    ctx,
    spec.parent,
    {
      type: spec.type,
      name: spec.name,
      shortName: spec.shortName,
      category: spec.category,
      unitId: spec.unitId,
      majorIds: spec.majorIds,
    },
    plan,
  );
  const groupCount = spec.size >= 28 ? Math.min(4, Math.max(2, Math.round(spec.size / 12))) : 0;
  const groups: DemoOrg[] = [];
  for (let g = 1; g <= groupCount; g++) {
    const label = `第${chineseNumber(g)}党小组`;
    groups.push(
      addOrg(
        ctx,
        branch,
        {
          type: 'group',
          name: `${spec.name}${label}`,
          shortName: label,
          category: spec.category,
          unitId: spec.unitId,
        },
        { role: spec.kind, demoCase: null, isNew: false, isCollege: false },
      ),
    );
  }
  // A student branch is led by its 辅导员 (staff members of the branch); at least two students are full.
  const counselors = spec.kind === 'student' ? (spec.size >= 15 ? 2 : 1) : 0;
  const members: DemoPerson[] = [];
  for (let i = 0; i < spec.size; i++) {
    let kind: PersonKind;
    let status: PartyStatus = 'full';
    if (spec.kind === 'student') {
      kind = i < counselors ? 'counselor' : 'student';
      if (kind === 'student' && i - counselors >= 2 && !rng.chance(0.3)) status = 'probationary';
    } else if (spec.kind === 'office') {
      kind = i < spec.leaders ? 'leader' : 'office';
      if (spec.fullMembers !== null && i >= spec.fullMembers) status = 'probationary';
    } else {
      kind = spec.kind;
    }
    const person = addPerson(ctx, {
      kind,
      status,
      orgId: branch.id,
      unitId: at(spec.memberUnitIds, i % spec.memberUnitIds.length),
      femaleShare: kind === 'leader' ? 0.2 : spec.femaleShare,
      titles: spec.titles,
    });
    if (kind === 'leader') ctx.leaders.push(person);
    members.push(person);
  }
  if (groups.length > 0) {
    // Full members first, round-robin, so that every group has someone who can lead it.
    const ordered = [...members.filter(isFull), ...members.filter((p) => !isFull(p))];
    ordered.forEach((p, i) => {
      p.orgId = at(groups, i % groups.length).id;
    });
  }
  return branch;
}

function addUnitBranch(
  ctx: Ctx,
  parent: DemoOrg,
  tpl: UnitBranchTemplate,
  copy: number,
  unitIds: ReadonlyMap<string, number>,
): DemoOrg {
  const demoCase = copy === 0 ? (tpl.demoCase ?? null) : null;
  const memberUnitIds = tpl.units.map((u) => {
    const id = unitIds.get(u);
    if (id === undefined) throw new Error(`unknown unit ${u}`);
    return id;
  });
  return addBranch(ctx, {
    parent,
    type: tpl.type,
    name: `${copyPrefix(copy)}${tpl.name}`,
    shortName: tpl.shortName,
    category: tpl.kind === 'retired' ? 'retired' : 'office',
    unitId: at(memberUnitIds, 0),
    memberUnitIds,
    majorIds: [],
    kind: tpl.kind,
    size: demoCase && tpl.caseSize !== undefined ? tpl.caseSize : ctx.rng.int(tpl.size[0], tpl.size[1]),
    fullMembers: demoCase ? (tpl.caseFullMembers ?? null) : null,
    leaders: copy === 0 ? (tpl.leaders ?? 0) : 0,
    femaleShare: tpl.kind === 'retired' ? 0.4 : 0.5,
    titles: tpl.titles,
    demoCase,
    isNew: false,
  });
}

/** Dates of a current term: ordinary terms end 7–35 months after today; rule cases are placed on purpose. */
interface TermDates {
  start: IsoDate;
  plannedEnd: IsoDate;
  postponedTo: IsoDate | null;
  approvedOn: IsoDate | null;
  requestedOn: IsoDate | null;
}

function currentTermDates(ctx: Ctx, type: OrgType, demoCase: DemoCase | null): TermDates {
  const { rng, today } = ctx;
  const months = termYears(type) * 12;
  const from = (start: IsoDate): TermDates => ({
    start,
    plannedEnd: addMonths(start, months),
    postponedTo: null,
    approvedOn: null,
    requestedOn: null,
  });
  // Derive the end from the start (not the reverse) so month-end clamping never lengthens a term.
  const endingIn = (monthsAhead: number): TermDates =>
    from(addMonths(addDays(addMonths(today, monthsAhead), rng.int(-10, 10)), -months));
  const startedAgo = (minMonths: number, maxMonths: number): TermDates =>
    from(addDays(addMonths(today, -rng.int(minMonths, maxMonths)), -rng.int(0, 25)));
  switch (demoCase) {
    case 'term.ending_soon':
      return endingIn(5);
    case 'term.election_request_missing':
      return endingIn(3);
    case 'term.election_requested': {
      const t = endingIn(2);
      t.requestedOn = addDays(addMonths(t.plannedEnd, -4), -rng.int(3, 20));
      return t;
    }
    case 'term.overdue':
      return endingIn(-2);
    case 'term.postponement_too_long': {
      const t = from(addMonths(today, -39));
      t.postponedTo = addMonths(t.plannedEnd, 14);
      t.approvedOn = addMonths(t.plannedEnd, -2);
      return t;
    }
    case 'term.length_exceeds': {
      // Entered as a 4-year term by mistake.
      const t = startedAgo(10, 20);
      t.plannedEnd = addMonths(t.start, months + 12);
      return t;
    }
    case 'team.secretary_missing':
      return startedAgo(8, 20);
    default:
      return type === 'committee' ? startedAgo(6, 50) : startedAgo(1, 28);
  }
}

const rootPosts: readonly TeamPost[] = [
  'secretary',
  'deputy_secretary',
  'deputy_secretary',
  'discipline_officer',
  'organization_officer',
  'publicity_officer',
  'committee_member',
  'committee_member',
  'committee_member',
];

const fivePosts: readonly TeamPost[] = [
  'secretary',
  'deputy_secretary',
  'organization_officer',
  'publicity_officer',
  'discipline_officer',
];
const fourPosts: readonly TeamPost[] = [
  'secretary',
  'organization_officer',
  'publicity_officer',
  'discipline_officer',
];

/** Committee size: 5–7 for a 总支 (not bound by the branch 3–5 rule), 3–5 for a branch, unless a case says otherwise. */
function committeeSize(ctx: Ctx, org: DemoOrg, plan: OrgPlan, fullCount: number): number {
  if (org.type === 'general_branch') return fullCount >= 60 ? 7 : 5;
  if (plan.demoCase === 'team.committee_size') return 6;
  // Still 3 or 4 in post after the secretary leaves.
  if (plan.demoCase === 'team.secretary_missing') return ctx.rng.int(4, 5);
  return ctx.rng.int(3, 5);
}

function teamPosts(ctx: Ctx, org: DemoOrg, plan: OrgPlan, teamKind: TeamKind, fullCount: number): TeamPost[] {
  const { rng } = ctx;
  if (org.type === 'committee') return [...rootPosts];
  if (teamKind === 'secretary_only') {
    const withDeputy = plan.demoCase === 'branch.committee_required' || (fullCount >= 4 && rng.chance(0.4));
    return withDeputy ? ['secretary', 'deputy_secretary'] : ['secretary'];
  }
  const size = committeeSize(ctx, org, plan, fullCount);
  const posts: TeamPost[] = size >= 5 ? [...fivePosts] : fourPosts.slice(0, size);
  while (posts.length < size) posts.push('committee_member');
  return posts;
}

/** Picks the team for a term: the secretary first, then the other post holders. */
function chooseTeam(
  ctx: Ctx,
  org: DemoOrg,
  plan: OrgPlan,
  members: readonly DemoPerson[],
  size: number,
  start: IsoDate,
): DemoPerson[] {
  const { rng } = ctx;
  if (org.type === 'committee') return ctx.leaders.slice(0, size);
  const leaderIds = new Set(ctx.leaders.map((p) => p.id));
  const full = members.filter(isFull);
  // 校领导 take part in their branch as ordinary members (双重组织生活); they lead only the 党委.
  let pool = full.filter(
    (p) => !leaderIds.has(p.id) && (org.type !== 'general_branch' || p.category === 'staff'),
  );
  if (pool.length < size) pool = full;
  const leading = new Set([...ctx.secretaryOf.values()].map((s) => s.id));
  const free = pool.filter((p) => !leading.has(p.id));
  const base = free.length > 0 ? free : pool;
  const staff = base.filter((p) => p.category === 'staff');
  const eligible = plan.role === 'student' && staff.length > 0 ? staff : base;
  const preferred =
    plan.demoCase === 'secretary.dual_leader'
      ? eligible.filter((p) => !isSenior(p))
      : eligible.filter(isSenior);
  const secretary = rng.pick(preferred.length > 0 ? preferred : eligible);
  // Prefer people who were already full members when the term started; the rest joined by 补选.
  const others = rng
    .shuffle(pool.filter((p) => p !== secretary))
    .sort((a, b) => Number((a.confirmedOn ?? '9') > start) - Number((b.confirmedOn ?? '9') > start));
  return [secretary, ...others.slice(0, size - 1)];
}

function addAppointment(ctx: Ctx, fields: Omit<DemoAppointment, 'id'>): DemoAppointment {
  const appointment: DemoAppointment = { id: ctx.appointments.length + 1, ...fields };
  ctx.appointments.push(appointment);
  ctx.appointed.add(fields.personId);
  return appointment;
}

function addTerm(ctx: Ctx, fields: Omit<DemoTerm, 'id'>): DemoTerm {
  const term: DemoTerm = { id: ctx.terms.length + 1, ...fields };
  ctx.terms.push(term);
  return term;
}

/** Current term (and sometimes the previous one) with its team, for a 党委, 党总支 or branch. */
function buildTerms(ctx: Ctx, org: DemoOrg, members: readonly DemoPerson[]): void {
  const { rng, today } = ctx;
  const plan = ctx.plans.get(org.id);
  if (!plan) throw new Error(`no plan for org ${org.id}`);
  if (plan.isNew) {
    org.foundedOn = addDays(today, -rng.int(20, 40));
    return;
  }
  const months = termYears(org.type) * 12;
  const dates = currentTermDates(ctx, org.type, plan.demoCase);
  const needsPast = plan.demoCase === 'term.overdue' || plan.demoCase === 'term.postponement_too_long';
  const number =
    org.type === 'committee'
      ? 4
      : org.type === 'general_branch'
        ? rng.int(2, 5)
        : rng.int(needsPast ? 2 : 1, 4);
  const fullCount = members.filter(isFull).length;
  let teamKind: TeamKind =
    org.type === 'committee' ||
    org.type === 'general_branch' ||
    fullCount >= defaultRuleSettings.committeeRequiredAt
      ? 'committee'
      : 'secretary_only';
  if (plan.demoCase === 'branch.committee_required') teamKind = 'secretary_only';
  if (plan.demoCase === 'team.committee_size' || plan.demoCase === 'branch.committee_not_allowed')
    teamKind = 'committee';
  org.foundedOn = addMonths(dates.start, -months * (number - 1));

  if (number >= 2 && (needsPast || rng.chance(0.6))) {
    const pastStart = addMonths(dates.start, -months);
    const pastPlannedEnd = addMonths(pastStart, months);
    const pastEnd = addDays(dates.start, -1);
    const past = addTerm(ctx, {
      orgId: org.id,
      number: number - 1,
      teamKind,
      startDate: pastStart,
      plannedEndDate: pastPlannedEnd,
      actualEndDate: pastEnd,
      electedOn: pastStart,
      electionRequestedOn: addMonths(pastPlannedEnd, -5),
      postponedTo: null,
      postponementApprovedOn: null,
    });
    const pool = org.type === 'committee' ? ctx.leaders : members;
    const former = pool.filter(
      (p) => p.category === 'staff' && p.confirmedOn !== null && p.confirmedOn <= pastStart,
    );
    if (former.length > 0) {
      addAppointment(ctx, {
        personId: rng.pick(former).id,
        orgId: org.id,
        termId: past.id,
        post: 'secretary',
        startDate: pastStart,
        endDate: pastEnd,
      });
    }
  }

  const term = addTerm(ctx, {
    orgId: org.id,
    number,
    teamKind,
    startDate: dates.start,
    plannedEndDate: dates.plannedEnd,
    actualEndDate: null,
    electedOn: dates.start,
    electionRequestedOn: dates.requestedOn,
    postponedTo: dates.postponedTo,
    postponementApprovedOn: dates.approvedOn,
  });
  ctx.termStart.set(org.id, term.startDate);
  const posts = teamPosts(ctx, org, plan, teamKind, fullCount);
  const team = chooseTeam(ctx, org, plan, members, posts.length, term.startDate);
  team.forEach((person, i) => {
    const post = at(posts, i);
    const confirmed = person.confirmedOn ?? today;
    const startDate =
      confirmed > term.startDate ? earlier(addDays(confirmed, rng.int(7, 60)), today) : term.startDate;
    // The secretary stepped down a few weeks ago and nobody has been elected yet.
    const vacated = post === 'secretary' && plan.demoCase === 'team.secretary_missing';
    addAppointment(ctx, {
      personId: person.id,
      orgId: org.id,
      termId: term.id,
      post,
      startDate,
      endDate: vacated ? later(startDate, addDays(today, -rng.int(10, 40))) : null,
    });
    if (post === 'secretary') {
      ctx.secretaryOf.set(org.id, person);
      if (plan.role === 'teacher' && plan.demoCase !== 'secretary.dual_leader') {
        person.isDualLeader = true;
        person.dualLeaderNote = `${person.title ?? '骨干教师'}，${rng.pick(dualLeaderReasons)}`;
      }
    }
  });
}

/** People of each org's subtree (an org, its branches and their 党小组). */
function membersBySubtree(ctx: Ctx): Map<number, DemoPerson[]> {
  const out = new Map<number, DemoPerson[]>();
  for (const person of ctx.people) {
    const org = at(ctx.orgs, person.orgId - 1);
    for (const part of org.path.split('/')) {
      if (part === '') continue;
      const id = Number(part);
      const list = out.get(id);
      if (list) list.push(person);
      else out.set(id, [person]);
    }
  }
  return out;
}

function addGroupLeaders(ctx: Ctx): void {
  const { rng, today } = ctx;
  const direct = new Map<number, DemoPerson[]>();
  for (const p of ctx.people) {
    const list = direct.get(p.orgId);
    if (list) list.push(p);
    else direct.set(p.orgId, [p]);
  }
  for (const group of ctx.orgs) {
    if (group.type !== 'group' || group.parentId === null) continue;
    const parent = at(ctx.orgs, group.parentId - 1);
    group.foundedOn = parent.foundedOn;
    const full = (direct.get(group.id) ?? []).filter(isFull);
    const secretary = ctx.secretaryOf.get(parent.id);
    const candidates = full.filter((p) => p !== secretary);
    if (full.length === 0) continue;
    const leader = rng.pick(candidates.length > 0 ? candidates : full);
    const from = ctx.termStart.get(parent.id) ?? parent.foundedOn ?? today;
    addAppointment(ctx, {
      personId: leader.id,
      orgId: group.id,
      termId: null,
      post: 'group_leader',
      startDate: earlier(later(from, leader.confirmedOn ?? today), today),
      endDate: null,
    });
  }
}

function addOrganisers(ctx: Ctx, subtree: ReadonlyMap<number, DemoPerson[]>): void {
  const { rng, today } = ctx;
  for (const org of ctx.orgs) {
    const plan = ctx.plans.get(org.id);
    if (!plan?.isCollege || plan.demoCase === 'unit.organiser_missing') continue;
    const teamIds = new Set(ctx.appointments.filter((a) => a.orgId === org.id).map((a) => a.personId));
    const staff = (subtree.get(org.id) ?? []).filter((p) => p.category === 'staff' && isFull(p));
    const candidates = staff.filter((p) => !teamIds.has(p.id) && !ctx.appointed.has(p.id));
    const organiser = rng.pick(candidates.length > 0 ? candidates : staff);
    addAppointment(ctx, {
      personId: organiser.id,
      orgId: org.id,
      termId: null,
      post: 'organiser',
      startDate: later(addDays(today, -rng.int(60, 1500)), organiser.confirmedOn ?? today),
      endDate: null,
    });
  }
}

/**
 * The demo accounts. zhibu is the secretary of the branch whose term is overdue; zongzhi the secretary of the 党总支
 * above it, so a branch's step and the 总支's answer (a rectification submitted and verified, a task handed down)
 * can be shown with the two accounts.
 */
function buildAccounts(
  ctx: Ctx,
  subtree: ReadonlyMap<number, DemoPerson[]>,
  zzbBranchId: number,
): DemoAccount[] {
  const secretaryOf = (orgId: number): DemoPerson => {
    const p = ctx.secretaryOf.get(orgId);
    if (!p) throw new Error(`org ${orgId} has no secretary`);
    return p;
  };
  const rootSecretary = secretaryOf(1);
  const overdueId = ctx.cases['term.overdue'];
  if (overdueId === undefined) throw new Error('the overdue-term branch is missing');
  const zhibu = secretaryOf(overdueId);
  const ordinary = (subtree.get(overdueId) ?? []).find(
    (p) => isFull(p) && p.category === 'staff' && !ctx.appointed.has(p.id),
  );
  if (!ordinary) throw new Error('the overdue-term branch has no ordinary member');
  const generalId = at(ctx.orgs, overdueId - 1).parentId;
  if (generalId === null || at(ctx.orgs, generalId - 1).type !== 'general_branch')
    throw new Error('the overdue-term branch does not lie under a 党总支');
  const zongzhi = secretaryOf(generalId);
  if (zongzhi === zhibu) throw new Error('the 总支 and its branch have the same secretary');
  const organisationDept = ctx.units.find((u) => u.name === '组织部');
  const zzbPool = (subtree.get(zzbBranchId) ?? []).filter((p) => p.unitId === organisationDept?.id);
  const zzb = zzbPool.find((p) => !ctx.appointed.has(p.id)) ?? at(zzbPool, 0);
  const person = (username: string, p: DemoPerson, roles: DemoAccount['roles']): DemoAccount => ({
    username,
    displayName: p.name,
    personId: p.id,
    roles,
  });
  return [
    {
      username: 'admin',
      displayName: '系统管理员',
      personId: null,
      roles: [
        { role: 'sys_admin', orgId: null },
        { role: 'org_admin', orgId: null },
      ],
    },
    {
      username: 'secadmin',
      displayName: '安全管理员',
      personId: null,
      roles: [{ role: 'security_admin', orgId: null }],
    },
    { username: 'auditor', displayName: '审计员', personId: null, roles: [{ role: 'auditor', orgId: null }] },
    person('zzb', zzb, [{ role: 'org_admin', orgId: null }]),
    person('leader', rootSecretary, [{ role: 'school_leader', orgId: null }]),
    person('zongzhi', zongzhi, [{ role: 'general_branch_secretary', orgId: generalId }]),
    person('zhibu', zhibu, [{ role: 'branch_secretary', orgId: overdueId }]),
    person('dangyuan', ordinary, [{ role: 'member', orgId: null }]),
  ];
}

/** Every deliberate case; the generator fails loudly if the template stops planting one. */
const demoCases: readonly DemoCase[] = [...orgRuleIds, 'term.election_requested'];

/**
 * Generates a whole demo college — units, majors, the party tree, members, terms, posts and demo
 * accounts — as plain rows with ids from 1. Pure and deterministic: same options, same data.
 */
export function generateCollege(options: GenerateOptions): CollegeData {
  const { today } = options;
  if (!isIsoDate(today)) throw new Error(`today must be a 'YYYY-MM-DD' date: ${today}`);
  const copies = Math.max(1, Math.round(options.scale));
  const seed = options.seed ?? defaultDemoSeed;
  const schoolName = options.schoolName ?? defaultSchoolName;
  const ctx: Ctx = {
    rng: createRandom(seed),
    today,
    units: [],
    majors: [],
    orgs: [],
    people: [],
    terms: [],
    appointments: [],
    plans: new Map(),
    childCount: new Map(),
    cases: {},
    leaders: [],
    secretaryOf: new Map(),
    appointed: new Set(),
    termStart: new Map(),
  };
  const { rng } = ctx;

  // Units: the 二级学院 of every copy, then the shared 职能部门 and 教辅单位.
  const collegeUnits = Array.from({ length: copies }, (_, copy) =>
    collegeTemplates.map((t) => addUnit(ctx, `${copyPrefix(copy)}${t.name}`, 'college')),
  );
  const unitIds = new Map<string, number>();
  for (const name of departmentNames) unitIds.set(name, addUnit(ctx, name, 'department').id);
  for (const name of supportUnitNames) unitIds.set(name, addUnit(ctx, name, 'support').id);

  const root = addOrg(
    ctx,
    null,
    { type: 'committee', name: `中共${schoolName}委员会`, shortName: '党委', category: null, unitId: null },
    { role: 'committee', demoCase: null, isNew: false, isCollege: false },
  );
  let zzbBranchId = 0;

  for (let copy = 0; copy < copies; copy++) {
    const prefix = copyPrefix(copy);
    const suffix = copy === 0 ? '' : `（${prefix}）`;
    collegeTemplates.forEach((tpl, i) => {
      const unit = at(at(collegeUnits, copy), i);
      const cluster = tpl.cluster ? addMajor(ctx, `${tpl.cluster}${suffix}`, 'major_cluster', unit.id) : null;
      const majorIds = tpl.majors.map((m) => addMajor(ctx, `${m}${suffix}`, 'major', unit.id).id);
      const generalBranch = addOrg(
        ctx,
        root,
        {
          type: 'general_branch',
          name: `${unit.name}党总支`,
          shortName: `${tpl.shortName}党总支`,
          category: null,
          unitId: unit.id,
        },
        {
          role: 'general_branch',
          demoCase: copy === 0 && tpl.withoutOrganiser ? 'unit.organiser_missing' : null,
          isNew: false,
          isCollege: true,
        },
      );
      let firstTeacherBranch = true;
      for (const b of tpl.branches) {
        const demoCase = copy === 0 ? (b.demoCase ?? null) : null;
        const branchMajors = b.majors.map((m) => at(majorIds, m));
        // The first teacher branch is also built on the college's 专业群.
        if (b.kind === 'teacher' && firstTeacherBranch && cluster) branchMajors.unshift(cluster.id);
        if (b.kind === 'teacher') firstTeacherBranch = false;
        addBranch(ctx, {
          parent: generalBranch,
          type: 'branch',
          name: `${unit.name}${b.shortName}`,
          shortName: b.shortName,
          category: b.kind === 'teacher' ? 'staff' : 'student',
          unitId: unit.id,
          memberUnitIds: [unit.id],
          majorIds: branchMajors,
          kind: b.kind,
          size: demoCase && b.caseSize !== undefined ? b.caseSize : rng.int(b.size[0], b.size[1]),
          fullMembers: null,
          leaders: 0,
          femaleShare: tpl.femaleShare,
          titles: b.kind === 'teacher' ? tpl.titles : titlePools.counselor,
          demoCase,
          isNew: demoCase === 'term.missing',
        });
      }
    });

    const office = addOrg(
      ctx,
      root,
      {
        type: 'general_branch',
        name: `${prefix}机关党总支`,
        shortName: '机关党总支',
        category: 'office',
        unitId: null,
      },
      { role: 'general_branch', demoCase: null, isNew: false, isCollege: false },
    );
    for (const tpl of officeBranchTemplates) {
      const branch = addUnitBranch(ctx, office, tpl, copy, unitIds);
      if (copy === 0 && tpl.units.includes('组织部')) zzbBranchId = branch.id;
    }
    for (const tpl of directBranchTemplates) addUnitBranch(ctx, root, tpl, copy, unitIds);
  }

  // Terms and teams top-down, so a 总支 secretary is chosen before the branch secretaries below it.
  const subtree = membersBySubtree(ctx);
  for (const org of ctx.orgs) {
    if (org.type !== 'group') buildTerms(ctx, org, subtree.get(org.id) ?? []);
  }
  addGroupLeaders(ctx);
  addOrganisers(ctx, subtree);
  const accounts = buildAccounts(ctx, subtree, zzbBranchId);

  const cases = {} as Record<DemoCase, number>;
  for (const c of demoCases) {
    const orgId = ctx.cases[c];
    if (orgId === undefined) throw new Error(`rule case ${c} was not planted`);
    cases[c] = orgId;
  }

  // Personal details come from their own random stream, so the structure above stays as it was.
  addPersonalDetails(ctx.people, ctx.orgs, ctx.majors, ctx.leaders, createRandom(seed ^ 0x5eed), today);
  // Who left the roster in the last year: their own streams too, and ids after the people's and the applicants'.
  const { leavers, transfers } = buildDemoLeavers(
    {
      firstId: ctx.people.length + demoDossierCount(copies) + 1,
      today,
      orgs: ctx.orgs,
      majors: ctx.majors,
      people: ctx.people,
      transfers: buildDemoTransfers(
        ctx.people,
        ctx.orgs,
        ctx.appointments,
        new Set(Object.values(cases)),
        today,
      ),
    },
    createRandom(seed ^ 0x1eaf),
    createRandom(seed ^ 0x1eaf ^ 0x5eed),
  );
  const college = {
    schoolName,
    today,
    scale: copies,
    seed,
    units: ctx.units,
    majors: ctx.majors,
    orgs: ctx.orgs,
    people: ctx.people,
    leavers,
    terms: ctx.terms,
    appointments: ctx.appointments,
    transfers,
    accounts,
    cases,
  };
  // 发展党员 and organisational life have their own streams: adding them changed nothing above. The dossiers come
  // first, so that the life of each branch lists those it admitted and holds the meetings that voted on them;
  // then each vote step records the counts of its meeting. The leavers' attendance before they left has a stream
  // of its own, so the records of those who stayed are what they would be without them.
  const recruitment = buildDemoRecruitment(college, createRandom(seed ^ 0xf27));
  const life = buildDemoActivities(
    { ...college, recruits: recruitment.recruits },
    createRandom(seed ^ 0xac7),
    createRandom(seed ^ 0xac7 ^ 0x1eaf),
  );
  const recruits = linkDemoVotes(recruitment.recruits, life, college, historyStart(today));
  // Rectification items come last, on their own stream: they read the records of everything above. The 问题清单
  // rounds register their problems after the items of every other source, their own choices on a stream of theirs;
  // the 巡察 rounds open theirs last, likewise.
  let campaigns: DemoCampaign[] = [];
  let inspections: DemoInspection[] = [];
  const rectifications = buildDemoRectifications(
    { ...college, ...life, accounts: recruitment.accounts },
    createRandom(seed ^ 0x2e61),
    (hooks) => {
      campaigns = buildDemoCampaigns(
        { ...college, accounts: recruitment.accounts },
        createRandom(seed ^ 0xca3b),
        hooks,
      );
      inspections = buildDemoInspections(
        { ...college, accounts: recruitment.accounts },
        createRandom(seed ^ 0x15ca),
        hooks,
      );
    },
  );
  // Supervised tasks after them, on a stream of their own: they read the 党务工作例会 records.
  const supervisedTasks = buildDemoSupervisedTasks(
    { ...college, ...life, accounts: recruitment.accounts },
    createRandom(seed ^ 0x5d7a),
  );
  return {
    ...college,
    ...life,
    ...recruitment,
    recruits,
    rectifications,
    supervisedTasks,
    campaigns,
    inspections,
  };
}
