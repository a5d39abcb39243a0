import { type AuditEntry, auditActionLabels, auditTargetTypeLabels } from '@dangjian/core';
import type { AuditRow } from '../../db/schema.ts';

/** An audit row as the auditor sees it. */
export function presentAuditEntry(r: AuditRow, targetName: string | null): AuditEntry {
  return {
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    ip: r.ip,
    action: r.action,
    actionLabel: auditActionLabels[r.action] ?? r.action,
    targetType: r.target_type,
    targetTypeLabel: r.target_type ? (auditTargetTypeLabels[r.target_type] ?? r.target_type) : null,
    targetId: r.target_id,
    targetName,
    summary: r.summary,
    before: r.before,
    after: r.after,
    outcome: r.outcome as AuditEntry['outcome'],
    hash: r.hash,
  };
}
