/**
 * Training (培训, issue 18 items 6–7): courses an org organises with their attendance, external training with its
 * certificate, and each person's 学时 of a period from three sources read where they are recorded — courses
 * attended (core `courseHoursCounted`: absence ≤ 1/7), external training proven by a certificate, and attended
 * 组织生活 (党课, 主题党日 with a study part) through the activities module's service by the school's conversion —
 * so nothing is entered twice. Other modules (the cadres' appointment rules) read `trainingHoursOf`.
 */
import {
  courseHoursCounted,
  courseHoursRefusal,
  type IsoDate,
  lifeRecordHours,
  type TrainingHourItem,
  type TrainingHourSource,
  tallyTrainingHours,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import { attendedRecords } from '../activities/service.ts';
import { getTrainingSettings } from '../settings/service.ts';
import * as repo from './repo.ts';

/** Where an hour of a person came from: the record, its organiser, and whether (and why not) it counts. */
export interface TrainingHourSourceItem extends TrainingHourItem {
  /** The organiser: the org of a course or a 组织生活 record, the issuing body of external training. */
  organiser: string;
  /** Counted (its hours are in the total), or the reason it is not (absence over 1/7, no certificate). */
  counted: boolean;
  note: string | null;
}

/** A person's 学时 in a period: the total, the subtotal of each source, and every record (counted or not). */
export interface PersonTrainingHours {
  personId: number;
  total: number;
  bySource: Record<TrainingHourSource, number>;
  items: TrainingHourSourceItem[];
}

/**
 * Each person's 学时 on days from `from` to `to` (a course and external training by their last day, 组织生活 by its
 * day), with their sources. Every person asked for has an entry (0 when nothing counted). Scope is the caller's.
 */
export async function trainingHoursOf(
  db: Db | Trx,
  q: { personIds: readonly number[]; from: IsoDate; to: IsoDate },
): Promise<Map<number, PersonTrainingHours>> {
  const ids = [...new Set(q.personIds)];
  const [settings, courses, external, life] = await Promise.all([
    getTrainingSettings(db),
    repo.courseHourRows(db, ids, q.from, q.to),
    repo.externalHourRows(db, ids, q.from, q.to),
    attendedRecords(db, { personIds: ids, kinds: ['lecture', 'theme_day'], from: q.from, to: q.to }),
  ]);
  const items = new Map<number, TrainingHourSourceItem[]>(ids.map((id) => [id, []]));
  const push = (personId: number, item: TrainingHourSourceItem) => items.get(personId)?.push(item);
  for (const c of courses) {
    const attendance = { status: c.status, absentHours: c.absent_hours };
    const hours = courseHoursCounted(c.hours, attendance);
    push(c.person_id, {
      source: 'course',
      recordId: c.id,
      title: c.title,
      onDate: c.ends_on,
      hours,
      organiser: c.org_name,
      counted: hours > 0,
      note: courseHoursRefusal(c.hours, attendance),
    });
  }
  for (const e of external) {
    const proven = e.certificate_no !== null || e.file_name !== null;
    push(e.person_id, {
      source: 'external',
      recordId: e.id,
      title: e.title,
      onDate: e.ends_on,
      hours: proven ? e.hours : 0,
      organiser: e.organiser,
      counted: proven,
      note: proven
        ? e.certificate_no !== null
          ? `证书编号 ${e.certificate_no}`
          : '证书已上传'
        : `待补证书（${e.hours} 学时在证书录入后计入）`,
    });
  }
  for (const r of life) {
    if (r.kind !== 'lecture' && r.kind !== 'theme_day') continue;
    const hours = lifeRecordHours({ kind: r.kind, segmentNames: r.segmentNames }, settings);
    if (hours === 0) continue;
    push(r.personId, {
      source: r.kind,
      recordId: r.activityId,
      title: r.title,
      onDate: r.onDate,
      hours,
      organiser: r.orgName,
      counted: true,
      note: r.kind === 'lecture' ? `1 次党课计 ${hours} 学时` : `主题党日学习环节计 ${hours} 学时`,
    });
  }
  const out = new Map<number, PersonTrainingHours>();
  for (const [personId, list] of items) {
    list.sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0));
    const { total, bySource } = tallyTrainingHours(list.filter((i) => i.counted));
    out.set(personId, { personId, total, bySource, items: list });
  }
  return out;
}
