import type { Kysely } from 'kysely';

/**
 * Audit entries keyed with an HMAC: `key_id` names the audit key (first 8 hex of its sha256) an entry's hash
 * was computed with; null marks the entries written before, chained with plain sha256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('key_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('key_id').execute();
}
