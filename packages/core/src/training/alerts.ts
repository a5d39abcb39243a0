/**
 * The findings of training (监测预警): a person under the year's requirement near its end, a new secretary not
 * trained 6 months after taking office. Pure: facts in, findings out.
 */
import type { IsoDate } from '../dates.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { TrainingRuleId } from './catalogue.ts';
import { type TrainingClass, trainingClassLabels } from './dictionaries.ts';
import {
  isNewSecretaryTrained,
  newSecretaryTrainingDue,
  seniorCadreStanding,
  trainingStanding,
  trainingWindowOf,
} from './rules.ts';
import type { TrainingSettings } from './settings.ts';

/** What the training rules read of one person in the year. */
export interface TrainingPersonFacts {
  personId: number;
  name: string;
  /** Their branch (or 党小组), where the reminder goes. */
  org: { id: number; name: string };
  classes: readonly TrainingClass[];
  /** Hours counted this year so far. */
  hours: number;
  /** For a 县处级 cadre: hours counted over the 5 calendar years ending with this one (so far). */
  windowHours?: number;
}

/** A secretary who took office for the first time, and the training they had since. */
export interface NewSecretaryFacts {
  personId: number;
  name: string;
  /** The org whose secretary they became. */
  org: { id: number; name: string };
  since: IsoDate;
  /** Last days of their courses and external trainings. */
  trainedOn: readonly IsoDate[];
}

/**
 * The findings on `today`: from the reminder month on, each person under the year's binding requirement (on their
 * branch, per person and year — a reminder, never a ranking), and a 县处级 cadre under 550 over the 5 calendar years
 * ending with the year (its own finding; their yearly 90 stays); and a new secretary untrained 6 months after taking
 * office (on the org they lead, until trained).
 */
export function evaluateTrainingRules(
  people: readonly TrainingPersonFacts[],
  secretaries: readonly NewSecretaryFacts[],
  today: IsoDate,
  settings: Pick<TrainingSettings, 'reminderFromMonth'>,
): Finding<TrainingRuleId>[] {
  const out: Finding<TrainingRuleId>[] = [];
  const year = today.slice(0, 4);
  if (Number(today.slice(5, 7)) >= settings.reminderFromMonth)
    for (const p of people) {
      const w = seniorCadreStanding(p.classes, p.windowHours ?? 0);
      if (w && !w.met) {
        const win = trainingWindowOf(w.required.years, Number(year));
        out.push(
          finding(
            'training.senior_cadre_hours_short',
            p.org,
            `${p.name}（${trainingClassLabels.senior_cadre}）${win.fromYear}—${win.toYear}年累计已计学时 ${w.hours}，要求 5 年不少于 ${w.required.hours} 学时，还差 ${w.short} 学时。`,
            '请安排参加组织调训（培训班、上级组织的集中培训），或补录外部培训及证书。',
            { personId: p.personId, period: year, dueDate: `${year}-12-31` },
          ),
        );
      }
      const s = trainingStanding(p.classes, p.hours);
      if (s.met || !s.required) continue;
      const rule =
        s.required.trainingClass === 'member'
          ? 'training.member_hours_short'
          : s.required.trainingClass === 'org_leader'
            ? 'training.leader_hours_short'
            : 'training.cadre_hours_short';
      out.push(
        finding(
          rule,
          p.org,
          `${p.name}（${trainingClassLabels[s.required.trainingClass]}）${year}年已计学时 ${p.hours}，要求不少于 ${s.required.hours} 学时，还差 ${s.short} 学时。`,
          '请在年底前安排参加培训班、党课等集中学习，或补录外部培训及证书。',
          { personId: p.personId, period: year, dueDate: `${year}-12-31` },
        ),
      );
    }
  for (const s of secretaries) {
    const due = newSecretaryTrainingDue(s.since);
    if (today <= due || isNewSecretaryTrained(s.since, s.trainedOn)) continue;
    out.push(
      finding(
        'training.new_secretary_untrained',
        s.org,
        `${s.name}于 ${s.since} 任${s.org.name}书记，任职满6个月（${due}）仍未参加集中培训。`,
        '请尽快安排其参加新任书记培训班或上级组织的集中培训，并录入培训记录。',
        { personId: s.personId, dueDate: due, subject: `new-secretary-${s.since}` },
      ),
    );
  }
  return out;
}
