import { createHash, createHmac } from 'node:crypto';

/** Hash of the (empty) entry before the first one. */
export const genesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields of an audit entry that the hash covers. */
export interface ChainedFields {
  at: Date;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
}

function entryBody(f: ChainedFields): string {
  return canonicalJson({ ...f, at: f.at.toISOString() });
}

/**
 * sha256 over the previous entry's hash and this entry's canonical content: the rule of entries written
 * before the keyed MAC (key_id null). Anyone with database access can recompute it, so it only proves
 * consistency, not authenticity.
 */
export function entryHash(prevHash: string, f: ChainedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(entryBody(f)).digest('hex');
}

/**
 * HMAC-SHA256, keyed with the audit key kept outside the database, over the previous entry's hash and
 * this entry's canonical content: whoever lacks the key cannot recompute the chain after an edit.
 */
export function entryMac(key: Uint8Array, prevHash: string, f: ChainedFields): string {
  return createHmac('sha256', key)
    .update('dangjian-audit:v2\n')
    .update(prevHash)
    .update('\n')
    .update(entryBody(f))
    .digest('hex');
}

/** Short public name of a key (first 8 hex of its sha256), stored on each entry to tell a wrong key from tampering. */
export function auditKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** A JSON-safe copy (dates as ISO strings, no undefined, no NUL characters jsonb would refuse). */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)) ?? 'null',
  );
}
