import type { MemberEventKind } from '@dangjian/core';
import type { Actor, Trx } from '../../http/context.ts';
import { insertPersonEvents } from './repo.ts';

/** One entry on a member's timeline, written in the transaction of the change it records. */
export interface MemberEventInput {
  personId: number;
  kind: MemberEventKind;
  /** The calendar day the event happened (may be earlier than today, e.g. a backdated transfer). */
  on: string;
  summary: string;
  details?: unknown;
}

/** Appends events to members' timelines (bulk for imports). */
export async function recordMemberEvents(
  trx: Trx,
  actor: Pick<Actor, 'userId' | 'username'> | null,
  events: readonly MemberEventInput[],
): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await insertPersonEvents(
      trx,
      events.slice(i, i + 1000).map((e) => ({
        person_id: e.personId,
        kind: e.kind,
        on_date: e.on,
        actor_id: actor?.userId ?? null,
        actor_name: actor?.username ?? null,
        summary: e.summary,
        details: e.details === undefined ? null : JSON.stringify(e.details),
      })),
    );
  }
}
