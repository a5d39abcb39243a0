import { createHash } from 'node:crypto';

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

/** sha256 over the previous entry's hash and this entry's canonical content. */
export function entryHash(prevHash: string, f: ChainedFields): string {
  const body = canonicalJson({ ...f, at: f.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** A JSON-safe copy (dates as ISO strings, no undefined, no NUL characters jsonb would refuse). */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)) ?? 'null',
  );
}
