/**
 * 待办: each module that leaves work waiting for people registers an inbox provider (what waits for this
 * actor, computed from its records); GET /api/inbox merges them. Nothing is stored: a 待办 disappears when
 * the record that settles it is entered.
 */
import { type InboxItem, type IsoDate, inboxKindLabels } from '@dangjian/core';
import type { Actor, Db } from './context.ts';

/**
 * The orgs whose own work falls to the actor: the orgs their roles are granted on (the 党委 for a role over the
 * whole college) and the 党小组 of those that are branches. Work of the orgs below belongs to their secretaries.
 */
export async function ownOrgIds(db: Db, actor: Actor): Promise<number[]> {
  if (actor.scope.kind === 'self') return [];
  const roots =
    actor.scope.kind === 'all'
      ? (
          await db
            .selectFrom('org')
            .select('id')
            .where('parent_id', 'is', null)
            .where('archived_at', 'is', null)
            .execute()
        ).map((r) => r.id)
      : actor.scope.orgIds;
  if (roots.length === 0) return [];
  const rows = await db
    .selectFrom('org')
    .select('id')
    .where((eb) =>
      eb.or([eb('id', 'in', roots), eb.and([eb('parent_id', 'in', roots), eb('type', '=', 'group')])]),
    )
    .where('archived_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export interface InboxProvider {
  id: string;
  /**
   * The items waiting for `actor` on `today`; `ownOrgs` are the orgs whose own work falls to them (`ownOrgIds`,
   * computed once per request). The provider checks the actor's permissions.
   */
  items(db: Db, actor: Actor, today: IsoDate, ownOrgs: readonly number[]): Promise<InboxItem[]>;
}

const providers = new Map<string, InboxProvider>();

/** Registers providers (app.ts, once; idempotent by id). */
export function registerInboxProviders(list: readonly InboxProvider[]): void {
  for (const p of list) providers.set(p.id, p);
}

/** Everything waiting for the actor: overdue first, then by due date (undated last). */
export async function inboxOf(db: Db, actor: Actor, today: IsoDate) {
  const own = await ownOrgIds(db, actor);
  const lists = await Promise.all([...providers.values()].map((p) => p.items(db, actor, today, own)));
  const items = lists
    .flat()
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
        a.title.localeCompare(b.title, 'zh-CN'),
    );
  const counts = new Map<InboxItem['kind'], number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  return {
    items,
    total: items.length,
    byKind: [...counts.entries()].map(([kind, count]) => ({ kind, label: inboxKindLabels[kind], count })),
    today,
  };
}
