import type { RuleKind, Severity } from '../dictionaries.ts';

/** A regulation clause a finding cites, so that every alert can say which rule and where it comes from. */
export interface Clause {
  /** Short title of the regulation, e.g. 《中国共产党支部工作条例（试行）》. */
  source: string;
  /** Article or chapter, e.g. 第十八条. */
  article: string;
  /** The requirement in the regulation's words (abridged). */
  text: string;
}

export const regulations = {
  branchRegulation: '《中国共产党支部工作条例（试行）》（2018）',
  electionRegulation: '《中国共产党基层组织选举工作条例》（2020）',
  termOpinion: '中共中央办公厅《关于党的基层组织任期的意见》（2018）',
  teacherBranchOpinion: '教育部党组《关于加强新形势下高校教师党支部建设的意见》',
  dualLeaderOpinion: '教育部党组《关于高校教师党支部书记“双带头人”培育工程的实施意见》（教党〔2018〕26号）',
  collegeRegulation: '《中国共产党普通高等学校基层组织工作条例》（2021）',
  transferPractice: '《中国共产党党员组织关系介绍信》使用要求（全国通行做法）',
  schoolRule: '本校党建工作规定',
} as const;

/** Every org rule the engine knows, with its default severity, kind and clause. */
export const orgRuleCatalogue = {
  'branch.min_full_members': {
    title: '正式党员不足3人',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第五条',
      text: '有正式党员3人以上的，应当成立党支部；正式党员不足3人的，可以与邻近单位建立联合党支部。',
    },
  },
  'branch.max_members': {
    title: '党支部人数超过上限',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第五条',
      text: '党支部党员人数一般不超过50人；高校教师党支部一般不超过30人（学校可从严规定）。',
    },
  },
  'branch.committee_required': {
    title: '应设未设支部委员会',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十八条',
      text: '正式党员7人以上的党支部，设立党支部委员会。',
    },
  },
  'team.committee_size': {
    title: '支部委员会人数不符合规定',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第十八条',
      text: '支部委员会由党员大会选举产生，一般由3至5人组成，最多不超过7人。',
    },
  },
  'team.secretary_missing': {
    title: '未配备书记',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十八条',
      text: '党支部设书记1人，必要时设副书记1人，由选举产生。',
    },
  },
  'term.missing': {
    title: '没有在任届次',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.termOpinion,
      article: '二',
      text: '党的基层委员会每届任期5年，总支部委员会、支部委员会每届任期3年，应按期换届。',
    },
  },
  'term.length_exceeds': {
    title: '届期超过规定年限',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.termOpinion,
      article: '二',
      text: '党的基层委员会每届任期5年，总支部委员会、支部委员会每届任期3年。',
    },
  },
  'term.ending_soon': {
    title: '届期即将届满',
    kind: 'common',
    severity: 'info',
    clause: {
      source: regulations.teacherBranchOpinion,
      article: '换届提醒',
      text: '上级党组织在任期届满前6个月提醒换届。',
    },
  },
  'term.election_request_missing': {
    title: '未按时报送换届请示',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.teacherBranchOpinion,
      article: '换届请示',
      text: '党组织应在任期届满前4个月向上级党组织报送换届请示。',
    },
  },
  'term.overdue': {
    title: '届期已满未换届',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.electionRegulation,
      article: '第三条',
      text: '党的基层组织任期届满应当按期进行换届选举。',
    },
  },
  'term.postponement_too_long': {
    title: '延期换届超过1年',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.electionRegulation,
      article: '第三条',
      text: '如需延期或提前进行换届选举，应报上级党组织批准，延长或提前期限一般不超过1年。',
    },
  },
  'secretary.dual_leader': {
    title: '教师党支部书记不是“双带头人”',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.dualLeaderOpinion,
      article: '目标任务',
      text: '教师党支部书记一般应由党性强、业务精、有威信、肯奉献的党员骨干教师担任，实现“双带头人”全覆盖。',
    },
  },
  'unit.organiser_missing': {
    title: '二级学院未配备组织员',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.collegeRegulation,
      article: '院（系）党组织建设',
      text: '院（系）级单位党组织应配备专职组织员，负责发展党员和党员教育管理等工作。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;

/** Identifier of an org rule. */
export type OrgRuleId = keyof typeof orgRuleCatalogue;
export const orgRuleIds = Object.keys(orgRuleCatalogue) as OrgRuleId[];

/**
 * Rules on open transfers (组织关系转接), evaluated from transfer records rather than org facts, so
 * they are kept apart from the org rules (which the demo college plants one case of each).
 */
export const transferRuleCatalogue = {
  'transfer.receipt_overdue': {
    title: '介绍信回执逾期',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.transferPractice,
      article: '介绍信与回执',
      text: '党员组织关系介绍信一式三联（存根、介绍信、回执）；回执退回前，转出的基层党委仍负管理责任。有效期一般同城10天、异地30天，最长不超过3个月。',
    },
  },
  'transfer.internal_pending': {
    title: '校内转接待确认超期',
    kind: 'configurable',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '组织关系转接',
      text: '校内组织关系转接由一方提出，另一方党组织应在15日内确认或退回，确保党员组织关系不断档。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
export type TransferRuleId = keyof typeof transferRuleCatalogue;

/** Every rule the alerts can cite: org rules and transfer rules. */
export const ruleCatalogue = { ...orgRuleCatalogue, ...transferRuleCatalogue };
/** Identifier of any rule of the catalogue. */
export type RuleId = keyof typeof ruleCatalogue;
export const ruleIds = Object.keys(ruleCatalogue) as RuleId[];
