import { AppError } from '@dangjian/core';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { ResolvedScope } from './context.ts';

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
