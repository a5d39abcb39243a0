import { addDays } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';
import { type ChainedFields, entryHash, genesisHash, toJsonValue } from './chain.ts';

/** Key of the advisory lock that serialises appends, so the chain never forks. */
const chainLockKey = 727_001;

/** A new entry, before chaining. */
export type NewAuditEntry = Omit<ChainedFields, 'at'> & { at?: Date };

/** Appends one entry inside `trx`, linked to the previous entry's hash. */
export async function appendAuditEntry(trx: Trx, entry: NewAuditEntry): Promise<void> {
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
  const hash = entryHash(prevHash, fields);
  await trx
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
    })
    .execute();
}

/** Appends one entry in its own transaction (for failures, whose business transaction rolled back). */
export async function appendAuditEntryAlone(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.transaction().execute((trx) => appendAuditEntry(trx, entry));
}

/** Filters of the audit-log list; dates are the college's calendar days (Asia/Shanghai). */
export interface AuditFilter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  page: number;
  pageSize: number;
}

/** One page of entries, newest first, with the total matching the filter. */
export async function listAuditEntries(db: Db, f: AuditFilter) {
  let base = db.selectFrom('audit_log');
  if (f.from)
    base = base.where('at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to)
    base = base.where(
      'at',
      '<',
      sql<Date>`(${addDays(f.to, 1)}::date)::timestamp at time zone 'Asia/Shanghai'`,
    );
  if (f.actor) base = base.where('actor_name', 'ilike', `%${escapeLike(f.actor)}%`);
  if (f.action) base = base.where('action', '=', f.action);
  if (f.targetType) base = base.where('target_type', '=', f.targetType);
  if (f.outcome) base = base.where('outcome', '=', f.outcome);
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** Result of re-computing the chain. */
export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
}

/** Re-computes every hash in id order; reports the first entry whose content or link does not match. */
export async function verifyAuditChain(db: Db, batch = 2000): Promise<VerifyResult> {
  let prevHash = genesisHash;
  let lastId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where(sql<boolean>`id > ${lastId}::bigint`)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r.id);
      if (r.prev_hash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBrokenId: id,
          reason: '与前一条记录的链接不一致（可能有记录被删除或插入）',
        };
      }
      const expected = entryHash(prevHash, {
        at: new Date(r.at),
        actorId: r.actor_id,
        actorName: r.actor_name,
        ip: r.ip,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        summary: r.summary,
        before: r.before,
        after: r.after,
        outcome: r.outcome,
      });
      if (expected !== r.hash)
        return { ok: false, checked, firstBrokenId: id, reason: '记录内容与其哈希值不符（可能被篡改）' };
      prevHash = r.hash;
      lastId = r.id;
      checked += 1;
    }
  }
  return { ok: true, checked, firstBrokenId: null, reason: null };
}
