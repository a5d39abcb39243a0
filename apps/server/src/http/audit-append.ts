import type { FindingCause } from '@dangjian/core';
import { sql } from 'kysely';
import { type ChainedFields, entryMac, genesisHash, toJsonValue } from './audit-chain.ts';
import { currentAuditKeyring } from './audit-keyring.ts';
import type { Db, Trx } from './context.ts';
import { noteMarksCauseSql } from './findings-store.ts';

// Appending to the audit chain is a platform mechanism: runWrite, the guard, sign-in, set-up and account
// recovery all append; modules/audit lists, verifies and checkpoints the chain.

/** Key of the advisory lock that serialises appends, so the chain never forks. */
const chainLockKey = 727_001;

/** A new entry, before chaining. */
export type NewAuditEntry = Omit<ChainedFields, 'at'> & { at?: Date };

/** Appends one entry inside `trx`, linked to the previous entry by an HMAC under the audit key; returns its id. */
export async function appendAuditEntry(trx: Trx, entry: NewAuditEntry): Promise<string> {
  return (await append(trx, entry, null)).id;
}

/**
 * runWrite's append: the entry, and in the same statement the write's findings marks (the rows its triggers left in
 * this transaction) name the entry as their cause (`noteMarksCause`); returns the entry's id and the marks' sources.
 */
export async function appendAuditEntryNotingMarks(
  trx: Trx,
  entry: NewAuditEntry,
  cause: Omit<FindingCause, 'auditId'>,
): Promise<{ id: string; markSources: string[] }> {
  return append(trx, entry, cause);
}

/**
 * The hash of the last entry this process appended: the entry the next one most likely follows. Only a guess,
 * made so the next append needs no read of its own: the insert checks it against the chain's real head under the
 * lock, and when another process appended meanwhile (or the transaction of that entry rolled back) the insert
 * does nothing and answers the real head, and the entry is chained to that.
 */
let guessedHead: string | null = null;

/**
 * Chains and inserts one entry under the chain lock. The lock is taken when everything else of the transaction is
 * done, and held until its commit: the next entry is chained to a committed head, so the chain never forks and has
 * no entry of a transaction that rolled back in it. Under the lock one statement reads the head, inserts the entry
 * when the head is the one its MAC was computed on, and (for runWrite) notes the entry on the write's marks — one
 * round trip and the commit, so the entries that wait for the lock follow each other quickly.
 */
async function append(
  trx: Trx,
  entry: NewAuditEntry,
  cause: Omit<FindingCause, 'auditId'> | null,
): Promise<{ id: string; markSources: string[] }> {
  const keyring = currentAuditKeyring();
  const before = toJsonValue(entry.before);
  const after = toJsonValue(entry.after);
  await sql`select pg_advisory_xact_lock(${chainLockKey})`.execute(trx);
  // The time is read under the lock, so entries' times follow their order in the chain.
  const fields: ChainedFields = { ...entry, at: entry.at ?? new Date(), before, after };
  let prevHash = guessedHead ?? genesisHash;
  for (let attempt = 0; ; attempt++) {
    const hash = entryMac(keyring.key, prevHash, fields);
    // The statement's snapshot is taken after the lock is held: `head` is the last committed entry.
    const { rows } = await sql<{ id: string | null; head: string; sources: string[] | null }>`
      with head as (
        select coalesce((select hash from audit_log order by id desc limit 1), ${genesisHash}) as hash),
      entry as (
        insert into audit_log (at, actor_id, actor_name, ip, action, target_type, target_id, summary, before, after,
          outcome, prev_hash, hash, key_id)
        select ${fields.at}::timestamptz, ${fields.actorId}::integer, ${fields.actorName}::text, ${fields.ip}::text,
          ${fields.action}::text, ${fields.targetType}::text, ${fields.targetId}::text, ${fields.summary}::text,
          ${JSON.stringify(fields.before)}::jsonb, ${JSON.stringify(fields.after)}::jsonb, ${fields.outcome}::text,
          ${prevHash}::text, ${hash}::text, ${keyring.keyId}::text
        from head where head.hash = ${prevHash}::text
        returning id)${cause ? sql`, marks as (${noteMarksCauseSql('entry', cause)})` : sql``}
      select (select id from entry) as id, (select hash from head) as head,
        ${cause ? sql`array(select source from marks)` : sql`null::text[]`} as sources`.execute(trx);
    const row = rows[0]!;
    if (row.id !== null) {
      guessedHead = hash;
      noteAuditAppend();
      return { id: String(row.id), markSources: [...new Set(row.sources ?? [])] };
    }
    // Another process appended since, or the guessed entry rolled back: chain to the real head (held still).
    if (attempt > 0) throw new Error('audit chain head moved while the chain lock was held');
    prevHash = row.head;
  }
}

/** Appends one entry in its own transaction (for failures, whose business transaction rolled back). */
export async function appendAuditEntryAlone(db: Db, entry: NewAuditEntry): Promise<string> {
  return db.transaction().execute((trx) => appendAuditEntry(trx, entry));
}

type AppendListener = () => void;
const listeners = new Set<AppendListener>();

/** Told of every append (cheap: listeners only count); the checkpointer decides when to write. */
function noteAuditAppend(): void {
  for (const l of listeners) l();
}

/** Subscribes to appends (modules/audit's checkpointer); returns the unsubscribe function. */
export function onAuditAppend(listener: AppendListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
