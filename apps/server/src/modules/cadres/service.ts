/**
 * The 中层干部 roster (issue 18 item 1). Cadre files are read by the 组织部 and 校领导 only (cadre:file:view, both
 * reach the whole school); anyone else gets the answer of a missing route/record. A cadre is a person record,
 * party member or not. Units come from the units module. Answers carry no ID number or phone.
 */
import {
  AppError,
  type CadreDetail,
  type CadreItem,
  type CadreListQuery,
  type CadrePost,
  type CadreRotationBody,
  type CadreTermFacts,
  type CreateCadreBody,
  cadreRotationKindLabels,
  completedYears,
  consecutiveTermsBefore,
  evaluateCadreTermRules,
  type HeldPost,
  type Page,
  type PostFact,
  postStanding,
  reappointmentProblem,
  roleCodes,
  roleDefinitions,
  type TermSettings,
  type UpdateCadreBody,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { outOfScope, requirePeopleInScope } from '../../http/scope.ts';
import { getCadreTermSettings } from '../settings/service.ts';
import { listUnits } from '../units/service.ts';
import * as repo from './repo.ts';

function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

type PostRow = Awaited<ReturnType<typeof repo.postRows>>[number];
type CadreRow = NonNullable<Awaited<ReturnType<typeof repo.getCadreRow>>>;

const factOf = (
  p: Pick<PostRow, 'id' | 'unit_id' | 'title' | 'start_on' | 'term_end_on' | 'end_on'>,
): PostFact => ({
  id: p.id,
  unitId: p.unit_id,
  title: p.title,
  startOn: p.start_on,
  termEndOn: p.term_end_on,
  endOn: p.end_on,
});

/** One cadre's posts as answers carry them, each with its standing against the term and rotation rules. */
function presentPosts(rows: readonly PostRow[], today: string, settings: TermSettings): CadrePost[] {
  const facts = rows.map(factOf);
  return rows.map((p, i) => presentPost(p, today, postStanding(facts, facts[i]!, today, settings)));
}

function presentPost(p: PostRow, today: string, s: ReturnType<typeof postStanding>): CadrePost {
  const until = p.end_on && p.end_on < today ? p.end_on : today;
  return {
    id: p.id,
    unitId: p.unit_id,
    unitName: p.unit_name,
    title: p.title,
    level: p.level,
    track: p.track,
    documentNo: p.document_no,
    startOn: p.start_on,
    probationEndOn: p.probation_end_on,
    termEndOn: p.term_end_on,
    endOn: p.end_on,
    endReason: p.end_reason,
    yearsInPost: Math.max(0, completedYears(p.start_on, until)),
    inProbation: p.end_on === null && p.probation_end_on !== null && today <= p.probation_end_on,
    countyLevel: p.county_level,
    inPostSince: s.inPostSince,
    rotationDueOn: s.rotationDueOn,
    rotation: s.rotation,
    consecutiveTerms: s.consecutiveTerms,
    term: s.term,
  };
}

function presentItem(c: CadreRow, posts: CadrePost[]): CadreItem {
  const currentPosts = posts.filter((p) => p.endOn === null);
  return {
    id: c.id,
    personId: c.person_id,
    name: c.name,
    isMember: c.party_status !== null,
    currentPosts,
    concurrent: currentPosts.length > 1,
    version: c.version,
  };
}

function matches(item: CadreItem, q: CadreListQuery): boolean {
  const posts = item.currentPosts;
  if (q.unitId !== undefined && !posts.some((p) => p.unitId === q.unitId)) return false;
  if (q.level && !posts.some((p) => p.level === q.level)) return false;
  if (q.track && !posts.some((p) => p.track === q.track)) return false;
  if (q.probation !== undefined && posts.some((p) => p.inProbation) !== q.probation) return false;
  if (q.minYearsInPost !== undefined && !posts.some((p) => p.yearsInPost >= q.minYearsInPost!)) return false;
  return true;
}

/** The roster, filtered by the current posts; a few hundred cadres at most, so filtered after reading. */
export async function listCadres(
  db: Db,
  query: CadreListQuery,
  today: string,
): Promise<Page<CadreItem> & { today: string }> {
  const rows = await repo.listCadreRows(db, query.q);
  const [posts, settings] = await Promise.all([
    repo.postRows(
      db,
      rows.map((r) => r.id),
    ),
    getCadreTermSettings(db),
  ]);
  const byCadre = groupBy(posts, (p) => p.cadre_id);
  const items = rows
    .map((r) => presentItem(r, presentPosts(byCadre.get(r.id) ?? [], today, settings)))
    .filter((i) => matches(i, query));
  const start = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(start, start + query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
    today,
  };
}

export async function getCadreDetail(
  db: Db | Trx,
  actor: Actor,
  id: number,
  today: string,
): Promise<CadreDetail> {
  const row = await repo.getCadreRow(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [rows, rotations, settings] = await Promise.all([
    repo.postRows(db, [id]),
    repo.rotationRows(db, id),
    getCadreTermSettings(db),
  ]);
  const posts = presentPosts(rows, today, settings);
  const postName = (postId: number) => {
    const p = posts.find((x) => x.id === postId);
    return p ? `${p.unitName}${p.title}` : '';
  };
  return {
    ...presentItem(row, posts),
    note: row.note,
    orgName: row.org_name,
    posts,
    rotations: rotations.map((r) => ({
      id: r.id,
      kind: r.kind,
      onDate: r.on_date,
      documentNo: r.document_no,
      fromPostId: r.from_post_id,
      fromPost: postName(r.from_post_id),
      toPostId: r.to_post_id,
      toPost: postName(r.to_post_id),
      note: r.note,
    })),
    canManage: actor.permissions.has('cadre:file:manage'),
  };
}

async function requireUnit(db: Db | Trx, unitId: number, field: string): Promise<void> {
  const units = await listUnits(db);
  if (!units.some((u) => u.id === unitId)) throw outOfScope(field, '单位');
}

export async function createCadre(
  trx: Trx,
  actor: Actor,
  body: CreateCadreBody,
  now: Date,
  change: AuditChange,
): Promise<number> {
  await requirePeopleInScope(trx, actor, [body.personId], 'personId', '人员');
  await requireUnit(trx, body.post.unitId, 'post.unitId');
  const id = await repo.insertCadre(trx, body.personId, body.note, now);
  if (!id)
    throw new AppError('CONFLICT', '人员：已在干部名册中', {
      fields: [{ path: 'personId', message: '人员：已在干部名册中' }],
    });
  await repo.insertPost(trx, postValues(id, body.post));
  change.targetType = 'cadre';
  change.targetId = id;
  change.summary = `干部名册增加（${body.post.title}）`;
  change.after = body;
  return id;
}

export async function updateCadre(
  trx: Trx,
  id: number,
  body: UpdateCadreBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const before = await repo.getCadreRow(trx, id);
  if (!before) throw new AppError('NOT_FOUND');
  const values: { note?: string | null; updated_at: Date } = { updated_at: now };
  if (body.note !== undefined) values.note = body.note;
  if (!(await repo.bumpCadre(trx, id, body.version, values)))
    throw new AppError('CONFLICT', '干部档案已被他人修改，请刷新后重试');
  if (body.addPost) {
    await requireUnit(trx, body.addPost.unitId, 'addPost.unitId');
    await refuseReappointment(trx, id, body.addPost, 'addPost.title');
    await repo.insertPost(trx, postValues(id, body.addPost));
  }
  if (
    body.endPost &&
    !(await repo.endPost(trx, id, body.endPost.postId, body.endPost.endOn, body.endPost.reason))
  )
    throw new AppError('VALIDATION_FAILED', '免职：该职务不存在、已免去或免职日期早于任职日期', {
      fields: [{ path: 'endPost.postId', message: '免职：该职务不存在、已免去或免职日期早于任职日期' }],
    });
  change.targetType = 'cadre';
  change.targetId = id;
  change.summary = body.addPost ? `任职：${body.addPost.title}` : body.endPost ? '免去职务' : '修改干部档案';
  change.before = { note: before.note, version: before.version };
  change.after = body;
}

/**
 * A post that continues the same post (unit and title) held on its start or ended the day before is a
 * reappointment (连任): refused once the cadre has served the settings' consecutive terms in it (core
 * `reappointmentProblem`, 党政领导干部职务任期暂行规定).
 */
async function refuseReappointment(
  trx: Trx,
  cadreId: number,
  post: CreateCadreBody['post'],
  field: string,
): Promise<void> {
  const [rows, settings] = await Promise.all([repo.postRows(trx, [cadreId]), getCadreTermSettings(trx)]);
  const problem = reappointmentProblem(consecutiveTermsBefore(rows.map(factOf), post), settings);
  if (problem) throw new AppError('CONFLICT', problem, { fields: [{ path: field, message: problem }] });
}

/**
 * POST /api/cadres/{id}/rotations: a 交流 or 轮岗 in one transaction — the cadre's version checked, the current
 * post ended on the day (its end reason the kind and 文号), the new post started that day, the rotation recorded.
 */
export async function rotateCadre(
  trx: Trx,
  actor: Actor,
  id: number,
  body: CadreRotationBody,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const before = await repo.getCadreRow(trx, id);
  if (!before) throw new AppError('NOT_FOUND');
  if (!(await repo.bumpCadre(trx, id, body.version, { updated_at: now })))
    throw new AppError('CONFLICT', '干部档案已被他人修改，请刷新后重试');
  await requireUnit(trx, body.to.unitId, 'to.unitId');
  const from = (await repo.postRows(trx, [id])).find((p) => p.id === body.fromPostId && p.end_on === null);
  if (!from) throw outOfScope('fromPostId', '原任职务');
  if (from.unit_id === body.to.unitId && from.title.trim() === body.to.title.trim())
    throw new AppError('VALIDATION_FAILED', '新任职务：应与原任职务不同（同一职务连任请用任职）', {
      fields: [{ path: 'to.title', message: '新任职务：应与原任职务不同（同一职务连任请用任职）' }],
    });
  const kind = cadreRotationKindLabels[body.kind];
  const reason = `${kind}${body.documentNo ? `（${body.documentNo}）` : ''}`;
  if (!(await repo.endPost(trx, id, from.id, body.onDate, reason)))
    throw new AppError('VALIDATION_FAILED', '交流轮岗日期：不能早于原任职务的任职日期', {
      fields: [{ path: 'onDate', message: '交流轮岗日期：不能早于原任职务的任职日期' }],
    });
  const toPostId = await repo.insertPost(trx, postValues(id, body.to));
  await repo.insertRotation(trx, {
    cadre_id: id,
    kind: body.kind,
    on_date: body.onDate,
    document_no: body.documentNo,
    from_post_id: from.id,
    to_post_id: toPostId,
    note: body.note,
    actor_id: actor.userId,
  });
  change.targetType = 'cadre';
  change.targetId = id;
  change.summary = `${kind}：${before.name} ${from.unit_name}${from.title} → ${body.to.title}`;
  change.before = { post: { id: from.id, title: from.title, unitId: from.unit_id }, version: before.version };
  change.after = body;
}

/** Every cadre with every post, for the term and rotation findings (the 党委's). */
export async function cadreTermFacts(db: Db | Trx): Promise<CadreTermFacts[]> {
  const rows = await repo.allPostRows(db);
  const byCadre = groupBy(rows, (r) => r.cadre_id);
  return [...byCadre.entries()].map(([cadreId, posts]) => ({
    cadreId,
    personId: posts[0]!.person_id,
    name: posts[0]!.name,
    posts: posts.map((p) => ({ ...factOf(p), unitName: p.unit_name })),
  }));
}

/**
 * The training classes the roster gives the given people in `year`: `cadre` for anyone holding a post at some
 * time in the year, `senior` when one of those posts is marked 县处级.
 */
export async function cadreClassesOf(
  db: Db | Trx,
  personIds: readonly number[],
  year: number,
): Promise<Map<number, { senior: boolean }>> {
  const rows = await repo.postsOfPeopleBetween(db, personIds, `${year}-01-01`, `${year}-12-31`);
  const out = new Map<number, { senior: boolean }>();
  for (const r of rows)
    out.set(r.person_id, { senior: (out.get(r.person_id)?.senior ?? false) || r.county_level });
  return out;
}

/** The accounts that manage cadre files (the 组织部), who hear of the roster's reminders. */
export async function cadreManagers(db: Db | Trx): Promise<number[]> {
  return repo.usersWithRoles(
    db,
    roleCodes.filter((r) =>
      (roleDefinitions[r].permissions as readonly string[]).includes('cadre:file:manage'),
    ),
  );
}

function postValues(cadreId: number, p: CreateCadreBody['post']) {
  return {
    cadre_id: cadreId,
    unit_id: p.unitId,
    title: p.title,
    level: p.level,
    track: p.track,
    document_no: p.documentNo,
    start_on: p.startOn,
    probation_end_on: p.probationEndOn,
    term_end_on: p.termEndOn,
    county_level: p.countyLevel,
  };
}

// Read and written by the cadre-appointments module (选拔任用): the posts a person held, and the post 任职 writes.

/** The cadre record of each of these people who is in the roster. */
export async function cadreIdsOfPeople(
  db: Db | Trx,
  personIds: readonly number[],
): Promise<Map<number, number>> {
  return new Map((await repo.cadreIdsOfPeople(db, personIds)).map((r) => [r.person_id, r.id]));
}

/**
 * The posts a person held (current and past) as the eligibility rules read them. The roster does not say which
 * posts were promotions; a post is read as one (提拔) when it was the person's first or raised 副职 to 正职.
 */
export async function heldPostsOf(db: Db | Trx, personId: number): Promise<HeldPost[]> {
  const cadreId = await repo.cadreIdOfPerson(db, personId);
  if (cadreId === null) return [];
  const rows = [...(await repo.postRows(db, [cadreId]))].sort(
    (a, b) => a.start_on.localeCompare(b.start_on) || a.id - b.id,
  );
  return rows.map((p, i) => ({
    level: p.level,
    startOn: p.start_on,
    endOn: p.end_on,
    promotion: i === 0 || (p.level === 'principal' && rows.slice(0, i).every((q) => q.level === 'deputy')),
  }));
}

/** 任职 of an appointment: the post goes into the roster (the person added to it when not yet a cadre). */
export async function recordAppointedPost(
  trx: Trx,
  personId: number,
  post: CreateCadreBody['post'],
  now: Date,
): Promise<{ cadreId: number; postId: number }> {
  const cadreId =
    (await repo.cadreIdOfPerson(trx, personId)) ?? (await repo.insertCadre(trx, personId, null, now));
  if (!cadreId) throw new AppError('CONFLICT', '干部档案已被他人修改，请刷新后重试');
  await requireUnit(trx, post.unitId, 'unitId');
  const postId = await repo.insertPost(trx, postValues(cadreId, post));
  await repo.touchCadre(trx, cadreId, now);
  return { cadreId, postId };
}

/**
 * 转正 or 免去试任职务 of an appointment's post: 转正 keeps the post with its 试用期 end; 免去 ends it on `endOn` with
 * the reason. False when the post is no longer current in the roster (ended there meanwhile).
 */
export async function settleProbationPost(
  trx: Trx,
  postId: number,
  outcome: { kind: 'confirm'; probationEndOn: string } | { kind: 'dismiss'; endOn: string; reason: string },
  now: Date,
): Promise<boolean> {
  const post = await repo.currentPost(trx, postId);
  if (!post) return false;
  const ok =
    outcome.kind === 'confirm'
      ? await repo.setProbationEnd(trx, postId, outcome.probationEndOn)
      : await repo.endPost(trx, post.cadre_id, postId, outcome.endOn, outcome.reason);
  if (ok) await repo.touchCadre(trx, post.cadre_id, now);
  return ok;
}

/**
 * The term and rotation findings on `today` (core `evaluateCadreTermRules`), filed on the 党委 — the root org,
 * whose findings only the college-wide 组织部 and 校领导 read; a secretary of a 总支 or branch sees none of them.
 */
export async function cadreTermFindings(db: Db | Trx, today: string, orgIds: readonly number[] | null) {
  const roots = (await repo.rootOrgs(db)).filter((o) => orgIds === null || orgIds.includes(o.id));
  const root = roots[0];
  if (!root) return [];
  const [facts, settings] = await Promise.all([cadreTermFacts(db), getCadreTermSettings(db)]);
  return evaluateCadreTermRules(facts, root, today, settings);
}

/**
 * The cadre file of each of `personIds` who is on the roster: its id and current posts (e.g. for the reserve of
 * young cadres, which shows a candidate's current post). People not on the roster are absent.
 */
export async function cadresOfPeople(
  db: Db | Trx,
  personIds: readonly number[],
  today: string,
): Promise<Map<number, { cadreId: number; currentPosts: CadrePost[] }>> {
  const ids = await repo.cadreIdsOfPeople(db, personIds);
  const [posts, settings] = await Promise.all([
    repo.postRows(
      db,
      ids.map((r) => r.id),
    ),
    getCadreTermSettings(db),
  ]);
  const byCadre = groupBy(posts, (p) => p.cadre_id);
  return new Map(
    ids.map((r) => [
      r.person_id,
      {
        cadreId: r.id,
        currentPosts: presentPosts(byCadre.get(r.id) ?? [], today, settings).filter((p) => p.endOn === null),
      },
    ]),
  );
}

/** A cadre and the posts they held on a day (the yearly review reads its cadres through this). */
export interface CadreOnDay {
  cadreId: number;
  personId: number;
  name: string;
  posts: { unitName: string; title: string; level: CadrePost['level'] }[];
}

/** The roster on `day`: every cadre holding at least one post that day (started by it, not ended before it). */
export async function cadresOn(db: Db | Trx, day: string): Promise<CadreOnDay[]> {
  const rows = await repo.listCadreRows(db, undefined);
  const posts = await repo.postRows(
    db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((r) => {
    const held = posts
      .filter((p) => p.cadre_id === r.id && p.start_on <= day && (p.end_on === null || p.end_on >= day))
      .sort((a, b) => (a.level === b.level ? a.id - b.id : a.level === 'principal' ? -1 : 1))
      .map((p) => ({ unitName: p.unit_name, title: p.title, level: p.level }));
    return held.length > 0 ? [{ cadreId: r.id, personId: r.person_id, name: r.name, posts: held }] : [];
  });
}

/** A cadre's name (null when there is none), for pages that only link to the file. */
export async function cadreName(db: Db | Trx, id: number): Promise<string | null> {
  return (await repo.getCadreRow(db, id))?.name ?? null;
}
