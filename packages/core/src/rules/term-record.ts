import type { IsoDate } from '../dates.ts';

/** The dates of a term as they would be after an edit. */
export interface TermRecord {
  startDate: IsoDate;
  plannedEndDate: IsoDate;
  electionRequestedOn: IsoDate | null;
  postponedTo: IsoDate | null;
  postponementApprovedOn: IsoDate | null;
}

/** A problem with one field of a record, in Chinese, naming the field. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Checks the dates recorded on a term (换届请示, 延期换届) before they are stored.
 * - A postponement needs the superior's approval (选举条例 第三条), so it carries an approval date.
 * - Nothing is recorded as having happened after `today`, nor a request before the term began.
 * How long a postponement may be is an alert (term.postponement_too_long), not a refusal: the record
 * must say what the superior actually approved.
 */
export function checkTermRecord(t: TermRecord, today: IsoDate): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (t.plannedEndDate <= t.startDate)
    out.push({ path: 'plannedEndDate', message: '届满日期：必须晚于开始日期' });
  if (t.electionRequestedOn) {
    if (t.electionRequestedOn > today)
      out.push({ path: 'electionRequestedOn', message: '换届请示报送日期：不能晚于今天' });
    if (t.electionRequestedOn < t.startDate)
      out.push({ path: 'electionRequestedOn', message: '换届请示报送日期：不能早于本届开始日期' });
  }
  if (t.postponedTo) {
    if (t.postponedTo <= t.plannedEndDate)
      out.push({ path: 'postponedTo', message: '延期至：必须晚于原定届满日期' });
    if (!t.postponementApprovedOn)
      out.push({
        path: 'postponementApprovedOn',
        message: '延期批准日期：延期换届须经上级党组织批准，请填写批准日期',
      });
  } else if (t.postponementApprovedOn) {
    out.push({ path: 'postponedTo', message: '延期至：请填写延期后的届满日期' });
  }
  if (t.postponementApprovedOn && t.postponementApprovedOn > today)
    out.push({ path: 'postponementApprovedOn', message: '延期批准日期：不能晚于今天' });
  return out;
}

/**
 * Checks a new term (换届) against the org's earlier terms: its number follows the highest one and it
 * starts after the latest one began (the previous term then ends the day before). Terms are
 * numbered in order (第N届) and never overlap (任期意见).
 */
export function checkNewTerm(
  next: { number: number; startDate: IsoDate },
  earlier: readonly { number: number; startDate: IsoDate }[],
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const maxNumber = Math.max(0, ...earlier.map((t) => t.number));
  if (next.number <= maxNumber) out.push({ path: 'number', message: `届次：应大于已有的第${maxNumber}届` });
  const latestStart = earlier.reduce<IsoDate | null>(
    (a, t) => (a === null || t.startDate > a ? t.startDate : a),
    null,
  );
  if (latestStart !== null && next.startDate <= latestStart)
    out.push({ path: 'startDate', message: `开始日期：应晚于上一届的开始日期 ${latestStart}` });
  return out;
}
