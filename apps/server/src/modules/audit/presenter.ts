import type { AuditEntry } from '@dangjian/core';
import type { AuditRow } from '../../db/schema.ts';

/** An audit row as the auditor sees it. */
export function presentAuditEntry(r: AuditRow, actionLabel: string): AuditEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    ip: r.ip,
    action: r.action,
    actionLabel,
    targetType: r.target_type,
    targetId: r.target_id,
    summary: r.summary,
    before: r.before,
    after: r.after,
    outcome: r.outcome as AuditEntry['outcome'],
    hash: r.hash,
  };
}
