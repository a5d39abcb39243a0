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
  type CreateCadreBody,
  completedYears,
  type HeldPost,
  type Page,
  type UpdateCadreBody,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { outOfScope, requirePeopleInScope } from '../../http/scope.ts';
import { listUnits } from '../units/service.ts';
import * as repo from './repo.ts';

type PostRow = Awaited<ReturnType<typeof repo.postRows>>[number];
type CadreRow = NonNullable<Awaited<ReturnType<typeof repo.getCadreRow>>>;

function presentPost(p: PostRow, today: string): CadrePost {
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
  const posts = await repo.postRows(
    db,
    rows.map((r) => r.id),
  );
  const items = rows
    .map((r) =>
      presentItem(
        r,
        posts.filter((p) => p.cadre_id === r.id).map((p) => presentPost(p, today)),
      ),
    )
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
  const posts = (await repo.postRows(db, [id])).map((p) => presentPost(p, today));
  return {
    ...presentItem(row, posts),
    note: row.note,
    orgName: row.org_name,
    posts,
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
 * The cadre file of each of `personIds` who is on the roster: its id and current posts (e.g. for the reserve of
 * young cadres, which shows a candidate's current post). People not on the roster are absent.
 */
export async function cadresOfPeople(
  db: Db | Trx,
  personIds: readonly number[],
  today: string,
): Promise<Map<number, { cadreId: number; currentPosts: CadrePost[] }>> {
  const ids = await repo.cadreIdsOfPeople(db, personIds);
  const posts = await repo.postRows(
    db,
    ids.map((r) => r.id),
  );
  return new Map(
    ids.map((r) => [
      r.person_id,
      {
        cadreId: r.id,
        currentPosts: posts
          .filter((p) => p.cadre_id === r.id && p.end_on === null)
          .map((p) => presentPost(p, today)),
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
