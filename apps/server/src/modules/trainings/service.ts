/**
 * Training (培训, issue 18 items 6–7): courses an org organises with their attendance, external training with its
 * certificate, and each person's 学时 of a period from three sources read where they are recorded — courses
 * attended (core `courseHoursCounted`: absence ≤ 1/7), external training proven by a certificate, and attended
 * 组织生活 (党课, 主题党日 with a study part) through the activities module's service by the school's conversion —
 * so nothing is entered twice. Other modules (the cadres' appointment rules) read `trainingHoursOf`.
 */
import { createHash } from 'node:crypto';
import {
  AppError,
  type CreateExternalTrainingBody,
  type CreateTrainingBody,
  courseHoursCounted,
  courseHoursRefusal,
  type ExternalTraining,
  type IsoDate,
  lifeRecordHours,
  type Page,
  type PersonTrainingHours as PersonTrainingHoursView,
  type PostCode,
  partyWorkIncentive,
  postLabels,
  seniorCadreStanding,
  type TrainingAttendanceBody,
  type TrainingClass,
  type TrainingDetail,
  type TrainingHourItem,
  type TrainingHourSource,
  type TrainingHoursQuery,
  type TrainingHoursRow,
  type TrainingIncentiveRow,
  type TrainingItem,
  type TrainingListQuery,
  tallyTrainingHours,
  teamPosts,
  trainingFieldLabels,
  trainingRequirements,
  trainingStanding,
  trainingWindowOf,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { acceptUpload, type FileKind, servedType } from '../../http/file-type.ts';
import {
  isPathInScope,
  outOfScope,
  pathInScope,
  requireOrgsInScope,
  requirePeopleInScope,
  subtreePathInScope,
} from '../../http/scope.ts';
import { attendedRecords } from '../activities/service.ts';
import { cadreClassesOf } from '../cadres/service.ts';
import { type PostHeld, postsHeldBetween } from '../org/service.ts';
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

// Courses

const notFound = () => new AppError('NOT_FOUND', '该培训班不存在');
const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });

function presentCourse(r: repo.CourseListRow | repo.CourseRow): TrainingItem {
  return {
    id: r.id,
    org: { id: r.org_id, name: r.org_name },
    title: r.title,
    targetGroup: r.target_group,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    hours: Number(r.hours),
    place: r.place,
    enrolled: r.counts.enrolled,
    present: r.counts.present,
    absent: r.counts.absent,
  };
}

/** GET /api/trainings: courses organised by orgs in the actor's scope, newest first. */
export async function listCourses(db: Db, actor: Actor, q: TrainingListQuery): Promise<Page<TrainingItem>> {
  const { rows, total } = await repo.coursePage(
    db,
    {
      inScope: (c) => pathInScope(actor.scope, c),
      subtreePath: q.orgId ? await subtreePathInScope(db, actor, q.orgId) : undefined,
      year: q.year,
      targetGroup: q.targetGroup,
      q: q.q || undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: rows.map(presentCourse), total, page: q.page, pageSize: q.pageSize };
}

async function loadCourse(db: Db | Trx, actor: Actor, id: number): Promise<repo.CourseRow> {
  const r = await repo.findCourse(db, id);
  if (!r || !isPathInScope(actor.scope, r.path)) throw notFound();
  return r;
}

/** GET /api/trainings/{id}: a course with its attendance (each person's counted hours and why not). */
export async function getCourse(db: Db | Trx, actor: Actor, id: number): Promise<TrainingDetail> {
  const r = await loadCourse(db, actor, id);
  const hours = Number(r.hours);
  const attendees = await repo.attendeesOf(db, id);
  return {
    ...presentCourse(r),
    content: r.content,
    version: r.version,
    attendees: attendees.map((a) => {
      const attendance = { status: a.status, absentHours: a.absent_hours };
      return {
        personId: a.person_id,
        name: a.name,
        orgName: a.org_name,
        status: a.status,
        absentHours: a.absent_hours,
        countedHours: courseHoursCounted(hours, attendance),
        refusal: courseHoursRefusal(hours, attendance),
        signedInAt: a.signed_in_at ? a.signed_in_at.toISOString() : null,
        note: a.note,
      };
    }),
    abilities: { edit: actor.permissions.has('training:course:manage') },
  };
}

/** POST /api/trainings: a course organised by an org in scope, with the people enrolled (in scope too). */
export async function createCourse(
  trx: Trx,
  actor: Actor,
  body: CreateTrainingBody,
  now: Date,
  change: AuditChange,
): Promise<number> {
  await requireOrgsInScope(trx, actor, [body.orgId], 'orgId', trainingFieldLabels.orgId);
  await requirePeopleInScope(trx, actor, body.personIds, 'personIds', trainingFieldLabels.personIds);
  const id = await repo.insertCourse(trx, {
    org_id: body.orgId,
    title: body.title,
    target_group: body.targetGroup,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    hours: body.hours,
    place: body.place,
    content: body.content,
    created_by: actor.userId,
    updated_at: now,
  });
  await repo.enrol(trx, id, body.personIds);
  Object.assign(change, {
    targetType: 'training_course',
    targetId: id,
    summary: `举办培训班：${body.title}（${body.hours} 学时，${body.personIds.length} 人）`,
    after: body,
  });
  return id;
}

async function lockForChange(trx: Trx, actor: Actor, id: number): Promise<repo.CourseRow> {
  if (!(await repo.lockCourse(trx, id))) throw notFound();
  return loadCourse(trx, actor, id);
}

/** POST /api/trainings/{id}/attendees: more people enrolled (in scope). */
export async function enrolPeople(
  trx: Trx,
  actor: Actor,
  id: number,
  personIds: readonly number[],
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await lockForChange(trx, actor, id);
  await requirePeopleInScope(trx, actor, personIds, 'personIds', trainingFieldLabels.personIds);
  const added = await repo.enrol(trx, id, personIds);
  await repo.bumpCourse(trx, id, now);
  Object.assign(change, {
    targetType: 'training_course',
    targetId: id,
    summary: `培训班增加参训人员：${r.title}（${added.length} 人）`,
    after: { personIds: added },
  });
}

/**
 * POST /api/trainings/{id}/attendance: one person's sign-in with the hours missed, or absence. Not before the
 * course starts; the hours missed no more than the course's.
 */
export async function markAttendance(
  trx: Trx,
  actor: Actor,
  id: number,
  body: TrainingAttendanceBody,
  today: IsoDate,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const r = await lockForChange(trx, actor, id);
  if (today < r.starts_on)
    throw fieldError('status', `出勤：培训班 ${r.starts_on} 开始，开始后才能登记签到或缺勤`);
  if (body.absentHours > Number(r.hours))
    throw fieldError('absentHours', `缺课学时：不能超过培训班的 ${Number(r.hours)} 学时`);
  const before = await repo.markAttendance(trx, id, body.personId, {
    status: body.status,
    absent_hours: body.absentHours,
    note: body.note,
    marked_by: actor.userId,
    signed_in_at: body.status === 'present' ? now : null,
  });
  if (!before) throw outOfScope('personId', '参训人员');
  await repo.bumpCourse(trx, id, now);
  const counted = courseHoursCounted(Number(r.hours), { status: body.status, absentHours: body.absentHours });
  Object.assign(change, {
    targetType: 'training_course',
    targetId: id,
    summary: `登记培训出勤：${r.title}（人员 ${body.personId}，${body.status === 'present' ? `签到，缺课 ${body.absentHours} 学时，计 ${counted} 学时` : '缺席'}）`,
    before: { status: before.status, absentHours: Number(before.absent_hours) },
    after: { status: body.status, absentHours: body.absentHours },
  });
}

// External training

/** What a certificate file may be: a scan or photo, or a PDF. */
const certificateKinds: readonly FileKind[] = ['pdf', 'png', 'jpeg'];

function presentExternal(e: repo.ExternalRow): ExternalTraining {
  return {
    id: e.id,
    personId: e.person_id,
    name: e.name,
    title: e.title,
    organiser: e.organiser,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    hours: e.hours,
    certificateNo: e.certificate_no,
    fileName: e.file_name,
    proven: e.certificate_no !== null || e.file_name !== null,
    note: e.note,
  };
}

async function loadExternal(db: Db | Trx, actor: Actor, id: number): Promise<repo.ExternalRow> {
  const e = await repo.findExternal(db, id);
  if (!e?.path || !isPathInScope(actor.scope, e.path))
    throw new AppError('NOT_FOUND', '该外部培训记录不存在');
  return e;
}

/** GET /api/external-trainings/{id}. */
export async function getExternal(db: Db | Trx, actor: Actor, id: number): Promise<ExternalTraining> {
  return presentExternal(await loadExternal(db, actor, id));
}

/**
 * POST /api/external-trainings: training a person in scope took elsewhere. The same training (title and first
 * day) is never entered twice for a person; without a certificate number its hours count once a file is uploaded.
 */
export async function createExternal(
  trx: Trx,
  actor: Actor,
  body: CreateExternalTrainingBody,
  change: AuditChange,
): Promise<number> {
  await requirePeopleInScope(trx, actor, [body.personId], 'personId', trainingFieldLabels.personId);
  if (await repo.sameExternal(trx, body.personId, body.title, body.startsOn))
    throw new AppError(
      'CONFLICT',
      `培训名称：该人员 ${body.startsOn} 开始的“${body.title}”已录入，不能重复录入`,
    );
  const id = await repo.insertExternal(trx, {
    person_id: body.personId,
    title: body.title,
    organiser: body.organiser,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    hours: body.hours,
    certificate_no: body.certificateNo,
    note: body.note,
    created_by: actor.userId,
  });
  Object.assign(change, {
    targetType: 'external_training',
    targetId: id,
    summary: `录入外部培训：${body.title}（${body.hours} 学时${body.certificateNo ? `，证书编号 ${body.certificateNo}` : '，待上传证书'}）`,
    after: body,
  });
  return id;
}

/** POST /api/external-trainings/{id}/certificate: the certificate file, only where no certificate number proves it. */
export async function uploadCertificate(
  trx: Trx,
  actor: Actor,
  id: number,
  fileName: string,
  content: Buffer,
  change: AuditChange,
): Promise<void> {
  const e = await loadExternal(trx, actor, id);
  if (e.certificate_no !== null)
    throw new AppError('CONFLICT', `证书：已有证书编号 ${e.certificate_no} 可查证，不再上传证书文件`);
  const { mime } = acceptUpload(content, fileName, certificateKinds, '证书');
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (
    !(await repo.setExternalFile(trx, id, {
      file_name: fileName,
      mime_type: mime,
      size: content.length,
      sha256,
      content,
    }))
  )
    throw new AppError('CONFLICT', '证书：已上传过证书文件');
  Object.assign(change, {
    targetType: 'external_training',
    targetId: id,
    summary: `上传外部培训证书：${e.title}（${fileName}）`,
    after: { fileName, sha256, size: content.length },
  });
}

/** GET /api/external-trainings/{id}/certificate: the file, typed again from its bytes. */
export async function getCertificate(db: Db, actor: Actor, id: number) {
  await loadExternal(db, actor, id);
  const f = await repo.externalFile(db, id);
  if (!f?.content) throw new AppError('NOT_FOUND', '该证书文件不存在');
  const fileName = f.file_name ?? 'certificate';
  return { fileName, content: f.content, type: servedType(f.content, fileName, certificateKinds) };
}

// Hours per person

/** Posts that make a person a 基层党组织书记 or 班子成员 (teams of the 党委, 党总支 and branches). */
const leaderPosts: readonly PostCode[] = teamPosts;

/**
 * The classes of the given roster people in `year`: every one a member; those on a team in the year org leaders;
 * those holding a 中层 post in the year (the cadre roster, through the cadres module's service) cadres (90 a
 * year), and those whose post the school marks 县处级 also 县处级 (550 in 5 years, a window the yearly hours do
 * not measure: the yearly requirement of such a person stays the cadre's 90).
 */
export async function classesOf(
  db: Db | Trx,
  personIds: readonly number[],
  year: number,
): Promise<Map<number, TrainingClass[]>> {
  const posts = await postsHeldBetween(db, {
    personIds,
    posts: leaderPosts,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  const leaders = new Set(posts.filter((p) => p.org.type !== 'group').map((p) => p.personId));
  const cadres = await cadreClassesOf(db, personIds, year);
  return new Map(
    personIds.map((id) => {
      const classes: TrainingClass[] = ['member'];
      if (leaders.has(id)) classes.push('org_leader');
      const cadre = cadres.get(id);
      if (cadre) classes.push('cadre');
      if (cadre?.senior) classes.push('senior_cadre');
      return [id, classes];
    }),
  );
}

/** The note every hours answer carries: where the classes come from and what the yearly figures do not measure. */
export const cadreClassesNote =
  '中层干部按干部名册计（每年不少于 90 学时）；职务为县处级的干部另计所查年度及此前 4 个自然年共 5 年的累计学时（不少于 550 学时，“近5年”一栏），年度仍按 90 学时要求。';

/**
 * The hours of each 县处级 cadre among `classes` over the 5 calendar years ending with `year` (up to `to`, the
 * year's end or today), read by `trainingHoursOf` from the same sources as the yearly figures.
 */
export async function seniorWindowHours(
  db: Db | Trx,
  classes: ReadonlyMap<number, readonly TrainingClass[]>,
  year: number,
  to?: IsoDate,
): Promise<Map<number, number>> {
  const ids = [...classes].filter(([, c]) => c.includes('senior_cadre')).map(([id]) => id);
  if (ids.length === 0) return new Map();
  const w = trainingWindowOf(trainingRequirements.senior_cadre.years, year);
  const hours = await trainingHoursOf(db, { personIds: ids, from: w.from, to: to ?? w.to });
  return new Map(ids.map((id) => [id, hours.get(id)?.total ?? 0]));
}

function hoursRow(
  p: repo.RosterRow,
  classes: TrainingClass[],
  h: PersonTrainingHours | undefined,
  year: number,
  windowHours: number | undefined,
): TrainingHoursRow {
  const total = h?.total ?? 0;
  const standing = trainingStanding(classes, total);
  const senior = seniorCadreStanding(classes, windowHours ?? 0);
  const w = senior && trainingWindowOf(senior.required.years, year);
  return {
    personId: p.id,
    name: p.name,
    org: { id: p.org_id!, name: p.org_name },
    classes,
    total,
    bySource: h?.bySource ?? { course: 0, external: 0, lecture: 0, theme_day: 0 },
    required: standing.required?.hours ?? null,
    requiredClass: standing.required?.trainingClass ?? null,
    short: standing.short,
    window:
      senior && w
        ? {
            fromYear: w.fromYear,
            toYear: w.toYear,
            hours: senior.hours,
            required: senior.required.hours,
            short: senior.short,
          }
        : null,
  };
}

/** Every roster person of the query's scope with their year's hours and standing (filtered, not paged). */
export async function hoursRows(
  db: Db,
  actor: Actor,
  q: Omit<TrainingHoursQuery, 'page' | 'pageSize' | 'format'>,
  today: IsoDate,
): Promise<{ year: number; rows: TrainingHoursRow[] }> {
  const year = q.year ?? Number(today.slice(0, 4));
  const people = await repo.rosterPeople(db, {
    inScope: (c) => pathInScope(actor.scope, c),
    subtreePath: q.orgId ? await subtreePathInScope(db, actor, q.orgId) : undefined,
    q: q.q || undefined,
  });
  const ids = people.map((p) => p.id);
  const [classes, hours] = await Promise.all([
    classesOf(db, ids, year),
    trainingHoursOf(db, { personIds: ids, from: `${year}-01-01`, to: `${year}-12-31` }),
  ]);
  const windows = await seniorWindowHours(db, classes, year);
  let rows = people.map((p) =>
    hoursRow(p, classes.get(p.id) ?? ['member'], hours.get(p.id), year, windows.get(p.id)),
  );
  if (q.trainingClass) rows = rows.filter((r) => r.classes.includes(q.trainingClass!));
  if (q.deficit) rows = rows.filter((r) => r.short > 0 || (r.window?.short ?? 0) > 0);
  return { year, rows };
}

/** GET /api/training-hours: a page of people with their year's hours (the branch order of the roster, never a ranking). */
export async function listHours(db: Db, actor: Actor, q: TrainingHoursQuery, today: IsoDate) {
  const { year, rows } = await hoursRows(db, actor, q, today);
  const start = (q.page - 1) * q.pageSize;
  return {
    year,
    items: rows.slice(start, start + q.pageSize),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
    note: cadreClassesNote,
  };
}

/** One roster person's year: the row, its clause, and where each hour came from. */
async function personYear(db: Db, p: repo.RosterRow, year: number): Promise<PersonTrainingHoursView> {
  const [classes, hours] = await Promise.all([
    classesOf(db, [p.id], year),
    trainingHoursOf(db, { personIds: [p.id], from: `${year}-01-01`, to: `${year}-12-31` }),
  ]);
  const cls = classes.get(p.id) ?? ['member'];
  const h = hours.get(p.id);
  const windows = await seniorWindowHours(db, classes, year);
  const row = hoursRow(p, cls, h, year, windows.get(p.id));
  return {
    ...row,
    year,
    clause: trainingStanding(cls, row.total).required?.clause ?? null,
    items: h?.items ?? [],
  };
}

/** GET /api/training-hours/{personId}: a person in scope. */
export async function getPersonHours(db: Db, actor: Actor, personId: number, year: number) {
  const [p] = await repo.rosterPeople(db, {
    inScope: (c) => pathInScope(actor.scope, c),
    personIds: [personId],
  });
  if (!p) throw new AppError('NOT_FOUND', '该党员不存在');
  return personYear(db, p, year);
}

/** GET /api/me/training-hours: the signed-in member's own year (我的学时). */
export async function getMyHours(db: Db, actor: Actor, year: number) {
  if (actor.personId === null) throw new AppError('NOT_FOUND', '您的账号未关联党员信息');
  const [p] = await repo.rosterPeople(db, {
    inScope: () => pathInScope({ kind: 'all' }, 'o.path'),
    personIds: [actor.personId],
  });
  if (!p) throw new AppError('NOT_FOUND', '您不在党员名册中');
  return personYear(db, p, year);
}

// Party-work incentives

/** The posts the incentives read: team posts and 党小组长. */
const incentivePostCodes: readonly PostCode[] = [...teamPosts, 'group_leader'];

/**
 * GET /api/training-incentives: per person holding a 支部书记 / 委员 / 党小组长 post in the year (in scope), the 服务
 * 工作量 and, for a 双带头人 支部书记, the 课时减免 (settings' defaults 10 and 60).
 */
export async function listIncentives(
  db: Db,
  actor: Actor,
  q: { year?: number | undefined; orgId?: number | undefined },
  today: IsoDate,
): Promise<{ year: number; items: TrainingIncentiveRow[] }> {
  const year = q.year ?? Number(today.slice(0, 4));
  const subtree = q.orgId ? await subtreePathInScope(db, actor, q.orgId) : undefined;
  const [settings, posts] = await Promise.all([
    getTrainingSettings(db),
    postsHeldBetween(db, { posts: incentivePostCodes, from: `${year}-01-01`, to: `${year}-12-31` }),
  ]);
  const inScope = posts.filter(
    (p) => isPathInScope(actor.scope, p.org.path) && (!subtree || p.org.path.startsWith(subtree)),
  );
  const byPerson = new Map<number, PostHeld[]>();
  for (const p of inScope) byPerson.set(p.personId, [...(byPerson.get(p.personId) ?? []), p]);
  const people = new Map(
    (
      await repo.rosterPeople(db, {
        inScope: () => pathInScope({ kind: 'all' }, 'o.path'),
        personIds: [...byPerson.keys()],
      })
    ).map((p) => [p.id, p]),
  );
  const items: TrainingIncentiveRow[] = [];
  for (const [personId, held] of byPerson) {
    const person = people.get(personId);
    const isDualLeader = person?.is_dual_leader ?? false;
    const r = partyWorkIncentive(
      held.map((h) => ({ post: h.post, orgType: h.org.type })),
      isDualLeader,
      settings,
    );
    if (r.post === null) continue;
    items.push({
      personId,
      name: held[0]!.personName,
      unitName: person?.unit_name ?? null,
      posts: [...new Set(held.map((h) => `${h.org.name}${postLabels[h.post]}`))],
      post: r.post,
      workload: r.workload,
      isDualLeader,
      teachingReduction: r.teachingReduction,
    });
  }
  items.sort((a, b) => (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh') || a.personId - b.personId);
  return { year, items };
}
