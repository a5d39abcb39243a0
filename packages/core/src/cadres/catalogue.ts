import type { RuleKind, Severity } from '../dictionaries.ts';

/** The regulations the cadre term and rotation rules cite. */
export const cadreRegulations = {
  exchange: '《党政领导干部交流工作规定》（2006）',
  tenure: '《党政领导干部职务任期暂行规定》（2006）',
} as const;

/**
 * Rules on 中层干部 terms and rotation (cadres/rotation.ts), all on the 党委 (only the 组织部 and 校领导 read
 * them: cadre files are theirs): 10 years in one post (reminded 6 months ahead, due at the 10th anniversary), and a
 * term ended with the post still held (neither reappointed nor removed), reminded ahead likewise.
 */
export const cadreTermRuleCatalogue = {
  'cadre.rotation_due': {
    title: '中层干部在同一职位任职满10年应当交流',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: cadreRegulations.exchange,
      article: '第十条',
      text: '在同一职位上任职满10年的，必须交流。（条文尚待与官方文本核对）',
    },
  },
  'cadre.rotation_soon': {
    title: '中层干部在同一职位任职即将满10年',
    kind: 'national',
    severity: 'info',
    clause: {
      source: cadreRegulations.exchange,
      article: '第十条',
      text: '在同一职位上任职满10年的，必须交流。（条文尚待与官方文本核对）',
    },
  },
  'cadre.term_expired': {
    title: '中层干部任期届满未办理连任或免职',
    kind: 'national',
    severity: 'warning',
    clause: {
      source: cadreRegulations.tenure,
      article: '第四条、第六条',
      text: '党政领导职务每个任期为5年；领导干部在同一职位上连续任职达到两个任期，不再推荐、提名或者任命担任同一职务。（条文尚待与官方文本核对）',
    },
  },
  'cadre.term_ending': {
    title: '中层干部任期即将届满',
    kind: 'national',
    severity: 'info',
    clause: {
      source: cadreRegulations.tenure,
      article: '第四条',
      text: '党政领导职务每个任期为5年。（条文尚待与官方文本核对）',
    },
  },
} as const satisfies Record<
  string,
  {
    title: string;
    kind: RuleKind;
    severity: Severity;
    clause: { source: string; article: string; text: string };
  }
>;
/** Identifier of a rule on cadre terms and rotation. */
export type CadreTermRuleId = keyof typeof cadreTermRuleCatalogue;
