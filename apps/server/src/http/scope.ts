import { AppError } from '@dangjian/core';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor, Db, ResolvedScope, Trx } from './context.ts';

/** True when an org with materialised `path` lies inside the scope. */
export function isPathInScope(scope: ResolvedScope, path: string): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'self') return false;
  return scope.paths.some((p) => path.startsWith(p));
}

/** True when the org is one of the scope's roots (a subtree actor may not move or archive its own root). */
export function isScopeRoot(scope: ResolvedScope, orgId: number): boolean {
  return scope.kind === 'subtrees' && scope.orgIds.includes(orgId);
}

/**
 * Where-clause limiting rows to the scope by an org path column (e.g. 'o.path'). A self scope sees
 * no org rows through this helper.
 */
export function pathInScope(scope: ResolvedScope, column: string): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'self' || scope.paths.length === 0) return sql<SqlBool>`false`;
  const parts = scope.paths.map((p) => sql`${sql.ref(column)} like ${`${escapeLike(p)}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Escapes LIKE wildcards (paths hold only digits and slashes, but keep the helper honest). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Throws NOT_FOUND — the same answer as for a row that does not exist — when out of scope. */
export function assertInScope(scope: ResolvedScope, path: string | null | undefined): void {
  if (!path || !isPathInScope(scope, path)) throw new AppError('NOT_FOUND');
}

/**
 * The answer for an id in a body or query that does not exist or lies outside the caller's scope: the
 * same status, code and message for both, so a probe learns nothing (not even a name).
 */
export function outOfScope(field: string, label: string): AppError {
  const message = `${label}：不存在或不在您的管理范围内`;
  return new AppError('NOT_FOUND', message, { fields: [{ path: field, message }] });
}

/**
 * Every org id named in a request (body or query) must exist and lie in the actor's scope; otherwise
 * NOT_FOUND via `outOfScope`, exactly as for a missing id. Returns the orgs' paths by id.
 */
export async function requireOrgsInScope(
  db: Db | Trx,
  actor: Actor,
  ids: readonly (number | null | undefined)[],
  field: string,
  label: string,
): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('org').select(['id', 'path']).where('id', 'in', wanted).execute();
  const paths = new Map(rows.map((r) => [r.id, r.path]));
  for (const id of wanted) {
    const path = paths.get(id);
    if (path === undefined || !isPathInScope(actor.scope, path)) throw outOfScope(field, label);
  }
  return paths;
}

/**
 * The people among `ids` that exist and are in the actor's scope: by their org (a member, also one who
 * has left) or, for an applicant with no org, the branch of one of their 发展党员 dossiers; a self scope
 * reaches only the user's own person.
 */
export async function peopleInScope(
  db: Db | Trx,
  actor: Actor,
  ids: readonly (number | null | undefined)[],
): Promise<Set<number>> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return new Set();
  const scope = actor.scope;
  const rows = await db
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'o.path'])
    .where('p.id', 'in', wanted)
    .execute();
  if (scope.kind === 'all') return new Set(rows.map((r) => r.id));
  if (scope.kind === 'self') return new Set(rows.filter((r) => r.id === scope.personId).map((r) => r.id));
  const dossiers = await db
    .selectFrom('recruitment as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .select(['r.person_id', 'o.path'])
    .where('r.person_id', 'in', wanted)
    .execute();
  const inScope = (p: string | null) => p !== null && isPathInScope(scope, p);
  return new Set(
    rows
      .filter((r) => inScope(r.path) || dossiers.some((d) => d.person_id === r.id && inScope(d.path)))
      .map((r) => r.id),
  );
}

/** Every person id named in a request must pass `peopleInScope`; otherwise NOT_FOUND via `outOfScope`. */
export async function requirePeopleInScope(
  db: Db | Trx,
  actor: Actor,
  ids: readonly (number | null | undefined)[],
  field: string,
  label: string,
): Promise<void> {
  const wanted = ids.filter((id): id is number => typeof id === 'number');
  const found = await peopleInScope(db, actor, wanted);
  if (wanted.some((id) => !found.has(id))) throw outOfScope(field, label);
}

/** The answer when a value (an ID number) already belongs to someone the caller may not see. */
export const duplicateIdNumberElsewhere = '身份证号：已登记在本校其他人员名下，请联系组织部';

/**
 * The name of the person a duplicate value (an ID number) belongs to, only when the caller may see that
 * person; null means the answer must not name them (use `duplicateIdNumberElsewhere`).
 */
export async function nameIfInScope(
  db: Db | Trx,
  actor: Actor,
  person: { id: number; name: string },
): Promise<string | null> {
  return (await peopleInScope(db, actor, [person.id])).has(person.id) ? person.name : null;
}

/** Materialised path of an org the actor may see (the root of a subtree filter); 404 otherwise. */
export async function subtreePathInScope(db: Db | Trx, actor: Actor, orgId: number): Promise<string> {
  const org = await db.selectFrom('org').select('path').where('id', '=', orgId).executeTakeFirst();
  assertInScope(actor.scope, org?.path);
  return org!.path;
}
