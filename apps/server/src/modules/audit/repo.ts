import { type AuditProblem, addDays, auditProblemLabels } from '@dangjian/core';
import { sql } from 'kysely';
import type { AuditRow } from '../../db/schema.ts';
import { type ChainedFields, entryHash, entryMac, genesisHash } from '../../http/audit-chain.ts';
import type { AuditKeyring } from '../../http/audit-keyring.ts';
import type { Db } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

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

/** A point of the chain recorded outside the database: its entry must still be there with this hash. */
export interface ChainAnchor {
  id: number;
  hash: string;
  /** Where it was recorded, for the reason: 检查点文件 / 您保存的检查点. */
  source: string;
}

/** Result of walking the chain. */
export interface ChainWalk {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
  reason: string | null;
  problem: AuditProblem | null;
  anchorsChecked: number;
  head: { id: number; hash: string } | null;
}

/** The chained fields of a stored row. */
export function chainedFieldsOf(r: AuditRow): ChainedFields {
  return {
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
  };
}

/**
 * Re-computes the chain in id order from `from` (default: the start), and checks each anchor on the way.
 * Entries with a key id are checked with the HMAC; entries without one (written before the key existed) with
 * plain sha256, but only before the first keyed entry and not after `keyedAfter` (the first checkpoint the
 * keyed platform wrote), so recomputing the chain with plain sha256 is caught.
 */
export async function walkAuditChain(
  db: Db,
  keyring: AuditKeyring,
  options: { from?: { id: number; hash: string }; anchors?: ChainAnchor[]; keyedAfter?: number | null } = {},
  batch = 2000,
): Promise<ChainWalk> {
  let prevHash = options.from?.hash ?? genesisHash;
  let lastId = String(options.from?.id ?? 0);
  let head: ChainWalk['head'] = options.from ? { id: options.from.id, hash: options.from.hash } : null;
  const anchors = (options.anchors ?? []).filter((a) => a.id > Number(lastId)).sort((a, b) => a.id - b.id);
  let ai = 0;
  let anchorsChecked = 0;
  let checked = 0;
  let sawKeyed = false;
  const keyedAfter = options.keyedAfter ?? null;
  const fail = (problem: AuditProblem, id: number, detail: string): ChainWalk => ({
    ok: false,
    checked,
    firstBrokenId: id,
    reason: `${auditProblemLabels[problem]}：${detail}`,
    problem,
    anchorsChecked,
    head,
  });
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
      const missing = anchors[ai];
      if (missing && missing.id < id)
        return fail(
          'checkpoint',
          missing.id,
          `${missing.source}记有第 ${missing.id} 条记录，但它已不在数据库中`,
        );
      if (r.prev_hash !== prevHash)
        return fail('link', id, `第 ${id} 条记录所记的前一条哈希与前一条记录不一致`);
      const fields = chainedFieldsOf(r);
      if (r.key_id === null) {
        if (sawKeyed || (keyedAfter !== null && id > keyedAfter))
          return fail(
            'unkeyed',
            id,
            `第 ${id} 条记录没有密钥签名，而此时平台已启用审计密钥（有人用普通 SHA-256 重算了哈希链）`,
          );
        if (entryHash(prevHash, fields) !== r.hash)
          return fail('edited', id, `第 ${id} 条记录（启用密钥前写入）的内容与其哈希不符`);
      } else {
        if (r.key_id !== keyring.keyId)
          return fail(
            'wrong_key',
            id,
            `第 ${id} 条记录由密钥 ${r.key_id} 签名，而当前审计密钥为 ${keyring.keyId}。请确认 DJ_AUDIT_KEY 或 DATA_DIR/audit-key 是否为本平台的密钥；若密钥无误，则记录被篡改`,
          );
        if (entryMac(keyring.key, prevHash, fields) !== r.hash)
          return entryHash(prevHash, fields) === r.hash
            ? fail(
                'unkeyed',
                id,
                `第 ${id} 条记录的哈希是不带密钥的普通 SHA-256（有人在没有密钥的情况下重算了哈希链）`,
              )
            : fail(
                'edited',
                id,
                `第 ${id} 条记录的内容与其密钥签名不符（记录被改动，或有人用错误的密钥重算了哈希链）`,
              );
        sawKeyed = true;
      }
      for (let a = anchors[ai]; a && a.id === id; a = anchors[ai]) {
        if (a.hash !== r.hash)
          return fail(
            'checkpoint',
            id,
            `${a.source}记录第 ${id} 条的哈希为 ${a.hash.slice(0, 16)}…，数据库中为 ${r.hash.slice(0, 16)}…`,
          );
        ai += 1;
        anchorsChecked += 1;
      }
      prevHash = r.hash;
      lastId = r.id;
      head = { id, hash: r.hash };
      checked += 1;
    }
  }
  const rest = anchors[ai];
  if (rest)
    return fail(
      'truncated',
      rest.id,
      `${rest.source}记到第 ${anchors[anchors.length - 1]!.id} 条，数据库中最后一条是第 ${head?.id ?? 0} 条`,
    );
  return { ok: true, checked, firstBrokenId: null, reason: null, problem: null, anchorsChecked, head };
}

/** The name of the database the chain lives in (checkpoints are kept per database). */
export async function databaseName(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  return rows[0]!.name;
}

/** The stored hash of audit entry `id`, if the entry exists. */
export async function hashOfEntry(db: Db, id: number) {
  return db.selectFrom('audit_log').select('hash').where('id', '=', String(id)).executeTakeFirst();
}

/** The highest audit entry id (null id when the log is empty). */
export async function maxAuditId(db: Db) {
  return db.selectFrom('audit_log').select(db.fn.max('id').as('id')).executeTakeFirst();
}

/**
 * The names of the objects some entries are about, by `type:id` (an org's name, a person's, an activity's
 * title…), so the log reads "修改党组织：软件教工党支部" rather than "org #12". Objects since removed have none.
 */
export async function targetNames(
  db: Db,
  refs: readonly { type: string; id: string }[],
): Promise<Map<string, string>> {
  const idsOf = (type: string) => [
    ...new Set(refs.filter((r) => r.type === type && /^\d+$/.test(r.id)).map((r) => Number(r.id))),
  ];
  const out = new Map<string, string>();
  const put = (type: string, rows: { id: number | string; name: string | null }[]) => {
    for (const r of rows) if (r.name) out.set(`${type}:${r.id}`, r.name);
  };
  const queries: Promise<void>[] = [];
  const q = (
    type: string,
    run: (ids: number[]) => Promise<{ id: number | string; name: string | null }[]>,
  ) => {
    const ids = idsOf(type);
    if (ids.length > 0) queries.push(run(ids).then((rows) => put(type, rows)));
  };
  q('org', (ids) => db.selectFrom('org').select(['id', 'name']).where('id', 'in', ids).execute());
  q('person', (ids) => db.selectFrom('person').select(['id', 'name']).where('id', 'in', ids).execute());
  q('user', (ids) =>
    db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
  );
  q('unit', (ids) => db.selectFrom('unit').select(['id', 'name']).where('id', 'in', ids).execute());
  q('major', (ids) => db.selectFrom('major').select(['id', 'name']).where('id', 'in', ids).execute());
  q('activity', (ids) =>
    db.selectFrom('activity').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  );
  q('term', (ids) =>
    db
      .selectFrom('term as t')
      .innerJoin('org as o', 'o.id', 't.org_id')
      .select(['t.id', sql<string>`o.name || '第' || t.number || '届'`.as('name')])
      .where('t.id', 'in', ids)
      .execute(),
  );
  q('appointment', (ids) =>
    db
      .selectFrom('appointment as a')
      .innerJoin('org as o', 'o.id', 'a.org_id')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.id', sql<string>`p.name || '（' || o.name || '）'`.as('name')])
      .where('a.id', 'in', ids)
      .execute(),
  );
  q('transfer', (ids) =>
    db
      .selectFrom('transfer as t')
      .leftJoin('person as p', 'p.id', 't.person_id')
      .select(['t.id', sql<string>`coalesce(p.name, t.person_snapshot->>'name')`.as('name')])
      .where('t.id', 'in', ids)
      .execute(),
  );
  q('recruitment', (ids) =>
    db
      .selectFrom('recruitment as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .select(['r.id', 'p.name'])
      .where('r.id', 'in', ids)
      .execute(),
  );
  q('member_correction', (ids) =>
    db
      .selectFrom('member_correction as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .select(['c.id', 'p.name'])
      .where('c.id', 'in', ids)
      .execute(),
  );
  q('finding', (ids) =>
    db
      .selectFrom('finding as f')
      .innerJoin('org as o', 'o.id', 'f.org_id')
      .select(['f.id', 'o.name'])
      .where('f.id', 'in', ids.map(String))
      .execute(),
  );
  q('org_robot', (ids) =>
    db
      .selectFrom('org_robot as r')
      .innerJoin('org as o', 'o.id', 'r.org_id')
      .select(['r.id', sql<string>`o.name || '群机器人'`.as('name')])
      .where('r.id', 'in', ids)
      .execute(),
  );
  await Promise.all(queries);
  return out;
}
