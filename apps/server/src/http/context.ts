import type { DataScope, PermissionCode, RoleGrant } from '@dangjian/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The signed-in user behind a request, with what they may do and where. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  personId: number | null;
  mustChangePassword: boolean;
  grants: (RoleGrant & { orgName: string | null })[];
  permissions: ReadonlySet<PermissionCode>;
  scope: ResolvedScope;
  sessionId: string;
  csrfToken: string;
  /**
   * Acting for a named person who has no account (the demo college's secretaries other than its demo accounts):
   * rows then keep the person's name and no account id, rather than the id of the account that stands in.
   */
  accountless?: true;
}

/** The account a write is recorded under: none for an accountless actor. */
export function accountIdOf(actor: Actor): number | null {
  return actor.accountless ? null : actor.userId;
}

/** A data scope with the materialised paths of its subtree roots resolved. */
export type ResolvedScope =
  | { kind: 'all' }
  | { kind: 'subtrees'; orgIds: number[]; paths: string[] }
  | { kind: 'self'; personId: number | null };

/** Public form of a resolved scope. */
export function presentScope(scope: ResolvedScope): DataScope {
  if (scope.kind === 'subtrees') return { kind: 'subtrees', orgIds: scope.orgIds };
  return { kind: scope.kind };
}

/** What a service writes into the audit entry of the use case it runs. */
export interface AuditChange {
  targetType?: string;
  targetId?: string | number;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;

/** Services receive the clock rather than reading it, so tests can fix "today". */
export interface Clock {
  now(): Date;
  /** Today in the college's time zone (Asia/Shanghai) as 'YYYY-MM-DD'. */
  today(): string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Permission code the route requires; every route declares this or `public`. */
    permission?: PermissionCode;
    /** Route needs no session (login, setup, health). */
    public?: boolean;
    /** Route needs a session but no particular permission (me, logout, own password). */
    authenticated?: boolean;
    /** Audit action written for a state-changing route, e.g. 'org.create'. */
    audit?: string;
    /** Reachable while the user must still change a generated password. */
    allowPendingPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
