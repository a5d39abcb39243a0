/** Enumerations of the org tree and people, with their Chinese labels. Codes follow GLOSSARY.md. */

/** Types of party organisation (党组织). */
export const orgTypes = [
  'committee',
  'general_branch',
  'branch',
  'joint_branch',
  'temporary_branch',
  'group',
] as const;
export type OrgType = (typeof orgTypes)[number];

export const orgTypeLabels = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  temporary_branch: '临时党支部',
  group: '党小组',
} as const satisfies Record<OrgType, string>;

/** National party statistics codes (党内统计代码) used when importing/exporting orgs. */
export const orgStatisticsCodes = {
  committee: '611',
  general_branch: '621',
  branch: '631',
  joint_branch: '632',
  temporary_branch: '931',
  group: '641',
} as const satisfies Record<OrgType, string>;

/**
 * Which child types each org type may have. A 党委 holds 党总支 and 直属党支部; a 党总支 holds
 * 党支部; a branch holds 党小组; a 党小组 holds nothing.
 */
export const allowedChildTypes = {
  committee: ['general_branch', 'branch', 'joint_branch', 'temporary_branch'],
  general_branch: ['branch', 'joint_branch', 'temporary_branch'],
  branch: ['group'],
  joint_branch: ['group'],
  temporary_branch: ['group'],
  group: [],
} as const satisfies Record<OrgType, readonly OrgType[]>;

/** True when an org of type `child` may sit directly under an org of type `parent` (null = root). */
export function canContain(parent: OrgType | null, child: OrgType): boolean {
  if (parent === null) return child === 'committee';
  return (allowedChildTypes[parent] as readonly OrgType[]).includes(child);
}

/** Branch-level types: the orgs that hold members and to which the branch rules apply. */
export const branchTypes = [
  'branch',
  'joint_branch',
  'temporary_branch',
] as const satisfies readonly OrgType[];
export function isBranchType(type: OrgType): boolean {
  return (branchTypes as readonly OrgType[]).includes(type);
}

/** Category of an org by whom it organises (教工/学生/机关/离退休/师生联合). */
export const orgCategories = ['staff', 'student', 'office', 'retired', 'mixed'] as const;
export type OrgCategory = (typeof orgCategories)[number];
export const orgCategoryLabels = {
  staff: '教工',
  student: '学生',
  office: '机关',
  retired: '离退休',
  mixed: '师生联合',
} as const satisfies Record<OrgCategory, string>;

/** Kinds of administrative unit (二级学院 / 部门 / 教辅单位). */
export const unitKinds = ['college', 'department', 'support'] as const;
export type UnitKind = (typeof unitKinds)[number];
export const unitKindLabels = {
  college: '二级学院',
  department: '职能部门',
  support: '教辅单位',
} as const satisfies Record<UnitKind, string>;

/** Kinds of academic programme a branch may be built on. */
export const majorKinds = ['major', 'major_cluster'] as const;
export type MajorKind = (typeof majorKinds)[number];
export const majorKindLabels = { major: '专业', major_cluster: '专业群' } as const satisfies Record<
  MajorKind,
  string
>;

/** Posts in a leadership team (班子) or org. */
export const postCodes = [
  'secretary',
  'deputy_secretary',
  'organization_officer',
  'publicity_officer',
  'discipline_officer',
  'committee_member',
  'group_leader',
  'organiser',
] as const;
export type PostCode = (typeof postCodes)[number];
export const postLabels = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organization_officer: '组织委员',
  publicity_officer: '宣传委员',
  discipline_officer: '纪检委员',
  committee_member: '委员',
  group_leader: '党小组长',
  organiser: '组织员',
} as const satisfies Record<PostCode, string>;

/** Posts that make up a leadership team (支部委员会); 组织员 and 党小组长 are held outside a term. */
export const teamPosts = [
  'secretary',
  'deputy_secretary',
  'organization_officer',
  'publicity_officer',
  'discipline_officer',
  'committee_member',
] as const satisfies readonly PostCode[];
export type TeamPost = (typeof teamPosts)[number];

/** How a term's leadership is constituted: an elected committee, or a secretary (and deputy) only. */
export const teamKinds = ['committee', 'secretary_only'] as const;
export type TeamKind = (typeof teamKinds)[number];
export const teamKindLabels = {
  committee: '支部委员会',
  secretary_only: '只设书记（副书记）',
} as const satisfies Record<TeamKind, string>;

/** Member category (教工/学生/离退休/其他). */
export const memberCategories = ['staff', 'student', 'retired', 'other'] as const;
export type MemberCategory = (typeof memberCategories)[number];
export const memberCategoryLabels = {
  staff: '教工',
  student: '学生',
  retired: '离退休',
  other: '其他',
} as const satisfies Record<MemberCategory, string>;

/** Party standing: 正式党员 / 预备党员. */
export const partyStatuses = ['full', 'probationary'] as const;
export type PartyStatus = (typeof partyStatuses)[number];
export const partyStatusLabels = { full: '正式党员', probationary: '预备党员' } as const satisfies Record<
  PartyStatus,
  string
>;

export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];
export const genderLabels = { male: '男', female: '女' } as const satisfies Record<Gender, string>;

/** Kind of a rule, as in RULES.md: national rules can only be tightened by a school. */
export const ruleKinds = ['national', 'common', 'configurable'] as const;
export type RuleKind = (typeof ruleKinds)[number];
export const ruleKindLabels = {
  national: '全国性规定',
  common: '通行做法',
  configurable: '学校自定',
} as const satisfies Record<RuleKind, string>;

export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];
export const severityLabels = { error: '违规', warning: '预警', info: '提醒' } as const satisfies Record<
  Severity,
  string
>;
