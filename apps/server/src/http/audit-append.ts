import { sql } from 'kysely';
import { type ChainedFields, entryMac, genesisHash, toJsonValue } from './audit-chain.ts';
import { currentAuditKeyring } from './audit-keyring.ts';
import type { Db, Trx } from './context.ts';

// Appending to the audit chain is a platform mechanism: runWrite, the guard, sign-in, set-up and account
// recovery all append; modules/audit lists, verifies and checkpoints the chain.

/** Key of the advisory lock that serialises appends, so the chain never forks. */
const chainLockKey = 727_001;

/** A new entry, before chaining. */
export type NewAuditEntry = Omit<ChainedFields, 'at'> & { at?: Date };

/** Appends one entry inside `trx`, linked to the previous entry by an HMAC under the audit key; returns its id. */
export async function appendAuditEntry(trx: Trx, entry: NewAuditEntry): Promise<string> {
  const keyring = currentAuditKeyring();
  await sql`select pg_advisory_xact_lock(${chainLockKey})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? genesisHash;
  const fields: ChainedFields = {
    ...entry,
    at: entry.at ?? new Date(),
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
  };
  const hash = entryMac(keyring.key, prevHash, fields);
  const { id } = await trx
    .insertInto('audit_log')
    .values({
      at: fields.at,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      ip: fields.ip,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      summary: fields.summary,
      before: JSON.stringify(fields.before),
      after: JSON.stringify(fields.after),
      outcome: fields.outcome,
      prev_hash: prevHash,
      hash,
      key_id: keyring.keyId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  noteAuditAppend();
  return id;
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
