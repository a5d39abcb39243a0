/**
 * Built-in indicator systems a school copies (`systemFromTemplate`) and edits to its own documents. They mix
 * computed indicators (from the records the platform holds) with judgements, bonus and deduction items and
 * vetoes; every one passes `indicatorSystemProblems` (templates.test.ts). Numbers are defaults ([S] in
 * RULES.md §9): 星级 bands 90/80/70/60, 五星级 ≤ 30 %, any veto ≤ 二星级, branches under a year not rated.
 *
 * Dimension names: 星级党支部 — 班子建设、工作运行、党员管理、组织生活、基础保障、作用发挥 (as the seed colleges
 * use them); 党支部标准化 — the "七个有力" (教育部党组 "对标争先" 实施意见, 2018 [S]); 二级党组织 标准化 and
 * 年度党建考评 — the 院系 "五个到位" as commonly written (党组织领导和运行机制、思想政治工作、基层党支部建设、党员
 * 队伍建设、工作保障), to be checked against the school's own text; 个个过关 — 政治过硬、组织过硬、队伍过硬、制度过硬、
 * 作用过硬 (seed 002's five dimensions were not available; these follow the "全面过硬" wording).
 */
import type { AssessmentTemplateKey } from './dictionaries.ts';
import type { MetricKey } from './metrics.ts';
import type {
  AdjustmentIndicator,
  ComputedIndicator,
  Dimension,
  Indicator,
  IndicatorSystemDefinition,
  JudgementIndicator,
  PassFailIndicator,
  RatingRules,
  VetoItem,
} from './system.ts';

type Band = readonly [min: number, max: number | null, points: number];

const computed = (
  id: string,
  title: string,
  max: number,
  metric: MetricKey,
  bands: readonly Band[],
  guidance: string | null = null,
): ComputedIndicator => ({
  id,
  title,
  guidance,
  method: 'computed',
  max,
  metric,
  bands: bands.map(([min, bandMax, points]) => ({ min, max: bandMax, points })),
  notApplicable: 'full',
});

const judged = (id: string, title: string, max: number, guidance: string): JudgementIndicator => ({
  id,
  title,
  guidance,
  method: 'judgement',
  max,
});

const adjustment = (
  method: 'bonus' | 'deduction',
  id: string,
  title: string,
  pointsPerItem: number,
  cap: number,
  metric: MetricKey | null,
  guidance: string,
): AdjustmentIndicator => ({ id, title, guidance, method, pointsPerItem, cap, metric });

const check = (
  id: string,
  title: string,
  opts: { metric?: MetricKey; threshold?: number; required?: boolean; guidance?: string },
): PassFailIndicator => ({
  id,
  title,
  guidance: opts.guidance ?? null,
  method: 'pass_fail',
  required: opts.required ?? true,
  metric: opts.metric ?? null,
  threshold: opts.threshold ?? null,
  notApplicable: 'full',
});

const dimension = (
  id: string,
  title: string,
  indicators: Indicator[],
  caps: { bonusCap?: number; deductionCap?: number } = {},
): Dimension => ({
  id,
  title,
  max: indicators.reduce(
    (acc, i) => acc + (i.method === 'computed' || i.method === 'judgement' ? i.max : 0),
    0,
  ),
  bonusCap: caps.bonusCap ?? null,
  deductionCap: caps.deductionCap ?? null,
  indicators,
});

const seriousViolation = (id: string, cap: VetoItem['cap']): VetoItem => ({
  id,
  title: '党组织班子成员或党员发生严重违纪违法问题，造成恶劣影响',
  guidance: '以纪检监察机关的处分决定或通报为准，由组织部认定并写明依据',
  metric: null,
  threshold: null,
  cap,
});

const passFailRating = (minAgeMonths: number | null): RatingRules => ({
  starBands: [],
  quotas: [],
  minAgeMonths,
  followUp: { basis: 'score', exemplaryFrom: 0, rectifyBelow: 0, shortfallPercent: 60 },
});

/** 星级党支部: six dimensions, 100 points, 一至五星. */
const starBranch: Omit<IndicatorSystemDefinition, 'year'> = {
  kind: 'star_rating',
  level: 'branch',
  name: '星级党支部评定指标体系',
  description:
    '按六个方面百分制计分，90分以上五星、80分以上四星、70分以上三星、60分以上二星、其余一星；五星级不超过参评支部的30%；触发一票否决的最高二星；成立不满一年的支部不参评。',
  mode: 'score',
  maxScore: 100,
  bonusCap: 5,
  deductionCap: 10,
  minPassedPercent: 100,
  dimensions: [
    dimension('A', '班子建设', [
      computed('A1', '支部委员会（书记）按规定设置、配备齐全', 5, 'team_findings_open', [
        [0, 1, 5],
        [1, 2, 2],
        [2, null, 0],
      ]),
      computed('A2', '按期换届', 4, 'term_overdue_days', [
        [0, 1, 4],
        [1, 90, 2],
        [90, null, 0],
      ]),
      computed(
        'A3',
        '教工党支部书记为“双带头人”',
        3,
        'dual_leader_secretary',
        [
          [0, 1, 0],
          [1, null, 3],
        ],
        '学生党支部不适用，按满分计',
      ),
      judged('A4', '支委分工明确、履职尽责', 3, '支委会记录体现分工和履职情况；书记履行第一责任人职责'),
    ]),
    dimension(
      'B',
      '工作运行',
      [
        computed('B1', '“三会一课”按期开展', 10, 'three_meetings_one_lecture_rate', [
          [0, 0.6, 0],
          [0.6, 0.8, 4],
          [0.8, 0.95, 7],
          [0.95, null, 10],
        ]),
        computed('B2', '主题党日按月开展', 4, 'theme_day_rate', [
          [0, 0.6, 0],
          [0.6, 0.9, 2],
          [0.9, null, 4],
        ]),
        computed(
          'B3',
          '监测预警问题及时解决',
          3,
          'findings_resolved_rate',
          [
            [0, 0.5, 0],
            [0.5, 0.8, 2],
            [0.8, null, 3],
          ],
          '考核期内没有预警的按满分计',
        ),
        judged(
          'B4',
          '年度工作有计划、有落实、有总结',
          3,
          '以支委会、党员大会记录中的计划、部署和总结为准，不另报材料',
        ),
        adjustment(
          'deduction',
          'B5',
          '整改事项逾期未销号',
          1,
          3,
          'rectifications_overdue',
          '参照日每有1项逾期未销号的整改事项扣1分，最多扣3分',
        ),
      ],
      { deductionCap: 5 },
    ),
    dimension(
      'C',
      '党员管理',
      [
        computed('C1', '谈心谈话全覆盖', 5, 'talk_coverage', [
          [0, 0.5, 0],
          [0.5, 0.8, 2],
          [0.8, 1, 4],
          [1, null, 5],
        ]),
        computed(
          'C2',
          '发展党员程序按期规范',
          5,
          'recruitment_steps_on_time_rate',
          [
            [0, 0.8, 0],
            [0.8, 1, 3],
            [1, null, 5],
          ],
          '考核期内没有到期步骤的按满分计',
        ),
        computed('C3', '党员参加组织生活', 5, 'life_attendance_rate', [
          [0, 0.7, 0],
          [0.7, 0.8, 2],
          [0.8, 0.9, 4],
          [0.9, null, 5],
        ]),
        computed('C4', '组织关系转接及时', 2, 'transfers_overdue', [
          [0, 1, 2],
          [1, null, 0],
        ]),
        judged('C5', '党员教育培训和流动党员管理', 3, '党员年度学习培训落实，流动党员保持联系、参加组织生活'),
        adjustment(
          'deduction',
          'C6',
          '党员连续6个月未参加组织生活未按规定处置',
          1,
          3,
          'members_absent_six_months',
          '参照日每涉及1名党员扣1分，最多扣3分',
        ),
      ],
      { deductionCap: 3 },
    ),
    dimension('D', '组织生活', [
      computed('D1', '按期召开组织生活会', 5, 'review_meeting_held', [
        [0, 1, 0],
        [1, null, 5],
      ]),
      computed('D2', '按期开展民主评议党员', 5, 'member_appraisal_held', [
        [0, 1, 0],
        [1, null, 5],
      ]),
      judged('D3', '组织生活质量', 5, '主题鲜明，开展批评和自我批评，查摆的问题有整改措施；以会议记录为准'),
    ]),
    dimension('E', '基础保障', [
      computed(
        'E1',
        '整改事项按期销号',
        4,
        'rectifications_closed_on_time_rate',
        [
          [0, 0.6, 0],
          [0.6, 0.9, 2],
          [0.9, 1, 3],
          [1, null, 4],
        ],
        '考核期内没有到期整改事项的按满分计',
      ),
      judged(
        'E2',
        '活动场所和经费保障',
        3,
        '有相对固定的活动场所，党建工作经费按规定落实；以单位说明为准，不以照片评分',
      ),
      judged(
        'E3',
        '记录及时归档、内容完整',
        3,
        '组织生活记录在平台及时归档、要素齐全；平台记录即台账，不另报材料',
      ),
    ]),
    dimension(
      'F',
      '作用发挥',
      [
        judged(
          'F1',
          '围绕中心工作发挥战斗堡垒作用',
          8,
          '党建与教学科研、人才培养、管理服务融合，推动本单位重点任务完成',
        ),
        judged('F2', '党员发挥先锋模范作用', 6, '党员先锋岗、志愿服务、“我为师生办实事”等有实效，以事例为准'),
        judged('F3', '服务师生、凝聚师生', 6, '及时了解和反映师生诉求，完成急难险重任务'),
        adjustment(
          'bonus',
          'F4',
          '获得校级及以上党建表彰或荣誉',
          2,
          4,
          null,
          '每项加2分，最多加4分；写明表彰名称和文号',
        ),
        adjustment(
          'bonus',
          'F5',
          '党建工作经验被校级及以上推广',
          1,
          2,
          null,
          '每项加1分，最多加2分；写明推广的文件或会议',
        ),
      ],
      { bonusCap: 5 },
    ),
  ],
  vetoes: [
    seriousViolation('V1', { kind: 'max_stars', stars: 2 }),
    {
      id: 'V2',
      title: '超期未换届超过一年',
      guidance: '届满（或经批准的延期日期）后超过365天仍未换届',
      metric: 'term_overdue_days',
      threshold: 365,
      cap: { kind: 'max_stars', stars: 2 },
    },
    {
      id: 'V3',
      title: '全年未召开组织生活会',
      guidance: '考核期内没有已归档的组织生活会记录',
      metric: 'review_meeting_held',
      threshold: 1,
      cap: { kind: 'max_stars', stars: 2 },
    },
    {
      id: 'V4',
      title: '意识形态工作出现严重问题',
      guidance: '以学校党委的认定为准，由组织部写明依据',
      metric: null,
      threshold: null,
      cap: { kind: 'max_stars', stars: 2 },
    },
  ],
  rating: {
    starBands: [
      { stars: 1, minScore: 0 },
      { stars: 2, minScore: 60 },
      { stars: 3, minScore: 70 },
      { stars: 4, minScore: 80 },
      { stars: 5, minScore: 90 },
    ],
    quotas: [{ minStars: 5, maxPercent: 30 }],
    minAgeMonths: 12,
    followUp: { basis: 'stars', exemplaryFrom: 5, rectifyBelow: 3, shortfallPercent: 60 },
  },
};

/** 党支部标准化规范化建设达标验收: the "七个有力", 达标 / 不达标. */
const standardBranch: Omit<IndicatorSystemDefinition, 'year'> = {
  kind: 'standardisation',
  level: 'branch',
  name: '党支部标准化规范化建设达标验收标准',
  description:
    '对照“七个有力”逐项验收：必达项全部达标且达标项不少于80%的为达标；触发一票否决的直接判定不达标；成立不满一年的支部不参加验收。',
  mode: 'pass_fail',
  maxScore: 0,
  bonusCap: null,
  deductionCap: null,
  minPassedPercent: 80,
  dimensions: [
    dimension('S1', '教育党员有力', [
      check('S1.1', '“三会一课”按期开展', { metric: 'three_meetings_one_lecture_rate', threshold: 0.9 }),
      check('S1.2', '主题党日按月开展', { metric: 'theme_day_rate', threshold: 0.9 }),
      check('S1.3', '党员学习教育有计划、有落实', {
        required: false,
        guidance: '以党员大会、党课、主题党日记录中的学习内容为准',
      }),
    ]),
    dimension('S2', '管理党员有力', [
      check('S2.1', '组织关系转接及时', { metric: 'transfers_overdue', threshold: 0 }),
      check('S2.2', '连续6个月不参加组织生活的党员已按规定处置', {
        metric: 'members_absent_six_months',
        threshold: 0,
      }),
      check('S2.3', '发展党员程序按期规范', { metric: 'recruitment_steps_on_time_rate', threshold: 1 }),
    ]),
    dimension('S3', '监督党员有力', [
      check('S3.1', '按期召开组织生活会', { metric: 'review_meeting_held', threshold: 1 }),
      check('S3.2', '按期开展民主评议党员', { metric: 'member_appraisal_held', threshold: 1 }),
      check('S3.3', '谈心谈话全覆盖', { metric: 'talk_coverage', threshold: 1 }),
    ]),
    dimension('S4', '组织师生有力', [
      check('S4.1', '支部班子健全', { metric: 'team_findings_open', threshold: 0 }),
      check('S4.2', '按期换届', { metric: 'term_overdue_days', threshold: 0 }),
      check('S4.3', '教工党支部书记为“双带头人”', {
        metric: 'dual_leader_secretary',
        threshold: 1,
        required: false,
        guidance: '学生党支部不适用，按达标计',
      }),
    ]),
    dimension('S5', '宣传师生有力', [
      check('S5.1', '宣传党的理论和路线方针政策，落实意识形态工作责任', {
        guidance: '以总支、组织部的了解和会议记录为准',
      }),
    ]),
    dimension('S6', '凝聚师生有力', [
      check('S6.1', '围绕中心任务团结带领师生', { required: false, guidance: '以具体事例为准' }),
    ]),
    dimension('S7', '服务师生有力', [
      check('S7.1', '为师生办实事有实效', { required: false, guidance: '以具体事例为准' }),
      check('S7.2', '发现的问题按期整改', {
        metric: 'rectifications_closed_on_time_rate',
        threshold: 0.9,
        required: false,
      }),
    ]),
  ],
  vetoes: [
    seriousViolation('V1', { kind: 'fail' }),
    {
      id: 'V2',
      title: '超期未换届超过一年',
      guidance: '届满（或经批准的延期日期）后超过365天仍未换届',
      metric: 'term_overdue_days',
      threshold: 365,
      cap: { kind: 'fail' },
    },
  ],
  rating: passFailRating(12),
};

/** 二级党组织标准化规范化建设达标验收: the "五个到位", 达标 / 不达标. */
const standardSecondary: Omit<IndicatorSystemDefinition, 'year'> = {
  kind: 'standardisation',
  level: 'secondary',
  name: '二级党组织标准化规范化建设达标验收标准',
  description:
    '对照“五个到位”逐项验收：必达项全部达标且达标项不少于80%的为达标；触发一票否决的直接判定不达标。',
  mode: 'pass_fail',
  maxScore: 0,
  bonusCap: null,
  deductionCap: null,
  minPassedPercent: 80,
  dimensions: [
    dimension('W1', '党组织领导和运行机制到位', [
      check('W1.1', '党组织会议、党政联席会议制度健全并落实', {
        guidance: '议事规则健全，“三重一大”事项经集体研究；以会议记录为准',
      }),
      check('W1.2', '“第一议题”制度落实', { metric: 'first_topic_rate', threshold: 0.9 }),
      check('W1.3', '按期换届', { metric: 'term_overdue_days', threshold: 0 }),
      check('W1.4', '按期召开民主生活会', { metric: 'leadership_review_meeting_held', threshold: 1 }),
    ]),
    dimension('W2', '思想政治工作到位', [
      check('W2.1', '意识形态工作责任制落实', { guidance: '以学校党委的检查和会议记录为准' }),
      check('W2.2', '理论学习中心组学习制度落实', {
        metric: 'study_group_sessions',
        threshold: 6,
        required: false,
      }),
    ]),
    dimension('W3', '基层党支部建设到位', [
      check('W3.1', '所属支部“三会一课”按期开展', { metric: 'branch_life_rate', threshold: 0.9 }),
      check('W3.2', '所属支部按期换届', { metric: 'terms_in_order_rate', threshold: 1 }),
      check('W3.3', '所属教工党支部书记“双带头人”比例', {
        metric: 'dual_leader_rate',
        threshold: 0.8,
        required: false,
      }),
    ]),
    dimension('W4', '党员队伍建设到位', [
      check('W4.1', '发展党员程序按期规范', { metric: 'recruitment_steps_on_time_rate', threshold: 1 }),
      check('W4.2', '组织关系转接及时', { metric: 'transfers_overdue', threshold: 0, required: false }),
      check('W4.3', '领导干部党员过双重组织生活', {
        metric: 'dual_life_missing',
        threshold: 0,
        required: false,
      }),
    ]),
    dimension('W5', '工作保障到位', [
      check('W5.1', '配备组织员和党务工作人员，党建工作经费和场所落实', {
        guidance: '以组织部掌握的配备情况和单位说明为准，不以照片评分',
      }),
      check('W5.2', '发现的问题按期整改', {
        metric: 'rectifications_closed_on_time_rate',
        threshold: 0.9,
        required: false,
      }),
    ]),
  ],
  vetoes: [seriousViolation('V1', { kind: 'fail' })],
  rating: passFailRating(null),
};

/** 个个过关、全面过硬: five dimensions, every item must pass. */
const allPassBranch: Omit<IndicatorSystemDefinition, 'year'> = {
  kind: 'all_pass',
  level: 'branch',
  name: '党支部“个个过关、全面过硬”检查标准',
  description: '五个方面逐项检查，全部过关的为过关；未过关的项目列入整改清单，整改后复查。',
  mode: 'pass_fail',
  maxScore: 0,
  bonusCap: null,
  deductionCap: null,
  minPassedPercent: 100,
  dimensions: [
    dimension('G1', '政治过硬', [
      check('G1.1', '政治理论学习常态化', { guidance: '以党员大会、党课、主题党日记录中的学习内容为准' }),
      check('G1.2', '落实意识形态工作责任', { guidance: '以总支、组织部的了解为准' }),
    ]),
    dimension('G2', '组织过硬', [
      check('G2.1', '支部班子健全', { metric: 'team_findings_open', threshold: 0 }),
      check('G2.2', '按期换届', { metric: 'term_overdue_days', threshold: 0 }),
      check('G2.3', '教工党支部书记为“双带头人”', {
        metric: 'dual_leader_secretary',
        threshold: 1,
        guidance: '学生党支部不适用，按过关计',
      }),
    ]),
    dimension('G3', '队伍过硬', [
      check('G3.1', '谈心谈话全覆盖', { metric: 'talk_coverage', threshold: 1 }),
      check('G3.2', '没有连续6个月不参加组织生活的党员', {
        metric: 'members_absent_six_months',
        threshold: 0,
      }),
      check('G3.3', '发展党员程序按期规范', { metric: 'recruitment_steps_on_time_rate', threshold: 1 }),
    ]),
    dimension('G4', '制度过硬', [
      check('G4.1', '“三会一课”按期开展', { metric: 'three_meetings_one_lecture_rate', threshold: 0.9 }),
      check('G4.2', '主题党日按月开展', { metric: 'theme_day_rate', threshold: 0.9 }),
      check('G4.3', '按期召开组织生活会', { metric: 'review_meeting_held', threshold: 1 }),
      check('G4.4', '按期开展民主评议党员', { metric: 'member_appraisal_held', threshold: 1 }),
    ]),
    dimension('G5', '作用过硬', [
      check('G5.1', '发现的问题按期整改', { metric: 'rectifications_closed_on_time_rate', threshold: 0.9 }),
      check('G5.2', '党员在教学科研、管理服务中发挥先锋模范作用', { guidance: '以具体事例为准' }),
    ]),
  ],
  vetoes: [seriousViolation('V1', { kind: 'fail' })],
  rating: passFailRating(12),
};

/** 二级学院年度党建考评: the "五个到位", 100 points, the score the performance system weighs. */
const annualSecondary: Omit<IndicatorSystemDefinition, 'year'> = {
  kind: 'annual_review',
  level: 'secondary',
  name: '二级学院年度党建工作考评指标体系',
  description:
    '按“五个到位”百分制计分，得分（0–100）导出给学校绩效考核按不低于20%的权重使用；90分以上为示范，70分以下整改；触发一票否决的总分不超过59分。',
  mode: 'score',
  maxScore: 100,
  bonusCap: 5,
  deductionCap: 10,
  minPassedPercent: 100,
  dimensions: [
    dimension('P', '党组织领导和运行机制到位', [
      judged(
        'P1',
        '党组织会议、党政联席会议制度落实',
        6,
        '议事规则健全，“三重一大”事项经集体研究；以会议记录为准',
      ),
      computed('P2', '“第一议题”制度落实', 5, 'first_topic_rate', [
        [0, 0.5, 0],
        [0.5, 0.8, 2],
        [0.8, 1, 4],
        [1, null, 5],
      ]),
      computed('P3', '按期召开民主生活会', 4, 'leadership_review_meeting_held', [
        [0, 1, 0],
        [1, null, 4],
      ]),
      computed('P4', '按期换届', 5, 'term_overdue_days', [
        [0, 1, 5],
        [1, 180, 2],
        [180, null, 0],
      ]),
    ]),
    dimension(
      'Q',
      '思想政治工作到位',
      [
        computed('Q1', '理论学习中心组学习', 6, 'study_group_sessions', [
          [0, 6, 0],
          [6, 10, 3],
          [10, null, 6],
        ]),
        judged('Q2', '意识形态工作责任制落实', 8, '以学校党委的检查、通报和会议记录为准'),
        judged('Q3', '师生思想政治教育成效', 6, '以具体事例和学校掌握的情况为准'),
        adjustment(
          'bonus',
          'Q4',
          '获得上级党建表彰或入选“双创”培育创建',
          2,
          5,
          null,
          '每项加2分，最多加5分；写明表彰或立项的文件',
        ),
      ],
      { bonusCap: 5 },
    ),
    dimension('R', '基层党支部建设到位', [
      computed('R1', '所属支部“三会一课”按期开展', 6, 'branch_life_rate', [
        [0, 0.6, 0],
        [0.6, 0.8, 2],
        [0.8, 0.95, 4],
        [0.95, null, 6],
      ]),
      computed('R2', '所属支部按期召开组织生活会', 3, 'review_meeting_rate', [
        [0, 0.9, 0],
        [0.9, 1, 1],
        [1, null, 3],
      ]),
      computed('R3', '所属支部按期开展民主评议党员', 3, 'member_appraisal_rate', [
        [0, 0.9, 0],
        [0.9, 1, 1],
        [1, null, 3],
      ]),
      computed('R4', '所属支部按期换届', 4, 'terms_in_order_rate', [
        [0, 0.8, 0],
        [0.8, 1, 2],
        [1, null, 4],
      ]),
      computed(
        'R5',
        '教工党支部书记“双带头人”比例',
        4,
        'dual_leader_rate',
        [
          [0, 0.6, 0],
          [0.6, 0.9, 2],
          [0.9, null, 4],
        ],
        '没有教工党支部的按满分计',
      ),
    ]),
    dimension('T', '党员队伍建设到位', [
      computed('T1', '发展党员程序按期规范', 6, 'recruitment_steps_on_time_rate', [
        [0, 0.8, 0],
        [0.8, 0.95, 3],
        [0.95, 1, 5],
        [1, null, 6],
      ]),
      computed('T2', '组织关系转接及时', 4, 'transfers_overdue', [
        [0, 1, 4],
        [1, 3, 2],
        [3, null, 0],
      ]),
      judged('T3', '党员教育培训和流动党员管理', 5, '党员年度学习培训落实，流动党员保持联系'),
      computed('T4', '领导干部党员过双重组织生活', 5, 'dual_life_missing', [
        [0, 1, 5],
        [1, 2, 2],
        [2, null, 0],
      ]),
    ]),
    dimension(
      'U',
      '工作保障到位',
      [
        computed(
          'U1',
          '监测预警问题及时解决',
          5,
          'findings_resolved_rate',
          [
            [0, 0.5, 0],
            [0.5, 0.8, 2],
            [0.8, 0.95, 4],
            [0.95, null, 5],
          ],
          '考核期内没有预警的按满分计',
        ),
        computed('U2', '整改事项按期销号', 5, 'rectifications_closed_on_time_rate', [
          [0, 0.6, 0],
          [0.6, 0.9, 3],
          [0.9, 1, 4],
          [1, null, 5],
        ]),
        computed('U3', '督办事项按期办结', 4, 'supervised_tasks_on_time_rate', [
          [0, 0.6, 0],
          [0.6, 0.9, 2],
          [0.9, 1, 3],
          [1, null, 4],
        ]),
        judged(
          'U4',
          '组织员和党务工作人员配备、党建经费和场所保障',
          6,
          '以组织部掌握的配备情况和单位说明为准，不以照片评分',
        ),
        adjustment(
          'deduction',
          'U5',
          '整改事项逾期未销号',
          1,
          5,
          'rectifications_overdue',
          '参照日每有1项逾期未销号的整改事项扣1分，最多扣5分',
        ),
      ],
      { deductionCap: 5 },
    ),
  ],
  vetoes: [seriousViolation('V1', { kind: 'max_score', score: 59 })],
  rating: {
    starBands: [],
    quotas: [],
    minAgeMonths: null,
    followUp: { basis: 'score', exemplaryFrom: 90, rectifyBelow: 70, shortfallPercent: 60 },
  },
};

/** The built-in templates by key (without a year: `systemFromTemplate` sets it). */
export const assessmentTemplates = {
  star_branch: starBranch,
  standard_branch: standardBranch,
  standard_secondary: standardSecondary,
  all_pass_branch: allPassBranch,
  annual_secondary: annualSecondary,
} as const satisfies Record<AssessmentTemplateKey, Omit<IndicatorSystemDefinition, 'year'>>;

/** A school's own copy of a template for a year (a deep copy: editing it never changes the template). */
export function systemFromTemplate(
  key: AssessmentTemplateKey,
  year: number,
  name?: string,
): IndicatorSystemDefinition {
  const t = JSON.parse(JSON.stringify(assessmentTemplates[key])) as Omit<IndicatorSystemDefinition, 'year'>;
  return { ...t, year, name: name ?? `${year}年度${t.name}` };
}
