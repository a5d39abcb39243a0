/**
 * Findings of 中层干部年度考核: a cadre whose published grade is 不称职, or calls for a 红牌, while a consequence it
 * calls for is not recorded — on the round's org (the 党委), keyed by the cadre's line in the round, until recorded.
 * A 黄牌 alone (基本称职 once) raises none: it is the 组织部's routine follow-up, not a breach.
 */
import { type CadreReviewGrade, cadreReviewGradeLabels } from '../ballots/choices.ts';
import type { CadreReviewRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import {
  type CadreConsequenceKind,
  type CadreConsequenceRule,
  cadreConsequenceKindLabels,
  dueConsequences,
  pendingConsequences,
} from './review.ts';

/** One published low grade with what is recorded (the read's row). */
export interface CadreReviewGradeFact {
  subjectId: number;
  year: number;
  roundTitle: string;
  org: { id: number; name: string };
  personId: number;
  name: string;
  grade: CadreReviewGrade;
  previousGrade: CadreReviewGrade | null;
  rule: CadreConsequenceRule;
  recorded: readonly CadreConsequenceKind[];
}

export function evaluateCadreReviewRules(
  facts: readonly CadreReviewGradeFact[],
): Finding<CadreReviewRuleId>[] {
  return facts.flatMap((f) => {
    const due = dueConsequences(f.rule, f.grade, f.previousGrade);
    if (f.grade !== 'incompetent' && !due.some((d) => d.kind === 'red_card')) return [];
    const pending = pendingConsequences(due, f.recorded);
    if (pending.length === 0) return [];
    return [
      finding(
        'cadre_review.consequence_pending',
        f.org,
        `${f.year}年度中层干部年度考核（${f.roundTitle}）中，${f.name}的等次为${cadreReviewGradeLabels[f.grade]}${
          f.previousGrade === 'basically_competent' && f.grade === 'basically_competent' ? '（连续两年）' : ''
        }，${pending.map((p) => cadreConsequenceKindLabels[p.kind]).join('、')}尚未落实。`,
        `由组织部按考核结果运用规定办理并登记：${pending.map((p) => `${cadreConsequenceKindLabels[p.kind]}（${p.reason}）`).join('；')}。`,
        { subject: `cadre-review-subject-${f.subjectId}`, period: String(f.year), personId: f.personId },
      ),
    ];
  });
}
