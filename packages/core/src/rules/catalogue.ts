import { cadreTermRuleCatalogue } from '../cadres/catalogue.ts';
import { reserveRuleCatalogue } from '../cadres/reserve-catalogue.ts';
import type { RuleKind, Severity } from '../dictionaries.ts';
import { trainingRuleCatalogue } from '../training/catalogue.ts';

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
  partyConstitution: '《中国共产党章程》',
  politicalLifeGuidelines: '《关于新形势下党内政治生活的若干准则》（2016）',
  recruitmentRegulation: '《中国共产党发展党员工作细则》（2014）',
  schoolRule: '本校党建工作规定',
  inspectionRegulation: '《中国共产党巡视工作条例》（2017年修订）',
  educationRegulation: '《中国共产党党员教育管理工作条例》（2019）',
  selectionRegulation: '《党政领导干部选拔任用工作条例》',
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
  'branch.committee_not_allowed': {
    title: '正式党员人数不足，不应设支部委员会',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第十八条',
      text: '正式党员不足7人的党支部，设1名书记，必要时可以设1名副书记（不设立支部委员会）。',
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

/**
 * Rules of organisational life (组织生活, RULES.md §2), evaluated from activity records, attendance and
 * talks by evaluateLifeRules. The severity is that of a finished period; a period still under way gives at
 * most an `info` reminder (a `warning` for the yearly items from the school's warning month).
 */
export const lifeRuleCatalogue = {
  'life.general_meeting_missing': {
    title: '未按季度召开支部党员大会',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第十一条',
      text: '党支部党员大会是党支部的议事决策机构，由全体党员参加，一般每季度召开1次。',
    },
  },
  'life.committee_meeting_missing': {
    title: '未按月召开支委会',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第十二条',
      text: '党支部委员会会议一般每月召开1次，根据需要可以随时召开。',
    },
  },
  'life.group_meeting_missing': {
    title: '党小组未按月召开党小组会',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第十三条',
      text: '党小组会一般每月召开1次，组织党员参加政治学习、谈心谈话、开展批评和自我批评等。',
    },
  },
  'life.lecture_missing': {
    title: '未按规定上党课',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第五章 组织生活（“三会一课”）',
      text: '党支部应当组织党员按期参加党员大会、党小组会和上党课。通行做法为党支部每季度至少上1次党课；学校可规定为每学期不少于若干次。',
    },
  },
  'life.theme_day_missing': {
    title: '未按月开展主题党日',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.branchRegulation,
      article: '第五章 组织生活（主题党日）',
      text: '党支部每月相对固定1天开展主题党日，组织党员集中学习、过组织生活、进行民主议事和志愿服务等。',
    },
  },
  'life.review_meeting_missing': {
    title: '未召开年度组织生活会',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第五章 组织生活（组织生活会）',
      text: '党支部每年至少召开1次组织生活会，一般安排在第四季度，也可以根据工作需要随时召开。',
    },
  },
  'life.member_appraisal_missing': {
    title: '未开展年度民主评议党员',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第五章 组织生活（民主评议党员）',
      text: '党支部一般每年开展1次民主评议党员，按照个人自评、党员互评、民主测评的程序组织党员进行评议。',
    },
  },
  'life.talk_missing': {
    title: '党员本年度未开展谈心谈话',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第五章 组织生活（谈心谈话）',
      text: '党支部应当经常开展谈心谈话。党支部委员之间、党支部委员和党员之间、党员和党员之间，每年谈心谈话一般不少于1次。',
    },
  },
  'life.quorum_not_reached': {
    title: '党员大会表决时到会人数未过半',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十一条',
      text: '表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过。',
    },
  },
  'life.committee_quorum_not_reached': {
    title: '支委会到会委员未过半',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十二条',
      text: '党支部委员会会议须有半数以上委员到会方可进行。',
    },
  },
  'life.absence_warning': {
    title: '党员连续多月未参加组织生活',
    kind: 'configurable',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '党员教育管理',
      text: '党员无正当理由连续多月（月数由学校设定）不参加党的组织生活的，党支部应及时谈心谈话、批评教育，防止发展为党章第九条规定的自行脱党情形。',
    },
  },
  'life.absence_lapsed': {
    title: '党员连续6个月无故不参加组织生活',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.partyConstitution,
      article: '第九条',
      text: '党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。支部大会应当决定把这样的党员除名，并报上级党组织批准。',
    },
  },
  'life.dual_life_missing': {
    title: '党员领导干部未过双重组织生活',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.politicalLifeGuidelines,
      article: '严格党的组织生活制度',
      text: '党员领导干部应当以普通党员身份参加所在党支部或党小组的组织生活，坚持双重组织生活制度。',
    },
  },
  'life.first_topic_missing': {
    title: '未落实“第一议题”制度',
    kind: 'configurable',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '“第一议题”制度',
      text: '党委会、党政联席会和理论学习中心组学习把学习习近平总书记最新重要讲话和重要指示批示精神作为第一议题，每月至少1次。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
export type LifeRuleId = keyof typeof lifeRuleCatalogue;
export const lifeRuleIds = Object.keys(lifeRuleCatalogue) as LifeRuleId[];

/**
 * Rules of the 发展党员 procedure (RULES.md §4), checked by applyStep in recruitment/procedure.ts when a step
 * is recorded. `error` rules refuse the step; `warning` rules record it and flag it (a deadline already
 * missed cannot be undone, and refusing the step would freeze the applicant's procedure). Rules of kind
 * `common` or `configurable` may be overridden with a reason; `national` rules never.
 *
 * Articles of the 发展细则 are cited by number where the text was checked; otherwise by chapter.
 */
export const recruitmentRuleCatalogue = {
  'recruitment.invalid_event': {
    title: '发展党员步骤信息不完整或不正确',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十八条',
      text: '接收预备党员应当严格按照党章规定的程序办理。每个步骤应当记录时间、经办人和形成的材料。',
    },
  },
  'recruitment.step_order': {
    title: '发展党员步骤顺序不符合规定',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.partyConstitution,
      article: '第五条',
      text: '发展党员，必须经过党的支部，坚持个别吸收的原则。申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，并且经过预备期的考察，才能成为正式党员。',
    },
  },
  'recruitment.date_order': {
    title: '步骤日期早于前一步骤',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十八条',
      text: '发展党员各步骤依次进行，后一步骤不能早于前一步骤。',
    },
  },
  'recruitment.date_in_future': {
    title: '步骤日期晚于今天',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十八条',
      text: '只能登记已经完成的步骤。',
    },
  },
  'recruitment.procedure_closed': {
    title: '发展程序已终结',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第五章',
      text: '已转为正式党员、被取消预备党员资格、未被批准入党或本人撤回申请的，发展程序终结。',
    },
  },
  'recruitment.applicant_age': {
    title: '入党申请人未满18周岁',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第五条',
      text: '年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子……可以申请加入中国共产党。',
    },
  },
  'recruitment.talk_late': {
    title: '未在一个月内同入党申请人谈话',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第七条',
      text: '党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话，了解基本情况。',
    },
  },
  'recruitment.activist_too_early': {
    title: '递交入党申请书时间不足，过早确定为入党积极分子',
    kind: 'configurable',
    severity: 'error',
    clause: {
      source: regulations.schoolRule,
      article: '发展党员工作',
      text: '递交入党申请书满规定月数（由学校设定）后，方可推荐和确定为入党积极分子。',
    },
  },
  'recruitment.mentors': {
    title: '培养联系人不符合规定',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第九条',
      text: '党组织应当指定一至两名正式党员作入党积极分子的培养联系人。',
    },
  },
  'recruitment.activist_reviews_missing': {
    title: '未按每半年考察入党积极分子',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第二章（入党积极分子的确定和培养教育）',
      text: '党支部每半年对入党积极分子进行一次考察。',
    },
  },
  'recruitment.candidate_too_early': {
    title: '培养考察不满一年确定为发展对象',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第三章（发展对象的确定和考察）',
      text: '对经过一年以上培养教育和考察、基本具备党员条件的入党积极分子，在听取党小组、培养联系人、党员和群众意见的基础上，支部委员会讨论同意并报上级党委备案后，可列为发展对象。',
    },
  },
  'recruitment.sponsors': {
    title: '入党介绍人不符合规定',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.partyConstitution,
      article: '第五条',
      text: '申请入党的人……要有两名正式党员作介绍人。',
    },
  },
  'recruitment.political_review_failed': {
    title: '政治审查不合格',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十六条',
      text: '凡是未经政治审查或政治审查不合格的，不能发展入党。',
    },
  },
  'recruitment.political_review_expired': {
    title: '政治审查结论超过有效期',
    kind: 'configurable',
    severity: 'error',
    clause: {
      source: regulations.schoolRule,
      article: '发展党员工作',
      text: '政治审查结论在规定月数（由学校设定，一般为1年）内有效；超过有效期的，支部大会讨论前应当重新审查。',
    },
  },
  'recruitment.training_insufficient': {
    title: '集中培训时间不足',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十七条',
      text: '基层党委或县级党委组织部门应当对发展对象进行短期集中培训。培训时间一般不少于三天（或不少于二十四个学时）。未经培训的，除个别特殊情况外，不能发展入党。',
    },
  },
  'recruitment.pre_exam_not_passed': {
    title: '上级党委预审未通过',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十九条',
      text: '审查结果以书面形式通知党支部，并向审查合格的发展对象发放《中国共产党入党志愿书》。',
    },
  },
  'recruitment.leaving_soon': {
    title: '发展对象三个月内将离开本单位',
    kind: 'common',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第十九条',
      text: '发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续。',
    },
  },
  'recruitment.public_notice': {
    title: '未按规定公示',
    kind: 'common',
    severity: 'error',
    clause: {
      source: regulations.schoolRule,
      article: '发展党员公示制度',
      text: '确定入党积极分子、发展对象，接收预备党员和预备党员转正前，应当在一定范围内公示，公示期不少于5个工作日（学校可延长）。',
    },
  },
  'recruitment.vote_counts_invalid': {
    title: '支部大会表决票数不正确',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十一条',
      text: '表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过。',
    },
  },
  'recruitment.quorum_not_reached': {
    title: '支部大会到会有表决权党员未过半',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十一条',
      text: '表决必须有半数以上有表决权的党员到会方可进行。',
    },
  },
  'recruitment.vote_not_passed': {
    title: '支部大会表决未通过',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第十一条',
      text: '赞成人数超过应到会有表决权的党员的半数为通过；因故不能到会的有表决权的党员书面表决的，计入票数。',
    },
  },
  'recruitment.temporary_org': {
    title: '临时党支部不能发展党员',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.branchRegulation,
      article: '第二章（临时党支部）',
      text: '临时党支部主要组织党员开展政治学习，教育、管理、监督党员，对入党积极分子进行教育培养等，一般不发展党员、处分处置党员，不收缴党费，不选举党代表大会代表和进行换届。',
    },
  },
  'recruitment.approval_window': {
    title: '上级党委超过期限审批接收预备党员',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第四章（预备党员的接收）',
      text: '基层党委对党支部上报的接收预备党员的决议，应当在三个月内审批。因特殊情况可适当延长审批时间，但不得超过六个月。',
    },
  },
  'recruitment.probation_not_ended': {
    title: '预备期未满讨论转正或延长预备期',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第三十二条',
      text: '预备党员的预备期为一年。预备期从支部大会通过其为预备党员之日算起。预备党员预备期满，党支部应当及时讨论其能否转为正式党员。',
    },
  },
  'recruitment.confirmation_late': {
    title: '预备期满未及时讨论转正',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第三十二条',
      text: '预备党员预备期满，党支部应当及时讨论其能否转为正式党员（通行做法为期满后一个月内）。',
    },
  },
  'recruitment.extension_invalid': {
    title: '延长预备期不符合规定',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.partyConstitution,
      article: '第七条',
      text: '预备党员……需要继续考察和教育的，可以延长预备期，但不能超过一年。延长时间不能少于半年，且只能延长一次。',
    },
  },
  'recruitment.confirmation_approval_late': {
    title: '上级党委超过三个月审批转正',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第五章（预备党员的教育考察和转正）',
      text: '基层党委对党支部上报的预备党员转正的决议，应当在三个月内审批。',
    },
  },
  'recruitment.override_refused': {
    title: '全国性规定不能豁免',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.recruitmentRegulation,
      article: '第三条',
      text: '发展党员工作应当坚持党章规定的党员标准，始终把政治标准放在首位；禁止突击发展。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule of the 发展党员 procedure. */
export type RecruitmentRuleId = keyof typeof recruitmentRuleCatalogue;
export const recruitmentRuleIds = Object.keys(recruitmentRuleCatalogue) as RecruitmentRuleId[];

/** The 发展党员 rules whose deadlines (recruitment/deadlines.ts nextDue) the alerts report. */
export const recruitmentDueRuleCatalogue = {
  'recruitment.talk_late': recruitmentRuleCatalogue['recruitment.talk_late'],
  'recruitment.activist_reviews_missing': recruitmentRuleCatalogue['recruitment.activist_reviews_missing'],
  'recruitment.approval_window': recruitmentRuleCatalogue['recruitment.approval_window'],
  'recruitment.probation_not_ended': recruitmentRuleCatalogue['recruitment.probation_not_ended'],
  'recruitment.confirmation_late': recruitmentRuleCatalogue['recruitment.confirmation_late'],
  'recruitment.confirmation_approval_late':
    recruitmentRuleCatalogue['recruitment.confirmation_approval_late'],
} as const;

/**
 * Rules on rectification items (整改事项, rectification/alerts.ts): deadlines coming and passed, items extended
 * again and again, and items submitted that the level above has not verified. The college's 整改销号 practice,
 * except an overdue item of a 巡察 feedback, where the 巡视工作条例 sets the time (RULES.md §10; the 2024
 * revision's numbering is unchecked).
 */
export const rectificationRuleCatalogue = {
  'rectification.due_soon': {
    title: '整改事项即将到期',
    kind: 'common',
    severity: 'info',
    clause: {
      source: regulations.schoolRule,
      article: '问题整改销号',
      text: '问题整改实行清单管理，明确责任人、整改措施和整改时限，按期完成整改并报上级党组织审核销号。',
    },
  },
  'rectification.overdue': {
    title: '整改事项逾期未完成',
    kind: 'common',
    severity: 'error',
    clause: {
      source: regulations.schoolRule,
      article: '问题整改销号',
      text: '整改事项应在整改时限内完成并提交销号；确有困难不能按期完成的，应在到期前说明理由，经审核销号的上级党组织同意后延期。',
    },
  },
  'rectification.inspection_overdue': {
    title: '巡察反馈问题逾期未整改',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.inspectionRegulation,
      article: '第二十七条',
      text: '被巡视党组织收到巡视反馈意见后，应当认真整改落实，并于2个月内将整改情况报告和主要负责人组织落实情况报告报送巡视工作领导小组办公室；被巡视党组织主要负责人为落实整改工作的第一责任人。（校内巡察参照执行）',
    },
  },
  'rectification.extended_twice': {
    title: '整改事项多次延期',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '问题整改销号',
      text: '整改事项延期须说明理由并经审核销号的上级党组织同意，原定期限保留备查；多次延期的，上级党组织应督促分析原因、压实整改责任。',
    },
  },
  'rectification.verification_late': {
    title: '整改已提交超过14天未审核销号',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '问题整改销号',
      text: '下级党组织提交整改完成情况后，上级党组织应在14日内审核：整改到位的予以销号，未到位的退回并说明需继续整改的内容。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on rectification items. */
export type RectificationRuleId = keyof typeof rectificationRuleCatalogue;

/**
 * Rules on 巡察 (rectification/inspection.ts): an inspected unit's 整改报告 due within 7 days or overdue — the
 * 巡视工作条例's 2 months (RULES.md §10 marks the text [C]: seen in third-party copies, so the texts say 据…) — and
 * the 回头看 of a unit due (school practice, 6 months after the feedback by default).
 */
const inspectionReportClause = {
  source: regulations.inspectionRegulation,
  article: '第二十七条',
  text: '据转载的条文：被巡视党组织收到巡视反馈意见后，应当认真整改落实，并于2个月内将整改情况报告和主要负责人组织落实情况报告报送巡视工作领导小组办公室；被巡视党组织主要负责人为落实整改工作的第一责任人。（校内巡察参照执行；条文尚待与官方文本核对）',
} as const;
export const inspectionRuleCatalogue = {
  'inspection.report_due_soon': {
    title: '巡察整改报告即将到期',
    kind: 'national',
    severity: 'warning',
    clause: inspectionReportClause,
  },
  'inspection.report_overdue': {
    title: '巡察整改报告逾期未报送',
    kind: 'national',
    severity: 'error',
    clause: inspectionReportClause,
  },
  'inspection.lookback_due': {
    title: '巡察整改回头看到期',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '巡察整改回头看',
      text: '巡察反馈后一定时间（一般为6个月）内，巡察办组织回头看：检查整改台账，核实已销号问题是否反弹，对反弹问题重新督促整改。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on 巡察. */
export type InspectionRuleId = keyof typeof inspectionRuleCatalogue;

/**
 * Rules on supervised tasks (督办事项, rectification/supervision.ts): the deadline of a decision given to a lead
 * unit coming and passed, and a progress report due and not made. The college's 督查督办 practice.
 */
export const supervisionRuleCatalogue = {
  'supervision.due_soon': {
    title: '督办事项即将到期',
    kind: 'common',
    severity: 'info',
    clause: {
      source: regulations.schoolRule,
      article: '督查督办',
      text: '党委会、党务工作例会议定事项实行督办：明确牵头单位、协办单位和办结时限，牵头单位按期办结并报告办理结果。',
    },
  },
  'supervision.overdue': {
    title: '督办事项逾期未办结',
    kind: 'common',
    severity: 'error',
    clause: {
      source: regulations.schoolRule,
      article: '督查督办',
      text: '督办事项逾期未办结的，向牵头单位主要负责人督促；确有困难不能按期办结的，应在到期前说明理由，经交办单位同意后延期。',
    },
  },
  'supervision.report_missing': {
    title: '督办事项未按时报告进展',
    kind: 'common',
    severity: 'warning',
    clause: {
      source: regulations.schoolRule,
      article: '督查督办',
      text: '牵头单位按交办时确定的频次（每周、每月或每季度）报告督办事项办理进展，办结后报告办理结果。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on supervised tasks. */
export type SupervisionRuleId = keyof typeof supervisionRuleCatalogue;

/**
 * Rules on rectification campaigns (问题清单, rectification/campaign.ts): a participating org's problem list and,
 * after it, its summary report (整改总结) due within 7 days or passed and not submitted. The school's practice of
 * the 问题清单 rounds — e.g. the list by 4-15 and the summary by 7-05 (RULES.md §10 “问题清单 campaign dates”,
 * seed 002); each finding quotes the campaign's own dates.
 */
const campaignClause = {
  source: regulations.schoolRule,
  article: '问题清单报送',
  text: '开展“个个过关、全面过硬”等问题清单工作，各党组织按通知规定的时间报送问题清单（如4月15日前），逐项整改销号，整改结束后按时报送整改总结（如7月5日前）。',
} as const;
export const campaignRuleCatalogue = {
  'campaign.list_due_soon': {
    title: '问题清单即将截止报送',
    kind: 'common',
    severity: 'info',
    clause: campaignClause,
  },
  'campaign.list_overdue': {
    title: '问题清单逾期未报送',
    kind: 'common',
    severity: 'warning',
    clause: campaignClause,
  },
  'campaign.summary_due_soon': {
    title: '整改总结即将截止报送',
    kind: 'common',
    severity: 'info',
    clause: campaignClause,
  },
  'campaign.summary_overdue': {
    title: '整改总结逾期未报送',
    kind: 'common',
    severity: 'warning',
    clause: campaignClause,
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on rectification campaigns. */
export type CampaignRuleId = keyof typeof campaignRuleCatalogue;

/**
 * Rules on assessments (考核, assessment/alerts.ts): an org's 自评 due within 7 days or passed and not submitted,
 * and a 党总支's review of its branches due within 7 days or passed — by the days the 组织部 set for the round
 * (the school's 星级评定 and 考核 notices, RULES.md §9).
 */
const assessmentClause = {
  source: regulations.schoolRule,
  article: '考核评价',
  text: '按考核通知规定的时间完成自评，党总支按时审核所属党支部的自评，再报组织部审核、党委审定。',
} as const;
export const assessmentRuleCatalogue = {
  'assessment.self_due_soon': {
    title: '考核自评即将截止',
    kind: 'common',
    severity: 'info',
    clause: assessmentClause,
  },
  'assessment.self_overdue': {
    title: '考核自评逾期未提交',
    kind: 'common',
    severity: 'warning',
    clause: assessmentClause,
  },
  'assessment.review_due_soon': {
    title: '所属支部考核审核即将截止',
    kind: 'common',
    severity: 'info',
    clause: assessmentClause,
  },
  'assessment.review_overdue': {
    title: '所属支部考核审核逾期',
    kind: 'common',
    severity: 'warning',
    clause: assessmentClause,
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on assessments. */
export type AssessmentRuleId = keyof typeof assessmentRuleCatalogue;

/**
 * Rules on 述职评议 (duty-review/rules.ts): a secretary whose latest 述职评议考核 grade is 差 — the org's 整改 is
 * followed until a later campaign grades it otherwise (中组部 述职评议考核办法 2019 第三条 [C]; practice [S]).
 */
export const dutyReviewRuleCatalogue = {
  'duty_review.poor': {
    title: '书记抓党建述职评议考核等次为差',
    kind: 'common',
    severity: 'error',
    clause: {
      source: '中组部《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》（2019）',
      article: '第三条',
      text: '据转载的条文：述职评议考核结果分为好、较好、一般、差四个等次；考核结果作为评价党组织书记履行党建工作责任的重要依据，对考核等次为差的，由上级党组织负责人进行约谈，限期整改。（条文尚待与官方文本核对）',
    },
  },
  'duty_review.report_due': {
    title: '述职报告即将截止',
    kind: 'common',
    severity: 'info',
    clause: {
      source: '中组部《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》（2019）',
      article: '第二条',
      text: '据转载的条文：党组织书记每年向上级党组织述职，报告抓基层党建工作情况，按程序接受评议考核；述职内容应包括党员教育管理工作（党员教育管理工作条例第四十三条）。述职报告在述职评议规定的截止日期前提交。（条文尚待与官方文本核对）',
    },
  },
  'duty_review.report_overdue': {
    title: '述职报告逾期未提交',
    kind: 'common',
    severity: 'error',
    clause: {
      source: '中组部《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》（2019）',
      article: '第二条',
      text: '据转载的条文：党组织书记每年向上级党组织述职，报告抓基层党建工作情况，按程序接受评议考核；述职内容应包括党员教育管理工作（党员教育管理工作条例第四十三条）。述职报告在述职评议规定的截止日期前提交。（条文尚待与官方文本核对）',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on 述职评议. */
export type DutyReviewRuleId = keyof typeof dutyReviewRuleCatalogue;

/**
 * Rules on 中层干部年度考核 (cadres/review-rules.ts): a published 不称职, or a 红牌 due, whose consequences are not
 * recorded yet (RULES.md §11 [S]: 党政领导干部考核工作条例 2019, 考核结果运用).
 */
export const cadreReviewRuleCatalogue = {
  'cadre_review.consequence_pending': {
    title: '中层干部年度考核结果运用未落实',
    kind: 'common',
    severity: 'error',
    clause: {
      source: '《党政领导干部考核工作条例》（2019）',
      article: '考核结果运用',
      text: '据转载的条文：对年度考核被确定为基本称职的，进行提醒、函询或者诫勉；被确定为不称职的，按照有关规定调整职务。学校规定连续两年基本称职的按不称职对待（学校设置）。（条文序号尚待与官方文本核对）',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on 中层干部年度考核. */
export type CadreReviewRuleId = keyof typeof cadreReviewRuleCatalogue;

/**
 * Rules on 民主评议党员 (appraisal/rules.ts): a member graded 不合格 and their 限期改正 plan (党员教育管理工作条例 第三十条、
 * 第三十一条), and a branch's appraisal of the year not completed by its end (第十八条; 支部条例).
 */
export const appraisalRuleCatalogue = {
  'appraisal.unqualified_member': {
    title: '民主评议不合格党员限期改正',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.educationRegulation,
      article: '第三十条',
      text: '对民主评议中被评为不合格的党员，党支部应当进行批评教育，帮助其查找原因、制定措施，限期改正，期限一般不超过一年。',
    },
  },
  'appraisal.plan_due': {
    title: '不合格党员限期改正即将到期',
    kind: 'national',
    severity: 'info',
    clause: {
      source: regulations.educationRegulation,
      article: '第三十条、第三十一条',
      text: '限期改正期满，党支部应当作出结论：经教育仍无转变的，应当劝其退党；劝而不退的，予以除名。',
    },
  },
  'appraisal.plan_overdue': {
    title: '不合格党员限期改正期满未作结论',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.educationRegulation,
      article: '第三十条、第三十一条',
      text: '限期改正期满，党支部应当作出结论：经教育仍无转变的，应当劝其退党；劝而不退的，予以除名。',
    },
  },
  'appraisal.not_completed': {
    title: '年度民主评议党员未完成',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.educationRegulation,
      article: '第十八条',
      text: '党支部一般每年开展1次民主评议党员，按照个人自评、党员互评、民主测评、组织评定的程序进行（支部条例第五章）。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on 民主评议党员. */
export type AppraisalRuleId = keyof typeof appraisalRuleCatalogue;

/**
 * Rules on 中层干部选拔任用 (cadres/appointment-alerts.ts): the 任前公示 over and the 任职 not yet made, the 试用期
 * ending within 30 days and over without 转正 or 免去试任职务, and training owed after 提任 not completed within the
 * year. Clause numbers as RULES.md §11 gives them (2014 numbering). All on the 党委 (the 组织部's work): a
 * secretary's scope never holds them.
 */
export const cadreAppointmentRuleCatalogue = {
  'cadre_appointment.appoint_due': {
    title: '任前公示期满待任职',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.selectionRegulation,
      article: '第四十一条',
      text: '实行党政领导干部任职前公示制度，公示期不少于5个工作日；公示结果不影响任职的，办理任职手续。',
    },
  },
  'cadre_appointment.probation_ending': {
    title: '干部试用期即将期满',
    kind: 'national',
    severity: 'info',
    clause: {
      source: regulations.selectionRegulation,
      article: '第四十二条',
      text: '提拔担任中层领导职务的，试用期为一年；试用期满后，经考核胜任现职的，正式任职，不胜任的，免去试任职务。',
    },
  },
  'cadre_appointment.probation_due': {
    title: '干部试用期已满未办理转正',
    kind: 'national',
    severity: 'error',
    clause: {
      source: regulations.selectionRegulation,
      article: '第四十二条',
      text: '试用期满后，经考核胜任现职的，正式任职；不胜任的，免去试任职务，一般按照试任前职级安排工作。',
    },
  },
  'cadre_appointment.training_owed': {
    title: '干部提任后培训未按期完成',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: regulations.selectionRegulation,
      article: '第八条',
      text: '提拔担任领导职务的，应当经过党校（行政学院）、干部学院或者组织（人事）部门认可的其他培训机构的培训；因特殊情况在提任前未达到培训要求的，应当在提任后一年内完成培训。',
    },
  },
} as const satisfies Record<string, { title: string; kind: RuleKind; severity: Severity; clause: Clause }>;
/** Identifier of a rule on 中层干部选拔任用. */
export type CadreAppointmentRuleId = keyof typeof cadreAppointmentRuleCatalogue;

/**
 * Every rule the alerts can cite: org rules, transfer rules, organisational-life rules, the 发展党员
 * deadlines and the rectification items' rules.
 */
export const ruleCatalogue = {
  ...orgRuleCatalogue,
  ...transferRuleCatalogue,
  ...lifeRuleCatalogue,
  ...recruitmentDueRuleCatalogue,
  ...rectificationRuleCatalogue,
  ...inspectionRuleCatalogue,
  ...supervisionRuleCatalogue,
  ...campaignRuleCatalogue,
  ...assessmentRuleCatalogue,
  ...appraisalRuleCatalogue,
  ...dutyReviewRuleCatalogue,
  ...trainingRuleCatalogue,
  ...cadreTermRuleCatalogue,
  ...cadreAppointmentRuleCatalogue,
  ...cadreReviewRuleCatalogue,
  ...reserveRuleCatalogue,
};
/** Identifier of any rule of the catalogue. */
export type RuleId = keyof typeof ruleCatalogue;
export const ruleIds = Object.keys(ruleCatalogue) as RuleId[];
